"""The rules of the floor: level of representation, lots with a seed, statements in writing only."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from meetplan.cli import main
from test_speakers import item, timed, write

from conftest import ROOT

# Ten statements inscribed at the opening of the list (the same minute), then one later; Mexico's minister and
# Canada's head of Government among them.
SIMULTANEOUS = ["Brazil", "Canada", "Mexico", "South Africa", "European Union", "Thailand", "China", "Morocco",
                "International Organization for Migration", "Sovereign Order of Malta"]


def _speakers(settings: str = "", extra: str = "") -> str:
    lines = "\n".join(f"        - {{delegation: \"{name}\", inscribed: \"2022-09-01 10:00\"{extra if name in ('Canada', 'Mexico') else ''}}}"
                      for name in SIMULTANEOUS)
    return f"speakers:\n{settings}  items:\n    2:\n      statements:\n{lines}\n        - {{delegation: Friends of the Earth Vienna, inscribed: \"2022-09-01 11:00\"}}\n"


def _order(tmp_path: Path, text: str, name: str = "meeting") -> list[str]:
    return [turn.inscription.delegation.name for turn in item(timed(write(tmp_path, text, name=name)), "2").turns]




def test_lots_give_the_same_order_for_the_same_seed_and_another_for_another(tmp_path: Path) -> None:
    """The seed decides the order of the statements inscribed together, and nothing else does."""
    plain = _order(tmp_path, _speakers(), "plain")
    first = _order(tmp_path, _speakers("  lots: 2020\n"), "one")
    again = _order(tmp_path, _speakers("  lots: 2020\n"), "two")
    other = _order(tmp_path, _speakers("  lots: 7\n"), "three")
    assert first == again
    assert other != first
    # Lots are drawn within each kind of speaker (parties, the signatory, non-party States, ...), and the later
    # inscription stays last: each kind keeps its places and its members.
    assert plain == [*SIMULTANEOUS, "Friends of the Earth Vienna"]
    for order in (first, other):
        assert [sorted(order[a:b]) for a, b in ((0, 5), (5, 6), (6, 8), (8, 9), (9, 10))] == \
            [sorted(plain[a:b]) for a, b in ((0, 5), (5, 6), (6, 8), (8, 9), (9, 10))]
        assert order[-1] == "Friends of the Earth Vienna"
    assert first[:5] != plain[:5]


def test_the_seed_is_printed_in_the_running_order_and_the_workbook(tmp_path: Path) -> None:
    """Anyone can redraw the lots: the running order and speakers.xlsx say the seed."""
    path = write(tmp_path, _speakers("  lots: 2020\n"))
    result = CliRunner().invoke(main, ["build", str(path), "--output", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "running-order.md").read_text(encoding="utf-8")
    assert "Order of speakers: Lots drawn for statements inscribed at the same time, seed 2020.\n" in text
    from openpyxl import load_workbook

    overview = load_workbook(tmp_path / "out" / "speakers.xlsx")["Overview"]
    values = [cell.value for row in overview.iter_rows() for cell in row if cell.value]
    assert "Lots drawn for statements inscribed at the same time, seed 2020." in values


def test_by_level_calls_heads_of_government_then_ministers_first(tmp_path: Path) -> None:
    """Within the parties, Canada's head of Government, then Mexico's minister, then the others as inscribed."""
    text = _speakers("  by_level: true\n").replace('{delegation: "Canada", inscribed: "2022-09-01 10:00"}',
                                                    '{delegation: "Canada", inscribed: "2022-09-01 10:00", level: head of Government}')
    text = text.replace('{delegation: "Mexico", inscribed: "2022-09-01 10:00"}',
                        '{delegation: "Mexico", inscribed: "2022-09-01 10:00", level: Minister}')
    assert _order(tmp_path, text)[:5] == ["Canada", "Mexico", "Brazil", "South Africa", "European Union"]


def test_a_statement_in_writing_keeps_its_place_and_takes_no_time(tmp_path: Path) -> None:
    """A written statement is listed without time, is not a speaker who does not fit, and gets no calendar event."""
    text = _speakers().replace('{delegation: "Brazil", inscribed: "2022-09-01 10:00"}',
                               '{delegation: "Brazil", inscribed: "2022-09-01 10:00", written: true, mode: online}')
    path = write(tmp_path, text)
    entry = item(timed(path), "2")
    brazil = entry.turns[0]
    assert (brazil.inscription.delegation.name, brazil.minutes, brazil.start, entry.warning) == ("Brazil", 0, None, None)
    assert entry.turns[1].start == entry.windows[0].start  # the next speaker opens the item
    result = CliRunner().invoke(main, ["build", str(path), "--output", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "running-order.md").read_text(encoding="utf-8")
    assert "Statements delivered in writing only (no time):\n\n| Time |" in text
    assert "Inscribed, not expected to be reached" not in text
    assert not (tmp_path / "out" / "speakers" / "Brazil.ics").exists()


def test_a_wrong_level_or_written_is_one_located_line(tmp_path: Path) -> None:
    """An unknown level and a written that is no boolean: each one line with file, line and field, exit 2."""
    text = _speakers().replace('{delegation: "Brazil", inscribed: "2022-09-01 10:00"}',
                               '{delegation: "Brazil", inscribed: "2022-09-01 10:00", level: king, written: maybe}')
    path = write(tmp_path, text)
    line = next(n for n, t in enumerate(path.read_text().splitlines(), start=1) if "level: king" in t)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[:2] == [
        f"error: {path}:{line}: speakers.items.2.statements[1].level: must be \"head of State or Government\", \"minister\" or \"other\", not 'king'",
        f"error: {path}:{line}: speakers.items.2.statements[1].written: must be true or false, not 'maybe'",
    ]


def test_readme_documents_the_rules_of_the_floor() -> None:
    """The README names every new key of the speakers: section and of a statement."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for key in ("fit_limits", "fit_floor", "by_level", "lots", "replies", "statistics", "`level`", "`written`", "`reply`"):
        assert key in readme, key


# --- rights of reply ------------------------------------------------------------------------------------------------

REPLIES = """\
speakers:
  replies: {first: 3, second: 2}
  items:
    2:
      statements:
        - Mexico
        - {delegation: Canada, reply: 2}
        - {delegation: Brazil, reply: 1, mode: online}
        - {delegation: Canada, reply: first}
    3:
      statements: [China, {delegation: Morocco, reply: 1}]
"""


def test_rights_of_reply_are_heard_at_the_end_of_the_day_first_replies_first(tmp_path: Path) -> None:
    """Item 2 ends on Monday (1st and half the 2nd plenary meeting): its replies close the 2nd, first replies before
    the second, 3 and 2 minutes, the time taken off item 3's end of that meeting. Item 3's reply closes Tuesday's 4th."""
    import datetime as dt

    speakers = timed(write(tmp_path, REPLIES))
    two, three = item(speakers, "2"), item(speakers, "3")
    replies = [(t.inscription.delegation.name, t.inscription.reply, t.minutes, t.plenary, t.start) for t in two.turns if t.inscription.reply]
    assert replies == [
        ("Brazil", 1, 3, 2, dt.datetime(2022, 9, 5, 17, 52)),
        ("Canada", 1, 3, 2, dt.datetime(2022, 9, 5, 17, 55)),
        ("Canada", 2, 2, 2, dt.datetime(2022, 9, 5, 17, 58)),
    ]
    assert [t.start for t in three.turns if t.inscription.reply] == [dt.datetime(2022, 9, 6, 17, 57)]
    # Item 3's window in the 2nd plenary meeting (the last half, 90 minutes) gives up the 8 minutes of replies.
    assert [(w.plenary, w.minutes) for w in three.windows] == [(2, 82), (3, 180)]
    assert [t.position for t in two.turns] == [1, 2, 3, 4]


def test_a_wrong_reply_is_one_located_line(tmp_path: Path) -> None:
    """A reply that is neither 1 nor 2: one line with file, line and field, exit 2."""
    path = write(tmp_path, REPLIES.replace("reply: 2}", "reply: third}"))
    result = CliRunner().invoke(main, ["check", str(path)])
    line = next(n for n, t in enumerate(path.read_text().splitlines(), start=1) if "reply: third" in t)
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        2, f"error: {path}:{line}: speakers.items.2.statements[2].reply: must be 1 (first) or 2 (second), not 'third'")


# --- statistics -----------------------------------------------------------------------------------------------------


def test_statistics_add_up_the_timed_lists(tmp_path: Path) -> None:
    """By kind, group and mode, the totals are the lists' turns and minutes; a written statement counts without time."""
    from meetplan.statistics import speaking_statistics

    text = _speakers("  statistics: true\n").replace('{delegation: "Brazil", inscribed: "2022-09-01 10:00"}',
                                                     '{delegation: "Brazil", inscribed: "2022-09-01 10:00", written: true}')
    path = write(tmp_path, text)
    speakers = timed(path)
    kinds, groups, modes = speaking_statistics(speakers)
    turns = [turn for entry in speakers.items for turn in entry.turns]
    minutes = sum(turn.minutes for turn in turns if turn.start is not None)
    for table in (kinds, groups, modes):
        assert (table.total.timed, table.total.minutes, table.total.untimed) == (10, minutes, 1)
    assert [(row.heading, row.timed, row.minutes, row.untimed) for row in kinds.rows[:2]] == [("Parties", 4, 20, 1), ("Signatories", 1, 5, 0)]
    result = CliRunner().invoke(main, ["build", str(path), "--output", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "speaking-statistics.md").read_text(encoding="utf-8")
    assert f"| Total | 10 | {minutes} | 1 |" in text
    from openpyxl import load_workbook

    assert "Statistics" in load_workbook(tmp_path / "out" / "speakers.xlsx").sheetnames
