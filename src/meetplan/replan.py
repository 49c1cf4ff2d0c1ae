"""Re-planning from the record of progress: a layer around the pure scheduler.

``schedule_with_progress(meeting)`` is ``scheduler.schedule(meeting)`` for a meeting without a record. With one
(``Meeting.progress``, read by config/progress.py), the plan from the configuration alone is computed first, as
the baseline; then

- the plenary meetings of the session are those of the days and hours, less the cancelled, with the added, in
  order of time, numbered from 1;
- the first of them are the held ones, each exactly as recorded: its date, hours and entries, in the order taken
  up (never moved, never renumbered by anything later in the record);
- the rest of the agenda (the entries not concluded: first those taken up and not concluded, which continue at
  the head of the next plenary meeting, then the others in the order taken up) is laid over the plenary meetings
  that remain, each entry an interval of the remaining time in half-meeting steps, in that order;
- when the rest does not fit, PlanError says what would have to give.

Shares in a held plenary meeting are not known from the record: the entries taken up there with time of their
own in the baseline share it equally (the others none), as the scheduler would have shared it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from fractions import Fraction

from msgspec import Struct
from msgspec.structs import replace

from meetplan.errors import PlanError, Problem
from meetplan.model import AgendaItem, Allocation, Day, Hours, Meeting, PlenaryMeeting, Progress, Schedule
from meetplan.scheduler import schedule, taken_up_order
from meetplan.style import figure, join_list, ordinal, plenary_meetings_phrase

Slot = tuple[dt.date, dt.time]  # a plenary meeting's identity across issues: its day and start time


class Replan(Struct, frozen=True, kw_only=True):
    """A re-plan with what it is measured against."""

    schedule: Schedule  # the re-planned organization of work
    baseline: Schedule  # the plan from the configuration alone
    changed: int  # entry-meeting assignments that differ from the baseline (see assignments_changed)
    from_scratch: int  # the same count for the rest laid out afresh, shared equally (what minimising is compared with)


def schedule_with_progress(meeting: Meeting) -> tuple[Schedule, Replan | None]:
    """The organization of work: the scheduler's, or, with a record of progress, the re-plan around it, with its
    measure (what ``check`` reports).

    Raises PlanError when the configuration cannot be scheduled or the rest of the agenda does not fit.
    """
    if meeting.progress is None:
        return schedule(meeting), None
    replanned = replan(meeting)
    return replanned.schedule, replanned


def assignments(schedule_: Schedule) -> set[tuple[str, Slot]]:
    """The (entry label, plenary meeting) assignments of a schedule, each meeting by its day and start time, so
    that a cancelled meeting before it does not make every later meeting "another" one."""
    by_number = {p.number: (p.date, p.hours.start) for p in schedule_.plenaries}
    return {(a.item.label, by_number[a.plenary]) for a in schedule_.allocations}


def assignments_changed(before: Schedule, after: Schedule) -> int:
    """How many entry-meeting assignments one plan has that the other has not (the symmetric difference): item 2
    moved from the 2nd plenary meeting to the 3rd counts 2, item 2 running on into the 3rd counts 1."""
    return len(assignments(before) ^ assignments(after))


def replan(meeting: Meeting) -> Replan:
    """The re-plan of a meeting with a record of progress (``meeting.progress``), and its measure.

    **How the changes are kept fewest.** The rest of the agenda, in order, is a row of intervals that tile the
    remaining time [k, M) (k meetings held, M in the session, time in plenary meetings), with boundaries on half
    meetings. An entry's assignments are the meetings its interval touches (an entry without time sits in the
    meeting where it starts), joined to the held meetings that took it up. A dynamic programme over the boundaries
    (entry j ends at half-meeting b, for every j and b) finds the tiling whose total cost is least, the cost of an
    entry being, in this order of importance:

    1. the assignments it has and the baseline has not, plus those the baseline has and it has not (so an entry
       that stays in its planned meetings costs nothing, one that runs on into one more meeting costs 1);
    2. how far its time is from the time the baseline left it (its planned share less the meetings it had), so
       that among equally few changes the time stays shared as planned.

    The tiling is exact (every remaining meeting holds an entry) and in order; an entry that had time of its own
    in the baseline gets at least half a meeting. Since each entry's cost depends on its own interval only, the
    programme's least total is the fewest changes among all such in-order layouts in half meetings (what the held
    meetings and the concluded entries differ by is fixed, and counted in ``changed`` too). It computes one cost
    per entry and pair of boundaries, (entries x half meetings^2) / 2: for the two-week session of 40 plenary
    meetings and 34 entries of ``benchmarks/replan.py``, about 110,000, in about 0.3 seconds.

    Raises PlanError, located in the record, when the rest of the agenda does not fit the remaining meetings.
    """
    assert meeting.progress is not None
    progress = meeting.progress
    baseline = schedule(meeting)
    slots = _session(meeting, progress)
    held = progress.held
    k, count = len(held), len(slots)
    entries = {e.label: e for e in meeting.entries}
    planned = _planned(baseline)
    base_share = {label: sum((a.share for a in baseline.allocations if a.item.label == label), Fraction(0)) for label in entries}

    ids = [(date, span.start) for date, span in slots]
    held_allocations: list[Allocation] = []
    seen: set[str] = set()
    used: dict[str, Fraction] = {}
    held_in: dict[str, set[Slot]] = {}
    concluded: set[str] = set()
    for number, meeting_held in enumerate(held, start=1):
        taken = meeting_held.taken_up
        timed = [t for t in taken if base_share[t.label] > 0] or list(taken)
        for entry in taken:
            share = Fraction(1, len(timed)) if entry in timed else Fraction(0)
            held_allocations.append(Allocation(plenary=number, item=entries[entry.label], share=share, continued=entry.label in seen))
            seen.add(entry.label)
            used[entry.label] = used.get(entry.label, Fraction(0)) + share
            held_in.setdefault(entry.label, set()).add(ids[number - 1])
            if entry.concluded:
                concluded.add(entry.label)

    rest = _rest(meeting, progress, concluded)
    problems = _fits(progress, rest, base_share, k, count)
    if problems:
        raise PlanError(problems)
    desired = {label: max(base_share[label] - used.get(label, Fraction(0)), Fraction(1, 2)) if base_share[label] > 0 else Fraction(0)
               for label in rest}
    minimum = {label: 1 if base_share[label] > 0 else 0 for label in rest}
    session = replace(meeting, days=_days(meeting, slots), plenary_limit=max(meeting.plenary_limit, count))
    plenaries = tuple(PlenaryMeeting(number=n, date=date, hours=span) for n, (date, span) in enumerate(slots, start=1))

    def laid_out(bounds: list[tuple[int, int]]) -> Schedule:
        allocations = list(held_allocations)
        taken = set(seen)
        for label, (start, end) in zip(rest, bounds, strict=True):
            for order, (number, share) in enumerate(_members(start, end, count)):
                allocations.append(Allocation(plenary=number, item=entries[label], share=share, continued=label in taken or order > 0))
            taken.add(label)
        allocations.sort(key=lambda a: a.plenary)  # stable: the order taken up within each plenary meeting
        return Schedule(meeting=session, plenaries=plenaries, allocations=tuple(allocations))

    result = laid_out(_tile(rest, k, count, ids, planned, held_in, desired, minimum))
    scratch = laid_out(_scratch(rest, k, count, minimum))
    return Replan(schedule=result, baseline=baseline, changed=assignments_changed(baseline, result),
                  from_scratch=assignments_changed(baseline, scratch))


def _session(meeting: Meeting, progress: Progress) -> list[tuple[dt.date, Hours]]:
    """The session's plenary meetings after the record's cancellations and additions, in order of time."""
    slots = [(day.date, span) for day in meeting.days for span in day.hours]
    kept = [slot for number, slot in enumerate(slots, start=1) if number not in progress.cancelled]
    kept += [(extra.date, extra.hours) for extra in progress.added]
    return sorted(kept, key=lambda slot: (slot[0], slot[1].start))


def _days(meeting: Meeting, slots: list[tuple[dt.date, Hours]]) -> tuple[Day, ...]:
    """The configuration's days with the session's plenary meetings: a day whose meetings were all cancelled keeps
    only its note (and leaves the annex without one), a day of an added meeting joins in order."""
    by_date: dict[dt.date, list[Hours]] = {}
    for date, span in slots:
        by_date.setdefault(date, []).append(span)
    days = {day.date: replace(day, hours=tuple(by_date.get(day.date, ()))) for day in meeting.days}
    for date, spans in by_date.items():
        days.setdefault(date, Day(date=date, hours=tuple(spans)))
    return tuple(days[date] for date in sorted(days))


def _planned(baseline: Schedule) -> dict[str, set[Slot]]:
    by_number = {p.number: (p.date, p.hours.start) for p in baseline.plenaries}
    planned: dict[str, set[Slot]] = {}
    for allocation in baseline.allocations:
        planned.setdefault(allocation.item.label, set()).add(by_number[allocation.plenary])
    return planned


def _rest(meeting: Meeting, progress: Progress, concluded: set[str]) -> list[str]:
    """The entries still to be taken up, in order: those under consideration (taken up, not concluded) first, in
    the order they were taken up, so that their speakers not reached open the next meeting; then the others."""
    started = list(dict.fromkeys(t.label for held in progress.held for t in held.taken_up if t.label not in concluded))
    others = [e.label for e in taken_up_order(meeting) if e.label not in concluded and e.label not in started]
    return [*started, *others]


def _fits(progress: Progress, rest: list[str], base_share: dict[str, Fraction], k: int, count: int) -> list[Problem]:
    """What would have to give when the rest of the agenda cannot be laid over the remaining meetings."""
    where = progress.held[-1].origin if progress.held else progress.origin
    file, line = (where.file, where.line) if where else (progress.file, None)
    remaining = count - k
    if not rest and remaining:
        left = tuple(range(k + 1, count + 1))
        return [Problem(file=file, line=line, field="held", message=(
            f"every agenda item is concluded after the {ordinal(k)} plenary meeting, but {plenary_meetings_phrase(left)} "
            f"would have no agenda item: cancel {'it' if remaining == 1 else 'them'} under cancelled"))]
    timed = [label for label in rest if base_share[label] > 0]
    need = Fraction(len(timed), 2)
    if rest and (remaining == 0 or need > remaining):
        names = join_list(f"{label}" for label in (timed or rest))
        plural = len(timed or rest) > 1
        have = f"{figure(remaining)} remain{'s' if remaining == 1 else ''}" if remaining else "none remains"
        return [Problem(file=file, line=line, field="held", message=(
            f"the rest of the agenda does not fit: item{'s' if plural else ''} {names} need{'' if plural else 's'} at least "
            f"{figure(need) if need else 'one'} plenary meeting{'s' if need > 1 else ''} and {have} after the {ordinal(k)}: "
            f"add a plenary meeting under added, conclude an item sooner (shorter speaking limits), or give an item's time "
            f"to another (take two up together)"))]
    return []


def _members(start: int, end: int, count: int) -> Iterable[tuple[int, Fraction]]:
    """The plenary meetings (1-based) that [start, end) in half meetings touches, with the share of each; an entry
    without time sits in the meeting where it starts (the last one at the very end)."""
    if end == start:
        yield min(start // 2, count - 1) + 1, Fraction(0)
        return
    for index in range(start // 2, math.ceil(end / 2)):
        overlap = Fraction(min(end, 2 * index + 2) - max(start, 2 * index), 2)
        if overlap > 0:
            yield index + 1, overlap


def _cost(label: str, start: int, end: int, count: int, ids: list[Slot], planned: dict[str, set[Slot]],
          held_in: dict[str, set[Slot]]) -> int:
    """Assignments of one entry that differ from the baseline, for the interval [start, end) in half meetings."""
    touched = {ids[number - 1] for number, _ in _members(start, end, count)} | held_in.get(label, set())
    return len(touched ^ planned.get(label, set()))


def _tile(rest: list[str], k: int, count: int, ids: list[Slot], planned: dict[str, set[Slot]], held_in: dict[str, set[Slot]],
          desired: dict[str, Fraction], minimum: dict[str, int]) -> list[tuple[int, int]]:
    """The boundaries (in half meetings) of the rest's intervals that cost least; see ``replan``."""
    first, last = 2 * k, 2 * count
    # best[b]: (cost, deviation, previous boundary) of the entries so far ending at half meeting b.
    best: list[dict[int, tuple[int, Fraction, int]]] = [{first: (0, Fraction(0), first)}]
    for index, label in enumerate(rest):
        # The entries after this one need their minimum time: no boundary may leave them less.
        after = sum(minimum[later] for later in rest[index + 1 :])
        row: dict[int, tuple[int, Fraction, int]] = {}
        for start, (cost, deviation, _) in best[-1].items():
            for end in range(start + minimum[label], last - after + 1):
                step = _cost(label, start, end, count, ids, planned, held_in)
                candidate = (cost + step, deviation + abs(Fraction(end - start, 2) - desired[label]), start)
                if end not in row or candidate[:2] < row[end][:2]:
                    row[end] = candidate
        best.append(row)
    bounds: list[tuple[int, int]] = []
    end = last
    for row in reversed(best[1:]):
        start = row[end][2]
        bounds.append((start, end))
        end = start
    return list(reversed(bounds))


def _scratch(rest: list[str], k: int, count: int, minimum: dict[str, int]) -> list[tuple[int, int]]:
    """The rest laid out afresh as the scheduler's default does: the entries with time share the remaining meetings
    equally in half-meeting steps, an earlier entry taking the odd half; the others take none."""
    timed = [label for label in rest if minimum[label]]
    halves = 2 * (count - k)
    base, extra = divmod(halves, len(timed)) if timed else (0, 0)
    bounds, position, order = [], 2 * k, 0
    for label in rest:
        length = 0
        if minimum[label]:
            length = base + (1 if order < extra else 0)
            order += 1
        bounds.append((position, position + length))
        position += length
    if bounds and position < 2 * count:  # nothing had time of its own: the last entry takes the rest
        bounds[-1] = (bounds[-1][0], 2 * count)
    return bounds


def remaining_entries(meeting: Meeting) -> tuple[AgendaItem, ...]:
    """The entries the record leaves to be taken up, in the order the re-plan lays them out (for ``check``)."""
    if meeting.progress is None:
        return taken_up_order(meeting)
    concluded = {t.label for held in meeting.progress.held for t in held.taken_up if t.concluded}
    entries = {e.label: e for e in meeting.entries}
    return tuple(entries[label] for label in _rest(meeting, meeting.progress, concluded))
