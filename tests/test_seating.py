"""The seat plan: capacity, per-delegation quotas, priority, and who asked for a seat and did not get one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from meetplan.model import Attendance, Delegation, DelegationCategory, Format, Participant, Placement, Seating
from meetplan.seating import HELD_ONLINE, ROOM_FULL, over_quota, plan_seats

FRANCE = Delegation(name="France", category=DelegationCategory.PARTY, group="Western European and other States", time_zone="Europe/Paris")
PERU = Delegation(name="Peru", category=DelegationCategory.PARTY, group="Latin American and Caribbean States", time_zone="America/Lima")
CHINA = Delegation(name="China", category=DelegationCategory.NON_PARTY, group="Asia-Pacific States", time_zone="Asia/Shanghai")
IOM = Delegation(name="International Organization for Migration", category=DelegationCategory.ORGANIZATION, group=None, time_zone="Europe/Zurich")
QUOTA = ((DelegationCategory.PARTY, 2), (DelegationCategory.NON_PARTY, 1), (DelegationCategory.ORGANIZATION, 1))


def person(row: int, delegation: Delegation, requested: Attendance = Attendance.IN_PERSON) -> Participant:
    return Participant(given_name="Given", family_name=f"Person{row}", title=None, delegation=delegation, email=None, requested=requested, row=row)


def placements(plan) -> dict[int, tuple[Placement, str | None]]:  # type: ignore[no-untyped-def]
    return {seat.participant.row: (seat.placement, seat.reason) for seat in plan.seats}


def test_room_full_sends_the_later_requests_to_the_waiting_list() -> None:
    """With 2 seats, the first two requests (parties before organizations) sit and the rest wait."""
    people = (person(2, IOM), person(3, FRANCE), person(4, PERU), person(5, CHINA), person(6, FRANCE, Attendance.ONLINE))
    plan = plan_seats(people, Seating(capacity=2, quota=QUOTA))
    assert placements(plan) == {
        3: (Placement.ROOM, None),
        4: (Placement.ROOM, None),
        6: (Placement.ONLINE, None),
        5: (Placement.WAITING, ROOM_FULL),
        2: (Placement.WAITING, ROOM_FULL),
    }
    # The waiting list is in the order seats will be offered: the non-party State before the organization.
    assert [seat.participant.row for seat in plan.placed(Placement.WAITING)] == [5, 2]
    assert [seat.participant.row for seat in plan.not_seated] == [5, 2]


def test_delegation_over_quota_follows_online() -> None:
    """A party's third delegate connects online although seats are free; the plan says why."""
    people = (person(2, FRANCE), person(3, FRANCE), person(4, FRANCE), person(5, CHINA), person(6, CHINA))
    plan = plan_seats(people, Seating(capacity=50, quota=QUOTA))
    assert placements(plan) == {
        2: (Placement.ROOM, None),
        3: (Placement.ROOM, None),
        4: (Placement.ONLINE, over_quota(2)),
        5: (Placement.ROOM, None),
        6: (Placement.ONLINE, over_quota(1)),
    }
    assert over_quota(2) == "the delegation's 2 seats in the room are taken"
    assert over_quota(1) == "the delegation's seat in the room is taken"


def test_online_meeting_seats_nobody() -> None:
    """When the meeting is held online, every request for a seat is reported as not met."""
    people = (person(2, FRANCE), person(3, CHINA, Attendance.ONLINE))
    plan = plan_seats(people, Seating(capacity=100, quota=QUOTA), Format.ONLINE)
    assert placements(plan) == {2: (Placement.ONLINE, HELD_ONLINE), 3: (Placement.ONLINE, None)}


def test_everyone_asking_online_leaves_the_room_empty() -> None:
    """Nobody asked for a seat: nobody is in the room and nobody is reported as not seated."""
    people = tuple(person(row, FRANCE, Attendance.ONLINE) for row in range(2, 6))
    plan = plan_seats(people, Seating(capacity=10))
    assert (len(plan.placed(Placement.ROOM)), len(plan.placed(Placement.ONLINE)), plan.not_seated) == (0, 4, ())


def test_parties_have_priority_over_earlier_observers() -> None:
    """An organization that registered first still yields the last seat to a party."""
    people = (person(2, IOM), person(3, PERU))
    plan = plan_seats(people, Seating(capacity=1))
    assert placements(plan) == {3: (Placement.ROOM, None), 2: (Placement.WAITING, ROOM_FULL)}


def test_without_seating_everyone_who_asks_sits() -> None:
    people = (person(2, FRANCE), person(3, FRANCE), person(4, FRANCE))
    plan = plan_seats(people, None)
    assert [seat.placement for seat in plan.seats] == [Placement.ROOM] * 3


DELEGATIONS = (FRANCE, PERU, CHINA, IOM)


@given(
    requests=st.lists(st.tuples(st.integers(0, 3), st.booleans()), max_size=40),
    capacity=st.integers(0, 20),
    quotas=st.tuples(st.integers(0, 4), st.integers(0, 4), st.integers(0, 4)),
)
def test_seat_plan_invariants(requests: list[tuple[int, bool]], capacity: int, quotas: tuple[int, int, int]) -> None:
    """Everyone once; never over capacity or quota; a reason exactly for unmet requests; no idle seat while people wait."""
    people = tuple(person(row, DELEGATIONS[index], Attendance.IN_PERSON if wish else Attendance.ONLINE)
                   for row, (index, wish) in enumerate(requests, start=2))
    seating = Seating(capacity=capacity, quota=tuple(zip((DelegationCategory.PARTY, DelegationCategory.NON_PARTY, DelegationCategory.ORGANIZATION), quotas, strict=True)))
    plan = plan_seats(people, seating)
    assert sorted(seat.participant.row for seat in plan.seats) == [p.row for p in people]
    room = plan.placed(Placement.ROOM)
    assert len(room) <= capacity
    for delegation in DELEGATIONS:
        quota = seating.quota_for(delegation.category)
        assert quota is None or sum(s.participant.delegation == delegation for s in room) <= quota
    for seat in plan.seats:
        asked = seat.participant.requested is Attendance.IN_PERSON
        assert (seat.reason is not None) == (asked and seat.placement is not Placement.ROOM)
    if plan.placed(Placement.WAITING):
        assert len(room) == capacity
