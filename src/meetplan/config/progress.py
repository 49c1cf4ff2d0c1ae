"""The record of progress: a YAML file beside the configuration, named by its ``progress:`` key.

The record says what happened once the session opened: the plenary meetings held, in order, with the agenda
entries taken up at each and whether each was concluded (and, optionally, the speakers heard); the plenary
meetings cancelled; the plenary meetings added. ``replan.py`` keeps what it records and lays the rest of the agenda
over the plenary meetings that remain.

Why a file of its own and not a section of the configuration: the configuration is the plan as issued and is
edited before each issue; the record is written during the session, each evening, often by another officer,
and grows by a few lines a meeting. Kept apart, the configuration's history shows the plan's changes and the
record's history the session's, and a wrong record is reported in the record's own lines.

A record (``config/records/wgsom-2020.yaml``)::

    held:                               # the plenary meetings held, in order: the 1st, the 2nd ...
      - taken_up: ["1 (a)", "1 (b)", 2]
        concluded: ["1 (a)", "1 (b)"]
      - meeting: 2                      # optional: checked against its place in the list
        taken_up: [2]                   # item 2 ran over: not concluded, it continues at the next meeting
        heard: {2: [Brazil, Canada]}
    cancelled: [2020-09-09 afternoon]   # planned plenary meetings not to be held: numbers of the plan, or dates
    added:
      - {date: 2020-09-10, hours: "10:00-13:00"}

The plenary meetings of the session are those of the configuration's days and hours, less the cancelled, with
the added, in order of time, numbered from 1 as the report numbers them; the held ones are the first of them.
Problems are reported as the configuration's are: ``file:line: field: message``, every one at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from meetplan.config import convert
from meetplan.config.agenda import _pin_one, resolve_pin
from meetplan.config.days import hours
from meetplan.config.reader import Key, Kind, Reader, Section, Structure, entries, kind_of, lines_of
from meetplan.errors import ConfigError, Problem
from meetplan.model import AddedMeeting, HeldMeeting, Hours, Meeting, Origin, Progress, TakenUp
from meetplan.style import ordinal
from meetplan.yamlsource import LineDict, LineList, load_yaml

MAX_RECORD_BYTES = 2_000_000  # a record grows by a few lines a meeting; refuse to parse a stray dump

_LABELS_SCHEMA: dict[str, Any] = {"anyOf": [convert.TEXT_SCHEMA, {"type": "array", "items": convert.TEXT_SCHEMA}]}
HELD = Section((
    Key(name="meeting", kind=convert.PLENARY_NUMBER, doc="Its number, 1 for the first held (optional: a check of its place in the list)."),
    Key(name="taken_up", kind=Kind(lambda v: v, _LABELS_SCHEMA), doc="The agenda items taken up, in the order taken up: [\"1 (a)\", 2].", required=True,
        missing="missing (the agenda items taken up at this plenary meeting, such as [2])"),
    Key(name="concluded", kind=Kind(lambda v: v, _LABELS_SCHEMA), doc="The items taken up here whose consideration was concluded here."),
    Key(name="heard", kind=Kind(lambda v: v, {"type": "object", "additionalProperties": _LABELS_SCHEMA}),
        doc="The speakers heard, by item: {2: [Brazil, Amanda Ledwaba]}."),
), doc="A plenary meeting that was held.")
ADDED = Section((
    Key(name="date", kind=convert.DATE, doc="The day of the added plenary meeting, YYYY-MM-DD.", required=True),
    Key(name="hours", kind=Kind(hours, {"type": "string"}), doc="Its hours, \"10:00-13:00\".", required=True),
), doc="A plenary meeting added to the session.")
RECORD = Section((
    Key(name="held", kind=Structure(lambda *_: None, {"type": "array", "items": HELD.schema()}),
        doc="The plenary meetings held, in order, each with the items taken up and those concluded."),
    Key(name="cancelled", kind=Structure(lambda *_: None, {"type": "array"}),
        doc="The planned plenary meetings that will not be held: numbers of the plan, or dates (2020-09-09 afternoon)."),
    Key(name="added", kind=Structure(lambda *_: None, {"type": "array", "items": ADDED.schema()}),
        doc="Plenary meetings added to the session: {date, hours}."),
), doc="The record of progress of a session.")


def named_record(reader: Reader, value: Any, line: int | None) -> Progress | None:
    """The configuration's ``progress:`` key: the record file's name, relative to the configuration. The file is
    read by ``attach_progress`` (as the registrations are by ``attach_registrations``): until then the Progress
    only names it."""
    try:
        name = convert.file_name(value)
    except ValueError as error:
        reader.problem(line, "progress", str(error))
        return None
    return Progress(file=str(Path(reader.file).parent / name), held=(), origin=Origin(file=reader.file, line=line, field="progress"))


def attach_progress(meeting: Meeting, read_text: Callable[[Path], str]) -> Meeting:
    """The meeting with the record of progress its configuration names, read and checked against the agenda and
    the days. Unchanged when there is none.

    Raises ConfigError with every problem of the record, each with the record's file and line, and naming the
    configuration's line when the file is missing. ``read_text`` is the loader's (UTF-8, size and kind of file
    checked), passed in because the loader imports this module.
    """
    from msgspec.structs import replace

    if meeting.progress is None:
        return meeting
    path, origin = Path(meeting.progress.file), meeting.progress.origin
    if not path.exists():
        raise ConfigError([Problem(file=origin.file if origin else None, line=origin.line if origin else None,
                                   field="progress", message=f"no such file: {path}")])
    text = read_text(path)
    if len(text) > MAX_RECORD_BYTES:
        raise ConfigError([Problem(file=str(path), message=f"is more than {MAX_RECORD_BYTES:,} bytes; a record is a few lines a meeting")])
    return replace(meeting, progress=parse_progress(load_yaml(text, str(path)), str(path), meeting))


def _labels(meeting: Meeting) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    entries_by_label = {entry.label: entry.label for entry in meeting.entries}
    parents = {str(item.number): tuple(sub.label for sub in item.sub_items) for item in meeting.agenda if item.sub_items}
    return entries_by_label, parents


def _label_list(reader: Reader, meeting: Meeting, value: Any, field: str, line: int | None) -> list[str]:
    """Agenda entries named by label (2, "1 (b)", "1b"); an item with sub-items names all of them, in order."""
    known, parents = _labels(meeting)
    found: list[str] = []
    for raw in value if isinstance(value, list) else [value]:
        if isinstance(raw, bool) or not isinstance(raw, int | str):
            reader.problem(line, field, f"must be agenda items such as [\"1 (a)\", 2], not {kind_of(raw)}")
            continue
        label = str(raw).strip() if isinstance(raw, int) else re.sub(r"\s*\(?([a-z])\)?$", r" (\1)", raw.strip())
        if label in parents:
            found.extend(parents[label])
        elif label in known:
            found.append(label)
        else:
            reader.problem(line, field, f"there is no agenda item {raw} (items: {', '.join(known)})")
    return found


def parse_progress(data: Any, file: str, meeting: Meeting) -> Progress:
    """A record of progress from parsed YAML, checked against ``meeting`` (its agenda and days).

    Raises ConfigError listing every problem, each ``file:line: field: message``.
    """
    reader = Reader(file)
    if data is None:
        return Progress(file=file, held=())
    root = reader.mapping(data, "(file)", 1)
    if root is None:
        raise ConfigError(reader.problems)
    reader.known_keys(root, RECORD.names, "")
    cancelled = _cancelled(reader, root, meeting)
    added = _added(reader, root)
    held = _held(reader, root, meeting, cancelled, added)
    if reader.problems:
        raise ConfigError(reader.problems)
    return Progress(file=file, held=held, cancelled=cancelled, added=added, origin=Origin(file=file, line=1, field="(file)"))


def _slots(meeting: Meeting) -> list[tuple[Any, Hours]]:
    return [(day.date, span) for day in meeting.days for span in day.hours]


def _cancelled(reader: Reader, root: LineDict, meeting: Meeting) -> tuple[int, ...]:
    value = root.get("cancelled")
    if value is None:
        return ()
    line = root.key_lines["cancelled"]
    planned = len(_slots(meeting))
    numbers: set[int] = set()
    for index, entry, entry_line in lines_of(value) if isinstance(value, LineList) else [(1, value, line)]:
        field = f"cancelled[{index}]"
        try:
            given = _pin_one(entry)
            found = resolve_pin((given,), meeting.days, "") if not isinstance(given, int) else (given,)
        except ValueError as error:
            # resolve_pin speaks of a pinned item; a cancellation names a plenary meeting.
            reader.problem(entry_line, field, str(error).replace("item  is pinned to", "it names"))
            continue
        beyond = [n for n in found if n > planned]
        if beyond:
            reader.problem(entry_line, field, f"the plan has {planned} plenary meetings; there is no {ordinal(beyond[0])}")
            continue
        numbers.update(found)
    return tuple(sorted(numbers))


def _added(reader: Reader, root: LineDict) -> tuple[AddedMeeting, ...]:
    value = root.get("added")
    if value is None:
        return ()
    if not isinstance(value, LineList):
        reader.problem(root.key_lines["added"], "added", f"must be a list of {{date, hours}}, not {kind_of(value)}")
        return ()
    added: list[AddedMeeting] = []
    for index, entry, entry_line in lines_of(value):
        field = f"added[{index}]"
        mapping = reader.mapping(entry, field, entry_line)
        if mapping is None:
            continue
        values = reader.read(mapping, ADDED, field)
        if values["date"] is not None and values["hours"] is not None:
            added.append(AddedMeeting(date=values["date"], hours=values["hours"], origin=Origin(file=reader.file, line=entry_line, field=field)))
    return tuple(added)


def session_slots(meeting: Meeting, cancelled: tuple[int, ...], added: tuple[AddedMeeting, ...]) -> list[tuple[Any, Hours, int | None]]:
    """The plenary meetings of the session after the record's changes, in order of time: (date, hours, the
    planned number, or None for an added one)."""
    slots: list[tuple[Any, Hours, int | None]] = [(d, h, n) for n, (d, h) in enumerate(_slots(meeting), start=1) if n not in cancelled]
    slots += [(a.date, a.hours, None) for a in added]
    return sorted(slots, key=lambda slot: (slot[0], slot[1].start))


def _held(reader: Reader, root: LineDict, meeting: Meeting, cancelled: tuple[int, ...], added: tuple[AddedMeeting, ...]) -> tuple[HeldMeeting, ...]:
    slots = session_slots(meeting, cancelled, added)
    _check_added(reader, slots, added)
    value = root.get("held")
    if value is None:
        return ()
    if not isinstance(value, LineList):
        reader.problem(root.key_lines["held"], "held", f"must be a list of the plenary meetings held, not {kind_of(value)}")
        return ()
    held: list[HeldMeeting] = []
    concluded_at: dict[str, int] = {}
    for index, entry, entry_line in lines_of(value):
        field = f"held[{index}]"
        mapping = reader.mapping(entry, field, entry_line)
        if mapping is None:
            continue
        values = reader.read(mapping, HELD, field)
        if values["meeting"] is not None and values["meeting"] != index:
            reader.problem(mapping.key_lines["meeting"], f"{field}.meeting",
                           f"is {values['meeting']}, but this is the {ordinal(index)} plenary meeting held in the list: list them in order")
        if index > len(slots):
            reader.problem(entry_line, field, f"the session has {len(slots)} plenary meetings (after the cancelled and added ones); "
                                              f"a {ordinal(index)} cannot have been held: add it under added")
            continue
        taken = _taken_up(reader, meeting, mapping, values, field, index, concluded_at)
        date, span, _ = slots[index - 1]
        held.append(HeldMeeting(number=index, date=date, hours=span, taken_up=taken, origin=Origin(file=reader.file, line=entry_line, field=field)))
    return tuple(held)


def _taken_up(reader: Reader, meeting: Meeting, mapping: LineDict, values: dict[str, Any], field: str, index: int,
              concluded_at: dict[str, int]) -> tuple[TakenUp, ...]:
    """The entries taken up at the ``index``-th plenary meeting held; ``concluded_at`` gathers where each was concluded."""
    line = mapping.key_lines.get("taken_up", mapping.line)
    before = len(reader.problems)
    labels = _label_list(reader, meeting, values["taken_up"], f"{field}.taken_up", line) if values["taken_up"] is not None else []
    if values["taken_up"] is not None and not labels and len(reader.problems) == before:
        reader.problem(line, f"{field}.taken_up", "must name at least one agenda item: a plenary meeting held takes one up")
    concluded_line = mapping.key_lines.get("concluded", line)
    concluded = _label_list(reader, meeting, values["concluded"], f"{field}.concluded", concluded_line) if values["concluded"] is not None else []
    for label in concluded:
        if label not in labels:
            reader.problem(concluded_line, f"{field}.concluded", f"item {label} is not among the items taken up at this plenary meeting")
    for label in dict.fromkeys(labels):
        if label in concluded_at:
            reader.problem(line, f"{field}.taken_up", f"item {label} was concluded at the {ordinal(concluded_at[label])} plenary meeting; "
                                                      "leave it out of the concluded items there if its consideration went on")
    heard: dict[str, tuple[str, ...]] = {}
    heard_line = mapping.key_lines.get("heard", line)
    for key, names, key_line in entries(reader, values["heard"], f"{field}.heard", heard_line) if values["heard"] is not None else []:
        keys = _label_list(reader, meeting, key, f"{field}.heard", key_line)
        for label in keys:
            if label not in labels:
                reader.problem(key_line, f"{field}.heard.{key}", f"item {label} is not among the items taken up at this plenary meeting")
                continue
            try:
                heard[label] = tuple(convert.text(name) for name in (names if isinstance(names, list) else [names]))
            except ValueError as error:
                reader.problem(key_line, f"{field}.heard.{key}", str(error))
    for label in concluded:
        concluded_at.setdefault(label, index)
    return tuple(TakenUp(label=label, concluded=label in concluded, heard=heard.get(label, ()),
                         origin=Origin(file=reader.file, line=line, field=f"{field}.taken_up")) for label in dict.fromkeys(labels))


def _check_added(reader: Reader, slots: list[tuple[Any, Hours, int | None]], added: tuple[AddedMeeting, ...]) -> None:
    """An added plenary meeting does not overlap another one of its day."""
    for extra in added:
        others = [h for d, h, _ in slots if d == extra.date and h is not extra.hours]
        clash = [h for h in others if h.start < extra.hours.end and extra.hours.start < h.end]
        if clash and extra.origin is not None:
            reader.problem(extra.origin.line, f"{extra.origin.field}.hours",
                           f"overlaps the plenary meeting of {clash[0].start:%H:%M}-{clash[0].end:%H:%M} that day")
