"""The command line: every command documented with an example, check's schedule, annex alone, init that builds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from meetplan.cli import main

from conftest import ROOT

COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    """`meetplan COMMAND --help` explains the command and shows an example using it."""
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert f"meetplan {command} " in result.output


def test_every_command_is_in_the_readme() -> None:
    """The README's command table names every command, so the documentation cannot fall behind."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [c for c in COMMANDS if f"`meetplan {c} " not in readme] == []


def test_check_prints_the_schedule() -> None:
    """`meetplan check` lists each plenary meeting with its items and the share each gets."""
    result = CliRunner().invoke(main, ["check", str(ROOT / "config" / "wgsom-2020.yaml")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[2] == "4 plenary meetings (the resources allow 4)"
    meeting_lines = [line for line in lines if "plenary meeting:" in line]
    assert meeting_lines == [
        "1st plenary meeting: Tuesday, 8 September 2020, 10 a.m.–1 p.m.",
        "2nd plenary meeting: Tuesday, 8 September 2020, 3–6 p.m.",
        "3rd plenary meeting: Wednesday, 9 September 2020, 10 a.m.–1 p.m.",
        "4th plenary meeting: Wednesday, 9 September 2020, 3–6 p.m.",
    ]
    second = lines[lines.index(meeting_lines[1]) + 1 : lines.index(meeting_lines[2]) - 1]
    assert [line.split("[")[-1] for line in second] == ["1/2 of the meeting, 1 hour 30 minutes]", "1/2 of the meeting, 1 hour 30 minutes]"]
    assert second[0].startswith("  2      Impact of natural disasters") and "(continued)" in second[0]


@pytest.mark.parametrize("fmt", ["md", "html", "tsv"])
def test_annex_text_formats_go_to_standard_output(fmt: str, tmp_path: Path) -> None:
    """`meetplan annex --format` prints the same bytes that `build` writes."""
    config = str(ROOT / "config" / "wgsom-2020.yaml")
    printed = CliRunner().invoke(main, ["annex", config, "--format", fmt])
    assert printed.exit_code == 0
    CliRunner().invoke(main, ["build", config, "--output", str(tmp_path)])
    assert printed.stdout_bytes == (tmp_path / f"annex.{fmt}").read_bytes()


def test_annex_docx_needs_an_output_file(tmp_path: Path) -> None:
    """A Word file is not printed to the terminal; with --output it is written."""
    config = str(ROOT / "config" / "wgsom-2020.yaml")
    refused = CliRunner().invoke(main, ["annex", config, "--format", "docx"])
    assert refused.exit_code == 2
    assert "error: --output: a Word document cannot go to the terminal" in refused.output
    written = CliRunner().invoke(main, ["annex", config, "--format", "docx", "--output", str(tmp_path / "a.docx")])
    assert written.exit_code == 0
    assert (tmp_path / "a.docx").read_bytes()[:2] == b"PK"


def test_init_writes_a_starter_that_builds(tmp_path: Path) -> None:
    """`meetplan init` writes a commented configuration that `check` and `build` accept as it is."""
    path = tmp_path / "new.yaml"
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(path)]).exit_code == 0
    assert path.read_text(encoding="utf-8").startswith("# meetplan configuration")
    assert runner.invoke(main, ["check", str(path)]).exit_code == 0
    built = runner.invoke(main, ["build", str(path), "--output", str(tmp_path / "out")])
    assert built.exit_code == 0, built.output
    assert (tmp_path / "out" / "annex.docx").exists()


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    """An existing file is kept unless --force is given."""
    path = tmp_path / "mine.yaml"
    path.write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(path)])
    assert result.exit_code == 2
    assert path.read_text(encoding="utf-8") == "mine"


def test_build_defaults_to_output_folder_named_after_the_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --output, `build` writes into output/<config file stem>/ under the current folder."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", str(ROOT / "config" / "wgsom-2019.yaml")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "output" / "wgsom-2019" / "annex.tsv").exists()


@pytest.mark.parametrize("epoch", ["abc", "-1", "1.5", "253402300800", "4354819200", "١٢٣"])
def test_build_refuses_a_source_date_epoch_it_cannot_stamp(epoch: str, tmp_path: Path) -> None:
    """SOURCE_DATE_EPOCH that is not whole seconds up to the end of 2107 (the last ZIP date) is one located line,
    exit 2, and nothing written, instead of a traceback or being silently ignored."""
    result = CliRunner().invoke(main, ["build", str(ROOT / "config" / "wgsom-2019.yaml"), "--output", str(tmp_path / "out")],
                                env={"SOURCE_DATE_EPOCH": epoch})
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[0].startswith("error: SOURCE_DATE_EPOCH: must be a whole number of seconds since 1970")
    assert not (tmp_path / "out").exists()


def test_build_takes_the_last_moment_a_zip_file_can_carry(tmp_path: Path) -> None:
    """SOURCE_DATE_EPOCH at the end of 2107 builds."""
    result = CliRunner().invoke(main, ["build", str(ROOT / "config" / "wgsom-2019.yaml"), "--output", str(tmp_path / "out")],
                                env={"SOURCE_DATE_EPOCH": "4354819198"})
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("arguments", "status", "out", "err"), [
    (["--version"], 0, "version 0.1.0", ""),
    (["check", "missing.yaml"], 2, "", "meetplan: 1 problem; nothing was written."),
    (["no-such-command"], 2, "", "No such command 'no-such-command'"),
])
def test_the_program_exits_with_the_commands_status_and_its_output_flushed(
        tmp_path: Path, arguments: list[str], status: int, out: str, err: str) -> None:
    """``python -m meetplan`` (the console script's ``run``) ends without freeing the command's objects one by
    one: the status, standard output and standard error are still the command's."""
    result = subprocess.run([sys.executable, "-m", "meetplan", *arguments], cwd=tmp_path, capture_output=True, text=True)
    assert (result.returncode, out in result.stdout, err in result.stderr) == (status, True, True), result


def test_a_build_run_as_a_program_lists_every_file_it_wrote(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "meetplan", "build", str(ROOT / "config" / "wgsom-2019.yaml"), "--output", "out"],
                            cwd=tmp_path, capture_output=True, text=True)
    written = sorted(str(path.relative_to(tmp_path)) for path in (tmp_path / "out").rglob("*") if path.is_file() and path.name != ".meetplan.lock")
    assert (result.returncode, sorted(result.stdout.splitlines())) == (0, written)
