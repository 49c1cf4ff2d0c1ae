"""meetplan's calendars: calendar.ics (the plenary meetings) and speakers/<name>.ics (each speaker's turns).

Both are written here, by one writer, and both follow one rule for the issue they replace:

- An event's identity is its UID, made from domain keys ("the 3rd plenary meeting of CTOC/COP/WG.7/2020/1",
  "this inscription under item 2"), so an imported calendar moves the event instead of adding a second one.
- The previous issue of the file is the only memory between builds. It gives each event's SEQUENCE, which goes
  up exactly when what a delegate sees changes (RFC 5545 3.8.7.4), and the events that were dropped, which are
  sent again as STATUS:CANCELLED (with their last DTSTART) so that they leave every calendar that imported them.
- Nothing reads the clock: DTSTAMP, CREATED and LAST-MODIFIED come from the issue date (or SOURCE_DATE_EPOCH),
  and nothing depends on the machine's time zone, so the same input gives the same bytes.

The calendars are written as text: icalendar builds and folds every property through several layers of objects,
and a calendar per speaker made that the slow part of a build. icalendar still writes what is hard to get right
once per build (the form of a date-time with a TZID, URL and CONFERENCE), and is the parser the tests read back
with; vtimezone.py writes the VTIMEZONE blocks.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from msgspec import Struct

from meetplan.errors import MeetplanError, Problem
from meetplan.languages import file_name, label, language, uid_suffix
from meetplan.model import Format, Meeting, PlenaryMeeting, Schedule
from meetplan.render import Artifact
from meetplan.render.ooxml import build_moment
from meetplan.render.vtimezone import vtimezone
from meetplan.style import EM_DASH, ordinal, session_name

NAME = "calendar.ics"
MEDIA_TYPE = "text/calendar"
# Stable across meetplan versions: some clients de-duplicate subscriptions by PRODID.
PRODID = "-//meetplan//Plenary meetings//EN"
UID_DOMAIN = "meetplan"
CANCELLED_PREFIX = "Cancelled: "
# RFC 5545 3.3.8: an INTEGER is at most 2147483647; SEQUENCE is one and is never negative (3.8.7.4).
SEQUENCE_MAX = 2_147_483_647

# What a delegate sees of an event; a change to any of these raises its SEQUENCE. DTSTAMP, SEQUENCE, CREATED
# and LAST-MODIFIED describe the issue, not the meeting, and are left out on purpose.
CONTENT = ("SUMMARY", "DESCRIPTION", "LOCATION", "DTSTART", "DTEND", "URL", "CONFERENCE", "STATUS")
_TEXT = frozenset({"SUMMARY", "DESCRIPTION", "LOCATION"})

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
    """"CTOC-COP-WG.7-2020-1-plenary-3@meetplan": the same for the same plenary meeting in every issue;
    "…-plenary-3-fr@meetplan" in the French calendar.

    Each language's calendar has UIDs of its own: it is issued from its own previous file, with SEQUENCE numbers
    of its own, and a calendar client ignores an update whose SEQUENCE is lower than the event's it holds, so a
    delegate switching to a language whose events shared the English UIDs would silently keep the old text.
    Events of two languages imported together are doubled, which the delegate sees, rather than stale."""
    return f"{meeting_key(meeting)}-plenary-{number}{uid_suffix(meeting.language)}@{UID_DOMAIN}"


def calendar_name(meeting: Meeting) -> str:
    """"calendar.ics"; "calendar.fr.ics" in another language."""
    return file_name("calendar", "ics", meeting.language)


# --- text ------------------------------------------------------------------------------------------------------


def clean_text(value: str) -> str:
    """Input text as a TEXT value: one kind of line break, no control characters."""
    return _CONTROL.sub(" ", _LINE_BREAK.sub("\n", value))


# Any character clean_text or escape_text acts on.
_TEXT_SPECIAL = re.compile(r"[\\;,\x00-\x1f\x7f-\x9f\u2028\u2029]")


def escape_text(value: str) -> str:
    """A TEXT value as RFC 5545 escapes it (after clean_text): backslash, semicolon, comma and line break.

    Done here rather than by icalendar, which turns a backslash followed by "N" in the text into a line break
    before escaping: a title such as "C:\\Nations" must come back as typed.
    """
    if _TEXT_SPECIAL.search(value) is None:  # most titles and names: nothing to do
        return value
    return clean_text(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


def unescape_text(value: str) -> str:
    """A TEXT value as written back to the text: "\\n" and "\\N" a line break, any other escaped character itself."""
    return _ESCAPE.sub(lambda match: "\n" if match[1] in "nN" else match[1], value)


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
    """A calendar's head: PRODID, VERSION, CALSCALE and its name.

    No METHOD: a file for import, not a scheduling message (libical refuses METHOD:PUBLISH without ORGANIZER,
    and meetplan publishes no organizer's address).
    """
    return [f"PRODID:{escape_text(prodid)}", "VERSION:2.0", "CALSCALE:GREGORIAN", f"NAME:{escape_text(name)}",
            f"X-WR-CALNAME:{escape_text(name)}"]


# --- times -----------------------------------------------------------------------------------------------------

# Names the time zone database answers for the machine rather than for a place: never a meeting's zone.
_NOT_A_PLACE = re.compile(r"localtime|posixrules|Factory|(posix|right)/.*")


@functools.lru_cache(maxsize=64)
def known_zone(name: str) -> bool:
    """Whether ``name`` is a zone of the time zone database that names a place (or UTC), not the machine's."""
    if _NOT_A_PLACE.fullmatch(name) or name not in zoneinfo.available_timezones():
        return False
    try:
        zoneinfo.ZoneInfo(name)
    except (ValueError, OSError):
        return False
    return True


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
    """"DTSTART;TZID=Europe/Vienna:20200908T100000": a wall time of ``zone``, as written (no conversion)."""
    before, after = _datetime_form(zone)
    return f"{name}{before}{moment:%Y%m%dT%H%M%S}{after}"


def utc_line(name: str, moment: dt.datetime) -> str:
    """"DTSTAMP:20200604T000000Z"."""
    return f"{name}:{moment.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"


@functools.lru_cache(maxsize=1024)
def _quiet(zone: zoneinfo.ZoneInfo, day: dt.date) -> bool:
    """Whether ``zone`` keeps one offset from the day before ``day`` to the end of the day after: then every wall
    time of ``day`` happens once, and a day's wall-clock arithmetic is real elapsed time."""
    moment = dt.datetime.combine(day - dt.timedelta(days=1), dt.time(0), tzinfo=dt.UTC)
    offsets = {(moment + dt.timedelta(hours=hour)).astimezone(zone).utcoffset() for hour in range(0, 4 * 24 + 1)}
    return len(offsets) == 1


def moment_line(name: str, moment: dt.datetime) -> str:
    """An instant (aware, in a ZoneInfo zone) as its zone's wall time, or in UTC where the wall time does not say it.

    In the hour the clocks go back every wall time happens twice and RFC 5545 reads it as the first; the second
    (``fold=1``) is written in UTC, as is a time in the hour the clocks skip.
    """
    zone = moment.tzinfo
    assert isinstance(zone, zoneinfo.ZoneInfo), moment
    if not _quiet(zone, moment.date()) and moment.utcoffset() != moment.replace(fold=1 - moment.fold).utcoffset():
        return utc_line(name, moment)
    return datetime_line(name, moment, zone.key)


def local(day: dt.date, time: dt.time, zone: str, fold: int = 0) -> dt.datetime:
    """The instant a wall time of ``zone`` names."""
    return dt.datetime.combine(day, time, tzinfo=zoneinfo.ZoneInfo(zone)).replace(fold=fold)


def after(start: dt.datetime, minutes: Any) -> dt.datetime:
    """The instant ``minutes`` of real time after ``start``, in its zone: across a change of the clocks the wall
    time moves by an hour more or less (Python's own arithmetic on aware times moves the wall time only)."""
    zone = start.tzinfo
    delta = dt.timedelta(seconds=round(minutes * 60))
    if isinstance(zone, zoneinfo.ZoneInfo) and delta < dt.timedelta(days=1) and _quiet(zone, start.date()):
        return start + delta  # the same instant, without two conversions: most times are far from a change
    return (start.astimezone(dt.UTC) + delta).astimezone(zone)


# --- events ----------------------------------------------------------------------------------------------------


class Event(Struct, frozen=True):
    """One event as the content lines a delegate sees (unfolded): its UID first, then only CONTENT properties;
    and the zones its times need."""

    uid: str
    lines: tuple[str, ...]
    zones: tuple[tuple[str, int], ...]  # (TZID, year) of each local time in ``lines``


def event_times(start: dt.datetime, end: dt.datetime) -> tuple[list[str], tuple[tuple[str, int], ...]]:
    """DTSTART and DTEND lines of two instants, with the zones (and years) their VTIMEZONE must cover."""
    lines = [moment_line("DTSTART", start), moment_line("DTEND", end)]
    zones = tuple((moment.tzinfo.key, moment.year) for moment, line in zip((start, end), lines, strict=True)
                  if ";TZID=" in line and isinstance(moment.tzinfo, zoneinfo.ZoneInfo))
    return lines, zones


@functools.lru_cache(maxsize=8)
def _conference_lines(url: str, platform: str) -> tuple[str, ...]:
    from icalendar import Event as IcalEvent
    from icalendar import vUri

    event = IcalEvent()
    event.add("URL", vUri(url))
    # A parameter value cannot carry a double quote or a line break (RFC 6868 aside); the platform name is a
    # label, so it loses them rather than breaking the property.
    label = re.sub(r'["\s]+', " ", clean_text(platform)).strip()
    # FEATURE is a list parameter: a Python list is written AUDIO,VIDEO, a string would be quoted as one value.
    parameters: dict[str, Any] = {"VALUE": "URI", "FEATURE": ["AUDIO", "VIDEO"], "LABEL": label or "Online"}
    event.add("CONFERENCE", vUri(url), parameters=parameters)
    text = re.sub(r"\r\n[ \t]", "", event.to_ical(sorted=False).decode("utf-8"))
    return tuple(text.split("\r\n")[1:-2])  # between BEGIN:VEVENT and END:VEVENT


def conference_lines(meeting: Meeting) -> tuple[str, ...]:
    """URL and CONFERENCE (RFC 7986) of a meeting held online too; none for one held in person only."""
    online = meeting.online
    if online is None or not online.url or meeting.format is Format.IN_PERSON:
        return ()
    return _conference_lines(online.url, online.platform)


# --- the previous issue ----------------------------------------------------------------------------------------

# One content line: its name, parameters (quoted values may hold ";" and ":") and value.
_CONTENT_LINE = re.compile(r'([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)', re.DOTALL)
_PARAMETER = re.compile(r';([A-Za-z0-9-]+)=((?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)')
_UNFOLD = re.compile(r"\r?\n[ \t]")
_NEWLINE = re.compile(r"\r?\n")

ContentLine = tuple[str, tuple[tuple[str, str], ...], str]


def content_line(line: str) -> ContentLine:
    """(NAME, sorted parameters without quotes, value) of an unfolded line; ValueError when it is not one."""
    match = _CONTENT_LINE.fullmatch(line)
    if match is None:
        raise ValueError(f"not a content line: {line[:60]!r}")
    parameters = sorted((key.upper(), value.replace('"', "")) for key, value in _PARAMETER.findall(match[2]))
    return match[1].upper(), tuple(parameters), match[3]


# The name (and the separator after it) that begins every content line: checked on each line of the previous
# issue, which is cheaper than parsing each (a build reads hundreds of calendars); only our events' lines are parsed.
_LINE_START = re.compile(r"([A-Za-z0-9-]+)[;:]")


def read_events(data: bytes) -> list[list[str]]:
    """The VEVENTs of a calendar, each as its own unfolded lines (not those of its VALARMs), as written.

    ValueError when it is not a calendar: every line must begin as a content line, every BEGIN be ended.
    """
    text = _UNFOLD.sub("", data.decode("utf-8"))
    lines = [line for line in _NEWLINE.split(text) if line]
    if not lines or lines[0].upper() != "BEGIN:VCALENDAR":
        raise ValueError("it does not begin with BEGIN:VCALENDAR")
    events: list[list[str]] = []
    stack: list[str] = []
    for line in lines:
        start = _LINE_START.match(line)
        if start is None or ":" not in line:
            raise ValueError(f"not a content line: {line[:60]!r}")
        name = start[1].upper()
        if name == "BEGIN":
            stack.append(line[6:].upper())
            if len(stack) == 2 and stack[1] == "VEVENT":
                events.append([])
        elif name == "END":
            if not stack or stack.pop() != line[4:].upper():
                raise ValueError(f"{line} does not close what was begun")
        elif len(stack) == 2 and stack[1] == "VEVENT":
            events[-1].append(line)
    if stack:
        raise ValueError(f"BEGIN:{stack[-1]} is never ended")
    return events


def fingerprint(lines: Iterable[str]) -> tuple[ContentLine, ...]:
    """What a delegate sees of an event (the CONTENT properties), in a form that ignores how it was spelled:
    folding, order, parameters' order and quotes, and how a TEXT value was escaped."""
    found = []
    for line in lines:
        name, parameters, value = content_line(line)
        if name in CONTENT:
            found.append((name, parameters, unescape_text(value) if name in _TEXT else value))
    return tuple(sorted(found))


_SEQUENCE = re.compile(r"[0-9]{1,10}")  # ASCII digits only: int() would take "٣", "1_000" and " 3"
_UTC_STAMP = re.compile(r"[0-9]{8}T[0-9]{6}Z")
_DATE_TIME = re.compile(r"([0-9]{8})T([0-9]{6})(Z?)")
_DATE = re.compile(r"[0-9]{8}")


class PriorEvent(Struct, frozen=True, kw_only=True, dict=True):  # dict: cached_property keeps its values there
    """One event of ours as the previous issue sent it."""

    uid: str
    index: int  # its place in the previous issue
    lines: tuple[str, ...]  # the content lines a delegate sees (CONTENT), as written
    sequence: int
    cancelled: bool
    created: str | None  # as written, when in UTC
    modified: str | None

    @functools.cached_property
    def fingerprint(self) -> tuple[ContentLine, ...]:
        return fingerprint(self.lines)

    def value(self, name: str) -> str | None:
        """The value of the content line ``name``, as written."""
        return next((value for key, _, value in map(content_line, self.lines) if key == name), None)


_READ = frozenset({"SEQUENCE", "STATUS", "CREATED", "LAST-MODIFIED", "DTSTART", "DTEND"})


def _prior_event(uid: str, index: int, lines: list[str]) -> PriorEvent:
    content, values = [], {}
    for line in lines:
        name = _LINE_START.match(line)[1].upper()  # type: ignore[index]  # read_events checked every line
        if name in CONTENT:
            content.append(line)
        if name in _READ:
            name, parameters, value = content_line(line)
            values[name] = value
            if name in ("DTSTART", "DTEND"):
                _time_value(uid, name, parameters, value)  # refuses what is not a date or a date-time
    sequence = values.get("SEQUENCE", "0")
    if not _SEQUENCE.fullmatch(sequence) or int(sequence) > SEQUENCE_MAX:
        raise ValueError(f"event {uid}: SEQUENCE {sequence!r} is not a whole number from 0 to {SEQUENCE_MAX}")
    if "DTSTART" not in values:
        # A cancelled event is sent again with its DTSTART (RFC 5545 requires one without METHOD).
        raise ValueError(f"event {uid} has no DTSTART")
    stamps = (values.get(name) for name in ("CREATED", "LAST-MODIFIED"))
    created, modified = (value if value and _UTC_STAMP.fullmatch(value) else None for value in stamps)
    return PriorEvent(
        uid=uid, index=index, lines=tuple(content), sequence=int(sequence),
        cancelled=values.get("STATUS", "").upper() == "CANCELLED", created=created, modified=modified,
    )


def read_prior(previous: bytes | None, source: str, ours: Callable[[str], bool]) -> dict[str, PriorEvent]:
    """The previous issue's events that ``ours`` claims, by UID (the latest SEQUENCE of a UID given twice).

    Events of other meetings are not ours to touch. A previous issue that cannot be read is refused: starting
    SEQUENCE again at 0 would leave every imported calendar on the old issue.
    """
    if previous is None:
        return {}
    prior: dict[str, PriorEvent] = {}
    try:
        for index, lines in enumerate(read_events(previous)):
            uid = next((line[4:] for line in lines if line[:4].upper() == "UID:"), "")
            if not ours(uid):
                continue
            event = _prior_event(uid, index, lines)
            if uid not in prior or prior[uid].sequence < event.sequence:
                prior[uid] = event
    except (ValueError, UnicodeDecodeError) as error:
        raise MeetplanError([Problem(file=source, message=(
            f"the previous issue of the calendar cannot be read ({error}); without it the events cannot be "
            "updated in place: restore it, or move it away to start a new series of events"
        ))]) from None
    return prior


def _time_value(uid: str, name: str, parameters: tuple[tuple[str, str], ...], value: str) -> dt.date | dt.datetime:
    """The date, or the wall time (naive), of a DTSTART or DTEND; ValueError when it is neither."""
    if dict(parameters).get("VALUE", "DATE-TIME").upper() == "DATE" and _DATE.fullmatch(value):
        try:
            return dt.date(int(value[:4]), int(value[4:6]), int(value[6:8]))
        except ValueError:
            pass
    elif _DATE_TIME.fullmatch(value):
        try:
            return dt.datetime(int(value[:4]), int(value[4:6]), int(value[6:8]), int(value[9:11]), int(value[11:13]), int(value[13:15]))
        except ValueError:
            pass
    raise ValueError(f"event {uid}: {name} {value!r} is not a date or a date-time")


def _previous_time(uid: str, line: str, zone: str) -> tuple[str, tuple[tuple[str, int], ...]]:
    """A DTSTART or DTEND of the previous issue as this issue writes it, and the zone it needs.

    A floating time, or one in a zone the time zone database does not know (a Windows name, "localtime"), is read
    as the meeting's local time, which is what meetplan wrote there: never as the machine's.
    """
    name, parameters, value = content_line(line)
    moment = _time_value(uid, name, parameters, value)
    if not isinstance(moment, dt.datetime):
        return f"{name};VALUE=DATE:{value}", ()
    if value.endswith("Z"):
        return f"{name}:{value}", ()
    tzid = dict(parameters).get("TZID", "")
    where = tzid if known_zone(tzid) else zone
    return datetime_line(name, moment, where), ((where, moment.year),)


# --- the rule --------------------------------------------------------------------------------------------------


def _cancelled(before: PriorEvent, zone: str) -> Event:
    """A dropped event, sent again with its last content and STATUS:CANCELLED."""
    lines: list[str] = [f"UID:{before.uid}"]
    zones: list[tuple[str, int]] = []
    title = unescape_text(before.value("SUMMARY") or "")
    # Clients that ignore STATUS on import still show the word.
    lines.append(f"SUMMARY:{escape_text(title if title.startswith(CANCELLED_PREFIX) else CANCELLED_PREFIX + title)}")
    for line in before.lines:
        if content_line(line)[0] in ("DTSTART", "DTEND"):
            written, needs = _previous_time(before.uid, line, zone)
            lines.append(written)
            zones += needs
    for name in ("LOCATION", "DESCRIPTION"):
        text = before.value(name)
        if text is not None:
            lines.append(f"{name}:{escape_text(unescape_text(text))}")
    lines.append("STATUS:CANCELLED")
    return Event(uid=before.uid, lines=tuple(lines), zones=tuple(zones))


def issue(
    events: Sequence[Event],
    prior: dict[str, PriorEvent],
    *,
    moment: dt.datetime,
    zone: str,
    source: str,
    order: Callable[[PriorEvent], Any] = lambda before: before.index,
) -> list[tuple[Event, list[str]]]:
    """This issue's events, then the dropped ones cancelled (in ``order``), each with its stamps.

    SEQUENCE stays while what a delegate sees stays, and goes up by one when it changes (a cancellation is a
    change); CREATED stays from the first issue; LAST-MODIFIED is the issue that last changed the event.
    """
    stamp = utc_line("DTSTAMP", moment).removeprefix("DTSTAMP:")
    current = {event.uid for event in events}
    dropped = sorted((before for uid, before in prior.items() if uid not in current), key=order)
    problems: list[Problem] = []
    written = []
    for event in [*events, *(_cancelled(before, zone) for before in dropped)]:
        before = prior.get(event.uid)
        if before is None:
            sequence, created, modified = 0, stamp, stamp
        elif before.lines == event.lines[1:] or before.fingerprint == fingerprint(event.lines):
            sequence, created, modified = before.sequence, before.created or stamp, before.modified or stamp
        elif before.sequence >= SEQUENCE_MAX:
            problems.append(Problem(file=source, message=f"event {event.uid}: SEQUENCE {before.sequence} cannot be raised; start a new series"))
            continue
        else:
            sequence, created, modified = before.sequence + 1, before.created or stamp, stamp
        written.append((event, [f"SEQUENCE:{sequence}", f"DTSTAMP:{stamp}", f"CREATED:{created}", f"LAST-MODIFIED:{modified}"]))
    if problems:
        raise MeetplanError(problems)
    return written


def write_calendar(
    *,
    prodid: str,
    name: str,
    meeting: Meeting,
    events: Sequence[Event],
    previous: bytes | None,
    source: str,
    ours: Callable[[str], bool],
    order: Callable[[PriorEvent], Any] = lambda before: before.index,
) -> bytes:
    """A calendar of ``events`` that replaces ``previous`` (None for the first issue; ``source`` names it in errors).

    ``ours`` says which UIDs of the previous issue this calendar owns: those it no longer has are cancelled.
    """
    prior = read_prior(previous, source, ours)
    written = issue(events, prior, moment=build_moment(meeting.issued, meeting.stamp), zone=meeting.time_zone, source=source, order=order)
    years: dict[str, list[int]] = {}
    for event, _ in written:
        for zone, year in event.zones:
            years.setdefault(zone, []).append(year)
    blocks = [vtimezone(zone, min(found), max(found)) for zone, found in sorted(years.items())]
    return calendar_text(head_lines(prodid, name), blocks, [[*event.lines, *stamps] for event, stamps in written])


# --- the plenary meetings --------------------------------------------------------------------------------------


def summary(meeting: Meeting, plenary: PlenaryMeeting) -> str:
    """"Working Group on the Smuggling of Migrants — 1st plenary meeting"; "COSP 6 — 3rd plenary meeting"."""
    body = f"{meeting.short_name} {meeting.ordinal}" if meeting.short_name else meeting.body
    return f"{body} {EM_DASH} {language(meeting.language).plenary_meeting(plenary.number)}"


def location(meeting: Meeting) -> str:
    if meeting.format is Format.ONLINE:
        online = language(meeting.language).online_location
        return f"{online} ({meeting.online.platform})" if meeting.online else online
    return f"{meeting.room}, {meeting.venue}" if meeting.room else meeting.venue


def description(schedule: Schedule, plenary: PlenaryMeeting) -> str:
    """The session, the agenda items taken up (as the annex lists them), and how to connect."""
    meeting = schedule.meeting
    forms = language(meeting.language)
    # The session's ordinal in words ("Seventh meeting of ...") is English only: the other languages name the
    # body and the plenary meeting, as their documents' headings do.
    opening = (f"{session_name(meeting).capitalize()} of the {meeting.body}, {ordinal(plenary.number)} plenary meeting"
               if meeting.language == "en" else f"{meeting.body}, {forms.plenary_meeting(plenary.number)}")
    lines = [opening, "", forms.agenda_items]
    for allocation in schedule.allocations_in(plenary.number):
        item = allocation.item
        continued = forms.continued.plain() if allocation.continued else ""
        lines.append(f"{label(forms, item.number, item.letter)} {item.title}{continued}")
    online = meeting.online
    if online is not None and meeting.format is not Format.IN_PERSON:
        how = forms.hybrid if meeting.format is Format.HYBRID else forms.online_meeting
        lines += ["", how.format(platform=online.platform) + (f": {online.url}" if online.url else "")]
    lines += ["", forms.organization_of_work.format(symbol=meeting.symbol)]
    return "\n".join(lines)


def plenary_event(schedule: Schedule, plenary: PlenaryMeeting) -> Event:
    """The event's content: what a delegate sees, without the issue's stamps."""
    meeting = schedule.meeting
    uid = plenary_uid(meeting, plenary.number)
    times, zones = event_times(local(plenary.date, plenary.hours.start, meeting.time_zone),
                               local(plenary.date, plenary.hours.end, meeting.time_zone))
    lines = (
        f"UID:{uid}",
        f"SUMMARY:{escape_text(summary(meeting, plenary))}",
        *times,
        f"LOCATION:{escape_text(location(meeting))}",
        f"DESCRIPTION:{escape_text(description(schedule, plenary))}",
        *conference_lines(meeting),
        "STATUS:CONFIRMED",
    )
    return Event(uid=uid, lines=lines, zones=zones)


def plenary_uid_number(meeting: Meeting) -> Callable[[str], int | None]:
    """The plenary meeting a UID of this meeting names, or None for a UID that is not this meeting's."""
    suffix = re.escape(uid_suffix(meeting.language))
    pattern = re.compile(rf"{re.escape(meeting_key(meeting))}-plenary-([1-9][0-9]{{0,8}}){suffix}@{re.escape(UID_DOMAIN)}")

    def number(uid: str) -> int | None:
        match = pattern.fullmatch(uid)
        return int(match[1]) if match else None

    return number


def render_calendar(schedule: Schedule, previous: bytes | None = None, source: str | None = None) -> Artifact:
    """calendar.ics (calendar.fr.ics): this issue's plenary meetings, then the dropped ones, cancelled, by number.

    ``previous`` is the calendar this one replaces (None for the first issue); ``source`` names it in errors.
    """
    meeting = schedule.meeting
    number = plenary_uid_number(meeting)
    data = write_calendar(
        prodid=PRODID,
        name=f"{meeting.body}, {session_name(meeting)}" if meeting.language == "en" else meeting.body,
        meeting=meeting,
        events=[plenary_event(schedule, plenary) for plenary in schedule.plenaries],
        previous=previous,
        source=source or calendar_name(meeting),
        ours=lambda uid: number(uid) is not None,
        order=lambda before: (number(before.uid) or 0, before.uid),
    )
    return Artifact(name=calendar_name(meeting), media_type=MEDIA_TYPE, data=data)
