"""meetplan's benchmark: whole processes, timed and weighed, for meetings of three sizes and one of 50,000 inscriptions.

    .venv/bin/pip install -r benchmarks/requirements.txt   # pandas, for the to_excel comparison
    .venv/bin/python benchmarks/run.py                      # S, M, L, I; about 11 minutes on 2 cores
    .venv/bin/python benchmarks/run.py --sizes S M --runs 3
    .venv/bin/python benchmarks/run.py --quick              # --help and S once: a smoke test
    .venv/bin/python benchmarks/run.py --scaling --runs 3   # S against its floor; each input at three sizes

Each figure is the median wall-clock time of ``--runs`` runs after one warm-up, each run a new process
(``meetplan build`` as a user types it); the peak memory is the largest resident set of those processes, from
the kernel's own accounting (os.wait4). Builds rebuild over the previous output, as in the weeks before a
meeting. The ratios for L's participants.xlsx are measured in the same run, side by side: meetplan rendering it
alone (benchmarks/participants_only.py), a plain openpyxl write-only script writing the same cells
(benchmarks/plain_openpyxl.py), and pandas' DataFrame.to_excel (benchmarks/pandas_to_excel.py).

``--scaling`` measures instead (issue 20) the S build against its floor, both writing into an empty folder,
side by side: a process that imports what a build imports and writes the same bytes to the same files
(benchmarks/floor.py); and each input (registrations, agenda items, days, inscriptions; generate.SCALING) at three
sizes, the others as at M, with the log-log slope of the build's time between the middle and the largest size,
and the same slope for each step of the build timed in-process (benchmarks/phases.py), to show which step grows.

The box is shared: before each size the runner waits (up to ``--wait`` seconds) until the 1-minute load average
is below ``--max-load``, and records the load it measured under.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import SCALING, SHIPPED, WORK, config_for, english_only, generate, scaled  # noqa: E402  (the benchmark's own module, beside this file)

PYTHON = sys.executable
FLOOR_TARGET = 1.5  # issue 20: S within 1.5 times its floor
EXPONENT_TARGET = 1.1  # issue 20: no input's build grows faster than this between its middle and largest size
STEP_FLOOR_SECONDS = 0.02  # steps shorter than this at the largest size are noise, not a trend
MEETPLAN = Path(PYTHON).parent / "meetplan"


@dataclass
class Measure:
    label: str
    seconds: list[float] = field(default_factory=list)
    peak_mb: float = 0.0
    load: float = 0.0

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def meetplan_command(*args: str) -> list[str]:
    # The console script a user runs; `python -m meetplan` where it is not installed as one.
    return [str(MEETPLAN), *args] if MEETPLAN.exists() else [PYTHON, "-m", "meetplan", *args]


def run_once(command: list[str]) -> tuple[float, float]:
    """Wall-clock seconds and peak resident memory (MB) of one process; its output is discarded."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    errors = process.stderr.read()  # read before waiting: a full pipe would stall the process
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{errors.decode(errors='replace')}")
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is in kilobytes on Linux


def measure(label: str, command: list[str], runs: int, warm_up: bool = True) -> Measure:
    result = Measure(label=label, load=os.getloadavg()[0])
    if warm_up:
        run_once(command)
    for _ in range(runs):
        seconds, peak = run_once(command)
        result.seconds.append(seconds)
        result.peak_mb = max(result.peak_mb, peak)
    print(f"  {label}: median {result.median:.3f} s of {runs} ({', '.join(f'{s:.2f}' for s in result.seconds)}); "
          f"peak {result.peak_mb:.0f} MB; load {result.load:.2f}", flush=True)
    return result


def side_by_side(commands: dict[str, list[str]], runs: int, prepare: Callable[[], None] = lambda: None) -> dict[str, Measure]:
    """Each command timed ``runs`` times after one warm-up, interleaved run by run, so that a change in the
    machine's load touches all of them alike; ``prepare`` runs (untimed) before every process."""
    side = {label: Measure(label=label, load=os.getloadavg()[0]) for label in commands}
    for command in commands.values():
        prepare()
        run_once(command)  # warm-up
    for _ in range(runs):
        for label, command in commands.items():
            prepare()
            seconds, peak = run_once(command)
            side[label].seconds.append(seconds)
            side[label].peak_mb = max(side[label].peak_mb, peak)
    for item in side.values():
        print(f"  {item.label}: median {item.median:.3f} s ({', '.join(f'{s:.2f}' for s in item.seconds)}); peak {item.peak_mb:.0f} MB", flush=True)
    return side


def against_floor(work: Path, runs: int, config: Path = SHIPPED, label: str = "S") -> dict[str, float]:
    """S built into an empty folder, side by side with its floor (benchmarks/floor.py) writing the same files."""
    folder = work / f"floor-{label.replace(' ', '-')}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    modules, snapshot, built, floored = folder / "modules.json", folder / "snapshot", folder / "build", folder / "floor"
    run_once([PYTHON, str(HERE / "floor.py"), "record", str(config), str(snapshot), str(modules)])
    commands = {
        f"{label} build, into an empty folder": meetplan_command("build", str(config), "--output", str(built)),
        f"{label} floor: its imports and its bytes written": [PYTHON, str(HERE / "floor.py"), "write", str(modules), str(snapshot), str(floored)],
    }

    def empty() -> None:
        for output in (built, floored):
            shutil.rmtree(output, ignore_errors=True)

    print(f"{label} against its floor (benchmarks/floor.py), side by side: {config}", flush=True)
    side = side_by_side(commands, runs, empty)
    build, floor = (item.median for item in side.values())
    print(f"  ratio {label} / floor: {build / floor:.2f} (target <= {FLOOR_TARGET})", flush=True)
    return {"build": build, "floor": floor, "ratio": build / floor}


def exponent(sizes: tuple[int, int], seconds: tuple[float, float]) -> float:
    """The log-log slope between two sizes: 1 is linear, 2 quadratic."""
    return math.log(seconds[1] / seconds[0]) / math.log(sizes[1] / sizes[0])


def step_seconds(config: Path, output: Path, runs: int) -> dict[str, float]:
    """Each step's least time over ``runs`` builds timed in-process (benchmarks/phases.py): the least, because a
    step of tens of milliseconds only ever gets slower when the box is busy."""
    found: dict[str, float] = {}
    for _ in range(runs):
        timed = subprocess.run([PYTHON, str(HERE / "phases.py"), str(config), str(output)], capture_output=True, check=True)
        for step, seconds in json.loads(timed.stdout).items():
            found[step] = min(seconds, found.get(step, seconds))
    return found


def scaling(work: Path, runs: int, max_load: float, wait: float) -> dict[str, object]:
    """Each input of SCALING at its three sizes, the others as at M: the median build (over the previous output,
    as in practice) and each step's time (step_seconds), with the exponents between the middle and the largest
    size."""
    results: dict[str, object] = {}
    for name, sizes in SCALING.items():
        wait_for_quiet(max_load, wait)
        print(f"{name}: {', '.join(f'{size:,}' for size in sizes)}", flush=True)
        output = work / "output" / "scaling" / name
        medians: list[float] = []
        steps: list[dict[str, float]] = []
        for size in sizes:
            config = generate(scaled(name, size), work)
            shutil.rmtree(output, ignore_errors=True)
            medians.append(measure(f"{name} {size:,} build", meetplan_command("build", str(config), "--output", str(output)), runs).median)
            steps.append(step_seconds(config, output, runs))
        ends = (sizes[1], sizes[2])
        build = exponent(ends, (medians[1], medians[2]))
        by_step = {step: exponent(ends, (steps[1][step], steps[2][step])) for step in steps[2]
                   if step in steps[1] and step != "total" and steps[2][step] >= STEP_FLOOR_SECONDS}
        results[name] = {"sizes": sizes, "medians": medians, "exponent": build, "steps": steps, "step_exponents": by_step}
        worst = sorted(by_step.items(), key=lambda item: -item[1])[:3]
        print(f"  exponent {sizes[1]:,} -> {sizes[2]:,}: {build:.2f} (target <= {EXPONENT_TARGET}); "
              f"steepest steps: {', '.join(f'{step} {value:.2f}' for step, value in worst)}", flush=True)
    return results


def wait_for_quiet(max_load: float, wait: float) -> None:
    """Sleep until the 1-minute load average is below max_load, or wait seconds have passed."""
    deadline = time.monotonic() + wait
    while os.getloadavg()[0] >= max_load and time.monotonic() < deadline:
        print(f"  load {os.getloadavg()[0]:.2f} >= {max_load}: waiting 30 s", flush=True)
        time.sleep(30)


def machine() -> dict[str, str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": model, "cores": str(os.cpu_count()), "python": platform.python_version(), "system": platform.platform()}


def has_pandas() -> bool:
    return subprocess.run([PYTHON, "-c", "import pandas"], capture_output=True).returncode == 0


def scaling_run(work: Path, runs: int, max_load: float, wait: float) -> int:
    """run.py --scaling: S against its floor, then the scaling of each input; a table, and scaling.json."""
    results: dict[str, object] = {"machine": machine()}
    print(f"machine: {results['machine']}", flush=True)
    wait_for_quiet(max_load, wait)
    floors = {"S": against_floor(work, runs)}
    wait_for_quiet(max_load, wait)  # and S as issue 20 measured it, in English only (generate.english_only)
    floors["S in English only"] = against_floor(work, runs, english_only(work), "S in English only")
    grown = scaling(work, runs, max_load, wait)
    results |= {"floor": floors, "scaling": grown}
    print()
    for label, floor in floors.items():
        print(f"{label}: {floor['build']:.3f} s, its floor {floor['floor']:.3f} s: {floor['ratio']:.2f} times (target <= {FLOOR_TARGET})")
    print()
    print("| input | sizes | median build s | exponent, middle to largest | steepest step |")
    print("|---|---|---|---:|---|")
    for name, found in grown.items():
        assert isinstance(found, dict)
        steepest = max(found["step_exponents"].items(), key=lambda item: item[1], default=("", 0.0))
        print(f"| {name} | {' / '.join(f'{size:,}' for size in found['sizes'])} | {' / '.join(f'{m:.3f}' for m in found['medians'])} "
              f"| {found['exponent']:.2f} | {steepest[0]} {steepest[1]:.2f} |")
    work.mkdir(parents=True, exist_ok=True)
    (work / "scaling.json").write_text(json.dumps(results, indent=2))
    print(f"\nresults: {work / 'scaling.json'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time meetplan at three meeting sizes (see BENCHMARKS.md).")
    parser.add_argument("--sizes", nargs="+", default=["S", "M", "L", "I"], metavar="SIZE",
                        help="S, M, L and/or I (M with 50,000 inscriptions) [default: all]")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per figure, after one warm-up [default: 5]")
    parser.add_argument("--max-load", type=float, default=1.0, help="wait for a 1-minute load below this [default: 1.0]")
    parser.add_argument("--wait", type=float, default=600, help="longest wait for that load, in seconds [default: 600]")
    parser.add_argument("--quick", action="store_true", help="--help and S once, no warm-up, no waiting: a smoke test")
    parser.add_argument("--work", type=Path, default=WORK, help="folder for generated meetings and outputs [default: benchmarks/work]")
    parser.add_argument("--scaling", action="store_true", help="instead of the sizes: S against its floor, and each input "
                        "(registrations, agenda items, days, inscriptions) at three sizes with its exponent; a few minutes")
    args = parser.parse_args(argv)
    if args.scaling:
        return scaling_run(args.work, args.runs, args.max_load, args.wait)
    if args.quick:
        args.sizes, args.runs, args.wait = ["S"], 1, 0
    unknown = [s for s in args.sizes if s not in ("S", "M", "L", "I")]
    if unknown:
        parser.error(f"unknown size {unknown[0]!r}: choose from S, M, L, I")

    results: dict[str, object] = {"machine": machine()}
    print(f"machine: {results['machine']}", flush=True)
    configs = {size: config_for(size, args.work) for size in args.sizes}  # generated before any timing
    measures: list[Measure] = []

    wait_for_quiet(args.max_load, args.wait)
    measures.append(measure("meetplan --help", meetplan_command("--help"), max(args.runs, 5) if not args.quick else 1, warm_up=not args.quick))
    for size in args.sizes:
        wait_for_quiet(args.max_load, args.wait)
        output = args.work / "output" / size
        shutil.rmtree(output, ignore_errors=True)
        print(f"{size}: {configs[size]}", flush=True)
        measures.append(measure(f"{size} build", meetplan_command("build", str(configs[size]), "--output", str(output)), args.runs, warm_up=not args.quick))

    if "L" in args.sizes and not args.quick:
        wait_for_quiet(args.max_load, args.wait)
        folder = args.work / "output" / "xlsx"
        folder.mkdir(parents=True, exist_ok=True)
        cells = folder / "cells.json"
        print("L participants.xlsx, side by side:", flush=True)
        run_once([PYTHON, str(HERE / "participants_only.py"), str(configs["L"]), str(folder / "meetplan.xlsx"), "--dump", str(cells)])
        commands = {
            "L participants.xlsx (meetplan)": [PYTHON, str(HERE / "participants_only.py"), str(configs["L"]), str(folder / "meetplan.xlsx")],
            "L participants.xlsx (plain openpyxl write-only)": [PYTHON, str(HERE / "plain_openpyxl.py"), str(cells), str(folder / "plain.xlsx")],
        }
        if has_pandas():
            commands["L participants.xlsx (pandas to_excel)"] = [PYTHON, str(HERE / "pandas_to_excel.py"), str(cells), str(folder / "pandas.xlsx")]
        else:
            print("  pandas is not installed: .venv/bin/pip install -r benchmarks/requirements.txt", flush=True)
        side = side_by_side(commands, args.runs)
        measures += side.values()
        ours = side["L participants.xlsx (meetplan)"].median
        ratios = {"meetplan / plain openpyxl": ours / side["L participants.xlsx (plain openpyxl write-only)"].median}
        if "L participants.xlsx (pandas to_excel)" in side:
            ratios["meetplan / pandas to_excel"] = ours / side["L participants.xlsx (pandas to_excel)"].median
        results["ratios"] = ratios
        for name, ratio in ratios.items():
            print(f"  ratio {name}: {ratio:.2f}", flush=True)

    results["measures"] = [{**asdict(m), "median": m.median} for m in measures]
    print()
    print("| what | median s | peak MB | runs | load |")
    print("|---|---:|---:|---:|---:|")
    for m in measures:
        print(f"| {m.label} | {m.median:.3f} | {m.peak_mb:.0f} | {len(m.seconds)} | {m.load:.2f} |")
    if not args.quick:
        args.work.mkdir(parents=True, exist_ok=True)
        (args.work / "results.json").write_text(json.dumps(results, indent=2))
        print(f"\nresults: {args.work / 'results.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
