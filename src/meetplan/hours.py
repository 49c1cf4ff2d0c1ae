"""Hours fair to remote delegations (``meetplan hours``): every possible daily hours, ranked by who they leave at night.

A hybrid meeting's hours decide who follows it at 3 a.m. (issue 19). The rule, our convention where the issue is
silent:

- The candidates: the day's plenary meetings with the lengths of the usual hours (the pattern most days of the
  session have), in order, each starting on the grid (every 15 or 30 minutes), with at least the shortest break
  of the usual hours between two of them (``--break``), all within the venue's service hours (8 a.m.–8 p.m. by
  default). Every candidate is tried: the ranking is exact, not sampled. A candidate holds on every day of the
  session that has plenary meetings.
- Who is online: every registered participant not seated in the room (placed online, or on the waiting list);
  without registrations, every delegation counts as one participant. A person is where their delegation is
  (``delegations:``' time zone: the capital's, or the headquarters').
- At night: a plenary meeting, on any day of the session, that starts before 07:00 or ends after 22:00 local time
  where the person is (ending at 22:00 is not at night). A delegation is at night when one of its online
  participants is. Times are converted through UTC on each day, so changes of the clocks count.
- The order: fewest participants at night, then fewest delegations at night, then the hours closest to the usual
  ones (the sum of the minutes each meeting moves), then the earliest.

Cost: participants are counted per delegation in one pass, delegations grouped by the offsets of their zone from
the venue's over the session, and each candidate checked once per group, so 100,000 registrations rank in well
under a second (``python benchmarks/hours.py``).
"""

from __future__ import annotations

import datetime as dt
import itertools
import zoneinfo
from collections import Counter
from collections.abc import Iterable, Sequence

from msgspec import Struct

from meetplan.errors import MeetplanError, Problem
from meetplan.model import Delegation, Hours, Meeting, Placement, Schedule, SeatPlan
from meetplan.style import duration, join_list, plural, session_name, time_of_day
from meetplan.style import hours as hours_text

DAY = 1440
AWAKE = (7 * 60, 22 * 60)  # local minutes of the day from which and until which a meeting is not at night


class Option(Struct, frozen=True, kw_only=True):
    """One daily hours and who it leaves at night: ``night`` lists (delegation, online participants) by number, then name."""

    hours: tuple[Hours, ...]  # the day's plenary meetings, local time of the venue
    participants: int
    night: tuple[tuple[str, int], ...]

    @property
    def delegations(self) -> int:
        return len(self.night)


class Ranking(Struct, frozen=True, kw_only=True):
    """The candidates, best first, and the current hours with their rank among them (1 for the best)."""

    ranked: tuple[Option, ...]
    current: Option | None  # None when the days' hours differ (no one daily pattern)
    current_rank: int | None
    current_days: tuple[tuple[dt.date, tuple[Hours, ...]], ...]
    online: int  # participants online
    online_delegations: int
    from_registrations: bool
    lengths: tuple[int, ...]  # the plenary meetings' minutes
    minimum_break: int  # minutes
    service: tuple[dt.time, dt.time]
    grid: int  # minutes


def _minutes(time: dt.time) -> int:
    return time.hour * 60 + time.minute


def _time(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)


def daily_hours(schedule: Schedule) -> dict[dt.date, tuple[Hours, ...]]:
    """Each day of the session with plenary meetings, and their hours in order."""
    days: dict[dt.date, list[Hours]] = {}
    for plenary in schedule.plenaries:
        days.setdefault(plenary.date, []).append(plenary.hours)
    return {day: tuple(found) for day, found in days.items()}


def usual_pattern(days: dict[dt.date, tuple[Hours, ...]]) -> tuple[Hours, ...]:
    """The hours most ``days`` (daily_hours) hold (the first such pattern on a tie)."""
    counts = Counter(days.values())
    return max(counts, key=lambda pattern: counts[pattern]) if counts else ()


def candidates(lengths: Sequence[int], minimum_break: int, start: int, end: int, grid: int) -> list[tuple[int, ...]]:
    """Every tuple of start minutes on the grid (local, from midnight) for meetings of ``lengths`` minutes, in order,
    at least ``minimum_break`` apart, all between ``start`` and ``end``."""
    found: list[tuple[int, ...]] = []

    def extend(prefix: tuple[int, ...], earliest: int, index: int) -> None:
        if index == len(lengths):
            found.append(prefix)
            return
        rest = sum(lengths[index:]) + minimum_break * (len(lengths) - index - 1)
        first = -(-earliest // grid) * grid  # the next grid point
        for begin in range(first, end - rest + 1, grid):
            extend((*prefix, begin), begin + lengths[index] + minimum_break, index + 1)

    extend((), start, 0)
    return found


def _offset(day: dt.date, minute: int, venue: zoneinfo.ZoneInfo, zone: zoneinfo.ZoneInfo) -> int:
    """Local minutes in ``zone`` less the venue's, at the venue's ``minute`` of ``day`` (through UTC)."""
    moment = dt.datetime.combine(day, _time(minute % DAY), tzinfo=venue) + dt.timedelta(days=minute // DAY)
    local = moment.astimezone(zone)
    return (local.date() - day).days * DAY + _minutes(local.time()) - minute


def _awake(start: int, end: int) -> bool:
    """Whether local minutes ``start``..``end`` (from the venue day's midnight, any sign) fall within 07:00-22:00."""
    day = (start - AWAKE[0]) // DAY
    return end <= AWAKE[1] + day * DAY


class _Zones:
    """The offsets of each delegation's zone from the venue's, computed once per zone and day."""

    def __init__(self, meeting: Meeting, days: Sequence[dt.date], service: tuple[int, int]) -> None:
        self.venue = zoneinfo.ZoneInfo(meeting.time_zone)
        self.days, self.service = days, service
        self.cache: dict[str, tuple[tuple[int, int], ...]] = {}

    def ends(self, name: str) -> tuple[tuple[int, int], ...]:
        """Per day, the zone's offset at the start and at the end of the service hours."""
        if name not in self.cache:
            zone = zoneinfo.ZoneInfo(name)
            self.cache[name] = tuple((_offset(day, self.service[0], self.venue, zone), _offset(day, self.service[1], self.venue, zone))
                                     for day in self.days)
        return self.cache[name]

    def night(self, name: str, pattern: Iterable[tuple[dt.date, int, int]]) -> bool:
        """Whether any (day, start, end) in venue minutes is at night in the zone, exactly (clock changes too)."""
        zone = zoneinfo.ZoneInfo(name)
        return any(not _awake(start + _offset(day, start, self.venue, zone), end + _offset(day, end, self.venue, zone))
                   for day, start, end in pattern)


def online_counts(meeting: Meeting, seats: SeatPlan | None) -> tuple[dict[Delegation, int], bool]:
    """Online participants per delegation, and whether they come from registrations (else one per delegation)."""
    if seats is not None and meeting.participants:
        counts: dict[Delegation, int] = {}
        for seat in seats.seats:
            if seat.placement is not Placement.ROOM:
                delegation = seat.participant.delegation
                counts[delegation] = counts.get(delegation, 0) + 1
        return counts, True
    if meeting.delegations:
        return {delegation: 1 for delegation in meeting.delegations}, False
    raise MeetplanError([Problem(file=meeting.source or None, field="participants", message=(
        "meetplan hours needs the participants' registrations (participants:) or the delegations (delegations:), "
        "to know who follows online and from which time zone"))])


def rank(schedule: Schedule, seats: SeatPlan | None, *, service: tuple[dt.time, dt.time] = (dt.time(8), dt.time(20)),
         grid: int = 30, minimum_break: int | None = None) -> Ranking:
    """Every candidate daily hours, best first, and the current hours (see the module's docstring for the rule).

    ``service`` are the venue's service hours (local), ``grid`` the minutes between possible starts, and
    ``minimum_break`` the shortest break between two plenary meetings of a day (default: the usual hours').
    Raises MeetplanError when nothing tells who is online, or when the meetings cannot fit the service hours.
    """
    meeting = schedule.meeting
    counts, registered = online_counts(meeting, seats)
    daily = daily_hours(schedule)
    pattern = usual_pattern(daily)
    lengths = tuple(span.minutes for span in pattern)
    gaps = [_minutes(b.start) - _minutes(a.end) for a, b in itertools.pairwise(pattern)]
    least = minimum_break if minimum_break is not None else min(gaps, default=0)
    opening, closing = _minutes(service[0]), _minutes(service[1])
    days = tuple(sorted(daily))
    starts = candidates(lengths, least, opening, closing, grid)
    if not starts:
        raise MeetplanError([Problem(field="--from/--to", message=(
            f"{len(lengths)} plenary meetings of {join_list(str(n) for n in lengths)} minutes, at least {least} minutes apart, "
            f"do not fit between {time_of_day(service[0])} and {time_of_day(service[1])}"))])
    zones = _Zones(meeting, days, (opening, closing))

    # Delegations grouped by their zone's offsets: within a day the offset of nearly every zone is the same at the
    # start and the end of the service hours, and then only the set of offsets over the session matters.
    groups: dict[object, list[tuple[Delegation, int]]] = {}
    for delegation, count in counts.items():
        ends = zones.ends(delegation.time_zone)
        key: object = (frozenset(a for a, _ in ends) if all(a == b for a, b in ends) else delegation.time_zone)
        groups.setdefault(key, []).append((delegation, count))

    def at_night(key: object, members: list[tuple[Delegation, int]], spans: Sequence[tuple[int, int]]) -> bool:
        if isinstance(key, frozenset):
            return any(not _awake(start + offset, end + offset) for offset in key for start, end in spans)
        return zones.night(members[0][0].time_zone, [(day, start, end) for day in days for start, end in spans])

    def option(spans: Sequence[tuple[int, int]]) -> Option:
        night = [(delegation.name, count) for key, members in groups.items() if at_night(key, members, spans)
                 for delegation, count in members]
        night.sort(key=lambda pair: (-pair[1], pair[0]))
        return Option(hours=tuple(Hours(start=_time(a), end=_time(b)) for a, b in spans),
                      participants=sum(count for _, count in night), night=tuple(night))

    usual = [_minutes(span.start) for span in pattern]

    def order(pair: tuple[tuple[int, ...], Option]) -> tuple[int, int, int, tuple[int, ...]]:
        begins, found = pair
        return found.participants, found.delegations, sum(abs(a - b) for a, b in zip(begins, usual, strict=True)), begins

    ranked = sorted(((begins, option([(a, a + n) for a, n in zip(begins, lengths, strict=True)])) for begins in starts), key=order)
    current = current_rank = None
    if len(set(daily.values())) == 1:
        current = option([(_minutes(span.start), _minutes(span.end)) for span in pattern])
        begins = tuple(usual)
        current_rank = 1 + sum(1 for pair in ranked if order(pair) < order((begins, current)))
    return Ranking(
        ranked=tuple(found for _, found in ranked), current=current, current_rank=current_rank,
        current_days=tuple(daily.items()),
        online=sum(counts.values()), online_delegations=len(counts), from_registrations=registered, lengths=lengths,
        minimum_break=least, service=service, grid=grid,
    )


def _who(option: Option) -> str:
    return ", ".join(f"{name} ({count})" for name, count in option.night) or "no one"


def describe(ranking: Ranking, meeting: Meeting, *, top: int = 5) -> str:
    """The ranking as ``meetplan hours`` prints it: a few lines of context, then a Markdown table of the best
    ``top`` and the current hours, with who would be at night (delegation and online participants)."""
    lengths = join_list(duration(n) for n in ranking.lengths)
    who = (f"{ranking.online} participants of {ranking.online_delegations} delegations follow online (registered, not seated in the room)"
           if ranking.from_registrations else f"{ranking.online_delegations} delegations, each counted once (no registrations)")
    lines = [
        f"Hours for the {session_name(meeting)} of the {meeting.body}, {meeting.venue} ({meeting.time_zone})",
        f"{plural(len(ranking.lengths), 'plenary meeting')} a day of {lengths}"
        + (f", at least {duration(ranking.minimum_break)} apart" if len(ranking.lengths) > 1 else "")
        + f", between {time_of_day(ranking.service[0])} and {time_of_day(ranking.service[1])} on a {ranking.grid}-minute grid: "
        f"{len(ranking.ranked)} possible hours, each tried",
        f"{who}; at night: a plenary meeting before 7 a.m. or after 10 p.m. where they are, on any day",
        "",
        "| Rank | Hours | Participants at night | Delegations at night | At night (participants) |",
        "| --- | --- | --- | --- | --- |",
    ]

    def row(rank: str, option: Option) -> str:
        spans = join_list(hours_text(span) for span in option.hours)
        return f"| {rank} | {spans} | {option.participants} | {option.delegations} | {_who(option)} |"

    lines += [row(str(index), option) for index, option in enumerate(ranking.ranked[:top], start=1)]
    if ranking.current is not None:
        lines.append(row(f"current ({ranking.current_rank} of {len(ranking.ranked)})", ranking.current))
    else:
        lines += ["", "The current hours differ from day to day; the candidates hold the same hours every day."]
    return "\n".join(lines) + "\n"
