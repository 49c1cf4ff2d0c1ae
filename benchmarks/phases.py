"""One ``meetplan build`` in this process, timed by step, for finding which step grows faster than its input.

    .venv/bin/python benchmarks/phases.py benchmarks/work/M/meeting.yaml benchmarks/work/output/M

Prints one JSON object: seconds (wall clock, ``perf_counter``) by step: ``import`` (meetplan's command line and
what the build imports), the parts of the plan (``load``, ``schedule``, ``speakers``, ``seats``, ``report``), each
phase of rendering as the build names it (``annex``, ``calendar``, ``participants``, ``speakers``, ...), ``write``
and ``total``. The build runs as ``meetplan build`` does, through its command; the steps are timed by wrapping
the functions it calls, so nothing of the build is copied here. A step that calls another (``sized`` schedules
again with ``speakers.size_shares``) includes its time.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import time
from collections.abc import Callable
from typing import Any

STARTED = time.perf_counter()
seconds: dict[str, float] = {}


def timed(label: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            seconds[label] = seconds.get(label, 0.0) + time.perf_counter() - start

    return run


def main(config: str, output: str) -> None:
    import meetplan.config
    import meetplan.output
    import meetplan.outputs
    import meetplan.report
    import meetplan.scheduler
    import meetplan.seating
    import meetplan.speakers
    from meetplan.cli import main as meetplan_main

    # The plan and the build import these inside their functions, so the wrapped ones are what they call.
    for module, name, label in ((meetplan.config, "load", "load"), (meetplan.scheduler, "schedule", "schedule"),
                                (meetplan.speakers, "speakers_list", "speakers"), (meetplan.seating, "seat_plan", "seats"),
                                (meetplan.report, "build_report", "report"), (meetplan.output, "write_artifacts", "write")):
        setattr(module, name, timed(label, getattr(module, name)))
    steps = meetplan.outputs.steps

    def timed_steps(*args: Any, **kwargs: Any) -> list[tuple[str, Callable[[list[Any]], None]]]:
        return [(name, timed(f"render {name}", run)) for name, run in steps(*args, **kwargs)]

    meetplan.outputs.steps = timed_steps  # type: ignore[assignment]  # a wrapper of the same signature
    seconds["import"] = time.perf_counter() - STARTED
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # the files written, which would garble the JSON
            meetplan_main(["build", config, "--output", output], standalone_mode=False)
    finally:
        seconds["total"] = time.perf_counter() - STARTED
    json.dump(seconds, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
