"""Data files a configuration names (registrations, inscriptions): read once, as rows of text cells.

``read_file`` reads the bytes (refusing a folder, a missing file, a FIFO or device, and a file too large to be
what it claims); ``rows`` yields each row of a CSV (UTF-8, with or without BOM; comma, semicolon or tab, or the
delimiter an Excel ``sep=`` first line names) or XLSX file as ``(row number, cells)``, heading row first. Every
problem is a ``ConfigError`` naming the file; a damaged CSV (an unclosed quote) also names its row and column,
and a workbook is refused by its unpacked size before it is unpacked.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from meetplan.errors import ConfigError, Problem

Rows = Iterator[tuple[int, list[str]]]


def read_file(path: Path, *, limit: int, what: str, missing: Problem) -> bytes:
    """The file's bytes; ``missing`` is the problem reported when it does not exist (it names the key that names it).

    Opened without blocking and checked to be a regular file before a byte is read: a FIFO or a device (a
    terminal, /dev/zero) would hang the build or never end, and its size says nothing.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise ConfigError([missing]) from None
    except IsADirectoryError:
        raise ConfigError([Problem(file=str(path), message=f"is a folder, not {what}")]) from None
    except OSError as error:
        raise ConfigError([Problem(file=str(path), message=f"cannot be read: {error.strerror}")]) from None
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise ConfigError([Problem(file=str(path), message=f"is a folder, not {what}")])
        if not stat.S_ISREG(status.st_mode):
            raise ConfigError([Problem(file=str(path), field="(file)", message=(
                f"is {_file_kind(status.st_mode)}, not a regular file: give the path of {what}"))])
        if status.st_size > limit:
            raise ConfigError([Problem(file=str(path), field="(file)", message=f"is {status.st_size:,} bytes; {what} is at most {limit:,}")])
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            # One byte more than the limit: a file that grows while it is read is caught all the same.
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise ConfigError([Problem(file=str(path), field="(file)", message=f"is more than {limit:,} bytes; {what} is at most {limit:,}")])
        return data
    except OSError as error:
        raise ConfigError([Problem(file=str(path), message=f"cannot be read: {error.strerror}")]) from None
    finally:
        os.close(descriptor)


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


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


# Excel's own limit on the text of one cell; no registration or inscription comes near it, and a longer cell
# is a damaged file (a quote that swallowed the rows after it) or a hostile one.
MAX_CELL_CHARACTERS = 32_767
# A workbook is a ZIP of XML files, about ten times larger unpacked than packed; more than this is no list of
# people, but a "ZIP bomb" that would exhaust the memory (3 MB can unpack to 3 GB).
MAX_UNPACKED_BYTES = 300_000_000

# Excel's first line naming the delimiter ("sep=;"), which Excel hides and other programs show as a row.
_SEP_LINE = re.compile(r'"?sep=(.)"?\1*[ \t]*', re.IGNORECASE)


def csv_rows(data: bytes, file: str) -> Rows:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        raise ConfigError([Problem(file=file, line=row, field=_column_at(data, error.start),
                                   message=f"is not UTF-8 text (byte 0x{data[error.start]:02x}); export it as \"CSV UTF-8\"")]) from None
    first_line, _, rest = text.partition("\n")
    sep = _SEP_LINE.fullmatch(first_line.rstrip("\r"))
    if sep is not None:
        # The heading is the next line, and rows keep the numbers a text editor shows (the heading is row 2).
        return _csv_lines(rest, file, sep[1], first_row=2)
    # Spreadsheets set to a European locale export with semicolons; the heading row tells which one it is.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    return _csv_lines(text, file, delimiter, first_row=1)


def _heading_line(data: bytes) -> tuple[str, int]:
    """The heading row of a CSV file's bytes and its line number: line 2 after an Excel ``sep=`` line."""
    # Latin-1 decodes any byte, and the delimiters and quotes are ASCII, so the cells are counted right.
    lines = data.split(b"\n", 2)
    first = lines[0].decode("latin-1").removeprefix("\xef\xbb\xbf").rstrip("\r")
    if _SEP_LINE.fullmatch(first) and len(lines) > 1:
        return lines[1].decode("latin-1").rstrip("\r"), 2
    return first, 1


def _column_at(data: bytes, offset: int) -> str:
    """The column holding the byte at ``offset`` of a CSV file, by its heading: "column 'Last Name'"."""
    first_line, heading_row = _heading_line(data)
    delimiter = max((",", ";", "\t"), key=first_line.count)
    start = data.rfind(b"\n", 0, offset) + 1
    if data[:start].count(b"\n") < heading_row:
        return "heading row"
    heading = next(csv.reader([first_line], delimiter=delimiter))
    index = len(next(csv.reader([data[start:offset].decode("latin-1")], delimiter=delimiter), [""])) - 1
    return _column_name(heading, index)


def _column_name(heading: list[str], index: int) -> str:
    return f"column {heading[index].strip()!r}" if index < len(heading) and heading[index].strip() else f"column {index + 1}"


def _csv_lines(text: str, file: str, delimiter: str, first_row: int) -> Rows:
    # strict: a quoted cell must end with its quote; otherwise the reader takes the rest of the file into it.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    # A cell too long can only be on a line too long or in a record over several lines.
    if max(map(len, text.splitlines()), default=0) > MAX_CELL_CHARACTERS:
        yield from _checked_lines(text, file, delimiter, first_row)
        return
    # The usual file is read at the csv module's speed; only a file that the strict reader refuses, or whose
    # records span more lines than there are records, is read again record by record to say where and why.
    numbers = itertools.count(first_row)
    try:
        yield from zip(numbers, reader, strict=False)
    except csv.Error as error:
        yield from _checked_lines(text, file, delimiter, first_row, again=True)
        raise ConfigError([Problem(file=file, field="(file)", message=f"not readable as CSV: {error}")]) from None
    records = next(numbers) - first_row - 1  # zip took one number more than there were records
    if reader.line_num > records:
        yield from _checked_lines(text, file, delimiter, first_row, again=True)


def _checked_lines(text: str, file: str, delimiter: str, first_row: int, again: bool = False) -> Rows:
    """The records one by one, each checked: a quote never closed, or closed rows later; a cell too long.

    With ``again``, the file was read already and only a problem is wanted: nothing is yielded.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    heading: list[str] = []
    row = first_row - 1
    lines_before = 0  # physical lines read before the current record, to find where a bad record starts
    try:
        for cells in reader:
            row += 1
            if row == first_row:
                heading = cells
            if reader.line_num - lines_before > 1:
                # A cell with a line break, or a quote that swallowed further rows.
                fault = _swallowed_rows(cells, delimiter, len(heading))
                if fault is not None:
                    raise ConfigError([Problem(file=file, line=row, field=_column_name(heading, fault[0]), message=fault[1])])
            lines_before = reader.line_num
            if cells and max(map(len, cells)) > MAX_CELL_CHARACTERS:
                raise ConfigError([_long_cell(file, row, heading, cells)])
            if not again:
                yield row, cells
    except csv.Error as error:
        index, message = _csv_fault(text, lines_before, delimiter, len(heading), str(error))
        field = _column_name(heading, index) if index is not None and row >= first_row else None
        raise ConfigError([Problem(file=file, line=row + 1, field=field, message=message)]) from None


def _swallowed_rows(cells: list[str], delimiter: str, width: int) -> tuple[int, str] | None:
    """(column, message) for a cell whose quote took in what look like further rows, else None.

    A line of a cell holding as many delimiters as a row has is a row: a quote opened in one row was closed
    only by a stray quote in a later one, and the rows between would be published as the text of one cell.
    """
    needed = max(2, width - 1)
    for index, cell in enumerate(cells):
        if "\n" in cell or "\r" in cell:
            later = cell.splitlines()[1:]
            rows = [line for line in later if line.count(delimiter) >= needed]
            if rows:
                return index, (f"a quote opened here closes only {len(later)} line{'s' if len(later) > 1 else ''} further on, "
                               f"taking in what look like {len(rows)} further row{'s' if len(rows) > 1 else ''} as one cell; close it or remove it")
    return None


_QUOTED = re.compile(r'"[^"]*(?:""[^"]*)*"')


def _csv_fault(text: str, lines_before: int, delimiter: str, width: int, error: str) -> tuple[int | None, str]:
    """(column index, message) for the record that Python's csv reader refused, which starts after
    ``lines_before`` physical lines: which cell's quote is never closed, or has text after it."""
    lines = io.StringIO(text, newline="").readlines()
    record = "".join(lines[lines_before:])
    unquoted = re.compile(f"[^{re.escape(delimiter)}\r\n]*")
    position, index = 0, 0
    while position < len(record):
        if record[position] == '"':
            quoted = _QUOTED.match(record, position)
            if quoted is None:
                return index, "a quote opened here is never closed (the rest of the file would be one cell); close it or remove it"
            position = quoted.end()
            after = record[position:position + 1]
            swallowed = _swallowed_rows([quoted[0]], delimiter, width)
            if swallowed is not None:
                return index, swallowed[1]
            if after not in (delimiter, "\r", "\n", ""):
                return index, ("text follows the closing quote of a quoted cell: put the whole cell in quotes, "
                               "and write each quote inside it twice (\"\")")
        else:
            position = unquoted.match(record, position).end()  # type: ignore[union-attr]
        if position >= len(record) or record[position] in "\r\n":
            break
        position += 1
        index += 1
    return None, f"not readable as CSV: {error}"


def _long_cell(file: str, row: int, heading: list[str], cells: list[str]) -> Problem:
    index = max(range(len(cells)), key=lambda i: len(cells[i]))
    return Problem(file=file, line=row, field=_column_name(heading, index), message=(
        f"holds {len(cells[index]):,} characters; a cell holds at most {MAX_CELL_CHARACTERS:,} (Excel's limit), "
        "so the file is damaged: check the quotes around this cell"))


def xlsx_rows(data: bytes, file: str, sheet: str | None, sheet_field: str = "participants.sheet") -> Rows:
    import zipfile  # here, as openpyxl: only a workbook needs them, and most files are CSV

    from openpyxl import load_workbook

    _check_unpacked_size(data, file)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ConfigError([Problem(file=file, field="(file)", message=_not_a_workbook(data, error))]) from None
    return _sheet_rows(workbook, file, sheet, sheet_field)


def _check_unpacked_size(data: bytes, file: str) -> None:
    """Refuse a workbook by the sizes its ZIP directory declares, before anything is unpacked.

    The sizes can be trusted: Python's zipfile never unpacks more than a member's declared size.
    """
    import zipfile

    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # openpyxl's own error says what is wrong with the file
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise ConfigError([Problem(file=file, field="(file)", message=(
            f"unpacks to {unpacked:,} bytes; a workbook meetplan reads is at most {MAX_UNPACKED_BYTES:,} bytes unpacked "
            f"(this one is {len(data):,} bytes packed): it is not a list of registrations or inscriptions"))])


def _sheet_rows(workbook: Any, file: str, sheet: str | None, sheet_field: str) -> Rows:
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise ConfigError([Problem(file=file, field=sheet_field, message=f"no sheet {sheet!r}; the sheets are: {', '.join(workbook.sheetnames)}")])
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        heading: list[str] = []
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            cells = [cell_text(value) for value in values]
            if number == 1:
                heading = cells
            if cells and max(map(len, cells)) > MAX_CELL_CHARACTERS:
                raise ConfigError([_long_cell(file, number, heading, cells)])
            yield number, cells
    finally:
        workbook.close()


def _not_a_workbook(data: bytes, error: Exception) -> str:
    """Why a ZIP file is no workbook: a ZIP of other files (a renamed .docx, an archive) says what it holds."""
    import zipfile

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
