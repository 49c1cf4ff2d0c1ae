"""The annex as a Word document: a real three-column table with italic headings and "continued" in italics."""

from __future__ import annotations

from docx.shared import Cm, Pt

from meetplan.model import Schedule
from meetplan.render import Artifact, word
from meetplan.render.annex import CONTINUED, TITLE, annex_rows, headings

WIDTHS = (Cm(4.4), Cm(1.9), Cm(10.3))  # the A4 text width; LibreOffice reads the grid, Word the cells


def render_docx(schedule: Schedule) -> Artifact:
    meeting = schedule.meeting
    document = word.new_document(symbol=meeting.document_symbol, title=TITLE)
    word.heading(document, "Annex", space_after=6)
    word.heading(document, TITLE, size=12)
    rows = annex_rows(schedule)
    table = document.add_table(rows=1 + len(rows), cols=3)
    table.autofit = False
    word.rule_borders(table)
    for column, width in zip(table.columns, WIDTHS, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, WIDTHS, strict=True):
            cell.width = width
    header = table.rows[0]
    word.repeat_as_heading(header)
    for cell, text in zip(header.cells, headings(meeting), strict=True):
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(3)
        paragraph.add_run(text).italic = True
        word.rule_below(cell)
    for table_row, row in zip(table.rows[1:], rows, strict=True):
        word.keep_row_together(table_row)
        time_cell, item_cell, title_cell = table_row.cells
        for cell in table_row.cells:
            # The three cells start at the same height (the time column no longer sits 2 pt lower), and a day's
            # heading row is kept on the page of its first meeting (issue 17).
            layout = cell.paragraphs[0].paragraph_format
            layout.space_before = Pt(6) if row.is_day else Pt(2)
            layout.keep_with_next = row.is_day or None
        time_paragraph = time_cell.paragraphs[0]
        time_paragraph.add_run(row.time)
        item_cell.paragraphs[0].add_run(row.item)
        title_paragraph = title_cell.paragraphs[0]
        title_paragraph.paragraph_format.space_after = Pt(2)
        title_paragraph.add_run(row.title)
        if row.continued:
            title_paragraph.add_run(" (")
            title_paragraph.add_run(CONTINUED).italic = True
            title_paragraph.add_run(")")
    return Artifact(
        name="annex.docx",
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        data=word.save(document, meeting.issued, meeting.stamp),
    )
