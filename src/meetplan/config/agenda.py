"""The ``agenda:`` section: the items in order, each a title alone or a mapping, with lettered sub-items."""

from __future__ import annotations

from typing import Any

from meetplan.config import convert
from meetplan.config.reader import Key, Kind, Reader, Section, Structure, kind_of, lines_of
from meetplan.model import AgendaItem, ItemKind, Origin
from meetplan.yamlsource import LineDict, LineList

# Titles by which the default allocation recognizes the organizational and closing items.
ORGANIZATIONAL_TITLES = ("organizational matters", "opening of the session", "opening of the meeting")
CLOSING_TITLES = ("other matters", "other business", "adoption of the report", "closure of the")
MAX_SUB_ITEMS = 26  # lettered (a) to (z)


def pin(value: Any) -> tuple[int, ...]:
    """Consecutive plenary meeting numbers, in order: 2 or [2, 3]."""
    numbers = [value] if not isinstance(value, list) else list(value)
    if not numbers:
        raise ValueError("must name at least one plenary meeting")
    result = tuple(convert.plenary_number(n) for n in numbers)
    if list(result) != list(range(result[0], result[0] + len(result))):
        raise ValueError(f"must be consecutive plenary meetings in order, such as [2, 3], not {list(result)}")
    return result


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
    Key(name="pin", kind=Kind(pin, convert.PLENARY_NUMBERS_SCHEMA), doc="The consecutive plenary meetings it is taken up at, such as [2, 3].", default=()),
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
    lowered = title.lower().rstrip(".:; ")
    if lowered.startswith(ORGANIZATIONAL_TITLES):
        return ItemKind.ORGANIZATIONAL
    if lowered.startswith(CLOSING_TITLES):
        return ItemKind.CLOSING
    return ItemKind.SUBSTANTIVE


def parse_agenda(reader: Reader, value: Any, line: int | None) -> tuple[AgendaItem, ...]:
    """The agenda's items, numbered by position; problems (a misnumbered item, a bad share) go to the reader."""
    if not isinstance(value, LineList) or not value:
        reader.problem(line, "agenda", f"must be a non-empty list of agenda items, not {kind_of(value)}")
        return ()
    parsed = (_entry(reader, entry, f"agenda[{index}]", entry_line, index, None, None) for index, entry, entry_line in lines_of(value))
    return tuple(item for item in parsed if item)


def _as_mapping(reader: Reader, value: Any, field: str, line: int | None) -> LineDict | None:
    if not isinstance(value, str):
        return reader.mapping(value, field, line)
    shorthand = LineDict({"title": value})  # a title alone
    shorthand.line, shorthand.key_lines = line or 0, {"title": line or 0}
    return shorthand


def _entry(reader: Reader, value: Any, field: str, line: int | None, number: int, letter: str | None, parent_kind: ItemKind | None) -> AgendaItem | None:
    mapping = _as_mapping(reader, value, field, line)
    if mapping is None:
        return None
    values = reader.read(mapping, SUB_ITEM if letter else ITEM, field)
    _check_position(reader, mapping, values, field, number, letter)
    title = values["title"] or ""
    kind = values["kind"] or parent_kind or default_kind(title)
    subs = values.get("sub_items")
    sub_items = _parse_sub_items(reader, subs, mapping, field, number, kind) if subs is not None else ()
    return AgendaItem(
        number=number, letter=letter, title=title, documents=values["documents"], kind=kind, share=values["share"],
        pin=values["pin"], sub_items=sub_items, origin=Origin(file=reader.file, line=mapping.line, field=field),
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


def _parse_sub_items(reader: Reader, subs: LineList, mapping: LineDict, field: str, number: int, kind: ItemKind) -> tuple[AgendaItem, ...]:
    if len(subs) > MAX_SUB_ITEMS:
        reader.problem(subs.line, f"{field}.sub_items", "more than 26 sub-items cannot be lettered (a) to (z)")
    found = []
    for index, sub, sub_line in lines_of(subs)[:MAX_SUB_ITEMS]:
        parsed = _entry(reader, sub, f"{field}.sub_items[{index}]", sub_line, number, chr(ord("a") + index - 1), kind)
        if parsed:
            found.append(parsed)
    for key in ("share", "pin"):
        if key in mapping:
            reader.problem(mapping.key_lines[key], f"{field}.{key}",
                           "an item with sub-items is scheduled through its sub-items: give the share or pin on each sub-item")
    return tuple(found)
