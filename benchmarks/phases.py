"""One ``meetplan build`` in this process, timed by step, for finding which step grows faster than its input.

    .venv/bin/python benchmarks/phases.py benchmarks/work/M/meeting.yaml benchmarks/work/output/M

Prints one JSON object: seconds (wall clock, ``perf_counter``) by step: ``import`` (meetplan's command line and
what the build imports), the parts of the plan (``load``, ``schedule``, ``speakers``, ``seats``, ``report``), each
phase of rendering as the build names it (``annex``, ``calendar``, ``participants``, ``speakers``, ...),
``wait beside`` (the last phase waiting for the outputs rendered in second processes, forked.Beside, and counted
apart from that phase), ``write`` and ``total``. The cyclic garbage collector is off, as in the program. The build
runs as ``meetplan build`` does, through its command; the steps are timed by wrapping the functions it calls, so
nothing of the build is copied here. A step that calls another (``sized`` schedules again with
``speakers.size_shares``) includes its time.
"""

from __future__ import annotations

import contextlib
import gc
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
    import meetplan.forked
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
    meetplan.forked.Beside.result = timed("wait beside", meetplan.forked.Beside.result)  # type: ignore[method-assign]
    steps = meetplan.outputs.steps
    phases: list[str] = []

    def timed_steps(*args: Any, **kwargs: Any) -> list[tuple[str, Callable[[list[Any]], None]]]:
        found = steps(*args, **kwargs)
        phases[:] = [f"render {name}" for name, _ in found]
        return [(label, timed(label, run)) for label, (_, run) in zip(phases, found, strict=True)]

    meetplan.outputs.steps = timed_steps  # type: ignore[assignment]  # a wrapper of the same signature
    seconds["import"] = time.perf_counter() - STARTED
    gc.disable()  # as the meetplan program runs a command (meetplan.cli.run)
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # the files written, which would garble the JSON
            meetplan_main(["build", config, "--output", output], standalone_mode=False)
    finally:
        seconds["total"] = time.perf_counter() - STARTED
    if "wait beside" in seconds:  # the last phase waits for the second processes: their time is counted apart
        seconds[phases[-1]] -= seconds["wait beside"]
    json.dump(seconds, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
