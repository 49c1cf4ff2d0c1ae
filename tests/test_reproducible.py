"""Reproducible builds: the same input gives the same bytes, whatever the clock, the time zone or the folder."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from meetplan.config import load, parse
from meetplan.outputs import OUTPUTS, render_all
from meetplan.plan import plan
from meetplan.render import Artifact
from meetplan.yamlsource import load_yaml

from conftest import ROOT, full_meeting

MEETPLAN = Path(sys.executable).parent / "meetplan"
EPOCH = 1_600_000_000  # 2020-09-13 12:26:40 UTC: even seconds, which ZIP timestamps can hold
CORE = {"cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties", "dcterms": "http://purl.org/dc/terms/"}


def artifacts(epoch: str | None = None) -> list[Artifact]:
    return render_all(plan(parse(load_yaml(full_meeting(), "meeting.yaml"), "meeting.yaml"), source_date_epoch=epoch))


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every output below the folder (the build's lock holds nothing and is left out)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".meetplan.lock"}


# Every kind of output the 2020 meeting has: the annex, the calendar, participants, report and speakers.
# Every output but the speakers' calendars, which are checked by name below.
# The 2020 meeting's outputs, each language's in place of the outputs written once per language (annex.*.md).
OUTPUTS_2020 = sorted(
    name
    # no parallel meetings in 2020, no limits cut (speakers.fit_limits), no statements' texts
    for entry in OUTPUTS if entry.name not in ("speakers/*.ics", "interpreters-pack.docx") and entry.needs not in ("parallel", "fit", "statistics")
    for name in ([entry.name.replace("*", code) for code in ("fr", "es", "ru", "zh", "ar")] if "*" in entry.name else [entry.name])
)


def artifacts_2020(epoch: str | None = None) -> list[Artifact]:
    return render_all(plan(load(ROOT / "config" / "wgsom-2020.yaml"), source_date_epoch=epoch))


def build(folder: Path, tz: str, meeting: str = "full") -> dict[str, bytes]:
    """Build FULL_MEETING (or the 2020 meeting, with its registrations) from its own folder with the installed
    program, under the given TZ, without SOURCE_DATE_EPOCH."""
    folder.mkdir()
    if meeting == "2020":
        shutil.copy(ROOT / "config" / "wgsom-2020.yaml", folder / "meeting.yaml")
        shutil.copytree(ROOT / "config" / "registrations", folder / "registrations")
    else:
        (folder / "meeting.yaml").write_text(full_meeting(), encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"} | {"TZ": tz}
    completed = subprocess.run([str(MEETPLAN), "build", "meeting.yaml", "--output", "out"], cwd=folder, env=env, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    return snapshot(folder / "out")


def zip_artifacts(items: list[Artifact]) -> list[Artifact]:
    """The artifacts that are ZIP packages (.docx, .xlsx)."""
    return [a for a in items if a.data[:4] == b"PK\x03\x04"]


def core_dates(data: bytes) -> tuple[str, str]:
    """The created and modified dates in an Office package's docProps/core.xml."""
    root = ElementTree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml"))
    return root.findtext("dcterms:created", namespaces=CORE) or "", root.findtext("dcterms:modified", namespaces=CORE) or ""


def test_build_in_other_folders_at_other_times_and_zones_gives_identical_bytes(tmp_path: Path) -> None:
    """Two builds, a second apart, in different folders and TZ settings, write the same files with the same bytes."""
    first = build(tmp_path / "one", "UTC")
    time.sleep(1.1 - time.time() % 1)  # past the next second boundary: any clock reading would differ
    second = build(tmp_path / "two", "Pacific/Kiritimati")
    assert sorted(first) == sorted(a.name for a in artifacts())
    assert [name for name in first if first[name] != second[name]] == []


def test_build_of_2020_at_other_times_and_zones_gives_identical_bytes(tmp_path: Path) -> None:
    """Every artifact of the 2020 build (participants, report, speakers and their calendars too) has the same bytes
    when built a second later, in another folder, under another TZ."""
    first = build(tmp_path / "one", "UTC", "2020")
    time.sleep(1.1 - time.time() % 1)
    second = build(tmp_path / "two", "America/Los_Angeles", "2020")
    assert sorted(name for name in first if not name.startswith("speakers/")) == OUTPUTS_2020
    assert sorted(first) == sorted(a.name for a in artifacts_2020())
    assert len([name for name in first if name.startswith("speakers/") and name.endswith(".ics")]) == 5
    assert sorted(second) == sorted(first)
    assert [name for name in first if first[name] != second[name]] == []


def test_render_all_of_2020_twice_gives_identical_artifacts(monkeypatch: pytest.MonkeyPatch) -> None:
    """The 2020 meeting renders to the same names, media types and bytes again within one process."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert artifacts_2020() == artifacts_2020()


def test_build_again_into_the_same_folder_gives_identical_bytes(tmp_path: Path) -> None:
    """Rebuilding over the previous outputs (which renderers read) changes no byte when the input is unchanged."""
    first = build(tmp_path / "one", "UTC")
    completed = subprocess.run([str(MEETPLAN), "build", "meeting.yaml", "--output", "out"], cwd=tmp_path / "one", capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    second = snapshot(tmp_path / "one" / "out")
    assert [name for name in first if first[name] != second[name]] == []


def test_render_all_twice_gives_identical_artifacts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every artifact render_all returns has the same name, media type and bytes when rendered again."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert artifacts() == artifacts()


def test_office_packages_carry_the_issue_date_without_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without SOURCE_DATE_EPOCH, core.xml dates and ZIP member times are the issue date at midnight UTC."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    packages = zip_artifacts(artifacts_2020()) + zip_artifacts(artifacts())
    assert [a.name for a in packages] != []
    for package in packages:
        # The report is issued after the meeting, on its own date (report.issued).
        day = (2020, 9, 23) if package.name == "report.docx" else (2020, 6, 4)
        stamp = f"{day[0]}-{day[1]:02}-{day[2]:02}T00:00:00Z"
        assert core_dates(package.data) == (stamp, stamp), package.name
        assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(package.data)).infolist()} == {(*day, 0, 0, 0)}, package.name


def test_renderers_read_no_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """SOURCE_DATE_EPOCH reaches the outputs only through plan(): set in the environment, a render does not see it."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = artifacts_2020()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    assert artifacts_2020() == before


def test_office_packages_follow_source_date_epoch() -> None:
    """With SOURCE_DATE_EPOCH given to the plan, core.xml dates and every ZIP member's time are that moment."""
    packages = zip_artifacts(artifacts_2020(str(EPOCH))) + zip_artifacts(artifacts(str(EPOCH)))
    assert [a.name for a in packages] != []
    for package in packages:
        assert core_dates(package.data) == ("2020-09-13T12:26:40Z", "2020-09-13T12:26:40Z")
        assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(package.data)).infolist()} == {(2020, 9, 13, 12, 26, 40)}


def test_calendar_stamps_follow_source_date_epoch() -> None:
    """When the build has a calendar, every DTSTAMP is the SOURCE_DATE_EPOCH moment."""
    icalendar = pytest.importorskip("icalendar")
    calendars = [a for a in [*artifacts(str(EPOCH)), *artifacts_2020(str(EPOCH))] if a.name.endswith(".ics")]
    if not calendars:
        pytest.skip("this build has no calendar")
    for artifact in calendars:
        stamps = {event.decoded("DTSTAMP") for event in icalendar.Calendar.from_ical(artifact.data).walk("VEVENT")}
        assert stamps == {dt.datetime.fromtimestamp(EPOCH, tz=dt.UTC)}
