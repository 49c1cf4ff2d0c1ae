"""Word documents in the UN layout (A4, Times New Roman), saved reproducibly.

Shared by every .docx meetplan writes; python-docx is imported only when a Word file is rendered.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from meetplan.render.ooxml import build_moment, normalize_zip

FONT = "Times New Roman"
_AFTER_BORDERS = ("shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription")


def new_document(*, symbol: str, title: str, size: float = 10) -> Any:
    """An empty A4 document with the UN body text style (``size`` points) and the symbol in the top right corner
    (or what stands in its place, such as "For internal use")."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin = section.right_margin = Cm(2.2)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(size)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(0)
    # UK English, as UN documents are written: Word checks "programme" and "panellists" against the right dictionary.
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "en-GB")
    normal.element.get_or_add_rPr().append(language)  # last in w:rPr, where the schema puts it
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    # python-docx turns a line break or tab in run text into <w:br/> or <w:tab/>: the symbol stays on one line.
    header.add_run(" ".join(symbol.split())).bold = True
    document.core_properties.title = title
    return document


def masthead(document: Any, *, symbol: str, parent_body: str | None, issued: dt.date, lines: tuple[str, ...] = ()) -> None:
    """The UN masthead at the top of the first page: "United Nations" and the symbol over a rule; the parent body
    beside "Distr.: General", the date and "Original: English"; then ``lines`` in bold (the body, the meeting, its
    venue and dates)."""
    from meetplan.style import full_date

    table = document.add_table(rows=2, cols=2)
    table.autofit = False
    widths = (Cm(8.0), Cm(8.6))  # the A4 text width
    cells = [[table.cell(row, column) for column in range(2)] for row in range(2)]
    for row in cells:
        for cell, width in zip(row, widths, strict=True):
            cell.width = width
    cells[0][0].paragraphs[0].add_run("United Nations").bold = True
    symbol_paragraph = cells[0][1].paragraphs[0]
    symbol_paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    symbol_run = symbol_paragraph.add_run(" ".join(symbol.split()))
    symbol_run.bold, symbol_run.font.size = True, Pt(12)
    for cell in cells[0]:
        rule_below(cell)
    body = cells[1][0].paragraphs[0]
    body.paragraph_format.space_before = Pt(6)
    body.add_run(parent_body or "").bold = True
    distribution = cells[1][1].paragraphs[0]
    distribution.paragraph_format.space_before = Pt(6)
    distribution.add_run(f"Distr.: General\n{full_date(issued)}\n\nOriginal: English")
    for text in lines:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(6) if text is lines[0] else Pt(0)
        paragraph.add_run(text).bold = True
    document.add_paragraph().paragraph_format.space_after = Pt(6)


def heading(document: Any, text: str, *, size: int = 14, space_after: int = 12) -> None:
    """A bold heading paragraph in the UN style (not Word's blue built-in headings)."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(space_after)
    paragraph.paragraph_format.keep_with_next = True
    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = Pt(size)


def rule_borders(table: Any) -> None:
    """UN table rules: a line above and below the whole table, none between columns."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "bottom"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "6")
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), "000000")
        borders.append(element)
    # The schema orders a table's properties; tblBorders comes before shading, layout, margins and look, and
    # Word reports a document as damaged when it does not.
    properties = table._tbl.tblPr
    later = [child for child in properties if child.tag in {qn(f"w:{name}") for name in _AFTER_BORDERS}]
    if later:
        later[0].addprevious(borders)
    else:
        properties.append(borders)


def rule_below(cell: Any) -> None:
    """A line under one cell (the heading row's rule)."""
    properties = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    bottom = OxmlElement("w:bottom")
    for name, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "0"), ("w:color", "000000")):
        bottom.set(qn(name), value)
    borders.append(bottom)
    properties.append(borders)


def repeat_as_heading(row: Any) -> None:
    """Repeat the row at the top of every page, and never split a row across pages."""
    properties = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        properties.append(OxmlElement(tag))


def keep_row_together(row: Any) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def save(document: Any, issued: dt.date, stamp: dt.datetime | None) -> bytes:
    """The document's bytes, with its dates and archive stamps taken from ``stamp`` (else the issue date)."""
    moment = build_moment(issued, stamp).replace(tzinfo=None)
    properties = document.core_properties
    properties.author = properties.last_modified_by = "meetplan"
    properties.created = properties.modified = moment
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue(), build_moment(issued, stamp))
