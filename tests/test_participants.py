"""Delegations and registrations in; participants.xlsx and the list of participants out."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from meetplan.cli import main
from meetplan.config import load
from meetplan.config.participants import read_registrations
from meetplan.errors import ConfigError
from meetplan.model import Attendance, DelegationCategory, Placement
from meetplan.outputs import render_all
from meetplan.plan import plan
from meetplan.render.list_of_participants import render_docx as render_list_docx
from meetplan.render.list_of_participants import render_markdown as render_list_markdown
from meetplan.render.participants_xlsx import render_participants_xlsx
from meetplan.scheduler import schedule
from meetplan.seating import seat_plan
from meetplan.style import sort_key
from meetplan.synthetic import HEADINGS, registrations_csv

from conftest import ROOT, SEEDS, require_program

CONFIG_2020 = ROOT / "config" / "wgsom-2020.yaml"

MEETING = """\
meeting:
  body: Working Group on the Smuggling of Migrants
  ordinal: 7
  symbol: CTOC/COP/WG.7/2020/1
  venue: Vienna
  time_zone: Europe/Vienna
  format: hybrid
  online: Interprefy
  issued: 2020-06-04
  plenary_meetings: 4
days:
  first: 2020-09-08
  last: 2020-09-09
  hours: ["10:00-13:00", "15:00-18:00"]
agenda:
  - Organizational matters
  - A substantive topic
  - Other matters
  - Adoption of the report
delegations:
  parties: [Guatemala, New Zealand, France, European Union, {name: Turkey, reference: Türkiye}]
  non_parties: [Iran (Islamic Republic of)]
  organizations: [INTERPOL]
  permanent_observers: [Sovereign Order of Malta]
  ngos: [{name: Global Initiative against Transnational Organized Crime, time_zone: Europe/Zurich}]
participants:
  registrations: registrations.csv
  seats: 4
  per_delegation: {parties: 1, non_parties: 1}
"""

ROWS = [
    ("Ana", "López", "First Secretary", "Guatemala", "ana@mfa.example", "+502 2410 0000", "Online"),
    ("Aroha", "Ngata", "Counsellor", "New Zealand", "aroha@mfat.example", "+64 4 439 8000", "Online"),
    ("Claire", "Dubois", "Ambassador", "France", "claire@diplomatie.example", "+33 1 43 17 53 53", "In person"),
    ("Luc", "Martin", "Expert", "France", "luc@interieur.example", "+33 1 49 27 49 27", "In person"),
    ("Reza", "Karimi", "Counsellor", "Iran", "reza@mfa.example", "+98 21 6673 9191", "In person"),
    ("Elif", "Yılmaz", "Judge", "Turkey", "elif@adalet.example", "+90 312 414 7000", "Online"),
]


def write_meeting(folder: Path, rows: list[tuple[str, ...]] = ROWS, headings: tuple[str, ...] = HEADINGS, config: str = MEETING) -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headings)
    writer.writerows(rows)
    (folder / "registrations.csv").write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode())  # with a BOM, as Excel saves
    path = folder / "meeting.yaml"
    path.write_text(config, encoding="utf-8")
    return path


def sheet_values(data: bytes) -> dict[str, list[list[object]]]:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in workbook}


def report_list(text: str) -> list[str]:
    """"A, B and C" as a list; the "and" before the last name is the first in the last segment
    ("United Nations High Commissioner for Refugees and United Nations Office on Drugs and Crime")."""
    *names, last = " ".join(text.split()).split(", ")
    return [*names, *last.split(" and ", 1)]


# --- configuration ----------------------------------------------------------------------------------------------------


def test_delegations_get_group_and_time_zone_from_the_reference(tmp_path: Path) -> None:
    meeting = load(write_meeting(tmp_path))
    found = {d.name: (d.category, d.group, d.time_zone) for d in meeting.delegations}
    assert found == {
        "Guatemala": (DelegationCategory.PARTY, "Latin American and Caribbean States", "America/Guatemala"),
        "New Zealand": (DelegationCategory.PARTY, "Western European and other States", "Pacific/Auckland"),
        "France": (DelegationCategory.PARTY, "Western European and other States", "Europe/Paris"),
        "European Union": (DelegationCategory.PARTY, None, "Europe/Brussels"),
        "Turkey": (DelegationCategory.PARTY, "Western European and other States", "Europe/Istanbul"),
        "Iran (Islamic Republic of)": (DelegationCategory.NON_PARTY, "Asia-Pacific States", "Asia/Tehran"),
        "International Criminal Police Organization (INTERPOL)": (DelegationCategory.ORGANIZATION, None, "Europe/Paris"),
        "Sovereign Order of Malta": (DelegationCategory.PERMANENT_OBSERVER, None, "Europe/Rome"),
        "Global Initiative against Transnational Organized Crime": (DelegationCategory.NGO, None, "Europe/Zurich"),
    }


def test_unknown_state_suggests_the_nearest_names(tmp_path: Path) -> None:
    path = write_meeting(tmp_path, config=MEETING.replace("[Guatemala, ", "[Guatamala, "))
    with pytest.raises(ConfigError) as caught:
        load(path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.field) == (str(path), 21, "delegations.parties[1]")
    assert problem.message.startswith("unknown State 'Guatamala'; did you mean Guatemala")


def test_delegation_listed_twice_is_an_error(tmp_path: Path) -> None:
    path = write_meeting(tmp_path, config=MEETING.replace("non_parties: [Iran (Islamic Republic of)]", "non_parties: [France]"))
    with pytest.raises(ConfigError) as caught:
        load(path)
    assert [p.message for p in caught.value.problems] == ["France is listed twice (also at delegations.parties[3])"]


def test_the_2020_configuration_lists_the_report_delegations_in_the_report_order() -> None:
    """Para. 27 to 31 of the report, category by category, equal meetplan's list of participants order."""
    report = (SEEDS / "wgsom-2020-report.txt").read_text(encoding="utf-8")
    expected = []
    for number in (27, 28, 29, 30):
        paragraph = re.search(rf"^{number}\. .*?: (.*?)\.\n", report, re.M | re.S)
        assert paragraph
        expected.append(report_list(paragraph.group(1)))
    expected.append(["Sovereign Order of Malta"])
    meeting = load(CONFIG_2020)
    from meetplan.render.list_of_participants import sections

    actual = [[delegation.name for delegation, _ in delegations] for _, delegations in sections(meeting.participants)]
    assert actual == expected


def test_report_parties_sorted_by_meetplan_keep_the_report_order() -> None:
    """"…, Eswatini, European Union, France, …, Iraq, …, Venezuela (Bolivarian Republic of)" is alphabetical by sort_key."""
    report = (SEEDS / "wgsom-2020-report.txt").read_text(encoding="utf-8")
    paragraph = re.search(r"^27\. .*?: (.*?)\.\n", report, re.M | re.S)
    assert paragraph
    parties = report_list(paragraph.group(1))
    assert parties[24:27] == ["Eswatini", "European Union", "France"]
    assert sorted(parties, key=sort_key) == parties
    assert sorted([*parties, "Iran (Islamic Republic of)"], key=sort_key).index("Iran (Islamic Republic of)") == parties.index("Iraq")


# --- registrations ----------------------------------------------------------------------------------------------------


def test_registrations_are_read_with_their_delegations(tmp_path: Path) -> None:
    meeting = load(write_meeting(tmp_path))
    assert [(p.row, p.name, p.delegation.name, p.requested) for p in meeting.participants] == [
        (2, "Ana López", "Guatemala", Attendance.ONLINE),
        (3, "Aroha Ngata", "New Zealand", Attendance.ONLINE),
        (4, "Claire Dubois", "France", Attendance.IN_PERSON),
        (5, "Luc Martin", "France", Attendance.IN_PERSON),
        (6, "Reza Karimi", "Iran (Islamic Republic of)", Attendance.IN_PERSON),
        (7, "Elif Yılmaz", "Turkey", Attendance.ONLINE),
    ]


def test_registrations_from_xlsx_equal_those_from_csv(tmp_path: Path) -> None:
    meeting = load(write_meeting(tmp_path))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADINGS)
    for row in ROWS:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    from_xlsx = read_registrations(buffer.getvalue(), "registrations.xlsx", (), meeting.delegations)
    assert from_xlsx == meeting.participants


def test_unknown_delegation_names_file_row_and_column(tmp_path: Path) -> None:
    rows = [*ROWS[:2], ("Jo", "Doe", "Expert", "Atlantis", "jo@x.example", "", "Online"), ("Kim", "Roe", "Expert", "Frnace", "", "", "Maybe")]
    path = write_meeting(tmp_path, rows)
    with pytest.raises(ConfigError) as caught:
        load(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path / 'registrations.csv'}:4: column 'Affiliation': unknown delegation 'Atlantis'",
        f"{tmp_path / 'registrations.csv'}:5: column 'Affiliation': unknown delegation 'Frnace'; did you mean France?",
        f"{tmp_path / 'registrations.csv'}:5: column 'Participation': must be \"In person\" or \"Online\", not 'Maybe'",
    ]


def test_missing_column_is_one_error_listing_the_columns_found(tmp_path: Path) -> None:
    headings = tuple("Organisation" if h == "Affiliation" else h for h in HEADINGS)
    path = write_meeting(tmp_path, headings=headings)
    with pytest.raises(ConfigError) as caught:
        load(path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == (str(tmp_path / "registrations.csv"), 1)
    assert problem.message == (
        "missing column: delegation (column 'Affiliation' or 'Delegation'). The columns found are: 'First Name', "
        "'Last Name', 'Position', 'Organisation', 'Email', 'Phone', 'Participation', 'Name in Latin script'. "
        "Name the columns in the configuration under participants.columns")


def test_columns_named_in_the_configuration_are_used(tmp_path: Path) -> None:
    headings = ("Prénom", "Nom", "Fonction", "Organisation", "Courriel", "Téléphone", "Participation")
    config = MEETING.replace("  seats: 4\n", "  seats: 4\n  columns: {given_name: Prénom, family_name: Nom, title: Fonction, delegation: Organisation, email: Courriel}\n")
    meeting = load(write_meeting(tmp_path, headings=headings, config=config))
    assert [(p.given_name, p.title, p.email) for p in meeting.participants[:1]] == [("Ana", "First Secretary", "ana@mfa.example")]


def test_bad_registrations_through_the_cli_exit_2_and_write_nothing(tmp_path: Path) -> None:
    rows = [*ROWS, ("Jo", "Doe", "Expert", "Atlantis", "", "", "Online")]
    path = write_meeting(tmp_path, rows)
    output = tmp_path / "out"
    output.mkdir()
    (output / "annex.md").write_text("previous build\n")
    result = CliRunner().invoke(main, ["build", str(path), "--output", str(output)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.output.splitlines() == [
        f"error: {tmp_path / 'registrations.csv'}:8: column 'Affiliation': unknown delegation 'Atlantis'",
        "meetplan: 1 problem; nothing was written.",
    ]
    assert sorted(p.name for p in output.iterdir()) == ["annex.md"]
    assert (output / "annex.md").read_text() == "previous build\n"


def test_missing_column_through_the_cli_exits_2(tmp_path: Path) -> None:
    path = write_meeting(tmp_path, headings=tuple(h for h in HEADINGS if h != "Participation"), rows=[r[:-1] for r in ROWS])
    result = CliRunner().invoke(main, ["build", str(path), "--output", str(tmp_path / "out")])
    assert (result.exit_code, "Traceback" in result.output, (tmp_path / "out").exists()) == (2, False, False)
    assert "missing column: participation" in result.output


# --- participants.xlsx -----------------------------------------------------------------------------------------------


def test_workbook_sheets_seat_plan_and_summary(tmp_path: Path) -> None:
    meeting = load(write_meeting(tmp_path))
    values = sheet_values(render_participants_xlsx(schedule(meeting), seat_plan(meeting)).data)
    assert list(values) == ["In the room", "Online", "Waiting list", "Summary", "Local times"]
    assert [row[1:3] + row[4:5] for row in values["In the room"][1:]] == [["Dubois", "Claire", "France"], ["Karimi", "Reza", "Iran (Islamic Republic of)"]]
    # Parties first, then delegations alphabetically: France, Guatemala, New Zealand, Turkey.
    assert [(row[1], row[8]) for row in values["Online"][1:]] == [  # family name, why not in the room
        ("Martin", "the delegation's seat in the room is taken"), ("López", None), ("Ngata", None), ("Yılmaz", None)]
    assert values["Waiting list"][1:] == []
    assert values["Summary"][1:8] == [
        ["party", 1, 4, 0, 5], ["signatory", 0, 0, 0, 0], ["non-party State", 1, 0, 0, 1],
        ["intergovernmental organization or United Nations entity", 0, 0, 0, 0],
        ["entity with a permanent observer office", 0, 0, 0, 0], ["non-governmental organization", 0, 0, 0, 0],
        ["Total", 2, 4, 0, 6],
    ]


def test_local_times_for_delegations_in_utc_minus_6_and_utc_plus_12(tmp_path: Path) -> None:
    """Vienna 10:00-13:00 CEST is 02:00-05:00 in Guatemala (UTC-6) and 20:00-23:00 in Wellington (UTC+12)."""
    import datetime as dt

    meeting = load(write_meeting(tmp_path))
    rows = sheet_values(render_participants_xlsx(schedule(meeting), seat_plan(meeting)).data)["Local times"]
    view = {(row[0], row[3]): (row[1], row[5], row[6], row[7]) for row in rows[1:]}
    assert view[("Guatemala", "1st meeting")] == ("America/Guatemala", dt.datetime(2020, 9, 8, 2, 0), dt.datetime(2020, 9, 8, 5, 0), "yes")
    assert view[("Guatemala", "2nd meeting")] == ("America/Guatemala", dt.datetime(2020, 9, 8, 7, 0), dt.datetime(2020, 9, 8, 10, 0), None)
    assert view[("New Zealand", "1st meeting")] == ("Pacific/Auckland", dt.datetime(2020, 9, 8, 20, 0), dt.datetime(2020, 9, 8, 23, 0), "yes")
    assert view[("New Zealand", "2nd meeting")] == ("Pacific/Auckland", dt.datetime(2020, 9, 9, 1, 0), dt.datetime(2020, 9, 9, 4, 0), "yes")
    # France's delegate over quota follows online from Paris; the delegations seated in full have no row.
    assert sorted({row[0] for row in rows[1:]}) == ["France", "Guatemala", "New Zealand", "Turkey"]
    workbook = openpyxl.load_workbook(io.BytesIO(render_participants_xlsx(schedule(meeting), seat_plan(meeting)).data))
    cell = workbook["Local times"]["F2"]
    assert (cell.is_date, cell.number_format) == (True, "yyyy-mm-dd hh:mm")


FORMULA_TEXTS = ('=HYPERLINK("https://evil.example","click")', "=1+1", "+1", "-1", "@x", "#N/A", "=")


@pytest.mark.parametrize("value", FORMULA_TEXTS)
def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path, value: str) -> None:
    rows = [("Ana", value, value, "Guatemala", value, "", "Online")]
    meeting = load(write_meeting(tmp_path, rows))
    data = render_participants_xlsx(schedule(meeting), seat_plan(meeting)).data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [archive.read(name).decode() for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
    assert [sheet for sheet in sheets if "<f>" in sheet or 't="e"' in sheet] == []
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    cells = [cell for cell in workbook["Online"][2] if cell.column in (2, 4, 10)]  # family name, title, e-mail
    assert [(cell.value, cell.data_type) for cell in cells] == [(value, "s")] * 3


def test_workbook_bytes_are_reproducible(tmp_path: Path) -> None:
    meeting = load(write_meeting(tmp_path))
    first = render_participants_xlsx(schedule(meeting), seat_plan(meeting)).data
    assert render_participants_xlsx(schedule(meeting), seat_plan(meeting)).data == first
    workbook = openpyxl.load_workbook(io.BytesIO(first))
    assert (workbook.properties.created.isoformat(), workbook.properties.modified.isoformat()) == ("2020-06-04T00:00:00", "2020-06-04T00:00:00")


def test_workbook_sheets_have_frozen_headings_filters_and_print_titles(tmp_path: Path) -> None:
    meeting = load(write_meeting(tmp_path))
    workbook = openpyxl.load_workbook(io.BytesIO(render_participants_xlsx(schedule(meeting), seat_plan(meeting)).data))
    assert {ws.title: (ws.freeze_panes, ws.print_title_rows, ws.auto_filter.ref) for ws in workbook} == {
        "In the room": ("A2", "$1:$1", "A1:J3"),
        "Online": ("A2", "$1:$1", "A1:K5"),
        "Waiting list": ("A2", "$1:$1", "A1:K2"),
        "Summary": ("A2", "$1:$1", None),
        "Local times": ("A2", "$1:$1", "A1:H17"),
    }
    assert workbook["In the room"].print_area == "'In the room'!$A$1:$H$3"  # the e-mail addresses stay on screen


# --- the list of participants ---------------------------------------------------------------------------------------


def docx_paragraphs(data: bytes) -> list[tuple[str, str]]:
    document = docx.Document(io.BytesIO(data))
    return [(p.style.name, p.text) for p in document.paragraphs]


def test_list_of_participants_by_category_and_delegation(tmp_path: Path) -> None:
    meeting = load(write_meeting(tmp_path))
    paragraphs = docx_paragraphs(render_list_docx(meeting).data)
    first = next(index for index, (style, _) in enumerate(paragraphs) if style == "Participants category")  # after the masthead
    assert paragraphs[first:] == [
        ("Participants category", "Parties"),
        ("Participants delegation", "France"),
        ("Participants person", "Claire Dubois, Ambassador"),
        ("Participants person", "Luc Martin, Expert"),
        ("Participants delegation", "Guatemala"),
        ("Participants person", "Ana López, First Secretary"),
        ("Participants delegation", "New Zealand"),
        ("Participants person", "Aroha Ngata, Counsellor"),
        ("Participants delegation", "Turkey"),
        ("Participants person", "Elif Yılmaz, Judge"),
        ("Participants category", "States not parties or signatories"),
        ("Participants delegation", "Iran (Islamic Republic of)"),
        ("Participants person", "Reza Karimi, Counsellor"),
    ]
    assert render_list_markdown(meeting).data.decode().splitlines()[4:10] == [
        "## Parties", "", "### France", "", "- Claire Dubois, Ambassador", "- Luc Martin, Expert"]


MARKER_EMAIL = "leak-7f3a9c@marker.example"
MARKER_PHONE = "+43 1 26060 73519"


def test_no_email_or_telephone_number_reaches_the_list_of_participants(tmp_path: Path) -> None:
    rows = [(g, f, t, d, MARKER_EMAIL, MARKER_PHONE, m) for g, f, t, d, _, _, m in ROWS]
    meeting = load(write_meeting(tmp_path, rows))
    artifacts = {a.name: a.data for a in render_all(plan(meeting))}
    assert _xlsx_text(artifacts["participants.xlsx"]).count(MARKER_EMAIL) == 6  # the secretariat's workbook has them
    markdown = artifacts["list-of-participants.md"].decode()
    with zipfile.ZipFile(io.BytesIO(artifacts["list-of-participants.docx"])) as archive:
        word_xml = "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    word_text = "\n".join(text for _, text in docx_paragraphs(artifacts["list-of-participants.docx"]))
    for text in (markdown, word_xml, word_text):
        assert "Claire Dubois" in text
        assert (MARKER_EMAIL in text, MARKER_PHONE in text, "26060" in text) == (False, False, False)
    for text in (markdown, word_text):
        assert re.findall(r"\S+@\S+", text) == []


def _xlsx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "".join(archive.read(name).decode() for name in archive.namelist() if name.endswith(".xml"))


def test_east_asian_names_are_written_family_name_first(tmp_path: Path) -> None:
    rows = [("伟", "王", "Expert", "France", "", "", "Online"), ("민준", "김", "Expert", "France", "", "", "Online")]
    meeting = load(write_meeting(tmp_path, rows))
    assert [p.name for p in meeting.participants] == ["王伟", "김민준"]


# --- the 2020 example build ------------------------------------------------------------------------------------------


def test_build_of_the_2020_configuration_writes_the_participant_outputs(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(CONFIG_2020), "--output", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert {"participants.xlsx", "list-of-participants.docx", "list-of-participants.md"} <= {p.name for p in tmp_path.iterdir()}
    meeting = load(CONFIG_2020)
    assert len(meeting.participants) == 450
    plan = seat_plan(meeting)
    values = sheet_values((tmp_path / "participants.xlsx").read_bytes())
    assert [len(values[name]) - 1 for name in ("In the room", "Online", "Waiting list")] == [
        len(plan.placed(Placement.ROOM)), len(plan.placed(Placement.ONLINE)), len(plan.placed(Placement.WAITING))]
    assert len(plan.placed(Placement.ROOM)) == 100


def test_example_registrations_are_the_generator_output() -> None:
    """config/registrations/wgsom-2020-synthetic.csv is what the command in the configuration's comment makes."""
    meeting = load(CONFIG_2020)
    expected = registrations_csv(meeting.delegations, 450, 2020)
    assert (ROOT / "config" / "registrations" / "wgsom-2020-synthetic.csv").read_bytes() == expected


@pytest.mark.programs
def test_libreoffice_reads_the_same_values_in_every_sheet(tmp_path: Path) -> None:
    """LibreOffice converts each sheet to CSV; its text equals openpyxl's reading of the same workbook."""
    libreoffice = require_program("libreoffice")
    folder = tmp_path / "build"
    result = CliRunner().invoke(main, ["build", str(CONFIG_2020), "--output", str(folder)])
    assert result.exit_code == 0, result.output
    # Sheet -1: every sheet into its own file (LibreOffice 7.2 and later); UTF-8 (76), comma-separated (44), quoted (34).
    subprocess.run(
        [libreoffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
         "--outdir", str(tmp_path / "csv"), str(folder / "participants.xlsx")],
        check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)},
    )
    values = sheet_values((folder / "participants.xlsx").read_bytes())
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted(f"participants-{name}.csv" for name in values)
    for name, rows in values.items():
        with open(tmp_path / "csv" / f"participants-{name}.csv", encoding="utf-8", newline="") as handle:
            converted = [row for row in csv.reader(handle)]
        expected = [[_as_libreoffice_text(value) for value in row] for row in rows]
        width = max((len(row) for row in expected), default=0)
        assert [row + [""] * (width - len(row)) for row in converted] == [row + [""] * (width - len(row)) for row in expected], name


def _as_libreoffice_text(value: object) -> str:
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d %H:%M:%S}"  # cell values, not as formatted (option 9 is false)
    return str(value)
