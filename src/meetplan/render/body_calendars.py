"""calendar-<short name>.ics: one calendar per body meeting beside the plenary, and calendar-session.ics: the
whole session, the plenary's meetings and every body's, in one file (issue 15).

The plenary's calendar.ics is left as it is. Each body's calendar follows calendar.py's rule for the issue it
replaces (stable UIDs, SEQUENCE raised on what changed, dropped meetings sent again cancelled) through the same
writer. A body's meeting is identified by the session's symbol, the body's short name and its own number:
"CAC-COSP-2023-1-WG-2@meetplan" is the Working Group's 2nd meeting in every issue, so adding or moving a
meeting of another body, or of the plenary, leaves its events where they are; as with the plenary, numbers
follow the body's meetings in time order. The whole session's calendar carries the same events with the same UIDs
(an event is one meeting, whichever file brings it): a delegate who imports it and a body's calendar gets each
meeting once.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from meetplan.model import BodySchedule, Format, Meeting, PlenaryMeeting, Programme
from meetplan.parallel import meeting_name
from meetplan.render import Artifact
from meetplan.render.calendar import (
    MEDIA_TYPE,
    UID_DOMAIN,
    Event,
    conference_lines,
    escape_text,
    event_times,
    local,
    location,
    meeting_key,
    write_calendar,
)
from meetplan.style import EM_DASH, ordinal, session_name

PRODID = "-//meetplan//Parallel meetings//EN"


def file_name(body: BodySchedule) -> str:
    """"calendar-WG.ics"."""
    return f"calendar-{body.body.short_name}.ics"


def body_uid(session: Meeting, short_name: str, number: int) -> str:
    """"CAC-COSP-2023-1-WG-2@meetplan": the session's symbol (as the plenary's UIDs take it), the body, its number."""
    return f"{meeting_key(session)}-{short_name}-{number}@{UID_DOMAIN}"


def summary(body: BodySchedule, sitting: PlenaryMeeting) -> str:
    """"WG — 2nd meeting": the body's short name, as the plenary's titles carry "COSP 10"."""
    return f"{body.body.short_name} {EM_DASH} {ordinal(sitting.number)} meeting"


def description(session: Meeting, body: BodySchedule, sitting: PlenaryMeeting) -> str:
    """The meeting and the session, its agenda items (as the programme lists them) and how to connect."""
    own = body.schedule.meeting
    lines = [meeting_name(body.body, sitting.number),
             f"{session_name(session).capitalize()} of the {session.body}", "", "Agenda items:"]
    for allocation in body.schedule.allocations_in(sitting.number):
        label = f"{allocation.item.label} " if body.body.numbered else ""
        lines.append(f"{label}{allocation.item.title}{' (continued)' if allocation.continued else ''}")
    if own.online is not None and own.format is not Format.IN_PERSON:
        lines += ["", f"Hybrid meeting: in the room or online through {own.online.platform}" + (f": {own.online.url}" if own.online.url else "")]
    else:
        lines += ["", "In the room only, without remote participation"]
    lines.append("Interpretation into the six official languages" if body.body.interpretation else "Without interpretation")
    lines += ["", f"Organization of work: {session.symbol}"]
    return "\n".join(lines)


def body_event(session: Meeting, body: BodySchedule, sitting: PlenaryMeeting) -> Event:
    own = body.schedule.meeting
    uid = body_uid(session, body.body.short_name, sitting.number)
    times, zones = event_times(local(sitting.date, sitting.hours.start, own.time_zone), local(sitting.date, sitting.hours.end, own.time_zone))
    lines = (
        f"UID:{uid}",
        f"SUMMARY:{escape_text(summary(body, sitting))}",
        *times,
        f"LOCATION:{escape_text(location(own))}",
        f"DESCRIPTION:{escape_text(description(session, body, sitting))}",
        *conference_lines(own),
        "STATUS:CONFIRMED",
    )
    return Event(uid=uid, lines=lines, zones=zones)


def _number(session: Meeting, short_name: str) -> Callable[[str], int | None]:
    """The meeting a UID of this body names, or None for another body's, the plenary's or another session's."""
    pattern = re.compile(rf"{re.escape(meeting_key(session))}-{re.escape(short_name)}-([1-9][0-9]{{0,8}})@{re.escape(UID_DOMAIN)}")

    def number(uid: str) -> int | None:
        match = pattern.fullmatch(uid)
        return int(match[1]) if match else None

    return number


SESSION = "calendar-session.ics"


def render_body_calendars(programme: Programme, previous: Callable[[str], bytes | None]) -> list[Artifact]:
    """A calendar per body, then the whole session's, each replacing the previous issue of its file (``previous``
    reads it by name)."""
    session = programme.plenary.meeting
    artifacts = []
    for body in programme.bodies:
        name, number = file_name(body), _number(session, body.body.short_name)
        data = write_calendar(
            prodid=PRODID,
            name=f"{body.body.name}, {session.short_name or session.body} {session.ordinal}",
            meeting=body.schedule.meeting,
            events=[body_event(session, body, sitting) for sitting in body.schedule.plenaries],
            previous=previous(name),
            source=name,
            ours=lambda uid, number=number: number(uid) is not None,  # type: ignore[misc]
            order=lambda before, number=number: (number(before.uid) or 0, before.uid),  # type: ignore[misc]
        )
        artifacts.append(Artifact(name=name, media_type=MEDIA_TYPE, data=data))
    return [*artifacts, _session_calendar(programme, previous(SESSION))]


def _session_calendar(programme: Programme, previous: bytes | None) -> Artifact:
    """calendar-session.ics: the plenary meetings and every body's meetings, in time order."""
    from meetplan.render.calendar import plenary_event, plenary_uid_number

    session = programme.plenary.meeting
    timed = [((p.date, p.hours.start), plenary_event(programme.plenary, p)) for p in programme.plenary.plenaries]
    timed += [((s.date, s.hours.start), body_event(session, body, s)) for body in programme.bodies for s in body.schedule.plenaries]
    owners = [plenary_uid_number(session), *(_number(session, body.body.short_name) for body in programme.bodies)]
    data = write_calendar(
        prodid=PRODID,
        name=f"{session.short_name or session.body} {session.ordinal}, all meetings",
        meeting=session,
        events=[event for _, event in sorted(timed, key=lambda pair: pair[0])],
        previous=previous,
        source=SESSION,
        ours=lambda uid: any(owner(uid) is not None for owner in owners),
        order=lambda before: before.uid,
    )
    return Artifact(name=SESSION, media_type=MEDIA_TYPE, data=data)
