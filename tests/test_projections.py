"""The golden files' projections keep what a reader of a workbook or a Word document sees."""

from __future__ import annotations

import datetime as dt
import io

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from openpyxl import Workbook
from openpyxl.styles import Font

from projections import document_text, workbook_text


def _workbook_bytes() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Speakers"
    sheet.append(["Name", "Minutes", "Starts"])
    sheet.append(["Ms. Ruiz", 7.5, dt.datetime(2020, 9, 8, 10, 15)])
    sheet["A1"].font = Font(bold=True)
    sheet["B2"].number_format = "0.0"
    sheet["C2"].number_format = "hh:mm"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = "A1:C2"
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = "1:1"
    sheet.oddFooter.center.text = "Page &P"
    sheet.column_dimensions["A"].width = 30
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_workbook_projection_keeps_values_types_formats_and_print_settings() -> None:
    """Sheet name, frozen panes, filter, print settings, widths and each cell's type, value and format."""
    assert workbook_text(_workbook_bytes()).splitlines() == [
        "== sheet 'Speakers' (visible)",
        "dimensions: A1:C2",
        "frozen panes: A2",
        "autofilter: A1:C2",
        "merged: []",
        "print: orientation=landscape paper=None fit to page=True (None wide, 0 tall) titles=$1:$1,None area=",
        "footer center: 'Page &P'",
        "columns: A=30.0",
        "1: A s 'Name' bold | B s 'Minutes' | C s 'Starts'",
        "2: A s 'Ms. Ruiz' | B n 7.5 {0.0} | C d 2020-09-08T10:15:00 {hh:mm}",
    ]


def test_document_projection_keeps_styles_marks_tables_and_page_breaks() -> None:
    """Each paragraph with its style, bold and italic runs, a page break, a table's rows and the section."""
    document = docx.Document()
    heading = document.add_paragraph(style="Heading 1")
    heading.add_run("Annex").bold = True
    paragraph = document.add_paragraph("Item 2 ")
    paragraph.add_run("continued").italic = True
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "10 a.m."
    table.cell(0, 1).paragraphs[0].add_run("Opening").italic = True
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.header.paragraphs[0].text = "CTOC/COP/WG.7/2020/1"
    buffer = io.BytesIO()
    document.save(buffer)
    assert document_text(buffer.getvalue()).splitlines() == [
        "[Heading 1] <b>Annex</b>",
        "[Normal] Item 2 <i>continued</i><page break>",
        "<table 'Normal Table'>",
        "| 10 a.m. | <i>Opening</i> |",
        "</table>",
        "== section: portrait 215 x 279 mm, start new_page",
        "header: [Header] CTOC/COP/WG.7/2020/1",
    ]
