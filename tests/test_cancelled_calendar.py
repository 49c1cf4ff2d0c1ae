"""A calendar a build no longer writes is issued once more with every event cancelled (issue 12)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from icscheck import ics_check
from meetplan.cli import main
from meetplan.output import LOCK
from meetplan.render.cancelled import cancelled_calendar, is_cancelled
from test_output_folder import meeting_yaml

PREVIOUS = (
    b"BEGIN:VCALENDAR\r\nPRODID:-//meetplan//Speakers//EN\r\nVERSION:2.0\r\n"
    b"BEGIN:VEVENT\r\nUID:a@meetplan\r\nSUMMARY:Panel presentation under agenda item 2 \xe2\x80\x94 a title long enough t\r\n o be folded\r\n"
    b"DTSTART:20261130T090000Z\r\nDTEND:20261130T091000Z\r\nSTATUS:CONFIRMED\r\nSEQUENCE:2\r\n"
    b"DTSTAMP:20261001T000000Z\r\nLAST-MODIFIED:20261001T000000Z\r\n"
    b"BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Reminder\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\nEND:VEVENT\r\n"
    b"BEGIN:VEVENT\r\nUID:b@meetplan\r\nSUMMARY:Cancelled: Statement\r\nDTSTART:20261201T090000Z\r\nSTATUS:CANCELLED\r\n"
    b"SEQUENCE:4\r\nDTSTAMP:20260901T000000Z\r\nEND:VEVENT\r\n"
    b"BEGIN:VEVENT\r\nUID:c@meetplan\r\nSUMMARY:Statement\r\nDTSTART:20261201T100000Z\r\nDTSTAMP:20260901T000000Z\r\nEND:VEVENT\r\n"
    b"END:VCALENDAR\r\n"
)
MOMENT = dt.datetime(2026, 10, 2, tzinfo=dt.UTC)


def test_cancelled_calendar_cancels_each_event_once() -> None:
    """Each event not yet cancelled gets STATUS:CANCELLED, SEQUENCE + 1, "Cancelled: " and the issue's stamps;
    an event already cancelled, the VALARM and the head stay as they were."""
    data = cancelled_calendar(PREVIOUS, MOMENT)
    assert data.decode().replace("\r\n ", "").split("\r\n") == [
        "BEGIN:VCALENDAR", "PRODID:-//meetplan//Speakers//EN", "VERSION:2.0",
        "BEGIN:VEVENT", "UID:a@meetplan", "SUMMARY:Cancelled: Panel presentation under agenda item 2 — a title long enough to be folded",
        "DTSTART:20261130T090000Z", "DTEND:20261130T091000Z", "STATUS:CANCELLED", "SEQUENCE:3",
        "DTSTAMP:20261002T000000Z", "LAST-MODIFIED:20261002T000000Z",
        "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Reminder", "TRIGGER:-PT15M", "END:VALARM", "END:VEVENT",
        "BEGIN:VEVENT", "UID:b@meetplan", "SUMMARY:Cancelled: Statement", "DTSTART:20261201T090000Z", "STATUS:CANCELLED",
        "SEQUENCE:4", "DTSTAMP:20260901T000000Z", "END:VEVENT",
        "BEGIN:VEVENT", "UID:c@meetplan", "SUMMARY:Cancelled: Statement", "DTSTART:20261201T100000Z", "DTSTAMP:20261002T000000Z",
        "STATUS:CANCELLED", "SEQUENCE:1", "LAST-MODIFIED:20261002T000000Z", "END:VEVENT",
        "END:VCALENDAR", "",
    ]  # fmt: skip
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    assert (is_cancelled(PREVIOUS), is_cancelled(data)) == (False, True)
    assert cancelled_calendar(data, MOMENT) == data


def test_cancelled_personal_calendar_passes_the_calendar_checker(tmp_path: Path) -> None:
    """A personal calendar issued cancelled is read by ical.js, libical and icalendar as cancelled events."""
    config = tmp_path / "meeting.yaml"
    config.write_text(meeting_yaml(), encoding="utf-8")
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(config), "--output", str(out)]).exit_code == 0
    config.write_text(meeting_yaml(issued="2026-10-02", speakers=None), encoding="utf-8")
    assert CliRunner().invoke(main, ["build", str(config), "--output", str(out)]).exit_code == 0
    path = out / "speakers" / "Amanda Ledwaba.ics"
    assert is_cancelled(path.read_bytes())
    ics_check(path)


def test_build_that_fails_before_writing_leaves_the_folder_unlocked(tmp_path: Path) -> None:
    """A build stopped by an unreadable previous calendar does not keep the folder from the next build."""
    config = tmp_path / "meeting.yaml"
    config.write_text(meeting_yaml(), encoding="utf-8")
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(config), "--output", str(out)]).exit_code == 0
    (out / "calendar.ics").write_bytes(b"not a calendar")
    assert CliRunner().invoke(main, ["build", str(config), "--output", str(out)]).exit_code == 2
    probe = "import sys; from filelock import FileLock; FileLock(sys.argv[1], timeout=0).acquire()"
    assert subprocess.run([sys.executable, "-c", probe, str(out / LOCK)], timeout=60).returncode == 0
