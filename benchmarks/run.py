"""meetplan's benchmark: whole processes, timed and weighed, for meetings of three sizes.

    .venv/bin/pip install -r benchmarks/requirements.txt   # pandas, for the to_excel comparison
    .venv/bin/python benchmarks/run.py                      # S, M, L; about 10 minutes on 2 cores
    .venv/bin/python benchmarks/run.py --sizes S M --runs 3
    .venv/bin/python benchmarks/run.py --quick              # --help and S once: a smoke test

Each figure is the median wall-clock time of ``--runs`` runs after one warm-up, each run a new process
(``meetplan build`` as a user types it); the peak memory is the largest resident set of those processes, from
the kernel's own accounting (os.wait4). Builds rebuild over the previous output, as in the weeks before a
meeting. The ratios for L's participants.xlsx are measured in the same run, side by side: meetplan rendering it
alone (benchmarks/participants_only.py), a plain openpyxl write-only script writing the same cells
(benchmarks/plain_openpyxl.py), and pandas' DataFrame.to_excel (benchmarks/pandas_to_excel.py).

The box is shared: before each size the runner waits (up to ``--wait`` seconds) until the 1-minute load average
is below ``--max-load``, and records the load it measured under.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import WORK, config_for  # noqa: E402  (the benchmark's own module, beside this file)

PYTHON = sys.executable
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time meetplan at three meeting sizes (see BENCHMARKS.md).")
    parser.add_argument("--sizes", nargs="+", default=["S", "M", "L"], metavar="SIZE", help="S, M and/or L [default: all]")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per figure, after one warm-up [default: 5]")
    parser.add_argument("--max-load", type=float, default=1.0, help="wait for a 1-minute load below this [default: 1.0]")
    parser.add_argument("--wait", type=float, default=600, help="longest wait for that load, in seconds [default: 600]")
    parser.add_argument("--quick", action="store_true", help="--help and S once, no warm-up, no waiting: a smoke test")
    parser.add_argument("--work", type=Path, default=WORK, help="folder for generated meetings and outputs [default: benchmarks/work]")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.runs, args.wait = ["S"], 1, 0
    unknown = [s for s in args.sizes if s not in ("S", "M", "L")]
    if unknown:
        parser.error(f"unknown size {unknown[0]!r}: choose from S, M, L")

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
        # Interleaved, run by run, so that a change in the machine's load touches all of them alike.
        side = {label: Measure(label=label, load=os.getloadavg()[0]) for label in commands}
        for command in commands.values():
            run_once(command)  # warm-up
        for _ in range(args.runs):
            for label, command in commands.items():
                seconds, peak = run_once(command)
                side[label].seconds.append(seconds)
                side[label].peak_mb = max(side[label].peak_mb, peak)
        for item in side.values():
            print(f"  {item.label}: median {item.median:.3f} s ({', '.join(f'{s:.2f}' for s in item.seconds)}); peak {item.peak_mb:.0f} MB", flush=True)
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
