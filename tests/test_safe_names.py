"""Safe names: any text becomes one file name valid on Windows, macOS and Linux; no output leaves its folder."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetplan.errors import MeetplanError
from meetplan.output import safe_name, write_artifacts
from meetplan.render import Artifact

# Windows device names, whatever follows the first dot (Microsoft, "Naming Files, Paths, and Namespaces").
WINDOWS_DEVICES = {
    "con", "prn", "aux", "nul", "conin$", "conout$",
    *(f"{device}{digit}" for device in ("com", "lpt") for digit in "0123456789\u00b9\u00b2\u00b3"),
}  # fmt: skip
WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def problems_with(name: str) -> list[str]:
    """What makes a file name unsafe somewhere: an empty list for a name valid on every platform."""
    found = []
    if not name or name in (".", ".."):
        found.append("empty or a folder reference")
    if WINDOWS_FORBIDDEN.search(name):
        found.append("a character Windows forbids, or a separator")
    if re.search(r"[\x7f-\x9f]", name) or BIDI_CONTROLS.search(name):
        found.append("a control character")
    if name.endswith((" ", ".")):
        found.append("ends with a space or a dot, which Windows drops")
    if name.split(".")[0].strip().lower() in WINDOWS_DEVICES:
        found.append("a Windows device name")
    if len(name.encode("utf-8")) > 255:
        found.append("longer than 255 bytes")
    if unicodedata.normalize("NFC", name) != name:
        found.append("not in Unicode NFC")
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CTOC/COP/WG.7/2020/1", "CTOC-COP-WG.7-2020-1.docx"),
        ("..", "unnamed.docx"),
        ("../../etc/passwd", "etc-passwd.docx"),
        ("CON", "_CON.docx"),
        ("aux.txt", "_aux.txt.docx"),
        ("nul", "_nul.docx"),
        ("COM\u00b9", "_COM\u00b9.docx"),
        ("CONOUT$", "_CONOUT$.docx"),
        ("con .txt", "_con .txt.docx"),
        ("list\x00of\x1fparticipants\r\n2020", "list-of-participants-2020.docx"),
        ("C1\x85control\x9f", "C1-control.docx"),
        ("\u202egnp.exe", "gnp.exe.docx"),
        ("...", "unnamed.docx"),
        ("   ", "unnamed.docx"),
        (" . . ", "unnamed.docx"),
        ("a:b*c?d\\e", "a-b-c-d-e.docx"),
        ('<"|>', "unnamed.docx"),
        ("report. ", "report.docx"),
        ("Cafe\u0301", "Caf\u00e9.docx"),
    ],
)
def test_safe_name_gives_the_expected_name(text: str, expected: str) -> None:
    """Each awkward text becomes the expected name, and that name is valid everywhere."""
    assert safe_name(text, ".docx") == expected
    assert problems_with(expected) == []


@pytest.mark.parametrize("text", ["\u00e9" * 300, "\u5973" * 300, "x" * 300, "\U0001f600" * 300, ("a" * 79) + "\u00e9" * 200])
def test_safe_name_of_300_characters_stays_within_255_bytes(text: str) -> None:
    """A very long text, multi-byte included, is cut on a character boundary and keeps its extension."""
    name = safe_name(text, ".docx")
    assert name.endswith(".docx")
    assert len(name.encode("utf-8")) <= 255
    assert text.startswith(name.removesuffix(".docx"))
    assert problems_with(name) == []


@settings(max_examples=300, deadline=None)
@given(st.text(), st.sampled_from(["", ".docx", ".xlsx", ".ics"]))
def test_safe_name_of_any_text_is_valid_everywhere(text: str, extension: str) -> None:
    """Whatever the text, the name is one non-empty path component valid on Windows, macOS and Linux."""
    name = safe_name(text, extension)
    assert problems_with(name) == []
    assert Path(name).name == name
    assert name.endswith(extension)


@pytest.mark.parametrize("name", ["../escape.txt", "/etc/passwd", "sub/../../escape.txt", "..", ".", "", "..\\escape.txt", "C:escape.txt", "a\x00b"])
def test_write_artifacts_refuses_a_name_that_leaves_the_folder(name: str, tmp_path: Path) -> None:
    """An artifact named outside its folder (on any platform) is refused and nothing at all is written."""
    folder = tmp_path / "out"
    artifacts = [Artifact(name="annex.md", media_type="text/markdown", data=b"x"), Artifact(name=name, media_type="text/plain", data=b"x")]
    with pytest.raises(MeetplanError) as raised:
        write_artifacts(artifacts, folder)
    assert [p.message for p in raised.value.problems] == ["an output name must stay inside the output folder"]
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == []


def test_write_artifacts_writes_a_safe_name_inside_the_folder(tmp_path: Path) -> None:
    """A document symbol made safe becomes one file directly in the output folder."""
    name = safe_name("CTOC/COP/WG.7/2020/INF/1", ".docx")
    written = write_artifacts([Artifact(name=name, media_type="application/octet-stream", data=b"x")], tmp_path)
    assert written == [tmp_path / "CTOC-COP-WG.7-2020-INF-1.docx"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["CTOC-COP-WG.7-2020-INF-1.docx"]
