"""One in-process run per step of a build, for finding where the time goes (indications, not benchmark figures).

    .venv/bin/python benchmarks/steps.py benchmarks/work/M/meeting.yaml benchmarks/work/output/M
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from meetplan.config import load
from meetplan.output import read_previous
from meetplan.render import running_order
from meetplan.render.participants_xlsx import render_participants_xlsx
from meetplan.render.speaker_calendars import render_speaker_calendars
from meetplan.render.speakers_xlsx import render_speakers_xlsx
from meetplan.scheduler import schedule
from meetplan.seating import seat_plan
from meetplan.speakers import speakers_list


def timed(label: str, step: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = step()
    print(f"{label}: {time.perf_counter() - start:.2f} s")
    return result


def main(config: str, previous_output: str) -> None:
    meeting = timed("load", lambda: load(config))
    plan = timed("schedule", lambda: schedule(meeting))
    seats = timed("seat plan", lambda: seat_plan(meeting))
    timed("participants.xlsx", lambda: render_participants_xlsx(plan, seats))
    speakers = timed("ordering the speakers", lambda: speakers_list(plan))
    timed("speakers.xlsx", lambda: render_speakers_xlsx(speakers))
    timed("running-order.docx", lambda: running_order.render_docx(speakers))
    timed("speakers' calendars, first build", lambda: render_speaker_calendars(speakers, lambda name: None))
    timed("speakers' calendars, over a previous build", lambda: render_speaker_calendars(speakers, read_previous(Path(previous_output))))


if __name__ == "__main__":
    main(*sys.argv[1:3])
