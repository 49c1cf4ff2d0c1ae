"""Registrations as they come from the field build as the secretariat meant them (issue 13).

Each folder of tests/field_cases/ is the input of a case in ../shared/cases/ of the same name, copied so that the
suite needs nothing beside the repository; each test states the case's right value.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from meetplan.cli import main

CASES = Path(__file__).resolve().parent / "field_cases"


def build(case: str, tmp_path: Path) -> Path:
    """Build the case in a copy of its folder; the output folder, after checking that the build succeeded quietly."""
    folder = tmp_path / case
    shutil.copytree(CASES / case, folder)
    result = CliRunner().invoke(main, ["build", str(folder / "meeting.yaml"), "--output", str(folder / "out")])
    assert (result.exit_code, result.stderr) == (0, "")
    return folder / "out"


def listed(out: Path) -> list[str]:
    """The entries of the published list of participants: its headings and its lines for people."""
    text = (out / "list-of-participants.md").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.startswith(("### ", "- "))]


def test_sep_line_names_the_delimiter(tmp_path: Path) -> None:
    """sep-line: Excel's "sep=;" first line is not the heading; both registrations are listed."""
    assert listed(build("sep-line", tmp_path)) == [
        "### Austria", "- Anna Beispiel, Counsellor", "### Brazil", "- Bruno Exemplo, Second Secretary",
    ]
