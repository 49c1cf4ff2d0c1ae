"""The annex "Proposed organization of work": the seeds reproduced in every format, and meetings the seeds lack."""

from __future__ import annotations

from pathlib import Path

import pytest

from meetplan.config import load
from meetplan.render.annex import render_html, render_markdown, render_tsv
from meetplan.render.annex_docx import render_docx
from meetplan.scheduler import schedule

from conftest import ROOT, SEEDS, seed_annex_rows
from projections import PROJECTIONS

RENDERERS = {"md": render_markdown, "html": render_html, "docx": render_docx, "tsv": render_tsv}


def annex_rows(config: Path, fmt: str) -> list[list[str]]:
    return PROJECTIONS[fmt](RENDERERS[fmt](schedule(load(config))).data)


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
@pytest.mark.parametrize("year", [2019, 2020])
def test_annex_rows_equal_the_seed(year: int, fmt: str) -> None:
    """Every format gives exactly the seed's annex rows, cell by cell, italics included."""
    assert annex_rows(ROOT / "config" / f"wgsom-{year}.yaml", fmt) == seed_annex_rows(year)


def test_annex_tsv_equals_the_seed_text_byte_for_byte() -> None:
    """The TSV is the seed's annex text itself, tabs, en dashes and <i> marks included."""
    seed = (SEEDS / "wgsom-2020-annotated-agenda.txt").read_text(encoding="utf-8")
    annex = seed[seed.index("<i>Date and time</i>") :]
    assert render_tsv(schedule(load(ROOT / "config" / "wgsom-2020.yaml"))).data.decode() == annex + "\n"


def tsv(config: Path) -> list[list[str]]:
    return annex_rows(config, "tsv")[1:]


def test_annex_shortened_hybrid_hours(write_config) -> None:  # type: ignore[no-untyped-def]
    """Hours 11 a.m.–1 p.m. and 3–5 p.m. are written as the seeds write hours."""
    path = write_config('days: {first: 2022-09-06, last: 2022-09-07, hours: ["11:00-13:00", "15:00-17:00"]}\n')
    assert tsv(path) == [
        ["Tuesday, 6 September", "", ""],
        ["11 a.m.–1 p.m.", "1 (a)", "Opening of the meeting"],
        ["", "1 (b)", "Adoption of the agenda and organization of work"],
        ["", "2", "First substantive topic"],
        ["3–5 p.m.", "2", "First substantive topic (<i>continued</i>)"],
        ["", "3", "Second substantive topic"],
        ["Wednesday, 7 September", "", ""],
        ["11 a.m.–1 p.m.", "3", "Second substantive topic (<i>continued</i>)"],
        ["3–5 p.m.", "4", "Other matters"],
        ["", "5", "Adoption of the report"],
    ]


def test_annex_hours_with_minutes_and_noon(write_config) -> None:  # type: ignore[no-untyped-def]
    """Minutes follow a full stop and 12:00 is "noon" (our convention where the seeds are silent)."""
    path = write_config('days: {first: 2022-09-06, last: 2022-09-07, hours: ["09:30-12:00", "12:00-12:45", "14:30-17:30"]}\n', limit=6)
    hours = [row[0] for row in tsv(path) if row[0] and row[1]]
    assert hours == ["9.30 a.m.–noon", "noon–12.45 p.m.", "2.30–5.30 p.m."] * 2


def test_annex_meeting_opening_in_the_afternoon(write_config) -> None:  # type: ignore[no-untyped-def]
    """A first day with only an afternoon plenary meeting opens with the organizational items at 3 p.m."""
    path = write_config(
        """\
        days:
          first: 2022-09-07
          last: 2022-09-09
          hours: ["10:00-13:00", "15:00-18:00"]
          exceptions:
            2022-09-07: ["15:00-18:00"]
        """,
        limit=5,
    )
    rows = tsv(path)
    assert rows[:4] == [
        ["Wednesday, 7 September", "", ""],
        ["3–6 p.m.", "1 (a)", "Opening of the meeting"],
        ["", "1 (b)", "Adoption of the agenda and organization of work"],
        ["", "2", "First substantive topic"],
    ]
    assert rows[-2:] == [["3–6 p.m.", "4", "Other matters"], ["", "5", "Adoption of the report"]]


def test_annex_two_week_session_over_a_weekend_and_a_holiday(write_config) -> None:  # type: ignore[no-untyped-def]
    """Weekends are left out; an official holiday stands as a day heading with its note and no meetings."""
    path = write_config(
        """\
        days:
          first: 2022-08-29
          last: 2022-09-09
          hours: ["10:00-13:00", "15:00-18:00"]
          exceptions:
            2022-09-05: Official United Nations holiday
        """,
        limit=18,
    )
    meeting = load(path)
    days = [row[0] for row in tsv(path) if row[1] == "" and row[0][:1].isalpha()]
    assert days == [
        "Monday, 29 August", "Tuesday, 30 August", "Wednesday, 31 August", "Thursday, 1 September",
        "Friday, 2 September", "Monday, 5 September", "Tuesday, 6 September",
        "Wednesday, 7 September", "Thursday, 8 September", "Friday, 9 September",
    ]  # fmt: skip
    # As the real annexes print it: the date in the first column, the note in the third (issue 14).
    assert ["Monday, 5 September", "", "Official United Nations holiday"] in tsv(path)
    plan = schedule(meeting)
    assert len(plan.plenaries) == 18
    assert [a.share for a in plan.allocations if a.item.label == "2"] == [1] * 8 + [0.5]


def test_annex_meeting_in_new_york(write_config) -> None:  # type: ignore[no-untyped-def]
    """A meeting in New York keeps its local hours in the annex."""
    new_york = (
        "meeting:\n  body: Ad Hoc Committee\n  ordinal: 1\n  symbol: A/AC.291/1\n  venue: New York\n"
        "  time_zone: America/New_York\n  issued: 2022-01-10\n  plenary_meetings: 2\n"
    )
    path = write_config('days: {first: 2022-02-28, hours: ["10:00-13:00", "15:00-18:00"]}\n', meeting=new_york)
    rows = tsv(path)
    assert rows[0] == ["Monday, 28 February", "", ""]
    assert [row[0] for row in rows if row[0].endswith("m.")] == ["10 a.m.–1 p.m.", "3–6 p.m."]


def test_annex_one_day_meeting(write_config) -> None:  # type: ignore[no-untyped-def]
    """A one-day meeting of two plenary meetings: each substantive item gets half a meeting."""
    path = write_config('days: {first: 2022-09-06, hours: ["10:00-13:00", "15:00-18:00"]}\n', limit=2)
    assert tsv(path) == [
        ["Tuesday, 6 September", "", ""],
        ["10 a.m.–1 p.m.", "1 (a)", "Opening of the meeting"],
        ["", "1 (b)", "Adoption of the agenda and organization of work"],
        ["", "2", "First substantive topic"],
        ["", "3", "Second substantive topic"],
        ["3–6 p.m.", "4", "Other matters"],
        ["", "5", "Adoption of the report"],
    ]


def test_annex_six_sub_items_under_item_1(write_config) -> None:  # type: ignore[no-untyped-def]
    """A Conference of the Parties' item 1 with six sub-items: each has its row, the parent none; the credentials
    report, 1 (e), is taken up at the end, before the closing items."""
    agenda = """\
agenda:
  - title: Organizational matters
    sub_items:
      - Opening of the session
      - Election of officers
      - Adoption of the agenda and organization of work
      - Participation of observers
      - Adoption of the report of the Bureau on credentials
      - title: General discussion
        kind: substantive
  - title: Review of implementation
  - title: Other matters
  - title: Adoption of the report
"""
    path = write_config('days: {first: 2022-10-17, last: 2022-10-18, hours: ["10:00-13:00", "15:00-18:00"]}\n', agenda=agenda)
    rows = tsv(path)
    assert [row[1] for row in rows if row[1]] == [
        "1 (a)", "1 (b)", "1 (c)", "1 (d)", "1 (f)", "1 (f)", "2", "2", "1 (e)", "3", "4",
    ]  # fmt: skip
    assert ["3–6 p.m.", "1 (f)", "General discussion (<i>continued</i>)"] in rows
    assert all(row[1] != "1" for row in rows)


def test_annex_share_and_pin_override_the_default(write_config) -> None:  # type: ignore[no-untyped-def]
    """A share of 1 for item 2 and a pin of item 3 to the 3rd plenary meeting replace the equal split."""
    agenda = """\
agenda:
  - title: Organizational matters
    sub_items: [Opening of the meeting, Adoption of the agenda and organization of work]
  - title: First substantive topic
    share: 1
  - title: Second substantive topic
  - title: Third substantive topic
    pin: 3
  - title: Other matters
  - title: Adoption of the report
"""
    path = write_config('days: {first: 2022-09-06, last: 2022-09-07, hours: ["10:00-13:00", "15:00-18:00"]}\n', agenda=agenda)
    plan = schedule(load(path))
    placed = [(a.plenary, a.item.label, a.share) for a in plan.allocations]
    assert placed == [(1, "1 (a)", 0), (1, "1 (b)", 0), (1, "2", 1), (2, "3", 1), (3, "4", 1), (4, "5", 0.5), (4, "6", 0.5)]
