"""speakers/<name>.ics: a personal calendar for each panellist and each remote speaker.

One file per person (a remote statement by an unnamed representative: per delegation), with an event for each
time they are on a list of speakers: the plenary meeting, the expected time and, for a remote speaker, the link
to connect through. A speaker who does not fit the item's time gets the item's time in its last plenary
meeting, marked tentative, until the list changes.

The escaping, time zones and change detection are calendar.py's: the same VTIMEZONE blocks, the same TEXT
escaping, and the previous issue's file giving each event's SEQUENCE, so that a re-sent calendar updates the
event instead of adding a second one. UIDs come from the meeting's symbol, the item and the person's name;
DTSTAMP from the issue date, never the clock.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from meetplan.errors import MeetplanError, Problem
from meetplan.model import Attendance, Format, ItemSpeakers, Meeting, SpeakersList, Turn
from meetplan.output import safe_name
from meetplan.render import Artifact
from meetplan.render.calendar import (
    MEDIA_TYPE,
    UID_DOMAIN,
    ContentLine,
    calendar_text,
    clean_text,
    content_fingerprint,
    content_line,
    datetime_line,
    escape_text,
    head_lines,
    location,
    meeting_key,
    read_events,
    utc_line,
)
from meetplan.render.ooxml import build_moment
from meetplan.render.vtimezone import vtimezone
from meetplan.speakers import speaker_name
from meetplan.style import EM_DASH, day_heading, hours, ordinal, ordinal_word, time_of_day

FOLDER = "speakers"
# Stable across meetplan versions: some clients de-duplicate subscriptions by PRODID.
PRODID = "-//meetplan//Speakers//EN"
TENTATIVE_PREFIX = "To be confirmed: "
_UID_UNSAFE = re.compile(r"[^A-Za-z0-9.]+")


def _ascii_key(text: str) -> str:
    """Text as a UID part: accents dropped, anything else outside [A-Za-z0-9.] a hyphen."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _UID_UNSAFE.sub("-", plain).strip("-.") or "x"


def person(turn: Turn) -> str | None:
    """Whose calendar a turn goes into: a panellist, or a remote speaker (the delegation when unnamed)."""
    inscription = turn.inscription
    if inscription.panellist or inscription.mode is Attendance.ONLINE:
        return speaker_name(turn) or None
    return None


def speaker_uid(meeting: Meeting, label: str, name: str) -> str:
    """"CTOC-COP-WG.7-2020-1-item-2-speaker-Amanda-Ledwaba@meetplan": the same in every issue."""
    return f"{meeting_key(meeting)}-item-{_ascii_key(label)}-speaker-{_ascii_key(name)}@{UID_DOMAIN}"


@dataclass(frozen=True, slots=True)
class _Event:
    """One event as the content lines a delegate sees (unfolded), with its UID and times."""

    uid: str
    start: dt.datetime
    end: dt.datetime
    lines: list[str]


def _online_lines(meeting: Meeting) -> list[str]:
    """URL and CONFERENCE as icalendar writes them: the same for every remote speaker, so made once."""
    online = meeting.online
    if online is None or not online.url or meeting.format is Format.IN_PERSON:
        return []
    from icalendar import Event, vUri

    event = Event()
    event.add("URL", vUri(online.url))
    # As calendar.py: a parameter value loses quotes and line breaks; FEATURE is a list parameter.
    label = re.sub(r'["\s]+', " ", clean_text(online.platform)).strip()
    parameters: dict[str, Any] = {"VALUE": "URI", "FEATURE": ["AUDIO", "VIDEO"], "LABEL": label or "Online"}
    event.add("CONFERENCE", vUri(online.url), parameters=parameters)
    text = re.sub(r"\r\n[ \t]", "", event.to_ical(sorted=False).decode("utf-8"))
    return text.split("\r\n")[1:-2]  # between BEGIN:VEVENT and END:VEVENT


def _event(speakers: SpeakersList, entry: ItemSpeakers, turn: Turn, name: str, online_lines: list[str]) -> _Event:
    schedule = speakers.schedule
    meeting = schedule.meeting
    inscription = turn.inscription
    plenary = schedule.plenaries[turn.plenary - 1]
    remote = inscription.mode is Attendance.ONLINE and meeting.online is not None
    if turn.start is not None:
        start, length = turn.start, turn.minutes
    else:
        window = entry.windows[-1]
        start, length = window.start, window.minutes
    end = start + dt.timedelta(seconds=round(length * 60))
    what = ("Panel presentation" if inscription.panellist
            else f"Statement by {inscription.delegation.name}" if inscription.delegation else "Statement")
    title = f"{what} under agenda item {entry.item.label} {EM_DASH} {meeting.body}"

    lines = [
        f"{ordinal_word(meeting.ordinal).capitalize()} meeting of the {meeting.body}",
        f"{ordinal(plenary.number)} plenary meeting, {day_heading(plenary.date)}, {hours(plenary.hours)}",
        "",
        f"Agenda item {entry.item.label}: {' '.join(entry.item.title.split())}",
        f"Speaker: {name}" + (f", on behalf of the {inscription.on_behalf_of}" if inscription.on_behalf_of else ""),
        f"Place on the list of speakers: {turn.position} of {len(entry.turns)}",
    ]
    if turn.start is not None:
        lines.append(f"Expected time: {time_of_day(turn.start.time())} ({_minutes(turn.minutes)}), local time in {meeting.venue}")
    else:
        lines.append("The speakers inscribed before you fill the time this item has: the secretariat will confirm your time.")
    if remote:
        online = meeting.online
        assert online is not None
        lines += ["", f"You speak online through {online.platform}" + (f": {online.url}" if online.url else "")]
        lines.append("The secretariat tests your connection before the meeting.")
    lines += ["", f"Organization of work: {meeting.symbol}"]

    uid = speaker_uid(meeting, entry.item.label, name)
    if remote:
        assert meeting.online is not None
        where = f"Online ({meeting.online.platform})"
    else:
        where = location(meeting)
    content = [
        f"UID:{uid}",
        f"SUMMARY:{escape_text(title if turn.start is not None else TENTATIVE_PREFIX + title)}",
        datetime_line("DTSTART", start, meeting.time_zone),
        datetime_line("DTEND", end, meeting.time_zone),
        f"LOCATION:{escape_text(where)}",
        f"DESCRIPTION:{escape_text(chr(10).join(lines))}",
        *(online_lines if remote else ()),
        f"STATUS:{'CONFIRMED' if turn.start is not None else 'TENTATIVE'}",
    ]
    return _Event(uid=uid, start=start, end=end, lines=content)


def _minutes(value: Any) -> str:
    number = str(int(value)) if value.denominator == 1 else f"{float(value):g}"
    return f"{number} minute{'' if value == 1 else 's'}"


_UTC_STAMP = re.compile(r"\d{8}T\d{6}Z")


def _prior(previous: bytes | None, name: str) -> dict[str, tuple[int, tuple[ContentLine, ...], str | None, str | None]]:
    """The previous issue's events by UID: (SEQUENCE, fingerprint, CREATED, LAST-MODIFIED as written in UTC).

    Read line by line: only these are compared, and parsing every calendar with icalendar made each build slow.
    """
    if previous is None:
        return {}
    try:
        prior = {}
        for lines in read_events(previous):
            values = {line[0]: line[2] for line in lines if not line[1]}
            stamps = (values.get(key) for key in ("CREATED", "LAST-MODIFIED"))
            created, modified = (value if value and _UTC_STAMP.fullmatch(value) else None for value in stamps)
            sequence = int(next((line[2] for line in lines if line[0] == "SEQUENCE"), "0"))
            uid = next((line[2] for line in lines if line[0] == "UID"), "")
            prior[uid] = (sequence, content_fingerprint(lines), created, modified)
        return prior
    except (ValueError, UnicodeDecodeError) as error:
        # Starting SEQUENCE again at 0 would leave imported calendars on the old times: refuse instead.
        raise MeetplanError([Problem(file=name, message=(
            f"the previous issue of this calendar cannot be read ({error}); restore it, or move it away to start anew"))]) from None


def _calendar(meeting: Meeting, name: str, events: list[_Event], previous: bytes | None, file: str) -> bytes:
    stamp = utc_line("DTSTAMP", build_moment(meeting.issued))
    moment = stamp.removeprefix("DTSTAMP:")
    prior = _prior(previous, file)
    written = []
    for event in events:
        before = prior.get(event.uid)
        if before is None:
            sequence, created, modified = 0, moment, moment
        elif before[1] == content_fingerprint([content_line(line) for line in event.lines]):
            sequence, created, modified = before[0], before[2] or moment, before[3] or moment
        else:
            sequence, created, modified = before[0] + 1, before[2] or moment, moment
        written.append([*event.lines, f"SEQUENCE:{sequence}", stamp, f"CREATED:{created}", f"LAST-MODIFIED:{modified}"])
    years = [moment.year for event in events for moment in (event.start, event.end)]
    blocks = [vtimezone(meeting.time_zone, min(years), max(years))] if events else []
    head = head_lines(PRODID, f"{meeting.body}, {ordinal_word(meeting.ordinal)} meeting: {name}")
    return calendar_text(head, blocks, written)


def render_speaker_calendars(speakers: SpeakersList, previous: Callable[[str], bytes | None] = lambda name: None) -> list[Artifact]:
    """One calendar per panellist and remote speaker, named from the person's name; in agenda order."""
    meeting = speakers.schedule.meeting
    online_lines = _online_lines(meeting)
    people: dict[str, tuple[str, list[_Event]]] = {}
    for entry in speakers.items:
        seen: set[str] = set()
        for turn in entry.turns:
            name = person(turn)
            if name is None:
                continue
            file = f"{FOLDER}/{safe_name(name, '.ics')}"
            # Two turns of one person under one item would share a UID; the first is the one to keep.
            if file in seen:
                continue
            seen.add(file)
            people.setdefault(file, (name, []))[1].append(_event(speakers, entry, turn, name, online_lines))
    artifacts = []
    for file, (name, events) in sorted(people.items()):
        data = _calendar(meeting, name, events, previous(file), file)
        artifacts.append(Artifact(name=file, media_type=MEDIA_TYPE, data=data))
    return artifacts
