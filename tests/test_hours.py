"""meetplan hours: every daily hours within the service hours, ranked by who they leave at night."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from meetplan.cli import main
from meetplan.hours import candidates, rank
from meetplan.model import Hours
from meetplan.plan import plan

from conftest import ROOT

# A venue on UTC all year (Abidjan), one two-hour plenary meeting a day, and two delegations: Colombia (Bogotá,
# UTC-5, no summer time) and Singapore (UTC+8). Awake from 07:00 to 22:00 local time means 12:00-03:00 UTC in
# Bogotá and 23:00-14:00 UTC in Singapore: the only hours that leave no one at night are noon-2 p.m.
SMALL = """\
meeting:
  body: Working Group on Fair Hours
  ordinal: 1
  symbol: FAIR/WG.1/2025/1
  venue: Abidjan
  time_zone: Africa/Abidjan
  format: online
  online: {platform: Interprefy}
  issued: 2025-01-15
  plenary_meetings: 2
days:
  first: 2025-03-03
  last: 2025-03-04
  hours: ["10:00-12:00"]
agenda:
  - Opening of the session
  - Review of implementation
  - Adoption of the report
delegations:
  parties: [Colombia, Singapore]
"""
REGISTRATIONS = """\
First Name,Last Name,Position,Affiliation,Email,Phone,Participation
Ana,Gómez,Adviser,Colombia,,,Online
Luis,Pérez,Adviser,Colombia,,,Online
Marta,Ruiz,Adviser,Colombia,,,Online
Wei,Tan,Adviser,Singapore,,,Online
"""


def _write(tmp_path: Path, registrations: bool) -> Path:
    text = SMALL
    if registrations:
        (tmp_path / "registrations.csv").write_text(REGISTRATIONS, encoding="utf-8")
        text += "participants:\n  registrations: registrations.csv\n"
    path = tmp_path / "fair.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _starts(path: Path) -> list[tuple[str, int, tuple[tuple[str, int], ...]]]:
    planned = plan(path)
    ranking = rank(planned.schedule, planned.seats)
    return [(option.hours[0].start.strftime("%H:%M"), option.participants, option.night) for option in ranking.ranked]


def test_the_best_hours_are_the_ones_known_by_hand(tmp_path: Path) -> None:
    """Noon-2 p.m. UTC alone leaves no one at night. Every other start leaves one delegation at night, Bogotá before
    noon (10 a.m. is 5 a.m. there), Singapore after (12.30-2.30 p.m. ends at 10.30 p.m. there): the ties go to the hours
    closest to the usual 10 a.m., then the earlier."""
    ranked = _starts(_write(tmp_path, registrations=False))
    assert ranked[:4] == [("12:00", 0, ()), ("10:00", 1, (("Colombia", 1),)), ("09:30", 1, (("Colombia", 1),)),
                          ("10:30", 1, (("Colombia", 1),))]
    assert ("12:30", 1, (("Singapore", 1),)) in ranked
    assert len(ranked) == 21  # starts from 8 a.m. to 6 p.m., every 30 minutes
    assert ranked[-1][0] == "18:00"


def test_participants_weigh_more_than_closeness_to_the_usual_hours(tmp_path: Path) -> None:
    """With three registrations from Colombia and one from Singapore, leaving Singapore at night comes second."""
    ranked = _starts(_write(tmp_path, registrations=True))
    assert ranked[:2] == [("12:00", 0, ()), ("12:30", 1, (("Singapore", 1),))]
    assert ranked[2][:2] == ("13:00", 1)


def test_the_command_prints_the_best_and_the_current_hours(tmp_path: Path) -> None:
    """The table lists the best hours and the current ones with their rank and who is at night."""
    result = CliRunner().invoke(main, ["hours", str(_write(tmp_path, registrations=True)), "--top", "2"])
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ") and not line.startswith(("| Rank", "| ---"))]
    assert rows == [
        "| 1 | noon–2 p.m. | 0 | 0 | no one |",
        "| 2 | 12.30–2.30 p.m. | 1 | 1 | Singapore (1) |",
        "| current (14 of 21) | 10 a.m.–noon | 3 | 1 | Colombia (3) |",
    ]


def test_the_2020_meeting_ranks_its_45_possible_hours() -> None:
    """The 2020 meeting (synthetic registrations): 45 hours of two 3-hour meetings 2 hours apart on a 30-minute grid,
    and the current 10 a.m.-1 p.m. and 3-6 p.m. leave more participants at night than the best."""
    planned = plan(ROOT / "config" / "wgsom-2020.yaml")
    ranking = rank(planned.schedule, planned.seats)
    assert len(ranking.ranked) == 45
    assert ranking.current is not None and ranking.current.hours == (Hours(start=dt.time(10), end=dt.time(13)), Hours(start=dt.time(15), end=dt.time(18)))
    assert ranking.ranked[0].participants <= ranking.current.participants
    assert [o.participants for o in ranking.ranked] == sorted(o.participants for o in ranking.ranked)


def test_candidates_are_every_start_on_the_grid() -> None:
    """Two meetings of 3 hours, at least 2 hours apart, between 8 a.m. and 8 p.m. every 30 minutes: 45 pairs."""
    found = candidates([180, 180], 120, 8 * 60, 20 * 60, 30)
    assert (len(found), found[0], found[-1]) == (45, (480, 780), (720, 1020))
    assert len(candidates([180, 180], 120, 8 * 60, 20 * 60, 15)) == 153


def test_wrong_options_are_one_line_each(tmp_path: Path) -> None:
    """A time that is no HH:MM, or service hours too short for the meetings: one line, exit 2."""
    path = _write(tmp_path, registrations=False)
    result = CliRunner().invoke(main, ["hours", str(path), "--from", "8"])
    assert (result.exit_code, result.stderr.splitlines()[0]) == (2, "error: --from: must be a time of day as HH:MM, such as 08:00, not '8'")
    result = CliRunner().invoke(main, ["hours", str(path), "--from", "09:00", "--to", "10:30"])
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        2, "error: --from/--to: 1 plenary meetings of 120 minutes, at least 0 minutes apart, do not fit between 9 a.m. and 10.30 a.m.")
