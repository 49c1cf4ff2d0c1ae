"""participants.xlsx: the secretariat's workbook of who sits in the room, who connects online and who waits.

Sheets: In the room; Online; Waiting list; Summary (category and regional group by mode); Local times (each
meeting an online participant can follow, the parallel bodies' with remote participation included, in the time
zone of every delegation with online participants). The workbook is for the
secretariat and carries e-mail addresses; published documents do not.

Written with meetplan's streaming writer (render.xlsx), so that 100,000 registrations stay fast and small in
memory. Every text cell is a string cell, whatever it starts with: "=HYPERLINK(...)" typed into a registration
form never becomes a formula.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from meetplan import reference
from meetplan.model import (
    Delegation,
    DelegationCategory,
    Participant,
    Placement,
    PlenaryMeeting,
    Programme,
    Schedule,
    Seat,
    SeatPlan,
)
from meetplan.render import Artifact
from meetplan.render.xlsx import BOLD, DATETIME_FORMAT, MEDIA_TYPE, Cell, Sheet, Style, Workbook, content_widths
from meetplan.style import day_heading, ordinal, sort_key
from meetplan.style import hours as hours_text

NAME = "participants.xlsx"

PERSON_HEADINGS = ("No.", "Family name", "Given name", "Title or function", "Delegation", "Category",
                   "Regional group", "Requested")
WORKING_HEADINGS = ("E-mail", "Registration row")  # on screen, outside the print area
# The widest each column may be; a column is as wide as its content up to that, and the long texts wrap
# (Title or function, Delegation, Category, Regional group, the reason), so that the printed columns fit on one
# A4 landscape page wide at 8 pt or more (render.xlsx.print_size; tests/test_print.py measures it).
PERSON_WIDTHS = (6, 14, 12, 24, 20, 18, 24, 11)
PERSON_WRAPPED = (1, 2, 3, 4, 5, 6)  # a long name wraps too: never cut at the next column
WORKING_WIDTHS = (34, 13)
REASON_HEADING, REASON_WIDTH = "Asked for a seat; why not in the room", 20
SUMMARY_MODES = (Placement.ROOM, Placement.ONLINE, Placement.WAITING)
NO_GROUP = "No regional group"
GROUPS = reference.GROUPS
LOCAL_HEADINGS = ("Delegation", "Time zone", "Online participants", "Plenary meeting", "Hours at the venue",
                  "Local start", "Local end", "Outside 07:00–22:00")
LOCAL_WIDTHS = (22, 20, 15, 12, 28, 17, 17, 13)
LOCAL_WRAPPED = (0, 1, 4)
DAY_START, DAY_END = dt.time(7, 0), dt.time(22, 0)  # local hours a delegate can reasonably be asked to follow
LOCAL_TIME = Style(number_format=DATETIME_FORMAT)
MARKED = Style(number_format=DATETIME_FORMAT, fill="FFF4CCCC")  # a sitting outside those hours, in light red


def person_order(seats: Iterable[Seat]) -> list[Seat]:
    """Category in the report's order, then delegation, family name and given name alphabetically."""
    keys: dict[str, str] = {}  # names repeat (a delegation's name on every row): fold each once
    delegations: dict[str, tuple[int, str]] = {}  # and a delegation's rank and name once, not once a person

    def folded(name: str) -> str:
        key = keys.get(name)
        if key is None:
            key = keys[name] = sort_key(name)
        return key

    def order(seat: Seat) -> tuple[tuple[int, str], str, str, int]:
        person = seat.participant
        delegation = delegations.get(person.delegation.name)
        if delegation is None:
            delegation = delegations[person.delegation.name] = (person.delegation.category.rank, sort_key(person.delegation.name))
        return delegation, folded(person.family_name), folded(person.given_name), person.row

    return sorted(seats, key=order)


def group_of(delegation: Delegation) -> str:
    return delegation.group or NO_GROUP


def sittings(schedule: Schedule, programme: Programme | None = None) -> list[tuple[str, PlenaryMeeting]]:
    """The meetings an online participant can follow, in time order, each with its label: the plenary meetings
    ("1st meeting"), and with parallel meetings those of each body with remote participation ("WG, 2nd meeting"),
    whose hours may be their own (issue 15)."""
    found = [(f"{ordinal(plenary.number)} meeting", plenary) for plenary in schedule.plenaries]
    for body in programme.bodies if programme is not None else ():
        if body.body.remote:
            found += [(f"{body.body.short_name}, {ordinal(sitting.number)} meeting", sitting) for sitting in body.schedule.plenaries]
    return sorted(found, key=lambda pair: (pair[1].date, pair[1].hours.start)) if programme is not None else found


def local_times(schedule: Schedule, plan: SeatPlan, programme: Programme | None = None
                ) -> list[tuple[Delegation, int, list[tuple[str, PlenaryMeeting, dt.datetime, dt.datetime, bool]]]]:
    """For each delegation with online participants: how many, and each meeting they can follow in its local time.

    Each meeting comes as (label, meeting, local start, local end, outside 07:00-22:00), the datetimes aware.
    """
    counts: dict[Delegation, int] = {}
    for seat in plan.seats:
        if seat.placement is Placement.ONLINE:
            counts[seat.participant.delegation] = counts.get(seat.participant.delegation, 0) + 1
    venue = ZoneInfo(schedule.meeting.time_zone)
    meetings = sittings(schedule, programme)
    result = []
    for delegation in sorted(counts, key=lambda d: (d.category.rank, sort_key(d.name))):
        zone = ZoneInfo(delegation.time_zone)
        rows = []
        for label, plenary in meetings:
            start = dt.datetime.combine(plenary.date, plenary.hours.start, tzinfo=venue).astimezone(zone)
            end = dt.datetime.combine(plenary.date, plenary.hours.end, tzinfo=venue).astimezone(zone)
            rows.append((label, plenary, start, end, outside_day(start, end)))
        result.append((delegation, counts[delegation], rows))
    return result


def outside_day(start: dt.datetime, end: dt.datetime) -> bool:
    """True when a sitting starts before 07:00, ends after 22:00 or runs past midnight, local time."""
    return start.date() != end.date() or start.time() < DAY_START or end.time() > DAY_END


def render_participants_xlsx(schedule: Schedule, plan: SeatPlan, programme: Programme | None = None) -> Artifact:
    meeting = schedule.meeting
    workbook = Workbook(meeting, f"Participants: {meeting.body}, {ordinal(meeting.ordinal)} {meeting.term.value}")

    def sheet(title: str, headings: Iterable[str], widths: Iterable[float], rows: int | None, wrap: Iterable[int] = (),
              print_columns: int | None = None) -> Sheet:
        # Printed landscape on A4, one page wide: the secretariat prints the lists for the room.
        return workbook.add_sheet(title, headings, widths, filter_rows=rows, wrap=wrap, print_columns=print_columns)

    def person_cells(number: int, person: Participant) -> list[Any]:
        delegation = person.delegation
        return [number, person.family_name, person.given_name, person.title, delegation.name, delegation.category.value,
                group_of(delegation), person.requested.value]

    room = person_order(plan.placed(Placement.ROOM))
    online = person_order(plan.placed(Placement.ONLINE))
    waiting = plan.placed(Placement.WAITING)  # already in the order seats will be offered

    # The printed columns first, then the working ones (e-mail address, registration row) outside the print area.
    rows = [[*person_cells(number, seat.participant), seat.participant.email, seat.participant.row]
            for number, seat in enumerate(room, start=1)]
    headings: tuple[str, ...] = (*PERSON_HEADINGS, *WORKING_HEADINGS)
    worksheet = sheet("In the room", headings, content_widths(headings, rows, (*PERSON_WIDTHS, *WORKING_WIDTHS)), len(room),
                      PERSON_WRAPPED, len(PERSON_HEADINGS))
    for row in rows:
        worksheet.append(row)
    headings = (*PERSON_HEADINGS, REASON_HEADING, *WORKING_HEADINGS)
    for title, seats in (("Online", online), ("Waiting list", waiting)):
        rows = [[*person_cells(number, seat.participant), seat.reason, seat.participant.email, seat.participant.row]
                for number, seat in enumerate(seats, start=1)]
        widths = content_widths(headings, rows, (*PERSON_WIDTHS, REASON_WIDTH, *WORKING_WIDTHS))
        worksheet = sheet(title, headings, widths, len(seats), (*PERSON_WRAPPED, len(PERSON_HEADINGS)), len(PERSON_HEADINGS) + 1)
        for row in rows:
            worksheet.append(row)

    worksheet = sheet("Summary", ("Category", *(mode.value.capitalize() for mode in SUMMARY_MODES), "Total"), (48, 14, 14, 14, 14), None, (0,))
    for row in summary_rows(plan):
        worksheet.append([Cell(value, BOLD) for value in row] if row and row[0] in _SUMMARY_HEADS else row)

    times = local_times(schedule, plan, programme)
    local_rows: list[list[Any]] = []
    for delegation, count, plenaries in times:
        for label, plenary, start, end, outside in plenaries:
            style = MARKED if outside else LOCAL_TIME
            local_rows.append([delegation.name, delegation.time_zone, count, label,
                              f"{day_heading(plenary.date)}, {hours_text(plenary.hours)}",
                              Cell(start.replace(tzinfo=None), style), Cell(end.replace(tzinfo=None), style),
                              "yes" if outside else None])
    worksheet = sheet("Local times", LOCAL_HEADINGS, content_widths(LOCAL_HEADINGS, local_rows, LOCAL_WIDTHS), len(local_rows),
                      LOCAL_WRAPPED)
    for row in local_rows:
        worksheet.append(row)

    return Artifact(name=NAME, media_type=MEDIA_TYPE, data=workbook.close())


_SUMMARY_HEADS = frozenset(("Category", "Regional group", "Asked for a seat and did not get one", "Total"))


def summary_rows(plan: SeatPlan) -> list[list[Any]]:
    """The Summary sheet's rows after its heading: categories by mode, regional groups by mode, and the reasons
    why people who asked for a seat did not get one."""
    by_category: dict[tuple[DelegationCategory, Placement], int] = {}
    by_group: dict[tuple[str, Placement], int] = {}
    reasons: dict[str, int] = {}
    for seat in plan.seats:
        delegation = seat.participant.delegation
        by_category[delegation.category, seat.placement] = by_category.get((delegation.category, seat.placement), 0) + 1
        by_group[group_of(delegation), seat.placement] = by_group.get((group_of(delegation), seat.placement), 0) + 1
        if seat.reason is not None:
            reasons[seat.reason] = reasons.get(seat.reason, 0) + 1

    def block(labels: Iterable[Any], counts: dict[Any, int]) -> list[list[Any]]:
        rows: list[list[Any]] = []
        columns: list[list[int]] = [[] for _ in SUMMARY_MODES]
        for label in labels:
            figures = [counts.get((label, mode), 0) for mode in SUMMARY_MODES]
            rows.append([str(label), *figures, sum(figures)])
            for column, figure in zip(columns, figures, strict=True):
                column.append(figure)
        totals = [sum(column) for column in columns]
        return [*rows, ["Total", *totals, sum(totals)]]

    headings = [mode.value.capitalize() for mode in SUMMARY_MODES]
    rows = block(DelegationCategory, by_category)
    rows += [[], ["Regional group", *headings, "Total"], *block((*GROUPS, NO_GROUP), by_group)]
    rows += [[], ["Asked for a seat and did not get one", "People"]]
    rows += [[reason, count] for reason, count in sorted(reasons.items())]
    rows.append(["Total", sum(reasons.values())])
    return rows
