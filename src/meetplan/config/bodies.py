"""The ``parallel:`` section: the bodies that meet beside the plenary, the rooms, and the conference services.

A Conference does not meet in one room: a Committee of the Whole, working groups and informal consultations sit
in other rooms while the plenary takes up its agenda (issue 15). This section names each of them with its own
agenda (or a plain title), the plenary meetings it sits beside or hours of its own, its room, and whether it has
interpretation and remote participation; the rooms with their seats and equipment; and how many meetings with
interpretation the services can give at once. Where the meetings go is decided by ``meetplan.parallel``.
"""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction
from typing import Any

from msgspec.structs import replace

from meetplan.config import convert
from meetplan.config.agenda import AGENDA_SCHEMA, PIN_SCHEMA, PinAt, parse_agenda, pin
from meetplan.config.days import hours
from meetplan.config.reader import Key, Kind, Reader, Section, Structure, kind_of, lines_of
from meetplan.model import (
    AgendaItem,
    Body,
    Day,
    Hours,
    ItemKind,
    Origin,
    Parallel,
    ProgrammeLayout,
    Room,
    Services,
    Sitting,
)
from meetplan.style import join_list, ordinal
from meetplan.yamlsource import LineDict, LineList

# A short name goes into file names (calendar-WG.ics) and UIDs: letters, digits, full stops and hyphens only.
_SHORT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.-]{0,29}$")
_AT = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s+(\S.*)$")


def short_name(value: Any) -> str:
    """"WG", "COW": up to 30 letters, digits, full stops and hyphens, for file names and calendar UIDs."""
    name = convert.text(value)
    # "plenary" names the plenary's UIDs, "session" the whole session's calendar (calendar-session.ics).
    if not _SHORT_NAME.match(name) or name.lower() in ("plenary", "session"):
        raise ValueError(f"must be up to 30 letters, digits, full stops or hyphens, such as WG or COW (it names the body's "
                         f"calendar file and UIDs), and not 'plenary' or 'session'; not {name!r}")
    return name


def interpretation_hours(value: Any) -> Fraction:
    """Hours of interpretation a day: a positive number, such as 4 or 7.5."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"must be a number of hours such as 4 or 7.5, not {kind_of(value)}")
    if not 0 < value <= 24:
        raise ValueError(f"must be more than 0 and at most 24 hours, not {value}")
    return Fraction(str(value))


def at(value: Any) -> tuple[dt.date, Hours]:
    """"2021-12-16 13:00-15:00": a day and hours of the body's own."""
    match = _AT.match(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"must be a date and hours such as \"2021-12-16 13:00-15:00\", not {kind_of(value)}")
    return convert.date(match[1]), hours(match[2])


def _rooms(reader: Reader, value: Any, field: str, line: int | None) -> tuple[Room, ...]:
    if not isinstance(value, LineList):
        reader.problem(line, field, f"must be a list of rooms, each {{name, seats, booths, remote}}, not {kind_of(value)}")
        return ()
    rooms: list[Room] = []
    for index, entry, entry_line in lines_of(value):
        where = f"{field}[{index}]"
        values = reader.section(entry, ROOM, where, entry_line)
        if not values or not values["name"]:
            continue
        if any(room.name == values["name"] for room in rooms):
            reader.problem(entry_line, f"{where}.name", f"the room {values['name']!r} is listed twice")
            continue
        rooms.append(Room(name=values["name"], seats=values["seats"], booths=values["booths"], remote=values["remote"],
                          origin=Origin(file=reader.file, line=entry_line, field=where)))
    return tuple(rooms)


def _body_agenda(reader: Reader, value: Any, field: str, line: int | None) -> tuple[AgendaItem, ...]:
    """A body's agenda, read as the plenary's (titles, sub-items, shares, pins by the body's own meeting numbers),
    each problem and item placed under ``field`` rather than ``agenda``."""
    own = Reader(reader.file)
    items = parse_agenda(own, value, line)
    reader.problems.extend(replace(problem, field=_under(problem.field, field)) for problem in own.problems)
    return tuple(_moved(item, field) for item in items)


def _under(name: str | None, field: str) -> str:
    return field + name.removeprefix("agenda") if name else field


def _moved(item: AgendaItem, field: str) -> AgendaItem:
    origin = replace(item.origin, field=_under(item.origin.field, field)) if item.origin else None
    return replace(item, origin=origin, sub_items=tuple(_moved(sub, field) for sub in item.sub_items))


def _list(value: Any) -> list[tuple[int, Any, int | None]]:
    """(position from 1, entry, line) of a YAML list, or of a single value as a list of one."""
    if isinstance(value, LineList):
        return [(index, entry, line) for index, entry, line in lines_of(value)]
    return [(1, value, None)]


def _sittings(reader: Reader, mapping: LineDict, field: str, days: tuple[Day, ...]) -> list[Sitting]:
    """The places given by ``beside`` (plenary meetings, by number or by date as agenda pins) and ``at``."""
    slots = [(day.date, span) for day in days for span in day.hours]
    found: list[Sitting] = []
    for key in ("beside", "at"):
        if mapping.get(key) is None:
            continue
        for index, entry, entry_line in _list(mapping[key]):
            where, line = f"{field}.{key}" + (f"[{index}]" if isinstance(mapping[key], LineList) else ""), entry_line or mapping.key_lines[key]
            origin = Origin(file=reader.file, line=line, field=where)
            try:
                if key == "at":
                    date, span = at(entry)
                    if not any(day.date == date for day in days):
                        raise ValueError(f"{date} is not a day of the session")
                    found.append(Sitting(date=date, hours=span, origin=origin))
                    continue
                (part,) = pin(entry)
                chosen = [slots[part - 1]] if isinstance(part, int) and part <= len(slots) else [
                    (date, span) for date, span in slots if isinstance(part, PinAt) and part.takes(date, span.start)]
                if not chosen:
                    what = f"there is no {ordinal(part)} plenary meeting" if isinstance(part, int) else f"no plenary meeting is held on {part.words()}"
                    raise ValueError(f"{what} (the days and hours give {len(slots)})")
                found.extend(Sitting(date=date, hours=span, origin=origin) for date, span in chosen)
            except ValueError as error:
                reader.problem(line, where, str(error))
    return sorted(found, key=lambda s: (s.date, s.hours.start))


def _bodies(reader: Reader, value: Any, field: str, line: int | None) -> tuple[Body, ...]:
    if not isinstance(value, LineList) or not value:
        reader.problem(line, field, f"must be a non-empty list of bodies, not {kind_of(value)}")
        return ()
    bodies: list[Body] = []
    for index, entry, entry_line in lines_of(value):
        where = f"{field}[{index}]"
        mapping = reader.mapping(entry, where, entry_line)
        if mapping is None:
            continue
        values = reader.read(mapping, BODY, where)
        sittings = _sittings(reader, mapping, where, reader.context.days)
        name, short = values["name"] or "", values["short_name"] or ""
        if short and any(body.short_name.lower() == short.lower() for body in bodies):
            reader.problem(mapping.key_lines["short_name"], f"{where}.short_name", f"{short!r} is the short name of another body")
        count = values["meetings"] if values["meetings"] is not None else len(sittings)
        if count == 0 and not any(mapping.get(key) is not None for key in ("beside", "at", "meetings")):
            reader.problem(mapping.line, where, "names no meeting: give beside (plenary meetings), at (hours of its own) or meetings (a number to place)")
        elif count < len(sittings):
            reader.problem(mapping.key_lines["meetings"], f"{where}.meetings",
                           f"is {count}, but beside and at give {len(sittings)} meetings")
        agenda = values["agenda"] or ()
        if values["agenda"] and values["title"]:
            reader.problem(mapping.key_lines["title"], f"{where}.title", "give an agenda or a title, not both")
        numbered = bool(agenda)
        if not agenda:
            # Plain titles: the body's meetings take up one unnumbered entry, its title ("Informal consultations on
            # the draft resolutions"), "(continued)" from its second meeting as the annex writes it.
            agenda = (AgendaItem(number=1, letter=None, title=values["title"] or name, kind=ItemKind.SUBSTANTIVE,
                                 origin=Origin(file=reader.file, line=mapping.line, field=where)),)
        bodies.append(Body(
            name=name, short_name=short, room=values["room"], interpretation=values["interpretation"], remote=values["remote"],
            meetings=count, sittings=tuple(sittings), agenda=agenda, numbered=numbered,
            origin=Origin(file=reader.file, line=mapping.line, field=where),
        ))
    return tuple(bodies)


ROOM = Section((
    Key(name="name", kind=convert.TEXT, doc="The room as the programme names it, such as Conference Room B.", required=True),
    Key(name="seats", kind=convert.POSITIVE_INT, doc="How many seats it has."),
    Key(name="booths", kind=convert.BOOLEAN, doc="Whether it has interpretation booths (default: true).", default=True),
    Key(name="remote", kind=convert.BOOLEAN, doc="Whether it has remote-participation equipment (default: true).", default=True),
), doc="A meeting room and its equipment.")

BODY = Section((
    Key(name="name", kind=convert.TEXT, doc="The body as the documents name it, such as Committee of the Whole.", required=True),
    Key(name="short_name", kind=Kind(short_name, {"type": "string", "pattern": _SHORT_NAME.pattern}),
        doc="Its short name, for calendar titles, the calendar file and UIDs, such as COW.", required=True),
    Key(name="room", kind=convert.TEXT, doc="The room it meets in (one of rooms, when rooms are listed).", required=True),
    Key(name="interpretation", kind=convert.BOOLEAN, doc="Whether its meetings have interpretation (default: false).", default=False),
    Key(name="remote", kind=convert.BOOLEAN, doc="Whether delegates may take part remotely (default: false).", default=False),
    Key(name="beside", kind=Structure(lambda *_: None, PIN_SCHEMA),
        doc="The plenary meetings it sits beside, by number or by date as agenda pins: [3, 4], 2021-12-14 afternoon."),
    Key(name="at", kind=Structure(lambda *_: None, {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
        doc="Meetings at hours of its own: [\"2021-12-16 13:00-15:00\"]."),
    Key(name="meetings", kind=convert.POSITIVE_INT,
        doc="How many meetings it holds; those not given by beside and at are placed where the room and services allow."),
    Key(name="agenda", kind=Structure(_body_agenda, AGENDA_SCHEMA), doc="Its own agenda, read as the plenary's."),
    Key(name="title", kind=convert.TEXT, doc="A plain title for all its meetings, when it has no agenda (default: its name)."),
), doc="A body meeting beside the plenary.")

PARALLEL = Section((
    Key(name="layout", kind=convert.one_of(ProgrammeLayout),
        doc="column: the programme prints Date and time | Plenary | Parallel meeting; tables: a table per body (default: column)."),
    Key(name="interpretation", kind=convert.POSITIVE_INT,
        doc="How many meetings with interpretation may run at once, the plenary's included (often 2); default: no limit."),
    Key(name="interpretation_hours", kind=Kind(interpretation_hours, {"type": "number", "exclusiveMinimum": 0, "maximum": 24}),
        doc="Hours of interpretation a day, all meetings together; default: no limit."),
    Key(name="rooms", kind=Structure(_rooms, {"type": "array", "items": ROOM.schema()}), doc="The rooms and their equipment.", default=()),
    Key(name="bodies", kind=Structure(_bodies, {"type": "array", "items": BODY.schema()}), doc="The bodies meeting beside the plenary.",
        required=True),
), doc="Parallel meetings: the bodies beside the plenary, their rooms and the interpretation the services give.")


def parse_parallel(reader: Reader, value: Any, line: int | None) -> Parallel | None:
    """The parallel: section, checked against its rooms: a body's room must be listed (when rooms are), and have
    booths for interpretation and equipment for remote participation."""
    mapping = reader.mapping(value, "parallel", line)
    if mapping is None:
        return None
    values = reader.read(mapping, PARALLEL, "parallel")
    bodies, rooms = values["bodies"] or (), values["rooms"]
    names = [r.name for r in rooms]
    for body in bodies:
        if not rooms or body.room is None:
            continue
        found = next((r for r in rooms if r.name == body.room), None)
        place = body.origin.line if body.origin else None
        field = f"{body.origin.field}.room" if body.origin else "parallel.bodies"
        if found is None:
            reader.problem(place, field, f"{body.room!r} is not one of the rooms ({join_list(names)})")
        elif body.interpretation and not found.booths:
            reader.problem(place, field, f"{body.name} has interpretation, but {found.name} has no interpretation booths")
        elif body.remote and not found.remote:
            reader.problem(place, field, f"{body.name} takes remote participants, but {found.name} has no remote-participation equipment")
    origin = Origin(file=reader.file, line=mapping.key_lines.get("interpretation", mapping.line), field="parallel.interpretation")
    hours_origin = Origin(file=reader.file, line=mapping.key_lines.get("interpretation_hours", mapping.line), field="parallel.interpretation_hours")
    services = Services(interpretation=values["interpretation"], interpretation_hours=values["interpretation_hours"],
                        origin=origin, hours_origin=hours_origin)
    return Parallel(bodies=bodies, rooms=rooms, services=services, layout=values["layout"] or ProgrammeLayout.COLUMN)



def check_room_seats(reader: Reader, parallel: Parallel, room: str | None, participants: Any, seats: int | None) -> None:
    """The seats given to delegates in the plenary's room (participants.seats) fit the room, when parallel.rooms
    lists it with its seats: the seat plan of a small room is not that of the plenary hall."""
    listed = parallel.room(room)
    if listed is None or listed.seats is None or seats is None or seats <= listed.seats:
        return
    line = participants.key_lines.get("seats") if isinstance(participants, LineDict) else None
    reader.problem(line, "participants.seats", f"{seats} seats, but {listed.name} has {listed.seats} (parallel.rooms)")
