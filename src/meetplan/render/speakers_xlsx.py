"""speakers.xlsx: the conference officer's workbook of the lists of speakers.

Sheets: Overview (each agenda entry's time, its speakers' minutes and the warning when they do not fit; then
the limits) and one sheet per entry with inscriptions, in the order the Chair calls speakers. Numbers and
times are real number and date cells, so that the officer can sum and sort; every text cell is a string cell,
whatever it starts with, so that nothing typed into an inscription ("=HYPERLINK(...)") becomes a formula.
The workbook carries no e-mail address or telephone number: inscriptions have none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

from meetplan.model import SpeakerClass, SpeakersList
from meetplan.render import Artifact
from meetplan.render.xlsx import DATETIME_FORMAT, MEDIA_TYPE, save, text_cell
from meetplan.speakers import speaker_name
from meetplan.style import join_list, ordinal

NAME = "speakers.xlsx"
OVERVIEW = "Overview"
ITEM_HEADINGS = ("Order", "Speaker", "Title", "Delegation", "Category", "On behalf of", "Mode", "Language",
                 "Limit (minutes)", "Plenary meeting", "Expected start")
ITEM_WIDTHS = (7, 28, 40, 30, 24, 34, 10, 10, 9, 10, 17)
OVERVIEW_HEADINGS = ("Agenda item", "Title", "Plenary meetings", "Minutes available", "Panellists", "Statements",
                     "Minutes inscribed", "Speakers who do not fit", "Warning")
OVERVIEW_WIDTHS = (9, 60, 16, 11, 11, 11, 11, 11, 70)
MINUTES_FORMAT = "0.##"
# Excel refuses these in a sheet name, and names of more than 31 characters.
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\\x00-\x1f]")


def sheet_name(label: str, taken: Iterable[str] = ()) -> str:
    """A valid Excel sheet name for an agenda entry: "Item 1 (b)", unique among ``taken`` (ignoring case)."""
    # Nor may a name end with an apostrophe (it starts with "Item", never with one).
    base = _SHEET_UNSAFE.sub("-", f"Item {label}")[:31].rstrip("'") or "Item"
    used = {name.casefold() for name in taken}
    name, number = base, 2
    while name.casefold() in used or name.casefold() == "history":  # Excel reserves "History"
        suffix = f" ({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    return name


def _minutes(value: Fraction) -> int | float:
    return int(value) if value.denominator == 1 else float(value)


def render_speakers_xlsx(speakers: SpeakersList) -> Artifact:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    schedule = speakers.schedule
    meeting = schedule.meeting
    plan = meeting.speakers
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")

    def text(worksheet: Any, value: str | None) -> Any:
        """A string cell, never a formula or an error value, whatever the text; empty text is an empty cell."""
        return text_cell(worksheet, value or None)

    def number(worksheet: Any, value: Any, number_format: str | None = None) -> Any:
        cell = WriteOnlyCell(worksheet, value=value)
        if number_format:
            cell.number_format = number_format
        return cell

    def sheet(title: str, headings: tuple[str, ...], widths: tuple[int, ...], rows: int) -> Any:
        worksheet = workbook.create_sheet(title)
        for index, width in enumerate(widths, start=1):
            worksheet.column_dimensions[get_column_letter(index)].width = width
        worksheet.freeze_panes = "A2"
        worksheet.print_title_rows = "1:1"
        worksheet.page_setup.orientation = "landscape"
        worksheet.page_setup.paperSize = "9"  # A4
        worksheet.auto_filter.ref = f"A1:{get_column_letter(len(headings))}{max(rows, 1) + 1}"
        cells = []
        for heading in headings:
            cell = WriteOnlyCell(worksheet, value=heading)
            cell.font, cell.alignment = bold, wrap
            cells.append(cell)
        worksheet.append(cells)
        return worksheet

    worksheet = sheet(OVERVIEW, OVERVIEW_HEADINGS, OVERVIEW_WIDTHS, len(speakers.items))
    for entry in speakers.items:
        panellists = sum(1 for turn in entry.turns if turn.inscription.panellist)
        available = sum((window.minutes for window in entry.windows), Fraction(0))
        inscribed = sum((turn.minutes for turn in entry.turns), Fraction(0))
        plenaries = join_list(ordinal(window.plenary) for window in entry.windows)
        worksheet.append([
            text(worksheet, entry.item.label), text(worksheet, " ".join(entry.item.title.split())), text(worksheet, plenaries),
            number(worksheet, _minutes(available), MINUTES_FORMAT), panellists, len(entry.turns) - panellists,
            number(worksheet, _minutes(inscribed), MINUTES_FORMAT), sum(1 for turn in entry.turns if turn.start is None),
            text(worksheet, entry.warning),
        ])
    if plan is not None:
        # The limits the lists were timed with, below the table (the filter covers the table only).
        worksheet.append([])
        worksheet.append([_bold(WriteOnlyCell, worksheet, "Order and limits", bold)])
        worksheet.append([_bold(WriteOnlyCell, worksheet, heading, bold) for heading in ("Order", "Kind of speaker", "Limit (minutes)")])
        limits = dict(plan.limits)
        for position, kind in enumerate(plan.order, start=1):
            worksheet.append([position, text(worksheet, _kind_heading(kind)), number(worksheet, _minutes(limits[kind]), MINUTES_FORMAT)])

    taken: list[str] = [OVERVIEW]
    for entry in speakers.items:
        if not entry.turns:
            continue
        title = sheet_name(entry.item.label, taken)
        taken.append(title)
        worksheet = sheet(title, ITEM_HEADINGS, ITEM_WIDTHS, len(entry.turns))
        for turn in entry.turns:
            inscription = turn.inscription
            delegation = inscription.delegation.name if inscription.delegation else None
            # The title column describes the person; a statement by an unnamed representative has none.
            worksheet.append([
                turn.position, text(worksheet, speaker_name(turn)), text(worksheet, inscription.title), text(worksheet, delegation),
                text(worksheet, inscription.kind.label), text(worksheet, inscription.on_behalf_of), text(worksheet, inscription.mode.value),
                text(worksheet, inscription.language), number(worksheet, _minutes(turn.minutes), MINUTES_FORMAT),
                turn.plenary if turn.start is not None else None,
                number(worksheet, turn.start, DATETIME_FORMAT) if turn.start is not None else text(worksheet, "does not fit"),
            ])

    data = save(workbook, meeting, f"Lists of speakers: {meeting.body}, {ordinal(meeting.ordinal)} meeting")
    return Artifact(name=NAME, media_type=MEDIA_TYPE, data=data)


def _kind_heading(kind: SpeakerClass) -> str:
    return kind.label[0].upper() + kind.label[1:]


def _bold(cell_class: Any, worksheet: Any, value: Any, font: Any) -> Any:
    cell = cell_class(worksheet, value=value)
    cell.font = font
    return cell
