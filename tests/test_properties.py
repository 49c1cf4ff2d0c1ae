"""Properties of the scheduler and the configuration reader, on random meetings written as YAML.

Valid meetings (1-15 days, 1-4 plenary meetings a day, 1-30 items, random shares and pins) always schedule:
every item in agenda order, no plenary meeting over-full, "(continued)" exactly where an item appeared before,
and the same result twice. Invalid ones raise meetplan's own error and nothing else.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from fractions import Fraction

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetplan.config import DAYS_KEYS, ITEM_KEYS, MEETING_KEYS, TOP_KEYS, parse
from meetplan.errors import MeetplanError
from meetplan.model import Meeting, Schedule
from meetplan.render.annex import render_markdown
from meetplan.scheduler import schedule
from meetplan.yamlsource import load_yaml

HOURS = ["08:00-09:30", "10:00-13:00", "15:00-18:00", "19:00-21:00"]
FIRST = dt.date(2021, 3, 1)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@dataclass(frozen=True)
class Plan:
    """A random valid meeting: its YAML, and the shares and pins it gives, by agenda position."""

    text: str
    shares: dict[int, Fraction]
    pins: dict[int, tuple[int, ...]]


def _halves(draw: st.DrawFn, total: Fraction, count: int) -> list[Fraction]:
    """``count`` explicit shares in half-meeting steps that add up to at most ``total``."""
    shares = []
    left = total
    for _ in range(count):
        share = Fraction(draw(st.integers(0, int(left * 2))), 2)
        shares.append(share)
        left -= share
    return shares


@st.composite
def valid_plans(draw: st.DrawFn) -> Plan:
    """Days and hours, then the plenary meetings cut into blocks, each taking a run of items, some pinned."""
    days = draw(st.integers(1, 15))
    per_day = draw(st.integers(1, 4))
    count = days * per_day
    items = draw(st.integers(1, min(30, 2 * count)))
    # Cut the plenary meetings and the items into the same number of consecutive blocks, each block's items
    # fitting half a plenary meeting each.
    blocks = draw(st.integers(1, min(count, items)))
    meeting_cuts = sorted(draw(st.lists(st.integers(1, count - 1), min_size=blocks - 1, max_size=blocks - 1, unique=True))) if blocks > 1 else []
    meeting_bounds = [0, *meeting_cuts, count]
    sizes = [meeting_bounds[i + 1] - meeting_bounds[i] for i in range(blocks)]
    item_counts = [1] * blocks
    for _ in range(items - blocks):
        room = [i for i in range(blocks) if item_counts[i] < 2 * sizes[i]]
        item_counts[draw(st.sampled_from(room))] += 1
    shares: dict[int, Fraction] = {}
    pins: dict[int, tuple[int, ...]] = {}
    position = 0
    for block in range(blocks):
        members = list(range(position, position + item_counts[block]))
        position += item_counts[block]
        if draw(st.booleans()):
            pins |= dict.fromkeys(members, tuple(range(meeting_bounds[block] + 1, meeting_bounds[block + 1] + 1)))
        explicit = draw(st.lists(st.sampled_from(members), unique=True, max_size=len(members)))
        open_count = len(members) - len(explicit)
        capacity = Fraction(sizes[block]) - Fraction(open_count, 2)
        given = _halves(draw, capacity, len(explicit))
        if open_count == 0 and given:
            given[-1] += capacity - sum(given)  # every item has a share: together they fill the block
        shares |= dict(zip(explicit, given, strict=True))
    lines = [
        "meeting:",
        "  body: Working Group on the Smuggling of Migrants",
        "  ordinal: 9",
        "  symbol: CTOC/COP/WG.7/2021/1",
        "  venue: Vienna",
        "  time_zone: Europe/Vienna",
        "  issued: 2021-01-15",
        f"  plenary_meetings: {count + draw(st.integers(0, 3))}",
        "days:",
        f"  first: {FIRST}",
        f"  last: {FIRST + dt.timedelta(days=days - 1)}",
        f"  hours: {json.dumps(HOURS[:per_day])}",
        "  weekends: true",
        "agenda:",
    ]
    for index in range(items):
        lines.append(f"  - title: Topic number {index + 1}")
        if index in shares:
            lines.append(f"    share: {float(shares[index])}")
        if index in pins:
            lines.append(f"    pin: {list(pins[index])}")
    return Plan(text="\n".join(lines) + "\n", shares=shares, pins=pins)


def read(text: str) -> Meeting:
    return parse(load_yaml(text, "meeting.yaml"), "meeting.yaml")


def check_invariants(plan: Plan, result: Schedule) -> None:
    entries = list(result.meeting.entries)
    order = [entries.index(a.item) for a in result.allocations]
    assert order == sorted(order), "items out of agenda order"
    assert sorted(set(order)) == list(range(len(entries))), "an item is missing"
    for plenary in result.plenaries:
        assert sum(a.share for a in result.allocations_in(plenary.number)) <= 1
    seen = set()
    for allocation in result.allocations:
        assert allocation.continued == (allocation.item in seen)
        seen.add(allocation.item)
    for index, share in plan.shares.items():
        assert sum(a.share for a in result.allocations if a.item == entries[index]) == share
    for index, pin in plan.pins.items():
        assert {a.plenary for a in result.allocations if a.item == entries[index]} <= set(pin)


@SETTINGS
@given(valid_plans())
def test_valid_meeting_always_schedules_with_its_invariants(plan: Plan) -> None:
    """A random valid meeting schedules: all items in order, no over-full plenary meeting, shares and pins kept."""
    check_invariants(plan, schedule(read(plan.text)))


@SETTINGS
@given(valid_plans())
def test_valid_meeting_schedules_the_same_twice(plan: Plan) -> None:
    """Reading and scheduling the same text twice gives equal schedules and the same annex bytes."""
    first, second = schedule(read(plan.text)), schedule(read(plan.text))
    assert first == second
    assert render_markdown(first) == render_markdown(second)


def only_our_error(text: str) -> None:
    """Reading and scheduling ``text`` succeeds or raises MeetplanError; any other exception fails the test."""
    try:
        schedule(read(text))
    except MeetplanError as error:
        assert error.problems
        assert all("\n" not in str(problem) for problem in error.problems)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A valid meeting's text with a slice replaced by random text."""
    text = draw(valid_plans()).text
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, min(len(text), start + 40)))
    junk = draw(st.text(alphabet=st.sampled_from(list(":-[]{}#&*!|>'\"%@`,? \n\t0123456789abcxyz.\\")) | st.characters(), max_size=20))
    return text[:start] + junk + text[end:]


KEYS = st.sampled_from([*TOP_KEYS, *MEETING_KEYS, *DAYS_KEYS, *ITEM_KEYS, "<<", "x"])
SCALARS = st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.floats() | st.text(max_size=12) | st.dates() | st.datetimes()
STRUCTURES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5), max_leaves=25)


@SETTINGS
@given(mutated())
def test_mutated_meeting_raises_only_meetplan_errors(text: str) -> None:
    """A valid meeting with a random slice of text replaced is accepted or refused with MeetplanError."""
    only_our_error(text)


@SETTINGS
@given(st.dictionaries(st.sampled_from(TOP_KEYS), STRUCTURES, max_size=4))
def test_random_structures_raise_only_meetplan_errors(data: dict[str, object]) -> None:
    """Any YAML built from the configuration's own keys and random values is accepted or refused with MeetplanError."""
    only_our_error(yaml.safe_dump(data, allow_unicode=True))


@SETTINGS
@given(st.text(max_size=200))
def test_random_text_raises_only_meetplan_errors(text: str) -> None:
    """Any text at all is accepted or refused with MeetplanError."""
    only_our_error(text)
