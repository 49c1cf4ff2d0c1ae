"""Parallel meetings, rooms and interpretation capacity (issue 15): the bodies beside the plenary, the limits the
conference services set, the programme and a calendar per body."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from icscheck import ics_check
from meetplan.cli import main
from meetplan.config.bodies import BODY, PARALLEL, ROOM
from meetplan.errors import ConfigError, PlanError
from meetplan.plan import plan
from meetplan.render.body_calendars import render_body_calendars
from meetplan.render.programme import render_markdown
from meetplan.render.programme_docx import render_docx
from meetplan.style import ordinal

from conftest import ROOT
from projections import document_text

COSP_2023 = ROOT / "config" / "cosp-2023.yaml"

SESSION = """\
meeting:
  body: Conference of the Parties to the United Nations Convention against Transnational Organized Crime
  short_name: COP
  ordinal: 6
  symbol: CTOC/COP/2012/1
  venue: Vienna
  room: Plenary Hall
  time_zone: Europe/Vienna
  issued: 2012-08-01
  plenary_meetings: 4
days: {first: 2012-10-15, last: 2012-10-16, hours: ["10:00-13:00", "15:00-18:00"]}
agenda:
  - Opening of the session
  - Review of implementation
  - Technical assistance
  - Adoption of the report
"""
ROOMS = """\
  rooms:
    - {name: Plenary Hall}
    - {name: Board Room B}
    - {name: Board Room C}
    - {name: Room M7, booths: false, remote: false}
"""


def write(tmp_path: Path, parallel: str) -> Path:
    path = tmp_path / "cop.yaml"
    path.write_text(SESSION + "parallel:\n" + parallel, encoding="utf-8")
    return path


def refused(path: Path) -> list[str]:
    """The lines ``meetplan check`` prints for a refused plan (exit 2, no traceback)."""
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return [line for line in result.stderr.splitlines() if not line.startswith("meetplan:")]


def test_three_interpreted_meetings_at_once_with_capacity_two_are_refused_with_a_located_line(tmp_path: Path) -> None:
    """The plenary, the Committee of the Whole and the working group, all interpreted, at once with two teams:
    one line with the file, the line of the last-given place, the day, the hours and the three meetings."""
    path = write(tmp_path, "  interpretation: 2\n" + ROOMS + """\
  bodies:
    - {name: Committee of the Whole, short_name: COW, room: Board Room B, interpretation: true, beside: [2]}
    - {name: Working Group on Firearms, short_name: WG, room: Board Room C, interpretation: true, beside: [2, 3]}
""")
    assert refused(path) == [
        f"error: {path}:26: parallel.bodies[2].beside[1]: Monday, 15 October 2012, 3–6 p.m.: 3 meetings with interpretation "
        "at once (the 2nd plenary meeting, the 1st meeting of the Committee of the Whole and the 1st meeting of the "
        "Working Group on Firearms), but the services give 2 (parallel.interpretation); move one of them or hold it "
        "without interpretation",
    ]


def test_meetings_without_interpretation_do_not_count_against_the_capacity(tmp_path: Path) -> None:
    """Informal consultations without interpretation sit beside two interpreted meetings."""
    path = write(tmp_path, "  interpretation: 2\n" + ROOMS + """\
  bodies:
    - {name: Committee of the Whole, short_name: COW, room: Board Room B, interpretation: true, beside: [2]}
    - {name: Informal consultations, short_name: INF, room: Room M7, beside: [2]}
""")
    assert [p.schedule.plenaries[0].date for p in plan(path).programme.bodies] == [dt.date(2012, 10, 15)] * 2  # type: ignore[union-attr]


def test_unpinned_parallel_meeting_is_placed_where_capacity_allows(tmp_path: Path) -> None:
    """The working group sits beside the 1st and 2nd plenary meetings with the only second team of interpreters;
    the Committee of the Whole's two unpinned meetings go to the earliest hours left: Tuesday morning and afternoon."""
    path = write(tmp_path, "  interpretation: 2\n" + ROOMS + """\
  bodies:
    - {name: Working Group on Firearms, short_name: WG, room: Board Room C, interpretation: true, beside: [1, 2]}
    - {name: Committee of the Whole, short_name: COW, room: Board Room B, interpretation: true, meetings: 2}
""")
    cow = plan(path).programme.bodies[1].schedule  # type: ignore[union-attr]
    assert [(p.number, p.date, p.hours.start) for p in cow.plenaries] == [
        (1, dt.date(2012, 10, 16), dt.time(10, 0)), (2, dt.date(2012, 10, 16), dt.time(15, 0))]


def test_unpinned_meeting_without_interpretation_takes_the_first_free_room_hours(tmp_path: Path) -> None:
    """Without interpretation only the room limits it: the consultations start at the session's first hours."""
    path = write(tmp_path, "  interpretation: 2\n" + ROOMS + """\
  bodies:
    - {name: Informal consultations, short_name: INF, room: Room M7, meetings: 1}
""")
    inf = plan(path).programme.bodies[0].schedule  # type: ignore[union-attr]
    assert [(p.date, p.hours.start) for p in inf.plenaries] == [(dt.date(2012, 10, 15), dt.time(10, 0))]


def test_unpinned_meetings_with_no_place_left_are_refused_naming_the_body(tmp_path: Path) -> None:
    """With one team of interpreters, the plenary takes it at every hour: the committee has nowhere to go."""
    path = write(tmp_path, "  interpretation: 1\n" + ROOMS + """\
  bodies:
    - {name: Committee of the Whole, short_name: COW, room: Board Room B, interpretation: true, meetings: 1}
""")
    assert refused(path) == [
        f"error: {path}:25: parallel.bodies[1].meetings: Committee of the Whole holds 1 meeting, but its room (Board Room B) "
        "and the interpretation the services give leave places for only 0 of them at the hours of the plenary meetings; "
        "give fewer meetings, hours of its own (at) or more interpretation",
    ]


def test_two_meetings_in_one_room_at_once_are_refused(tmp_path: Path) -> None:
    """A working group given the plenary's own room beside a plenary meeting."""
    path = write(tmp_path, ROOMS + """\
  bodies:
    - {name: Working Group on Firearms, short_name: WG, room: Plenary Hall, at: ["2012-10-16 11:00-12:00"]}
""")
    assert refused(path) == [
        f"error: {path}:24: parallel.bodies[1].at[1]: Tuesday, 16 October 2012, 11 a.m.–noon: the 3rd plenary meeting and the "
        "1st meeting of the Working Group on Firearms would both meet in Plenary Hall; move one of them or give it another room",
    ]


def test_more_hours_of_interpretation_than_a_day_gives_are_refused(tmp_path: Path) -> None:
    """Two plenary meetings and a lunchtime working group: 8 hours of interpretation where 7 are given."""
    path = write(tmp_path, "  interpretation_hours: 7\n" + ROOMS + """\
  bodies:
    - {name: Working Group on Firearms, short_name: WG, room: Board Room B, interpretation: true, at: "2012-10-15 13:00-15:00"}
""")
    assert refused(path) == [
        f"error: {path}:25: parallel.bodies[1].at: Monday, 15 October 2012: 8 hours of interpretation (the 1st plenary "
        "meeting, the 2nd plenary meeting and the 1st meeting of the Working Group on Firearms), but the services give 7 a "
        "day (parallel.interpretation_hours); move a meeting to another day or hold it without interpretation",
    ]


def test_room_without_booths_or_unknown_room_is_a_configuration_error(tmp_path: Path) -> None:
    """An interpreted body in a room without booths, and a body in a room not listed, are refused with their place."""
    path = write(tmp_path, ROOMS + """\
  bodies:
    - {name: Committee of the Whole, short_name: COW, room: Room M7, interpretation: true, beside: 2}
    - {name: Working Group on Firearms, short_name: WG, room: Room X, beside: 3}
""")
    with pytest.raises(ConfigError) as error:
        plan(path)
    assert [str(p) for p in error.value.problems] == [
        f"{path}:24: parallel.bodies[1].room: Committee of the Whole has interpretation, but Room M7 has no interpretation booths",
        f"{path}:25: parallel.bodies[2].room: 'Room X' is not one of the rooms (Plenary Hall, Board Room B, Board Room C and Room M7)",
    ]


def test_wrong_places_and_names_of_bodies_are_all_reported_with_their_fields(tmp_path: Path) -> None:
    """A plenary meeting that does not exist, a day without one, hours that end before they start and a short name
    that cannot name a file: every problem at once, each at its own field."""
    path = write(tmp_path, """\
  bodies:
    - {name: A, short_name: a b, room: R, beside: [9, 2012-10-20 morning]}
    - {name: B, short_name: B, room: R, at: ["2012-10-15 18:00-17:00"]}
""")
    with pytest.raises(ConfigError) as error:
        plan(path)
    assert [f"{p.field}: {p.message}" for p in error.value.problems] == [
        "parallel.bodies[1].short_name: must be up to 30 letters, digits, full stops or hyphens, such as WG or COW (it names "
        "the body's calendar file and UIDs), and not 'plenary' or 'session'; not 'a b'",
        "parallel.bodies[1].beside[1]: there is no 9th plenary meeting (the days and hours give 4)",
        "parallel.bodies[1].beside[2]: no plenary meeting is held on the morning of Saturday, 20 October 2012 (the days and hours give 4)",
        "parallel.bodies[2].at[1]: '18:00-17:00' ends before it starts",
    ]


def test_more_seats_for_delegates_than_the_plenary_room_has_are_refused(tmp_path: Path) -> None:
    """participants.seats beyond the seats parallel.rooms gives the plenary's room is a located problem."""
    path = write(tmp_path, """\
  rooms: [{name: Plenary Hall, seats: 80}, {name: Room M7, booths: false, remote: false}]
  bodies: [{name: Informal consultations, short_name: INF, room: Room M7, beside: 1}]
""")
    registrations = tmp_path / "registrations.csv"
    registrations.write_text("First name,Last name,Delegation,Attendance\nAna,García,Spain,in person\n", encoding="utf-8")
    text = path.read_text(encoding="utf-8") + "delegations: {parties: [Spain]}\nparticipants:\n  registrations: registrations.csv\n  seats: 100\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        plan(path)
    assert [str(p) for p in error.value.problems] == [f"{path}:23: participants.seats: 100 seats, but Plenary Hall has 80 (parallel.rooms)"]


def test_body_numbers_its_meetings_on_its_own_and_prints_continued(tmp_path: Path) -> None:
    """The committee's meetings are its 1st and 2nd, whatever the plenary's numbers; the programme prints the
    column layout with each body's items and "(continued)"."""
    path = write(tmp_path, ROOMS + """\
  bodies:
    - name: Committee of the Whole
      short_name: COW
      room: Board Room B
      beside: [3, 4]
      agenda: [Consideration of draft resolutions]
""")
    text = render_markdown(plan(path).programme).data.decode()  # type: ignore[arg-type]
    assert text.splitlines()[4:] == [
        "| *Date and time* | *Plenary* | *Parallel meeting* |",
        "| --- | --- | --- |",
        "| Monday, 15 October | | |",
        "| 10 a.m.–1 p.m. | 1st plenary meeting | |",
        "| | Item 1: Opening of the session | |",
        "| | Item 2: Review of implementation | |",
        "| 3–6 p.m. | 2nd plenary meeting | |",
        "| | Item 2: Review of implementation (*continued*) | |",
        "| | Item 3: Technical assistance | |",
        "| Tuesday, 16 October | | |",
        "| 10 a.m.–1 p.m. | 3rd plenary meeting | 1st meeting of the Committee of the Whole |",
        "| | Item 3: Technical assistance (*continued*) | Item 1: Consideration of draft resolutions |",
        "| 3–6 p.m. | 4th plenary meeting | 2nd meeting of the Committee of the Whole |",
        "| | Item 4: Adoption of the report | Item 1: Consideration of draft resolutions (*continued*) |",
    ]


def test_tables_layout_prints_a_table_per_body(tmp_path: Path) -> None:
    """layout: tables gives the plenary's table, then the body's, each as the annex prints it."""
    path = write(tmp_path, "  layout: tables\n" + ROOMS + """\
  bodies:
    - {name: Informal consultations, short_name: INF, room: Room M7, beside: [3, 4]}
""")
    text = render_markdown(plan(path).programme).data.decode()  # type: ignore[arg-type]
    assert text.split("## Informal consultations\n", 1)[1].splitlines() == [
        "",
        "| *Date and time* | *Agenda item* | *Title or description* |",
        "| --- | --- | --- |",
        "| Tuesday, 16 October | | |",
        "| 10 a.m.–1 p.m. | | Informal consultations |",
        "| 3–6 p.m. | | Informal consultations (*continued*) |",
    ]


def test_tables_layout_in_word_has_a_heading_and_table_per_body(tmp_path: Path) -> None:
    """programme.docx in the tables layout: the plenary's table under "Plenary", then the body's under its name."""
    path = write(tmp_path, "  layout: tables\n" + ROOMS + """\
  bodies:
    - {name: Informal consultations, short_name: INF, room: Room M7, beside: [3, 4]}
""")
    text = document_text(render_docx(plan(path).programme).data)  # type: ignore[arg-type]
    assert text.split("<b>Informal consultations</b>\n", 1)[1].splitlines()[:5] == [
        "<table 'Normal Table'>",
        "(header) | <i>Date and time</i> | <i>Agenda item</i> | <i>Title or description</i> |",
        "| Tuesday, 16 October |  |  |",
        "| 10 a.m.–1 p.m. |  | Informal consultations |",
        "| 3–6 p.m. |  | Informal consultations (<i>continued</i>) |",
    ]


def test_configuration_without_parallel_bodies_has_no_programme() -> None:
    """The shipped configurations without a parallel: section plan no programme (their outputs are the golden files)."""
    assert plan(ROOT / "config" / "wgsom-2020.yaml").programme is None


def uids(data: bytes) -> dict[str, str]:
    """Each event's UID and its SUMMARY and DTSTART, from a calendar's text."""
    text = re.sub(r"\r\n ", "", data.decode())
    return {m[1]: f"{m[2]} {m[3]}" for m in re.finditer(r"UID:(\S+)\r\nSUMMARY:(.*?)\r\nDTSTART;\S*?:(\S+)", text)}


def test_body_uids_stay_when_another_body_gains_a_meeting_or_the_plenary_moves(tmp_path: Path) -> None:
    """The working group's calendar is byte for byte the same when the consultations gain meetings and when the
    plenary's hours change elsewhere; its UIDs are the symbol, the short name and its own number."""
    text = COSP_2023.read_text(encoding="utf-8")
    first = render_body_calendars(plan(COSP_2023).programme, lambda name: None)  # type: ignore[arg-type]
    edited = tmp_path / "cop.yaml"
    edited.write_text(text.replace("      meetings: 4\n", "      meetings: 6\n"), encoding="utf-8")
    second = render_body_calendars(plan(edited).programme, lambda name: None)  # type: ignore[arg-type]
    assert first[0].name == second[0].name == "calendar-WG.ics"
    assert first[0].data == second[0].data
    assert list(uids(first[0].data)) == [f"CAC-COSP-2023-1-WG-{n}@meetplan" for n in range(1, 7)]


def test_moved_body_meeting_keeps_its_uid_and_raises_its_sequence(tmp_path: Path) -> None:
    """Moving the working group's last meeting to Friday morning moves its event: same UID, SEQUENCE 1; the others
    keep SEQUENCE 0."""
    previous = {a.name: a.data for a in render_body_calendars(plan(COSP_2023).programme, lambda name: None)}  # type: ignore[arg-type]
    edited = tmp_path / "cop.yaml"
    edited.write_text(COSP_2023.read_text(encoding="utf-8").replace("beside: [3, 4, 5, 6, 7, 8]", "beside: [3, 4, 5, 6, 7, 9]"), encoding="utf-8")
    moved = render_body_calendars(plan(edited).programme, previous.get)  # type: ignore[arg-type]
    events = uids(moved[0].data)
    assert events["CAC-COSP-2023-1-WG-6@meetplan"] == "WG — 6th meeting 20231215T100000"
    sequences = re.findall(r"SEQUENCE:(\d+)", moved[0].data.decode())
    assert sequences == ["0", "0", "0", "0", "0", "1"]


def test_body_calendars_pass_ics_check_with_the_plenary_calendar(tmp_path: Path) -> None:
    """The shipped session's three calendars pass the independent parsers together (no UID in two files)."""
    result = CliRunner().invoke(main, ["build", str(COSP_2023), "--output", str(tmp_path)])
    assert result.exit_code == 0, result.output
    found = ics_check(tmp_path / "calendar.ics", tmp_path / "calendar-WG.ics", tmp_path / "calendar-INF.ics")
    assert len(found["libical"]) == 10 + 6 + 4


def test_whole_session_calendar_holds_every_meeting_with_the_same_uids(tmp_path: Path) -> None:
    """calendar-session.ics: the plenary's and every body's meetings in time order, each with the UID it has in its
    own calendar (one meeting, one event), read by every parser."""
    result = CliRunner().invoke(main, ["build", str(COSP_2023), "--output", str(tmp_path)])
    assert result.exit_code == 0, result.output
    session = ics_check(tmp_path / "calendar-session.ics")
    separate = [ics_check(tmp_path / name) for name in ("calendar.ics", "calendar-WG.ics", "calendar-INF.ics")]
    for parser, events in session.items():
        assert sorted(events) == sorted(event for found in separate for event in found[parser]), parser
    starts = [event[2] for event in session["libical"]]
    assert starts == sorted(starts)


def test_readme_describes_every_key_of_the_parallel_section() -> None:
    """Each declared key of parallel:, of a body and of a room has a row in the README's parallel section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### `parallel`", 1)[1].split("\n## ", 1)[0]
    missing = [key.name for part in (PARALLEL, BODY) for key in part.keys if f"| `{key.name}` |" not in section]
    missing += [key.name for key in ROOM.keys if f"`{key.name}`" not in section]
    assert missing == []


def test_body_agenda_problems_name_the_body(tmp_path: Path) -> None:
    """A body's agenda item pinned past its meetings is refused under the body's short name and its field."""
    path = write(tmp_path, ROOMS + """\
  bodies:
    - name: Committee of the Whole
      short_name: COW
      room: Board Room B
      beside: [3, 4]
      agenda: [{title: Consideration of draft resolutions, pin: 3}]
""")
    with pytest.raises(PlanError) as error:
        plan(path)
    assert [str(p) for p in error.value.problems] == [
        f"{path}:28: parallel.bodies[1].agenda[1].pin: COW: item 1 is pinned to the 3rd plenary meeting, but there are only 2"]


def test_local_times_sheet_lists_the_meetings_online_participants_can_follow() -> None:
    """With parallel meetings, the participants' local times cover the Working Group's meetings (remote
    participation) in time order beside the plenary's, and not the informal consultations (in the room only)."""
    from meetplan.render.participants_xlsx import sittings

    planned = plan(COSP_2023)
    assert planned.programme is not None
    labels = [label for label, _ in sittings(planned.schedule, planned.programme)]
    assert labels[:6] == ["1st meeting", "2nd meeting", "3rd meeting", "WG, 1st meeting", "4th meeting", "WG, 2nd meeting"]
    assert len(labels) == 10 + 6 and not any(label.startswith("INF") for label in labels)
    assert [label for label, _ in sittings(planned.schedule)] == [f"{ordinal(n)} meeting" for n in range(1, 11)]
