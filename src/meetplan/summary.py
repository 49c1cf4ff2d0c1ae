"""The schedule as plain text for ``meetplan check``: plenary meetings, items and shares."""

from __future__ import annotations

from fractions import Fraction

from meetplan.model import Schedule
from meetplan.style import date_range, day_heading, figure, hours, ordinal

TITLE_WIDTH = 64


def _share(portion: Fraction, minutes: int) -> str:
    if portion == 0:
        return "no time of its own"
    return f"{figure(portion)} of the meeting, {round(portion * minutes)} min" if portion < 1 else f"whole meeting, {minutes} min"


def _shorten(title: str) -> str:
    return title if len(title) <= TITLE_WIDTH else title[: TITLE_WIDTH - 1].rstrip() + "\u2026"


def describe(schedule: Schedule) -> str:
    meeting = schedule.meeting
    first, last = meeting.days[0].date, meeting.days[-1].date
    lines = [
        f"{meeting.body}, {ordinal(meeting.ordinal)} meeting ({meeting.symbol})",
        f"{meeting.venue}, {date_range(first, last)}, {meeting.format.value}; times in {meeting.time_zone}",
        f"{len(schedule.plenaries)} plenary meetings (the resources allow {meeting.plenary_limit})",
    ]
    for plenary in schedule.plenaries:
        lines += ["", f"{ordinal(plenary.number)} plenary meeting: {day_heading(plenary.date)} {plenary.date.year}, {hours(plenary.hours)}"]
        for allocation in schedule.allocations_in(plenary.number):
            title = _shorten(allocation.item.title) + (" (continued)" if allocation.continued else "")
            lines.append(f"  {allocation.item.label:<6} {title}  [{_share(allocation.share, plenary.hours.minutes)}]")
    notes = [day for day in meeting.days if day.note]
    if notes:
        lines += ["", *(f"{day_heading(day.date)} {day.date.year}: {day.note}" for day in notes)]
    return "\n".join(lines)
