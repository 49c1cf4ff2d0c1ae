"""The annex as a Word document: a real three-column table with italic headings and "continued" in italics."""

from __future__ import annotations

from collections.abc import Iterator

from meetplan.languages import Language, language
from meetplan.model import Schedule
from meetplan.render import Artifact, word
from meetplan.render.annex import AnnexRow, annex_rows, artifact_name, headings
from meetplan.style import masthead_lines

WIDTHS = (4.4, 1.9, 10.3)  # centimetres: the A4 text width; LibreOffice reads the grid, Word the cells


def widths(forms: Language) -> tuple[int, int, int]:
    """The columns' widths in twips: the item column wide enough for the longest word of its heading (Russian
    "повестки" would be cut in the middle at 1.9 cm), the title column taking what it leaves."""
    time, item, title = WIDTHS
    needed = max(item, 0.26 * max(len(word) for word in forms.headings[1].split()) + 0.3)
    return word.cm(time), word.cm(needed), word.cm(title - (needed - item))


def _row(row: AnnexRow, forms: Language) -> str:
    # The three cells start at the same height (the time column no longer sits 2 pt lower), and a day's heading
    # row is kept on the page of its first meeting (issue 17).
    before = 6 if row.is_day else 2
    title = word.run(row.title)
    if row.continued:
        marker = forms.continued
        title += word.run(marker.before) + word.run(marker.word, word.ITALIC) + word.run(marker.after)
    time_width, item_width, title_width = widths(forms)
    return word.row((
        word.cell(time_width, word.paragraph(word.run(row.time), keep_with_next=row.is_day, before=before)),
        word.cell(item_width, word.paragraph(word.run(row.item), keep_with_next=row.is_day, before=before)),
        word.cell(title_width, word.paragraph(title, keep_with_next=row.is_day, before=before, after=2)),
    ), keep_together=True)


def masthead(schedule: Schedule, forms: Language) -> bool:
    """Whether the annex is issued under the UN masthead (meeting.annex_masthead): in English, whose masthead
    ("Distr.: General", "Original: English") meetplan writes; the other languages' annexes stay annexes."""
    return schedule.meeting.annex_masthead and forms.code == "en"


def _body(schedule: Schedule, forms: Language) -> Iterator[str]:
    columns = widths(forms)
    meeting = schedule.meeting
    if masthead(schedule, forms):
        yield from word.masthead(symbol=meeting.document_symbol, parent_body=meeting.parent_body, issued=meeting.issued,
                                 lines=masthead_lines(meeting))
    yield word.heading(forms.annex, space_after=6)
    yield word.heading(forms.annex_title, size=12)
    header = word.row((
        word.cell(width, word.paragraph(word.run(text, word.ITALIC), before=3, after=3), rule_below=True)
        for width, text in zip(columns, headings(schedule.meeting), strict=True)
    ), repeat=True)
    yield word.table(columns, [header, *(_row(row, forms) for row in annex_rows(schedule))], rtl=forms.rtl)


def render_docx(schedule: Schedule) -> Artifact:
    meeting = schedule.meeting
    forms = language(meeting.language)
    data = word.document(_body(schedule, forms), symbol=meeting.document_symbol, title=forms.annex_title, issued=meeting.issued,
                         stamp=meeting.stamp, language=forms, masthead=masthead(schedule, forms))
    return Artifact(name=artifact_name(meeting, "docx"), media_type=word.DOCX_MEDIA_TYPE, data=data)
