"""The plenary meetings as an iCalendar file that imports into every client and updates in place.

A plenary meeting's identity is the meeting's document symbol and the plenary meeting's number ("the 3rd
plenary meeting of CTOC/COP/WG.7/2020/1"): moving it to other hours keeps its UID, so an imported calendar
moves the event instead of adding a second one. The previous issue of the calendar (the file this one
replaces) is the only memory between builds: it gives each event's SEQUENCE, which goes up exactly when
what a delegate sees changes, and the plenary meetings that were dropped, which are sent again as
STATUS:CANCELLED so that they leave every calendar that imported them.

Nothing here reads the clock: DTSTAMP, CREATED and LAST-MODIFIED come from the issue date (or
SOURCE_DATE_EPOCH), so the same configuration and the same previous calendar give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from meetplan.errors import MeetplanError, Problem
from meetplan.model import Format, Meeting, PlenaryMeeting, Schedule
from meetplan.render import Artifact
from meetplan.render.ooxml import build_moment
from meetplan.render.vtimezone import vtimezone
from meetplan.style import EM_DASH, ordinal, ordinal_word

if TYPE_CHECKING:
    from icalendar import Calendar, Component, Event

NAME = "calendar.ics"
MEDIA_TYPE = "text/calendar"
# Stable across meetplan versions: some clients de-duplicate subscriptions by PRODID.
PRODID = "-//meetplan//Plenary meetings//EN"
UID_DOMAIN = "meetplan"
CANCELLED_PREFIX = "Cancelled: "

# What a delegate sees of an event; a change to any of these raises its SEQUENCE. DTSTAMP, SEQUENCE, CREATED
# and LAST-MODIFIED describe the issue, not the plenary meeting, and are left out on purpose.
CONTENT = ("SUMMARY", "DESCRIPTION", "LOCATION", "DTSTART", "DTEND", "URL", "CONFERENCE", "STATUS")

# A revised or corrected document keeps the meeting it belongs to: "…/2020/1/Rev.1" is still "…/2020/1".
_REVISION_SUFFIX = re.compile(r"(/(Rev|Corr)\.\d+)+$", re.IGNORECASE)
_UID_UNSAFE = re.compile(r"[^A-Za-z0-9.]+")
# Every way of breaking a line becomes the one iCalendar writes as \n: many readers split lines on U+2028,
# U+2029 and NEL too (Python's str.splitlines does), and would cut a property there.
_LINE_BREAK = re.compile(r"\r\n|[\r\x85\u2028\u2029]")
# Control characters other than the line break and the tab have no place in a TEXT value (RFC 5545 3.3.11);
# the C1 controls are allowed there but nothing displays them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def meeting_key(meeting: Meeting) -> str:
    """The part of every UID that names the meeting: its symbol without revision suffixes, as ASCII."""
    stem = _REVISION_SUFFIX.sub("", meeting.symbol.strip())
    return _UID_UNSAFE.sub("-", stem).strip("-.") or "meeting"


def plenary_uid(meeting: Meeting, number: int) -> str:
    """"CTOC-COP-WG.7-2020-1-plenary-3@meetplan": the same for the same plenary meeting in every issue."""
    return f"{meeting_key(meeting)}-plenary-{number}@{UID_DOMAIN}"


def _uid_number(meeting: Meeting, uid: str) -> int | None:
    """The plenary meeting a UID of this meeting names, or None for a UID that is not this meeting's."""
    match = re.fullmatch(rf"{re.escape(meeting_key(meeting))}-plenary-([1-9][0-9]*)@{re.escape(UID_DOMAIN)}", uid)
    return int(match.group(1)) if match else None


def clean_text(value: str) -> str:
    """Input text as a TEXT value: one kind of line break, no control characters."""
    return _CONTROL.sub(" ", _LINE_BREAK.sub("\n", value))


def escape_text(value: str) -> str:
    """A TEXT value as RFC 5545 escapes it (after clean_text): backslash, semicolon, comma and line break."""
    return clean_text(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def text_value(value: str) -> Any:
    """A TEXT property escaped as RFC 5545 says.

    icalendar turns a backslash followed by "N" in the text into a line break before escaping; a title such
    as "C:\\Nations" must come back as typed, so the escaping is done here.
    """
    from icalendar import vText

    class Text(vText):
        def to_ical(self) -> bytes:
            return escape_text(str(self)).encode("utf-8")

    return Text(clean_text(value))


# --- calendars written as text ----------------------------------------------------------------------------------
# icalendar builds and folds every property through several layers of objects; a calendar per speaker makes that
# the slow part of a build. These write the same lines as text: icalendar still makes what is hard to get
# right (the VTIMEZONE blocks, date-time and URI properties), once per build, and its lines are reused.


def fold(line: str) -> bytes:
    """A content line folded as icalendar folds it: at most 74 octets a line, never inside a UTF-8 character.

    As icalendar does (its issue 1501), a backslash or caret that would end a folded line moves to the next one,
    so that no escape is split across lines.
    """
    data = line.encode("utf-8")
    if len(data) <= 74:
        return data
    pieces, start = [], 0
    while len(data) - start > 74:
        end = start + 74
        while data[end] & 0xC0 == 0x80:  # a continuation byte: back to the start of the character
            end -= 1
        if data[end - 1] in b"\\^" and end - start > 1:
            end -= 1
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)


def calendar_text(head: list[str], blocks: list[bytes], events: list[list[str]]) -> bytes:
    """A whole calendar: its head's lines, pre-rendered blocks (VTIMEZONE), then each event's lines."""
    out = [b"BEGIN:VCALENDAR", *(fold(line) for line in head), *(block.removesuffix(b"\r\n") for block in blocks)]
    for lines in events:
        out.append(b"BEGIN:VEVENT")
        out.extend(fold(line) for line in lines)
        out.append(b"END:VEVENT")
    out.append(b"END:VCALENDAR")
    return b"\r\n".join(out) + b"\r\n"


def head_lines(prodid: str, name: str) -> list[str]:
    """The lines new_calendar writes before the time zones."""
    return [f"PRODID:{escape_text(prodid)}", "VERSION:2.0", "CALSCALE:GREGORIAN", f"NAME:{escape_text(name)}",
            f"X-WR-CALNAME:{escape_text(name)}"]


@functools.lru_cache(maxsize=32)
def _datetime_form(zone: str) -> tuple[str, str]:
    """What icalendar writes around a local date-time of ``zone``: ";TZID=Europe/Vienna:" and "" (or ":" and "Z")."""
    from icalendar import Event

    event = Event()
    event.add("DTSTART", dt.datetime(2000, 1, 1, tzinfo=zoneinfo.ZoneInfo(zone)))
    line = re.sub(r"\r\n[ \t]", "", event.to_ical().decode("utf-8")).split("\r\n")[1]
    before, after = line.removeprefix("DTSTART").split("20000101T000000")
    return before, after


def datetime_line(name: str, moment: dt.datetime, zone: str) -> str:
    """"DTSTART;TZID=Europe/Vienna:20200908T100000": a local time of the meeting's zone."""
    before, after = _datetime_form(zone)
    return f"{name}{before}{moment:%Y%m%dT%H%M%S}{after}"


def utc_line(name: str, moment: dt.datetime) -> str:
    """"DTSTAMP:20200604T000000Z"."""
    return f"{name}:{moment.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"


# One content line: its name, parameters (quoted values may hold ";" and ":") and value.
_CONTENT_LINE = re.compile(r'([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)', re.DOTALL)
_PARAMETER = re.compile(r';([A-Za-z0-9-]+)=((?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)')

ContentLine = tuple[str, tuple[tuple[str, str], ...], str]


def content_line(line: str) -> ContentLine:
    """(NAME, sorted parameters without quotes, value) of an unfolded line; ValueError when it is not one."""
    match = _CONTENT_LINE.fullmatch(line)
    if match is None:
        raise ValueError(f"not a content line: {line[:60]!r}")
    parameters = sorted((key.upper(), value.replace('"', "")) for key, value in _PARAMETER.findall(match[2]))
    return match[1].upper(), tuple(parameters), match[3]


def read_events(data: bytes) -> list[list[ContentLine]]:
    """The VEVENTs of a calendar, each as its own content lines (not those of its VALARMs), as written.

    A light reader for what a build compares with the previous issue; ValueError when it is not a calendar.
    """
    text = re.sub(r"\r?\n[ \t]", "", data.decode("utf-8"))
    lines = [line for line in re.split(r"\r?\n", text) if line]
    if not lines or lines[0].upper() != "BEGIN:VCALENDAR":
        raise ValueError("it does not begin with BEGIN:VCALENDAR")
    events: list[list[ContentLine]] = []
    stack: list[str] = []
    for line in lines:
        name, _, value = content_line(line)
        if name == "BEGIN":
            stack.append(value.upper())
            if stack == ["VCALENDAR", "VEVENT"]:
                events.append([])
        elif name == "END":
            if not stack or stack.pop() != value.upper():
                raise ValueError(f"END:{value} does not close what was begun")
        elif stack == ["VCALENDAR", "VEVENT"]:
            events[-1].append(content_line(line))
    if stack:
        raise ValueError(f"BEGIN:{stack[-1]} is never ended")
    return events


def content_fingerprint(lines: list[ContentLine]) -> tuple[ContentLine, ...]:
    """What a delegate sees of an event (the CONTENT properties), in a form that ignores folding and ordering."""
    return tuple(sorted(line for line in lines if line[0] in CONTENT))


# --- what each plenary meeting says ---------------------------------------------------------------------------


def summary(meeting: Meeting, plenary: PlenaryMeeting) -> str:
    """"Working Group on the Smuggling of Migrants — 1st plenary meeting"."""
    return f"{meeting.body} {EM_DASH} {ordinal(plenary.number)} plenary meeting"


def location(meeting: Meeting) -> str:
    if meeting.format is Format.ONLINE:
        return f"Online ({meeting.online.platform})" if meeting.online else "Online"
    return f"{meeting.room}, {meeting.venue}" if meeting.room else meeting.venue


def description(schedule: Schedule, plenary: PlenaryMeeting) -> str:
    """The session, the agenda items taken up (as the annex lists them), and how to connect."""
    meeting = schedule.meeting
    lines = [
        f"{ordinal_word(meeting.ordinal).capitalize()} meeting of the {meeting.body}, {ordinal(plenary.number)} plenary meeting",
        "",
        "Agenda items:",
    ]
    for allocation in schedule.allocations_in(plenary.number):
        continued = " (continued)" if allocation.continued else ""
        lines.append(f"{allocation.item.label} {allocation.item.title}{continued}")
    online = meeting.online
    if online is not None and meeting.format is not Format.IN_PERSON:
        how = "Hybrid meeting: in the room or online" if meeting.format is Format.HYBRID else "Online meeting"
        lines += ["", f"{how} through {online.platform}" + (f": {online.url}" if online.url else "")]
    lines += ["", f"Organization of work: {meeting.symbol}"]
    return "\n".join(lines)


def _local(day: dt.date, time: dt.time, zone: str) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=zoneinfo.ZoneInfo(zone))


def plenary_event(schedule: Schedule, plenary: PlenaryMeeting) -> Event:
    """The event's content: what a delegate sees, without the issue's stamps."""
    from icalendar import Event, vUri

    meeting = schedule.meeting
    event = Event()
    event.add("UID", plenary_uid(meeting, plenary.number))
    event.add("SUMMARY", text_value(summary(meeting, plenary)))
    event.add("DTSTART", _local(plenary.date, plenary.hours.start, meeting.time_zone))
    event.add("DTEND", _local(plenary.date, plenary.hours.end, meeting.time_zone))
    event.add("LOCATION", text_value(location(meeting)))
    event.add("DESCRIPTION", text_value(description(schedule, plenary)))
    if meeting.online is not None and meeting.online.url and meeting.format is not Format.IN_PERSON:
        event.add("URL", vUri(meeting.online.url))
        # A parameter value cannot carry a double quote or a line break (RFC 6868 aside); the platform name
        # is a label, so it loses them rather than breaking the property.
        label = re.sub(r'["\s]+', " ", clean_text(meeting.online.platform)).strip()
        # FEATURE is a list parameter: a Python list is written AUDIO,VIDEO, a string would be quoted as one value.
        parameters: dict[str, Any] = {"VALUE": "URI", "FEATURE": ["AUDIO", "VIDEO"], "LABEL": label or "Online"}
        event.add("CONFERENCE", vUri(meeting.online.url), parameters=parameters)
    event.add("STATUS", "CONFIRMED")
    return event


# --- the previous issue -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class PriorEvent:
    """One event of this meeting as the previous issue sent it."""

    number: int
    event: Component
    sequence: int
    fingerprint: tuple[str, ...]
    cancelled: bool


def fingerprint(event: Component) -> tuple[str, ...]:
    """The content lines a delegate sees, as text, after a round trip through the parser.

    New and previous events both go through the same parse and write, so a difference means the content
    changed, not that it was spelled differently.
    """
    from icalendar import Event

    parsed = Event.from_ical(event.to_ical())
    unfolded = re.sub(r"\r\n[ \t]", "", parsed.to_ical(sorted=True).decode("utf-8"))
    return tuple(sorted(line for line in unfolded.split("\r\n") if re.split(r"[;:]", line, maxsplit=1)[0].upper() in CONTENT))


def read_prior(meeting: Meeting, previous: bytes | None, source: str = NAME) -> dict[str, PriorEvent]:
    """The previous issue's events of this meeting, by UID; events of other meetings are not ours to touch."""
    if previous is None:
        return {}
    from icalendar import Calendar

    prior: dict[str, PriorEvent] = {}
    try:
        for event in Calendar.from_ical(previous).walk("VEVENT"):
            uid = str(event.get("UID", ""))
            number = _uid_number(meeting, uid)
            if number is None:
                continue
            sequence = int(event.get("SEQUENCE", 0))
            if uid in prior and prior[uid].sequence >= sequence:
                continue
            prior[uid] = PriorEvent(
                number=number,
                event=event,
                sequence=sequence,
                fingerprint=fingerprint(event),
                cancelled=str(event.get("STATUS", "")).upper() == "CANCELLED",
            )
    except (ValueError, KeyError, TypeError, IndexError) as error:
        # Starting SEQUENCE again at 0 would leave every imported calendar on the old issue: refuse instead.
        raise MeetplanError([Problem(file=source, message=(
            f"the previous issue of the calendar cannot be read ({error}); without it the events cannot be "
            "updated in place: restore it, or move it away to start a new series of events"
        ))]) from None
    return prior


def _moment_of(event: Component, name: str) -> dt.datetime | None:
    prop = event.get(name)
    value = getattr(prop, "dt", None)
    return value if isinstance(value, dt.datetime) and value.tzinfo is not None else None


def _cancelled(prior: PriorEvent) -> Event:
    """A dropped plenary meeting, sent again with its last content and STATUS:CANCELLED."""
    from icalendar import Event

    event = Event()
    event.add("UID", str(prior.event["UID"]))
    title = str(prior.event.get("SUMMARY", ""))
    # Clients that ignore STATUS on import still show the word.
    event.add("SUMMARY", text_value(title if title.startswith(CANCELLED_PREFIX) else CANCELLED_PREFIX + title))
    for name in ("DTSTART", "DTEND"):
        value = getattr(prior.event.get(name), "dt", None)
        if isinstance(value, dt.datetime):
            # A zone the previous issue named but the database lacks is kept as the same instant in UTC.
            if not isinstance(value.tzinfo, zoneinfo.ZoneInfo):
                value = value.astimezone(dt.UTC)
            event.add(name, value)
        elif value is not None:
            event.add(name, value)
    for name in ("LOCATION", "DESCRIPTION"):
        if name in prior.event:
            event.add(name, text_value(str(prior.event[name])))
    event.add("STATUS", "CANCELLED")
    return event


# --- the calendar -------------------------------------------------------------------------------------------------


def new_calendar(prodid: str, name: str) -> Calendar:
    """A calendar's head: PRODID, VERSION, CALSCALE and its name. The events are added by the caller."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("PRODID", prodid)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    # No METHOD: a file for import, not a scheduling message (libical refuses METHOD:PUBLISH without ORGANIZER,
    # and meetplan publishes no organizer's address).
    calendar.add("NAME", text_value(name))
    calendar.add("X-WR-CALNAME", text_value(name))
    return calendar


def with_time_zones(data: bytes, events: list[Component]) -> bytes:
    """A calendar written by icalendar, with the VTIMEZONE of every zone its events use before the first event.

    The blocks are inserted as vtimezone writes them: icalendar would reorder the parts of their RRULEs.
    """
    if not events:
        return data
    first, last = _years(events)
    blocks = b"".join(vtimezone(zone, first, last) for zone in _time_zones(events))
    at = data.find(b"BEGIN:VEVENT\r\n")
    return data[:at] + blocks + data[at:]


def _time_zones(events: list[Component]) -> list[str]:
    names = {
        str(event[name].params["TZID"])
        for event in events
        for name in ("DTSTART", "DTEND")
        if name in event and "TZID" in event[name].params
    }
    return sorted(names)


def _years(events: list[Component]) -> tuple[int, int]:
    moments = [event.decoded(name) for event in events for name in ("DTSTART", "DTEND") if name in event]
    years = [moment.year for moment in moments if isinstance(moment, dt.date)]
    return min(years), max(years)


def build_calendar(schedule: Schedule, previous: bytes | None = None, source: str = NAME) -> Calendar:
    """The calendar: this issue's plenary meetings, then the dropped ones, cancelled.

    ``previous`` is the calendar this one replaces (None for the first issue); ``source`` names it in errors.
    """

    meeting = schedule.meeting
    moment = build_moment(meeting.issued)
    prior = read_prior(meeting, previous, source)

    stamped: list[tuple[Event, int, dt.datetime]] = []
    current = set()
    for plenary in schedule.plenaries:
        event = plenary_event(schedule, plenary)
        uid = str(event["UID"])
        current.add(uid)
        before = prior.get(uid)
        if before is None:
            stamped.append((event, 0, moment))
        elif before.fingerprint == fingerprint(event):
            stamped.append((event, before.sequence, _moment_of(before.event, "LAST-MODIFIED") or moment))
        else:
            stamped.append((event, before.sequence + 1, moment))
    for uid, before in sorted(prior.items(), key=lambda pair: (pair[1].number, pair[0])):
        if uid in current:
            continue
        if before.cancelled:
            # Already cancelled in an earlier issue: sent again unchanged, so it stays cancelled everywhere.
            event = _cancelled(before)
            unchanged = fingerprint(event) == before.fingerprint
            sequence = before.sequence if unchanged else before.sequence + 1
            modified = (_moment_of(before.event, "LAST-MODIFIED") if unchanged else None) or moment
            stamped.append((event, sequence, modified))
        else:
            stamped.append((_cancelled(before), before.sequence + 1, moment))

    name = f"{meeting.body}, {ordinal_word(meeting.ordinal)} meeting"
    calendar = new_calendar(PRODID, name)
    for event, sequence, modified in stamped:
        before = prior.get(str(event["UID"]))
        created = _moment_of(before.event, "CREATED") if before else None
        event.add("SEQUENCE", sequence)
        event.add("DTSTAMP", moment)
        event.add("CREATED", created or moment)
        event.add("LAST-MODIFIED", modified)
        calendar.add_component(event)
    return calendar


def render_calendar(schedule: Schedule, previous: bytes | None = None, source: str = NAME) -> Artifact:
    """calendar.ics: ``previous`` is the calendar this one replaces (None for the first issue)."""
    calendar = build_calendar(schedule, previous, source)
    data = with_time_zones(calendar.to_ical(sorted=False), calendar.walk("VEVENT"))
    return Artifact(name=NAME, media_type=MEDIA_TYPE, data=data)
