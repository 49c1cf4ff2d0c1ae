"""Properties of the re-plan, on random sessions and random records of progress (issue 16).

A session of 1-6 days of 1-3 plenary meetings, an agenda of organizational matters (two sub-items), 1 to 2(N-1)
substantive items and the two closing items; a record made by walking the agenda through the first k meetings,
each concluding some items and leaving the last one taken up open or not; sometimes a later meeting cancelled or
one added. Whenever the rest fits (else PlanError, and only then):

- the meetings held never change: each is the session's k-th meeting, with exactly the recorded entries, in order;
- the rest keeps its order: the entries under consideration first, then the others in the agenda's order, each
  starting no earlier than the one before it;
- every remaining plenary meeting takes up an entry;
- the number of changed assignments is never more than that of the rest laid out afresh, and an empty record
  changes none.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

from meetplan.config import parse
from meetplan.errors import PlanError
from meetplan.model import AddedMeeting, HeldMeeting, Hours, Meeting, Progress, TakenUp
from meetplan.replan import _rest, _session, replan
from meetplan.scheduler import plenary_meetings
from meetplan.yamlsource import load_yaml

FIRST = dt.date(2021, 3, 1)  # a Monday
HOURS = ["09:00-11:00", "11:30-13:00", "15:00-18:00"]


def meeting_text(days: int, per_day: int, substantive: int) -> str:
    items = "\n".join(f"  - title: Topic {n}" for n in range(substantive))
    return f"""\
meeting: {{body: Working Group on Properties, ordinal: 1, symbol: P/WG.1/2021/1, venue: Vienna, time_zone: Europe/Vienna,
          issued: 2021-01-04, plenary_meetings: {days * per_day + 1}}}
days: {{first: {FIRST}, last: {FIRST + dt.timedelta(days=days - 1)}, hours: {HOURS[:per_day]}, weekends: true}}
agenda:
  - title: Organizational matters
    sub_items: [Opening of the meeting, Adoption of the agenda and organization of work]
{items}
  - title: Other matters
  - title: Adoption of the report
"""


@st.composite
def sessions(draw: st.DrawFn) -> Meeting:
    days, per_day = draw(st.integers(1, 6)), draw(st.integers(1, 3))
    count = days * per_day
    if count < 2:
        per_day, count = 2, 2 * days
    substantive = draw(st.integers(1, 2 * (count - 1)))
    meeting = parse(load_yaml(meeting_text(days, per_day, substantive), "p.yaml"), "p.yaml")
    labels = [e.label for e in meeting.entries]
    cancelled = tuple(sorted(set(draw(st.lists(st.integers(1, count), max_size=2)))))
    added = ()
    if draw(st.booleans()):
        added = (AddedMeeting(date=FIRST + dt.timedelta(days=days), hours=Hours(start=dt.time(10), end=dt.time(13))),)
    slots = _session(meeting, Progress(file="r.yaml", held=(), cancelled=cancelled, added=added))
    held_count = draw(st.integers(0, len(slots)))
    # Cancelled meetings are never among the held ones: keep only cancellations after the last meeting held.
    planned = [(p.date, p.hours.start) for p in plenary_meetings(meeting)]
    held_ids = {(d, h.start) for d, h in slots[:held_count]}
    cancelled = tuple(n for n in cancelled if planned[n - 1] not in held_ids and all(planned[n - 1] > i for i in held_ids))
    slots = _session(meeting, Progress(file="r.yaml", held=(), cancelled=cancelled, added=added))
    held_count = min(held_count, len(slots))
    held: list[HeldMeeting] = []
    position = 0
    for number in range(held_count):
        if position >= len(labels):
            break
        take = draw(st.integers(1, 3))
        taken = labels[position : position + take]
        close_last = draw(st.booleans())
        concluded = taken[:-1] + (taken[-1:] if close_last else [])
        position += len(taken) - (0 if close_last else 1)
        date, span = slots[number]
        held.append(HeldMeeting(number=number + 1, date=date, hours=span,
                                taken_up=tuple(TakenUp(label=label, concluded=label in concluded) for label in taken)))
    return replace(meeting, progress=Progress(file="r.yaml", held=tuple(held), cancelled=cancelled, added=added))


@given(sessions())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_replan_keeps_the_meetings_held_and_the_order_with_fewest_changes(meeting: Meeting) -> None:
    """See the module's docstring."""
    assert meeting.progress is not None
    held = meeting.progress.held
    try:
        result = replan(meeting)
    except PlanError as error:
        # Refused only when the rest cannot fit: nothing left for meetings that remain, or too little time.
        assert len(error.problems) == 1 and error.problems[0].field == "held"
        return
    scheduled = result.schedule
    for number, record in enumerate(held, start=1):
        plenary = scheduled.plenaries[number - 1]
        assert (plenary.date, plenary.hours) == (record.date, record.hours)
        assert [a.item.label for a in scheduled.allocations_in(number)] == [t.label for t in record.taken_up]
    concluded = {t.label for record in held for t in record.taken_up if t.concluded}
    order = _rest(meeting, meeting.progress, concluded)
    later = [a for a in scheduled.allocations if a.plenary > len(held)]
    first_seen = {}
    for index, allocation in enumerate(later):
        first_seen.setdefault(allocation.item.label, (allocation.plenary, index))
    assert list(first_seen) == order
    assert all(scheduled.allocations_in(n) for n in range(len(held) + 1, len(scheduled.plenaries) + 1))
    assert result.changed <= result.from_scratch
    if not (held or meeting.progress.cancelled or meeting.progress.added):
        assert result.changed == 0  # an empty record leaves the plan as it was


_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 12), st.sampled_from(["2", "1 (a)", "1b", "2021-03-01 afternoon", "10:00-13:00", "", "x"]),
                     st.dates(dt.date(2021, 2, 25), dt.date(2021, 3, 9)))
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(["meeting", "taken_up", "concluded", "heard", "date", "hours", "other", "2"]), inner, max_size=4)),
    max_leaves=12)
_RECORDS = st.dictionaries(st.sampled_from(["held", "cancelled", "added", "notes"]), _VALUES, max_size=3)


@given(_RECORDS)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_record_is_read_or_refused_with_our_own_error(record: dict[str, object]) -> None:
    """Whatever a record holds, reading it and re-planning give a plan or meetplan's own located errors, never
    another exception."""
    import yaml

    from meetplan.config.progress import parse_progress
    from meetplan.errors import MeetplanError

    meeting = parse(load_yaml(meeting_text(2, 2, 2), "p.yaml"), "p.yaml")
    try:
        progress = parse_progress(load_yaml(yaml.safe_dump(record), "r.yaml"), "r.yaml", meeting)
        replan(replace(meeting, progress=progress))
    except MeetplanError as error:
        assert error.problems and all(str(problem).startswith("r.yaml") for problem in error.problems)
