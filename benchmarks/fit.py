"""Fitting the speaking limits of one agenda item with 10,000 inscriptions (issue 19: under a second).

    .venv/bin/python benchmarks/fit.py [--inscriptions 10000] [--repeat 5]

The session: four three-hour plenary meetings a day, weekends included, for as many days as give item 2 about
4 minutes a statement (for 10,000 statements, 57 days; item 2 takes all but the first and last plenary meetings).
Under item 2: 5 panellists, then INSCRIPTIONS statements (one in 20 on behalf of a group, one in five by an
organization, the rest by parties): at the usual limits (7, 5, 3) they take about 4.6 minutes each, more than
the time holds, and the fitted limits are found by the full binary search. Two figures, the configuration
already read and scheduled: ``fit`` alone (fit.fit), and the item's whole list as a build times it with
speakers.fit_limits (speakers._fitted: timed at the usual limits, fitted, timed again at the fitted ones). The
median of the repeats and the worst one are printed, with the fitted limits.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import statistics
import tempfile
import time
from pathlib import Path

from msgspec.structs import replace

from meetplan.config import load
from meetplan.fit import fit
from meetplan.model import Attendance, Delegation, DelegationCategory, Inscription
from meetplan.scheduler import schedule
from meetplan.speakers import _fitted, ordered, windows
from meetplan.style import figure

CONFIG = """\
meeting:
  body: Working Group on Benchmarks
  ordinal: 1
  symbol: BENCH/WG.1/2026/1
  venue: Vienna
  time_zone: Europe/Vienna
  issued: 2026-02-01
  plenary_meetings: {meetings}
days:
  first: 2026-03-02
  last: {last}
  weekends: true
  hours: ["09:00-12:00", "12:00-15:00", "15:00-18:00", "18:00-21:00"]
agenda:
  - title: Organizational matters
    sub_items: [Opening of the session, Adoption of the agenda and organization of work]
  - title: Review of implementation
  - title: Other matters
  - title: Adoption of the report
speakers:
  fit_limits: true
  items:
    2:
      panellists:
        - {{name: Panellist One, delegation: Austria}}
"""


def inscriptions(count: int) -> tuple[Inscription, ...]:
    """Five panellists and ``count`` statements by invented delegations (an organization every fifth)."""
    result = []
    for index in range(5):
        result.append(Inscription(item="2", panellist=True, name=f"Panellist {index + 1}", title=None, delegation=None,
                                  on_behalf_of=None, mode=Attendance.ONLINE, language="English", minutes=None, inscribed=None))
    for index in range(count):
        category = DelegationCategory.ORGANIZATION if index % 5 == 4 else DelegationCategory.PARTY
        delegation = Delegation(name=f"Delegation {index + 1}", category=category, group=None, time_zone="Europe/Vienna")
        result.append(Inscription(item="2", panellist=False, name=None, title=None, delegation=delegation,
                                  on_behalf_of="Group of 77 and China" if index % 20 == 0 else None, mode=Attendance.IN_PERSON,
                                  language="English", minutes=None, inscribed=None))
    return tuple(result)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inscriptions", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.yaml"
        days = math.ceil(arguments.inscriptions * 4 / 180 / 4) + 2
        last = dt.date(2026, 3, 2) + dt.timedelta(days=days - 1)
        path.write_text(CONFIG.format(meetings=days * 4, last=last.isoformat()), encoding="utf-8")
        meeting = load(path)
    assert meeting.speakers is not None
    plan = replace(meeting.speakers, inscriptions=inscriptions(arguments.inscriptions))
    scheduled = schedule(replace(meeting, speakers=plan))
    item = next(entry for entry in meeting.entries if entry.label == "2")
    spans = windows(scheduled, plan.opening_minutes)["2"]
    listed = ordered(plan, plan.inscriptions)
    fit_times, list_times = [], []
    for _ in range(arguments.repeat):
        started = time.perf_counter()
        fitting = fit(plan, listed, spans, applied=True)
        fit_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        timed = _fitted(scheduled, plan, item, plan.inscriptions, spans)
        list_times.append(time.perf_counter() - started)
    needed = "" if timed.fitting is not None else " (the usual limits fit: nothing to cut)"
    limits = ", ".join(f"{kind.value} {figure(fitting.usual_limit(kind))} to {figure(fitting.limit(kind))}" for kind, _ in fitting.counts)
    print(f"{len(plan.inscriptions):,} inscriptions under item 2, {figure(fitting.available)} minutes: {limits}; "
          f"{fitting.left_out:,} speakers left out{needed}")
    for name, times in (("fit.fit", fit_times), ("timed, fitted and re-timed", list_times)):
        print(f"{name}: median {statistics.median(times):.3f} s, worst {max(times):.3f} s over {arguments.repeat} runs")


if __name__ == "__main__":
    main()
