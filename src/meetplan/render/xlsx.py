"""What every workbook meetplan writes shares: text cells that stay text, and reproducible saving.

Workbooks are written with openpyxl in write-only mode. openpyxl stores any text beginning with "=" as a
formula and the texts of Excel's error values as errors; ``text_cell`` makes such text a string cell, so that
"=HYPERLINK(...)" typed into a registration form or an inscription never becomes a formula.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from meetplan.model import Meeting
from meetplan.render.ooxml import build_moment, normalize_zip

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
ERROR_TEXTS = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))
# Characters XML 1.0 cannot carry; openpyxl refuses them. They come from pasted text and mean nothing here.
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def text_cell(worksheet: Any, value: str | None) -> Any:
    """A string cell, never a formula or an error value, whatever the text; None stays an empty cell.

    Text that openpyxl would store as a string anyway goes in as it is: a cell object per value would slow a
    sheet of 100,000 registrations for nothing.
    """
    from openpyxl.cell import WriteOnlyCell

    if value is None:
        return None
    value = ILLEGAL.sub("", value)
    if value[:1] == "=" or value in ERROR_TEXTS:
        cell = WriteOnlyCell(worksheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def save(workbook: Any, meeting: Meeting, title: str) -> bytes:
    """The workbook's bytes, stamped with the build moment (the issue date unless SOURCE_DATE_EPOCH is set)."""
    from openpyxl.writer.excel import ExcelWriter

    moment = build_moment(meeting.issued)
    properties = workbook.properties
    properties.creator = properties.lastModifiedBy = "meetplan"
    properties.title = title
    properties.created = properties.modified = moment.replace(tzinfo=None)
    buffer = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook stamps "modified" with the clock. Stored uncompressed here
    # because normalize_zip compresses every member anyway: one pass instead of two.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()
    return normalize_zip(buffer.getvalue(), moment)
