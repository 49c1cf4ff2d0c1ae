"""No injection: text from the configuration reaches every output as literal text, never as markup or formulas.

Each payload goes into every free-text field of the configuration at once (each field's value ending in its
own name), and every artifact ``render_all`` returns is compared with a build of plain text: its structure
(HTML elements and attributes, Markdown markup and lines, TSV cells, Office XML elements, calendar components
and properties) must be the same, and each field an output shows must show there literally. A new renderer is
covered as soon as render_all returns it; a new kind of file needs a projection below.
"""

from __future__ import annotations

import csv
import html
import html.parser
import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import icalendar
import pytest

from meetplan.config import load, parse
from meetplan.output import write_artifacts
from meetplan.outputs import render_all
from meetplan.plan import plan
from meetplan.render import Artifact
from meetplan.yamlsource import load_yaml

from conftest import FULL_TEXTS, full_meeting

PAYLOADS = {
    "spreadsheet-formula": "=cmd|' /C calc'!A0",
    "plus": "+1+1",
    "at": "@SUM(1)",
    "minus": "-2+3",
    "tab": "\t=1+2",
    "script": "<script>alert(1)</script>",
    "attribute": '"><img src=x onerror=alert(1)>',
    "markdown": "*x* | y [a](javascript:alert(1)) `code` _u_ ~~s~~ <b>&amp;",
    "markdown-blocks": "- item\n1. item\n# heading\n> quote\n```\n---",
    "calendar": "Evil\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:injected\r\nX-INJECTED:1\r\nSUMMARY:Injected",
    "calendar-escapes": "a;b,c\\nd\\\\e:f",
    "control-characters": "bell\x07 escape\x1b[31m null\x00 vertical\x0btab",
}
TEXT_FIELDS = [field for field in FULL_TEXTS if field != "url"]
PLAIN_URL = "https://example.org/plain"
# The one URL payload the configuration accepts: no spaces, quotes or angle brackets, but a quote of the other kind.
URL_PAYLOAD = "https://example.org/join?a='onmouseover='alert(1)'&b=javascript:alert(2)"


def render(texts: dict[str, str]) -> list[Artifact]:
    return render_all(plan(parse(load_yaml(full_meeting(**texts), "meeting.yaml"), "meeting.yaml")))


def plain(field: str) -> str:
    return f"plain {field} text"


def one_line(value: str) -> str:
    """Text as an output shows it: control characters as spaces (XML cannot hold them), whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", " ", value)).strip()


# --- projections: (structure, visible text) of one artifact -----------------------------------------------------


class _HTML(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.structure: list[tuple[str, ...]] = []
        self.texts: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.structure.append(("start", tag, *sorted(name for name, _ in attrs)))
        self.urls += [value or "" for name, value in attrs if name in ("href", "src", "action")]

    def handle_endtag(self, tag: str) -> None:
        self.structure.append(("end", tag))

    def handle_data(self, data: str) -> None:
        self.texts.append(data)

    def handle_comment(self, data: str) -> None:
        self.structure.append(("comment",))


def project_html(data: bytes) -> tuple[object, str]:
    parser = _HTML()
    parser.feed(data.decode("utf-8"))
    parser.close()
    schemes = [url.split(":")[0].lower() for url in parser.urls]
    return (parser.structure, schemes), "\n".join(parser.texts)


_MARKDOWN_MARKUP = set("\\`*_[]<>|~&#")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # CommonMark: a backslash before ASCII punctuation
_LINE_START = re.compile(r"^(\s{0,3})([-+*]\s|\d+[.)](\s|$)|#|>|`{3}|~{3}|[-=_*]{3,}\s*$|\s)")


def project_markdown(data: bytes) -> tuple[object, str]:
    """Structure: per line, its block marker and the markup characters left once escapes are removed."""
    structure = []
    for line in data.decode("utf-8").split("\n"):
        unescaped = _ESCAPE.sub("", line)
        start = _LINE_START.match(line)
        structure.append((start.group(2) if start else "", "".join(c for c in unescaped if c in _MARKDOWN_MARKUP)))
    # The word joiners around "@" (which keep GitHub from linking addresses and names) are invisible.
    return structure, _ESCAPE.sub(r"\1", data.decode("utf-8")).replace("\u2060", "")


def project_tsv(data: bytes) -> tuple[object, str]:
    """Structure: the number of cells in each line, which cells a spreadsheet would read as a formula, and the
    italics markers ("<i>") of each cell; the text is the cells' with the entities that stand for "&", "<", ">"
    decoded, as a reader of the seeds' format does."""
    lines = data.decode("utf-8").split("\n")
    cells = [line.split("\t") for line in lines]
    formulas = [(row, column) for row, line in enumerate(cells) for column, cell in enumerate(line) if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    italics = [[cell.count("<i>") + cell.count("</i>") for cell in line] for line in cells]
    texts = [html.unescape(cell[1:] if cell[:1] == "'" else cell) for line in cells for cell in line]
    return ([len(line) for line in cells], formulas, italics), "\n".join(texts)


def project_zip(data: bytes) -> tuple[object, str]:
    """An Office package: the element tags of every XML part, and the text of every element."""
    package = zipfile.ZipFile(io.BytesIO(data))
    structure, texts = [], []
    for name in sorted(package.namelist()):
        if not name.endswith((".xml", ".rels")):
            structure.append((name, "binary"))
            continue
        root = ElementTree.fromstring(package.read(name))
        structure.append((name, tuple(element.tag for element in root.iter())))
        texts += [element.text for element in root.iter() if element.text]
    return structure, "\n".join(texts)


def project_calendar(data: bytes) -> tuple[object, str]:
    """The components and the names of their properties (parsed and raw), and every property's decoded text."""
    calendar = icalendar.Calendar.from_ical(data)
    structure = [(component.name, tuple(sorted(component.keys()))) for component in calendar.walk()]
    unfolded = re.sub(r"\r\n[ \t]", "", data.decode("utf-8"))
    raw = sorted(line.split(":")[0].split(";")[0] for line in unfolded.split("\r\n") if line)
    texts = [str(value) for component in calendar.walk() for value in component.values() if isinstance(value, str)]
    return (structure, raw), "\n".join(texts)


def project_json(data: bytes) -> tuple[object, str]:
    """outputs.json: its shape (keys and types), and its strings but the file names (safe names, tested apart)."""
    texts: list[str] = []

    def shape(value: object) -> object:
        if isinstance(value, dict):
            return {key: "str" if key == "name" else shape(item) for key, item in value.items()}
        if isinstance(value, list):
            return [shape(item) for item in value]
        if isinstance(value, str):
            texts.append(value)
        return type(value).__name__

    return shape(json.loads(data)), "\n".join(texts)


PROJECTIONS: dict[str, Callable[[bytes], tuple[object, str]]] = {
    ".json": project_json,
    ".html": project_html,
    ".md": project_markdown,
    ".tsv": project_tsv,
    ".docx": project_zip,
    ".xlsx": project_zip,
    ".ics": project_calendar,
}


def project(artifact: Artifact) -> tuple[object, str]:
    extension = "." + artifact.name.rsplit(".", 1)[-1]
    if extension not in PROJECTIONS:
        pytest.fail(f"{artifact.name}: no projection for {extension} files; add one to tests/test_injection.py")
    return PROJECTIONS[extension](artifact.data)


@pytest.fixture(scope="module")
def baseline() -> dict[str, tuple[object, str]]:
    """Each artifact of a build whose texts are plain words, projected."""
    return {a.name: project(a) for a in render({field: plain(field) for field in TEXT_FIELDS} | {"url": PLAIN_URL})}


def test_injection_baseline_shows_fields_in_every_output(baseline: dict[str, tuple[object, str]]) -> None:
    """Every artifact shows at least one configuration field, so the literal checks below check something."""
    shown = {name: [f for f in TEXT_FIELDS if plain(f) in one_line(text)] for name, (_, text) in baseline.items()}
    # outputs.json names the files and their hashes only; its shape is still compared below.
    assert [name for name, fields in shown.items() if not fields] == ["outputs.json"]
    assert {"annex.md", "annex.html", "annex.tsv", "annex.docx"} <= set(shown)


@pytest.mark.parametrize("payload", list(PAYLOADS), ids=list(PAYLOADS))
def test_injection_through_every_text_field_stays_literal(payload: str, baseline: dict[str, tuple[object, str]]) -> None:
    """With the payload in every text field, each artifact keeps the plain build's structure and shows the text as typed."""
    texts = {field: f"{PAYLOADS[payload]} {field}" for field in TEXT_FIELDS} | {"url": URL_PAYLOAD}
    artifacts = {a.name: project(a) for a in render(texts)}
    assert sorted(artifacts) == sorted(baseline)
    for name, (structure, text) in artifacts.items():
        plain_structure, plain_text = baseline[name]
        assert structure == plain_structure, f"{name}: the payload changed the structure"
        shown = [f for f in TEXT_FIELDS if plain(f) in one_line(plain_text)]
        assert [f for f in shown if one_line(texts[f]) not in one_line(text)] == [], f"{name}: a field does not show literally"


# --- through the data files: registrations and inscriptions -------------------------------------------------------

# The payloads the data files carry; the calendar and control-character ones reach text cells of a CSV as typed.
DATA_PAYLOADS = {key: PAYLOADS[key] for key in ("spreadsheet-formula", "plus", "at", "minus", "tab", "script", "attribute",
                                                   "markdown", "calendar")}
REGISTRATION_FIELDS = ("given", "family", "position", "ngo")
INSCRIPTION_FIELDS = ("panellist", "panellist_title", "panellist_behalf", "speaker", "speaker_title", "speaker_behalf")
DATA_FIELDS = (*REGISTRATION_FIELDS, *INSCRIPTION_FIELDS)
DATA_SECTIONS = """\
delegations:
  parties: [Austria, Brazil, Mexico]
  ngos: [{{name: {ngo}, time_zone: Europe/Vienna}}]
participants:
  registrations: registrations.csv
speakers:
  file: inscriptions.csv
"""


def csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def render_with_data(folder: Path, texts: dict[str, str]) -> list[Artifact]:
    """FULL_MEETING with delegations, a registrations file and an inscriptions file carrying ``texts``, rendered."""
    folder.mkdir()
    config = full_meeting() + DATA_SECTIONS.format(ngo=json.dumps(texts["ngo"]))
    (folder / "meeting.yaml").write_text(config, encoding="utf-8")
    (folder / "registrations.csv").write_bytes(csv_bytes([
        ["First Name", "Last Name", "Position", "Affiliation", "Email", "Participation"],
        [texts["given"], texts["family"], texts["position"], "Austria", "a@example.org", "In person"],
        ["Ana", "Silva", "Adviser", texts["ngo"], "", "Online"],
    ]))
    (folder / "inscriptions.csv").write_bytes(csv_bytes([
        ["item", "kind", "name", "title", "delegation", "on behalf of", "inscribed"],
        ["2", "panellist", texts["panellist"], texts["panellist_title"], "Mexico", texts["panellist_behalf"], ""],
        ["2", "statement", texts["speaker"], texts["speaker_title"], "Brazil", texts["speaker_behalf"], "2020-09-07 10:00"],
    ]))
    return render_all(plan(load(folder / "meeting.yaml")))


def keyed(artifacts: list[Artifact]) -> dict[str, Artifact]:
    """Artifacts by name, the speakers' calendars (named after people) by their place in the build instead."""
    calendars = iter(range(len(artifacts)))
    return {f"speakers/#{next(calendars)}" if a.name.startswith("speakers/") else a.name: a for a in artifacts}


@pytest.fixture(scope="module")
def data_baseline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Artifact]:
    """Each artifact of a build whose data files hold plain words."""
    texts = {field: plain(field) for field in DATA_FIELDS}
    return keyed(render_with_data(tmp_path_factory.mktemp("plain") / "m", texts))


def test_injection_data_baseline_shows_data_fields(data_baseline: dict[str, Artifact]) -> None:
    """The data files' fields reach the participants' and speakers' outputs, so the checks below check something."""
    shown = {key: sorted(f for f in DATA_FIELDS if plain(f) in one_line(project(a)[1])) for key, a in data_baseline.items()}
    registrations, inscriptions = sorted(REGISTRATION_FIELDS), sorted(INSCRIPTION_FIELDS)
    assert {key: fields for key, fields in shown.items() if fields} == {
        "participants.xlsx": registrations, "list-of-participants.docx": registrations, "list-of-participants.md": registrations,
        "list-of-participants.ar.docx": registrations, "list-of-participants.ar.md": registrations,
        "speakers.xlsx": inscriptions, "running-order.docx": inscriptions, "running-order.md": inscriptions,
        "speakers/#0": ["panellist", "panellist_behalf"],
    }


def sheet_cells(data: bytes) -> list[tuple[str, str | None, bool]]:
    """Every cell of every worksheet: (reference, type attribute, whether it holds a formula)."""
    package = zipfile.ZipFile(io.BytesIO(data))
    cells = []
    for name in package.namelist():
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            for cell in ElementTree.fromstring(package.read(name)).iter(f"{{{SHEET_NS}}}c"):
                cells.append((cell.get("r") or "", cell.get("t"), cell.find(f"{{{SHEET_NS}}}f") is not None))
    return cells


SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@pytest.mark.parametrize("payload", list(DATA_PAYLOADS), ids=list(DATA_PAYLOADS))
def test_injection_through_data_files_stays_literal(payload: str, data_baseline: dict[str, Artifact], tmp_path: Path) -> None:
    """With the payload in every text cell of the registrations and inscriptions, each artifact keeps its structure,
    shows the text as typed, and no workbook cell is a formula or an error value."""
    texts = {field: f"{DATA_PAYLOADS[payload]} {field}" for field in DATA_FIELDS}
    artifacts = keyed(render_with_data(tmp_path / "m", texts))
    plain_cells = {key: sheet_cells(a.data) for key, a in data_baseline.items() if key.endswith(".xlsx")}
    assert {key: [c for c in cells if c[2]] for key, cells in plain_cells.items()} == {"participants.xlsx": [], "speakers.xlsx": []}
    assert sorted(artifacts) == sorted(data_baseline)
    for key, artifact in artifacts.items():
        structure, text = project(artifact)
        plain_structure, plain_text = project(data_baseline[key])
        assert structure == plain_structure, f"{key}: the payload changed the structure"
        shown = [f for f in DATA_FIELDS if plain(f) in one_line(plain_text)]
        assert [f for f in shown if one_line(texts[f]) not in one_line(text)] == [], f"{key}: a field does not show literally"
        if key.endswith(".xlsx"):
            # Every cell keeps the plain build's type: text cells stay shared strings, none becomes a formula or an error.
            assert sheet_cells(artifact.data) == plain_cells[key], f"{key}: a cell changed type or became a formula"


@pytest.mark.parametrize("name", ["../../evil", "CON", "..", "a/b\\c", "nul.txt", "/etc/passwd"])
def test_injection_speaker_names_keep_calendars_inside_the_output_folder(name: str, tmp_path: Path) -> None:
    """A speaker's calendar is named after the speaker, yet always one plain file in speakers/, never a reserved name."""
    texts = {field: plain(field) for field in DATA_FIELDS} | {"panellist": name}
    names = [a.name for a in render_with_data(tmp_path / "m", texts) if a.name.startswith("speakers/")]
    assert len(names) == 1
    folder, file = names[0].split("/", 1)
    assert (folder, "/" in file, "\\" in file, ".." in file, file.split(".")[0].lower() in ("con", "nul")) == ("speakers", False, False, False, False)
    out = tmp_path / "out"
    write_artifacts(render_with_data(tmp_path / "again", texts), out)
    assert [p.relative_to(out).as_posix() for p in (out / "speakers").iterdir()] == names
