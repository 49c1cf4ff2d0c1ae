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

from meetplan.floor import rules as floor_rules
from meetplan.model import SpeakerClass, SpeakersList
from meetplan.render import Artifact
from meetplan.render.xlsx import BOLD, MEDIA_TYPE, Cell, Style, Workbook, content_widths
from meetplan.speakers import speaker_name
from meetplan.style import join_list, ordinal

NAME = "speakers.xlsx"
OVERVIEW = "Overview"
ITEM_HEADINGS = ("Order", "Speaker", "Title", "Delegation", "Category", "On behalf of", "Mode", "Language",
                 "Limit (minutes)", "Plenary meeting", "Expected start")
# The widest each column may be: columns are sized to their content up to that, the long texts wrap, and every
# column prints on one A4 landscape page wide at 8 pt or more (render.xlsx.print_size).
ITEM_WIDTHS = (7, 18, 20, 16, 18, 16, 10, 10, 11, 9, 13)
ITEM_WRAPPED = (1, 2, 3, 4, 5)
OVERVIEW_HEADINGS = ("Agenda item", "Title", "Plenary meetings", "Minutes available", "Panellists", "Statements",
                     "Minutes inscribed", "Speakers who do not fit", "Warning")
OVERVIEW_WIDTHS = (9, 30, 12, 11, 12, 12, 11, 11, 30)
OVERVIEW_WRAPPED = (1, 2, 8)
STATISTICS = "Statistics"  # the speaking statistics, with speakers.statistics
STATISTICS_HEADINGS = ("Speakers", "Speakers with a time", "Minutes", "Without time")
STATISTICS_WIDTHS = (40, 11, 11, 11)
ARRANGEMENTS = "Speaking time"  # the sheet of the speaking time arrangements, with speakers.fit_limits
ARRANGEMENT_HEADINGS = ("Agenda item", "Speakers", "Number", "Usual limit (minutes)", "Limit (minutes)")
ARRANGEMENT_WIDTHS = (9, 40, 9, 11, 11)
# "General": 270 and 7.5; "0.##" would show a whole number with a trailing full stop ("270.").
MINUTES_FORMAT = "General"
MINUTES = Style(number_format=MINUTES_FORMAT)
EXPECTED_START = Style(number_format="d mmm hh:mm")  # "8 Sep 10:35": a date and time cell, narrow enough to print
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
    schedule = speakers.schedule
    meeting = schedule.meeting
    plan = meeting.speakers
    workbook = Workbook(meeting, f"Lists of speakers: {meeting.body}, {ordinal(meeting.ordinal)} {meeting.term.value}")

    def minutes(value: Fraction) -> Cell:
        return Cell(_minutes(value), MINUTES)

    rows = []
    for entry in speakers.items:
        panellists = sum(1 for turn in entry.turns if turn.inscription.panellist)
        available = sum((window.minutes for window in entry.windows), Fraction(0))
        inscribed = sum((turn.minutes for turn in entry.turns), Fraction(0))
        plenaries = join_list(ordinal(window.plenary) for window in entry.windows)
        rows.append([
            entry.item.label, " ".join(entry.item.title.split()), plenaries, minutes(available), panellists,
            len(entry.turns) - panellists, minutes(inscribed), sum(1 for turn in entry.turns if turn.start is None and not turn.inscription.written),
            entry.warning,
        ])
    worksheet = workbook.add_sheet(OVERVIEW, OVERVIEW_HEADINGS, content_widths(OVERVIEW_HEADINGS, rows, OVERVIEW_WIDTHS),
                                   filter_rows=len(speakers.items), wrap=OVERVIEW_WRAPPED)
    for row in rows:
        worksheet.append(row)
    if plan is not None:
        # The limits the lists were timed with, below the table (the filter covers the table only).
        worksheet.append([])
        worksheet.append([Cell("Order and limits", BOLD)])
        worksheet.append([Cell(heading, BOLD) for heading in ("Order", "Kind of speaker", "Limit (minutes)")])
        limits = dict(plan.limits)
        for position, kind in enumerate(plan.order, start=1):
            worksheet.append([position, _kind_heading(kind), minutes(limits[kind])])
        rules = floor_rules(plan)
        if rules is not None:
            worksheet.append([])
            worksheet.append([Cell("Rules of the floor", BOLD)])
            worksheet.append([rules])

    taken: list[str] = [OVERVIEW]
    if speakers.fitted:
        _arrangements(workbook, speakers)
        taken.append(ARRANGEMENTS)
    if plan is not None and plan.statistics:
        _statistics(workbook, speakers)
        taken.append(STATISTICS)
    for entry in speakers.items:
        if not entry.turns:
            continue
        title = sheet_name(entry.item.label, taken)
        taken.append(title)
        rows = []
        for turn in entry.turns:
            inscription = turn.inscription
            delegation = inscription.delegation.name if inscription.delegation else None
            # The title column describes the person; a statement by an unnamed representative has none.
            rows.append([
                turn.position, speaker_name(turn), inscription.title, delegation,
                f"right of reply ({'first' if inscription.reply == 1 else 'second'})" if inscription.reply else inscription.kind.label,
                inscription.on_behalf_of, inscription.mode.value, inscription.language, minutes(turn.minutes),
                turn.plenary if turn.start is not None else None,
                Cell(turn.start, EXPECTED_START) if turn.start is not None else "in writing" if inscription.written else "does not fit",
            ])
        worksheet = workbook.add_sheet(title, ITEM_HEADINGS, content_widths(ITEM_HEADINGS, rows, ITEM_WIDTHS),
                                       filter_rows=len(entry.turns), wrap=ITEM_WRAPPED)
        for row in rows:
            worksheet.append(row)

    return Artifact(name=NAME, media_type=MEDIA_TYPE, data=workbook.close())


def _arrangements(workbook: Workbook, speakers: SpeakersList) -> None:
    """The speaking time arrangements (speaking-time.md) as a sheet: a row per item and kind of speaker."""
    from meetplan.render.arrangements import rows as arrangement_rows

    rows = [[entry.item.label, kind, count, Cell(_minutes(usual), MINUTES), Cell(_minutes(limit), MINUTES)]
            for entry in speakers.fitted if entry.fitting is not None
            for kind, count, usual, limit in arrangement_rows(entry.fitting)]
    worksheet = workbook.add_sheet(ARRANGEMENTS, ARRANGEMENT_HEADINGS, content_widths(ARRANGEMENT_HEADINGS, rows, ARRANGEMENT_WIDTHS),
                                   filter_rows=len(rows), wrap=(1,))
    for row in rows:
        worksheet.append(row)


def _statistics(workbook: Workbook, speakers: SpeakersList) -> None:
    """The speaking statistics (statistics.py): a block per table, each row a kind, group or mode, then the total."""
    from meetplan.statistics import speaking_statistics

    tables = speaking_statistics(speakers)
    rows: list[list[object]] = []
    for table in tables:
        rows += [[Cell(table.title, BOLD)], *([row.heading, row.timed, Cell(_minutes(row.minutes), MINUTES), row.untimed]
                                              for row in table.rows), []]
    worksheet = workbook.add_sheet(STATISTICS, STATISTICS_HEADINGS, content_widths(STATISTICS_HEADINGS, rows, STATISTICS_WIDTHS),
                                   filter_rows=None, wrap=(0,))
    for row in rows[:-1]:
        worksheet.append(row)


def _kind_heading(kind: SpeakerClass) -> str:
    return kind.label[0].upper() + kind.label[1:]
