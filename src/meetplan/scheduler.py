"""The scheduler: a pure function from a meeting to its organization of work.

Time is measured in plenary meetings: the session is the interval [0, N) and each agenda entry gets a
sub-interval of it, in agenda order. The default reproduces the seeds: organizational entries open the
1st plenary meeting and take no time of their own; the closing entries ("Other matters", "Adoption of the
report") share the last plenary meeting; the substantive entries share the rest equally, in steps of half a
meeting. An officer overrides this per entry with a ``share`` or a ``pin``.

Each rule is a function that yields the problems it finds, so the violation explains itself; ``schedule``
runs them all before laying out the agenda, and ``check`` lists what fails.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from fractions import Fraction

from msgspec import Struct

from meetplan.errors import PlanError, Problem
from meetplan.model import AgendaItem, Allocation, ItemKind, Meeting, PlenaryMeeting, Schedule
from meetplan.style import figure, join_list, ordinal, plenary_meetings_phrase

HALF = Fraction(1, 2)


def plenary_meetings(meeting: Meeting) -> tuple[PlenaryMeeting, ...]:
    """Number the plenary meetings the days and hours give, in order."""
    slots = [(day.date, span) for day in meeting.days for span in day.hours]
    return tuple(PlenaryMeeting(number=n, date=d, hours=h) for n, (d, h) in enumerate(slots, start=1))


def taken_up_order(meeting: Meeting) -> tuple[AgendaItem, ...]:
    """The entries in the order the plenary meetings take them up: the agenda order, but for the entries marked
    ``taken_up: end`` (the credentials report), which come before the closing entries that end the agenda."""
    deferred = [e for e in meeting.entries if e.taken_up == "end"]
    rest = [e for e in meeting.entries if e.taken_up != "end"]
    closing = len(rest)
    while closing > 0 and rest[closing - 1].kind is ItemKind.CLOSING and not rest[closing - 1].pin:
        closing -= 1
    return (*rest[:closing], *deferred, *rest[closing:])


# --- the rules ---------------------------------------------------------------------------------------------

Rule = Callable[[Meeting, tuple[PlenaryMeeting, ...]], Iterator[Problem]]


def _problem(meeting: Meeting, message: str, item: AgendaItem | None = None, field: str | None = None) -> Problem:
    if item is not None and item.origin is not None:
        return Problem(file=item.origin.file, line=item.origin.line, field=field or item.origin.field, message=message)
    return Problem(file=meeting.source or None, line=meeting.line_of(field) if field else None, field=field, message=message)


def rule_some_plenary_meeting(meeting: Meeting, plenaries: tuple[PlenaryMeeting, ...]) -> Iterator[Problem]:
    """The days and hours give at least one plenary meeting."""
    if not plenaries:
        yield _problem(meeting, "the days and hours give no plenary meeting", field="days")


def rule_within_resources(meeting: Meeting, plenaries: tuple[PlenaryMeeting, ...]) -> Iterator[Problem]:
    """The days and hours do not plan more plenary meetings than the resources allow."""
    if len(plenaries) > meeting.plenary_limit:
        yield _problem(
            meeting,
            f"the days and hours give {len(plenaries)} plenary meetings, but the resources allow "
            f"{meeting.plenary_limit} (meeting.plenary_meetings); remove hours or add an exception day",
            field="days",
        )


def rule_pins_exist(meeting: Meeting, plenaries: tuple[PlenaryMeeting, ...]) -> Iterator[Problem]:
    """A pin names plenary meetings that the days and hours give."""
    for entry in taken_up_order(meeting):
        if entry.pin and entry.pin[-1] > len(plenaries):
            yield _problem(
                meeting,
                f"item {entry.label} is pinned to {plenary_meetings_phrase(entry.pin)}, but there are only {len(plenaries)}",
                entry,
                f"{entry.origin.field}.pin" if entry.origin else None,
            )


def rule_pins_in_agenda_order(meeting: Meeting, plenaries: tuple[PlenaryMeeting, ...]) -> Iterator[Problem]:
    """Pinned entries follow the order taken up (the agenda order, but for entries marked ``taken_up: end``);
    entries pinned to overlapping meetings are pinned alike."""
    previous: AgendaItem | None = None
    for entry in taken_up_order(meeting):
        if not entry.pin:
            continue
        if previous is not None and entry.pin != previous.pin and entry.pin[0] <= previous.pin[-1]:
            field = f"{entry.origin.field}.pin" if entry.origin else None
            if entry.pin[0] < previous.pin[0] or entry.pin[-1] < previous.pin[-1]:
                reason = (f"pins must follow the agenda order; to take item {previous.label} up at the end of the session, "
                          f"out of agenda order, give it taken_up: end, or pin item {entry.label} later")
            else:
                reason = "entries that share a plenary meeting must be pinned to the same plenary meetings"
            yield _problem(
                meeting,
                f"item {entry.label} is pinned to {plenary_meetings_phrase(entry.pin)}, but item {previous.label}, which comes "
                f"before it, is pinned to {plenary_meetings_phrase(previous.pin)}: {reason}",
                entry,
                field,
            )
        previous = entry


RULES: tuple[Rule, ...] = (rule_some_plenary_meeting, rule_within_resources, rule_pins_exist, rule_pins_in_agenda_order)


def check(meeting: Meeting) -> list[Problem]:
    """Every problem with the plan: the rules, then the layout of the agenda."""
    plenaries = plenary_meetings(meeting)
    problems = [problem for rule in RULES for problem in rule(meeting, plenaries)]
    if not problems:
        try:
            _lay_out(meeting, len(plenaries))
        except PlanError as error:
            problems.extend(error.problems)
    return problems


# --- the layout ----------------------------------------------------------------------------------------------


class _Block(Struct, frozen=True):
    """Consecutive entries laid out together in [start, end): pinned alike, or free between pins."""

    entries: tuple[AgendaItem, ...]
    start: Fraction
    end: Fraction
    pinned: bool


def _blocks(meeting: Meeting, count: int) -> list[_Block]:
    entries = list(taken_up_order(meeting))
    # The closing entries at the end of the agenda share the last plenary meeting unless told otherwise.
    pins = {id(e): e.pin for e in entries}
    for entry in reversed(entries):
        if entry.kind is not ItemKind.CLOSING or entry.pin or entry.share is not None:
            break
        pins[id(entry)] = (count,)
    groups: list[tuple[tuple[int, ...], list[AgendaItem]]] = []
    for entry in entries:
        pin = pins[id(entry)]
        if groups and groups[-1][0] == pin:
            groups[-1][1].append(entry)
        else:
            groups.append((pin, [entry]))
    blocks: list[_Block] = []
    for index, (pin, members) in enumerate(groups):
        if pin:
            start, end = Fraction(pin[0] - 1), Fraction(pin[-1])
        else:
            start = blocks[-1].end if blocks else Fraction(0)
            later = next((p for p, _ in groups[index + 1 :] if p), None)
            end = Fraction(later[0] - 1) if later else Fraction(count)
        blocks.append(_Block(tuple(members), start, end, bool(pin)))
    return blocks


def _shares(meeting: Meeting, block: _Block) -> list[Fraction]:
    """The share of each entry in a block: explicit shares first, the rest split equally."""
    available = block.end - block.start
    given = [e.share for e in block.entries]
    explicit = sum((s for s in given if s is not None), Fraction(0))
    open_entries = [i for i, e in enumerate(block.entries) if e.share is None]
    # Organizational and closing entries take no time of their own beside a substantive entry, even one
    # whose share is given; in a block without any substantive entry they share the time themselves.
    has_substantive = any(e.kind is ItemKind.SUBSTANTIVE for e in block.entries)
    sharing = [i for i in open_entries if block.entries[i].kind is ItemKind.SUBSTANTIVE or not has_substantive]
    remainder = available - explicit
    # Organizational entries alone before a pinned item (item 2 pinned to the 1st plenary meeting) open it
    # with no time of their own, as they would beside it.
    if remainder == 0 and all(block.entries[i].kind is ItemKind.ORGANIZATIONAL for i in sharing):
        sharing = []
    # Name the entries whose shares are given, and point at the first share: that is what to change.
    shared = [e for e in block.entries if e.share is not None] or list(block.entries)
    labels = join_list(f"item {e.label}" for e in shared) + (" is" if len(shared) == 1 else " are")
    where = _span_words(block)
    first = shared[0]
    share_field = f"{first.origin.field}.share" if first.origin and first.share is not None else None
    if remainder < 0:
        raise PlanError([_problem(
            meeting,
            f"the plan needs more plenary meetings than the resources allow: {labels} given "
            f"{figure(explicit)} plenary meetings, but {where} offer {figure(available)}",
            first,
            share_field,
        )])
    if not sharing:
        if remainder > 0:
            raise PlanError([_problem(
                meeting,
                f"the shares do not add up: {labels} given {figure(explicit)} of the {figure(available)} "
                f"plenary meetings that {where} offer; give the rest to an item or remove hours",
                first,
                share_field,
            )])
        return [s or Fraction(0) for s in given]
    parts = _split(remainder, len(sharing), exact=block.pinned)
    if parts is None:
        names = join_list(f"item {block.entries[i].label}" for i in sharing)
        raise PlanError([_problem(
            meeting,
            f"the plan needs more plenary meetings than the resources allow: {names}{' needs' if len(sharing) == 1 else ' need'} at least half a "
            f"plenary meeting{'' if len(sharing) == 1 else ' each'}, but {where} leave {figure(remainder)}; give shares, pin items or add hours",
            block.entries[sharing[0]],
        )])
    result = [s if s is not None else Fraction(0) for s in given]
    for index, part in zip(sharing, parts, strict=True):
        result[index] = part
    return result


def _split(total: Fraction, count: int, *, exact: bool) -> list[Fraction] | None:
    """Split ``total`` among ``count`` entries in half-meeting steps, the earlier entries taking the odd half."""
    halves = total * 2
    if halves.denominator == 1 and halves >= count:
        base, extra = divmod(int(halves), count)
        return [Fraction(base + (1 if i < extra else 0), 2) for i in range(count)]
    if exact or total / count >= HALF:
        return [total / count] * count
    return None


def _span_words(block: _Block) -> str:
    first, last = math.floor(block.start) + 1, math.ceil(block.end)
    if last < first:
        return f"the point before the {ordinal(first)} plenary meeting"
    return plenary_meetings_phrase(tuple(range(first, last + 1)))


def _lay_out(meeting: Meeting, count: int) -> list[tuple[AgendaItem, Fraction, Fraction]]:
    """Each entry with its interval [start, end) in plenary meetings, in agenda order."""
    intervals: list[tuple[AgendaItem, Fraction, Fraction]] = []
    position = Fraction(0)
    problems: list[Problem] = []
    previous: _Block | None = None
    blocks = _blocks(meeting, count)
    squeezed = False
    for index, block in enumerate(blocks):
        if _squeezed(block):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            problems.append(_no_room(meeting, block, previous, following))
            squeezed = True  # the plenary meetings it would have taken are empty: one problem, not two
            continue
        if block.start > position and not squeezed:
            gap = tuple(range(math.floor(position) + 1, math.ceil(block.start) + 1))
            # Name the items on either side of the empty plenary meetings, and what holds each in place.
            before = f"item {previous.entries[-1].label}{_held(previous)} ends before {'them' if len(gap) > 1 else 'it'} and " if previous else ""
            problems.append(_problem(
                meeting, f"{plenary_meetings_phrase(gap)} would have no agenda item: {before}item {block.entries[0].label}{_held(block)} "
                         f"starts after; pin or share the items around it", block.entries[0]))
        previous = block
        try:
            shares = _shares(meeting, block)
        except PlanError as error:
            problems.extend(error.problems)
            position = max(position, block.end)  # the block is wrong, not the plenary meetings after it
            continue
        position = block.start
        for entry, portion in zip(block.entries, shares, strict=True):
            intervals.append((entry, position, position + portion))
            position += portion
    if not problems and position < count:
        gap = tuple(range(math.floor(position) + 1, count + 1))
        problems.append(_problem(meeting, f"{plenary_meetings_phrase(gap)} would have no agenda item: the shares do not add up to the {count} plenary meetings", None, "agenda"))
    if problems:
        raise PlanError(problems)
    return intervals


def _squeezed(block: _Block) -> bool:
    """A free block whose neighbours' pins leave it less than nothing, or nothing for an entry that needs time."""
    if block.pinned:
        return False
    needs_time = any(e.kind is ItemKind.SUBSTANTIVE and e.share != 0 for e in block.entries)
    return block.end < block.start or (block.end == block.start and needs_time)


def _no_room(meeting: Meeting, block: _Block, previous: _Block | None, following: _Block | None) -> Problem:
    """Free entries caught between pinned blocks: name them, what holds each neighbour, and the ways out."""
    entries = [e for e in block.entries if e.kind is ItemKind.SUBSTANTIVE] or list(block.entries)
    one = len(entries) == 1
    names, it = join_list(f"item {e.label}" for e in entries), "it" if one else "they"
    sides = [f"after item {previous.entries[-1].label}{_held(previous)}" if previous else "",
             f"before item {following.entries[0].label}{_held(following).rstrip(',')}" if following else ""]
    between = " and ".join(side for side in sides if side)
    beside: dict[tuple[int, ...], list[str]] = {}
    for neighbour, entry in ((previous, -1), (following, 0)):
        if neighbour is not None:
            beside.setdefault(_span(neighbour), []).append(f"item {neighbour.entries[entry].label}")
    ways = [f"pin {'it' if one else 'them'} to {plenary_meetings_phrase(span)} beside {join_list(labels)}" for span, labels in beside.items()]
    ways.append("move a pin")
    if all(e.kind is ItemKind.SUBSTANTIVE and e.taken_up != "end" for e in entries):
        ways.append(f"give {names} taken_up: end to take {'it' if one else 'them'} up at the end of the session")
    return _problem(meeting, f"{names} {'has' if one else 'have'} no time: {it} {'comes' if one else 'come'} {between}, "
                             f"which {'leave no plenary meeting between' if previous and following else 'leaves none'}; "
                             f"{', '.join(ways[:-1])} or {ways[-1]}", entries[0])


def _span(block: _Block) -> tuple[int, ...]:
    """The plenary meetings (1-based) a block's interval covers."""
    return tuple(range(math.floor(block.start) + 1, max(math.ceil(block.end), math.floor(block.start) + 1) + 1))


def _held(block: _Block) -> str:
    """", pinned to the 8th plenary meeting", ", a closing item at the end of the agenda", or nothing."""
    entry = block.entries[0] if block.entries else None
    if entry is not None and entry.pin:
        return f", pinned to {plenary_meetings_phrase(entry.pin)},"
    if block.pinned:
        return ", one of the closing items that share the last plenary meeting,"
    return ""


def _members(start: Fraction, end: Fraction, count: int) -> Iterator[tuple[int, Fraction]]:
    """The plenary meetings (1-based) an interval falls in, with the share of each."""
    if end == start:  # an entry without time of its own sits in the plenary meeting where it begins
        yield min(math.floor(start), count - 1) + 1, Fraction(0)
        return
    for index in range(math.floor(start), math.ceil(end)):
        overlap = min(end, Fraction(index + 1)) - max(start, Fraction(index))
        if overlap > 0:
            yield index + 1, overlap


def schedule(meeting: Meeting) -> Schedule:
    """The organization of work, or PlanError listing every rule the plan breaks."""
    problems = check(meeting)
    if problems:
        raise PlanError(problems)
    plenaries = plenary_meetings(meeting)
    allocations: list[Allocation] = []
    for entry, start, end in _lay_out(meeting, len(plenaries)):
        # An entry without time of its own at the end of its pinned block stays in the last pinned meeting.
        last = entry.pin[-1] if entry.pin else len(plenaries)
        for order, (plenary, portion) in enumerate(_members(start, end, last)):
            allocations.append(Allocation(plenary=plenary, item=entry, share=portion, continued=order > 0))
    allocations.sort(key=lambda a: a.plenary)  # stable: agenda order within each plenary meeting
    return Schedule(meeting=meeting, plenaries=plenaries, allocations=tuple(allocations))
