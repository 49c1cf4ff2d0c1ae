"""Atomic builds: a build that fails, while rendering or while writing, leaves the previous outputs as they were."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from msgspec.structs import replace

from meetplan.cli import main
from meetplan.errors import MeetplanError, Problem
from meetplan.output import LOCK, write_artifacts
from meetplan.outputs import OUTPUTS
from meetplan.render import Artifact

from conftest import ROOT, full_meeting

# Every output of the 2020 meeting, from the first in the list of outputs to the last: a failure in any one must
# leave everything untouched, the outputs of the renderers that ran before it included.
# the 2020 meeting has no parallel meetings, and its limits are not cut (speakers.fit_limits)
RENDERERS = [entry.name for entry in OUTPUTS if entry.needs not in ("parallel", "fit", "statistics")]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder (hidden ones too, but the lock, which holds nothing), by relative path, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and p.name != LOCK}


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".meetplan-"))


def build(config: Path, out: Path) -> Result:
    return CliRunner().invoke(main, ["build", str(config), "--output", str(out)])


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A configuration built once into out/, then edited so that the next build would change every text output."""
    config = tmp_path / "meeting.yaml"
    config.write_text(full_meeting(), encoding="utf-8")
    out = tmp_path / "out"
    assert build(config, out).exit_code == 0
    before = snapshot(out)
    config.write_text(full_meeting(venue="Geneva", symbol="CTOC/COP/WG.7/2020/1/Rev.1", topic="A changed topic"), encoding="utf-8")
    return config, out, before


@pytest.fixture
def built_2020(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """The 2020 meeting (participants, report, speakers) built once into out/, then edited for a reissue."""
    config = tmp_path / "meeting.yaml"
    shutil.copytree(ROOT / "config" / "registrations", tmp_path / "registrations")
    text = (ROOT / "config" / "wgsom-2020.yaml").read_text(encoding="utf-8")
    config.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert build(config, out).exit_code == 0
    before = snapshot(out)
    assert {"participants.xlsx", "report.docx", "speakers.xlsx"} <= set(before)
    assert [name for name in before if name.startswith("speakers/")] != []
    for old, new in (("  revision: 0\n", "  revision: 1\n"), ("  issued: 2020-06-04\n", "  issued: 2020-06-05\n"),
                     ("body: Working Group on the Smuggling of Migrants\n", "body: Working Group on Migrants\n"),
                     ("  - title: Other matters\n", "  - title: Other business\n"),
                     # and in each language, so that every language's annex changes too
                     *((f"      4: {title}\n", f"      4: {title} (2)\n")
                       for title in ("Questions diverses", "Otros asuntos", "Прочие вопросы", "其他事项", "مسائل أخرى"))):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    text = text.replace("\n    body: ", "\n    body: (2) ")  # each language's body, which its list of participants names
    config.write_text(text, encoding="utf-8")
    return config, out, before


def test_build_2020_reissue_changes_every_output(built_2020: tuple[Path, Path, dict[str, bytes]]) -> None:
    """The edited 2020 meeting rebuilds every output differently, so a failed rebuild that kept them is no accident."""
    config, out, before = built_2020
    assert build(config, out).exit_code == 0
    after = snapshot(out)
    assert sorted(after) == sorted(before)
    assert [name for name in before if before[name] == after[name]] == []


def test_build_succeeding_leaves_no_temporary_folder(built: tuple[Path, Path, dict[str, bytes]]) -> None:
    """A second, successful build replaces the outputs and leaves no ".meetplan-*" folder behind."""
    config, out, before = built
    assert build(config, out).exit_code == 0
    after = snapshot(out)
    assert sorted(after) == sorted(before)
    assert [name for name in after if after[name] == before[name]] == []  # the edit reaches every output
    assert leftovers(out) == []


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("error", [MeetplanError([Problem(message="renderer refused")]), RuntimeError("renderer crashed")], ids=["meetplan-error", "crash"])
def test_build_with_a_failing_renderer_keeps_previous_outputs(
    renderer: str, error: Exception, built_2020: tuple[Path, Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """When one renderer raises, the previous build stays byte-identical and no temporary folder is left."""
    config, out, before = built_2020

    def fail(*args: object, **kwargs: object) -> Artifact:
        raise error

    failing = tuple(replace(entry, render=fail) if entry.name == renderer else entry for entry in OUTPUTS)
    monkeypatch.setattr("meetplan.outputs.OUTPUTS", failing)
    result = build(config, out)
    assert result.exception is not None
    if isinstance(error, MeetplanError):
        assert result.exit_code == 2
        assert result.stderr.splitlines() == ["error: renderer refused", "meetplan: 1 problem; nothing was written."]
    else:
        assert result.exception is error
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_build_into_a_file_is_refused(tmp_path: Path) -> None:
    """An --output that is a file is one problem line; the file is unchanged."""
    config = tmp_path / "meeting.yaml"
    config.write_text(full_meeting(), encoding="utf-8")
    target = tmp_path / "out"
    target.write_bytes(b"not a folder")
    result = build(config, target)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: {target}: is a file, not a folder; choose another --output", "meetplan: 1 problem; nothing was written."]
    assert target.read_bytes() == b"not a folder"


def test_build_over_a_folder_named_like_an_output_changes_nothing(built: tuple[Path, Path, dict[str, bytes]]) -> None:
    """A folder where annex.tsv belongs stops the build before any previous output is replaced."""
    config, out, before = built
    (out / "annex.tsv").unlink()
    (out / "annex.tsv").mkdir()
    (out / "annex.tsv" / "keep.txt").write_bytes(b"mine")
    expected = {name: data for name, data in before.items() if name != "annex.tsv"} | {"annex.tsv/keep.txt": b"mine"}
    result = build(config, out)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == f"error: {out / 'annex.tsv'}: is a folder, not a file; move it away or choose another --output"
    assert snapshot(out) == expected
    assert leftovers(out) == []


def test_write_over_a_file_where_a_folder_belongs_changes_nothing(tmp_path: Path) -> None:
    """A file where an output's folder belongs is one located problem, found before the first output is replaced."""
    (tmp_path / "a.txt").write_bytes(b"previous a")
    (tmp_path / "sub").write_bytes(b"a file where a folder is needed")
    before = snapshot(tmp_path)
    artifacts = [Artifact(name="a.txt", media_type="text/plain", data=b"new a"), Artifact(name="sub/b.txt", media_type="text/plain", data=b"new b")]
    with pytest.raises(MeetplanError) as raised:
        write_artifacts(artifacts, tmp_path)
    assert [str(p) for p in raised.value.problems] == [f"{tmp_path / 'sub'}: is a file, not a folder; move it away or choose another --output"]
    assert snapshot(tmp_path) == before
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()], ids=["disk-full", "ctrl-c"])
@pytest.mark.parametrize("at", [1, 2, 3])
def test_write_failing_midway_puts_previous_outputs_back(failure: BaseException, at: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whichever move into place fails, by an error or by Ctrl-C, every previous output is back and no new one stays."""
    (tmp_path / "a.txt").write_bytes(b"previous a")
    (tmp_path / "c.txt").write_bytes(b"previous c")
    before = snapshot(tmp_path)
    artifacts = [Artifact(name=name, media_type="text/plain", data=b"new") for name in ("a.txt", "sub/b.txt", "c.txt")]
    real, calls = os.replace, []

    def replace_failing(source: object, target: object, *args: object, **kwargs: object) -> None:
        if ".meetplan-build" not in str(target) or str(target).endswith("journal.json"):
            calls.append(target)
            if len(calls) == at + 1:  # the journal's own replace comes first
                raise failure
        real(source, target, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "replace", replace_failing)
    with pytest.raises(MeetplanError if isinstance(failure, OSError) else KeyboardInterrupt):
        write_artifacts(artifacts, tmp_path)
    assert snapshot(tmp_path) == before
    assert leftovers(tmp_path) == []


def test_write_refused_by_one_output_names_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An output the system will not replace (open in Excel, on Windows) is the file the message names."""
    (tmp_path / "a.xlsx").write_bytes(b"previous")
    real = os.replace

    def replace_refusing(source: object, target: object, *args: object, **kwargs: object) -> None:
        if str(target) == str(tmp_path / "a.xlsx"):
            raise PermissionError(13, "Permission denied", str(source), None, str(target))
        real(source, target, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "replace", replace_refusing)
    with pytest.raises(MeetplanError) as raised:
        write_artifacts([Artifact(name="a.xlsx", media_type="application/octet-stream", data=b"new")], tmp_path)
    assert [str(p) for p in raised.value.problems] == [f"{tmp_path / 'a.xlsx'}: cannot write the outputs: Permission denied"]
    assert snapshot(tmp_path) == {"a.xlsx": b"previous"}
