"""Programmes of every UN body (issue 14): sessions, pins by date, items taken up out of agenda order, the
defaults that fit a Conference, and what `check` says of them."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

from meetplan.cli import main
from meetplan.config import load
from meetplan.errors import ConfigError, PlanError
from meetplan.plan import plan
from meetplan.render.calendar import description, summary
from meetplan.render.speaker_calendars import render_speaker_calendars
from meetplan.report import documents
from meetplan.scheduler import schedule
from meetplan.style import ordinal_word

from conftest import ROOT
from golden import assert_golden

TWO_DAYS = 'days: {first: 2022-09-06, last: 2022-09-07, hours: ["10:00-13:00", "15:00-18:00"]}\n'
COP = """\
meeting:
  body: Conference of the Parties to the United Nations Convention against Transnational Organized Crime
  ordinal: 6
  symbol: CTOC/COP/2012/1
  venue: Vienna
  time_zone: Europe/Vienna
  issued: 2012-08-01
  plenary_meetings: {limit}
"""
CONFERENCE_AGENDA = """\
agenda:
  - title: Organizational matters
    sub_items:
      - Opening of the session
      - Election of officers
      - Adoption of the agenda and organization of work
      - Participation of observers
      - Adoption of the report of the Bureau on credentials
      - General discussion
  - title: Review of implementation
  - title: Provisional agenda for the seventh session of the Conference
  - title: Adoption of the report
"""
CHECKS = Path(__file__).resolve().parent / "checks"
SHIPPED = sorted((ROOT / "config").glob("*.yaml"))


def placed(path: Path) -> list[tuple[int, str, Fraction]]:
    return [(a.plenary, a.item.label, a.share) for a in schedule(load(path)).allocations]


def check_output(path: Path) -> str:
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 0, result.output
    return result.output


def errors(path: Path) -> list[str]:
    with pytest.raises((ConfigError, PlanError)) as caught:
        schedule(load(path))
    return [str(problem) for problem in caught.value.problems]


# --- 1. session or meeting ---------------------------------------------------------------------------------


def test_session_is_the_default_term_of_a_conference(write_config) -> None:  # type: ignore[no-untyped-def]
    """A Conference's outputs and check say "sixth session", never "meeting" of the session."""
    path = write_config(TWO_DAYS, meeting=COP.format(limit=4), agenda=CONFERENCE_AGENDA)
    scheduled = schedule(load(path))
    assert description(scheduled, scheduled.plenaries[2]).splitlines()[0] == (
        "Sixth session of the Conference of the Parties to the United Nations Convention against Transnational "
        "Organized Crime, 3rd plenary meeting"
    )
    assert check_output(path).splitlines()[0] == (
        "Conference of the Parties to the United Nations Convention against Transnational Organized Crime, "
        "sixth session (CTOC/COP/2012/1)"
    )


def test_session_in_the_speakers_calendars_of_a_conference(write_config) -> None:  # type: ignore[no-untyped-def]
    """A panellist's own calendar names the session as the plenary calendar does: "Sixth session of the …"."""
    speakers = "delegations:\n  parties: [Italy]\nspeakers:\n  items:\n    2:\n      panellists:\n        - {name: Anna Rossi, delegation: Italy}\n"
    path = write_config(TWO_DAYS, meeting=COP.format(limit=4), agenda=CONFERENCE_AGENDA + speakers)
    planned = plan(path)
    assert planned.speakers is not None
    [calendar] = render_speaker_calendars(planned.speakers)
    text = calendar.data.decode().replace("\r\n ", "")
    assert "X-WR-CALNAME:Conference of the Parties to the United Nations Convention against Transnational Organized Crime\\, sixth session: Anna Rossi" in text
    assert "DESCRIPTION:Sixth session of the Conference of the Parties" in text
    assert "meeting of the Conference" not in text


def test_working_group_keeps_meeting_and_term_overrides_the_default(write_config) -> None:  # type: ignore[no-untyped-def]
    """The Working Group numbers meetings; meeting.term: session says otherwise."""
    path = write_config(TWO_DAYS)
    assert check_output(path).splitlines()[0].endswith("ninth meeting (CTOC/COP/WG.7/2022/1)")
    path = write_config(TWO_DAYS, meeting=COP.format(limit=4).replace("  ordinal: 6\n", "  ordinal: 6\n  term: meeting\n"))
    assert check_output(path).splitlines()[0].endswith("sixth meeting (CTOC/COP/2012/1)")


def test_ordinals_in_words_as_un_documents_write_sessions() -> None:
    """"thirty-second session", "twenty-first", "fortieth"; figures from the hundredth."""
    assert [ordinal_word(n) for n in (6, 21, 32, 40, 100)] == ["sixth", "twenty-first", "thirty-second", "fortieth", "100th"]


def test_short_name_in_calendar_titles(write_config) -> None:  # type: ignore[no-untyped-def]
    """meeting.short_name gives "COSP 6 — 3rd plenary meeting"; the full name stays in the description."""
    path = write_config(TWO_DAYS, meeting=COP.format(limit=4) + "  short_name: COSP\n", agenda=CONFERENCE_AGENDA)
    scheduled = schedule(load(path))
    assert summary(scheduled.meeting, scheduled.plenaries[2]) == "COSP 6 \u2014 3rd plenary meeting"


# --- 2. pins by date ---------------------------------------------------------------------------------------

PINNED_BY_DATE = """\
agenda:
  - title: Organizational matters
    sub_items: [Opening of the meeting, Adoption of the agenda]
  - title: First topic
  - title: Second topic
    pin: {pin}
  - title: Adoption of the report
"""


def test_pin_by_date_does_not_drift_when_an_earlier_afternoon_is_dropped(write_config) -> None:  # type: ignore[no-untyped-def]
    """Item 3 pinned to 7 September afternoon and 8 September morning stays there when 6 September loses its afternoon."""
    days = 'days: {first: 2022-09-06, last: 2022-09-08, hours: ["10:00-13:00", "15:00-18:00"]}\n'
    dropped = days.replace("}\n", ", exceptions: {2022-09-06: [\"10:00-13:00\"]}}\n")
    agenda = PINNED_BY_DATE.format(pin="[2022-09-07 afternoon, 2022-09-08 morning]")
    before = schedule(load(write_config(days, agenda=agenda, limit=6, name="before")))
    after = schedule(load(write_config(dropped, agenda=agenda, limit=6, name="after")))
    for scheduled in (before, after):
        taken = [scheduled.plenaries[a.plenary - 1] for a in scheduled.allocations if a.item.label == "3"]
        assert [(p.date.isoformat(), p.hours.start.hour) for p in taken] == [("2022-09-07", 15), ("2022-09-08", 10)]
    assert [a.plenary for a in before.allocations if a.item.label == "3"] == [4, 5]
    assert [a.plenary for a in after.allocations if a.item.label == "3"] == [3, 4]


def test_rebuild_that_moves_a_numbered_pin_to_another_day_warns(write_config, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """pin: 4 is Wednesday afternoon; with Tuesday's afternoon dropped it becomes Thursday morning: the rebuild
    over the previous issue says so, naming the item and both days; a rebuild that moves nothing is silent."""
    days = 'days: {first: 2022-09-06, last: 2022-09-09, hours: ["10:00-13:00", "15:00-18:00"]}\n'
    dropped = days.replace("}\n", ", exceptions: {2022-09-06: [\"10:00-13:00\"]}}\n")
    agenda = PINNED_BY_DATE.format(pin=4).replace("  - title: Adoption", "  - title: Third topic\n  - title: Adoption")
    folder = str(tmp_path / "out")
    runner = CliRunner()
    first = runner.invoke(main, ["build", str(write_config(days, agenda=agenda, limit=8, name="first")), "-o", folder])
    again = runner.invoke(main, ["build", str(write_config(days, agenda=agenda, limit=8, name="again")), "-o", folder])
    moved = runner.invoke(main, ["build", str(write_config(dropped, agenda=agenda, limit=8, name="moved")), "-o", folder])
    assert (first.exit_code, again.exit_code, moved.exit_code) == (0, 0, 0)
    assert "warning" not in first.stderr + again.stderr
    # The notice of changes (note: lines) is tested in test_progress.py; here only the warning.
    assert [line for line in moved.stderr.splitlines() if not line.startswith("note:")] == [
        "warning: item 3 is pinned to the 4th plenary meeting, held on Thursday, 8 September in this issue but on "
        "Wednesday, 7 September in the previous one: pin it by date to keep it on its day"
    ]


def test_pin_by_start_time_and_numbered_pins_agree(write_config) -> None:  # type: ignore[no-untyped-def]
    """"2022-09-07 10:00" is the 3rd plenary meeting of a two-day session, as pin: 3 is."""
    by_time = placed(write_config(TWO_DAYS, agenda=PINNED_BY_DATE.format(pin='"2022-09-07 10:00"'), name="a"))
    by_number = placed(write_config(TWO_DAYS, agenda=PINNED_BY_DATE.format(pin="3"), name="b"))
    assert by_time == by_number


def test_pin_by_date_without_a_plenary_meeting_names_the_item_and_the_day(write_config) -> None:  # type: ignore[no-untyped-def]
    """A pin to an afternoon that has no plenary meeting is refused with the item, the day and its hours."""
    days = 'days: {first: 2022-09-06, last: 2022-09-07, hours: ["10:00-13:00", "15:00-18:00"], exceptions: {2022-09-07: ["10:00-13:00"]}}\n'
    path = write_config(days, agenda=PINNED_BY_DATE.format(pin="2022-09-07 afternoon"))
    assert errors(path) == [
        f"{path}:15: agenda[3].pin: item 3 is pinned to the afternoon of Wednesday, 7 September 2022, but that day "
        "has plenary meetings at 10 a.m.–1 p.m. only"
    ]


def test_first_substantive_item_pinned_to_the_1st_plenary_meeting(write_config) -> None:  # type: ignore[no-untyped-def]
    """"Take item 2 at the 1st plenary meeting": the organizational sub-items open it with no time of their own."""
    agenda = PINNED_BY_DATE.replace("  - title: First topic\n", "  - title: First topic\n    pin: 1\n").format(pin="[2, 3]")
    assert placed(write_config(TWO_DAYS, agenda=agenda)) == [
        (1, "1 (a)", 0), (1, "1 (b)", 0), (1, "2", 1), (2, "3", 1), (3, "3", 1), (4, "4", 1),
    ]  # fmt: skip


def test_item_pinned_before_an_unpinned_one_blames_the_item_without_time(write_config) -> None:  # type: ignore[no-untyped-def]
    """pin: 1 on item 3 leaves item 2 no time: the message names item 2, item 3's pin and the ways out, not the
    organizational sub-items, and not as a second error the plenary meetings left empty."""
    path = write_config(TWO_DAYS, agenda=PINNED_BY_DATE.format(pin=1))
    assert errors(path) == [
        f"{path}:13: agenda[2]: item 2 has no time: it comes before item 3, pinned to the 1st plenary meeting, which "
        "leaves none; pin it to the 1st plenary meeting beside item 3, move a pin or give item 2 taken_up: end to take "
        "it up at the end of the session"
    ]


def test_item_between_pins_names_both_neighbours(write_config) -> None:  # type: ignore[no-untyped-def]
    """An item between an item pinned to the last plenary meeting and the closing items: both neighbours named,
    the closing items as what they are (nothing pinned them)."""
    agenda = PINNED_BY_DATE.replace("  - title: First topic\n", "  - title: First topic\n    pin: 4\n").format(pin="4")
    agenda = agenda.replace("  - title: Second topic\n    pin: 4\n", "  - title: Second topic\n")
    path = write_config(TWO_DAYS, agenda=agenda)
    assert [e.split(": ", 2)[2] for e in errors(path)] == [
        "item 3 has no time: it comes after item 2, pinned to the 4th plenary meeting, and before item 4, one of the "
        "closing items that share the last plenary meeting, which leave no plenary meeting between; pin it to the 4th "
        "plenary meeting beside item 2 and item 4, move a pin or give item 3 taken_up: end to take it up at the end of "
        "the session"
    ]


# --- 3. items taken up out of agenda order ----------------------------------------------------------------


def test_credentials_report_is_taken_up_at_the_end(write_config) -> None:  # type: ignore[no-untyped-def]
    """1 (e) is taken up in the last plenary meeting, before the provisional agenda and the adoption of the report."""
    path = write_config(TWO_DAYS, meeting=COP.format(limit=4), agenda=CONFERENCE_AGENDA)
    last = [(label, share) for plenary, label, share in placed(path) if plenary == 4]
    assert last == [("1 (e)", Fraction(1, 3)), ("3", Fraction(1, 3)), ("4", Fraction(1, 3))]


def test_taken_up_end_lets_a_pin_break_the_agenda_order(write_config) -> None:  # type: ignore[no-untyped-def]
    """An item marked taken_up: end may be pinned after the items that follow it in the agenda."""
    agenda = PINNED_BY_DATE.replace("  - title: First topic\n", "  - title: First topic\n    taken_up: end\n    pin: 4\n").format(pin="[2, 3]")
    assert [(p, label) for p, label, _ in placed(write_config(TWO_DAYS, agenda=agenda))] == [
        (1, "1 (a)"), (1, "1 (b)"), (2, "3"), (3, "3"), (4, "2"), (4, "4"),
    ]  # fmt: skip


def test_pin_against_the_agenda_order_names_the_items_and_the_way_out(write_config) -> None:  # type: ignore[no-untyped-def]
    """Without taken_up, a pin against the agenda order is refused, naming both items and taken_up: end."""
    agenda = PINNED_BY_DATE.replace("  - title: First topic\n", "  - title: First topic\n    pin: 4\n").format(pin="[2, 3]")
    path = write_config(TWO_DAYS, agenda=agenda)
    assert errors(path) == [
        f"{path}:15: agenda[3].pin: item 3 is pinned to the 2nd and 3rd plenary meetings, but item 2, which comes "
        "before it, is pinned to the 4th plenary meeting: pins must follow the agenda order; to take item 2 up at the "
        "end of the session, out of agenda order, give it taken_up: end, or pin item 3 later"
    ]


# --- 4. defaults that fit Conferences ---------------------------------------------------------------------


def test_conference_defaults_each_explained_by_check(write_config) -> None:  # type: ignore[no-untyped-def]
    """Organizational sub-items take no time, the general discussion has time, the closing items share the last."""
    path = write_config(TWO_DAYS, meeting=COP.format(limit=4), agenda=CONFERENCE_AGENDA)
    shares = {label: sum(s for _, other, s in placed(path) if other == label) for _, label, _ in placed(path)}
    assert shares == {"1 (a)": 0, "1 (b)": 0, "1 (c)": 0, "1 (d)": 0, "1 (f)": Fraction(3, 2), "2": Fraction(3, 2),
                      "1 (e)": Fraction(1, 3), "3": Fraction(1, 3), "4": Fraction(1, 3)}
    explained = check_output(path).split("Defaults applied", 1)[1].splitlines()[1:]
    assert explained == [
        "  1 (a)  organizational: opens the 1st plenary meeting, without a share of the meetings",
        "  1 (b)  organizational: opens the 1st plenary meeting, without a share of the meetings",
        "  1 (c)  organizational: opens the 1st plenary meeting, without a share of the meetings",
        "  1 (d)  organizational: opens the 1st plenary meeting, without a share of the meetings",
        "  1 (f)  general discussion: time of its own, at the start",
        "  2      substantive: shares the plenary meetings between the opening and the closing items equally, in half meetings",
        "  1 (e)  credentials report: taken up at the end of the session, before the closing items (taken up out of agenda order)",
        "  3      closing: shares the last plenary meeting with the other closing items at the end of the agenda",
        "  4      closing: shares the last plenary meeting with the other closing items at the end of the agenda",
    ]


def test_other_matters_not_last_gets_no_time_and_check_says_so(write_config) -> None:  # type: ignore[no-untyped-def]
    """"Other matters" before a substantive item sits beside it with no time, and check names it."""
    agenda = PINNED_BY_DATE.replace("  - title: Second topic\n    pin: {pin}\n", "  - title: Other matters\n  - title: Second topic\n")
    path = write_config(TWO_DAYS, agenda=agenda)
    assert [share for _, label, share in placed(path) if label == "3"] == [0]
    assert "  3      closing item not at the end of the agenda: no time of its own; give it a share to give it time" in check_output(path).splitlines()


# --- 5. check, and the report's documents -----------------------------------------------------------------


def test_check_shows_shares_as_fractions_and_hours(write_config) -> None:  # type: ignore[no-untyped-def]
    """Three closing items in a meeting: "1/3 of the meeting, 1 hour", never "0.333333"."""
    agenda = CONFERENCE_AGENDA.replace("  - title: Adoption of the report\n", "  - title: Other matters\n  - title: Adoption of the report\n")
    output = check_output(write_config(TWO_DAYS, agenda=agenda.replace("Adoption of the report of the Bureau on credentials", "Statements")))
    assert "0.333333" not in output
    assert "  4      Other matters  [1/3 of the meeting, 1 hour]" in output.splitlines()


def test_check_gives_the_chair_opening_the_running_order_gives() -> None:
    """With lists of speakers, 1 (a) and 1 (b) take speakers.opening_minutes each and item 2 the rest: the times
    of the running order (item 2 from 10.20 a.m., 160 minutes), not "no time of its own" and "whole meeting"."""
    lines = check_output(ROOT / "config" / "wgsom-2020.yaml").splitlines()
    assert lines[5:8] == [
        "  1 (a)  Opening of the meeting  [10 minutes (speakers.opening_minutes)]",
        "  1 (b)  Adoption of the agenda and organization of work  [10 minutes (speakers.opening_minutes)]",
        "  2      Impact of natural disasters, conflicts and crises, such as the…  [rest of the meeting, 2 hours 40 minutes]",
    ]


def test_closing_item_document_is_described_by_its_title(write_config) -> None:  # type: ignore[no-untyped-def]
    """The credentials report's document is "Adoption of the report of the Bureau on credentials", not a background paper."""
    agenda = CONFERENCE_AGENDA.replace(
        "      - Adoption of the report of the Bureau on credentials\n",
        "      - {title: Adoption of the report of the Bureau on credentials, documents: [CTOC/COP/2012/15]}\n")
    report = "report:\n  instrument: Organized Crime Convention\n  chapter: 2\n"
    path = write_config(TWO_DAYS, meeting=COP.format(limit=4), agenda=agenda + report)
    meeting = load(path)
    assert meeting.report is not None
    assert documents(meeting, meeting.report)[1] == ("Adoption of the report of the Bureau on credentials", "CTOC/COP/2012/15")


def test_empty_plenary_meeting_names_the_items_on_either_side(write_config) -> None:  # type: ignore[no-untyped-def]
    """A pin that leaves a plenary meeting empty is named with what holds the items around it in place."""
    days = 'days: {first: 2022-09-06, last: 2022-09-08, hours: ["10:00-13:00", "15:00-18:00"]}\n'
    path = write_config(days, agenda=PINNED_BY_DATE.format(pin="2022-09-07 afternoon"), limit=6)
    assert [e.split(": ", 2)[2] for e in errors(path)] == [
        "the 5th plenary meeting would have no agenda item: item 3, pinned to the 4th plenary meeting, ends before it "
        "and item 4, one of the closing items that share the last plenary meeting, starts after; pin or share the items "
        "around it"
    ]


def test_time_heading_is_the_annex_first_column(write_config) -> None:  # type: ignore[no-untyped-def]
    """meeting.time_heading: Date/time heads the first column of the annex."""
    path = write_config(TWO_DAYS, meeting=COP.format(limit=4) + "  time_heading: Date/time\n", agenda=CONFERENCE_AGENDA)
    result = CliRunner().invoke(main, ["annex", str(path), "--format", "tsv"])
    assert result.output.splitlines()[0] == "<i>Date/time</i>\t<i>Agenda item</i>\t<i>Title or description</i>"


def annex_lines(path: Path) -> list[str]:
    result = CliRunner().invoke(main, ["annex", str(path), "--format", "tsv"])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()[1:]


def test_parent_rows_put_the_item_above_its_sub_items_in_each_plenary_meeting(write_config) -> None:  # type: ignore[no-untyped-def]
    """meeting.parent_rows: "1  Organizational matters" above 1 (a), again "(continued)" where 1 (e) is taken up."""
    path = write_config(TWO_DAYS, meeting=COP.format(limit=4) + "  parent_rows: true\n", agenda=CONFERENCE_AGENDA)
    assert annex_lines(path) == [
        "Tuesday, 6 September\t\t",
        "10 a.m.–1 p.m.\t1\tOrganizational matters",
        "\t1 (a)\tOpening of the session",
        "\t1 (b)\tElection of officers",
        "\t1 (c)\tAdoption of the agenda and organization of work",
        "\t1 (d)\tParticipation of observers",
        "\t1 (f)\tGeneral discussion",
        "3–6 p.m.\t1\tOrganizational matters (<i>continued</i>)",
        "\t1 (f)\tGeneral discussion (<i>continued</i>)",
        "\t2\tReview of implementation",
        "Wednesday, 7 September\t\t",
        "10 a.m.–1 p.m.\t2\tReview of implementation (<i>continued</i>)",
        "3–6 p.m.\t1\tOrganizational matters (<i>continued</i>)",
        "\t1 (e)\tAdoption of the report of the Bureau on credentials",
        "\t3\tProvisional agenda for the seventh session of the Conference",
        "\t4\tAdoption of the report",
    ]


def test_note_of_a_shortened_day_stands_where_the_time_it_describes_is(write_config) -> None:  # type: ignore[no-untyped-def]
    """A day without its afternoon has its note after the morning; a day without its morning, before the afternoon."""
    days = ('days: {first: 2022-09-06, last: 2022-09-07, hours: ["10:00-13:00", "15:00-18:00"], exceptions: {'
            '2022-09-06: {hours: ["10:00-13:00"], note: Afternoon reserved for informal consultations}, '
            '2022-09-07: {hours: ["15:00-18:00"], note: Morning reserved for regional groups}}}\n')
    path = write_config(days, agenda=PINNED_BY_DATE.replace("    pin: {pin}\n", ""), limit=2)
    assert annex_lines(path) == [
        "Tuesday, 6 September\t\t",
        "10 a.m.–1 p.m.\t1 (a)\tOpening of the meeting",
        "\t1 (b)\tAdoption of the agenda",
        "\t2\tFirst topic",
        "\t3\tSecond topic",
        "\t\tAfternoon reserved for informal consultations",
        "Wednesday, 7 September\t\tMorning reserved for regional groups",
        "3–6 p.m.\t4\tAdoption of the report",
    ]


# --- the shipped sessions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("config", SHIPPED, ids=[config.stem for config in SHIPPED])
def test_check_of_each_shipped_configuration(config: Path, update_golden: bool) -> None:
    """`meetplan check` of every configuration in config/ equals tests/checks/<name>/check.txt."""
    output = check_output(config)
    assert_golden({"check.txt": output.encode("utf-8")}, CHECKS / config.stem, update=update_golden)
