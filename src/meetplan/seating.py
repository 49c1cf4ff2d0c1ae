"""The seat plan: who sits in the meeting room, who connects online, who waits for a seat. Pure.

Priority for the room: parties first, then the other categories in the report's order, then registration
order. A delegation that has used its quota of seats sends its further delegates online (it is already in the
room); once the room is full, further requests go to the waiting list, in priority order, ready for a seat
that is given back. Everyone appears exactly once.
"""

from __future__ import annotations

from meetplan.model import Attendance, Delegation, Format, Meeting, Participant, Placement, Seat, Seating, SeatPlan

HELD_ONLINE = "the meeting is held online"
ROOM_FULL = "the room is full"


def over_quota(quota: int) -> str:
    if quota == 0:
        return "its category has no seats in the room"
    if quota == 1:
        return "the delegation's seat in the room is taken"
    return f"the delegation's {quota} seats in the room are taken"


def plan_seats(participants: tuple[Participant, ...], seating: Seating | None, meeting_format: Format = Format.HYBRID) -> SeatPlan:
    """Place every participant: in the room, online or on the waiting list.

    Without seating (no ``participants.seats``), everyone who asks for a seat gets one. A meeting held
    online seats nobody.
    """
    requests = [p for p in participants if p.requested is Attendance.IN_PERSON]
    if meeting_format is Format.ONLINE:
        capacity = 0
    elif seating is None:
        capacity = len(requests)
    else:
        capacity = seating.capacity
    decided: dict[int, Seat] = {}  # by position in ``participants``, so the lists keep registration order
    position = {id(p): index for index, p in enumerate(participants)}
    taken = 0
    per_delegation: dict[Delegation, int] = {}
    for person in sorted(requests, key=lambda p: (p.delegation.category.rank, position[id(p)])):
        quota = seating.quota_for(person.delegation.category) if seating is not None else None
        used = per_delegation.get(person.delegation, 0)
        if meeting_format is Format.ONLINE:
            seat = Seat(participant=person, placement=Placement.ONLINE, reason=HELD_ONLINE)
        elif quota is not None and used >= quota:
            seat = Seat(participant=person, placement=Placement.ONLINE, reason=over_quota(quota))
        elif taken >= capacity:
            seat = Seat(participant=person, placement=Placement.WAITING, reason=ROOM_FULL)
        else:
            seat = Seat(participant=person, placement=Placement.ROOM)
            taken += 1
            per_delegation[person.delegation] = used + 1
        decided[position[id(person)]] = seat
    seats: list[Seat] = []
    waiting: list[Seat] = []
    for index, person in enumerate(participants):
        seat = decided.get(index) or Seat(participant=person, placement=Placement.ONLINE)
        (waiting if seat.placement is Placement.WAITING else seats).append(seat)
    # The waiting list is served in priority order, not registration order.
    waiting.sort(key=lambda s: (s.participant.delegation.category.rank, position[id(s.participant)]))
    return SeatPlan(capacity=capacity, seats=(*seats, *waiting))


def seat_plan(meeting: Meeting) -> SeatPlan:
    return plan_seats(meeting.participants, meeting.seating, meeting.format)
