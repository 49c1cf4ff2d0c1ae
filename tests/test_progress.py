"""The session as it runs: the record of progress, the re-plan around it, the revision, the notice of changes,
the order of the day and the report from the record (issue 16)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from icscheck import ics_check
from meetplan.cli import main
from meetplan.config import load
from meetplan.errors import ConfigError, PlanError
from meetplan.plan import plan
from meetplan.replan import assignments_changed, replan
from test_report import normalize, seed_paragraphs

from conftest import HYBRID_MEETING, ROOT
from golden import assert_golden, golden_file

REV1 = ROOT / "config" / "wgsom-2020-rev1.yaml"
RUNS = Path(__file__).resolve().parent / "runs"


def write(tmp_path: Path, record: str, config: str = HYBRID_MEETING, name: str = "meeting") -> Path:
    """A configuration naming the record ``record.yaml`` beside it, and the record."""
    (tmp_path / "record.yaml").write_text(textwrap.dedent(record), encoding="utf-8")
    path = tmp_path / f"{name}.yaml"
    path.write_text(config + "progress: record.yaml\n", encoding="utf-8")
    return path


def rows(path: Path) -> list[tuple[int, str, bool]]:
    """(plenary meeting, entry, continued) of the plan."""
    return [(a.plenary, a.item.label, a.continued) for a in plan(path).schedule.allocations]


def problems(path: Path) -> list[str]:
    with pytest.raises((ConfigError, PlanError)) as caught:
        plan(path)
    return [str(problem) for problem in caught.value.problems]


# --- the worked example: config/wgsom-2020-rev1.yaml -----------------------------------------------------------


def previous_issue(tmp_path: Path) -> Path:
    """The first issue of the worked example: the same meeting before the record, revision 0, issued in June."""
    text = REV1.read_text(encoding="utf-8")
    text = text.replace("  issued: 2020-09-08", "  issued: 2020-06-04").replace("  revision: 1", "  revision: 0")
    text = re.sub(r"(?m)^progress: .*\n", "", text)
    path = tmp_path / "wgsom-2020.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_worked_example_rebuilt_over_the_first_issue(tmp_path: Path, update_golden: bool) -> None:
    """Rev.1 over the first issue: the calendar raises SEQUENCE on the 2nd and 3rd plenary meetings only (ics-check
    reads it), the notice of changes names items 2 and 3, and the order of 9 September is the re-planned one."""
    folder = tmp_path / "out"
    runner = CliRunner()
    first = runner.invoke(main, ["build", str(previous_issue(tmp_path)), "-o", str(folder)], env={"SOURCE_DATE_EPOCH": None})
    assert first.exit_code == 0, first.output
    second = runner.invoke(main, ["build", str(REV1), "-o", str(folder)], env={"SOURCE_DATE_EPOCH": None})
    assert second.exit_code == 0, second.output
    calendar = (folder / "calendar.ics").read_bytes()
    sequences = re.findall(rb"SUMMARY:[^\r]*?(\d+)(?:st|nd|rd|th) plenary meeting\r\n(?:[^\r]*\r\n)*?SEQUENCE:(\d+)", calendar)
    assert [(int(n), int(s)) for n, s in sequences] == [(1, 0), (2, 1), (3, 1), (4, 0)]
    ics_check(folder / "calendar.ics")
    outputs = {"calendar.ics": calendar, "notice.txt": second.stderr.encode("utf-8"), "annex.md": (folder / "annex.md").read_bytes()}
    for fmt in ("md", "html", "docx"):
        target = tmp_path / f"day.{fmt}"
        day = runner.invoke(main, ["day", str(REV1), "2020-09-09", "--format", fmt, "--output", str(target)])
        assert day.exit_code == 0, day.output
        outputs.update([golden_file(f"day-2020-09-09.{fmt}", target.read_bytes())])
    assert_golden(outputs, RUNS / "wgsom-2020-rev1", update=update_golden)


def test_worked_example_changes_two_assignments() -> None:
    """Item 2 running on into the 3rd plenary meeting and item 3 missing the 2nd: two changes, the fewest possible."""
    result = replan(load(REV1))
    assert (result.changed, result.from_scratch) == (2, 2)
    assert assignments_changed(result.baseline, result.schedule) == 2


def test_revision_prints_the_revised_symbol_and_keeps_the_uids() -> None:
    """The annex says CTOC/COP/WG.7/2020/1/Rev.1; the calendar's UIDs are those of the first issue."""
    result = CliRunner().invoke(main, ["annex", str(REV1)])
    assert result.output.splitlines()[0] == "CTOC/COP/WG.7/2020/1/Rev.1"
    calendar = CliRunner().invoke(main, ["calendar", str(REV1)]).output
    assert re.findall(r"UID:(\S+)", calendar) == [f"CTOC-COP-WG.7-2020-1-plenary-{n}@meetplan" for n in range(1, 5)]


def test_report_from_a_complete_record_equals_the_seed_paragraphs_5_and_11(tmp_path: Path) -> None:
    """With the record of all four meetings (config/records/wgsom-2020-complete.yaml) in place of
    report.record.considered, the report's paragraphs 5 and 11 are the seed report's."""
    text = (ROOT / "config" / "wgsom-2020.yaml").read_text(encoding="utf-8")
    text = text.replace("    considered: {4: [2, 3]}\n", "")
    text = text.replace("registrations/wgsom-2020-synthetic.csv", str(ROOT / "config" / "registrations" / "wgsom-2020-synthetic.csv"))
    path = tmp_path / "wgsom-2020.yaml"
    path.write_text(text + f"progress: {ROOT / 'config' / 'records' / 'wgsom-2020-complete.yaml'}\n", encoding="utf-8")
    report = plan(path).report
    assert report is not None
    seed = seed_paragraphs()
    assert {p.number: normalize(p.text) for p in report.paragraphs if p.number in (5, 11)} == {5: normalize(seed[5]), 11: normalize(seed[11])}


# --- the re-plan ---------------------------------------------------------------------------------------------------

# The hybrid test meeting: 1 (a), 1 (b) and 2 in the 1st and half the 2nd, 3 in the rest of the 2nd and the 3rd,
# 4 and 5 in the 4th.


def test_an_item_that_runs_over_continues_at_the_next_meeting(tmp_path: Path) -> None:
    """Item 2 not concluded at the 2nd: it opens the 3rd, and item 3 follows it there."""
    path = write(tmp_path, """\
        held:
          - {taken_up: ["1 (a)", "1 (b)", 2], concluded: ["1 (a)", "1 (b)"]}
          - {taken_up: [2]}
        """)
    assert rows(path) == [(1, "1 (a)", False), (1, "1 (b)", False), (1, "2", False), (2, "2", True), (3, "2", True),
                          (3, "3", False), (4, "4", False), (4, "5", False)]


def test_an_item_concluded_early_lets_the_next_move_up(tmp_path: Path) -> None:
    """Item 2 concluded at the 1st: item 3 moves up to take the whole of the 2nd, as planned it ends in the 3rd."""
    path = write(tmp_path, """\
        held:
          - {taken_up: ["1 (a)", "1 (b)", 2], concluded: ["1 (a)", "1 (b)", 2]}
        """)
    assert rows(path) == [(1, "1 (a)", False), (1, "1 (b)", False), (1, "2", False), (2, "3", False), (3, "3", True),
                          (4, "4", False), (4, "5", False)]


def test_meetings_held_stay_as_recorded_even_out_of_agenda_order(tmp_path: Path) -> None:
    """"Other matters" taken up at the 2nd with item 3 (as in 2020): the 2nd is kept as recorded, and the rest keeps
    item 4 in the 4th, where it was planned, rather than beside item 3 in the 3rd (one change, not three)."""
    path = write(tmp_path, """\
        held:
          - {taken_up: ["1 (a)", "1 (b)", 2], concluded: ["1 (a)", "1 (b)"]}
          - {taken_up: [2, 3, 4], concluded: [2]}
        """)
    assert rows(path)[3:6] == [(2, "2", True), (2, "3", False), (2, "4", False)]
    assert rows(path)[6:] == [(3, "3", True), (4, "4", True), (4, "5", False)]


def test_a_cancelled_meeting_and_an_added_one(tmp_path: Path) -> None:
    """The 4th is cancelled and a meeting added on the third day: it becomes the 4th, with the closing items."""
    path = write(tmp_path, """\
        held:
          - {taken_up: ["1 (a)", "1 (b)", 2], concluded: ["1 (a)", "1 (b)"]}
        cancelled: [2026-12-01 afternoon]
        added:
          - {date: 2026-12-02, hours: "10:00-13:00"}
        """)
    scheduled = plan(path).schedule
    assert [(p.number, p.date.isoformat(), p.hours.start.hour) for p in scheduled.plenaries][-1] == (4, "2026-12-02", 10)
    assert [a.item.label for a in scheduled.allocations_in(4)] == ["4", "5"]


def test_the_rest_that_does_not_fit_is_refused_naming_what_would_give(tmp_path: Path) -> None:
    """Three meetings gone on item 2: items 2, 3, 4 and 5 cannot share the last one."""
    path = write(tmp_path, """\
        held:
          - {taken_up: ["1 (a)", "1 (b)", 2], concluded: ["1 (a)", "1 (b)"]}
          - {taken_up: [2]}
          - {taken_up: [2]}
        """)
    assert problems(path) == [
        f"{tmp_path / 'record.yaml'}:4: held: the rest of the agenda does not fit: items 2, 3, 4 and 5 need at least 2 "
        "plenary meetings and 1 remains after the 3rd: add a plenary meeting under added, conclude an item sooner "
        "(shorter speaking limits), or give an item's time to another (take two up together)"]


def test_an_agenda_concluded_early_asks_to_cancel_the_rest(tmp_path: Path) -> None:
    """Every item concluded at the 3rd: the 4th would have no item."""
    path = write(tmp_path, """\
        held:
          - {taken_up: ["1 (a)", "1 (b)", 2], concluded: ["1 (a)", "1 (b)", 2]}
          - {taken_up: [3], concluded: [3]}
          - {taken_up: [4, 5], concluded: [4, 5]}
        """)
    assert problems(path) == [
        f"{tmp_path / 'record.yaml'}:4: held: every agenda item is concluded after the 3rd plenary meeting, but the 4th "
        "plenary meeting would have no agenda item: cancel it under cancelled"]


# --- bad records -----------------------------------------------------------------------------------------------


def test_bad_records_get_located_one_line_errors(tmp_path: Path) -> None:
    """Every problem of a record at once, each file:line: field: message."""
    path = write(tmp_path, """\
        held:
          - meeting: 2
            taken_up: [2, 9]
            concluded: [3]
            heard: {4: [Brazil]}
            said: nothing
          - {taken_up: [2], concluded: [2]}
          - {taken_up: [2]}
        cancelled: [7]
        added:
          - {date: 2026-12-01, hours: "16:00-17:00"}
        """)
    record = tmp_path / "record.yaml"
    assert problems(path) == [
        f"{record}:9: cancelled[1]: the plan has 4 plenary meetings; there is no 7th",
        f"{record}:11: added[1].hours: overlaps the plenary meeting of 15:00-18:00 that day",
        f"{record}:6: held[1].said: unknown key; known keys: meeting, taken_up, concluded, heard",
        f"{record}:2: held[1].meeting: is 2, but this is the 1st plenary meeting held in the list: list them in order",
        f"{record}:3: held[1].taken_up: there is no agenda item 9 (items: 1 (a), 1 (b), 2, 3, 4, 5)",
        f"{record}:4: held[1].concluded: item 3 is not among the items taken up at this plenary meeting",
        f"{record}:5: held[1].heard.4: item 4 is not among the items taken up at this plenary meeting",
        f"{record}:8: held[3].taken_up: item 2 was concluded at the 2nd plenary meeting; leave it out of the concluded "
        "items there if its consideration went on",
    ]


def test_a_missing_record_names_the_configuration_line(tmp_path: Path) -> None:
    """progress: naming no file is the configuration's problem, at its line."""
    path = tmp_path / "meeting.yaml"
    path.write_text(HYBRID_MEETING + "progress: nowhere.yaml\n", encoding="utf-8")
    line = HYBRID_MEETING.count("\n") + 1
    assert problems(path) == [f"{path}:{line}: progress: no such file: {tmp_path / 'nowhere.yaml'}"]


def test_a_bad_record_exits_2_without_a_traceback(tmp_path: Path) -> None:
    """On the command line: one line per problem, exit status 2."""
    path = write(tmp_path, "held: [{taken_up: [12]}]\n")
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {tmp_path / 'record.yaml'}:1: held[1].taken_up: there is no agenda item 12 (items: 1 (a), 1 (b), 2, 3, 4, 5)",
        "meetplan: 1 problem; nothing was written."]


# --- the order of the day ----------------------------------------------------------------------------------------


def test_day_without_a_plenary_meeting_is_refused(tmp_path: Path) -> None:
    """A date outside the session: exit 2 naming the session's days."""
    result = CliRunner().invoke(main, ["day", str(REV1), "2020-09-10"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "error: DATE: no plenary meeting is held on Thursday, 10 September 2020; the seventh meeting meets on "
        f"8 and 9 September 2020, see meetplan check {REV1}")


def test_notice_names_the_speakers_whose_expected_time_moved(tmp_path: Path) -> None:
    """A rebuild that gives the Chair's opening 20 minutes, not 10, moves every speaker of the 1st plenary meeting
    by 20 minutes: the notice names each, with both times; those of later meetings, unmoved, are not named."""
    (tmp_path / "registrations").symlink_to(ROOT / "config" / "registrations")
    config = tmp_path / "meeting.yaml"
    text = (ROOT / "config" / "wgsom-2020.yaml").read_text(encoding="utf-8")
    config.write_text(text, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(config), "--output", str(tmp_path / "out")]).exit_code == 0
    config.write_text(text.replace("\nspeakers:\n", "\nspeakers:\n  opening_minutes: 20\n"), encoding="utf-8")
    result = runner.invoke(main, ["build", str(config), "--output", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if "now expected" in line]
    assert notes[0] == ("note: Amanda Ledwaba (South Africa), under item 2: now expected Tuesday, 8 September, 10.40 a.m. "
                        "(previously Tuesday, 8 September, 10.20 a.m.).")
    assert notes[-1] == ("note: Morocco, under item 2: now expected Tuesday, 8 September, 11.50 a.m. "
                         "(previously Tuesday, 8 September, 11.30 a.m.).")
    assert len(notes) == 9  # the 1st plenary meeting's nine speakers; the 2nd meeting's keep their times


def test_speakers_not_reached_open_the_item_next_meeting(tmp_path: Path) -> None:
    """After the 1st plenary meeting, where only two panellists of item 2 were heard, the others keep their order
    from the head of item 2's time in the 2nd meeting (3 p.m.); the two heard stay where they spoke."""
    (tmp_path / "registrations").symlink_to(ROOT / "config" / "registrations")
    (tmp_path / "record.yaml").write_text(textwrap.dedent("""\
        held:
          - taken_up: ["1 (a)", "1 (b)", 2]
            concluded: ["1 (a)", "1 (b)"]
            heard: {2: [Amanda Ledwaba, Andrés Pérez Esquivel]}
        """), encoding="utf-8")
    text = (ROOT / "config" / "wgsom-2020.yaml").read_text(encoding="utf-8")
    config = tmp_path / "meeting.yaml"
    config.write_text(text.replace("\nspeakers:\n", "\nprogress: record.yaml\n\nspeakers:\n"), encoding="utf-8")
    speakers = plan(config).speakers
    assert speakers is not None
    item = next(i for i in speakers.items if i.item.label == "2")
    timed = [(t.inscription.name or t.inscription.delegation.name, t.plenary, t.start.strftime("%H:%M") if t.start else None)
             for t in item.turns]  # type: ignore[union-attr]
    assert timed[:4] == [
        ("Amanda Ledwaba", 1, "10:20"),
        ("Andrés Pérez Esquivel", 1, "10:35"),
        ("Simona Ragazzi", 2, "15:00"),  # not reached at the 1st: at the head of the 2nd
        ("Brazil", 2, "15:15"),
    ]
    assert [t.position for t in item.turns] == list(range(1, len(item.turns) + 1))


def test_report_statements_follow_the_speakers_the_record_heard(tmp_path: Path) -> None:
    """With the speakers heard under item 2 recorded, the report's panel and statements under item 2 are those:
    one panellist of three, two of the inscribed parties, and a party heard without an inscription."""
    from meetplan.report import statements_input

    (tmp_path / "registrations").symlink_to(ROOT / "config" / "registrations")
    (tmp_path / "record.yaml").write_text(textwrap.dedent("""\
        held:
          - taken_up: ["1 (a)", "1 (b)", 2]
            concluded: ["1 (a)", "1 (b)"]
            heard: {2: [Amanda Ledwaba, Brazil, Canada, Peru]}
        """), encoding="utf-8")
    text = (ROOT / "config" / "wgsom-2020.yaml").read_text(encoding="utf-8")
    config = tmp_path / "meeting.yaml"
    config.write_text(text.replace("\nspeakers:\n", "\nprogress: record.yaml\n\nspeakers:\n"), encoding="utf-8")
    meeting = plan(config).meeting
    assert meeting.report is not None
    panellists, statements = statements_input(meeting, meeting.report)
    assert [p.name for p in panellists if p.item == 2] == ["Ms. Ledwaba"]
    assert sorted(s.delegation.name for s in statements if s.item == 2) == ["Brazil", "Canada", "Peru"]
    assert {p.item for p in panellists} == {2, 3}  # item 3, which the record does not reach, keeps its inscriptions
