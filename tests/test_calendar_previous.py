"""calendar.ics over a previous issue as it comes from the field, and times across a change of the clocks.

The kinds of ../shared/cases/previous-sequence-out-of-range and cancelled-without-dtstart, a previous event with a
floating time or a zone the database does not know (the output must not follow the machine's zone), and real
elapsed time for plenary meetings and speakers in the night the clocks change.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from icscheck import every_parser, ics_check, utc_times
from meetplan.cli import main
from meetplan.config import load
from meetplan.errors import MeetplanError
from meetplan.render.calendar import render_calendar
from meetplan.render.speaker_calendars import render_speaker_calendars
from meetplan.scheduler import schedule
from meetplan.speakers import sized, speakers_list

MEETING = """\
meeting:
  body: Working Group on Testing
  ordinal: 3
  symbol: TST/WG.1/2022/1
  venue: Vienna
  room: Board Room A
  time_zone: Europe/Vienna
  format: hybrid
  online: {platform: Interprefy, url: "https://example.org/join"}
  issued: 2022-06-01
  plenary_meetings: 4
days:
  first: 2022-09-05
  last: 2022-09-06
  hours: ["10:00-13:00", "15:00-18:00"]
agenda:
  - Opening of the session
  - Cooperation on testing
  - Cooperation on reporting
  - Adoption of the report
"""
# The same meeting without its 4th plenary meeting: the previous issue's 4th is sent again, cancelled.
THREE = MEETING.replace("plenary_meetings: 4", "plenary_meetings: 3").replace(
    'hours: ["10:00-13:00", "15:00-18:00"]', 'hours: ["10:00-13:00", "15:00-18:00"]\n  exceptions: {2022-09-06: ["10:00-13:00"]}'
)
UID = "TST-WG.1-2022-1-plenary-{}@meetplan".format


def write(tmp_path: Path, text: str, name: str = "meeting") -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def render(path: Path, previous: bytes | None = None) -> bytes:
    return render_calendar(schedule(load(path)), previous).data


def events(data: bytes) -> list:  # type: ignore[type-arg]
    return Calendar.from_ical(data).walk("VEVENT")


def with_lines(data: bytes, uid: str, old: bytes, new: bytes) -> bytes:
    """``data`` with ``old`` replaced by ``new`` in the event ``uid`` only."""
    head, _, rest = data.partition(f"UID:{uid}\r\n".encode())
    event, _, tail = rest.partition(b"END:VEVENT")
    assert old in event, (old, event)
    return head + f"UID:{uid}\r\n".encode() + event.replace(old, new) + b"END:VEVENT" + tail


# --- SEQUENCE --------------------------------------------------------------------------------------------------


def test_calendar_sequence_at_the_limit_cannot_be_raised(tmp_path: Path) -> None:
    """SEQUENCE 2147483647 (RFC 5545's largest INTEGER) on a changed event is one located problem, not a traceback."""
    first = render(write(tmp_path, MEETING))
    previous = with_lines(first, UID(1), b"SEQUENCE:0", b"SEQUENCE:2147483647")
    changed = write(tmp_path, MEETING.replace("Opening of the session", "Opening of the session, revised"), "changed")
    with pytest.raises(MeetplanError) as caught:
        render(changed, previous)
    assert [str(p) for p in caught.value.problems] == [
        f"calendar.ics: event {UID(1)}: SEQUENCE 2147483647 cannot be raised; start a new series"
    ]
    # Unchanged, the event keeps its SEQUENCE: there is nothing to raise.
    unchanged = render(write(tmp_path, MEETING), previous)
    assert [int(e["SEQUENCE"]) for e in events(unchanged)] == [2147483647, 0, 0, 0]
    ics_check(_saved(tmp_path / "unchanged.ics", unchanged))


def test_build_sequence_at_the_limit_names_the_calendar_in_its_folder(tmp_path: Path) -> None:
    """`meetplan build --output out`: the problem names out/calendar.ics, as the officer finds it (the case's
    right value), exit 2, the folder left as it was."""
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(write(tmp_path, MEETING)), "--output", str(out)]).exit_code == 0
    calendar = out / "calendar.ics"
    calendar.write_bytes(with_lines(calendar.read_bytes(), UID(1), b"SEQUENCE:0", b"SEQUENCE:2147483647"))
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    changed = write(tmp_path, MEETING.replace("Opening of the session", "Opening, revised"), "changed")
    result = runner.invoke(main, ["build", str(changed), "--output", str(out)])
    assert (result.exit_code, result.output.splitlines()[0]) == (
        2, f"error: {calendar}: event {UID(1)}: SEQUENCE 2147483647 cannot be raised; start a new series"
    )
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_calendar_command_sequence_at_the_limit_exits_2_with_the_file(tmp_path: Path) -> None:
    """`meetplan calendar --output FILE`: the problem names FILE and the event, exit 2, FILE left as it was."""
    output = tmp_path / "calendar.ics"
    runner = CliRunner()
    assert runner.invoke(main, ["calendar", str(write(tmp_path, MEETING)), "--output", str(output)]).exit_code == 0
    output.write_bytes(with_lines(output.read_bytes(), UID(1), b"SEQUENCE:0", b"SEQUENCE:2147483647"))
    before = output.read_bytes()
    changed = write(tmp_path, MEETING.replace("Opening of the session", "Opening, revised"), "changed")
    result = runner.invoke(main, ["calendar", str(changed), "--output", str(output)])
    assert (result.exit_code, result.output.splitlines()[0]) == (
        2, f"error: {output}: event {UID(1)}: SEQUENCE 2147483647 cannot be raised; start a new series"
    )
    assert output.read_bytes() == before


@pytest.mark.parametrize("value", ["2147483648", "99999999999999999999", "-3", "\u0663", "1_000", "+1", " 1", ""])
def test_calendar_previous_sequence_outside_rfc_5545_is_refused(tmp_path: Path, value: str) -> None:
    """Only ASCII digits from 0 to 2147483647 are a SEQUENCE; anything else makes the previous issue unreadable."""
    path = write(tmp_path, MEETING)
    previous = with_lines(render(path), UID(2), b"SEQUENCE:0", f"SEQUENCE:{value}".encode())
    with pytest.raises(MeetplanError) as caught:
        render(path, previous)
    assert [str(p) for p in caught.value.problems] == [
        f"calendar.ics: the previous issue of the calendar cannot be read (event {UID(2)}: SEQUENCE {value!r} is not a "
        "whole number from 0 to 2147483647); without it the events cannot be updated in place: restore it, or move it "
        "away to start a new series of events"
    ]


# --- cancelled events ------------------------------------------------------------------------------------------


def test_calendar_previous_event_without_dtstart_is_refused(tmp_path: Path) -> None:
    """An event of this meeting without DTSTART cannot be cancelled validly: the previous issue is refused, located."""
    path = write(tmp_path, MEETING)
    extra = f"BEGIN:VEVENT\r\nUID:{UID(5)}\r\nSUMMARY:Extra meeting\r\nSEQUENCE:3\r\nSTATUS:CONFIRMED\r\nEND:VEVENT\r\n"
    previous = render(path).replace(b"END:VCALENDAR\r\n", extra.encode() + b"END:VCALENDAR\r\n")
    with pytest.raises(MeetplanError) as caught:
        render(path, previous)
    assert [str(p) for p in caught.value.problems] == [
        f"calendar.ics: the previous issue of the calendar cannot be read (event {UID(5)} has no DTSTART); without it "
        "the events cannot be updated in place: restore it, or move it away to start a new series of events"
    ]


def test_calendar_every_cancelled_event_keeps_its_dtstart(tmp_path: Path) -> None:
    """The dropped 4th plenary meeting is re-sent cancelled with its DTSTART and DTEND, and every parser agrees on them."""
    second = render(write(tmp_path, THREE, "three"), render(write(tmp_path, MEETING)))
    assert [(str(e["UID"]), str(e["STATUS"]), "DTSTART" in e) for e in events(second)] == [
        (UID(1), "CONFIRMED", True), (UID(2), "CONFIRMED", True), (UID(3), "CONFIRMED", True), (UID(4), "CANCELLED", True),
    ]  # fmt: skip
    assert int(events(second)[3]["SEQUENCE"]) == 1
    found = ics_check(_saved(tmp_path / "second.ics", second))
    assert utc_times(found)["libical"][3] == ("20220906T130000Z", "20220906T160000Z")


def _saved(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# --- the machine's time zone -----------------------------------------------------------------------------------

FOREIGN_TIMES = {
    "floating": (b"DTSTART:20220906T150000", b"DTEND:20220906T180000"),
    "windows-name": (b"DTSTART;TZID=W. Europe Standard Time:20220906T150000", b"DTEND;TZID=W. Europe Standard Time:20220906T180000"),
    "localtime": (b"DTSTART;TZID=localtime:20220906T150000", b"DTEND;TZID=localtime:20220906T180000"),
    "unknown": (b'DTSTART;TZID="Mars/Olympus":20220906T150000', b'DTEND;TZID="Mars/Olympus":20220906T180000'),
}


@pytest.mark.parametrize("form", sorted(FOREIGN_TIMES))
def test_calendar_previous_time_without_a_known_zone_does_not_follow_the_machine(tmp_path: Path, form: str) -> None:
    """A dropped event written with a floating time or an unknown TZID is cancelled at the meeting's local time,
    and the bytes are the same whatever the machine's time zone (TZ)."""
    first = render(write(tmp_path, MEETING))
    start, end = FOREIGN_TIMES[form]
    previous = with_lines(first, UID(4), b"DTSTART;TZID=Europe/Vienna:20220906T150000", start)
    previous = with_lines(previous, UID(4), b"DTEND;TZID=Europe/Vienna:20220906T180000", end)
    config = write(tmp_path, THREE, "three")
    outputs = []
    for zone in ("UTC", "America/New_York", "Asia/Tokyo", "Pacific/Chatham"):
        output = tmp_path / f"{zone.replace('/', '-')}.ics"
        output.write_bytes(previous)
        environment = {**os.environ, "TZ": zone}
        result = subprocess.run([sys.executable, "-m", "meetplan", "calendar", str(config), "--output", str(output)],
                                capture_output=True, text=True, env=environment, timeout=120)
        assert result.returncode == 0, result.stderr
        outputs.append(output.read_bytes())
    assert len(set(outputs)) == 1
    (cancelled,) = [e for e in events(outputs[0]) if str(e["STATUS"]) == "CANCELLED"]
    assert [line for line in outputs[0].split(b"\r\n") if line.startswith((b"DTSTART", b"DTEND"))][-2:] == [
        b"DTSTART;TZID=Europe/Vienna:20220906T150000", b"DTEND;TZID=Europe/Vienna:20220906T180000"
    ]
    assert str(cancelled["UID"]) == UID(4)
    ics_check(tmp_path / "UTC.ics")


# --- a change of the clocks ------------------------------------------------------------------------------------

NIGHT = """\
meeting:
  body: Working Group on Testing
  ordinal: 3
  symbol: TST/WG.1/2021/1
  venue: Vienna
  room: Board Room A
  time_zone: Europe/Vienna
  format: in person
  issued: 2021-10-01
  plenary_meetings: 1
days: {{first: {day}, last: {day}, weekends: true, hours: ["{hours}"]}}
agenda:
  - Only topic
speakers:
  items:
    1:
      panellists:
        - {{name: First Expert, delegation: Brazil, minutes: 60}}
        - {{name: Second Expert, delegation: Canada, minutes: 60}}
        - {{name: Third Expert, delegation: Mexico, minutes: 60}}
        - {{name: Fourth Expert, delegation: Italy, minutes: 60}}
        - {{name: Fifth Expert, delegation: Chile, minutes: 60}}
"""


def _night(tmp_path: Path, day: str, hours: str) -> tuple[bytes, dict[str, bytes]]:
    path = write(tmp_path, textwrap.dedent(NIGHT.format(day=day, hours=hours)), "night")
    plan = schedule(sized(load(path)))
    speakers = {a.name: a.data for a in render_speaker_calendars(speakers_list(plan))}
    return render_calendar(plan).data, speakers


def test_calendar_plenary_meeting_across_the_clocks_going_back_lasts_five_hours(tmp_path: Path) -> None:
    """00:00–04:00 on 31 October 2021 in Vienna is five hours: five speakers of an hour each, one after another,
    the third and fourth at the two 02:00s (written in UTC, since a local 02:00 that night names the first)."""
    plenary, speakers = _night(tmp_path, "2021-10-31", "00:00-04:00")
    assert utc_times(ics_check(_saved(tmp_path / "plenary.ics", plenary))) == every_parser([("20211030T220000Z", "20211031T030000Z")])
    order = ["First Expert", "Second Expert", "Third Expert", "Fourth Expert", "Fifth Expert"]
    paths = [_saved(tmp_path / f"{name}.ics", speakers[f"speakers/{name}.ics"]) for name in order]
    assert utc_times(ics_check(*paths)) == every_parser([
        ("20211030T220000Z", "20211030T230000Z"),
        ("20211030T230000Z", "20211031T000000Z"),
        ("20211031T000000Z", "20211031T010000Z"),
        ("20211031T010000Z", "20211031T020000Z"),
        ("20211031T020000Z", "20211031T030000Z"),
    ])
    fourth = speakers["speakers/Fourth Expert.ics"].split(b"\r\n")
    assert [line for line in fourth if line.startswith((b"DTSTART:", b"DTSTART;", b"DTEND"))][-2:] == [
        b"DTSTART:20211031T010000Z", b"DTEND;TZID=Europe/Vienna:20211031T030000"
    ]


def test_calendar_plenary_meeting_across_the_clocks_going_forward_lasts_two_hours(tmp_path: Path) -> None:
    """01:00–04:00 on 28 March 2021 is two hours: two speakers of an hour fit (01:00 and 03:00 local), three do not."""
    plenary, speakers = _night(tmp_path, "2021-03-28", "01:00-04:00")
    assert utc_times(ics_check(_saved(tmp_path / "plenary.ics", plenary))) == every_parser([("20210328T000000Z", "20210328T020000Z")])
    summaries = {name: (str(e["STATUS"]), e.decoded("DTSTART").strftime("%H:%M %Z"))
                 for name, data in speakers.items() for e in events(data)}
    assert summaries == {
        "speakers/First Expert.ics": ("CONFIRMED", "01:00 CET"),
        "speakers/Second Expert.ics": ("CONFIRMED", "03:00 CEST"),
        "speakers/Third Expert.ics": ("TENTATIVE", "01:00 CET"),
        "speakers/Fourth Expert.ics": ("TENTATIVE", "01:00 CET"),
        "speakers/Fifth Expert.ics": ("TENTATIVE", "01:00 CET"),
    }
    ics_check(*(_saved(tmp_path / Path(name).name, data) for name, data in speakers.items()))
