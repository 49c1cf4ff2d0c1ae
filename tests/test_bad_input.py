"""Bad input is refused through the real command line: one line per problem, exit status 2, nothing written.

The cases are the files (or folders) in tests/bad_input/, and expected.txt lists the problem lines each must
print. Cases that need a generated file (50 MB, a folder, a missing file) are written here, in tmp_path.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from meetplan.cli import main

from conftest import ROOT

CORPUS = Path(__file__).resolve().parent / "bad_input"
TABLE = CORPUS / "expected.txt"
GOOD = ROOT / "config" / "wgsom-2020.yaml"


def read_table() -> dict[str, list[str]]:
    """The expected problem lines by case: "[case]" opens a case, "#" lines are comments."""
    table: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.startswith("[") and line.endswith("]"):
            current = table.setdefault(line[1:-1], [])
        elif line.strip() and not line.startswith("#"):
            assert current is not None, f"expected.txt: {line!r} stands before any [case]"
            current.append(line)
    return table


EXPECTED = read_table()


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, by relative path, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def summary(count: int) -> str:
    return f"meetplan: {count} problem{'s' if count != 1 else ''}; nothing was written."


def assert_refused(result: Result, expected: list[str]) -> None:
    """Exit status 2, exactly the expected problem lines and the summary, and no traceback anywhere."""
    assert "Traceback" not in result.output + result.stderr
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [*expected, summary(len(expected))]


@pytest.fixture(scope="module")
def previous_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding a good build, for the cases to run over."""
    folder = tmp_path_factory.mktemp("previous") / "out"
    result = CliRunner().invoke(main, ["build", str(GOOD), "--output", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def test_bad_input_table_lists_every_case() -> None:
    """Every case in tests/bad_input/ has its expected lines, and every entry in expected.txt has its case."""
    cases = {p.name for p in CORPUS.iterdir() if p.name != TABLE.name}
    assert sorted(cases) == sorted(EXPECTED)


def test_bad_input_corpus_has_every_case_with_problems() -> None:
    """Each case expects at least one problem line, so none passes by printing nothing."""
    assert [case for case, lines in EXPECTED.items() if not lines] == []
    assert len(EXPECTED) >= 30


def test_bad_input_corpus_covers_registrations_and_inscriptions() -> None:
    """Issue 7: the corpus holds at least 40 cases, among them data files of both kinds, CSV and XLSX."""
    kinds = {prefix: sorted(case for case in EXPECTED if case.startswith(prefix)) for prefix in ("registrations-", "inscriptions-")}
    assert len(EXPECTED) >= 40
    assert (len(kinds["registrations-"]) >= 10, len(kinds["inscriptions-"]) >= 7) == (True, True)
    data_files = {p.suffix for case in (*kinds["registrations-"], *kinds["inscriptions-"]) for p in (CORPUS / case).iterdir()}
    assert data_files == {".yaml", ".csv", ".xlsx"}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_bad_input_is_refused_with_its_problems(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, previous_build: Path) -> None:
    """`meetplan build` prints the case's problem lines, exits 2, and writes nothing, over a previous build too."""
    monkeypatch.chdir(tmp_path)
    source = CORPUS / case
    if source.is_dir():
        shutil.copytree(source, tmp_path / case)
        config = f"{case}/meeting.yaml"
    else:
        shutil.copy(source, tmp_path / case)
        config = case
    assert_refused(CliRunner().invoke(main, ["build", config]), EXPECTED[case])
    assert not (tmp_path / "output").exists()

    shutil.copytree(previous_build, tmp_path / "previous")
    before = snapshot(tmp_path / "previous")
    assert_refused(CliRunner().invoke(main, ["build", config, "--output", "previous"]), EXPECTED[case])
    assert snapshot(tmp_path / "previous") == before


def test_bad_input_of_50_megabytes_is_refused_unread(tmp_path: Path) -> None:
    """A 50 MB file is refused by its size, quickly, through the installed `meetplan` program."""
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.write(GOOD.read_bytes())
        handle.write(b"# padding\n" * 5_242_880)
    size = big.stat().st_size
    assert size >= 50_000_000
    started = time.monotonic()
    completed = subprocess.run(
        [str(Path(sys.executable).parent / "meetplan"), "build", "big.yaml"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert time.monotonic() - started < 10
    assert completed.returncode == 2
    assert "Traceback" not in completed.stdout + completed.stderr
    assert completed.stderr.splitlines() == [f"error: big.yaml: is {size:,} bytes; a configuration is at most 5,000,000", summary(1)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.yaml"]


def test_bad_input_registrations_of_50_megabytes_are_refused_unread(tmp_path: Path) -> None:
    """A 50 MB registrations file is refused by its size, quickly; 100,000 registrations (12 MB) stay well within the limit."""
    shutil.copy(CORPUS / "registrations-unknown-delegation" / "meeting.yaml", tmp_path / "meeting.yaml")
    row = b"Anna,Berger,Counsellor,Austria,a.berger@example.org,In person\n"
    with (tmp_path / "registrations.csv").open("wb") as handle:
        handle.write(b"First Name,Last Name,Position,Affiliation,Email,Participation\n")
        handle.write(row * (50_000_000 // len(row) + 1))
    size = (tmp_path / "registrations.csv").stat().st_size
    assert size >= 50_000_000
    started = time.monotonic()
    completed = subprocess.run(
        [str(Path(sys.executable).parent / "meetplan"), "build", "meeting.yaml"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert time.monotonic() - started < 10
    assert completed.returncode == 2
    assert "Traceback" not in completed.stdout + completed.stderr
    assert completed.stderr.splitlines() == [f"error: registrations.csv: (file): is {size:,} bytes; a registrations file is at most 30,000,000", summary(1)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["meeting.yaml", "registrations.csv"]


def test_bad_input_folder_instead_of_a_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder named as the configuration is one problem line, not click's usage error."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "meeting.yaml").mkdir()
    assert_refused(CliRunner().invoke(main, ["build", "meeting.yaml"]), ["error: meeting.yaml: is a folder, not a file"])
    assert not (tmp_path / "output").exists()


def test_bad_input_missing_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A configuration that does not exist is one problem line."""
    monkeypatch.chdir(tmp_path)
    assert_refused(CliRunner().invoke(main, ["build", "nowhere.yaml"]), ["error: nowhere.yaml: no such file"])
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize("command", ["check", "annex"])
def test_bad_input_gets_the_same_lines_from_every_command(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`check` and `annex` report a bad configuration exactly as `build` does."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(CORPUS / "several-problems.yaml", tmp_path)
    assert_refused(CliRunner().invoke(main, [command, "several-problems.yaml"]), EXPECTED["several-problems.yaml"])
