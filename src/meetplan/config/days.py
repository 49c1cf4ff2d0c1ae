"""The ``days:`` section: the session's first and last day, the usual hours, weekends and exception days."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import zoneinfo
from typing import Any

from meetplan.config import convert
from meetplan.config.reader import Key, Reader, Section, Structure, entries, kind_of, lines_of
from meetplan.model import Day, Hours
from meetplan.yamlsource import LineDict, LineList

_HOURS = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*[-\u2013\u2014]\s*(\d{1,2})[:.](\d{2})\s*$")
MAX_DAYS = 366  # a session of more than a year is not a meeting


def hours(value: Any) -> Hours:
    """"10:00-13:00" (24-hour clock, local time) as Hours; ValueError when it is no span of a day."""
    if isinstance(value, int) and not isinstance(value, bool):
        # YAML 1.1 reads an unquoted 10:00 as sixty-based: the number 600.
        raise ValueError(f"must be hours in quotes, such as \"10:00-13:00\": without quotes YAML reads a time like "
                         f"10:00 as a number ({value})")
    if not isinstance(value, str):
        raise ValueError(f"must be hours written as text such as \"10:00-13:00\", not {kind_of(value)}")
    match = _HOURS.match(value)
    if not match:
        raise ValueError(f"must be hours such as \"10:00-13:00\" (24-hour clock), not {value!r}")
    h1, m1, h2, m2 = (int(group) for group in match.groups())
    try:
        start, end = dt.time(h1, m1), dt.time(h2, m2)
    except ValueError:
        raise ValueError(f"{value!r} is not a time of day") from None
    if end <= start:
        raise ValueError(f"{value!r} ends before it starts")
    return Hours(start=start, end=end)


def _hours_list(reader: Reader, value: Any, field: str, line: int | None) -> tuple[Hours, ...]:
    if not isinstance(value, LineList):
        reader.problem(line, field, f"must be a list of hours such as [\"10:00-13:00\", \"15:00-18:00\"], not {kind_of(value)}")
        return ()
    spans: list[Hours] = []
    for index, entry, entry_line in lines_of(value):
        try:
            spans.append(hours(entry))
        except ValueError as error:
            reader.problem(entry_line, f"{field}[{index}]", str(error))
    spans.sort(key=lambda span: span.start)
    for earlier, later in itertools.pairwise(spans):
        if later.start < earlier.end:
            reader.problem(line, field, f"hours overlap: {_span(earlier)} and {_span(later)}")
    return tuple(spans)


def _span(span: Hours) -> str:
    return f"{span.start:%H:%M}-{span.end:%H:%M}"


HOURS_SCHEMA: dict[str, Any] = {"type": "array", "items": {"type": "string", "pattern": r"^\s*\d{1,2}[:.]\d{2}\s*[-–—]\s*\d{1,2}[:.]\d{2}\s*$"}}
HOURS_LIST = Structure(_hours_list, HOURS_SCHEMA)

EXCEPTION = Section((
    Key(name="hours", kind=HOURS_LIST, doc="The day's hours, instead of the usual ones.", default=()),
    Key(name="note", kind=convert.TEXT, doc="What the day holds instead (such as an informal consultation)."),
), doc="An exception day: its own hours, a note, or both.")


def _exception(reader: Reader, day: dt.date, value: Any, field: str, line: int | None) -> Day:
    if isinstance(value, str):  # a note alone: no plenary meeting that day
        try:
            return Day(date=day, hours=(), note=convert.text(value))
        except ValueError as error:
            reader.problem(line, field, str(error))
            return Day(date=day, hours=())
    if isinstance(value, LineList):
        return Day(date=day, hours=_hours_list(reader, value, field, line))
    values = reader.section(value, EXCEPTION, field, line)
    return Day(date=day, hours=values["hours"], note=values["note"]) if values else Day(date=day, hours=())


def _exceptions(reader: Reader, value: Any, field: str, line: int | None) -> dict[dt.date, tuple[Day, int | None]]:
    found: dict[dt.date, tuple[Day, int | None]] = {}
    for key, entry, key_line in entries(reader, value, field, line):
        try:
            day = convert.date(key)
        except ValueError as error:
            reader.problem(key_line, f"{field}.{key}", str(error))
            continue
        found[day] = (_exception(reader, day, entry, f"{field}.{key}", key_line), key_line)
    return found


EXCEPTION_SCHEMA: dict[str, Any] = {"anyOf": [convert.TEXT_SCHEMA, HOURS_SCHEMA, EXCEPTION.schema()]}

DAYS = Section((
    Key(name="first", kind=convert.DATE, doc="The session's first day, YYYY-MM-DD.", required=True),
    Key(name="last", kind=convert.DATE, doc="The session's last day (the first when left out)."),
    Key(name="hours", kind=HOURS_LIST, doc="The usual hours of the plenary meetings, such as [\"10:00-13:00\", \"15:00-18:00\"].",
        required=True, missing="missing (the usual hours, such as [\"10:00-13:00\", \"15:00-18:00\"])"),
    Key(name="weekends", kind=convert.BOOLEAN, doc="Whether Saturdays and Sundays hold plenary meetings.", default=False),
    Key(name="exceptions", kind=Structure(_exceptions, {"type": "object", "additionalProperties": EXCEPTION_SCHEMA}),
        doc="Days that differ, by date: a note (no plenary meeting), a list of hours, or {hours, note}.", default={}),
), doc="The days of the session and the hours of its plenary meetings.")


def parse_days(reader: Reader, data: LineDict, zone: str | None) -> tuple[Day, ...]:
    """The session's days as Day values, in date order, from the ``days:`` mapping.

    ``zone`` is the meeting's time zone (None when it is wrong), against which local times that the clocks
    skip or repeat are refused. Problems go to the reader; an unusable section gives ().
    """
    values = reader.read(data, DAYS, "days")
    first, last, exceptions = values["first"], values["last"] or values["first"], values["exceptions"]
    for day, (_, line) in exceptions.items():
        if first and last and not first <= day <= last:
            reader.problem(line, f"days.exceptions.{day}", f"{day} is outside the session ({first} to {last})")
    if first is None or last is None:
        return ()
    if last < first:
        reader.problem(data.key_lines.get("last"), "days.last", f"{last} is before days.first ({first})")
        return ()
    if (last - first).days > MAX_DAYS:
        reader.problem(data.key_lines.get("last"), "days.last", "a session of more than a year is not a meeting")
        return ()
    days = list(_calendar(first, last, values["hours"] or (), values["weekends"], {d: e for d, (e, _) in exceptions.items()}))
    if zone:
        _check_local_times(reader, days, zone, data)
    return tuple(days)


def _calendar(first: dt.date, last: dt.date, usual: tuple[Hours, ...], weekends: bool, exceptions: dict[dt.date, Day]) -> list[Day]:
    days: list[Day] = []
    current = first
    while current <= last:
        if current in exceptions:
            days.append(exceptions[current])
        elif weekends or current.weekday() < 5:
            days.append(Day(date=current, hours=usual))
        current += dt.timedelta(days=1)
    return days


def _check_local_times(reader: Reader, days: list[Day], zone_name: str, data: LineDict) -> None:
    """Refuse local times that the meeting's time zone skips or repeats (daylight-saving changes)."""
    zone = zoneinfo.ZoneInfo(zone_name)
    exception_days = {str(key) for key in data.get("exceptions") or {}}
    for day in days:
        for span in day.hours:
            for moment in (span.start, span.end):
                problem = _clock_change(dt.datetime.combine(day.date, moment, tzinfo=zone))
                if problem:
                    line = data.key_lines.get("exceptions") if str(day.date) in exception_days else data.key_lines.get("hours")
                    reader.problem(line, "days.hours", f"{moment:%H:%M} on {day.date} in {zone_name} {problem}")


def _clock_change(local: dt.datetime) -> str | None:
    roundtrip = local.astimezone(dt.UTC).astimezone(local.tzinfo)
    if roundtrip.replace(tzinfo=None) != local.replace(tzinfo=None):
        return "does not exist (the clocks go forward)"
    if local.utcoffset() != local.replace(fold=1).utcoffset():
        return "happens twice (the clocks go back)"
    return None
