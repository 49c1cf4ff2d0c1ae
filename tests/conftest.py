"""Shared fixtures: the seeds, configurations written on the fly, golden files and required programs."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden files from the current outputs")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def seed_annex_rows(year: int) -> list[list[str]]:
    """The annex rows of a seed annotated agenda, heading row first, as tab-separated cells."""
    lines = (SEEDS / f"wgsom-{year}-annotated-agenda.txt").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("<i>Date and time</i>"))
    return [line.split("\t") for line in lines[start:] if line.strip()]


def require_program(name: str) -> str:
    """The path of a program the test needs; skips without it, unless CI says the program is required."""
    path = shutil.which(name)
    if path:
        return path
    if os.environ.get("MEETPLAN_REQUIRE_PROGRAMS") == "1":
        pytest.fail(f"{name} is required (MEETPLAN_REQUIRE_PROGRAMS=1) but not installed")
    pytest.skip(f"{name} is not installed")


BASE_MEETING = """\
meeting:
  body: Working Group on the Smuggling of Migrants
  ordinal: 9
  symbol: CTOC/COP/WG.7/2022/1
  venue: Vienna
  time_zone: Europe/Vienna
  issued: 2022-06-01
  plenary_meetings: {limit}
"""

STANDARD_AGENDA = """\
agenda:
  - title: Organizational matters
    sub_items: [Opening of the meeting, Adoption of the agenda and organization of work]
  - title: First substantive topic
  - title: Second substantive topic
  - title: Other matters
  - title: Adoption of the report
"""


@pytest.fixture
def write_config(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a configuration from a days section (and optionally agenda/meeting text) and return its path."""

    def write(days: str, *, agenda: str = STANDARD_AGENDA, limit: int = 4, meeting: str | None = None, name: str = "meeting") -> Path:
        text = (meeting or BASE_MEETING.format(limit=limit)) + textwrap.dedent(days) + agenda
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    return write
