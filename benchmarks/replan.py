"""The re-plan of a two-week, 40-meeting session from a record of progress (issue 16: under a second).

    .venv/bin/python benchmarks/replan.py [--repeat 5]

The session: ten working days (Monday 2 to Friday 13 March 2026) with four plenary meetings a day, 40 in all;
an agenda of organizational matters (two sub-items), 30 substantive items and the two closing items. The record:
the first 12 plenary meetings held, item 9 running over into the 13th, one meeting cancelled and one added.
The figure is the re-plan alone (replan.replan: the baseline schedule, the dynamic programme and the new
schedule), the configuration already read; the median of the repeats and the worst one are printed, with the
number of changed assignments against the plan from the configuration alone and against a re-plan from scratch.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from meetplan.config import load
from meetplan.replan import replan

ITEMS = 30

CONFIG = """\
meeting:
  body: Working Group on Benchmarks
  ordinal: 1
  symbol: BENCH/WG.1/2026/1
  venue: Vienna
  time_zone: Europe/Vienna
  issued: 2026-02-01
  revision: 1
  plenary_meetings: 41
days:
  first: 2026-03-02
  last: 2026-03-13
  hours: ["09:00-11:00", "11:00-13:00", "15:00-17:00", "17:00-19:00"]
agenda:
  - title: Organizational matters
    sub_items: [Opening of the session, Adoption of the agenda and organization of work]
{items}
  - title: Other matters
  - title: Adoption of the report
progress: record.yaml
"""


def record() -> str:
    """12 meetings held: item n (n = 2 ... 9) takes about a meeting and a half, item 9 runs over into the 13th."""
    lines = ["held:"]
    item = 2
    for number in range(1, 13):
        taken = (['"1 (a)"', '"1 (b)"'] if number == 1 else []) + [str(item)]
        concluded = (['"1 (a)"', '"1 (b)"'] if number == 1 else [])
        if number % 3 != 1 and number != 12:  # every third meeting an item continues
            concluded.append(str(item))
            item += 1
            taken.append(str(item))
        lines.append(f"  - {{taken_up: [{', '.join(taken)}], concluded: [{', '.join(concluded)}]}}")
    lines += ["cancelled: [2026-03-11 17:00]", "added:", '  - {date: 2026-03-14, hours: "10:00-13:00"}']
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        items = "\n".join(f"  - title: Substantive topic {n}" for n in range(2, ITEMS + 2))
        path = Path(folder) / "session.yaml"
        path.write_text(CONFIG.format(items=items), encoding="utf-8")
        (Path(folder) / "record.yaml").write_text(record(), encoding="utf-8")
        meeting = load(path)
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        result = replan(meeting)
        times.append(time.perf_counter() - start)
    plenaries = len(result.schedule.plenaries)
    print(f"re-plan of {plenaries} plenary meetings ({len(meeting.progress.held) if meeting.progress else 0} held), "
          f"{len(meeting.entries)} agenda entries: median {statistics.median(times):.3f} s, worst {max(times):.3f} s "
          f"over {args.repeat} runs")
    print(f"changed assignments: {result.changed} (laid out afresh: {result.from_scratch})")


if __name__ == "__main__":
    main()
