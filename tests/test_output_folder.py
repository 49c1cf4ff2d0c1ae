"""The output folder as the secretariat's memory: locked, link-safe, read safely, and free of stale outputs (issue 12)."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import meetplan.output
from meetplan.cli import main
from meetplan.errors import MeetplanError
from meetplan.output import LOCK, MANIFEST, MAX_PREVIOUS_BYTES, read_previous, write_artifacts
from meetplan.render import Artifact

# A small hybrid meeting with three panellists (each gets a personal calendar) and the list of outputs.
MEETING = """\
meeting:
  body: Working Group on Testing
  ordinal: 3
  symbol: TST/WG.1/2026/1
  venue: Vienna
  room: Board Room A, Vienna International Centre
  time_zone: Europe/Vienna
  format: hybrid
  online: {{platform: Interprefy, url: "https://example.org/join"}}
  issued: {issued}
  plenary_meetings: 4
days:
  first: 2026-11-30
  last: 2026-12-01
  hours: ["10:00-13:00", "15:00-18:00"]
agenda:
  - title: Organizational matters
    sub_items: [Opening of the meeting, Adoption of the agenda and organization of work]
  - title: {title}
  - title: Cooperation on reporting
  - title: Other matters
  - title: Adoption of the report
"""
SPEAKERS = """\
speakers:
  items:
    2:
      panellists:
        - {name: Amanda Ledwaba, title: Director, delegation: South Africa, mode: online, language: English}
        - {name: Tomás Guayasamín, title: Adviser, delegation: Ecuador, mode: online, language: Spanish}
    3:
      panellists:
        - {name: Mei Lin, title: Professor, delegation: Singapore, mode: online, language: English}
"""
PERSONAL = ["speakers/Amanda Ledwaba.ics", "speakers/Mei Lin.ics", "speakers/Tomás Guayasamín.ics"]


def meeting_yaml(*, issued: str = "2026-10-01", title: str = "Cooperation on testing", speakers: str | None = SPEAKERS) -> str:
    return MEETING.format(issued=issued, title=title) + (speakers or "")


def build(config: Path, out: Path | str) -> Result:
    return CliRunner().invoke(main, ["build", str(config), "--output", str(out)])


def files(folder: Path) -> dict[str, bytes]:
    """Every file below a folder but the lock, by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and p.name != LOCK}


def problem_lines(result: Result) -> list[str]:
    return result.stderr.splitlines()


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "meeting.yaml"
    path.write_text(meeting_yaml(), encoding="utf-8")
    return path


# --- one build at a time --------------------------------------------------------------------------------------------

HOLDER = """\
import sys, time
from filelock import FileLock
lock = FileLock(sys.argv[1]); lock.acquire()
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""


def hold_lock(folder: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process holding the folder's lock, as a build does from its first read to its last move."""
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder / LOCK), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline() == "held\n"
    return process


def test_build_while_another_writes_stops_with_one_line(config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second build into a folder being written waits briefly, then stops with one line and changes nothing."""
    out = tmp_path / "out"
    assert build(config, out).exit_code == 0
    before = files(out)
    monkeypatch.setattr(meetplan.output, "LOCK_WAIT_SECONDS", 0.3)
    holder = hold_lock(out, 30)
    try:
        config.write_text(meeting_yaml(issued="2026-10-02"), encoding="utf-8")
        result = build(config, out)
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 2
    assert problem_lines(result) == [f"error: {out}: another meetplan build is writing here; try again when it has finished",
                                     "meetplan: 1 problem; nothing was written."]
    assert files(out) == before


def test_build_waits_for_the_build_before_it(config: Path, tmp_path: Path) -> None:
    """A build started while another holds the folder runs once that one has finished."""
    out = tmp_path / "out"
    assert build(config, out).exit_code == 0
    holder = hold_lock(out, 1.0)
    started = time.monotonic()
    config.write_text(meeting_yaml(issued="2026-10-02"), encoding="utf-8")
    result = build(config, out)
    holder.wait()
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started >= 0.5
    assert b"DTSTAMP:20261002T000000Z" in (out / "calendar.ics").read_bytes()


def test_build_after_a_killed_build_is_not_blocked(config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The lock of a process that was killed goes with it: the next build does not wait."""
    out = tmp_path / "out"
    assert build(config, out).exit_code == 0
    holder = hold_lock(out, 60)
    holder.kill()
    holder.wait()
    monkeypatch.setattr(meetplan.output, "LOCK_WAIT_SECONDS", 0.0)
    assert build(config, out).exit_code == 0


def test_calendar_command_on_a_file_of_a_folder_being_built_stops(config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`meetplan calendar` into a build's folder takes the same lock."""
    out = tmp_path / "out"
    assert build(config, out).exit_code == 0
    before = files(out)
    monkeypatch.setattr(meetplan.output, "LOCK_WAIT_SECONDS", 0.2)
    holder = hold_lock(out, 30)
    try:
        result = CliRunner().invoke(main, ["calendar", str(config), "--output", str(out / "calendar.ics")])
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 2
    assert problem_lines(result)[0] == f"error: {out}: another meetplan build is writing here; try again when it has finished"
    assert files(out) == before


def test_calendar_command_outside_a_build_folder_leaves_no_lock(config: Path, tmp_path: Path) -> None:
    """A calendar written into any folder leaves only itself there."""
    folder = tmp_path / "mine"
    folder.mkdir()
    result = CliRunner().invoke(main, ["calendar", str(config), "--output", str(folder / "wg.ics")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["wg.ics"]


# --- links ------------------------------------------------------------------------------------------------------------


def test_build_into_a_speakers_link_writes_nothing_outside(config: Path, tmp_path: Path) -> None:
    """A `speakers` link out of the output folder stops the build with one located line; nothing is written anywhere."""
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    own = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//me//personal//EN\r\nEND:VCALENDAR\r\n"
    (elsewhere / "Amanda Ledwaba.ics").write_bytes(own)
    (out / "speakers").symlink_to("../elsewhere")
    result = build(config, out)
    assert result.exit_code == 2
    assert problem_lines(result) == [
        f"error: {out / 'speakers'}: is a symbolic link to ../elsewhere; an output folder must not link outside itself (remove the link)",
        "meetplan: 1 problem; nothing was written.",
    ]
    assert files(elsewhere) == {"Amanda Ledwaba.ics": own}
    assert files(out) == {}


@pytest.mark.parametrize("name", ["annex.md", "speakers/Mei Lin.ics"])
def test_build_over_an_output_that_is_a_link_is_refused(name: str, config: Path, tmp_path: Path) -> None:
    """An output that is a link (to a file outside) is refused before anything is written; its target is untouched."""
    out = tmp_path / "out"
    assert build(config, out).exit_code == 0
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"API_TOKEN=sk-live-1234567890abcdef\n")
    (out / name).unlink()
    (out / name).symlink_to(secret)
    before = files(out)
    config.write_text(meeting_yaml(issued="2026-10-02"), encoding="utf-8")
    result = build(config, out)
    assert result.exit_code == 2
    assert problem_lines(result)[0] == f"error: {out / name}: is a symbolic link to {secret}; an output folder must not link outside itself (remove the link)"
    assert "sk-live" not in result.output
    assert secret.read_bytes() == b"API_TOKEN=sk-live-1234567890abcdef\n"
    assert files(out) == before


def test_build_into_a_folder_given_as_a_link_is_allowed(config: Path, tmp_path: Path) -> None:
    """The output folder named on the command line may itself be a link: that is the user's choice."""
    (tmp_path / "real").mkdir()
    (tmp_path / "out").symlink_to("real")
    assert build(config, tmp_path / "out").exit_code == 0
    assert (tmp_path / "real" / "calendar.ics").is_file()


# --- reading the previous issue ---------------------------------------------------------------------------------------


@pytest.fixture
def built(config: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    assert build(config, out).exit_code == 0
    return out


def test_previous_calendar_linked_to_a_secret_is_refused_unread(config: Path, built: Path, tmp_path: Path) -> None:
    """A previous calendar that links out is one line naming the link; nothing of the target is printed."""
    secret = tmp_path / "secret.env"
    secret.write_text("API_TOKEN=sk-live-1234567890abcdef\n")
    (built / "calendar.ics").unlink()
    (built / "calendar.ics").symlink_to("../secret.env")
    result = build(config, built)
    assert result.exit_code == 2
    assert problem_lines(result) == [
        f"error: {built / 'calendar.ics'}: is a symbolic link to ../secret.env; an output folder must not link outside itself (remove the link)",
        "meetplan: 1 problem; nothing was written.",
    ]


def test_previous_calendar_with_terminal_escapes_prints_none(config: Path, built: Path) -> None:
    """Escape sequences in a previous calendar never reach the terminal raw."""
    (built / "calendar.ics").write_bytes(b"BEGIN:VCALENDAR\r\n\x1b]0;PWNED\x07\x1b[2J\x1b[31mRED\r\nEND:VCALENDAR\r\n")
    result = build(config, built)
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert len(problem_lines(result)) == 2


@pytest.mark.parametrize("kind", ["named pipe", "device link"])
def test_previous_calendar_that_is_no_file_is_refused_at_once(kind: str, config: Path, built: Path) -> None:
    """A FIFO or a link to /dev/zero where the previous calendar belongs: one line, at once, no hang, no memory."""
    (built / "calendar.ics").unlink()
    if kind == "named pipe":
        os.mkfifo(built / "calendar.ics")
        expected = f"error: {built / 'calendar.ics'}: is a named pipe, not a calendar; move it away"
    else:
        (built / "calendar.ics").symlink_to("/dev/zero")
        expected = f"error: {built / 'calendar.ics'}: is a symbolic link to /dev/zero; an output folder must not link outside itself (remove the link)"
    started = time.monotonic()
    result = build(config, built)
    assert time.monotonic() - started < 10
    assert result.exit_code == 2
    assert problem_lines(result) == [expected, "meetplan: 1 problem; nothing was written."]


def test_previous_calendar_too_large_is_refused(config: Path, built: Path) -> None:
    """A previous calendar over the cap is one line with its size, read no further."""
    size = MAX_PREVIOUS_BYTES + 1
    with open(built / "calendar.ics", "wb") as handle:
        handle.truncate(size)
    result = build(config, built)
    assert result.exit_code == 2
    assert problem_lines(result)[0] == (f"error: {built / 'calendar.ics'}: is {size:,} bytes; a previous issue is read up to "
                                        f"{MAX_PREVIOUS_BYTES:,} (a meeting's calendar is kilobytes): move it away to start anew")


def test_read_previous_of_a_missing_output_is_none(tmp_path: Path) -> None:
    """An output the previous build did not write reads as None, in a folder or below a missing one."""
    read = read_previous(tmp_path / "out")
    assert (read("calendar.ics"), read("speakers/x.ics")) == (None, None)
    write_artifacts([], tmp_path / "out")


# --- --output ---------------------------------------------------------------------------------------------------------


def test_build_with_an_empty_output_is_refused(config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--output ""` (an unset shell variable) is one line, and nothing is written into the current folder."""
    monkeypatch.chdir(tmp_path)
    result = build(config, "")
    assert result.exit_code == 2
    assert problem_lines(result) == ["error: --output: is empty; give a folder (default: output/meeting)",
                                     "meetplan: 1 problem; nothing was written."]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["meeting.yaml"]


@pytest.mark.parametrize("value", ["/dev/null", "/dev"])
def test_build_into_a_device_or_system_folder_is_refused(value: str, config: Path) -> None:
    """A device, or a system folder, is no output folder."""
    result = build(config, value)
    assert result.exit_code == 2
    assert len(problem_lines(result)) == 2
    assert problem_lines(result)[0].startswith(f"error: {value}: ")


@pytest.mark.parametrize("command", ["annex", "calendar"])
def test_single_file_commands_refuse_an_empty_or_device_output(command: str, config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`meetplan annex -o ""` and `-o /dev/null` write nothing."""
    monkeypatch.chdir(tmp_path)
    for value in ("", "/dev/null"):
        result = CliRunner().invoke(main, [command, str(config), "--output", value])
        assert result.exit_code == 2, value
    assert sorted(p.name for p in tmp_path.iterdir()) == ["meeting.yaml"]


# --- permissions --------------------------------------------------------------------------------------------------------


def test_rebuild_keeps_a_restricted_files_permissions(config: Path, built: Path) -> None:
    """A file the secretariat restricted to 0600 stays 0600 when a new issue replaces it; a new file gets the umask's."""
    (built / "speakers.xlsx").chmod(0o600)
    (built / "calendar.ics").chmod(0o640)
    config.write_text(meeting_yaml(issued="2026-10-02", title="Cooperation on tests"), encoding="utf-8")
    shutil.rmtree(built / "speakers")
    assert build(config, built).exit_code == 0
    assert stat.S_IMODE((built / "speakers.xlsx").stat().st_mode) == 0o600
    assert stat.S_IMODE((built / "calendar.ics").stat().st_mode) == 0o640
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE((built / "speakers" / "Mei Lin.ics").stat().st_mode) == 0o666 & ~umask


# --- stale outputs ------------------------------------------------------------------------------------------------------


def events(data: bytes) -> list[dict[str, str]]:
    """Each VEVENT's SUMMARY, STATUS and SEQUENCE (unfolded)."""
    text = data.decode().replace("\r\n ", "")
    found = []
    for block in text.split("BEGIN:VEVENT\r\n")[1:]:
        lines = block.split("END:VEVENT")[0].split("\r\n")
        found.append({key: next((line.split(":", 1)[1] for line in lines if line.split(":", 1)[0] == key), "")
                      for key in ("SUMMARY", "STATUS", "SEQUENCE")})
    return found


def test_removing_speakers_retires_their_outputs(config: Path, built: Path) -> None:
    """Without speakers:, the speakers' files go; the personal calendars are issued cancelled once, then go."""
    previous = {name: events((built / name).read_bytes()) for name in PERSONAL}
    (built / "notes.txt").write_text("the secretariat's own notes")
    config.write_text(meeting_yaml(issued="2026-10-02", speakers=None), encoding="utf-8")
    result = build(config, built)
    assert result.exit_code == 0
    assert problem_lines(result) == [
        *(f"note: {built / name}: issued with its events cancelled (no longer in this issue): send it to those who had it; "
          "the next build removes it" for name in PERSONAL),
        *(f"note: {built / name}: removed (this build no longer writes it)" for name in ("speakers.xlsx", "running-order.docx", "running-order.md")),
    ]
    names = set(files(built))
    assert {"speakers.xlsx", "running-order.docx", "running-order.md"} & names == set()
    assert sorted(name for name in names if name.startswith("speakers/")) == PERSONAL
    for name in PERSONAL:
        assert events((built / name).read_bytes()) == [
            {"SUMMARY": "Cancelled: " + event["SUMMARY"], "STATUS": "CANCELLED", "SEQUENCE": str(int(event["SEQUENCE"]) + 1)}
            for event in previous[name]]
    listed = [entry["name"] for entry in json.loads((built / MANIFEST).read_bytes())["outputs"]]
    assert [name for name in listed if name.startswith("speakers/")] == PERSONAL

    assert build(config, built).exit_code == 0
    assert sorted(files(built)) == ["annex.docx", "annex.html", "annex.md", "annex.tsv", "calendar.ics", "notes.txt", MANIFEST]
    assert not (built / "speakers").exists()


def test_withdrawn_panellist_calendar_is_issued_cancelled(config: Path, built: Path) -> None:
    """A panellist who withdraws gets their calendar once more, cancelled; the others are issued as usual."""
    config.write_text(meeting_yaml(issued="2026-10-02", speakers=SPEAKERS.replace(
        "        - {name: Mei Lin, title: Professor, delegation: Singapore, mode: online, language: English}\n",
        "        - {name: Rahul Mehta, title: Professor, delegation: India, mode: online, language: English}\n")), encoding="utf-8")
    assert build(config, built).exit_code == 0
    assert [event["STATUS"] for event in events((built / "speakers" / "Mei Lin.ics").read_bytes())] == ["CANCELLED"]
    assert [event["STATUS"] for event in events((built / "speakers" / "Rahul Mehta.ics").read_bytes())] == ["CONFIRMED"]
    assert build(config, built).exit_code == 0
    assert not (built / "speakers" / "Mei Lin.ics").exists()


def test_stale_output_changed_by_hand_stays(config: Path, built: Path) -> None:
    """An output meetplan no longer writes but someone changed since is not meetplan's to remove."""
    (built / "speakers.xlsx").write_bytes(b"edited by the secretariat")
    (built / "speakers" / "mine.ics").write_bytes(b"not meetplan's")
    config.write_text(meeting_yaml(issued="2026-10-02", speakers=None), encoding="utf-8")
    result = build(config, built)
    assert result.exit_code == 0
    assert (built / "speakers.xlsx").read_bytes() == b"edited by the secretariat"
    assert (built / "speakers" / "mine.ics").read_bytes() == b"not meetplan's"
    assert not (built / "running-order.md").exists()
    assert f"note: {built / 'speakers.xlsx'}: no longer an output, but changed since meetplan wrote it: left in place" in problem_lines(result)


def test_write_retires_only_what_the_previous_list_names(tmp_path: Path) -> None:
    """write_artifacts removes a listed output with its recorded SHA-256; an unlisted file stays."""
    import hashlib

    (tmp_path / "old.md").write_bytes(b"old")
    (tmp_path / "other.md").write_bytes(b"other")
    listed = [{"name": "old.md", "media_type": "text/markdown", "audience": "public", "sha256": hashlib.sha256(b"old").hexdigest()}]
    (tmp_path / MANIFEST).write_text(json.dumps({"outputs": listed}))
    new = Artifact(name=MANIFEST, media_type="application/json", data=b'{"outputs": []}\n')
    write_artifacts([new], tmp_path, whole_build=True)
    assert sorted(files(tmp_path)) == ["other.md", MANIFEST]


# --- what an interrupted build left ---------------------------------------------------------------------------------------


def test_leftover_staging_without_journal_is_removed_and_said(config: Path, built: Path) -> None:
    """A staging folder a killed build left before moving anything (a copy of private files) goes, with one note."""
    (built / ".meetplan-build").mkdir()
    (built / ".meetplan-build" / "3").write_bytes(b"a staged participants.xlsx")
    result = build(config, built)
    assert result.exit_code == 0
    assert not (built / ".meetplan-build").exists()
    assert [line for line in problem_lines(result) if line.startswith("note:")] == [
        f"note: {built}: removed the files an interrupted build had left in .meetplan-build/"]


def test_leftover_of_an_earlier_version_holding_backups_stops_the_build(config: Path, built: Path) -> None:
    """A staging folder of meetplan before issue 12 may hold the only copy of a previous calendar: the build says so."""
    (built / "calendar.ics").rename(built / "kept")
    (built / ".meetplan-abcd1234" / ".previous").mkdir(parents=True)
    (built / "kept").rename(built / ".meetplan-abcd1234" / ".previous" / "4")
    result = build(config, built)
    assert result.exit_code == 2
    assert problem_lines(result)[0].startswith(f"error: {built / '.meetplan-abcd1234'}: an interrupted build of an earlier meetplan left")
    assert (built / ".meetplan-abcd1234" / ".previous" / "4").is_file()


def test_write_artifacts_with_a_duplicate_name_raises(tmp_path: Path) -> None:
    """Two artifacts of one name are one problem."""
    artifact = Artifact(name="a.md", media_type="text/markdown", data=b"")
    with pytest.raises(MeetplanError):
        write_artifacts([artifact, artifact], tmp_path)


def test_readme_states_the_lock_wait_and_the_size_cap() -> None:
    """The README's section on the output folder gives the numbers output.py uses."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("**The output folder.**", 1)[1].split("\n\n`DTSTAMP`", 1)[0]
    assert f"waits up to {meetplan.output.LOCK_WAIT_SECONDS:g} seconds" in section
    assert f"a regular file under {MAX_PREVIOUS_BYTES // 1_000_000} MB" in section
    assert f"`{LOCK}`" in section and f"`{meetplan.output.STAGING}/`" in section


def test_single_file_into_a_plain_folder_keeps_permissions_and_touches_nothing_else(config: Path, tmp_path: Path) -> None:
    """`meetplan annex -o FILE` replaces FILE alone, keeping its permissions; another process's staging folder,
    in a folder without a build's lock, is not recovered or removed."""
    folder = tmp_path / "plain"
    (folder / ".meetplan-build").mkdir(parents=True)
    (folder / "annex.md").write_bytes(b"old")
    (folder / "annex.md").chmod(0o600)
    result = CliRunner().invoke(main, ["annex", str(config), "--output", str(folder / "annex.md")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == [".meetplan-build", "annex.md"]
    assert b"# Annex" in (folder / "annex.md").read_bytes()
    assert stat.S_IMODE((folder / "annex.md").stat().st_mode) == 0o600


def test_new_outputs_are_on_disk_before_the_journal_and_the_first_move(config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every staged file is synced (by itself, or with its whole file system where the system can) after it is
    written and before the journal, so that after a power cut no output moved into place is empty or cut short;
    the journal precedes every move."""
    events: list[tuple[str, str]] = []
    opened: dict[int, str] = {}
    real_open, real_fsync, real_replace, real_syncfs = os.open, os.fsync, os.replace, meetplan.output._syncfs()

    def recorded_open(path: str, flags: int, *args: Any, **kwargs: Any) -> int:
        descriptor = real_open(path, flags, *args, **kwargs)
        opened[descriptor] = os.fspath(path)
        if flags & os.O_CREAT:
            events.append(("write", os.fspath(path)))
        return descriptor

    def recorded_fsync(descriptor: int) -> None:
        events.append(("fsync", opened.get(descriptor, "?")))
        real_fsync(descriptor)

    def recorded_syncfs(descriptor: int) -> int:
        events.append(("syncfs", opened.get(descriptor, "?")))
        assert real_syncfs is not None
        return real_syncfs(descriptor)

    def recorded_replace(source: str, target: str, *args: Any, **kwargs: Any) -> None:
        events.append(("replace", os.fspath(source)))
        real_replace(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "open", recorded_open)
    monkeypatch.setattr(os, "fsync", recorded_fsync)
    monkeypatch.setattr(os, "replace", recorded_replace)
    monkeypatch.setattr(meetplan.output, "_syncfs", lambda: recorded_syncfs if real_syncfs is not None else None)
    assert build(config, tmp_path / "out").exit_code == 0
    journal = events.index(("replace", str(tmp_path / "out" / meetplan.output.STAGING / "journal.json.new")))
    moved = {path for kind, path in events if kind == "replace"} - {events[journal][1]}
    assert moved and min(index for index, (kind, path) in enumerate(events) if kind == "replace" and path in moved) > journal
    last_write = max(index for index, (kind, path) in enumerate(events) if kind == "write" and path in moved)
    synced = {path for kind, path in events[:journal] if kind == "fsync"}
    whole = [index for index, (kind, _) in enumerate(events[:journal]) if kind == "syncfs"]
    assert moved <= synced or (whole and max(whole) > last_write)
