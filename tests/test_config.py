"""The config package: declarations read once, time zones that are places, and inputs that once crashed or hung."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from meetplan.cli import main
from meetplan.config import MEETING_KEYS, convert, parse
from meetplan.config.meeting import MEETING
from meetplan.config.reader import Key, Reader, Section
from meetplan.errors import ConfigError
from meetplan.yamlsource import load_yaml

from conftest import ROOT

MINIMAL = """\
meeting:
  body: Working Group on Testing
  ordinal: 3
  symbol: TST/WG.1/2026/1
  venue: Vienna
  time_zone: {zone}
  issued: 2026-10-01
  plenary_meetings: 4
days:
  first: 2026-11-30
  last: 2026-12-01
  hours: ["10:00-13:00", "15:00-18:00"]
agenda:
  - title: Organizational matters
    sub_items: [Opening of the meeting, Adoption of the agenda and organization of work]
  - title: Cooperation on testing
  - title: Other matters
  - title: Adoption of the report
"""


def problems(text: str) -> list[str]:
    """The problem lines a configuration gives, or [] when it parses."""
    try:
        parse(load_yaml(text, "m.yaml"), "m.yaml")
    except ConfigError as error:
        return [str(problem) for problem in error.problems]
    return []


@pytest.mark.parametrize("zone", ["localtime", "posixrules", "Factory", "right/Europe/Vienna", "posix/Europe/Vienna", "posix/UTC"])
def test_time_zone_that_is_no_place_is_refused(zone: str) -> None:
    """The machine's own zone, a template, a placeholder and the legacy trees are no IANA place: refused, located."""
    assert problems(MINIMAL.format(zone=zone)) == [
        f"m.yaml:6: meeting.time_zone: {zone!r} is not an IANA time zone name (use the venue's, such as Europe/Vienna)"
    ]


@pytest.mark.parametrize("zone", ["Europe/Vienna", "UTC", "America/Argentina/Buenos_Aires", "Asia/Kolkata", "Etc/GMT-3"])
def test_time_zone_of_the_database_is_accepted(zone: str) -> None:
    """A zone the IANA database lists parses."""
    assert problems(MINIMAL.format(zone=zone)) == []


def test_delegation_time_zone_that_is_no_place_is_refused() -> None:
    """A delegation's time zone goes through the same check as the meeting's."""
    text = MINIMAL.format(zone="Europe/Vienna") + "delegations:\n  ngos:\n    - {name: Friends of Testing, time_zone: localtime}\n"
    assert problems(text) == [
        "m.yaml:21: delegations.ngos[1].time_zone: 'localtime' is not an IANA time zone name (use the venue's, such as Europe/Vienna)"
    ]


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("  - title: Cooperation on testing\n", "  - title: Cooperation on testing\n    share: '1e-100000000'\n",
     "m.yaml:17: agenda[2].share: must be a number of plenary meetings such as 1.5 or 1/3, not '1e-100000000'"),
    ("  - title: Cooperation on testing\n", "  - title: Cooperation on testing\n    share: 1000000\n",
     "m.yaml:17: agenda[2].share: 1000000 plenary meetings is more than a session holds; at most 2,000"),
    ("  - title: Cooperation on testing\n", "  - title: Cooperation on testing\n    pin: 1000000000000\n",
     "m.yaml:17: agenda[2].pin: 1,000,000,000,000 plenary meetings is more than a session holds; at most 2,000"),
    ("  issued: 2026-10-01\n", "  issued: 2108-01-01\n",
     "m.yaml:7: meeting.issued: 2108-01-01 is after 2107, the last date a Word or Excel file can carry"),
])  # fmt: skip
def test_number_too_large_to_plan_with_is_refused(old: str, new: str, expected: str) -> None:
    """Numbers that would make the plan's arithmetic or its documents unbounded are refused where they are written."""
    assert problems(MINIMAL.format(zone="Europe/Vienna").replace(old, new)) == [expected]


def test_report_record_held_beyond_any_session_is_refused() -> None:
    """A record of a billion meetings held would list a billion missing dates: it is refused at its line."""
    text = MINIMAL.format(zone="Europe/Vienna") + "report:\n  instrument: Protocol\n  record:\n    held: 1000000000\n"
    assert problems(text) == ["m.yaml:22: report.record.held: 1,000,000,000 plenary meetings is more than a session holds; at most 2,000"]


def test_nesting_deeper_than_the_parser_follows_is_one_located_line() -> None:
    """5,000 nested brackets give one problem on their line, not a RecursionError."""
    text = MINIMAL.format(zone="Europe/Vienna") + "extra: " + "[" * 5_000 + "]" * 5_000 + "\n"
    assert problems(text) == ["m.yaml:19: not valid here: values nested more than 100 deep; a configuration is far flatter"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_configuration_that_is_a_pipe_is_refused_at_once(tmp_path: Path) -> None:
    """A named pipe would be read until someone writes to it: refused before it is opened."""
    pipe = tmp_path / "meeting.yaml"
    os.mkfifo(pipe)
    started = time.monotonic()
    result = CliRunner().invoke(main, ["check", str(pipe)])
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        2, f"error: {pipe}: is not a file (a pipe, a socket or a device); name the configuration file itself")
    assert time.monotonic() - started < 5


def test_section_known_keys_come_from_its_declaration() -> None:
    """The known-keys check names the declared keys, in the declaration's order."""
    assert MEETING.names == MEETING_KEYS
    text = MINIMAL.format(zone="Europe/Vienna").replace("  venue: Vienna\n", "  venue: Vienna\n  colour: blue\n")
    assert problems(text) == [f"m.yaml:6: meeting.colour: unknown key; known keys: {', '.join(MEETING_KEYS)}"]


def test_reader_gives_defaults_and_reports_each_wrong_value() -> None:
    """A section read through its declaration: defaults for the keys left out, one problem per wrong or missing key."""
    section = Section((
        Key(name="count", kind=convert.POSITIVE_INT, doc="A count.", required=True),
        Key(name="label", kind=convert.TEXT, doc="A label.", default="none"),
    ))
    mapping = load_yaml("other: 1\n", "s.yaml")
    reader = Reader("s.yaml")
    assert reader.read(mapping, section, "s") == {"count": None, "label": "none"}
    assert [str(problem) for problem in reader.problems] == [
        "s.yaml:1: s.other: unknown key; known keys: count, label",
        "s.yaml:1: s.count: missing",
    ]


def test_shipped_configurations_parse() -> None:
    """Both shipped configurations parse through the package (their builds are compared byte for byte elsewhere)."""
    for path in sorted((ROOT / "config").glob("*.yaml")):
        assert parse(load_yaml(path.read_text(encoding="utf-8"), str(path)), str(path)).symbol


def test_data_file_name_the_locale_cannot_encode_is_refused(tmp_path: Path) -> None:
    """Under LC_ALL=C with UTF-8 mode off, a data file's non-ASCII name is one located line, not a traceback."""
    env = {**os.environ, "PYTHONUTF8": "0", "LC_ALL": "C"}
    probe = subprocess.run([sys.executable, "-c", "import sys; print(sys.getfilesystemencoding())"], env=env, capture_output=True, text=True)
    if probe.stdout.strip().lower().replace("-", "") == "utf8":
        pytest.skip("this system names files in UTF-8 under the C locale too")
    (tmp_path / "m.yaml").write_text(MINIMAL.format(zone="Europe/Vienna") + "speakers:\n  file: inscripción.csv\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "meetplan", "check", "m.yaml"], cwd=tmp_path, env=env, capture_output=True)
    # The error stream may be ASCII too, where Python writes the accent as an escape.
    first = result.stderr.decode("utf-8").replace("\\xf3", "ó").splitlines()[0]
    assert (result.returncode, first) == (2, (
        "error: m.yaml:20: speakers.file: the file name 'inscripción.csv' cannot be used with this system's "
        "file-name encoding (ascii); run with a UTF-8 locale or PYTHONUTF8=1"))


def test_unquoted_hours_say_to_quote_them() -> None:
    """`hours: [10:00, ...]` reaches meetplan as the number 600 (YAML 1.1): the message says to put it in quotes."""
    text = MINIMAL.format(zone="Europe/Vienna").replace('hours: ["10:00-13:00", "15:00-18:00"]', 'hours: [10:00, "15:00-18:00"]')
    assert problems(text) == [
        'm.yaml:12: days.hours[1]: must be hours in quotes, such as "10:00-13:00": without quotes YAML reads a '
        "time like 10:00 as a number (600)"
    ]
