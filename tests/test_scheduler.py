"""The scheduler's default, its overrides, and the rules that refuse a plan, each explaining itself."""

from __future__ import annotations

from fractions import Fraction

import pytest

from meetplan.config import load
from meetplan.errors import PlanError
from meetplan.scheduler import schedule

from conftest import ROOT

TWO_DAYS = 'days: {first: 2022-09-06, last: 2022-09-07, hours: ["10:00-13:00", "15:00-18:00"]}\n'
THREE_DAYS = 'days: {first: 2022-09-06, last: 2022-09-08, hours: ["10:00-13:00", "15:00-18:00"]}\n'


def agenda(*entries: str) -> str:
    return "agenda:\n  - title: Organizational matters\n    sub_items: [Opening of the meeting, Adoption of the agenda]\n" + "".join(
        f"  - {entry}\n" for entry in entries
    )


def placed(path) -> list[tuple[int, str, Fraction]]:  # type: ignore[no-untyped-def]
    return [(a.plenary, a.item.label, a.share) for a in schedule(load(path)).allocations]


def problems(path) -> list[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(PlanError) as caught:
        schedule(load(path))
    return [str(problem) for problem in caught.value.problems]


def test_seed_2019_allocation() -> None:
    """2019: items 2 and 3 get two plenary meetings each; 4 and 5 share the 5th."""
    assert [(p, label) for p, label, _ in placed(ROOT / "config" / "wgsom-2019.yaml")] == [
        (1, "1 (a)"), (1, "1 (b)"), (1, "2"), (2, "2"), (3, "3"), (4, "3"), (5, "4"), (5, "5"),
    ]  # fmt: skip


def test_three_items_over_five_meetings_take_half_steps(write_config) -> None:  # type: ignore[no-untyped-def]
    """Three substantive items over five plenary meetings: 2, 1.5 and 1.5, the earlier item taking the odd half."""
    path = write_config(THREE_DAYS, limit=6, agenda=agenda("title: A", "title: B", "title: C", "title: Other matters", "title: Adoption of the report"))
    shares: dict[str, Fraction] = {}
    for _, label, share in placed(path):
        shares[label] = shares.get(label, Fraction(0)) + share
    assert (shares["2"], shares["3"], shares["4"]) == (Fraction(2), Fraction(3, 2), Fraction(3, 2))


def test_items_pinned_alike_share_their_meeting(write_config) -> None:  # type: ignore[no-untyped-def]
    """Three items pinned to the same plenary meeting split it in three."""
    path = write_config(TWO_DAYS, agenda=agenda("title: A", "{title: B, pin: 3}", "{title: C, pin: 3}", "{title: D, pin: 3}", "title: Adoption of the report"))
    assert [(p, label, share) for p, label, share in placed(path) if p == 3] == [(3, "3", Fraction(1, 3)), (3, "4", Fraction(1, 3)), (3, "5", Fraction(1, 3))]


def test_too_many_meetings_for_the_resources(write_config) -> None:  # type: ignore[no-untyped-def]
    """Hours that give more plenary meetings than the resources allow are refused, naming both numbers."""
    path = write_config(THREE_DAYS, limit=4)
    assert problems(path) == [f"{path}:9: days: the days and hours give 6 plenary meetings, but the resources allow 4 (meeting.plenary_meetings); remove hours or add an exception day"]


def test_shares_beyond_the_available_meetings(write_config) -> None:  # type: ignore[no-untyped-def]
    """Shares that need more plenary meetings than there are name the items and both totals."""
    path = write_config(TWO_DAYS, agenda=agenda("{title: A, share: 2}", "{title: B, share: 2}", "title: Other matters"))
    assert problems(path) == [
        f"{path}:13: agenda[2].share: the plan needs more plenary meetings than the resources allow: "
        "item 2 and item 3 are given 4 plenary meetings, but the 1st, 2nd and 3rd plenary meetings offer 3"
    ]


def test_shares_that_leave_a_meeting_empty(write_config) -> None:  # type: ignore[no-untyped-def]
    """Explicit shares that leave time over are refused: a plenary meeting would have no item."""
    path = write_config(TWO_DAYS, agenda=agenda("{title: A, share: 1}", "{title: B, share: 1}", "title: Other matters"))
    assert problems(path) == [
        f"{path}:13: agenda[2].share: the shares do not add up: item 2 and item 3 are given 2 of the 3 "
        "plenary meetings that the 1st, 2nd and 3rd plenary meetings offer; give the rest to an item or remove hours"
    ]


def test_pins_against_the_agenda_order(write_config) -> None:  # type: ignore[no-untyped-def]
    """An item pinned before the item that precedes it in the agenda is refused."""
    path = write_config(TWO_DAYS, agenda=agenda("{title: A, pin: 3}", "{title: B, pin: 2}", "title: Other matters"))
    assert problems(path) == [
        f"{path}:14: agenda[3].pin: item 3 is pinned to the 2nd plenary meeting, but item 2, which comes before it, "
        "is pinned to the 3rd plenary meeting: pins must follow the agenda order; to take item 2 up at the end of the session, out of agenda order, give it taken_up: end, or pin item 3 later"
    ]


def test_pin_beyond_the_last_meeting(write_config) -> None:  # type: ignore[no-untyped-def]
    """A pin to a plenary meeting that does not exist names how many there are."""
    path = write_config(TWO_DAYS, agenda=agenda("{title: A, pin: [4, 5]}", "title: Other matters"))
    assert problems(path) == [f"{path}:13: agenda[2].pin: item 2 is pinned to the 4th and 5th plenary meetings, but there are only 4"]


def test_too_many_items_for_half_meetings(write_config) -> None:  # type: ignore[no-untyped-def]
    """The default gives each substantive item at least half a plenary meeting, or refuses the plan."""
    items = [f"title: Topic {n}" for n in range(1, 8)]
    path = write_config(TWO_DAYS, agenda=agenda(*items, "title: Adoption of the report"))
    assert problems(path) == [
        f"{path}:13: agenda[2]: the plan needs more plenary meetings than the resources allow: item 2, item 3, item 4, "
        "item 5, item 6, item 7 and item 8 need at least half a plenary meeting each, but the 1st, 2nd and 3rd "
        "plenary meetings leave 3; give shares, pin items or add hours"
    ]
