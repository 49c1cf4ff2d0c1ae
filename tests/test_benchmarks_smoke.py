"""The benchmark stays runnable, and a build stays quiet off a terminal. Speed is measured in benchmarks/, never here."""

from __future__ import annotations

import csv
import importlib.util
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from meetplan.cli import main
from meetplan.config import load

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"


def _generate_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("benchmark_generate", BENCHMARKS / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def test_build_prints_only_the_files_when_not_a_terminal(tmp_path: Path) -> None:
    """Off a terminal (CliRunner is none), a build prints the files it wrote and no progress bar."""
    result = CliRunner().invoke(main, ["build", str(ROOT / "config" / "wgsom-2020.yaml"), "--output", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = sorted(str(p) for p in tmp_path.rglob("*") if p.is_file() and p.name != ".meetplan.lock")
    assert sorted(result.stdout.splitlines()) == written
    assert result.stderr == ""


def test_generator_makes_the_requested_sizes(tmp_path: Path) -> None:
    """A tiny synthetic meeting has the days, plenary meetings, items, registrations and inscriptions asked for."""
    generate = _generate_module()
    size = generate.Size("T", days=2, plenary_meetings=4, agenda_items=6, registrations=300, inscriptions=40, seats=50)
    config = generate.generate(size, tmp_path)
    with open(tmp_path / "T" / "registrations.csv", encoding="utf-8") as handle:
        registrations = list(csv.reader(handle))
    meeting = load(config)
    assert (len(registrations) - 1, len(meeting.participants)) == (300, 300)
    assert meeting.speakers is not None
    assert (len(meeting.days), meeting.plenary_limit, len(meeting.agenda), len(meeting.speakers.inscriptions)) == (2, 4, 6, 40)


def test_generator_gives_the_same_bytes_for_the_same_size(tmp_path: Path) -> None:
    """Two generations of one size are identical, so that figures compare across runs and machines."""
    generate = _generate_module()
    size = generate.Size("T", days=1, plenary_meetings=2, agenda_items=5, registrations=50, inscriptions=10, seats=10)
    first = generate.generate(size, tmp_path / "a").parent
    second = generate.generate(size, tmp_path / "b").parent
    assert [p.read_bytes() for p in sorted(first.iterdir())] == [p.read_bytes() for p in sorted(second.iterdir())]


def test_runner_quick_mode_builds_the_shipped_meeting(tmp_path: Path) -> None:
    """``benchmarks/run.py --quick`` times --help and the S build once each and prints the table."""
    result = subprocess.run([sys.executable, str(BENCHMARKS / "run.py"), "--quick", "--work", str(tmp_path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    rows = [line.split("|")[1].strip() for line in result.stdout.splitlines() if line.startswith("| ") and "median" not in line]
    assert rows == ["meetplan --help", "S build"]
