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
import zoneinfo
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from meetplan.errors import MeetplanError, Problem
from meetplan.model import Attendance, Format, ItemSpeakers, Meeting, SpeakersList, Turn
from meetplan.output import safe_name
from meetplan.render import Artifact
from meetplan.render.calendar import (
    MEDIA_TYPE,
    UID_DOMAIN,
    clean_text,
    fingerprint,
    location,
    meeting_key,
    new_calendar,
    text_value,
)
from meetplan.render.ooxml import build_moment
from meetplan.speakers import speaker_name
from meetplan.style import EM_DASH, day_heading, hours, ordinal, ordinal_word, time_of_day

if TYPE_CHECKING:
    from icalendar import Calendar, Event

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


def _event(speakers: SpeakersList, entry: ItemSpeakers, turn: Turn, name: str) -> Event:
    from icalendar import Event, vUri

    schedule = speakers.schedule
    meeting = schedule.meeting
    inscription = turn.inscription
    zone = zoneinfo.ZoneInfo(meeting.time_zone)
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

    event = Event()
    event.add("UID", speaker_uid(meeting, entry.item.label, name))
    event.add("SUMMARY", text_value(title if turn.start is not None else TENTATIVE_PREFIX + title))
    event.add("DTSTART", start.replace(tzinfo=zone))
    event.add("DTEND", end.replace(tzinfo=zone))
    if remote:
        assert meeting.online is not None
        event.add("LOCATION", text_value(f"Online ({meeting.online.platform})"))
    else:
        event.add("LOCATION", text_value(location(meeting)))
    event.add("DESCRIPTION", text_value("\n".join(lines)))
    if remote and meeting.online is not None and meeting.online.url and meeting.format is not Format.IN_PERSON:
        event.add("URL", vUri(meeting.online.url))
        # As calendar.py: a parameter value loses quotes and line breaks; FEATURE is a list parameter.
        label = re.sub(r'["\s]+', " ", clean_text(meeting.online.platform)).strip()
        parameters: dict[str, Any] = {"VALUE": "URI", "FEATURE": ["AUDIO", "VIDEO"], "LABEL": label or "Online"}
        event.add("CONFERENCE", vUri(meeting.online.url), parameters=parameters)
    event.add("STATUS", "CONFIRMED" if turn.start is not None else "TENTATIVE")
    return event


def _minutes(value: Any) -> str:
    number = str(int(value)) if value.denominator == 1 else f"{float(value):g}"
    return f"{number} minute{'' if value == 1 else 's'}"


def _prior(previous: bytes | None, name: str) -> dict[str, tuple[int, tuple[str, ...], Any, Any]]:
    """The previous issue's events by UID: (SEQUENCE, fingerprint, CREATED, LAST-MODIFIED)."""
    if previous is None:
        return {}
    from icalendar import Calendar

    try:
        prior = {}
        for event in Calendar.from_ical(previous).walk("VEVENT"):
            created, modified = (getattr(event.get(key), "dt", None) for key in ("CREATED", "LAST-MODIFIED"))
            prior[str(event.get("UID", ""))] = (int(event.get("SEQUENCE", 0)), fingerprint(event), created, modified)
        return prior
    except (ValueError, KeyError, TypeError, IndexError) as error:
        # Starting SEQUENCE again at 0 would leave imported calendars on the old times: refuse instead.
        raise MeetplanError([Problem(file=name, message=(
            f"the previous issue of this calendar cannot be read ({error}); restore it, or move it away to start anew"))]) from None


def _calendar(meeting: Meeting, name: str, events: list[Event], previous: bytes | None, file: str) -> Calendar:

    moment = build_moment(meeting.issued)
    prior = _prior(previous, file)
    calendar = new_calendar(PRODID, f"{meeting.body}, {ordinal_word(meeting.ordinal)} meeting: {name}", events)
    for event in events:
        before = prior.get(str(event["UID"]))
        if before is None:
            sequence, created, modified = 0, moment, moment
        elif before[1] == fingerprint(event):
            sequence, created, modified = before[0], before[2] or moment, before[3] or moment
        else:
            sequence, created, modified = before[0] + 1, before[2] or moment, moment
        event.add("SEQUENCE", sequence)
        event.add("DTSTAMP", moment)
        event.add("CREATED", created)
        event.add("LAST-MODIFIED", modified)
        calendar.add_component(event)
    return calendar


def render_speaker_calendars(speakers: SpeakersList, previous: Callable[[str], bytes | None] = lambda name: None) -> list[Artifact]:
    """One calendar per panellist and remote speaker, named from the person's name; in agenda order."""
    meeting = speakers.schedule.meeting
    people: dict[str, tuple[str, list[Event]]] = {}
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
            people.setdefault(file, (name, []))[1].append(_event(speakers, entry, turn, name))
    artifacts = []
    for file, (name, events) in sorted(people.items()):
        calendar = _calendar(meeting, name, events, previous(file), file)
        artifacts.append(Artifact(name=file, media_type=MEDIA_TYPE, data=calendar.to_ical(sorted=False)))
    return artifacts
