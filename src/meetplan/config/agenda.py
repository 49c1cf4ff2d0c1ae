"""The ``agenda:`` section: the items in order, each a title alone or a mapping, with lettered sub-items."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from msgspec import Struct

from meetplan.config import convert
from meetplan.config.reader import Key, Kind, Reader, Section, Structure, kind_of, lines_of
from meetplan.model import AgendaItem, Day, ItemKind, Origin
from meetplan.style import day_heading, hours, join_list, ordinal, time_of_day
from meetplan.yamlsource import LineDict, LineList

MAX_SUB_ITEMS = 26  # lettered (a) to (z)
TAKEN_UP = ("end",)


class Default(Struct, frozen=True):
    """One default of the allocation: the titles it recognizes, the kind it gives, and what check says of it."""

    titles: tuple[str, ...]  # a title starting with one of these (or containing it, for "credentials")
    kind: ItemKind
    why: str
    anywhere: bool = False
    taken_up: str | None = None


# The defaults, in the order they are tried: the first whose titles match gives the kind. The credentials
# report comes before "adoption of the report", which its title also starts with.
DEFAULTS = (
    Default(("credentials",), ItemKind.CLOSING, "credentials report: taken up at the end of the session, before the closing items",
            anywhere=True, taken_up="end"),
    Default(("organizational matters", "opening of the", "election of officers", "election of the", "adoption of the agenda",
             "participation of observers", "organization of work", "attendance"),
            ItemKind.ORGANIZATIONAL, "organizational: opens the 1st plenary meeting, without a share of the meetings"),
    Default(("general discussion", "general debate"), ItemKind.SUBSTANTIVE, "general discussion: time of its own, at the start"),
    Default(("provisional agenda", "other matters", "other business", "adoption of the report", "closure of the"),
            ItemKind.CLOSING, "closing: shares the last plenary meeting with the other closing items at the end of the agenda"),
)


def default_for(title: str) -> Default | None:
    """The default rule an item's title falls under, if any."""
    lowered = " ".join(title.lower().rstrip(".:; ").split())
    for rule in DEFAULTS:
        if any(lowered.find(t) >= 0 if rule.anywhere else lowered.startswith(t) for t in rule.titles):
            return rule
    return None


class PinAt(Struct, frozen=True):
    """A pin by date: a day, a part of it (morning, afternoon) or the start time of a plenary meeting."""

    date: dt.date
    part: str | None = None
    start: dt.time | None = None

    def words(self) -> str:
        day = f"{day_heading(self.date)} {self.date.year}"
        if self.start is not None:
            return f"{day} at {time_of_day(self.start)}"
        return f"the {self.part} of {day}" if self.part else day

    def takes(self, day: dt.date, start: dt.time) -> bool:
        if day != self.date:
            return False
        if self.start is not None:
            return start == self.start
        if self.part == "morning":
            return start < dt.time(12, 0)
        if self.part == "afternoon":
            return start >= dt.time(12, 0)
        return True


_PIN_AT = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:\s+(morning|afternoon|\d{1,2}[:.]\d{2}))?\s*$", re.IGNORECASE)


def _pin_one(value: Any) -> int | PinAt:
    if isinstance(value, dt.datetime):
        return PinAt(convert.date(value.date()), start=value.time())
    if isinstance(value, dt.date):
        return PinAt(convert.date(value))
    if isinstance(value, str):
        match = _PIN_AT.match(value)
        if not match:
            raise ValueError(f"must be a plenary meeting's number, or a date with morning, afternoon or the start time "
                             f"(such as 2022-09-06 afternoon or 2022-09-06 15:00), not {value!r}")
        day, part = convert.date(match[1]), (match[2] or "").lower()
        if part in ("morning", "afternoon"):
            return PinAt(day, part=part)
        if part:
            hour, minute = (int(n) for n in re.split(r"[:.]", part))
            try:
                return PinAt(day, start=dt.time(hour, minute))
            except ValueError:
                raise ValueError(f"{part!r} is not a time of day") from None
        return PinAt(day)
    return convert.plenary_number(value)


def pin(value: Any) -> tuple[int | PinAt, ...]:
    """Consecutive plenary meetings, in order: 2 or [2, 3], or by date: 2022-09-06 afternoon, 2022-09-06 15:00."""
    given = [value] if not isinstance(value, list) else list(value)
    if not given:
        raise ValueError("must name at least one plenary meeting")
    result = tuple(_pin_one(n) for n in given)
    numbers = [n for n in result if isinstance(n, int)]
    if len(numbers) == len(result) and numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        raise ValueError(f"must be consecutive plenary meetings in order, such as [2, 3], not {numbers}")
    return result


def resolve_pin(given: tuple[int | PinAt, ...], days: tuple[Day, ...], label: str) -> tuple[int, ...]:
    """The plenary meeting numbers a pin names: numbers as given, dates through the days' hours, so that a pin by
    date follows its day when other days' hours change. ValueError naming the item when a date has no meeting."""
    slots = [(day.date, span) for day in days for span in day.hours]
    numbers: list[int] = []
    for part in given:
        if isinstance(part, int):
            numbers.append(part)
            continue
        found = [n for n, (date, span) in enumerate(slots, start=1) if part.takes(date, span.start)]
        if not found:
            held = [hours(span) for date, span in slots if date == part.date]
            there = f"that day has plenary meetings at {join_list(held)} only" if held else "no plenary meeting is held that day"
            raise ValueError(f"item {label} is pinned to {part.words()}, but {there}")
        numbers.extend(found)
    numbers = sorted(set(numbers))
    if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        raise ValueError(f"item {label} is pinned to the {join_list(ordinal(n) for n in numbers)} plenary meetings, "
                         f"which are not consecutive: pin consecutive plenary meetings")
    return tuple(numbers)


PIN_ONE_SCHEMA: dict[str, Any] = {"anyOf": [convert.PLENARY_NUMBER.schema, {"type": "string", "pattern": _PIN_AT.pattern}]}
PIN_SCHEMA: dict[str, Any] = {"anyOf": [PIN_ONE_SCHEMA, {"type": "array", "items": PIN_ONE_SCHEMA}]}


def taken_up(value: Any) -> str:
    """end."""
    name = convert.text(value).lower()
    if name not in TAKEN_UP:
        raise ValueError(f"must be one of: {', '.join(TAKEN_UP)}; not {value!r}")
    return name


def _sub_items(reader: Reader, value: Any, field: str, line: int | None) -> LineList | None:
    # The entries are read once the item's kind is known: a sub-item takes its item's kind by default.
    if not isinstance(value, LineList) or not value:
        reader.problem(line, field, "must be a list of sub-items")
        return None
    return value


_COMMON = (
    Key(name="title", kind=convert.TEXT, doc="The title as the agenda gives it.", required=True),
    Key(name="kind", kind=convert.ITEM_KIND, doc="How the default allocation treats it (by default from the title)."),
    Key(name="documents", kind=convert.DOCUMENTS, doc="The symbols of the documents before the meeting under it.", default=()),
    Key(name="share", kind=convert.SHARE, doc="Its time, in plenary meetings, such as 1.5 (by default shared out)."),
    Key(name="pin", kind=Kind(pin, PIN_SCHEMA),
        doc="The consecutive plenary meetings it is taken up at, such as [2, 3], or by date: 2022-09-06 afternoon, 2022-09-06 15:00.", default=()),
    Key(name="taken_up", kind=Kind(taken_up, {"enum": list(TAKEN_UP)}),
        doc="end: taken up at the end of the session, before the closing items, out of agenda order (the credentials report)."),
)
SUB_ITEM = Section((
    Key(name="letter", kind=convert.TEXT, doc="Its letter, a to z, in order (checked, not needed)."), *_COMMON,
), doc="A sub-item: a title alone, or a mapping.")
ITEM = Section((
    Key(name="number", kind=convert.POSITIVE_INT, doc="Its number, 1, 2, 3 in order (checked, not needed)."), *_COMMON,
    Key(name="sub_items", kind=Structure(_sub_items, {"type": "array", "minItems": 1, "maxItems": MAX_SUB_ITEMS,
                                                      "items": {"anyOf": [convert.TEXT_SCHEMA, SUB_ITEM.schema()]}}),
        doc="Its sub-items, lettered (a), (b), (c); the item is then scheduled through them."),
), doc="An agenda item: a title alone, or a mapping.")
AGENDA_SCHEMA: dict[str, Any] = {"type": "array", "minItems": 1, "items": {"anyOf": [convert.TEXT_SCHEMA, ITEM.schema()]}}


def default_kind(title: str) -> ItemKind:
    """The kind an item's title implies: "Other matters" closes, "Organizational matters" opens."""
    rule = default_for(title)
    return rule.kind if rule else ItemKind.SUBSTANTIVE


def parse_agenda(reader: Reader, value: Any, line: int | None, days: tuple[Day, ...] = ()) -> tuple[AgendaItem, ...]:
    """The agenda's items, numbered by position; problems (a misnumbered item, a bad share) go to the reader."""
    if not isinstance(value, LineList) or not value:
        reader.problem(line, "agenda", f"must be a non-empty list of agenda items, not {kind_of(value)}")
        return ()
    parsed = (_entry(reader, entry, f"agenda[{index}]", entry_line, index, None, None, days) for index, entry, entry_line in lines_of(value))
    return tuple(item for item in parsed if item)


def _as_mapping(reader: Reader, value: Any, field: str, line: int | None) -> LineDict | None:
    if not isinstance(value, str):
        return reader.mapping(value, field, line)
    shorthand = LineDict({"title": value})  # a title alone
    shorthand.line, shorthand.key_lines = line or 0, {"title": line or 0}
    return shorthand


def _entry(reader: Reader, value: Any, field: str, line: int | None, number: int, letter: str | None,
           parent_kind: ItemKind | None, days: tuple[Day, ...]) -> AgendaItem | None:
    mapping = _as_mapping(reader, value, field, line)
    if mapping is None:
        return None
    values = reader.read(mapping, SUB_ITEM if letter else ITEM, field)
    _check_position(reader, mapping, values, field, number, letter)
    title = values["title"] or ""
    # A given kind wins; then the default its own title falls under; then its item's kind (a sub-item of
    # "Organizational matters" is organizational); then substantive.
    rule = None if values["kind"] else default_for(title)
    kind = values["kind"] or (rule.kind if rule else None) or parent_kind or ItemKind.SUBSTANTIVE
    subs = values.get("sub_items")
    sub_items = _parse_sub_items(reader, subs, mapping, field, number, kind, days) if subs is not None else ()
    label = f"{number} ({letter})" if letter else str(number)
    pinned: tuple[int, ...] = ()
    if values["pin"]:
        try:
            pinned = resolve_pin(values["pin"], days, label)
        except ValueError as error:
            reader.problem(mapping.key_lines.get("pin", mapping.line), f"{field}.pin", str(error))
    taken = values["taken_up"] or (rule.taken_up if rule and not values["pin"] else None)
    return AgendaItem(
        number=number, letter=letter, title=title, documents=values["documents"], kind=kind, share=values["share"],
        pin=pinned, pinned_by_number=bool(pinned) and all(isinstance(p, int) for p in values["pin"]), sub_items=sub_items, taken_up=taken, origin=Origin(file=reader.file, line=mapping.line, field=field),
        default=rule.why if rule else None,
    )


def _check_position(reader: Reader, mapping: LineDict, values: dict[str, Any], field: str, number: int, letter: str | None) -> None:
    given = values.get("number")
    if letter is None and given is not None and given != number:
        reader.problem(mapping.key_lines["number"], f"{field}.number",
                       f"item {given} stands in position {number}: agenda items are numbered 1, 2, 3 in order")
    given_letter = values.get("letter")
    if letter is not None and given_letter is not None and given_letter.strip("()") != letter:
        reader.problem(mapping.key_lines["letter"], f"{field}.letter",
                       f"sub-item ({given_letter.strip('()')}) stands in position ({letter}): sub-items are lettered (a), (b), (c) in order")


def _parse_sub_items(reader: Reader, subs: LineList, mapping: LineDict, field: str, number: int, kind: ItemKind,
                     days: tuple[Day, ...]) -> tuple[AgendaItem, ...]:
    if len(subs) > MAX_SUB_ITEMS:
        reader.problem(subs.line, f"{field}.sub_items", "more than 26 sub-items cannot be lettered (a) to (z)")
    found = []
    for index, sub, sub_line in lines_of(subs)[:MAX_SUB_ITEMS]:
        parsed = _entry(reader, sub, f"{field}.sub_items[{index}]", sub_line, number, chr(ord("a") + index - 1), kind, days)
        if parsed:
            found.append(parsed)
    for key in ("share", "pin", "taken_up"):
        if key in mapping:
            reader.problem(mapping.key_lines[key], f"{field}.{key}",
                           "an item with sub-items is scheduled through its sub-items: give the share or pin on each sub-item")
    return tuple(found)
