"""The configuration: ``load`` is the only reader of config files; ``parse`` turns YAML into the model.

Every problem is collected with its file, line and field, and all of them are reported at once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
import unicodedata
import zoneinfo
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any, TypeVar

from meetplan import participants, speakers
from meetplan.errors import ConfigError, Problem
from meetplan.model import AgendaItem, Day, Format, Hours, ItemKind, Meeting, Online, Origin
from meetplan.yamlsource import LineDict, LineList, load_yaml

T = TypeVar("T")

MAX_CONFIG_BYTES = 5_000_000  # a meeting's configuration is a few kilobytes; refuse to parse a stray dump

MEETING_KEYS = (
    "body", "parent_body", "ordinal", "symbol", "venue", "room", "time_zone", "format", "online",
    "issued", "revision", "plenary_meetings",
)  # fmt: skip
DAYS_KEYS = ("first", "last", "hours", "weekends", "exceptions")
ITEM_KEYS = ("number", "title", "kind", "documents", "share", "pin", "sub_items")
SUB_ITEM_KEYS = ("letter", "title", "kind", "documents", "share", "pin")
REQUIRED_TOP_KEYS = ("meeting", "days", "agenda")
TOP_KEYS = (*REQUIRED_TOP_KEYS, "delegations", "participants", "speakers", "report")

# Titles by which the default allocation recognizes the organizational and closing items.
ORGANIZATIONAL_TITLES = ("organizational matters", "opening of the session", "opening of the meeting")
CLOSING_TITLES = ("other matters", "other business", "adoption of the report", "closure of the")

# Characters XML 1.0 cannot hold, which YAML escapes such as "\a" or "\ud800" produce: a control character
# becomes a space (as the calendar shows it); a lone surrogate or a noncharacter is no text at all.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NOT_TEXT = re.compile("[\ud800-\udfff\ufffe\uffff]")
_HOURS = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*[-\u2013\u2014]\s*(\d{1,2})[:.](\d{2})\s*$")


class _Reader:
    """Reads typed values out of LineDicts, collecting a problem for each wrong one."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, line: int | None, field: str, message: str) -> None:
        self.problems.append(Problem(file=self.file, line=line, field=field, message=message))

    def mapping(self, value: Any, field: str, line: int | None) -> LineDict | None:
        if isinstance(value, LineDict):
            return value
        self.problem(line, field, f"must be a mapping of keys to values, not {_kind(value)}")
        return None

    def known_keys(self, mapping: LineDict, allowed: tuple[str, ...], prefix: str) -> None:
        for key in mapping:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(allowed)}"
                self.problem(mapping.key_lines[key], _join(prefix, str(key)), f"unknown key{hint}")

    def take(
        self,
        mapping: LineDict,
        key: str,
        prefix: str,
        convert: Callable[[Any], T],
        *,
        required: bool = False,
    ) -> T | None:
        field = _join(prefix, key)
        if key not in mapping or mapping[key] is None:
            if required:
                self.problem(mapping.line, field, "missing")
            return None
        try:
            return convert(mapping[key])
        except ValueError as error:
            self.problem(mapping.key_lines.get(key, mapping.line), field, str(error))
            return None


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, LineDict):
        return "a mapping"
    if isinstance(value, LineList):
        return "a list"
    return f"{type(value).__name__} {value!r}"


# --- converters: each returns a value or raises ValueError with the message a user reads ---------------


def text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f"must be text, not {_kind(value)}")
    result = _CONTROL.sub(" ", str(value)).strip()
    if not result:
        raise ValueError("must not be empty")
    bad = _NOT_TEXT.search(result)
    if bad:
        raise ValueError(f"contains the character U+{ord(bad.group()):04X}, which no document can hold; remove it")
    if not any(_visible(character) for character in result):
        # Zero-width and format characters pass strip() yet print nothing: a blank row, an empty heading.
        shown = ", ".join(f"U+{ord(c):04X}" for c in list(dict.fromkeys(result))[:5])
        raise ValueError(f"has no visible character, only spaces or invisible characters ({shown}); write the text")
    return result


# Letters that print as blank space: Hangul fillers, the Braille blank.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _visible(character: str) -> bool:
    """A letter, digit, punctuation mark or symbol that prints; spaces, marks alone and format characters do not."""
    return unicodedata.category(character)[0] in "LNPS" and character not in _BLANK_LETTERS


def positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"must be a whole number, not {_kind(value)}")
    if value < 1:
        raise ValueError(f"must be 1 or more, not {value}")
    return value


def non_negative_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"must be a whole number, 0 or more, not {_kind(value)}")
    return value


def date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ValueError(f"must be a date such as 2020-09-08, without a time, not {value}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError as error:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
                raise ValueError(f"{value.strip()} is not a date in the calendar ({error})") from None
    raise ValueError(f"must be a date written YYYY-MM-DD, such as 2020-09-08, not {_kind(value)}")


def share(value: Any) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"must be a number of plenary meetings such as 1.5, not {_kind(value)}")
    try:
        result = Fraction(str(value).strip())
    except ValueError:
        raise ValueError(f"must be a number of plenary meetings such as 1.5, not {value!r}") from None
    if result < 0:
        raise ValueError(f"must not be negative, not {value}")
    return result


def time_zone(value: Any) -> str:
    name = text(value)
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        close = difflib.get_close_matches(name, sorted(zoneinfo.available_timezones()), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise ValueError(f"unknown time zone {name!r} (use an IANA name such as Europe/Vienna){hint}") from None
    return name


def meeting_format(value: Any) -> Format:
    name = text(value).lower().replace("_", " ").replace("-", " ")
    for option in Format:
        if name == option.value:
            return option
    raise ValueError(f"must be one of: {', '.join(f.value for f in Format)}; not {value!r}")


def item_kind(value: Any) -> ItemKind:
    name = text(value).lower()
    for option in ItemKind:
        if name == option.value:
            return option
    raise ValueError(f"must be one of: {', '.join(k.value for k in ItemKind)}; not {value!r}")


def hours(value: Any) -> Hours:
    """"10:00-13:00" (24-hour clock, local time)."""
    if not isinstance(value, str):
        raise ValueError(f"must be hours written as text such as \"10:00-13:00\", not {_kind(value)}")
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


def pin(value: Any) -> tuple[int, ...]:
    numbers = [value] if not isinstance(value, list) else list(value)
    if not numbers:
        raise ValueError("must name at least one plenary meeting")
    result = tuple(positive_int(n) for n in numbers)
    if list(result) != list(range(result[0], result[0] + len(result))):
        raise ValueError(f"must be consecutive plenary meetings in order, such as [2, 3], not {list(result)}")
    return result


# --- sections ---------------------------------------------------------------------------------------------


def _hours_list(reader: _Reader, value: Any, field: str, line: int | None) -> tuple[Hours, ...] | None:
    if not isinstance(value, LineList):
        reader.problem(line, field, f"must be a list of hours such as [\"10:00-13:00\", \"15:00-18:00\"], not {_kind(value)}")
        return None
    spans: list[Hours] = []
    for index, (entry, entry_line) in enumerate(zip(value, value.item_lines, strict=True), start=1):
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


def _parse_days(reader: _Reader, data: LineDict, time_zone_name: str | None) -> tuple[Day, ...]:
    reader.known_keys(data, DAYS_KEYS, "days")
    first = reader.take(data, "first", "days", date, required=True)
    last = reader.take(data, "last", "days", date) or first
    usual = _hours_list(reader, data["hours"], "days.hours", data.key_lines["hours"]) if "hours" in data else None
    if usual is None and "hours" not in data:
        reader.problem(data.line, "days.hours", "missing (the usual hours, such as [\"10:00-13:00\", \"15:00-18:00\"])")
    weekends = reader.take(data, "weekends", "days", _boolean) or False
    exceptions: dict[dt.date, Day] = {}
    if "exceptions" in data and data["exceptions"] is not None:
        table = reader.mapping(data["exceptions"], "days.exceptions", data.key_lines["exceptions"])
        for key, value in (table or {}).items():
            line = table.key_lines[key] if table else None
            field = f"days.exceptions.{key}"
            try:
                day = date(key)
            except ValueError as error:
                reader.problem(line, field, str(error))
                continue
            if first and last and not first <= day <= last:
                reader.problem(line, field, f"{day} is outside the session ({first} to {last})")
            exceptions[day] = _parse_exception(reader, day, value, field, line)
    if first is None or last is None:
        return ()
    if last < first:
        reader.problem(data.key_lines.get("last"), "days.last", f"{last} is before days.first ({first})")
        return ()
    if (last - first).days > 366:
        reader.problem(data.key_lines.get("last"), "days.last", "a session of more than a year is not a meeting")
        return ()
    days: list[Day] = []
    current = first
    while current <= last:
        if current in exceptions:
            days.append(exceptions[current])
        elif weekends or current.weekday() < 5:
            days.append(Day(date=current, hours=usual or ()))
        current += dt.timedelta(days=1)
    if time_zone_name:
        _check_local_times(reader, days, time_zone_name, data)
    return tuple(days)


def _parse_exception(reader: _Reader, day: dt.date, value: Any, field: str, line: int | None) -> Day:
    if isinstance(value, str):  # a note alone: no plenary meeting that day
        return Day(date=day, hours=(), note=text(value))
    if isinstance(value, LineList):
        return Day(date=day, hours=_hours_list(reader, value, field, line) or ())
    mapping = reader.mapping(value, field, line)
    if mapping is None:
        return Day(date=day, hours=())
    reader.known_keys(mapping, ("hours", "note"), field)
    spans = _hours_list(reader, mapping["hours"], f"{field}.hours", mapping.key_lines["hours"]) if mapping.get("hours") else ()
    note = reader.take(mapping, "note", field, text)
    return Day(date=day, hours=spans or (), note=note)


def _check_local_times(reader: _Reader, days: list[Day], zone_name: str, data: LineDict) -> None:
    """Refuse local times that the meeting's time zone skips or repeats (daylight-saving changes)."""
    zone = zoneinfo.ZoneInfo(zone_name)
    for day in days:
        for span in day.hours:
            for moment in (span.start, span.end):
                local = dt.datetime.combine(day.date, moment, tzinfo=zone)
                roundtrip = local.astimezone(dt.UTC).astimezone(zone)
                if roundtrip.replace(tzinfo=None) != local.replace(tzinfo=None):
                    problem = "does not exist (the clocks go forward)"
                elif local.utcoffset() != local.replace(fold=1).utcoffset():
                    problem = "happens twice (the clocks go back)"
                else:
                    continue
                line = data.key_lines.get("exceptions") if day.date in (data.get("exceptions") or {}) else data.key_lines.get("hours")
                reader.problem(line, "days.hours", f"{moment:%H:%M} on {day.date} in {zone_name} {problem}")


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"must be true or false, not {_kind(value)}")
    return value


def _documents(value: Any) -> tuple[str, ...]:
    entries = value if isinstance(value, list) else [value]
    return tuple(text(entry) for entry in entries)


def _default_kind(title: str) -> ItemKind:
    lowered = title.lower().rstrip(".:; ")
    if lowered.startswith(ORGANIZATIONAL_TITLES):
        return ItemKind.ORGANIZATIONAL
    if lowered.startswith(CLOSING_TITLES):
        return ItemKind.CLOSING
    return ItemKind.SUBSTANTIVE


def _parse_entry(
    reader: _Reader, value: Any, field: str, line: int | None, number: int, letter: str | None, parent_kind: ItemKind | None
) -> AgendaItem | None:
    if isinstance(value, str):  # shorthand: a title alone
        value_map = LineDict({"title": value})
        value_map.line, value_map.key_lines = line or 0, {"title": line or 0}
    else:
        checked = reader.mapping(value, field, line)
        if checked is None:
            return None
        value_map = checked
    reader.known_keys(value_map, SUB_ITEM_KEYS if letter else ITEM_KEYS, field)
    if letter is None:
        given = reader.take(value_map, "number", field, positive_int)
        if given is not None and given != number:
            reader.problem(value_map.key_lines["number"], f"{field}.number",
                           f"item {given} stands in position {number}: agenda items are numbered 1, 2, 3 in order")
    else:
        given_letter = reader.take(value_map, "letter", field, text)
        if given_letter is not None and given_letter.strip("()") != letter:
            reader.problem(value_map.key_lines["letter"], f"{field}.letter",
                           f"sub-item ({given_letter.strip('()')}) stands in position ({letter}): sub-items are lettered (a), (b), (c) in order")
    title = reader.take(value_map, "title", field, text, required=True) or ""
    kind = reader.take(value_map, "kind", field, item_kind) or parent_kind or _default_kind(title)
    sub_items: list[AgendaItem] = []
    if letter is None and value_map.get("sub_items") is not None:
        subs = value_map["sub_items"]
        if not isinstance(subs, LineList) or not subs:
            reader.problem(value_map.key_lines["sub_items"], f"{field}.sub_items", "must be a list of sub-items")
        else:
            if len(subs) > 26:
                reader.problem(subs.line, f"{field}.sub_items", "more than 26 sub-items cannot be lettered (a) to (z)")
            for index, (sub, sub_line) in enumerate(zip(subs[:26], subs.item_lines, strict=False)):
                sub_letter = chr(ord("a") + index)
                parsed = _parse_entry(reader, sub, f"{field}.sub_items[{index + 1}]", sub_line, number, sub_letter, kind)
                if parsed:
                    sub_items.append(parsed)
        for key in ("share", "pin"):
            if key in value_map:
                reader.problem(value_map.key_lines[key], f"{field}.{key}", "an item with sub-items is scheduled through its sub-items: give the share or pin on each sub-item")
    return AgendaItem(
        number=number,
        letter=letter,
        title=title,
        documents=reader.take(value_map, "documents", field, _documents) or (),
        kind=kind,
        share=reader.take(value_map, "share", field, share),
        pin=reader.take(value_map, "pin", field, pin) or (),
        sub_items=tuple(sub_items),
        origin=Origin(file=reader.file, line=value_map.line, field=field),
    )


def _parse_agenda(reader: _Reader, value: Any, line: int | None) -> tuple[AgendaItem, ...]:
    if not isinstance(value, LineList) or not value:
        reader.problem(line, "agenda", f"must be a non-empty list of agenda items, not {_kind(value)}")
        return ()
    items = []
    for index, (entry, entry_line) in enumerate(zip(value, value.item_lines, strict=True), start=1):
        item = _parse_entry(reader, entry, f"agenda[{index}]", entry_line, index, None, None)
        if item:
            items.append(item)
    return tuple(items)


def _parse_online(value: Any) -> Online:
    if isinstance(value, str):
        return Online(platform=text(value))
    if not isinstance(value, LineDict):
        raise ValueError(f"must be a mapping with platform and url, not {_kind(value)}")
    unknown = sorted(set(value) - {"platform", "url"})
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r}; known keys: platform, url")
    if "platform" not in value:
        raise ValueError("platform is missing (such as Interprefy)")
    url = text(value["url"]) if value.get("url") is not None else None
    if url is not None and not re.match(r"^https://[^\s<>\"]+$", url):
        raise ValueError(f"url must be an https:// address without spaces, not {url!r}")
    return Online(platform=text(value["platform"]), url=url)


def parse(data: Any, file: str) -> Meeting:
    """Turn parsed YAML into the model, or raise ConfigError listing every problem."""
    reader = _Reader(file)
    if data is None:
        reader.problem(None, "(file)", "is empty; a configuration has the sections meeting, days and agenda (meetplan init FILE writes a starter)")
        raise ConfigError(reader.problems)
    root = reader.mapping(data, "(file)", 1)
    if root is None:
        raise ConfigError(reader.problems)
    reader.known_keys(root, TOP_KEYS, "")
    for key in REQUIRED_TOP_KEYS:
        if key not in root:
            reader.problem(None, key, "missing section")
    meeting = reader.mapping(root.get("meeting"), "meeting", root.key_lines.get("meeting")) if "meeting" in root else None
    meeting = meeting if meeting is not None else _empty()
    reader.known_keys(meeting, MEETING_KEYS, "meeting")
    zone = reader.take(meeting, "time_zone", "meeting", time_zone, required=True)
    days_data = reader.mapping(root.get("days"), "days", root.key_lines.get("days")) if "days" in root else None
    days = _parse_days(reader, days_data, zone) if days_data is not None else ()
    agenda = _parse_agenda(reader, root["agenda"], root.key_lines["agenda"]) if "agenda" in root else ()
    delegations = participants.parse_delegations(reader, root["delegations"], root.key_lines["delegations"]) if "delegations" in root else ()
    registrations, seating, participants_symbol = participants.parse_participants(reader, root["participants"], root.key_lines["participants"], file) if "participants" in root else (None, None, None)
    if registrations is not None and not delegations:
        reader.problem(root.key_lines["participants"], "participants", "registrations need the delegations: section to say who attends")
    fmt = reader.take(meeting, "format", "meeting", meeting_format) or Format.IN_PERSON
    speaker_plan = speakers.parse_speakers(reader, root["speakers"], root.key_lines["speakers"], file, agenda, delegations, fmt) if "speakers" in root else None
    report_settings = None
    if "report" in root:
        from meetplan.report import parse_report

        given_body = meeting.get("body")
        body = given_body if isinstance(given_body, str) else ""
        report_settings = parse_report(reader, root["report"], root.key_lines["report"], meeting_body=body, agenda=agenda, days=days, delegations=delegations)
    result = Meeting(
        body=reader.take(meeting, "body", "meeting", text, required=True) or "",
        parent_body=reader.take(meeting, "parent_body", "meeting", text),
        ordinal=reader.take(meeting, "ordinal", "meeting", positive_int, required=True) or 1,
        symbol=reader.take(meeting, "symbol", "meeting", text, required=True) or "",
        venue=reader.take(meeting, "venue", "meeting", text, required=True) or "",
        room=reader.take(meeting, "room", "meeting", text),
        time_zone=zone or "UTC",
        format=fmt,
        online=reader.take(meeting, "online", "meeting", _parse_online),
        issued=reader.take(meeting, "issued", "meeting", date, required=True) or dt.date(2000, 1, 1),
        revision=reader.take(meeting, "revision", "meeting", non_negative_int) or 0,
        days=days,
        plenary_limit=reader.take(meeting, "plenary_meetings", "meeting", positive_int, required=True) or 0,
        agenda=agenda,
        source=file,
        delegations=delegations,
        registrations=registrations,
        seating=seating,
        participants_symbol=participants_symbol,
        speakers=speaker_plan,
        report=report_settings,
    )
    if fmt is not Format.IN_PERSON and result.online is None and "online" not in meeting:
        reader.problem(meeting.line, "meeting.online", f"missing: a {fmt.value} meeting needs the platform (and link) delegates connect through")
    if reader.problems:
        raise ConfigError(reader.problems)
    return result


def _empty() -> LineDict:
    empty = LineDict()
    empty.line, empty.key_lines = 1, {}
    return empty


def read_text(path: Path) -> str:
    """Read a configuration or data file as UTF-8 text, with a problem (not a traceback) when it cannot be."""
    file = str(path)
    try:
        if path.stat().st_size > MAX_CONFIG_BYTES:
            raise ConfigError([Problem(file=file, message=f"is {path.stat().st_size:,} bytes; a configuration is at most {MAX_CONFIG_BYTES:,}")])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError([Problem(file=file, message="no such file")]) from None
    except IsADirectoryError:
        raise ConfigError([Problem(file=file, message="is a folder, not a file")]) from None
    except OSError as error:
        raise ConfigError([Problem(file=file, message=f"cannot be read: {error.strerror}")]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ConfigError([Problem(file=file, line=line, message=f"is not UTF-8 text (byte 0x{raw[error.start]:02x}); save it as UTF-8")]) from None


def load(path: Path | str) -> Meeting:
    """Read and parse a configuration file."""
    path = Path(path)
    # The registrations are read once the configuration is valid: rows are checked against its delegations.
    meeting = participants.attach_registrations(parse(load_yaml(read_text(path), str(path)), str(path)))
    return speakers.attach_inscriptions(meeting)
