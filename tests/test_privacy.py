"""Privacy: e-mail addresses and telephone numbers are for the secretariat; no published output carries them.

``with_personal_markers`` fills every e-mail and telephone cell of a registrations file with a marker; the
test builds the shipped 2020 configuration with those registrations and looks for the markers in every
published artifact, in every form a renderer could write them (escaped, folded, zipped, spaced).
Where personal data enters: registrations (the participants: section) today. When another input gains an
e-mail or telephone field (an inscriptions file for speakers, for example), fill it here the same way.
"""

from __future__ import annotations

import csv
import html
import io
import re
import shutil
import zipfile
from urllib.parse import unquote

import pytest

from meetplan.config import load
from meetplan.outputs import Audience, output, render_all
from meetplan.plan import plan
from meetplan.render import Artifact

from conftest import ROOT

CONTACT_HEADING = re.compile(r"e-?mail|phone|telephone|mobile|fax", re.IGNORECASE)
EMAIL_DOMAIN = "leak.example"
PHONE_DIGITS = "99555014725"


def email_marker(row: int) -> str:
    return f"zqx-privacy-{row}@{EMAIL_DOMAIN}"


def phone_marker(row: int) -> str:
    return f"+99 (555) 014-725 ext. {row}"


def with_personal_markers(data: bytes) -> tuple[bytes, int]:
    """A registrations CSV with every e-mail and telephone cell replaced by a marker; and how many were replaced."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    contact = [i for i, heading in enumerate(rows[0]) if CONTACT_HEADING.search(heading)]
    replaced = 0
    for number, row in enumerate(rows[1:], start=2):
        for i in contact:
            row[i] = email_marker(number) if "mail" in rows[0][i].lower() else phone_marker(number)
            replaced += 1
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8"), replaced


def readable_texts(artifact: Artifact) -> list[str]:
    """The artifact's text as a reader or a program could find it: unzipped, unfolded, unescaped, decoded."""
    if artifact.data[:4] == b"PK\x03\x04":
        package = zipfile.ZipFile(io.BytesIO(artifact.data))
        raw = [package.read(name).decode("utf-8", "replace") for name in package.namelist()]
    else:
        raw = [artifact.data.decode("utf-8", "replace")]
    texts = []
    for text in raw:
        text = re.sub(r"\r?\n[ \t]", "", text)  # iCalendar folding
        text = unquote(html.unescape(html.unescape(text))).replace("\\", "")
        texts.append(text.lower())
    return texts


def leaks(artifact: Artifact) -> list[str]:
    """Which markers an artifact carries: the e-mail domain, and the telephone digits however they are spaced."""
    found = set()
    for text in readable_texts(artifact):
        if EMAIL_DOMAIN in text or "zqx-privacy" in text:
            found.add("e-mail")
        if PHONE_DIGITS in re.sub(r"[\s().+\-]", "", text):
            found.add("telephone")
    return sorted(found)


@pytest.fixture(scope="module")
def marked_build(tmp_path_factory: pytest.TempPathFactory) -> list[Artifact]:
    """Every artifact of the 2020 meeting built from registrations whose contact cells hold markers."""
    folder = tmp_path_factory.mktemp("privacy")
    shutil.copy(ROOT / "config" / "wgsom-2020.yaml", folder / "meeting.yaml")
    shutil.copytree(ROOT / "config" / "registrations", folder / "registrations")
    for path in (folder / "registrations").glob("*.csv"):
        data, replaced = with_personal_markers(path.read_bytes())
        assert replaced > 0
        path.write_bytes(data)
    meeting = load(folder / "meeting.yaml")
    # The markers reached the model, so their absence below means the renderers left them out.
    assert meeting.participants
    assert {p.email for p in meeting.participants} == {email_marker(p.row) for p in meeting.participants}
    return render_all(plan(meeting))


def is_published(name: str) -> bool:
    return output(name).audience is Audience.PUBLIC


def test_privacy_every_artifact_is_published_or_for_the_secretariat(marked_build: list[Artifact]) -> None:
    """Each artifact comes from a declared output, so a new output is declared published (and checked) or kept back;
    the published ones are those DOMAIN.md names: the annex, the calendar, the list of participants, the report and
    the Chair's running order."""
    published = sorted({output(a.name).name for a in marked_build if is_published(a.name)})
    assert published == [
        "annex.*.docx", "annex.*.html", "annex.*.md", "annex.*.tsv", "annex.docx", "annex.html", "annex.md", "annex.tsv",
        "calendar.*.ics", "calendar.ics", "list-of-participants.*.docx", "list-of-participants.*.md", "list-of-participants.docx",
        "list-of-participants.md", "report.docx", "report.md", "running-order.docx", "running-order.md",
    ]  # fmt: skip


def test_privacy_no_published_artifact_carries_an_email_or_telephone(marked_build: list[Artifact]) -> None:
    """No published artifact carries an e-mail address or telephone number from the registrations."""
    assert {a.name: leaks(a) for a in marked_build if is_published(a.name) and leaks(a)} == {}


@pytest.mark.parametrize(
    "data",
    [
        email_marker(2).encode(),
        html.escape(f"<a href='mailto:{email_marker(2)}'>").replace("@", "&#64;").encode(),
        (b"DESCRIPTION:contact zqx-privacy-2@le\r\n ak.example\r\n"),
        b"tel: +99-555-014-725",
        b"mailto:zqx-privacy-2%40leak.example",
    ],
    ids=["plain", "html-escaped", "calendar-folded", "phone-dashed", "url-encoded"],
)
def test_privacy_search_finds_markers_in_every_form(data: bytes) -> None:
    """The search sees a marker however a renderer writes it, in a text file and inside a zipped package."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("word/document.xml", data)
    found = leaks(Artifact(name="x.txt", media_type="text/plain", data=data))
    assert found == leaks(Artifact(name="x.docx", media_type="application/zip", data=buffer.getvalue()))
    assert len(found) == 1


def test_privacy_secretariat_sheet_keeps_the_emails(marked_build: list[Artifact]) -> None:
    """participants.xlsx, for the secretariat, does carry the e-mail addresses: the search works on real outputs."""
    sheets = [a for a in marked_build if a.name == "participants.xlsx"]
    assert [leaks(a) for a in sheets] == [["e-mail"]]
