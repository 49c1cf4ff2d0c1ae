"""Shared fixtures: the seeds, configurations written on the fly, the golden-file switch and required programs."""

from __future__ import annotations

import json
import os
import shutil
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Copies of the documents the tests compare with (the shared seed documents and the outlook-vtimezone case), so that the
# suite needs nothing beside the repository. Only the independent calendar checker is not copied (it installs
# three parsers of its own): icscheck.py runs it from ../shared, or skips and says so.
SEEDS = Path(__file__).resolve().parent / "seeds"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/cases/ from the current outputs")


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


# A hybrid meeting in Vienna over two days, with an online platform: the base of tests that add delegations,
# registrations or speakers to it.
HYBRID_MEETING = """\
meeting:
  body: Working Group on Testing
  ordinal: 3
  symbol: TST/WG.1/2026/1
  venue: Vienna
  room: Board Room A, Vienna International Centre
  time_zone: Europe/Vienna
  format: hybrid
  online: {platform: Interprefy, url: "https://example.org/join"}
  issued: 2026-10-01
  plenary_meetings: 4
days:
  first: 2026-11-30
  last: 2026-12-01
  hours: ["10:00-13:00", "15:00-18:00"]
agenda:
  - title: Organizational matters
    sub_items: [Opening of the meeting, Adoption of the agenda and organization of work]
  - title: Cooperation on testing
  - title: Cooperation on reporting
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


# A complete hybrid meeting in which every free-text field of the configuration is a {placeholder}, for the
# reliability tests (injection, privacy, reproducible and atomic builds). Values go in as JSON strings, which YAML
# reads as double-quoted scalars, so any text (quotes, "#", line breaks) arrives unchanged.
FULL_MEETING = """\
meeting:
  body: {body}
  parent_body: {parent_body}
  ordinal: 7
  symbol: {symbol}
  venue: {venue}
  room: {room}
  time_zone: Europe/Vienna
  format: hybrid
  online:
    platform: {platform}
    url: {url}
  issued: 2020-06-04
  plenary_meetings: 4
days:
  first: 2020-09-07
  last: 2020-09-09
  hours: ["10:00-13:00", "15:00-18:00"]
  exceptions:
    2020-09-07: {note}
agenda:
  - title: {organizational}
    kind: organizational
    sub_items:
      - title: {opening}
      - title: {adoption}
  - title: {topic}
    documents: [{document}]
  - title: {topic_2}
    documents: [{document_2}, {document_3}]
  - title: {other_matters}
    kind: closing
  - title: {report}
    kind: closing
translations:  # the same texts in a language written right to left, through its own renderers' paths
  ar:
    body: {body}
    parent_body: {parent_body}
    venue: {venue}
    room: {room}
    agenda: {{"1 (a)": {opening}, "1 (b)": {adoption}, 2: {topic}, 3: {topic_2}, 4: {other_matters}, 5: {report}}}
    notes: {{2020-09-07: {note}}}
"""

FULL_TEXTS = {
    "body": "Working Group on the Smuggling of Migrants",
    "parent_body": "Conference of the Parties to the United Nations Convention against Transnational Organized Crime",
    "symbol": "CTOC/COP/WG.7/2020/1",
    "venue": "Vienna",
    "room": "Board Room D, Vienna International Centre",
    "platform": "Interprefy",
    "url": "https://www.unodc.org/unodc/en/organized-crime/intergovernmental-working-groups.html",
    "note": "Official United Nations holiday",
    "organizational": "Organizational matters",
    "opening": "Opening of the meeting",
    "adoption": "Adoption of the agenda and organization of work",
    "topic": "Impact of natural disasters, conflicts and crises on the smuggling of migrants",
    "document": "CTOC/COP/WG.7/2020/2",
    "topic_2": "Successful strategies concerning the use of technology to prevent the smuggling of migrants",
    "document_2": "CTOC/COP/WG.7/2020/3",
    "document_3": "CTOC/COP/WG.7/2020/CRP.1",
    "other_matters": "Other matters",
    "report": "Adoption of the report",
}


def full_meeting(**texts: str) -> str:
    """FULL_MEETING's YAML with the given texts in place of the defaults."""
    unknown = sorted(set(texts) - set(FULL_TEXTS))
    assert not unknown, f"FULL_MEETING has no field {unknown}"
    return FULL_MEETING.format(**{key: json.dumps(value) for key, value in (FULL_TEXTS | texts).items()})
