"""speakers/<name>.ics: a personal calendar for each panellist and each remote speaker.

One file per person (a remote statement by an unnamed representative: per delegation), with an event for every
turn they have on a list of speakers: the plenary meeting, the expected time and, for a remote speaker, the link
to connect through. A speaker who does not fit the item's time gets the item's time in its last plenary meeting,
marked tentative, until the list changes. The calendar itself is written by calendar.py, by the same rule as
calendar.ics: SEQUENCE from the previous issue of the file, dropped turns sent again as cancelled.

Who is who. A person is a name (exactly as typed) and the delegation it speaks for: two panellists called Li Wei,
one from China and one from Singapore, are two people; Egypt speaking for its group and then nationally is one,
with two turns. A turn's UID is that person under that item with what the turn is (panel or statement, on
behalf of which group), as a short hash of those keys, readable where the name is Latin:
"CTOC-COP-WG.7-2020-1-item-2-speaker-Amanda-Ledwaba-4k2n7qxa@meetplan". It does not depend on the other
speakers, on the order of the list or on the script of the name, so it stays from issue to issue; two equal
inscriptions under one item are told apart by their order.

A file is named after the person as before ("Amanda Ledwaba.ics"). Names that would give one file on some file
system (equal after Unicode normalization, case folding, the replacement of unsafe characters or truncation)
add the delegation ("Li Wei (China).ics"), and where that is not enough a short hash of the name.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
import unicodedata
import zoneinfo
from collections import Counter
from collections.abc import Callable

from msgspec import Struct

from meetplan.model import Attendance, ItemSpeakers, Meeting, SpeakersList, Turn
from meetplan.output import MAX_STEM, safe_name
from meetplan.render import Artifact
from meetplan.render.calendar import (
    MEDIA_TYPE,
    UID_DOMAIN,
    Event,
    after,
    conference_lines,
    escape_text,
    event_times,
    location,
    meeting_key,
    write_calendar,
)
from meetplan.speakers import speaker_name
from meetplan.style import EM_DASH, day_heading, hours, ordinal, plural, session_name, time_of_day

FOLDER = "speakers"
# Stable across meetplan versions: some clients de-duplicate subscriptions by PRODID.
PRODID = "-//meetplan//Speakers//EN"
TENTATIVE_PREFIX = "To be confirmed: "
_UID_UNSAFE = re.compile(r"[^A-Za-z0-9.]+")
_UID_LINE = 74  # octets of a content line before it is folded


class Person(Struct, frozen=True, order=True):
    """Whose calendar: a name as typed, and the delegation it speaks for (None when the name is the delegation's)."""

    name: str
    delegation: str | None


def person(turn: Turn) -> str | None:
    """Whose calendar a turn goes into: a panellist, or a remote speaker (the delegation when unnamed)."""
    inscription = turn.inscription
    if inscription.panellist or inscription.mode is Attendance.ONLINE:
        return speaker_name(turn) or None
    return None


def _person(turn: Turn) -> Person | None:
    name = person(turn)
    if name is None:
        return None
    delegation = turn.inscription.delegation.name if turn.inscription.delegation else None
    return Person(name=name, delegation=None if delegation == name else delegation)


def _digest(*keys: str, length: int) -> str:
    """A short, stable hash of exact keys: lowercase base32 (letters and digits only)."""
    digest = hashlib.sha256("\x1f".join(keys).encode("utf-8")).digest()
    # Base32 writes each 5 bytes as 8 letters: encoding only the first 5 gives the same first 8, faster.
    return base64.b32encode(digest[:5]).decode("ascii")[:length].lower()


@functools.lru_cache(maxsize=4096)
def _ascii_key(text: str) -> str:
    """Text as a UID part: accents dropped, anything else outside [A-Za-z0-9.] a hyphen; "" when nothing is left."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _UID_UNSAFE.sub("-", plain).strip("-.")


def speaker_uid(meeting: Meeting, label: str, who: Person, turn: Turn, ordinal_among_equals: int = 1) -> str:
    """"CTOC-COP-WG.7-2020-1-item-2-speaker-Amanda-Ledwaba-4k2n7qxa@meetplan": the same in every issue."""
    inscription = turn.inscription
    what = "panel" if inscription.panellist else "statement"
    digest = _digest(label, who.name, who.delegation or "", inscription.on_behalf_of or "", what, length=8)
    equal = f"-{ordinal_among_equals}" if ordinal_among_equals > 1 else ""
    head = f"{meeting_key(meeting)}-item-{_ascii_key(label) or 'x'}-speaker-"
    tail = f"{digest}{equal}@{UID_DOMAIN}"
    # The name is only a reader's hint: cut so that "UID:…" stays one line of 74 octets, which tools that do not
    # unfold lines (grep, awk) still read whole.
    readable = _ascii_key(who.name)[: max(0, _UID_LINE - len("UID:") - len(head) - len(tail) - 1)].rstrip("-.")
    return f"{head}{readable + '-' if readable else ''}{tail}"


# --- file names --------------------------------------------------------------------------------------------------


def _fold(stem: str) -> str:
    """A file name as a file system that ignores case and Unicode normalization compares it (macOS, Windows)."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", stem).casefold())


def _suffixed(stem: str, suffix: str) -> str:
    """``stem`` cut so that it keeps ``suffix`` within safe_name's length."""
    room = MAX_STEM - len(suffix.encode("utf-8"))
    return stem.encode("utf-8")[:room].decode("utf-8", "ignore").rstrip(" .-") + suffix


def _clashing(stems: dict[Person, str]) -> list[Person]:
    count = Counter(_fold(stem) for stem in stems.values())
    return sorted(who for who, stem in stems.items() if count[_fold(stem)] > 1)


def file_names(people: set[Person]) -> dict[Person, str]:
    """Each person's file in speakers/: "Name.ics", or with the delegation, or a hash, where names clash."""
    stems = {who: safe_name(who.name) for who in people}
    for who in _clashing(stems):
        if who.delegation:
            stems[who] = safe_name(f"{who.name} ({who.delegation})")
    for who in _clashing(stems):
        stems[who] = _suffixed(stems[who], f" {_digest(who.name, who.delegation or '', length=6)}")
    # A clash left now is one of hashes: numbered, in a fixed order, so that no two people share a file.
    taken: set[str] = set()
    for who in sorted(people):
        stem, number = stems[who], 2
        while _fold(stems[who]) in taken:
            stems[who], number = _suffixed(stem, f" ({number})"), number + 1
        taken.add(_fold(stems[who]))
    return {who: f"{FOLDER}/{stem}.ics" for who, stem in stems.items()}


# --- events --------------------------------------------------------------------------------------------------------


def _event(speakers: SpeakersList, entry: ItemSpeakers, turn: Turn, who: Person, uid: str, online: tuple[str, ...]) -> Event:
    schedule = speakers.schedule
    meeting = schedule.meeting
    inscription = turn.inscription
    plenary = schedule.plenaries[turn.plenary - 1]
    remote = inscription.mode is Attendance.ONLINE and meeting.online is not None
    zone = zoneinfo.ZoneInfo(meeting.time_zone)
    if turn.start is not None:
        wall, length = turn.start, turn.minutes
    else:
        window = entry.windows[-1]
        wall, length = window.start, window.minutes
    start = wall.replace(tzinfo=zone)  # keeps fold: the second 2.30 a.m. of the night the clocks go back
    end = after(start, length)
    what = ("Panel presentation" if inscription.panellist
            else f"Statement by {inscription.delegation.name}" if inscription.delegation else "Statement")
    title = f"{what} under agenda item {entry.item.label} {EM_DASH} {meeting.body}"

    lines = [
        f"{session_name(meeting).capitalize()} of the {meeting.body}",
        f"{ordinal(plenary.number)} plenary meeting, {day_heading(plenary.date)}, {hours(plenary.hours)}",
        "",
        f"Agenda item {entry.item.label}: {' '.join(entry.item.title.split())}",
        f"Speaker: {who.name}" + (f", on behalf of the {inscription.on_behalf_of}" if inscription.on_behalf_of else ""),
        f"Place on the list of speakers: {turn.position} of {len(entry.turns)}",
    ]
    if turn.start is not None:
        lines.append(f"Expected time: {time_of_day(turn.start.time())} ({plural(turn.minutes, 'minute')}), local time in {meeting.venue}")
    else:
        lines.append("The speakers inscribed before you fill the time this item has: the secretariat will confirm your time.")
    if remote:
        assert meeting.online is not None
        lines += ["", f"You speak online through {meeting.online.platform}" + (f": {meeting.online.url}" if meeting.online.url else "")]
        lines.append("The secretariat tests your connection before the meeting.")
    lines += ["", f"Organization of work: {meeting.symbol}"]

    if remote:
        assert meeting.online is not None
        where = f"Online ({meeting.online.platform})"
    else:
        where = location(meeting)
    times, zones = event_times(start, end)
    content = (
        f"UID:{uid}",
        f"SUMMARY:{escape_text(title if turn.start is not None else TENTATIVE_PREFIX + title)}",
        *times,
        f"LOCATION:{escape_text(where)}",
        f"DESCRIPTION:{escape_text(chr(10).join(lines))}",
        *(online if remote else ()),
        f"STATUS:{'CONFIRMED' if turn.start is not None else 'TENTATIVE'}",
    )
    return Event(uid=uid, lines=content, zones=zones)


def render_speaker_calendars(speakers: SpeakersList, previous: Callable[[str], bytes | None] = lambda name: None) -> list[Artifact]:
    """One calendar per panellist and remote speaker, with every turn they have; by file name.

    ``previous`` gives the previous issue of a file by its name (speakers/<name>.ics), or None.
    """
    meeting = speakers.schedule.meeting
    online = conference_lines(meeting)
    turns: dict[Person, list[tuple[ItemSpeakers, Turn, str]]] = {}
    uids: set[str] = set()
    for entry in speakers.items:
        equals: Counter[str] = Counter()
        for turn in entry.turns:
            who = _person(turn)
            if who is None or turn.inscription.written:  # a statement in writing is not delivered at the meeting
                continue
            uid = speaker_uid(meeting, entry.item.label, who, turn)
            equals[uid] += 1
            if equals[uid] > 1:
                uid = speaker_uid(meeting, entry.item.label, who, turn, equals[uid])
            # Distinct keys give distinct hashes but for a 1 in 2^40 chance: even then no UID is written twice.
            base, number = uid, 2
            while uid in uids:
                uid, number = base.replace(f"@{UID_DOMAIN}", f"-x{number}@{UID_DOMAIN}"), number + 1
            uids.add(uid)
            turns.setdefault(who, []).append((entry, turn, uid))

    key = meeting_key(meeting)

    def ours(uid: str) -> bool:
        return uid.startswith(f"{key}-item-") and uid.endswith(f"@{UID_DOMAIN}")

    artifacts = []
    names = file_names(set(turns))
    for who, file in sorted(names.items(), key=lambda pair: pair[1]):
        events = [_event(speakers, entry, turn, who, uid, online) for entry, turn, uid in turns[who]]
        data = write_calendar(
            prodid=PRODID,
            name=f"{meeting.body}, {session_name(meeting)}: {who.name}",
            meeting=meeting,
            events=events,
            previous=previous(file),
            source=file,
            ours=ours,
        )
        artifacts.append(Artifact(name=file, media_type=MEDIA_TYPE, data=data))
    return artifacts
