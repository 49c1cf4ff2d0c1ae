"""A build interrupted at every step of moving its outputs into place never loses the previous issue (issue 12).

The shared case interrupted-build-loses-previous sends a signal right after the N-th os.replace; here the real
`meetplan build` runs in a forked child that sends itself SIGINT, SIGTERM or SIGKILL right after the N-th file
step (os.replace, os.link or os.unlink), for every N up to the end of the build. After each: every output is
the previous file or the new one, all old or all new once the next build has recovered, no previous output is
missing, and that next build gives exactly the bytes a build over the previous issue gives (SEQUENCE raised on
exactly the changed events).
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from meetplan.cli import main
from meetplan.output import STAGING, recover
from test_output_folder import PERSONAL, files, meeting_yaml

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the harness forks")

STEPS = 38  # file steps of the build of issue 2 over issue 1 (test_the_build_takes_the_counted_steps)


def run_interrupted(config: Path, out: Path, at: int, sig: signal.Signals | None) -> tuple[int, int]:
    """Build ``config`` into ``out`` in a child that receives ``sig`` right after its ``at``-th file step.

    Returns the child's wait status and the number of steps it made before the signal took effect (or in all).
    """
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        status = 3
        try:
            os.close(reader)
            signal.signal(signal.SIGINT, signal.default_int_handler)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            count = 0

            def counted(real):  # type: ignore[no-untyped-def]
                def step(*args, **kwargs):  # type: ignore[no-untyped-def]
                    nonlocal count
                    result = real(*args, **kwargs)
                    count += 1
                    os.write(writer, b".")
                    if count == at and sig is not None:
                        os.kill(os.getpid(), sig)
                    return result

                return step

            os.replace, os.link, os.unlink = counted(os.replace), counted(os.link), counted(os.unlink)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            try:
                main(["build", str(config), "--output", str(out)], standalone_mode=True)
                status = 0
            except SystemExit as exit:
                status = exit.code if isinstance(exit.code, int) else 1
        finally:
            os._exit(status)
    os.close(writer)
    steps = 0
    while chunk := os.read(reader, 4096):
        steps += len(chunk)
    os.close(reader)
    _, status = os.waitpid(pid, 0)
    return status, steps


@pytest.fixture(scope="module")
def issues(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, bytes], dict[str, bytes]]:
    """Issue 1 built into prev/, and issue 2 built over it into new/: the two states a folder may be in."""
    root = tmp_path_factory.mktemp("issues")
    first, second = root / "issue-1.yaml", root / "issue-2.yaml"
    first.write_text(meeting_yaml(), encoding="utf-8")
    second.write_text(meeting_yaml(issued="2026-10-02", title="Cooperation on tests"), encoding="utf-8")
    prev, new = root / "prev", root / "new"
    assert CliRunner().invoke(main, ["build", str(first), "--output", str(prev)]).exit_code == 0
    shutil.copytree(prev, new)
    assert CliRunner().invoke(main, ["build", str(second), "--output", str(new)]).exit_code == 0
    old_files, new_files = files(prev), files(new)
    assert set(PERSONAL) <= set(old_files)
    assert [name for name in old_files if old_files[name] == new_files.get(name)] == []  # every output changes
    return second, prev, old_files, new_files


def state(folder: Path, old: dict[str, bytes], new: dict[str, bytes]) -> str:
    now = {name: data for name, data in files(folder).items() if not name.startswith(STAGING)}
    assert set(old) <= set(now), f"missing: {sorted(set(old) - set(now))}"
    kinds = {"old" if now[name] == old.get(name) else "new" if now[name] == new.get(name) else f"OTHER {name}" for name in now}
    assert {kind for kind in kinds if kind.startswith("OTHER")} == set()
    return "all old" if kinds == {"old"} else "all new" if kinds == {"new"} else "MIXED"


def test_the_build_takes_the_counted_steps(issues: tuple[Path, Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path) -> None:
    """The uninterrupted build makes STEPS file steps, so that the tests below reach every one."""
    config, prev, _, new = issues
    out = tmp_path / "out"
    shutil.copytree(prev, out)
    status, steps = run_interrupted(config, out, 0, None)
    assert (os.waitstatus_to_exitcode(status), steps) == (0, STEPS)
    assert files(out) == new


# SIGTERM acts as SIGINT does here: every fourth step is enough for it (left out, not skipped, so that a skip
# in the suite's summary always means a program is missing).
INTERRUPTIONS = [
    (at, sig)
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL)
    for at in range(1, STEPS + 1)
    if sig is not signal.SIGTERM or at % 4 == 0
]


@pytest.mark.parametrize(("at", "sig"), INTERRUPTIONS, ids=[f"{at}-{sig.name}" for at, sig in INTERRUPTIONS])
def test_build_interrupted_at_every_step_keeps_the_previous_issue(
    at: int, sig: signal.Signals, issues: tuple[Path, Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Interrupted at any step, the folder is all old or all new (after SIGKILL: once the next build has recovered it)."""
    config, prev, old, new = issues
    out = tmp_path / "out"
    shutil.copytree(prev, out)
    status, _ = run_interrupted(config, out, at, sig)
    code = os.waitstatus_to_exitcode(status)
    # Rolled back: 1 ("Aborted!") after Ctrl-C, 143 after SIGTERM. Come during the moves, the signal waits until
    # the set is complete, then ends the build with 128 + its number (for SIGTERM the same 143).
    assert os.WIFSIGNALED(status) or code in (0, 1, 128 + sig)
    if sig is not signal.SIGKILL:
        # Nothing is left for the next build. (All old is issue 1 as built, so the next build is the reference
        # build of issue 2 over it.)
        found = state(out, old, new)
        assert found in ("all old", "all new")
        if sig is signal.SIGINT:
            assert (code, found) in ((1, "all old"), (130, "all new"))
        assert not (out / STAGING).exists()
        return
    state(out, old, new)  # each file old or new, none missing
    recover(out)  # as the next build does first, under the lock
    assert state(out, old, new) in ("all old", "all new")
    assert not (out / STAGING).exists()
    capsys.readouterr()
    assert CliRunner().invoke(main, ["build", str(config), "--output", str(out)]).exit_code == 0
    assert files(out) == new


@pytest.mark.skipif(not hasattr(signal, "sigtimedwait"), reason="a signal held during the moves is taken by sigtimedwait")
def test_ctrl_c_during_the_moves_ends_the_build_once_they_are_done_and_says_so(
        issues: tuple[Path, Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C between two moves: every new output is in place, the files are listed, one line says the issue is
    complete (not "Aborted!"), and the status is 130."""
    config, prev, _, new = issues
    out = tmp_path / "out"
    shutil.copytree(prev, out)
    real, moved = os.replace, []

    def replace(*args, **kwargs):  # type: ignore[no-untyped-def]
        real(*args, **kwargs)
        moved.append(args[0])
        if len(moved) == 3:  # to the thread that builds: a test runner's other threads do not hold the signal
            signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)

    monkeypatch.setattr(os, "replace", replace)
    result = CliRunner().invoke(main, ["build", str(config), "--output", str(out)])
    assert result.exit_code == 130, result.output
    assert files(out) == new
    assert result.stderr.splitlines()[-1] == ("meetplan: SIGINT came as the new outputs were moved into place; the moves "
                                              "were finished first: the files listed are this issue, complete.")
    assert len(result.stdout.splitlines()) == len(new)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_killed_build_is_restored_and_said(issues: tuple[Path, Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path) -> None:
    """SIGKILL between two moves: the next build puts the previous outputs back first and says so in one line."""
    config, prev, old, new = issues
    out = tmp_path / "out"
    shutil.copytree(prev, out)
    status, _ = run_interrupted(config, out, 20, signal.SIGKILL)  # 12 links, the journal, then 7 moves
    assert os.WIFSIGNALED(status)
    assert state(out, old, new) == "MIXED"
    result = CliRunner().invoke(main, ["build", str(config), "--output", str(out)])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"note: {out}: a build was interrupted while moving its outputs into place; the previous outputs were put back (7 files)"]
    assert files(out) == new


def test_build_retiring_outputs_killed_at_every_step_loses_none(tmp_path: Path) -> None:
    """A build that removes the speakers' files and issues their calendars cancelled, killed at any step: once
    recovered, the folder is the previous issue or the new one, whole."""
    first, second = tmp_path / "issue-1.yaml", tmp_path / "issue-2.yaml"
    first.write_text(meeting_yaml(), encoding="utf-8")
    second.write_text(meeting_yaml(issued="2026-10-02", speakers=None), encoding="utf-8")
    prev, new = tmp_path / "prev", tmp_path / "new"
    assert CliRunner().invoke(main, ["build", str(first), "--output", str(prev)]).exit_code == 0
    shutil.copytree(prev, new)
    assert CliRunner().invoke(main, ["build", str(second), "--output", str(new)]).exit_code == 0
    old_files, new_files = files(prev), files(new)
    assert "speakers.xlsx" in old_files and "speakers.xlsx" not in new_files
    out = tmp_path / "out"
    shutil.copytree(prev, out)
    _, steps = run_interrupted(second, out, 0, None)
    assert files(out) == new_files
    outcomes = set()
    for at in range(1, steps + 1):
        shutil.rmtree(out)
        shutil.copytree(prev, out)
        status, _ = run_interrupted(second, out, at, signal.SIGKILL)
        assert os.WIFSIGNALED(status)
        recover(out)
        now = files(out)
        assert now in (old_files, new_files), at
        outcomes.add("old" if now == old_files else "new")
    assert outcomes == {"old", "new"}
