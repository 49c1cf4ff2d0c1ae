"""Text projections of outputs: the annex rows of each format as cells, italics marked <i>...</i> as in the seeds;
whole workbooks and Word documents as text, for the golden files."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from typing import Any

import docx
from docx.section import Section
from docx.table import Table
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph
from docx.text.run import Run


def rows_from_tsv(data: bytes) -> list[list[str]]:
    return [line.split("\t") for line in data.decode("utf-8").splitlines()]


def _unescape_markdown(cell: str) -> str:
    cell = re.sub(r"(?<!\\)\*([^*]+)(?<!\\)\*", r"<i>\1</i>", cell)
    return re.sub(r"\\(.)", r"\1", cell)


def rows_from_markdown(data: bytes) -> list[list[str]]:
    rows = []
    for line in data.decode("utf-8").splitlines():
        if not line.startswith("|") or set(line) <= {"|", "-", " "}:
            continue
        cells = re.split(r"(?<!\\)\|", line)[1:-1]
        rows.append([_unescape_markdown(cell.strip()) for cell in cells])
    return rows


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "i" and self.cell is not None:
            self.cell.append("<i>")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append("".join(self.cell))
            self.cell = None
        elif tag == "i" and self.cell is not None:
            self.cell.append("</i>")

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def rows_from_html(data: bytes) -> list[list[str]]:
    parser = _TableParser()
    parser.feed(data.decode("utf-8"))
    return parser.rows


def rows_from_docx(data: bytes) -> list[list[str]]:
    document = docx.Document(io.BytesIO(data))
    (table,) = document.tables
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            text = "".join(f"<i>{run.text}</i>" if run.italic else run.text for p in cell.paragraphs for run in p.runs)
            cells.append(text)
        rows.append(cells)
    return rows


PROJECTIONS = {"md": rows_from_markdown, "html": rows_from_html, "docx": rows_from_docx, "tsv": rows_from_tsv}


# --- whole-file projections for the golden files --------------------------------------------------------------------
# What a reader of the workbook or the document sees, as text that diffs line by line; what no reader sees (ZIP
# order, time stamps, run splitting, the XML's spelling) is left out so that it may change freely.

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MM = 36000  # EMU per millimetre


def _cell_text(cell: Any) -> str:
    """A workbook cell as type letter, value and (unless General) number format, with bold and italic marked."""
    value = cell.value
    kind = cell.data_type
    shown = value.isoformat() if hasattr(value, "isoformat") else repr(value)
    text = f"{kind} {shown}"
    if cell.number_format != "General":
        text += f" {{{cell.number_format}}}"
    font = cell.font
    text += " bold" * bool(font.b) + " italic" * bool(font.i)
    return text


def _header_footer(label: str, part: Any) -> list[str]:
    sides = [(side, getattr(part, side).text) for side in ("left", "center", "right")]
    return [f"{label} {side}: {text!r}" for side, text in sides if text]


def workbook_text(data: bytes) -> str:
    """Every sheet of a workbook: its name, layout, print settings, then each row's non-empty cells."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    lines = []
    for sheet in book.worksheets:
        setup = sheet.page_setup
        fit = sheet.sheet_properties.pageSetUpPr
        lines += [
            f"== sheet {sheet.title!r} ({sheet.sheet_state})",
            f"dimensions: {sheet.dimensions}",
            f"frozen panes: {sheet.freeze_panes}",
            f"autofilter: {sheet.auto_filter.ref}",
            f"merged: {sorted(str(cells) for cells in sheet.merged_cells.ranges)}",
            f"print: orientation={setup.orientation} paper={setup.paperSize} fit to page={fit.fitToPage if fit else None}"
            f" ({setup.fitToWidth} wide, {setup.fitToHeight} tall) titles={sheet.print_title_rows},{sheet.print_title_cols}"
            f" area={sheet.print_area}",
            *_header_footer("header", sheet.oddHeader),
            *_header_footer("footer", sheet.oddFooter),
            "columns: "
            + ", ".join(
                f"{letter}={dimension.width}" + " hidden" * bool(dimension.hidden)
                for letter, dimension in sorted(sheet.column_dimensions.items())
                if dimension.customWidth or dimension.hidden
            ),
        ]
        for validation in sheet.data_validations.dataValidation:
            lines.append(f"validation {validation.sqref}: {validation.type} {validation.formula1!r}")
        for conditional in sheet.conditional_formatting:
            lines.append(f"conditional {conditional.sqref}: {[rule.type for rule in conditional.rules]}")
        for row in sheet.iter_rows():
            cells = [f"{cell.column_letter} {_cell_text(cell)}" for cell in row if cell.value is not None]
            if cells:
                lines.append(f"{row[0].row}: " + " | ".join(cells))
    return "\n".join(lines) + "\n"


def _runs_text(paragraph: Paragraph) -> str:
    """A paragraph's text with <b>, <i>, page and line breaks and links marked; runs that look alike are joined."""
    pieces: list[tuple[tuple[bool, bool, str | None], str]] = []

    def add(run: Run, link: str | None) -> None:
        look = (bool(run.bold), bool(run.italic), link)
        for child in run._r:
            if child.tag == _W + "t":
                text = child.text or ""
            elif child.tag == _W + "tab":
                text = "\t"
            elif child.tag == _W + "br":
                text = "<page break>" if child.get(_W + "type") == "page" else "<br>"
            elif child.tag == _W + "cr":
                text = "<br>"
            else:
                continue
            if pieces and pieces[-1][0] == look:
                pieces[-1] = (look, pieces[-1][1] + text)
            else:
                pieces.append((look, text))

    for item in paragraph.iter_inner_content():
        if isinstance(item, Hyperlink):
            for run in item.runs:
                add(run, item.url)
        else:
            add(item, None)
    out = []
    for (bold, italic, link), text in pieces:
        text = f"<i>{text}</i>" if italic else text
        text = f"<b>{text}</b>" if bold else text
        out.append(f"<a href={link!r}>{text}</a>" if link else text)
    return "".join(out)


class ListNumbers:
    """The numbers Word gives the numbered paragraphs of a document (w:numPr), in reading order: each list
    instance counts from its w:startOverride (else 1). Only the single-level decimal lists meetplan writes."""

    def __init__(self, document: Any) -> None:
        self.next: dict[str, int] = {}
        try:
            numbering = document.part.numbering_part.element
        except NotImplementedError:
            return
        for num in numbering.findall(_W + "num"):
            start = num.find(f"{_W}lvlOverride/{_W}startOverride")
            self.next[num.get(_W + "numId")] = int(start.get(_W + "val")) if start is not None else 1

    def label(self, paragraph: Paragraph) -> str:
        """"18.\t" for the paragraph Word numbers 18, else ""."""
        properties = paragraph._p.pPr
        found = properties.find(f"{_W}numPr/{_W}numId") if properties is not None else None
        if found is None:
            return ""
        number = self.next[found.get(_W + "val")]
        self.next[found.get(_W + "val")] = number + 1
        return f"{number}.\t"


def _paragraph_text(paragraph: Paragraph, *, in_table: bool = False, numbers: ListNumbers | None = None) -> str:
    style = paragraph.style.name if paragraph.style is not None else None
    before = "<page break before>" if paragraph.paragraph_format.page_break_before else ""
    label = "" if in_table and style == "Normal" else f"[{style}] "
    number = numbers.label(paragraph) if numbers is not None else ""
    return f"{label}{before}{number}{_runs_text(paragraph)}"


def _section_text(section: Section) -> list[str]:
    width, height = (None if size is None else size // _MM for size in (section.page_width, section.page_height))
    lines = [
        f"== section: {section.orientation.name.lower()} {width} x {height} mm, start {section.start_type.name.lower()}"
    ]
    parts = [("header", section.header), ("footer", section.footer)]
    if section.different_first_page_header_footer:
        parts += [("first page header", section.first_page_header), ("first page footer", section.first_page_footer)]
    for label, part in parts:
        if not part.is_linked_to_previous:
            lines += [f"{label}: {_paragraph_text(p)}" for p in part.paragraphs]
    return lines


def document_text(data: bytes) -> str:
    """A Word document in reading order: each paragraph with its style and marks, each table row, each section."""
    document = docx.Document(io.BytesIO(data))
    sections = iter(document.sections)
    numbers = ListNumbers(document)
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(_paragraph_text(block, numbers=numbers))
            if block._p.pPr is not None and block._p.pPr.sectPr is not None:
                lines += _section_text(next(sections))
        elif isinstance(block, Table):
            lines.append(f"<table {block.style.name if block.style is not None else None!r}>")
            for row in block.rows:
                header = row._tr.trPr is not None and row._tr.trPr.find(_W + "tblHeader") is not None
                cells = [" ¶ ".join(_paragraph_text(p, in_table=True) for p in cell.paragraphs) for cell in row.cells]
                lines.append(("(header) " if header else "") + "| " + " | ".join(cells) + " |")
            lines.append("</table>")
    for section in sections:
        lines += _section_text(section)
    return "\n".join(lines) + "\n"
