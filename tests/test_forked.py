"""The second processes that render participants.xlsx and the outputs in other languages beside the build (issue
20): the same bytes as one process, warnings and located problems reported by the build, nothing lost when a copy
fails or is stopped, and no copy left running or holding a file when the build ends."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from msgspec.structs import replace

from meetplan import forked
from meetplan.config import load
from meetplan.errors import ConfigError, Problem
from meetplan.forked import Beside
from meetplan.outputs import OUTPUTS, Output, beside_lanes, render_outputs, steps
from meetplan.plan import Plan, plan
from meetplan.render import Artifact

ROOT = Path(__file__).resolve().parents[1]
WGSOM_2020 = ROOT / "config" / "wgsom-2020.yaml"
LINUX = pytest.mark.skipif(sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2, reason="forks on Linux with 2 cores or more")


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork even in a test runner's worker, whose other threads are idle while a test runs."""
    monkeypatch.setattr(forked, "_can_fork", lambda: True)


@LINUX
def test_the_work_is_done_in_another_process(forking: None) -> None:
    assert Beside(os.getpid).result() != os.getpid()


@LINUX
def test_a_warning_of_the_second_process_reaches_the_builds_log(forking: None, caplog: pytest.LogCaptureFixture) -> None:
    def work() -> int:
        logging.getLogger("meetplan.render.xlsx").warning("warning: cell %s cut", "B2")
        return 7

    with caplog.at_level(logging.WARNING):
        assert Beside(work).result() == 7
    assert [(record.name, record.getMessage()) for record in caplog.records] == [("meetplan.render.xlsx", "warning: cell B2 cut")]


@LINUX
def test_a_located_problem_of_the_second_process_is_raised_by_the_build(forking: None) -> None:
    problem = Problem(file="registrations.csv", line=4, field="column 'Country'", message="unknown delegation")

    def work() -> None:
        raise ConfigError([problem])

    with pytest.raises(ConfigError) as raised:
        Beside(work).result()
    assert list(raised.value.problems) == [problem]


@LINUX
def test_a_second_process_that_fails_has_its_work_done_again_by_the_build(forking: None) -> None:
    builds_own = os.getpid()

    def work() -> int:
        if os.getpid() != builds_own:
            raise RuntimeError("out of memory in the copy")
        return 42

    assert Beside(work).result() == 42


@LINUX
def test_a_cancelled_second_process_is_stopped_and_reaped(forking: None) -> None:
    started = time.monotonic()
    second = Beside(lambda: time.sleep(60))
    pid = second._pid
    second.cancel()
    assert pid is not None and time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


@LINUX
def test_the_second_process_holds_no_file_of_the_build_open(forking: None, tmp_path: Path) -> None:
    """Not the folder's lock, nor another second process's pipe: a build killed meanwhile leaves nothing held."""
    with (tmp_path / ".meetplan.lock").open("w") as lock:
        def work() -> bool:
            try:
                os.fstat(lock.fileno())
            except OSError:
                return False
            return True

        assert Beside(work).result() is False


@LINUX
def test_the_second_process_ends_when_the_build_is_killed(tmp_path: Path) -> None:
    """A build killed while its second process works: the system ends that process too, at once."""
    script = tmp_path / "build.py"
    script.write_text(
        "import os, sys, time\n"
        "from meetplan import forked\n"
        "second = forked.Beside(lambda: time.sleep(60))\n"
        "print(second._pid, flush=True)\n"
        "time.sleep(60)\n", encoding="utf-8")
    build = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert build.stdout is not None
    copy = int(build.stdout.readline())
    build.kill()
    build.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and Path(f"/proc/{copy}").exists() and "Z" not in _state(copy):
        time.sleep(0.05)
    assert not Path(f"/proc/{copy}").exists() or "Z" in _state(copy)  # gone, or dead and not yet reaped by init


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "gone"


def test_without_fork_the_work_is_done_when_its_result_is_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "_can_fork", lambda: False)
    calls: list[int] = []

    def work() -> int:
        calls.append(os.getpid())
        return len(calls)

    second = Beside(work)
    assert calls == [] and second.result() == 1 and calls == [os.getpid()]


@LINUX
def test_outputs_rendered_beside_are_those_of_one_process(forking: None) -> None:
    """Every file, and the index of them, byte for byte and in the same order, with and without the second
    processes (the 2020 meeting's registrations three times over, so that participants.xlsx has one too)."""
    planned = _three_times(source_date_epoch="1600000000")
    assert set(beside_lanes(planned)) == {"languages", "participants"}
    one = [(output.name, artifact.name, artifact.data) for output, artifact in _rendered(planned, second_process=False)]
    two = [(output.name, artifact.name, artifact.data) for output, artifact in _rendered(planned, second_process=True)]
    assert "participants.xlsx" in [name for name, _, _ in two]
    assert two == one
    assert render_outputs(planned) == _rendered(planned, second_process=True)


def test_participants_xlsx_goes_beside_from_a_thousand_registrations() -> None:
    """Below 1,000 registrations a second process for participants.xlsx costs more than it saves (BENCHMARKS.md):
    the 2020 meeting's 450 stay in the build's process, three times as many go beside; the outputs in other
    languages go beside at any size, each lane in the order of OUTPUTS."""
    planned = plan(WGSOM_2020)
    languages = [entry.name for entry in OUTPUTS if entry.beside == "languages"]
    assert {lane: [entry.name for entry in entries] for lane, entries in beside_lanes(planned).items()} == {"languages": languages}
    bigger = _three_times()
    assert len(bigger.meeting.participants) == 1350
    lanes = {lane: [entry.name for entry in entries] for lane, entries in beside_lanes(bigger).items()}
    assert lanes == {"languages": languages, "participants": ["participants.xlsx"]}


def _three_times(source_date_epoch: str | None = None) -> Plan:
    """The 2020 meeting planned with its registrations three times over (its seat plan made from all of them)."""
    meeting = load(WGSOM_2020)
    return plan(replace(meeting, participants=meeting.participants * 3), source_date_epoch=source_date_epoch)


@LINUX
def test_a_build_command_forks_and_writes_what_one_process_renders(tmp_path: Path) -> None:
    """``meetplan build`` as a user runs it (one thread: the second process is used), against one process."""
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "1600000000"}
    subprocess.run([sys.executable, "-m", "meetplan", "build", str(WGSOM_2020), "--output", str(tmp_path / "out")],
                   check=True, capture_output=True, env=environment)
    expected = {artifact.name: artifact.data for _, artifact in
                _rendered(plan(WGSOM_2020, source_date_epoch="1600000000"), second_process=False)}
    written = {path.relative_to(tmp_path / "out").as_posix(): path.read_bytes()
               for path in (tmp_path / "out").rglob("*") if path.is_file() and path.name != ".meetplan.lock"}
    assert written == expected


def _rendered(planned: Plan, *, second_process: bool) -> list[tuple[Output, Artifact]]:
    done: list[tuple[Output, Artifact]] = []
    for _, run in steps(planned, second_process=second_process):
        run(done)
    return done
