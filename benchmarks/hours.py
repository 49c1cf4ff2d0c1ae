"""Ranking the daily hours for 100,000 online registrations (issue 19: under a second).

    .venv/bin/python benchmarks/hours.py [--registrations 100000] [--grid 15] [--repeat 5]

The session: config/wgsom-2020.yaml's days and hours (two days, 10 a.m.-1 p.m. and 3-6 p.m. in Vienna). The
registrations: REGISTRATIONS people, all online, spread in turn over every State and organization of meetplan's
reference data (about 300 delegations in some 150 time zones), made in memory as the seat plan would give them.
The figure is hours.rank alone (counting participants per delegation, grouping the zones, trying every candidate
on the grid: 153 at 15 minutes), the configuration already read and scheduled; the median of the repeats and the
worst one are printed, with the best hours.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from meetplan import reference
from meetplan.hours import rank
from meetplan.model import Attendance, Delegation, DelegationCategory, Participant, Placement, Seat, SeatPlan
from meetplan.plan import plan
from meetplan.style import hours, join_list

ROOT = Path(__file__).resolve().parent.parent


def seat_plan(count: int) -> SeatPlan:
    """``count`` participants, all online, over every State and organization of the reference data in turn."""
    delegations = [Delegation(name=s.name, category=DelegationCategory.PARTY, group=s.group, time_zone=s.time_zone) for s in reference.states()]
    delegations += [Delegation(name=o.name, category=DelegationCategory.ORGANIZATION, group=None, time_zone=o.time_zone)
                    for o in reference.organizations()]
    seats = tuple(
        Seat(participant=Participant(given_name="Participant", family_name=str(index), title=None, delegation=delegations[index % len(delegations)],
                                     email=None, requested=Attendance.ONLINE, row=index + 2), placement=Placement.ONLINE)
        for index in range(count))
    return SeatPlan(capacity=0, seats=seats)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registrations", type=int, default=100_000)
    parser.add_argument("--grid", type=int, choices=(15, 30), default=15)
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    planned = plan(ROOT / "config" / "wgsom-2020.yaml")
    seats = seat_plan(arguments.registrations)
    times = []
    for _ in range(arguments.repeat):
        started = time.perf_counter()
        ranking = rank(planned.schedule, seats, grid=arguments.grid)
        times.append(time.perf_counter() - started)
    best = ranking.ranked[0]
    print(f"{ranking.online:,} online participants of {ranking.online_delegations} delegations, {len(ranking.ranked)} candidate hours; "
          f"best: {join_list(hours(span) for span in best.hours)}, {best.participants:,} participants at night")
    print(f"hours.rank: median {statistics.median(times):.3f} s, worst {max(times):.3f} s over {arguments.repeat} runs")


if __name__ == "__main__":
    main()
