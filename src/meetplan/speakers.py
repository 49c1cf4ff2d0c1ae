"""Lists of speakers: the order the Chair calls speakers, and when each speaks. Pure: model objects in and out.

The ``speakers:`` section and the inscriptions file are read by ``meetplan.config.speakers``.

- ``ordered`` puts an item's inscriptions in the order of the list of speakers: the classes in the meeting's
  order (by default panellists, statements on behalf of groups, parties, signatories, non-party States,
  organizations, other entities, NGOs); panellists as listed; statements in the order the floor was asked for.
- ``sized`` lets the inscriptions size the substantive items' shares, by deriving a new Meeting with explicit
  shares; the scheduler stays unaware of speakers.
- ``speakers_list`` times every list against the organization of work and words a warning for each item whose
  speakers do not fit.
"""

from __future__ import annotations

import datetime as dt
import math
import zoneinfo
from fractions import Fraction

from msgspec.structs import replace

from meetplan.errors import PlanError, Problem
from meetplan.model import (
    AgendaItem,
    Hours,
    Inscription,
    ItemKind,
    ItemSpeakers,
    Meeting,
    Schedule,
    SpeakerPlan,
    SpeakersList,
    Turn,
    Window,
)
from meetplan.style import figure, join_list, ordinal, plural

# --- order -------------------------------------------------------------------------------------------------------------------


def ordered(plan: SpeakerPlan, inscriptions: tuple[Inscription, ...]) -> list[Inscription]:
    """The order in which the Chair calls speakers (rule 42: in the order they signify their desire to speak).

    Classes in the plan's order; panellists as listed; statements by time of inscription, then as listed, so
    that a statement without a time comes after those with one. The rules of the floor a meeting adds (level of
    representation, lots) are in ``floor.py``.
    """
    from meetplan.floor import ordered as by_rules

    return by_rules(plan, inscriptions)


# --- time ---------------------------------------------------------------------------------------------------------------------


def _after(start: dt.datetime, minutes: Fraction, zone: str) -> dt.datetime:
    """The local time ``minutes`` of real time after ``start`` (local, naive).

    Across a change of the clocks the wall time moves by an hour more or less; in the hour the clocks go back,
    ``fold`` says which of the two times is meant (PEP 495), and calendars write that one in UTC.
    """
    tz = zoneinfo.ZoneInfo(zone)
    later = start.replace(tzinfo=tz).astimezone(dt.UTC) + dt.timedelta(seconds=round(minutes * 60))
    return later.astimezone(tz).replace(tzinfo=None)


def _elapsed(day: dt.date, hours: Hours, zone: str) -> int:
    """A plenary meeting's real length in minutes: its local hours, less or more an hour across a change of the clocks."""
    tz = zoneinfo.ZoneInfo(zone)
    start, end = (dt.datetime.combine(day, moment, tzinfo=tz).astimezone(dt.UTC) for moment in (hours.start, hours.end))
    return round((end - start).total_seconds() / 60)


def windows(schedule: Schedule, opening: Fraction = Fraction(0)) -> dict[str, tuple[Window, ...]]:
    """The time each entry has in each of its plenary meetings, by entry label: items follow the agenda order
    within a meeting. One pass over the plenary meetings' allocations, however many entries there are.

    An entry with no share of its own (the opening, the adoption of the agenda) gets ``opening`` minutes; the
    entries with a share divide what is left of the plenary meeting (``speakers.opening_minutes``). Minutes
    are real time (a change of the clocks counts); an entry never allocated has no key.
    """
    result: dict[str, list[Window]] = {}
    zone = schedule.meeting.time_zone
    for plenary in schedule.plenaries:
        allocations = schedule.allocations_in(plenary.number)
        elapsed = _elapsed(plenary.date, plenary.hours, zone)
        untimed = sum(1 for allocation in allocations if not allocation.share)
        fixed = min(opening * untimed, Fraction(elapsed))
        start = dt.datetime.combine(plenary.date, plenary.hours.start)
        offset = Fraction(0)
        seen: set[str] = set()
        for allocation in allocations:
            length = allocation.share * (elapsed - fixed) if allocation.share else fixed / untimed
            label = allocation.item.label
            # An entry has one window per plenary meeting, at its first allocation there.
            if label not in seen:
                seen.add(label)
                result.setdefault(label, []).append(Window(plenary=plenary.number, start=_after(start, offset, zone), minutes=length))
            offset += length
    return {label: tuple(found) for label, found in result.items()}


def by_item(inscriptions: tuple[Inscription, ...]) -> dict[str, tuple[Inscription, ...]]:
    """The inscriptions of each entry, by label, in the order given: one pass, however many entries."""
    result: dict[str, list[Inscription]] = {}
    for inscription in inscriptions:
        result.setdefault(inscription.item, []).append(inscription)
    return {label: tuple(found) for label, found in result.items()}


def time_item(schedule: Schedule, plan: SpeakerPlan, item: AgendaItem, inscriptions: tuple[Inscription, ...],
              spans: tuple[Window, ...]) -> ItemSpeakers:
    """An entry's speakers in order, each with the plenary meeting and the time the Chair is expected to call them.

    Speakers follow one another without gaps; a statement is not split across plenary meetings, so one that
    would run past the entry's time in a plenary meeting opens the entry's time in the next. Those left when
    the entry's time is used up do not fit: they are listed without a time, and the entry gets a warning.
    ``inscriptions`` are the entry's own (``by_item``'s) and ``spans`` its windows (``windows``'), so that
    timing every entry stays linear in entries and inscriptions.
    """
    turns: list[Turn] = []
    index, used = 0, Fraction(0)
    placed_in: list[int | None] = []
    for position, inscription in enumerate(ordered(plan, inscriptions), start=1):
        if inscription.written:
            # Delivered in writing: on the list, in its place, without time; not a speaker who does not fit.
            turns.append(Turn(position=position, inscription=inscription, minutes=Fraction(0),
                              plenary=spans[-1].plenary if spans else 0, start=None))
            placed_in.append(-1)
            continue
        allowed = inscription.minutes or plan.limit(inscription.kind)
        while index < len(spans) and used + allowed > spans[index].minutes:
            index, used = index + 1, Fraction(0)
        if index < len(spans):
            turns.append(Turn(position=position, inscription=inscription, minutes=allowed, plenary=spans[index].plenary,
                              start=_after(spans[index].start, used, schedule.meeting.time_zone)))
            used += allowed
            placed_in.append(index)
        else:
            turns.append(Turn(position=position, inscription=inscription, minutes=allowed, plenary=spans[-1].plenary, start=None))
            placed_in.append(None)
    warning = None
    left_out = sum(1 for where in placed_in if where is None)
    if left_out:
        last = spans[-1]
        load = sum((t.minutes for t, where in zip(turns, placed_in, strict=True) if where is None or where == len(spans) - 1), Fraction(0))
        following = last.plenary + 1
        where_to = (f"would move to the {ordinal(following)}" if following <= len(schedule.plenaries)
                    else "would not be heard before the session ends")
        warning = (f"item {item.label}: {plural(load, 'minute')} of statements for {plural(last.minutes, 'minute')} left in the "
                   f"{ordinal(last.plenary)} plenary meeting; {plural(left_out, 'speaker')} {where_to}")
    return ItemSpeakers(item=item, windows=spans, turns=tuple(turns), warning=warning)


def speakers_list(schedule: Schedule) -> SpeakersList:
    """Every agenda entry's list of speakers, timed; entries without inscriptions have empty lists.

    The build computes it once (``meetplan.plan.plan``); the renderers and the warnings read that result.
    """
    plan = schedule.meeting.speakers
    if plan is None:
        return SpeakersList(schedule=schedule, items=())
    spans = windows(schedule, plan.opening_minutes)
    replies: dict[str, list[Turn]] = {}
    if any(inscription.reply for inscription in plan.inscriptions):
        spans, replies = rights_of_reply(schedule, plan, spans)
    inscriptions = by_item(tuple(inscription for inscription in plan.inscriptions if not inscription.reply))
    heard = schedule.meeting.progress.heard() if schedule.meeting.progress else {}
    items = []
    for entry in schedule.meeting.entries:
        if entry.label in heard:
            timed = _after_the_record(schedule, plan, entry, inscriptions.get(entry.label, ()), spans.get(entry.label, ()), heard[entry.label])
        else:
            timed = _fitted(schedule, plan, entry, inscriptions.get(entry.label, ()), spans.get(entry.label, ()))
        if entry.label in replies:
            after = len(timed.turns)
            timed = replace(timed, turns=(*timed.turns, *(replace(turn, position=after + index)
                                                          for index, turn in enumerate(replies[entry.label], start=1))))
        items.append(timed)
    return SpeakersList(schedule=schedule, items=tuple(items), text_warnings=tuple(text_warnings(plan)))


def words(text: str) -> int:
    """The words of a statement's text, as a word processor counts them: runs of characters between spaces."""
    return len(text.split())


def text_warnings(plan: SpeakerPlan) -> list[str]:
    """The statements whose text, read at speakers.words_per_minute, takes longer than their time, one sentence
    each: the Chair's secretariat asks the delegation to shorten it or to deliver the rest in writing."""
    found = []
    for inscription in plan.inscriptions:
        if inscription.text is None or inscription.written:
            continue
        allowed = inscription.minutes or plan.limit(inscription.kind)
        count = words(inscription.text)
        needed = Fraction(count, plan.words_per_minute)
        if needed > allowed:
            who = inscription.name or (inscription.delegation.name if inscription.delegation else "a speaker")
            found.append(f"item {inscription.item}: the text of {who} ({count:,} words) takes about {float(needed):.1f} "
                         f"minutes at {plan.words_per_minute} words a minute, beyond its {plural(allowed, 'minute')}")
    return found


def _speaks_as(inscription: Inscription, name: str) -> bool:
    """Whether a name the record gives ("Brazil", "Amanda Ledwaba") names this speaker: the person, the delegation
    or the group spoken for, ignoring case."""
    wanted = name.casefold()
    names = (inscription.name, inscription.delegation.name if inscription.delegation else None, inscription.on_behalf_of)
    return any(given is not None and given.casefold() == wanted for given in names)


def _after_the_record(schedule: Schedule, plan: SpeakerPlan, item: AgendaItem, inscriptions: tuple[Inscription, ...],
                      spans: tuple[Window, ...], heard: list[str]) -> ItemSpeakers:
    """An entry whose speakers the record names: those heard stay in the plenary meetings held, as timed there;
    those not reached keep their order, from the head of the entry's next plenary meeting (issue 16). Each name
    of the record takes the first speaker it names, so a delegation heard for its group and then nationally is
    named twice."""
    held = len(schedule.meeting.progress.held) if schedule.meeting.progress else 0
    spoke: list[Inscription] = []
    taken: set[int] = set()  # the inscriptions already named, by identity (two may be equal)
    for name in heard:
        match = next((i for i in inscriptions if id(i) not in taken and _speaks_as(i, name)), None)
        if match is not None:
            spoke.append(match)
            taken.add(id(match))
    rest = tuple(i for i in inscriptions if id(i) not in taken)
    before = time_item(schedule, plan, item, tuple(spoke), tuple(w for w in spans if w.plenary <= held))
    ahead = tuple(w for w in spans if w.plenary > held)
    if not ahead:  # concluded: those not reached were not heard, and are listed without a time
        unheard = tuple(Turn(position=position, inscription=i, minutes=i.minutes or plan.limit(i.kind), plenary=spans[-1].plenary,
                             start=None) for position, i in enumerate(ordered(plan, rest), start=len(before.turns) + 1))
        return replace(before, windows=spans, turns=(*before.turns, *unheard))
    after = _fitted(schedule, plan, item, rest, ahead)
    turns = (*before.turns, *(replace(turn, position=len(before.turns) + turn.position) for turn in after.turns))
    return replace(after, windows=spans, turns=turns)


def _fitted(schedule: Schedule, plan: SpeakerPlan, item: AgendaItem, inscriptions: tuple[Inscription, ...],
            spans: tuple[Window, ...]) -> ItemSpeakers:
    """An entry's timed list; when its speakers do not fit, with the limits that would let them (``fit.fit``),
    and timed with those limits when speakers.fit_limits asks for it."""
    from meetplan.fit import fit

    timed = time_item(schedule, plan, item, inscriptions, spans)
    if timed.warning is None:
        return timed
    fitting = fit(plan, ordered(plan, inscriptions), spans, applied=plan.fits(item.label))
    if fitting.applied:
        timed = time_item(schedule, replace(plan, limits=fitting.limits), item, inscriptions, spans)
    return replace(timed, fitting=fitting)


def rights_of_reply(schedule: Schedule, plan: SpeakerPlan, spans: dict[str, tuple[Window, ...]]
                    ) -> tuple[dict[str, tuple[Window, ...]], dict[str, list[Turn]]]:
    """Rights of reply by the rules of the floor (floor.py): the windows less the time the replies take at the end of
    their day, and the replies' turns by entry label (positions from 1, renumbered after the entry's other speakers).
    Minutes are real time; starts local.

    A reply whose item has no window (never taken up) is heard at the end of the session's last plenary meeting.
    """
    last_of_day: dict[dt.date, int] = {}
    for plenary in schedule.plenaries:
        last_of_day[plenary.date] = max(last_of_day.get(plenary.date, 0), plenary.number)
    by_number = {plenary.number: plenary for plenary in schedule.plenaries}
    heard: dict[int, list[Inscription]] = {}
    for inscription in sorted((i for i in plan.inscriptions if i.reply), key=lambda i: (i.reply, i.inscribed or dt.datetime.max)):
        found = spans.get(inscription.item)
        day = by_number[found[-1].plenary].date if found else schedule.plenaries[-1].date
        heard.setdefault(last_of_day[day], []).append(inscription)
    zone = schedule.meeting.time_zone
    adjusted = dict(spans)
    turns: dict[str, list[Turn]] = {}
    for number, inscriptions in heard.items():
        plenary = by_number[number]
        limits = [plan.reply_limits[i.reply - 1] if i.minutes is None else i.minutes for i in inscriptions]
        reserved = sum(limits, Fraction(0))
        # The entry taken up last in the plenary meeting gives up the time at its end.
        last = max(((label, window) for label, found in adjusted.items() for window in found if window.plenary == number),
                   key=lambda pair: pair[1].start, default=None)
        if last is not None:
            label, window = last
            shortened = Window(plenary=window.plenary, start=window.start, minutes=max(window.minutes - reserved, Fraction(0)))
            adjusted[label] = tuple(shortened if w is window else w for w in adjusted[label])
        start = dt.datetime.combine(plenary.date, plenary.hours.start)
        offset = _elapsed(plenary.date, plenary.hours, zone) - reserved
        for inscription, minutes in zip(inscriptions, limits, strict=True):
            turns.setdefault(inscription.item, []).append(Turn(position=0, inscription=inscription, minutes=minutes, plenary=number,
                                                               start=_after(start, offset, zone)))
            offset += minutes
    return adjusted, turns


# --- shares sized by the inscriptions ---------------------------------------------------------------------------------------------

HALF = Fraction(1, 2)


def needed_shares(meeting: Meeting, plan: SpeakerPlan) -> dict[str, Fraction]:
    """The half plenary meetings each substantive entry's speakers need, for the entries whose share is not given.

    Measured against the shortest plenary meeting, so that the share suffices wherever the entry falls.
    """
    from meetplan.scheduler import plenary_meetings

    plenaries = plenary_meetings(meeting)
    if not plenaries:
        return {}
    shortest = min(p.hours.minutes for p in plenaries)
    needs: dict[str, Fraction] = {}
    inscriptions = by_item(plan.inscriptions)
    for entry in meeting.entries:
        if entry.kind is not ItemKind.SUBSTANTIVE or entry.share is not None:
            continue
        total = sum((i.minutes or plan.limit(i.kind) for i in inscriptions.get(entry.label, ()) if not (i.written or i.reply)), Fraction(0))
        if total:
            needs[entry.label] = max(HALF, Fraction(math.ceil(total * 2 / shortest), 2))
    return needs


def with_shares(meeting: Meeting, shares: dict[str, Fraction]) -> Meeting:
    """The meeting with the given entries' shares filled in."""

    def fill(item: AgendaItem) -> AgendaItem:
        if item.sub_items:
            return replace(item, sub_items=tuple(fill(sub) for sub in item.sub_items))
        return replace(item, share=shares[item.label]) if item.label in shares else item

    return replace(meeting, agenda=tuple(fill(item) for item in meeting.agenda))


def sized(meeting: Meeting) -> Meeting:
    """With ``speakers.size_shares``, the meeting whose substantive entries get the time their speakers need.

    An entry gets an explicit share when the default would give it less than its speakers need (rounded up to
    half plenary meetings); the time no entry needs stays with the entries shared by default, because every
    plenary meeting must hold an item. Each explicit share lowers what the others get by default, so this
    repeats until no entry is short; it ends because each round fixes at least one more entry.
    """
    plan = meeting.speakers
    if plan is None or not plan.size_shares:
        return meeting
    from meetplan.scheduler import schedule

    needs = needed_shares(meeting, plan)
    fixed: dict[str, Fraction] = {}
    current = meeting
    for _ in range(len(needs) + 1):
        try:
            result = schedule(current)
        except PlanError as error:
            if not fixed:
                raise
            sizes = join_list(f"{figure(share)} for item {label}" for label, share in fixed.items())
            origin = plan.origin
            raise PlanError([Problem(
                file=origin.file if origin else None, line=origin.line if origin else None, field="speakers.size_shares",
                message=f"the inscribed speakers need {sizes} plenary meetings, and then: {problem.message}",
            ) for problem in error.problems]) from None
        given: dict[str, Fraction] = {}
        for allocation in result.allocations:
            given[allocation.item.label] = given.get(allocation.item.label, Fraction(0)) + allocation.share
        short = {label: need for label, need in needs.items() if label not in fixed and given.get(label, Fraction(0)) < need}
        if not short:
            return current
        fixed.update(short)
        current = with_shares(meeting, fixed)
    return current


# --- helpers for renderers ---------------------------------------------------------------------------------------------


def speaker_name(turn: Turn) -> str:
    """Who speaks: the person when named, else the delegation."""
    inscription = turn.inscription
    if inscription.name:
        return inscription.name
    return inscription.delegation.name if inscription.delegation else ""

