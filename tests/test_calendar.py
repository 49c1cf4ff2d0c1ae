"""calendar.ics: every client reads the same plenary meetings, and a new issue updates them in place."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from msgspec.structs import replace

from icscheck import Found, every_parser, ics_check, utc_times
from meetplan.cli import main
from meetplan.config import load
from meetplan.errors import ConfigError, MeetplanError
from meetplan.plan import plan
from meetplan.render.calendar import clean_text, description, fold, render_calendar, summary
from meetplan.scheduler import schedule

from conftest import ROOT, STANDARD_AGENDA

CALENDAR_KEYS = (
    "UID", "SUMMARY", "DTSTART", "DTEND", "LOCATION", "DESCRIPTION", "URL", "CONFERENCE", "STATUS",
    "SEQUENCE", "DTSTAMP", "CREATED", "LAST-MODIFIED",
)  # fmt: skip

MEETING = """\
meeting:
  body: {body}
  ordinal: 9
  symbol: {symbol}
  venue: {venue}
  room: Conference Room 4
  time_zone: {zone}
  format: hybrid
  online:
    platform: Interprefy
    url: https://example.org/join
  issued: {issued}
  revision: {revision}
  plenary_meetings: {limit}
"""

AGENDA = STANDARD_AGENDA


def config_text(
    days: str,
    *,
    agenda: str = AGENDA,
    body: str = "Working Group on the Smuggling of Migrants",
    symbol: str = "CTOC/COP/WG.7/2022/1",
    venue: str = "Vienna",
    zone: str = "Europe/Vienna",
    issued: str = "2022-06-01",
    revision: int = 0,
    limit: int = 4,
) -> str:
    meeting = MEETING.format(body=body, symbol=symbol, venue=venue, zone=zone, issued=issued, revision=revision, limit=limit)
    return meeting + textwrap.dedent(days) + agenda


def write(tmp_path: Path, text: str, name: str = "meeting") -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def render(config: Path, previous: bytes | None = None) -> bytes:
    return render_calendar(schedule(load(config)), previous).data


def parse(data: bytes) -> list:  # type: ignore[type-arg]
    return Calendar.from_ical(data).walk("VEVENT")


def check_ics(data: bytes, path: Path) -> Found:
    """Write ``data`` and run ics-check on it; each parser's events as (UID, SUMMARY, start, end) in UTC."""
    path.write_bytes(data)
    return ics_check(path)


# --- the seed meeting ----------------------------------------------------------------------------------------------


def test_calendar_wgsom_2020_events_in_utc(tmp_path: Path) -> None:
    """The four plenary meetings of 2020 are 08:00–11:00 and 13:00–16:00 UTC on 8 and 9 September in every parser."""
    data = render(ROOT / "config" / "wgsom-2020.yaml")
    expected = [
        ("20200908T080000Z", "20200908T110000Z"),
        ("20200908T130000Z", "20200908T160000Z"),
        ("20200909T080000Z", "20200909T110000Z"),
        ("20200909T130000Z", "20200909T160000Z"),
    ]
    assert utc_times(check_ics(data, tmp_path / "wgsom-2020.ics")) == every_parser(expected)


def test_calendar_event_says_body_ordinal_items_room_and_link() -> None:
    """The 2nd plenary meeting of 2020: its number, its items with "(continued)", the room, the platform and link."""
    event = parse(render(ROOT / "config" / "wgsom-2020.yaml"))[1]
    url = "https://www.unodc.org/unodc/en/organized-crime/intergovernmental-working-groups.html"
    assert str(event["SUMMARY"]) == "Working Group on the Smuggling of Migrants \u2014 2nd plenary meeting"
    assert str(event["DESCRIPTION"]).split("\n") == [
        "Seventh meeting of the Working Group on the Smuggling of Migrants, 2nd plenary meeting",
        "",
        "Agenda items:",
        "2 Impact of natural disasters, conflicts and crises, such as the COVID-19 pandemic, on trends in organized "
        "criminal groups and on routes for the smuggling of migrants, as well as good practices to support effective "
        "law enforcement cooperation during such crises to detect, investigate and prosecute such cases (continued)",
        "3 Successful strategies concerning the use of technology, including information and communications "
        "technology, to prevent and investigate the smuggling of migrants and to mount a robust response to the "
        "increasing use of cyberspace by criminal groups",
        "",
        f"Hybrid meeting: in the room or online through Interprefy: {url}",
        "",
        "Organization of work: CTOC/COP/WG.7/2020/1",
    ]
    assert str(event["LOCATION"]) == "Board Room D, Vienna International Centre, Vienna"
    assert str(event["URL"]) == url
    assert str(event["CONFERENCE"]) == url
    assert dict(event["CONFERENCE"].params) == {"VALUE": "URI", "FEATURE": ["AUDIO", "VIDEO"], "LABEL": "Interprefy"}
    assert event["DTSTART"].params["TZID"] == "Europe/Vienna"
    assert event.decoded("DTSTART") == dt.datetime(2020, 9, 8, 15, tzinfo=event.decoded("DTSTART").tzinfo)
    assert str(event["UID"]) == "CTOC-COP-WG.7-2020-1-plenary-2@meetplan"
    assert (str(event["STATUS"]), int(event["SEQUENCE"])) == ("CONFIRMED", 0)


def test_calendar_in_person_meeting_has_no_link(tmp_path: Path) -> None:
    """A meeting held in person only sends no URL and no CONFERENCE, even with a platform configured."""
    text = config_text('days: {first: 2022-09-05, last: 2022-09-06, hours: ["10:00-13:00", "15:00-18:00"]}\n')
    config = write(tmp_path, text.replace("format: hybrid", "format: in person"))
    events = parse(render(config))
    assert [("URL" in e, "CONFERENCE" in e) for e in events] == [(False, False)] * 4
    assert "Hybrid" not in str(events[0]["DESCRIPTION"])
    check_ics(render(config), tmp_path / "in-person.ics")


# --- time zones -------------------------------------------------------------------------------------------------------


def test_calendar_new_york_meeting_in_eastern_time(tmp_path: Path) -> None:
    """A meeting in New York carries TZID=America/New_York and its VTIMEZONE; 10 a.m. EDT is 14:00 UTC."""
    text = config_text(
        'days: {first: 2023-03-13, last: 2023-03-14, hours: ["10:00-13:00", "15:00-18:00"]}\n',
        venue="New York", zone="America/New_York", symbol="A/AC.123/2023/1",
    )
    data = render(write(tmp_path, text))
    expected = [
        ("20230313T140000Z", "20230313T170000Z"),
        ("20230313T190000Z", "20230313T220000Z"),
        ("20230314T140000Z", "20230314T170000Z"),
        ("20230314T190000Z", "20230314T220000Z"),
    ]
    assert utc_times(check_ics(data, tmp_path / "new-york.ics")) == every_parser(expected)
    calendar = Calendar.from_ical(data)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    lines = data.decode().split("\r\n")
    assert [line for line in lines if line.startswith("DTSTART;")][:2] == [
        "DTSTART;TZID=America/New_York:20230313T100000",
        "DTSTART;TZID=America/New_York:20230313T150000",
    ]


def test_calendar_session_across_the_end_of_summer_time(tmp_path: Path) -> None:
    """Across the October change the meetings stay at 10 a.m. local: 08:00 UTC before, 09:00 UTC after."""
    text = config_text(
        'days: {first: 2024-10-25, last: 2024-10-28, hours: ["10:00-13:00"]}\n',
        agenda="agenda:\n  - First topic\n  - Second topic\n", limit=2, issued="2024-09-01",
    )
    data = render(write(tmp_path, text))
    expected = [("20241025T080000Z", "20241025T110000Z"), ("20241028T090000Z", "20241028T120000Z")]
    assert utc_times(check_ics(data, tmp_path / "october.ics")) == every_parser(expected)
    lines = data.decode().split("\r\n")
    assert [line for line in lines if line.startswith(("DTSTART;", "DTEND;"))] == [
        "DTSTART;TZID=Europe/Vienna:20241025T100000",
        "DTEND;TZID=Europe/Vienna:20241025T130000",
        "DTSTART;TZID=Europe/Vienna:20241028T100000",
        "DTEND;TZID=Europe/Vienna:20241028T130000",
    ]


@pytest.mark.parametrize(
    ("day", "hours", "message"),
    [
        ("2021-03-28", "02:30-05:00", "02:30 on 2021-03-28 in Europe/Vienna does not exist (the clocks go forward)"),
        ("2021-10-31", "01:00-02:30", "02:30 on 2021-10-31 in Europe/Vienna happens twice (the clocks go back)"),
    ],
)
def test_calendar_refuses_local_times_the_zone_skips_or_repeats(tmp_path: Path, day: str, hours: str, message: str) -> None:
    """A plenary meeting that starts or ends in the spring gap or the autumn overlap is refused, with its line."""
    text = config_text(f'days: {{first: {day}, last: {day}, weekends: true, hours: ["{hours}"]}}\n',
                       agenda="agenda:\n  - Only topic\n", limit=1)
    config = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load(config)
    line = text.splitlines().index(next(x for x in text.splitlines() if x.startswith("days:"))) + 1
    assert [str(p) for p in caught.value.problems] == [f"{config}:{line}: days.hours: {message}"]
    result = CliRunner().invoke(main, ["calendar", str(config), "--output", str(tmp_path / "out.ics")])
    assert (result.exit_code, result.output.splitlines()[0]) == (2, f"error: {config}:{line}: days.hours: {message}")
    assert not (tmp_path / "out.ics").exists()


# --- text from the input ------------------------------------------------------------------------------------------------


def test_calendar_text_survives_every_parser_and_never_becomes_a_property(tmp_path: Path) -> None:
    """Non-ASCII letters, commas, semicolons, backslashes and line breaks come back as typed; CR LF and
    "BEGIN:VEVENT" in a title add no property and no event."""
    typed = "Groupe de travail, «Genève»; Ünïcödé — 移民\\Nations\nsecond\u2028line\x85three\x0bfour"
    # Every kind of line break comes back as LF; a control character as a space.
    body = "Groupe de travail, «Genève»; Ünïcödé — 移民\\Nations\nsecond\nline\nthree four"
    evil = "Opening\r\nBEGIN:VEVENT\r\nUID:evil@example\r\nSUMMARY:injected\r\nEND:VEVENT"
    long_title = "Права человека и миграция; " * 8
    agenda = (
        "agenda:\n"
        f"  - title: \"{evil.encode('unicode_escape').decode()}\"\n"
        f"  - title: \"{long_title.strip()}\"\n"
    )
    text = config_text(
        'days: {first: 2022-09-05, last: 2022-09-05, hours: ["10:00-13:00", "15:00-18:00"]}\n',
        body=f"\"{typed.encode('unicode_escape').decode()}\"", agenda=agenda, limit=2,
    )
    config = write(tmp_path, text)
    data = render(config)
    events = check_ics(data, tmp_path / "text.ics")
    summaries = [f"{body} \u2014 1st plenary meeting", f"{body} \u2014 2nd plenary meeting"]
    uids = ["CTOC-COP-WG.7-2022-1-plenary-1@meetplan", "CTOC-COP-WG.7-2022-1-plenary-2@meetplan"]
    assert {parser: [(uid, title) for uid, title, _, _ in found] for parser, found in events.items()} == every_parser(
        list(zip(uids, summaries, strict=True))
    )
    parsed = parse(data)
    # ics-check has shown that the three parsers agree on DESCRIPTION; icalendar shows what they agree on.
    link = ["", "Hybrid meeting: in the room or online through Interprefy: https://example.org/join", "",
            "Organization of work: CTOC/COP/WG.7/2022/1"]
    assert [str(event["DESCRIPTION"]) for event in parsed] == [
        "\n".join([f"Ninth meeting of the {body}, 1st plenary meeting", "", "Agenda items:",
                   "1 Opening\nBEGIN:VEVENT\nUID:evil@example\nSUMMARY:injected\nEND:VEVENT", *link]),
        "\n".join([f"Ninth meeting of the {body}, 2nd plenary meeting", "", "Agenda items:",
                   f"2 {long_title.strip()}", *link]),
    ]
    unfolded = re.sub(r"\r\n[ \t]", "", data.decode())
    assert [line for line in unfolded.split("\r\n") if line.startswith(("BEGIN:VEVENT", "UID:", "SUMMARY:"))] == [
        "BEGIN:VEVENT", f"UID:{uids[0]}", "SUMMARY:" + summaries[0].replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n"),
        "BEGIN:VEVENT", f"UID:{uids[1]}", "SUMMARY:" + summaries[1].replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n"),
    ]


# --- revisions --------------------------------------------------------------------------------------------------------

ISSUE_0 = config_text(
    'days: {first: 2022-09-05, last: 2022-09-06, hours: ["10:00-13:00", "15:00-18:00"]}\n',
    agenda="agenda:\n  - title: Organizational matters\n    sub_items: [Opening of the meeting, Adoption of the agenda]\n"
    "  - First substantive topic\n  - Second substantive topic\n  - Other matters\n",
)
# Revision 1: the 2nd plenary meeting moves to 2–5 p.m.; the 4th and "Other matters" are dropped. The first three
# plenary meetings keep their agenda items, so only the 2nd changes.
ISSUE_1 = config_text(
    """\
    days:
      first: 2022-09-05
      last: 2022-09-06
      hours: ["10:00-13:00", "15:00-18:00"]
      exceptions:
        2022-09-05: ["10:00-13:00", "14:00-17:00"]
        2022-09-06: ["10:00-13:00"]
    """,
    agenda="agenda:\n  - title: Organizational matters\n    sub_items: [Opening of the meeting, Adoption of the agenda]\n"
    "  - First substantive topic\n  - Second substantive topic\n",
    issued="2022-07-15", revision=1, limit=3,
)


def _summary(events: list) -> list[tuple[str, int, str, str]]:  # type: ignore[type-arg]
    return [(str(e["UID"]), int(e["SEQUENCE"]), str(e["STATUS"]), e.decoded("DTSTART").strftime("%d %H:%M")) for e in events]


def test_calendar_revision_moves_one_and_cancels_the_dropped_one(tmp_path: Path) -> None:
    """Moving the 2nd and dropping the 4th keeps every UID, raises SEQUENCE on the 2nd only, cancels the 4th."""
    first = render(write(tmp_path, ISSUE_0, "issue-0"))
    second = render(write(tmp_path, ISSUE_1, "issue-1"), first)
    uid = "CTOC-COP-WG.7-2022-1-plenary-{}@meetplan".format
    assert _summary(parse(first)) == [
        (uid(1), 0, "CONFIRMED", "05 10:00"),
        (uid(2), 0, "CONFIRMED", "05 15:00"),
        (uid(3), 0, "CONFIRMED", "06 10:00"),
        (uid(4), 0, "CONFIRMED", "06 15:00"),
    ]
    assert _summary(parse(second)) == [
        (uid(1), 0, "CONFIRMED", "05 10:00"),
        (uid(2), 1, "CONFIRMED", "05 14:00"),
        (uid(3), 0, "CONFIRMED", "06 10:00"),
        (uid(4), 1, "CANCELLED", "06 15:00"),
    ]
    events = parse(second)
    assert str(events[3]["SUMMARY"]) == "Cancelled: Working Group on the Smuggling of Migrants \u2014 4th plenary meeting"
    # The issue date stamps every event; only the changed ones were modified in this issue.
    stamp = {"2022-06-01": dt.datetime(2022, 6, 1, tzinfo=dt.UTC), "2022-07-15": dt.datetime(2022, 7, 15, tzinfo=dt.UTC)}
    assert [(e.decoded("DTSTAMP"), e.decoded("LAST-MODIFIED"), e.decoded("CREATED")) for e in events] == [
        (stamp["2022-07-15"], stamp["2022-06-01"], stamp["2022-06-01"]),
        (stamp["2022-07-15"], stamp["2022-07-15"], stamp["2022-06-01"]),
        (stamp["2022-07-15"], stamp["2022-06-01"], stamp["2022-06-01"]),
        (stamp["2022-07-15"], stamp["2022-07-15"], stamp["2022-06-01"]),
    ]
    times = utc_times(check_ics(second, tmp_path / "issue-1.ics"))
    assert times == every_parser([
        ("20220905T080000Z", "20220905T110000Z"),
        ("20220905T120000Z", "20220905T150000Z"),
        ("20220906T080000Z", "20220906T110000Z"),
        ("20220906T130000Z", "20220906T160000Z"),
    ])


def test_calendar_cancelled_stays_cancelled_and_can_come_back(tmp_path: Path) -> None:
    """A later issue sends the cancelled meeting again unchanged; restoring it raises its SEQUENCE once more."""
    first = render(write(tmp_path, ISSUE_0, "issue-0"))
    second = render(write(tmp_path, ISSUE_1, "issue-1"), first)
    third = render(write(tmp_path, ISSUE_1.replace("revision: 1", "revision: 2").replace("2022-07-15", "2022-08-01"), "issue-2"), second)
    assert _summary(parse(third)) == _summary(parse(second))
    assert [e.decoded("LAST-MODIFIED") for e in parse(third)] == [e.decoded("LAST-MODIFIED") for e in parse(second)]
    fourth = render(write(tmp_path, ISSUE_0.replace("2022-06-01", "2022-08-15"), "issue-3"), third)
    uid = "CTOC-COP-WG.7-2022-1-plenary-{}@meetplan".format
    assert _summary(parse(fourth)) == [
        (uid(1), 0, "CONFIRMED", "05 10:00"),
        (uid(2), 2, "CONFIRMED", "05 15:00"),
        (uid(3), 0, "CONFIRMED", "06 10:00"),
        (uid(4), 2, "CONFIRMED", "06 15:00"),
    ]
    check_ics(third, tmp_path / "issue-2.ics")
    check_ics(fourth, tmp_path / "issue-3.ics")


def test_calendar_renumbering_follows_the_plenary_numbers(tmp_path: Path) -> None:
    """Dropping a plenary meeting before others renumbers them: each number keeps its UID, the last is cancelled."""
    dropped_monday_afternoon = ISSUE_0.replace(
        'hours: ["10:00-13:00", "15:00-18:00"]}',
        'hours: ["10:00-13:00", "15:00-18:00"], exceptions: {2022-09-05: ["10:00-13:00"]}}',
    ).replace("plenary_meetings: 4", "plenary_meetings: 3")
    first = render(write(tmp_path, ISSUE_0, "issue-0"))
    second = render(write(tmp_path, dropped_monday_afternoon, "issue-1"), first)
    uid = "CTOC-COP-WG.7-2022-1-plenary-{}@meetplan".format
    assert _summary(parse(second)) == [
        (uid(1), 0, "CONFIRMED", "05 10:00"),  # same hours, same items
        (uid(2), 1, "CONFIRMED", "06 10:00"),  # the former 3rd: other hours, other items
        (uid(3), 1, "CONFIRMED", "06 15:00"),
        (uid(4), 1, "CANCELLED", "06 15:00"),
    ]
    check_ics(second, tmp_path / "renumbered.ics")


def test_calendar_rebuild_without_change_gives_the_same_bytes(tmp_path: Path) -> None:
    """Building again over an unchanged plan reproduces the previous calendar byte for byte."""
    config = write(tmp_path, ISSUE_0)
    first = render(config)
    assert render(config, first) == first
    assert render(config) == first
    check_ics(first, tmp_path / "rebuilt.ics")


def test_calendar_stamps_come_from_source_date_epoch(tmp_path: Path) -> None:
    """SOURCE_DATE_EPOCH, when set, replaces the issue date in DTSTAMP, CREATED and LAST-MODIFIED."""
    schedule_with_stamp = plan(write(tmp_path, ISSUE_0), source_date_epoch="1700000000").schedule
    events = parse(render_calendar(schedule_with_stamp).data)
    moment = dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)
    assert {(e.decoded("DTSTAMP"), e.decoded("CREATED"), e.decoded("LAST-MODIFIED")) for e in events} == {(moment,) * 3}
    check_ics(render_calendar(schedule_with_stamp).data, tmp_path / "stamped.ics")


def test_calendar_ignores_events_of_another_meeting(tmp_path: Path) -> None:
    """A previous calendar of another meeting cancels nothing: its events are not this meeting's to touch."""
    other = render(write(tmp_path, ISSUE_0.replace("CTOC/COP/WG.7/2022/1", "CTOC/COP/WG.4/2022/1"), "other"))
    config = write(tmp_path, ISSUE_1)
    assert render(config, other) == render(config)
    check_ics(render(config, other), tmp_path / "beside-another.ics")


def test_calendar_revised_symbol_keeps_the_uids(tmp_path: Path) -> None:
    """A revised document symbol ("…/Rev.1") still names the same meeting, so the UIDs stay."""
    first = render(write(tmp_path, ISSUE_0, "issue-0"))
    revised = ISSUE_0.replace("CTOC/COP/WG.7/2022/1", "CTOC/COP/WG.7/2022/1/Rev.1")
    second = render(write(tmp_path, revised, "issue-1"), first)
    # The symbol is printed in each DESCRIPTION, so each event changed, under the same UID.
    assert [(uid, seq) for uid, seq, _, _ in _summary(parse(second))] == [
        (f"CTOC-COP-WG.7-2022-1-plenary-{n}@meetplan", 1) for n in (1, 2, 3, 4)
    ]
    check_ics(second, tmp_path / "revised.ics")


BAD_SEQUENCE = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:CTOC-COP-WG.7-2022-1-plenary-1@meetplan\r\n"
    b"SEQUENCE:two\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


@pytest.mark.parametrize("previous", [b"not a calendar", b"", BAD_SEQUENCE], ids=["text", "empty", "bad-sequence"])
def test_calendar_unreadable_previous_issue_is_refused(tmp_path: Path, previous: bytes) -> None:
    """A previous calendar that cannot be parsed stops the build rather than silently restarting SEQUENCE."""
    with pytest.raises(MeetplanError) as caught:
        render_calendar(schedule(load(write(tmp_path, ISSUE_0))), previous)
    assert [p.file for p in caught.value.problems] == ["calendar.ics"]
    assert "cannot be read" in caught.value.problems[0].message


# --- the commands ---------------------------------------------------------------------------------------------------


def test_calendar_command_updates_the_file_in_place(tmp_path: Path) -> None:
    """`meetplan calendar --output FILE` reads FILE as the previous issue before replacing it."""
    output = tmp_path / "plenary.ics"
    runner = CliRunner()
    result = runner.invoke(main, ["calendar", str(write(tmp_path, ISSUE_0, "issue-0")), "--output", str(output)])
    assert (result.exit_code, result.output) == (0, f"{output}\n")
    first = output.read_bytes()
    result = runner.invoke(main, ["calendar", str(write(tmp_path, ISSUE_1, "issue-1")), "--output", str(output)])
    assert result.exit_code == 0, result.output
    assert output.read_bytes() == render(tmp_path / "issue-1.yaml", first)
    assert [status for _, _, status, _ in _summary(parse(output.read_bytes()))] == ["CONFIRMED"] * 3 + ["CANCELLED"]


def test_calendar_command_without_output_prints_the_calendar(tmp_path: Path) -> None:
    """Without --output the calendar goes to standard output, exactly as rendered."""
    config = write(tmp_path, ISSUE_0)
    result = CliRunner().invoke(main, ["calendar", str(config)])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == render(config)


def test_calendar_command_refuses_a_file_that_is_not_a_calendar(tmp_path: Path) -> None:
    """An --output that is not a calendar is neither parsed into nonsense nor overwritten."""
    output = tmp_path / "notes.ics"
    output.write_bytes(b"my notes\n")
    result = CliRunner().invoke(main, ["calendar", str(write(tmp_path, ISSUE_0)), "--output", str(output)])
    assert result.exit_code == 2
    assert result.output.splitlines()[0].startswith(f"error: {output}: the previous issue of the calendar cannot be read")
    assert output.read_bytes() == b"my notes\n"


def test_build_carries_the_calendar_forward(tmp_path: Path) -> None:
    """`meetplan build` into the same folder finds the previous calendar.ics and updates it."""
    runner = CliRunner()
    folder = tmp_path / "out"
    result = runner.invoke(main, ["build", str(write(tmp_path, ISSUE_0, "issue-0")), "--output", str(folder)])
    assert result.exit_code == 0, result.output
    first = (folder / "calendar.ics").read_bytes()
    result = runner.invoke(main, ["build", str(write(tmp_path, ISSUE_1, "issue-1")), "--output", str(folder)])
    assert result.exit_code == 0, result.output
    assert (folder / "calendar.ics").read_bytes() == render(tmp_path / "issue-1.yaml", first)
    check_ics((folder / "calendar.ics").read_bytes(), tmp_path / "carried.ics")


# --- properties ---------------------------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.text(min_size=1, max_size=120), title=st.text(min_size=1, max_size=300))
def test_calendar_any_text_round_trips_without_new_properties(tmp_path: Path, body: str, title: str) -> None:
    """Whatever the body and a title hold, the calendar keeps one event per plenary meeting, lines of at most
    75 octets ending in CR LF, and gives the text back as typed (line breaks as LF, control characters as spaces)."""
    base = schedule(load(write(tmp_path, ISSUE_0)))
    first_entry = base.meeting.agenda[1]
    agenda = (base.meeting.agenda[0], replace(first_entry, title=title), *base.meeting.agenda[2:])
    changed = schedule(replace(base.meeting, body=body, agenda=agenda))
    data = render_calendar(changed).data
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"\r" not in data.replace(b"\r\n", b"")
    events = parse(data)
    assert [str(e["UID"]) for e in events] == [f"CTOC-COP-WG.7-2022-1-plenary-{n}@meetplan" for n in (1, 2, 3, 4)]
    assert [str(e["SUMMARY"]) for e in events] == [clean_text(summary(changed.meeting, p)) for p in changed.plenaries]
    assert [str(e["DESCRIPTION"]) for e in events] == [clean_text(description(changed, p)) for p in changed.plenaries]
    assert [sorted(e.keys()) for e in events] == [sorted(CALENDAR_KEYS)] * 4


@given(st.text(alphabet=st.sampled_from("ab\\^ ,;:é€😀\t"), max_size=400))
def test_fold_splits_lines_where_icalendar_does(line: str) -> None:
    """meetplan's own folding gives icalendar's bytes: 74 octets a line, no character or escape split."""
    from icalendar.parser import Contentline

    assert fold(line) == Contentline(line).to_ical()
