"""Docs that cannot rot: the README's complete configurations build, and its annex excerpt is the real output."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from meetplan.cli import main
from meetplan.outputs import OUTPUTS

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMPLETE_CONFIGURATIONS = [block for block in re.findall(r"```yaml\n(.*?)```", README, re.S) if block.startswith("meeting:")]


def test_readme_has_a_complete_configuration() -> None:
    """The configuration reference opens with a configuration a reader can copy whole."""
    assert COMPLETE_CONFIGURATIONS


@pytest.mark.parametrize("block", COMPLETE_CONFIGURATIONS)
def test_readme_configuration_builds(block: str, tmp_path: Path) -> None:
    """Every complete configuration in the README builds as it is."""
    path = tmp_path / "readme.yaml"
    path.write_text(block, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(path), "--output", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output


def test_readme_annex_excerpt_matches_the_output() -> None:
    """The README's annex excerpt is the Markdown meetplan prints, long titles cut at their first words."""
    excerpt = README.split("## What the annex looks like", 1)[1]
    shown = [line for line in excerpt.splitlines() if line.startswith("|")]
    result = CliRunner().invoke(main, ["annex", str(ROOT / "config" / "wgsom-2020.yaml"), "--format", "md"])
    actual = [line for line in result.output.splitlines() if line.startswith("|")]
    assert len(shown) == len(actual)
    for short, full in zip(shown, actual, strict=True):
        if " … " in short or "…" in short:
            head, tail = short.split(" …", 1)
            assert full.startswith(head.rstrip(",")) and full.endswith(tail), (short, full)
        else:
            assert short == full


def test_readme_names_every_output() -> None:
    """The README's table of outputs names every output of the list of outputs (a file name or its extension)."""
    table = README.split("\n\n")[2]
    missing = [
        entry.name for entry in OUTPUTS
        if f"`{entry.name}`" not in table and f"`.{entry.name.rsplit('.', 1)[-1]}`" not in table
    ]  # fmt: skip
    assert missing == []
