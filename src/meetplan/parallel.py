"""Parallel meetings: where each body beside the plenary meets, checked against the rooms and the services.

Issue 15. The plenary's organization of work comes from ``scheduler.schedule``; this module adds the meetings of
the bodies in ``meeting.parallel`` (a Committee of the Whole, a working group, informal consultations):

1. the places the configuration gives (``beside`` plenary meetings, ``at`` hours of their own) are checked by the
   rules below, and a plan that breaks one is refused with the day, the hours and the meetings in conflict;
2. a body's other meetings (``meetings`` beyond those given) are placed, in body order, at the earliest hours of
   a plenary meeting where every rule still holds (our convention: earliest first, so the same input gives the
   same programme, and the working group starts as early as the services allow);
3. each body's agenda is laid out over its own meetings by the plenary's scheduler, so its meetings are
   numbered on their own ("2nd meeting of the Committee of the Whole") and its items follow the same defaults.

The rules are the conference services' limits as the issue states them: one meeting at a time in a room; at
most ``parallel.interpretation`` meetings with interpretation at once (the plenary has interpretation, DOMAIN.md:
"with interpretation into the six official languages"); at most ``parallel.interpretation_hours`` hours of
interpretation a day. Each rule is one function that yields the problems it finds; placement and validation
both use them, so a refusal explains itself.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator, Sequence
from fractions import Fraction

from msgspec import Struct
from msgspec.structs import replace

from meetplan.errors import PlanError, Problem
from meetplan.model import Body, BodySchedule, Day, Format, Hours, Meeting, Origin, Parallel, Programme, Schedule
from meetplan.scheduler import schedule
from meetplan.style import day_heading, figure, hours, join_list, ordinal, plural


def meeting_name(body: Body, number: int) -> str:
    """"2nd meeting of the Committee of the Whole": a body's meetings are numbered on their own (issue 15)."""
    return f"{ordinal(number)} meeting of the {body.name}"


class Placed(Struct, frozen=True, kw_only=True):
    """One meeting of the session in time: a plenary meeting (``body`` None) or a parallel body's."""

    body: Body | None
    date: dt.date
    hours: Hours
    interpreted: bool
    room: str | None
    origin: Origin | None = None  # where the configuration gives its place; None: placed by the scheduler

    def name(self, number: int) -> str:
        """"the 4th plenary meeting", "the 2nd meeting of the Committee of the Whole"."""
        if self.body is None:
            return f"the {ordinal(number)} plenary meeting"
        return f"the {meeting_name(self.body, number)}"

    def overlaps(self, other: Placed) -> bool:
        return self.date == other.date and self.hours.start < other.hours.end and other.hours.start < self.hours.end


def _numbered(placed: Sequence[Placed]) -> dict[int, int]:
    """Each meeting's number among its body's (the plenary's among the plenary meetings), by position in ``placed``."""
    numbers: dict[int, int] = {}
    by_body: dict[str, list[int]] = {}
    for index in sorted(range(len(placed)), key=lambda i: (placed[i].date, placed[i].hours.start)):
        by_body.setdefault(_body_key(placed[index]), []).append(index)
    for members in by_body.values():
        numbers.update({index: n for n, index in enumerate(members, start=1)})
    return numbers


def _body_key(placed: Placed) -> str:
    return placed.body.short_name if placed.body else ""


def _names(placed: Sequence[Placed], members: Sequence[int]) -> str:
    numbers = _numbered(placed)
    return join_list(placed[i].name(numbers[i]) for i in members)


def _where(members: Sequence[Placed], field: str, source: str) -> Problem:
    """Where to point a conflict: the last-given place of a parallel meeting in it (what the officer moves)."""
    given = [p.origin for p in members if p.origin is not None]
    origin = given[-1] if given else None
    return Problem(message="", file=origin.file if origin else source or None, line=origin.line if origin else None,
                   field=origin.field if origin else field)


def _span(moments: Sequence[Placed]) -> Hours:
    """The hours all of them share."""
    return Hours(start=max(p.hours.start for p in moments), end=min(p.hours.end for p in moments))


Rule = Callable[[Parallel, Sequence[Placed], str], Iterator[Problem]]


def rule_one_meeting_per_room(parallel: Parallel, placed: Sequence[Placed], source: str) -> Iterator[Problem]:
    """A room holds one meeting at a time (a body's own meetings, which share its room, never overlap)."""
    for i, j in itertools.combinations(range(len(placed)), 2):
        a, b = placed[i], placed[j]
        if a.room is not None and a.room == b.room and a.overlaps(b):
            where = _where((a, b), "parallel.bodies", source)
            yield replace(where, message=(
                f"{day_heading(a.date)} {a.date.year}, {hours(_span((a, b)))}: {_names(placed, (i, j))} would both meet in "
                f"{a.room}; move one of them or give it another room"))


def rule_interpretation_at_once(parallel: Parallel, placed: Sequence[Placed], source: str) -> Iterator[Problem]:
    """At most ``parallel.interpretation`` meetings with interpretation at the same time."""
    limit = parallel.services.interpretation
    if limit is None:
        return
    interpreted = [i for i, p in enumerate(placed) if p.interpreted]
    seen: set[tuple[int, ...]] = set()
    for i in interpreted:
        start = placed[i]
        # The meetings running when this one starts: the largest sets of meetings at once begin at some start.
        running = tuple(j for j in interpreted if placed[j].date == start.date
                        and placed[j].hours.start <= start.hours.start < placed[j].hours.end)
        if len(running) <= limit or running in seen:
            continue
        seen.add(running)
        members = [placed[j] for j in running]
        where = _where(members, "parallel.interpretation", source)
        yield replace(where, message=(
            f"{day_heading(start.date)} {start.date.year}, {hours(_span(members))}: {len(running)} meetings with "
            f"interpretation at once ({_names(placed, running)}), but the services give {limit} (parallel.interpretation); "
            f"move one of them or hold it without interpretation"))


def rule_interpretation_hours(parallel: Parallel, placed: Sequence[Placed], source: str) -> Iterator[Problem]:
    """At most ``parallel.interpretation_hours`` hours of interpretation a day, all meetings together."""
    limit = parallel.services.interpretation_hours
    if limit is None:
        return
    for date in sorted({p.date for p in placed}):
        members = [i for i, p in enumerate(placed) if p.date == date and p.interpreted]
        total = Fraction(sum(placed[i].hours.minutes for i in members), 60)
        if total > limit:
            where = _where([placed[i] for i in members], "parallel.interpretation_hours", source)
            yield replace(where, message=(
                f"{day_heading(date)} {date.year}: {figure(total)} hours of interpretation "
                f"({_names(placed, members)}), but the services give {figure(limit)} a day (parallel.interpretation_hours); "
                f"move a meeting to another day or hold it without interpretation"))


RULES: tuple[Rule, ...] = (rule_one_meeting_per_room, rule_interpretation_at_once, rule_interpretation_hours)


def problems(parallel: Parallel, placed: Sequence[Placed], source: str) -> list[Problem]:
    """Every rule the meetings in ``placed`` break together."""
    return [problem for rule in RULES for problem in rule(parallel, placed, source)]


# --- the programme -----------------------------------------------------------------------------------------------


def _plenaries(plenary: Schedule, parallel: Parallel) -> list[Placed]:
    meeting = plenary.meeting
    return [Placed(body=None, date=p.date, hours=p.hours, interpreted=parallel.plenary_interpretation, room=meeting.room)
            for p in plenary.plenaries]


def _given(body: Body) -> list[Placed]:
    return [Placed(body=body, date=s.date, hours=s.hours, interpreted=body.interpretation, room=body.room, origin=s.origin)
            for s in body.sittings]


def place(plenary: Schedule) -> list[Placed]:
    """Every meeting of the session in time: the plenary's, the given parallel ones, then the others placed.

    Raises PlanError naming the day, the hours and the meetings in conflict when the given places break a rule,
    and naming the body when its other meetings find no place.
    """
    meeting = plenary.meeting
    parallel = meeting.parallel
    assert parallel is not None
    placed = _plenaries(plenary, parallel)
    for body in parallel.bodies:
        placed += _given(body)
    found = problems(parallel, placed, meeting.source)
    if found:
        raise PlanError(found)
    # The places an unpinned meeting may take: the hours of the plenary meetings, earliest first.
    slots = [(p.date, p.hours) for p in plenary.plenaries]
    for body in parallel.bodies:
        wanted = body.meetings - len(body.sittings)
        for date, span in slots:
            if wanted == 0:
                break
            candidate = Placed(body=body, date=date, hours=span, interpreted=body.interpretation, room=body.room)
            if any(candidate.overlaps(p) for p in placed if p.body is body):
                continue
            if not problems(parallel, [*placed, candidate], meeting.source):
                placed.append(candidate)
                wanted -= 1
        if wanted:
            origin = body.origin
            given = body.meetings - wanted
            raise PlanError([Problem(
                file=origin.file if origin else meeting.source or None, line=origin.line if origin else None,
                field=f"{origin.field}.meetings" if origin else "parallel.bodies",
                message=(f"{body.name} holds {plural(body.meetings, 'meeting')}, but its room ({body.room}) "
                         f"and the interpretation the services give leave places for only {given} of them at the hours of the "
                         f"plenary meetings; give fewer "
                         f"meetings, hours of its own (at) or more interpretation"))])
    return placed


def body_meeting(meeting: Meeting, body: Body, sittings: Sequence[Placed]) -> Meeting:
    """The body as a meeting of its own: its days are the days it meets, its "plenary meetings" its meetings, so
    that the plenary's scheduler lays out its agenda and numbers its meetings on their own. A body without remote
    participation meets in person, whatever the session's format."""
    days = tuple(Day(date=date, hours=tuple(sorted((s.hours for s in group), key=lambda h: h.start)))
                 for date, group in itertools.groupby(sorted(sittings, key=lambda s: (s.date, s.hours.start)), key=lambda s: s.date))
    return replace(meeting, body=body.name, short_name=body.short_name, room=body.room, days=days, agenda=body.agenda,
                   format=meeting.format if body.remote else Format.IN_PERSON,
                   plenary_limit=len(sittings), speakers=None, report=None, registrations=None, seating=None, participants=(),
                   parallel=None, lines=())


def programme(plenary: Schedule) -> Programme:
    """The session's programme: the plenary's schedule and, for each body, its meetings and organization of work.

    Raises PlanError for a plan the rooms and services cannot hold, or a body's agenda that its meetings cannot
    hold (each problem named after the body's short name).
    """
    meeting = plenary.meeting
    assert meeting.parallel is not None
    placed = place(plenary)
    bodies: list[BodySchedule] = []
    errors: list[Problem] = []
    for body in meeting.parallel.bodies:
        sittings = sorted((p for p in placed if p.body is body), key=lambda p: (p.date, p.hours.start))
        try:
            own = schedule(body_meeting(meeting, body, sittings))
        except PlanError as error:
            errors += [replace(problem, message=f"{body.short_name}: {problem.message}") for problem in error.problems]
            continue
        chosen = tuple(n for n, p in enumerate(sittings, start=1) if p.origin is None)
        bodies.append(BodySchedule(body=body, schedule=own, placed=chosen))
    if errors:
        raise PlanError(errors)
    return Programme(plenary=plenary, bodies=tuple(bodies))


def describe(programme: Programme) -> str:
    """What ``meetplan check`` prints after the plenary: each body's meetings, where each comes from, and the items
    each takes up, so that an officer sees where meetplan placed the meetings not given."""
    parallel = programme.plenary.meeting.parallel
    assert parallel is not None
    services = parallel.services
    limits = [f"{services.interpretation} meetings with interpretation at once" if services.interpretation else "",
              f"{figure(services.interpretation_hours)} hours of interpretation a day" if services.interpretation_hours else ""]
    given = join_list(limit for limit in limits if limit)
    lines = ["", f"Parallel meetings ({given or 'no limit on interpretation'})"]
    for entry in programme.bodies:
        body = entry.body
        services_words = join_list(word for word in ("interpretation" if body.interpretation else "",
                                                     "remote participation" if body.remote else "") if word)
        lines += ["", f"{body.name} ({body.short_name}), {body.room}, {'with ' + services_words if services_words else 'in the room only, without interpretation'}"]
        for sitting in entry.schedule.plenaries:
            how = "placed by meetplan" if sitting.number in entry.placed else "given"
            lines.append(f"  {ordinal(sitting.number)} meeting: {day_heading(sitting.date)} {sitting.date.year}, "
                         f"{hours(sitting.hours)} ({how})")
            if body.numbered:  # a body with a plain title takes up nothing but that title
                lines += [f"    {a.item.label:<6} {a.item.title}{' (continued)' if a.continued else ''}"
                          for a in entry.schedule.allocations_in(sitting.number)]
    return "\n".join(lines)
