"""The VTIMEZONE of every calendar is the one yearly rule Outlook can map, and gives the zone's real offsets."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from icalendar import Timezone

from meetplan.render.vtimezone import vtimezone

from conftest import SEEDS

# Zones of UN duty stations and of the clocks' odd cases: southern hemisphere, no daylight saving, a zone whose
# "standard" time is the summer one (Dublin), a change at 23:00 the day before (Nuuk), half-hour zones.
ZONES = (
    "Europe/Vienna", "America/New_York", "Europe/Zurich", "Africa/Nairobi", "Asia/Bangkok", "America/Santiago",
    "Australia/Sydney", "Europe/Dublin", "America/Nuuk", "Asia/Kolkata", "Australia/Lord_Howe", "Asia/Tehran",
    "Pacific/Chatham", "UTC", "America/Mexico_City",
)  # fmt: skip


def test_vtimezone_vienna_equals_the_form_outlook_writes() -> None:
    """Europe/Vienna in 2026: one DAYLIGHT and one STANDARD with yearly rules, as Outlook and Google write it."""
    # A copy of ../shared/cases/outlook-vtimezone/expected-vtimezone.txt.
    expected = (SEEDS / "outlook-vtimezone.txt").read_text(encoding="utf-8").replace("\n", "\r\n")
    assert vtimezone("Europe/Vienna", 2026, 2026).decode() == expected


def test_vtimezone_without_daylight_saving_is_one_standard() -> None:
    """Nairobi keeps +03 all year: one STANDARD block and no rule."""
    assert vtimezone("Africa/Nairobi", 2026, 2026).decode().split("\r\n") == [
        "BEGIN:VTIMEZONE", "TZID:Africa/Nairobi", "BEGIN:STANDARD", "TZOFFSETFROM:+0300", "TZOFFSETTO:+0300",
        "TZNAME:EAT", "DTSTART:19700101T000000", "END:STANDARD", "END:VTIMEZONE", "",
    ]  # fmt: skip


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("year", [2019, 2020, 2026, 2027])
def test_vtimezone_gives_the_offsets_of_the_time_zone_database(zone: str, year: int) -> None:
    """Every hour of the year has the same UTC offset under the VTIMEZONE as in the time zone database."""
    block = vtimezone(zone, year, year).decode()
    assert block.count("BEGIN:STANDARD") == 1
    assert block.count("BEGIN:DAYLIGHT") <= 1
    assert all("RRULE:FREQ=YEARLY;BYMONTH=" in part for part in block.split("BEGIN:")[2:]) or "DAYLIGHT" not in block
    as_written = Timezone.from_ical(block).to_tz()
    database = zoneinfo.ZoneInfo(zone)
    moment = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
    wrong = []
    while moment.year == year:
        if moment.astimezone(as_written).utcoffset() != moment.astimezone(database).utcoffset():
            wrong.append(moment)
        moment += dt.timedelta(hours=1)
    assert wrong == []
