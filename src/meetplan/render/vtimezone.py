"""A zone's VTIMEZONE in the one form Outlook desktop and Exchange can map: one yearly rule.

Outlook keeps one STANDARD and one DAYLIGHT rule per zone and reads only their DTSTART, RRULE, TZOFFSETFROM
and TZOFFSETTO; the rules must be YEARLY with BYDAY or BYMONTHDAY ([MS-OXCICAL] 2.1.3.1.1.19.2.2,
[MS-STANOICAL] 2.2.47). A block of one-off transitions, which icalendar's ``Timezone.from_tzid`` writes, is
mapped to a zone without daylight saving or to UTC, and every summer-time event moves by an hour
(iCalcreator issues 86 and 106; ../shared/cases/outlook-vtimezone). This is the form Outlook, Exchange and
Google write themselves: DTSTART in 1970 at the first transition of the rule, in the local time before it.

No library writes that form from the time zone database (icalendar 7 writes transitions only), so the rule is
read here from the transitions the database gives for the years the events fall in: each transition is "the
n-th (or last) weekday of a month at a local time" or "a fixed day of a month", and the form chosen is the one
that gives the same instants in those years and the following six (one turn of the weekdays).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import zoneinfo

from msgspec import Struct

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_LATER_YEARS = 6  # a rule is checked on this many years after the last, so that "4th" and "last" differ once


class Transition(Struct, frozen=True):
    """A change of a zone's offset: the local wall time just before it, and the offsets (seconds east of UTC)."""

    wall: dt.datetime
    before: int
    after: int
    name: str


def _offset(zone: zoneinfo.ZoneInfo, moment: dt.datetime) -> int:
    offset = moment.astimezone(zone).utcoffset()
    assert offset is not None
    return int(offset.total_seconds())


@functools.lru_cache(maxsize=256)
def transitions(zone_name: str, year: int) -> tuple[Transition, ...]:
    """The changes of offset in ``year`` (UTC), found by day then bisected to the second; in order."""
    zone = zoneinfo.ZoneInfo(zone_name)
    found = []
    moment = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(year + 1, 1, 1, tzinfo=dt.UTC)
    offset = _offset(zone, moment)
    while moment < end:
        following = min(moment + dt.timedelta(days=1), end)
        following_offset = _offset(zone, following)
        if offset != following_offset:
            low, high = moment, following
            while high - low > dt.timedelta(seconds=1):
                middle = low + (high - low) / 2
                low, high = (middle, high) if _offset(zone, middle) == _offset(zone, low) else (low, middle)
            before, after = _offset(zone, low), _offset(zone, high)
            wall = (high + dt.timedelta(seconds=before)).replace(tzinfo=None)
            found.append(Transition(wall=wall, before=before, after=after, name=high.astimezone(zone).tzname() or ""))
        moment, offset = following, following_offset
    return tuple(found)


def _rules(wall: dt.datetime) -> list[tuple[str, ...]]:
    """The yearly rules that give ``wall`` (BYMONTH and BYDAY or BYMONTHDAY parts), "last" before "n-th"."""
    weekday = _WEEKDAYS[wall.weekday()]
    rules: list[tuple[str, ...]] = []
    if wall.day + 7 > calendar.monthrange(wall.year, wall.month)[1]:
        rules.append((f"BYMONTH={wall.month}", f"BYDAY=-1{weekday}"))
    if wall.day <= 28:
        rules.append((f"BYMONTH={wall.month}", f"BYDAY={(wall.day - 1) // 7 + 1}{weekday}"))
    rules.append((f"BYMONTH={wall.month}", f"BYMONTHDAY={wall.day}"))
    return rules


def _day_of(rule: tuple[str, ...], year: int) -> int:
    """The day of the month on which ``rule`` falls in ``year``."""
    month = int(rule[0].removeprefix("BYMONTH="))
    kind, value = rule[1].split("=")
    if kind == "BYMONTHDAY":
        return int(value)
    weekday = _WEEKDAYS.index(value[-2:])
    days = [day for day in range(1, calendar.monthrange(year, month)[1] + 1) if calendar.weekday(year, month, day) == weekday]
    return days[int(value[:-2])] if value.startswith("-") else days[int(value[:-2]) - 1]


def _best_rule(zone_name: str, index: int, first: int, last: int) -> tuple[str, ...]:
    """The rule for the ``index``-th transition of each year that agrees with the most years from ``first``."""
    wall = transitions(zone_name, first)[index].wall
    years = range(first, last + _LATER_YEARS + 1)

    def agreement(rule: tuple[str, ...]) -> int:
        count = 0
        for year in years:
            changes = transitions(zone_name, year)
            if len(changes) > index:
                day = changes[index].wall
                count += day.month == wall.month and day.time() == wall.time() and day.day == _day_of(rule, year)
        return count

    candidates = _rules(wall)
    return max(candidates, key=lambda rule: (agreement(rule), -candidates.index(rule)))


def _utc_offset(seconds: int) -> str:
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{secs:02d}" if secs else "")


@functools.lru_cache(maxsize=32)
def vtimezone(zone_name: str, first: int, last: int) -> bytes:
    """The VTIMEZONE of ``zone_name`` for events in the years ``first`` to ``last``, CRLF lines.

    One STANDARD and, where the zone changes its clocks in ``first``, one DAYLIGHT (the larger offset), each
    with a yearly RRULE; a zone that keeps one offset gets one STANDARD without a rule.
    """
    changes = transitions(zone_name, first)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{zone_name}"]
    if len(changes) != 2:
        zone = zoneinfo.ZoneInfo(zone_name)
        moment = dt.datetime(first, 7, 1, tzinfo=dt.UTC)
        offset = _utc_offset(_offset(zone, moment))
        name = moment.astimezone(zone).tzname() or ""
        lines += ["BEGIN:STANDARD", f"TZOFFSETFROM:{offset}", f"TZOFFSETTO:{offset}", f"TZNAME:{name}",
                  "DTSTART:19700101T000000", "END:STANDARD"]
    else:
        daylight = max(change.after for change in changes)
        blocks = []
        for index, change in enumerate(changes):
            rule = _best_rule(zone_name, index, first, last)
            start = dt.datetime(1970, change.wall.month, _day_of(rule, 1970), change.wall.hour, change.wall.minute, change.wall.second)
            kind = "DAYLIGHT" if change.after == daylight else "STANDARD"
            blocks.append((start, [
                f"BEGIN:{kind}", f"TZOFFSETFROM:{_utc_offset(change.before)}", f"TZOFFSETTO:{_utc_offset(change.after)}",
                f"TZNAME:{change.name}", f"DTSTART:{start:%Y%m%dT%H%M%S}", f"RRULE:FREQ=YEARLY;{';'.join(rule)}", f"END:{kind}",
            ]))
        for _, block in sorted(blocks, key=lambda pair: pair[0]):
            lines += block
    lines.append("END:VTIMEZONE")
    return ("\r\n".join(lines) + "\r\n").encode("ascii")
