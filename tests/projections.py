"""Text projections of outputs: the annex rows of each format as cells, italics marked <i>...</i> as in the seeds."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import docx


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


def docx_text(data: bytes) -> str:
    """Every paragraph and table cell of a Word document, one per line."""
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)


PROJECTIONS = {"md": rows_from_markdown, "html": rows_from_html, "docx": rows_from_docx, "tsv": rows_from_tsv}
