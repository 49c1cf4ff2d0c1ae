"""The programme as a Word document (programme.docx): the same rows as programme.md, in tables built with the
annex's Word helpers (render/word.py): italic headings, the UN table rules, "continued" in italics.

Kept apart from programme.py because python-docx is slow to import and only this format needs it.
"""

from __future__ import annotations

from typing import Any

from docx.shared import Cm, Pt

from meetplan.model import Programme as ProgrammeModel
from meetplan.model import ProgrammeLayout
from meetplan.render import Artifact, word
from meetplan.render.annex import CONTINUED, headings
from meetplan.render.programme import COLUMNS, NAME, Line, programme_rows, tables

# The A4 text width: the annex's for a table per body, two equal wide columns beside the time for the column layout.
TABLE_WIDTHS = (Cm(4.4), Cm(1.9), Cm(10.3))
COLUMN_WIDTHS = (Cm(3.6), Cm(6.5), Cm(6.5))

Cell = Line | None


def _table(document: Any, heads: tuple[str, ...], rows: list[tuple[bool, tuple[Cell, ...]]], widths: tuple[Any, ...]) -> None:
    """A table of ``rows`` (whether a day's heading row, and its cells) under italic ``heads``, as the annex's."""
    table = document.add_table(rows=1 + len(rows), cols=len(heads))
    table.autofit = False
    word.rule_borders(table)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    header = table.rows[0]
    word.repeat_as_heading(header)
    for cell, text in zip(header.cells, heads, strict=True):
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(3)
        paragraph.add_run(text).italic = True
        word.rule_below(cell)
    for table_row, (is_day, cells) in zip(table.rows[1:], rows, strict=True):
        word.keep_row_together(table_row)
        for cell, line in zip(table_row.cells, cells, strict=True):
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_before = Pt(6) if is_day else Pt(2)
            paragraph.paragraph_format.keep_with_next = is_day or None
            if line is None or not line.text:
                continue
            paragraph.add_run(line.text)
            if line.continued:
                paragraph.add_run(" (")
                paragraph.add_run(CONTINUED).italic = True
                paragraph.add_run(")")


def render_docx(programme: ProgrammeModel) -> Artifact:
    meeting = programme.plenary.meeting
    document = word.new_document(symbol=meeting.symbol, title="Programme")
    word.heading(document, "Programme", space_after=6)
    if meeting.parallel is not None and meeting.parallel.layout is ProgrammeLayout.TABLES:
        for title, rows in tables(programme):
            word.heading(document, title, size=12)
            _table(document, headings(meeting), [
                (r.is_day, (Line(text=r.time), Line(text=r.item), Line(text=r.title, continued=r.continued))) for r in rows
            ], TABLE_WIDTHS)
    else:
        _table(document, (meeting.time_heading, *COLUMNS), [
            (r.is_day, (Line(text=r.time), r.plenary, r.parallel)) for r in programme_rows(programme)
        ], COLUMN_WIDTHS)
    return Artifact(
        name=f"{NAME}.docx",
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        data=word.save(document, meeting.issued, meeting.stamp),
    )
