"""The programme as a Word document (programme.docx): the same rows as programme.md, in tables written with the
annex's Word helpers (render/word.py): italic headings, the UN table rules, "continued" in italics."""

from __future__ import annotations

from collections.abc import Iterator

from meetplan.languages import language
from meetplan.model import Programme as ProgrammeModel
from meetplan.model import ProgrammeLayout
from meetplan.render import Artifact, word
from meetplan.render.annex import headings
from meetplan.render.programme import COLUMNS, NAME, Line, programme_rows, tables

# The A4 text width: the annex's for a table per body, two equal wide columns beside the time for the column layout.
TABLE_WIDTHS = (word.cm(4.4), word.cm(1.9), word.cm(10.3))
COLUMN_WIDTHS = (word.cm(3.6), word.cm(6.5), word.cm(6.5))

Cell = Line | None


def _table(heads: tuple[str, ...], rows: list[tuple[bool, tuple[Cell, ...]]], widths: tuple[int, ...]) -> str:
    """A table of ``rows`` (whether a day's heading row, and its cells) under italic ``heads``, as the annex's."""
    continued = language("en").continued
    header = word.row((
        word.cell(width, word.paragraph(word.run(text, word.ITALIC), before=3, after=3), rule_below=True)
        for width, text in zip(widths, heads, strict=True)
    ), repeat=True)

    def body_row(is_day: bool, cells: tuple[Cell, ...]) -> str:
        contents = []
        for width, line in zip(widths, cells, strict=True):
            runs = word.run(line.text) if line is not None and line.text else ""
            if line is not None and line.text and line.continued:
                runs += word.run(continued.before) + word.run(continued.word, word.ITALIC) + word.run(continued.after)
            contents.append(word.cell(width, word.paragraph(runs, keep_with_next=is_day, before=6 if is_day else 2)))
        return word.row(contents, keep_together=True)

    return word.table(widths, [header, *(body_row(is_day, cells) for is_day, cells in rows)])


def _body(programme: ProgrammeModel) -> Iterator[str]:
    meeting = programme.plenary.meeting
    yield word.heading("Programme", space_after=6)
    if meeting.parallel is not None and meeting.parallel.layout is ProgrammeLayout.TABLES:
        for title, rows in tables(programme):
            yield word.heading(title, size=12)
            yield _table(headings(meeting), [
                (r.is_day, (Line(text=r.time), Line(text=r.item), Line(text=r.title, continued=r.continued))) for r in rows
            ], TABLE_WIDTHS)
    else:
        yield _table((meeting.time_heading, *COLUMNS), [
            (r.is_day, (Line(text=r.time), r.plenary, r.parallel)) for r in programme_rows(programme)
        ], COLUMN_WIDTHS)


def render_docx(programme: ProgrammeModel) -> Artifact:
    meeting = programme.plenary.meeting
    data = word.document(_body(programme), symbol=meeting.document_symbol, title="Programme", issued=meeting.issued, stamp=meeting.stamp)
    return Artifact(name=f"{NAME}.docx", media_type=word.DOCX_MEDIA_TYPE, data=data)
