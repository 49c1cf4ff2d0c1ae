"""Data files a configuration names (registrations, inscriptions): read once, as rows of text cells.

``read_file`` reads the bytes (refusing a folder, a missing file and a file too large to be what it claims);
``rows`` yields each row of a CSV (UTF-8, with or without BOM; comma, semicolon or tab) or XLSX file as
``(row number, cells)``, heading row first. Every problem is a ``ConfigError`` naming the file.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from meetplan.errors import ConfigError, Problem

Rows = Iterator[tuple[int, list[str]]]


def read_file(path: Path, *, limit: int, what: str, missing: Problem) -> bytes:
    """The file's bytes; ``missing`` is the problem reported when it does not exist (it names the key that names it)."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise ConfigError([Problem(file=str(path), field="(file)", message=f"is {size:,} bytes; {what} is at most {limit:,}")])
        return path.read_bytes()
    except FileNotFoundError:
        raise ConfigError([missing]) from None
    except IsADirectoryError:
        raise ConfigError([Problem(file=str(path), message=f"is a folder, not {what}")]) from None
    except OSError as error:
        raise ConfigError([Problem(file=str(path), message=f"cannot be read: {error.strerror}")]) from None


def rows(data: bytes, file: str, sheet: str | None = None, sheet_field: str = "participants.sheet") -> Rows:
    """The rows of a CSV or XLSX file's bytes; ``sheet_field`` is the configuration key a missing sheet names."""
    if data[:4] == b"PK\x03\x04":
        return xlsx_rows(data, file, sheet, sheet_field)
    if file.lower().endswith((".xlsx", ".xlsm")):
        # A CSV saved under an Excel name is the usual slip; say so rather than "not a workbook" alone.
        kind = "text" if b"\x00" not in data[:4096] else "another kind of file"
        raise ConfigError([Problem(file=file, field="(file)", message=(
            f"is not an Excel workbook (.xlsx): it holds {kind}; save it from Excel as .xlsx, or name a CSV file .csv"))])
    return csv_rows(data, file)


def csv_rows(data: bytes, file: str) -> Rows:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        raise ConfigError([Problem(file=file, line=row, field=_column_at(data, error.start),
                                   message=f"is not UTF-8 text (byte 0x{data[error.start]:02x}); export it as \"CSV UTF-8\"")]) from None
    first_line = text.split("\n", 1)[0]
    # Spreadsheets set to a European locale export with semicolons; the heading row tells which one it is.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    return _csv_lines(text, file, delimiter)


def _column_at(data: bytes, offset: int) -> str:
    """The column holding the byte at ``offset`` of a CSV file, by its heading: "column 'Last Name'"."""
    # Latin-1 decodes any byte, and the delimiters and quotes are ASCII, so the cells are counted right.
    first_line = data.split(b"\n", 1)[0].decode("latin-1").removeprefix("\xef\xbb\xbf")
    delimiter = max((",", ";", "\t"), key=first_line.count)
    start = data.rfind(b"\n", 0, offset) + 1
    if start == 0:
        return "heading row"
    heading = next(csv.reader([first_line], delimiter=delimiter))
    index = len(next(csv.reader([data[start:offset].decode("latin-1")], delimiter=delimiter), [""])) - 1
    return f"column {heading[index].strip()!r}" if index < len(heading) and heading[index].strip() else f"column {index + 1}"


def _csv_lines(text: str, file: str, delimiter: str) -> Rows:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from enumerate(reader, start=1)
    except csv.Error as error:
        raise ConfigError([Problem(file=file, line=reader.line_num, message=f"not readable as CSV: {error}")]) from None


def xlsx_rows(data: bytes, file: str, sheet: str | None, sheet_field: str = "participants.sheet") -> Rows:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ConfigError([Problem(file=file, field="(file)", message=_not_a_workbook(data, error))]) from None
    return _sheet_rows(workbook, file, sheet, sheet_field)


def _sheet_rows(workbook: Any, file: str, sheet: str | None, sheet_field: str) -> Rows:
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise ConfigError([Problem(file=file, field=sheet_field, message=f"no sheet {sheet!r}; the sheets are: {', '.join(workbook.sheetnames)}")])
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            yield number, [cell_text(value) for value in values]
    finally:
        workbook.close()


def _not_a_workbook(data: bytes, error: Exception) -> str:
    """Why a ZIP file is no workbook: a ZIP of other files (a renamed .docx, an archive) says what it holds."""
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError):
        return f"not readable as an Excel workbook: {error}"
    if "xl/workbook.xml" in names:
        return f"not readable as an Excel workbook: {error}"
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3:,} more" if len(names) > 3 else "")
    return f"is a ZIP archive of other files ({shown or 'none'}), not an Excel workbook; save the sheet from Excel as .xlsx or CSV UTF-8"


def cell_text(value: Any) -> str:
    """A cell's value as text: nothing for an empty cell, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def overflow(heading: list[str], cells: list[str]) -> tuple[str, str] | None:
    """(field, message) when a row has text beyond the heading row's last column, else None.

    Such a row has its cells shifted (a comma not in quotes), so its other problems would all be wrong.
    """
    extra = [index for index in range(len(heading), len(cells)) if cells[index].strip()]
    if not extra:
        return None
    return (f"column {len(heading) + 1} (no heading)",
            f"the row has {extra[-1] + 1} cells where the heading row has {len(heading)}: a cell that holds a comma must be in quotes")
