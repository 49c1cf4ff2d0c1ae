"""Lists of speakers: the 2020 panellists and statements, the UN order, limits, timing, warnings and errors."""

from __future__ import annotations

import datetime as dt
import io
import textwrap
import zipfile
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from icscheck import ics_check
from meetplan import reference
from meetplan.cli import main
from meetplan.config import load
from meetplan.errors import ConfigError, PlanError
from meetplan.model import SpeakersList
from meetplan.outputs import render_all
from meetplan.plan import plan
from meetplan.render.speakers_xlsx import sheet_name
from meetplan.scheduler import schedule
from meetplan.speakers import sized, speakers_list

from conftest import ROOT, STANDARD_AGENDA

WGSOM_2020 = ROOT / "config" / "wgsom-2020.yaml"

# Four plenary meetings of three hours: items 2 and 3 get 1.5 each (item 2: the 1st and half the 2nd;
# item 3: half the 2nd and the 3rd); items 4 and 5 share the 4th.
MEETING = """\
meeting:
  body: Working Group on the Smuggling of Migrants
  ordinal: 9
  symbol: CTOC/COP/WG.7/2022/1
  venue: Vienna
  room: Board Room D
  time_zone: Europe/Vienna
  format: hybrid
  online: {platform: Interprefy, url: "https://example.org/join"}
  issued: 2022-06-01
  plenary_meetings: 4
days:
  first: 2022-09-05
  last: 2022-09-06
  hours: ["10:00-13:00", "15:00-18:00"]
"""
MEETING += STANDARD_AGENDA

DELEGATIONS = """\
delegations:
  parties: [Brazil, Canada, Mexico, South Africa, European Union]
  signatories: [Thailand]
  non_parties: [China, Morocco]
  organizations: [International Organization for Migration]
  permanent_observers: [Sovereign Order of Malta]
  ngos: [{name: Friends of the Earth Vienna, time_zone: Europe/Vienna}]
"""


def write(tmp_path: Path, speakers: str, *, delegations: str = DELEGATIONS, name: str = "meeting") -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(MEETING + delegations + textwrap.dedent(speakers), encoding="utf-8")
    return path


def timed(path: Path) -> SpeakersList:
    return speakers_list(schedule(sized(load(path))))


def names(entry_turns: tuple) -> list[str]:  # type: ignore[type-arg]
    return [t.inscription.name or t.inscription.delegation.name for t in entry_turns]


def item(speakers: SpeakersList, label: str):  # type: ignore[no-untyped-def]
    return next(entry for entry in speakers.items if entry.item.label == label)


# --- the 2020 meeting ----------------------------------------------------------------------------------------------


def test_wgsom_2020_lists_the_panellists_as_the_report_names_them_then_the_statements() -> None:
    """Items 2 and 3 open with the report's panellists, titles and groups (paras. 6, 12), then the statements."""
    speakers = timed(WGSOM_2020)
    rows = {
        label: [(t.inscription.kind.value, t.inscription.name, t.inscription.title, t.inscription.delegation.name, t.inscription.on_behalf_of)
                for t in item(speakers, label).turns]
        for label in ("2", "3")
    }
    assert rows["2"][:3] == [
        ("panellists", "Amanda Ledwaba", "Director, Central Law Enforcement", "South Africa", "Group of African States"),
        ("panellists", "Andrés Pérez Esquivel", "Director of International Affairs, National Migration Directorate", "Argentina",
         "Group of Latin American and Caribbean States"),
        ("panellists", "Simona Ragazzi", "Judge at the Court of Catania", "Italy", "Group of Western European and other States"),
    ]
    assert rows["3"][:2] == [
        ("panellists", "Jorge Matías Fernández",
         "Chief Inspector, Unit for Illegal Immigration and Document Fraud, General Commissariat for Aliens and Borders", "Spain",
         "Group of Western European and other States"),
        ("panellists", "Tomás Guayasamín",
         "Director of Prevention of Human Trafficking and Migrant Smuggling at the Ministry of the Interior", "Ecuador",
         "Group of Latin American and Caribbean States"),
    ]
    assert [(kind, delegation) for kind, _, _, delegation, _ in rows["2"][3:]] == [
        ("parties", "Brazil"), ("parties", "Canada"), ("parties", "Indonesia"), ("parties", "Mexico"),
        ("non_parties", "Iran (Islamic Republic of)"), ("non_parties", "Morocco"),
    ]
    assert [(kind, delegation) for kind, _, _, delegation, _ in rows["3"][2:]] == [
        ("parties", "Australia"), ("parties", "Honduras"), ("parties", "Italy"), ("parties", "Venezuela (Bolivarian Republic of)"),
        ("non_parties", "China"), ("non_parties", "Jordan"), ("organizations", "European Union Agency for Criminal Justice Cooperation"),
    ]
    # The report's speakers, under items 2 and 3 together (paras. 23 to 25), are exactly the statements.
    statements = sorted(d for label in ("2", "3") for kind, _, _, d, _ in rows[label] if kind != "panellists")
    assert statements == sorted([
        "Australia", "Brazil", "Canada", "Honduras", "Indonesia", "Italy", "Mexico", "Venezuela (Bolivarian Republic of)",
        "China", "Iran (Islamic Republic of)", "Jordan", "Morocco", "European Union Agency for Criminal Justice Cooperation",
    ])
    assert speakers.warnings == ()


def test_wgsom_2020_times_follow_the_organization_of_work() -> None:
    """Item 2 opens the 1st plenary meeting at 10.20 a.m., after the opening and the adoption of the agenda (10 minutes each,
    speakers.opening_minutes); item 3 starts halfway through the 2nd, at 4.30 p.m."""
    speakers = timed(WGSOM_2020)
    starts = [(t.plenary, t.start) for t in item(speakers, "2").turns[:4]]
    assert starts == [(1, dt.datetime(2020, 9, 8, 10, 20)), (1, dt.datetime(2020, 9, 8, 10, 35)),
                      (1, dt.datetime(2020, 9, 8, 10, 50)), (1, dt.datetime(2020, 9, 8, 11, 5))]
    assert [(t.plenary, t.start) for t in item(speakers, "3").turns[:2]] == [
        (2, dt.datetime(2020, 9, 8, 16, 30)), (2, dt.datetime(2020, 9, 8, 16, 45))]


def test_wgsom_2020_running_order_shows_the_panellists_with_their_times(tmp_path: Path) -> None:
    """The Chair's running order (Markdown) lists item 2's speakers in the 1st plenary meeting with their times."""
    artifacts = {a.name: a.data for a in render_all(plan(load(WGSOM_2020)))}
    text = artifacts["running-order.md"].decode()
    section = text.split("## 1st plenary meeting")[1].split("## 2nd plenary meeting")[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith(("| Time", "| ---"))]
    assert rows[:2] == [
        "| 10.20 a.m. | Amanda Ledwaba (South Africa), Director, Central Law Enforcement | Group of African States | online | English | 15 |",
        "| 10.35 a.m. | Andrés Pérez Esquivel (Argentina), Director of International Affairs, National Migration Directorate "
        "| Group of Latin American and Caribbean States | online | Spanish | 15 |",
    ]
    assert len(rows) == 9
    import docx

    document = docx.Document(io.BytesIO(artifacts["running-order.docx"]))
    first_table = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert first_table[0] == ["Time", "Speaker", "On behalf of", "Mode", "Language", "Minutes"]
    assert first_table[1][:3] == ["10.20 a.m.", "Amanda Ledwaba (South Africa), Director, Central Law Enforcement", "Group of African States"]


# --- order ------------------------------------------------------------------------------------------------------------

STATEMENTS_OUT_OF_ORDER = """\
speakers:
  items:
    2:
      panellists:
        - {name: Second Expert, delegation: Canada}
        - {name: First Listed Expert, delegation: Mexico}
      statements:
        - {delegation: Friends of the Earth Vienna, inscribed: "2022-08-01 09:00"}
        - {delegation: Sovereign Order of Malta, inscribed: "2022-08-01 09:00"}
        - {delegation: International Organization for Migration, inscribed: "2022-08-01 09:00"}
        - {delegation: China, inscribed: "2022-08-02 09:00"}
        - {delegation: Morocco, inscribed: "2022-08-01 09:00"}
        - {delegation: Thailand, inscribed: "2022-08-01 09:00"}
        - {delegation: Mexico, inscribed: "2022-08-03 12:00"}
        - {delegation: Brazil}
        - {delegation: Canada, inscribed: "2022-08-01 16:00"}
        - {delegation: European Union, inscribed: "2022-08-02 08:00"}
        - {delegation: South Africa, on_behalf_of: African States, inscribed: "2022-08-04 09:00"}
"""


def test_order_panellists_groups_parties_then_observers_by_time_of_inscription(tmp_path: Path) -> None:
    """Panellists as listed; groups; parties by time of inscription (none given: last); then each observer class."""
    speakers = timed(write(tmp_path, STATEMENTS_OUT_OF_ORDER))
    assert names(item(speakers, "2").turns) == [
        "Second Expert", "First Listed Expert",  # panellists: the order listed, whatever else they carry
        "South Africa",  # on behalf of the Group of African States
        "Canada", "European Union", "Mexico", "Brazil",  # parties by time of inscription; Brazil gave none
        "Thailand", "Morocco", "China", "International Organization for Migration", "Sovereign Order of Malta",
        "Friends of the Earth Vienna",
    ]
    assert item(speakers, "2").turns[2].inscription.on_behalf_of == "Group of African States"
    assert [t.position for t in item(speakers, "2").turns] == list(range(1, 14))


def test_order_set_per_meeting(tmp_path: Path) -> None:
    """speakers.order puts the kinds given first; the kinds left out keep the default order after them."""
    text = STATEMENTS_OUT_OF_ORDER.replace("speakers:\n", "speakers:\n  order: [parties, groups, ngos]\n", 1)
    speakers = timed(write(tmp_path, text))
    assert names(item(speakers, "2").turns) == [
        "Canada", "European Union", "Mexico", "Brazil", "South Africa", "Friends of the Earth Vienna",
        "Second Expert", "First Listed Expert",
        "Thailand", "Morocco", "China", "International Organization for Migration", "Sovereign Order of Malta",
    ]


# --- limits ---------------------------------------------------------------------------------------------------------------


def test_limits_default_per_kind_of_speaker(tmp_path: Path) -> None:
    """Defaults: panellists 5, groups 7, States 5, organizations and other observers 3 minutes."""
    speakers = timed(write(tmp_path, STATEMENTS_OUT_OF_ORDER))
    assert [(t.inscription.name or t.inscription.delegation.name, t.minutes) for t in item(speakers, "2").turns] == [
        ("Second Expert", 5), ("First Listed Expert", 5), ("South Africa", 7), ("Canada", 5), ("European Union", 5),
        ("Mexico", 5), ("Brazil", 5), ("Thailand", 5), ("Morocco", 5), ("China", 5),
        ("International Organization for Migration", 3), ("Sovereign Order of Malta", 3), ("Friends of the Earth Vienna", 3),
    ]
    starts = [t.start.time() for t in item(speakers, "2").turns[:4]]
    assert starts == [dt.time(10, 20), dt.time(10, 25), dt.time(10, 30), dt.time(10, 37)]  # after 1 (a) and 1 (b)


def test_limits_configured_and_per_speaker(tmp_path: Path) -> None:
    """speakers.limits overrides a kind's limit; an inscription's own minutes override both."""
    speakers = timed(write(tmp_path, """\
        speakers:
          limits: {panellists: 15, parties: 4, organizations: 2.5}
          items:
            3:
              panellists: [{name: An Expert, delegation: Brazil}, {name: A Keynote, delegation: Canada, minutes: 20}]
              statements: [Mexico, International Organization for Migration, {delegation: China, minutes: 6}]
        """))
    turns = item(speakers, "3").turns
    assert [t.minutes for t in turns] == [15, 20, 4, 6, Fraction(5, 2)]  # Mexico, China, then the organization
    assert [t.start.strftime("%H:%M:%S") for t in turns] == ["16:30:00", "16:45:00", "17:05:00", "17:09:00", "17:15:00"]


# --- timing and warnings -----------------------------------------------------------------------------------------------


def _many_statements(label: str, count: int, *, skip: int = 0) -> str:
    states = [state.name for state in reference.states()][skip : skip + count]
    lines = "\n".join(f"        - {{delegation: \"{name}\"}}" for name in states)
    return f"speakers:\n  items:\n    {label}:\n      statements:\n{lines}\n"


def test_overrun_warning_names_the_minutes_the_plenary_meeting_and_where_speakers_go(tmp_path: Path) -> None:
    """60 statements of 5 minutes under item 3 (90 + 180 minutes): 6 speakers would move to the 4th meeting."""
    path = write(tmp_path, _many_statements("3", 60), delegations="")
    speakers = timed(path)
    assert speakers.warnings == (
        "item 3: 210 minutes of statements for 180 minutes left in the 3rd plenary meeting; 6 speakers would move to the 4th",
    )
    turns = item(speakers, "3").turns
    assert [t.plenary for t in turns].count(2) == 18
    assert [t.start for t in turns[-6:]] == [None] * 6
    assert turns[18].start == dt.datetime(2022, 9, 6, 10, 0)


def test_overrun_in_the_last_plenary_meeting_says_the_session_ends(tmp_path: Path) -> None:
    """Item 5 has half of the 4th plenary meeting: the 19th statement of 5 minutes is not heard."""
    speakers = timed(write(tmp_path, _many_statements("5", 19), delegations=""))
    assert speakers.warnings == (
        "item 5: 95 minutes of statements for 90 minutes left in the 4th plenary meeting; 1 speaker would not be heard before the session ends",
    )


def test_a_statement_is_not_split_across_plenary_meetings(tmp_path: Path) -> None:
    """Item 2 has 160 minutes of the 1st meeting (after the opening and the agenda): after 22 statements of 7 minutes,
    6 are left, and the 23rd opens item 2 in the 2nd."""
    text = _many_statements("2", 27).replace("speakers:\n", "speakers:\n  limits: {parties: 7}\n", 1)
    turns = item(timed(write(tmp_path, text, delegations="")), "2").turns
    assert (turns[21].plenary, turns[21].start) == (1, dt.datetime(2022, 9, 5, 12, 47))
    assert (turns[22].plenary, turns[22].start) == (2, dt.datetime(2022, 9, 5, 15, 0))


def test_check_and_build_print_warnings_and_exit_0(tmp_path: Path) -> None:
    """Warnings go to stderr, the exit status stays 0, and the overview sheet shows them."""
    path = write(tmp_path, _many_statements("3", 60), delegations="")
    warning = "warning: item 3: 210 minutes of statements for 180 minutes left in the 3rd plenary meeting; 6 speakers would move to the 4th"
    checked = CliRunner().invoke(main, ["check", str(path)])
    # check also says which limits would fit (speakers.fit_limits); build does not.
    note = "note: item 3: every speaker would be heard with parties 5 to 4.5 minutes; speakers.fit_limits: [3] applies them"
    assert (checked.exit_code, checked.stderr.splitlines()) == (0, [warning, note])
    built = CliRunner().invoke(main, ["build", str(path), "--output", str(tmp_path / "out")])
    assert (built.exit_code, built.stderr.splitlines()) == (0, [warning])
    from openpyxl import load_workbook

    overview = load_workbook(tmp_path / "out" / "speakers.xlsx")["Overview"]
    assert [overview.cell(row, 1).value for row in range(2, 7)] == ["1 (a)", "1 (b)", "2", "3", "4"]
    assert overview.cell(5, 9).value == warning.removeprefix("warning: ")
    assert overview.cell(5, 8).value == 6


# --- size_shares ------------------------------------------------------------------------------------------------------------


def test_size_shares_gives_an_item_the_half_meetings_its_speakers_need(tmp_path: Path) -> None:
    """Item 3's 300 minutes need 2 plenary meetings: item 3 gets 2, item 2 the 1 left, and nothing overruns."""
    text = _many_statements("3", 60).replace("speakers:\n", "speakers:\n  size_shares: true\n", 1)
    planned = schedule(sized(load(write(tmp_path, text, delegations=""))))
    shares = {label: sum(a.share for a in planned.allocations if a.item.label == label) for label in ("2", "3")}
    assert shares == {"2": 1, "3": 2}
    assert speakers_list(planned).warnings == ()


def test_size_shares_that_cannot_fit_is_an_error_naming_the_setting(tmp_path: Path) -> None:
    """Two items needing 2 plenary meetings each cannot share 3: the error names speakers.size_shares."""
    states = _many_statements("2", 60) + "\n".join(_many_statements("3", 60, skip=60).splitlines()[2:]) + "\n"
    path = write(tmp_path, states.replace("speakers:\n", "speakers:\n  size_shares: true\n", 1), delegations="")
    with pytest.raises(PlanError) as raised:
        sized(load(path))
    assert [p.field for p in raised.value.problems] == ["speakers.size_shares"]
    assert raised.value.problems[0].message.startswith("the inscribed speakers need 2 for item 2 and 2 for item 3 plenary meetings")


# --- errors ----------------------------------------------------------------------------------------------------------------


def test_unknown_delegation_is_an_error_with_line_field_and_suggestion(tmp_path: Path) -> None:
    """A statement by a delegation the configuration lacks: exit 2, file:line: field, near names, nothing written."""
    path = write(tmp_path, """\
        speakers:
          items:
            2:
              statements:
                - Brazil
                - {delegation: Canda}
        """)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(path), "--output", str(out)])
    line = path.read_text().splitlines().index("        - {delegation: Canda}") + 1
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {path}:{line}: speakers.items.2.statements[2].delegation: unknown delegation 'Canda'; did you mean Canada, China?",
        "meetplan: 1 problem; nothing was written.",
    ]
    assert not out.exists()
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_delegation_known_to_the_reference_but_not_configured(tmp_path: Path) -> None:
    """Japan exists, but this meeting's delegations: section does not list it."""
    path = write(tmp_path, "speakers:\n  items:\n    2:\n      statements: [Japan]\n")
    with pytest.raises(ConfigError) as raised:
        load(path)
    assert [str(p) for p in raised.value.problems] == [
        f"{path}:{MEETING.count(chr(10)) + DELEGATIONS.count(chr(10)) + 4}: speakers.items.2.statements[1].delegation: "
        "Japan is not among the delegations in the configuration (delegations:)"
    ]


def test_without_delegations_the_reference_data_decide(tmp_path: Path) -> None:
    """With no delegations: section a State or organization the reference data know is accepted; others are not."""
    path = write(tmp_path, "speakers:\n  items:\n    2:\n      statements: [Japan, IOM, Atlantis]\n", delegations="")
    with pytest.raises(ConfigError) as raised:
        load(path)
    assert [p.field for p in raised.value.problems] == ["speakers.items.2.statements[3].delegation"]
    assert raised.value.problems[0].message.startswith("unknown delegation 'Atlantis'")


def test_unknown_agenda_item_is_an_error_listing_the_items(tmp_path: Path) -> None:
    """An item the agenda lacks, and a parent item with sub-items, are refused with their line."""
    path = write(tmp_path, "speakers:\n  items:\n    7:\n      statements: [Brazil]\n    1:\n      statements: [Canada]\n")
    result = CliRunner().invoke(main, ["check", str(path)])
    base = MEETING.count("\n") + DELEGATIONS.count("\n")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {path}:{base + 3}: speakers.items.7: unknown agenda item '7'; the agenda's items are 1 (a), 1 (b), 2, 3, 4, 5",
        f"error: {path}:{base + 5}: speakers.items.1: item 1 has sub-items: inscribe speakers under 1 (a) or 1 (b)",
        "meetplan: 2 problems; nothing was written.",
    ]


def test_inscription_fields_are_checked(tmp_path: Path) -> None:
    """Mode, language, minutes, time of inscription, a missing name, a duplicate and an e-mail key are all reported."""
    path = write(tmp_path, """\
        speakers:
          limits: {states: 5}
          items:
            2:
              panellists:
                - {delegation: Brazil}
                - {name: X, delegation: Canada, email: x@example.org}
              statements:
                - {delegation: Brazil, mode: carrier pigeon}
                - {delegation: Mexico}
                - {delegation: China, language: Klingon, minutes: 0}
                - {delegation: Morocco, inscribed: yesterday}
                - {delegation: Mexico}
        """)
    with pytest.raises(ConfigError) as raised:
        load(path)
    assert [(p.field, p.message.split(";")[0].split(" (")[0]) for p in raised.value.problems] == [
        ("speakers.limits.states", "unknown key"),
        ("speakers.items.2.panellists[1].name", "missing: a panellist is named"),
        ("speakers.items.2.panellists[2].email", "unknown key"),
        ("speakers.items.2.statements[1].mode", "must be \"in person\" or \"online\", not 'carrier pigeon'"),
        ("speakers.items.2.statements[3].language", "must be one of the six official languages"),
        ("speakers.items.2.statements[3].minutes", "must be more than 0 minutes, not 0"),
        ("speakers.items.2.statements[4].inscribed", "must be a date and time such as 2020-09-01 10:15, not 'yesterday'"),
        ("speakers.items.2.statements[5]", "Mexico is inscribed twice under item 2"),
    ]


# --- the inscriptions file ------------------------------------------------------------------------------------------------

CSV = """\
Item,Kind,Name,Title,Delegation,On behalf of,Mode,Language,Minutes,Inscribed
2,panellist,Ana Expert,Director,Brazil,GRULAC,online,es,12,
2,statement,,,Canada,,in person,English,,2022-08-01 10:00
3,statement,,,Morocco,,,French,,
"""


def test_inscriptions_file_csv_adds_to_the_section(tmp_path: Path) -> None:
    """Rows of a CSV file named by speakers.file join the inline inscriptions, with their own kinds and fields."""
    (tmp_path / "speakers.csv").write_text(CSV, encoding="utf-8")
    path = write(tmp_path, "speakers:\n  file: speakers.csv\n  items:\n    2:\n      statements: [Mexico]\n")
    speakers = timed(path)
    turns = item(speakers, "2").turns
    assert [(t.inscription.name or t.inscription.delegation.name, t.inscription.on_behalf_of, t.inscription.mode.value,
             t.inscription.language, t.minutes) for t in turns] == [
        ("Ana Expert", "Group of Latin American and Caribbean States", "online", "Spanish", 12),
        ("Canada", None, "in person", "English", 5),
        ("Mexico", None, "in person", None, 5),
    ]
    assert names(item(speakers, "3").turns) == ["Morocco"]


def test_inscriptions_file_errors_name_file_row_and_column(tmp_path: Path) -> None:
    """A bad row names the file, the row and the column heading: exit 2, nothing written."""
    (tmp_path / "speakers.csv").write_text(CSV.replace("3,statement,,,Morocco", "9,statement,,,Marocco").replace("Canada", "Atlantis"),
                                           encoding="utf-8")
    path = write(tmp_path, "speakers:\n  file: speakers.csv\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(path), "--output", str(out)])
    file = tmp_path / "speakers.csv"
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {file}:3: column 'Delegation': unknown delegation 'Atlantis'",
        f"error: {file}:4: column 'Item': unknown agenda item '9'; the agenda's items are 1 (a), 1 (b), 2, 3, 4, 5",
        "meetplan: 2 problems; nothing was written.",
    ]
    assert not out.exists()


def test_inscriptions_file_xlsx(tmp_path: Path) -> None:
    """An Excel workbook is read like a CSV file, numbers and dates as the cells hold them."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Agenda item", "Kind", "Speaker", "Delegation", "Minutes"])
    sheet.append([3, "Panellist", "Ana Expert", "Brazil", 10])
    sheet.append([3, "Statement", None, "China", None])
    workbook.save(tmp_path / "speakers.xlsx")
    speakers = timed(write(tmp_path, "speakers:\n  file: speakers.xlsx\n"))
    assert [(t.inscription.kind.value, t.minutes) for t in item(speakers, "3").turns] == [("panellists", 10), ("non_parties", 5)]


def test_missing_inscriptions_file_is_a_problem(tmp_path: Path) -> None:
    """A speakers.file that does not exist is one problem at the line that names it."""
    path = write(tmp_path, "speakers:\n  file: nowhere.csv\n")
    line = path.read_text(encoding="utf-8").splitlines().index("  file: nowhere.csv") + 1
    with pytest.raises(ConfigError) as raised:
        load(path)
    assert [str(p) for p in raised.value.problems] == [f"{path}:{line}: speakers.file: no such file: {tmp_path / 'nowhere.csv'}"]


# --- speakers.xlsx ---------------------------------------------------------------------------------------------------------

HOSTILE = """\
speakers:
  items:
    2:
      panellists:
        - name: '=HYPERLINK("http://example.org","click")'
          title: "+1"
          delegation: Brazil
          on_behalf_of: "@x"
      statements: [Canada]
"""


def test_speakers_xlsx_cells_are_typed_and_no_text_is_a_formula(tmp_path: Path) -> None:
    """Numbers and times are number cells; "=HYPERLINK(...)", "+1" and "@x" stay text; headings frozen, filters on."""
    from openpyxl import load_workbook

    artifacts = {a.name: a.data for a in render_all(plan(load(write(tmp_path, HOSTILE))))}
    data = artifacts["speakers.xlsx"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert not any("<f>" in archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/"))
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Overview", "Item 2"]
    sheet = workbook["Item 2"]
    assert [c.value for c in sheet[1]] == ["Order", "Speaker", "Title", "Delegation", "Category", "On behalf of", "Mode",
                                          "Language", "Limit (minutes)", "Plenary meeting", "Expected start"]
    first = [c.value for c in sheet[2]]
    assert first == [1, '=HYPERLINK("http://example.org","click")', "+1", "Brazil", "panellist", "@x", "in person", None, 5, 1,
                     dt.datetime(2022, 9, 5, 10, 20)]
    assert [sheet.cell(2, c).data_type for c in (1, 2, 3, 6, 9, 10, 11)] == ["n", "s", "s", "s", "n", "n", "d"]
    assert sheet.cell(2, 11).number_format == "d mmm hh:mm"  # narrow enough to print (issue 17)
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A2", "A1:K3")
    assert workbook["Overview"].freeze_panes == "A2"


def test_speakers_outputs_are_reproducible(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same configuration gives the same bytes, whatever the clock; the workbook is stamped with the issue date."""
    from openpyxl import load_workbook

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    path = write(tmp_path, STATEMENTS_OUT_OF_ORDER)
    first = {a.name: a.data for a in render_all(plan(load(path)))}
    second = {a.name: a.data for a in render_all(plan(load(path)))}
    names_of_ours = [n for n in first if n.startswith(("speakers", "running-order"))]
    assert sorted(names_of_ours) == ["running-order.docx", "running-order.md", "speakers.xlsx",
                                     "speakers/First Listed Expert.ics", "speakers/Second Expert.ics"]
    assert all(first[n] == second[n] for n in names_of_ours)
    properties = load_workbook(io.BytesIO(first["speakers.xlsx"])).properties
    assert (properties.created, properties.modified) == (dt.datetime(2022, 6, 1), dt.datetime(2022, 6, 1))


@given(st.text(max_size=60))
def test_sheet_names_are_valid_excel_names(label: str) -> None:
    """Whatever the label, the sheet name has at most 31 characters, none of []:*?/\\, no final apostrophe, and is not taken."""
    name = sheet_name(label, ["Overview", sheet_name(label)])
    assert 0 < len(name) <= 31
    assert not set(name) & set("[]:*?/\\")
    assert not name.endswith("'")
    assert name.casefold() not in ("overview", sheet_name(label).casefold(), "history")


def test_configuration_without_speakers_builds_without_speakers_outputs(tmp_path: Path) -> None:
    path = write(tmp_path, "")
    assert not [a.name for a in render_all(plan(load(path))) if a.name.startswith(("speakers", "running-order"))]


# --- calendars ---------------------------------------------------------------------------------------------------------------


def run_ics_check(path: Path) -> None:
    """ics-check must accept the file; skipped when the checker cannot run, unless MEETPLAN_REQUIRE_PROGRAMS=1."""
    ics_check(path)


def test_every_speaker_calendar_of_2020_passes_ics_check(tmp_path: Path) -> None:
    """Five panellists, five calendars, each accepted by libical, vobject and ical.js."""
    result = CliRunner().invoke(main, ["build", str(WGSOM_2020), "--output", str(tmp_path)])
    assert result.exit_code == 0, result.output
    files = sorted((tmp_path / "speakers").iterdir())
    assert [f.name for f in files] == ["Amanda Ledwaba.ics", "Andrés Pérez Esquivel.ics", "Jorge Matías Fernández.ics",
                                       "Simona Ragazzi.ics", "Tomás Guayasamín.ics"]
    for file in files:
        run_ics_check(file)


def test_speaker_calendar_event_time_link_and_stable_uid(tmp_path: Path) -> None:
    """A remote statement's calendar: the expected time, the link, a UID from the symbol, item, name and a hash of who speaks, DTSTAMP the issue date."""
    from icalendar import Calendar

    path = write(tmp_path, """\
        speakers:
          items:
            3:
              panellists: [{name: "Zoë O'Brien", delegation: Brazil, mode: in person}]
              statements:
                - {delegation: Canada, speaker: Jean Tremblay, mode: online}
                - {delegation: Mexico, mode: online}
                - {delegation: China}
        """)
    artifacts = {a.name: a.data for a in render_all(plan(load(path)))}
    calendars = sorted(n for n in artifacts if n.startswith("speakers/"))
    assert calendars == ["speakers/Jean Tremblay.ics", "speakers/Mexico.ics", "speakers/Zoë O'Brien.ics"]
    (event,) = Calendar.from_ical(artifacts["speakers/Jean Tremblay.ics"]).walk("VEVENT")
    assert str(event["UID"]) == "CTOC-COP-WG.7-2022-1-item-3-speaker-Jean-Tremblay-cd63z5qb@meetplan"
    assert event.decoded("DTSTART").isoformat() == "2022-09-05T16:35:00+02:00"
    assert event.decoded("DTEND").isoformat() == "2022-09-05T16:40:00+02:00"
    assert event.decoded("DTSTAMP").isoformat() == "2022-06-01T00:00:00+00:00"
    assert str(event["URL"]) == "https://example.org/join"
    assert str(event["LOCATION"]) == "Online (Interprefy)"
    (panel,) = Calendar.from_ical(artifacts["speakers/Zoë O'Brien.ics"]).walk("VEVENT")
    assert str(panel["UID"]) == "CTOC-COP-WG.7-2022-1-item-3-speaker-Zoe-O-Brien-ymekcy6u@meetplan"
    assert str(panel["LOCATION"]) == "Board Room D, Vienna"
    assert "URL" not in panel
    for name in calendars:
        (tmp_path / Path(name).name).write_bytes(artifacts[name])
        run_ics_check(tmp_path / Path(name).name)


def test_speaker_calendar_update_raises_sequence_only_when_the_time_changes(tmp_path: Path) -> None:
    """Rebuilding unchanged keeps SEQUENCE 0; an earlier speaker added moves the time and raises it to 1."""
    from icalendar import Calendar

    text = "speakers:\n  items:\n    2:\n      panellists: [{name: Ana Expert, delegation: Brazil}]\n"
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(write(tmp_path, text)), "--output", str(out)]).exit_code == 0
    first = (out / "speakers" / "Ana Expert.ics").read_bytes()
    assert CliRunner().invoke(main, ["build", str(write(tmp_path, text)), "--output", str(out)]).exit_code == 0
    assert (out / "speakers" / "Ana Expert.ics").read_bytes() == first
    moved = text.replace("panellists: [", "panellists: [{name: Opening Expert, delegation: Canada}, ")
    assert CliRunner().invoke(main, ["build", str(write(tmp_path, moved)), "--output", str(out)]).exit_code == 0
    (event,) = Calendar.from_ical((out / "speakers" / "Ana Expert.ics").read_bytes()).walk("VEVENT")
    assert (event["SEQUENCE"], event.decoded("DTSTART").time()) == (1, dt.time(10, 25))


def test_speaker_calendar_previous_issue_spelled_otherwise_keeps_sequence(tmp_path: Path) -> None:
    """A previous issue re-written by another program (parameters sorted, lines folded anew) is the same content."""
    from icalendar import Calendar

    text = "speakers:\n  items:\n    2:\n      statements: [{delegation: Canada, speaker: Jean Tremblay, mode: online}]\n"
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(write(tmp_path, text)), "--output", str(out)]).exit_code == 0
    file = out / "speakers" / "Jean Tremblay.ics"
    respelled = Calendar.from_ical(file.read_bytes()).to_ical(sorted=True)
    assert respelled != file.read_bytes()
    file.write_bytes(respelled)
    assert CliRunner().invoke(main, ["build", str(write(tmp_path, text)), "--output", str(out)]).exit_code == 0
    (event,) = Calendar.from_ical(file.read_bytes()).walk("VEVENT")
    assert event["SEQUENCE"] == 0


BAD_SEQUENCE = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:CTOC-COP-WG.7-2022-1-item-2-speaker-Ana-Expert@meetplan\r\n"
    b"SEQUENCE:two\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


@pytest.mark.parametrize("previous", [b"not a calendar", b"", BAD_SEQUENCE, b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n",
                                      b"BEGIN:VCALENDAR\r\nno colon\r\nEND:VCALENDAR\r\n", b"\xff"],
                         ids=["text", "empty", "bad-sequence", "unended", "no-colon", "not-utf-8"])
def test_speaker_calendar_unreadable_previous_issue_is_refused(tmp_path: Path, previous: bytes) -> None:
    """A previous speaker's calendar that cannot be read stops the build rather than silently restarting SEQUENCE."""
    from meetplan.errors import MeetplanError
    from meetplan.render.speaker_calendars import render_speaker_calendars

    text = "speakers:\n  items:\n    2:\n      panellists: [{name: Ana Expert, delegation: Brazil}]\n"
    with pytest.raises(MeetplanError) as caught:
        render_speaker_calendars(timed(write(tmp_path, text)), lambda name: previous)
    assert [p.file for p in caught.value.problems] == ["speakers/Ana Expert.ics"]
    assert "cannot be read" in caught.value.problems[0].message


def test_published_outputs_carry_no_e_mail_address(tmp_path: Path) -> None:
    """The running order and the workbook name people and delegations only: no "@" from an address anywhere."""
    artifacts = {a.name: a.data for a in render_all(plan(load(WGSOM_2020)))}
    assert "@" not in artifacts["running-order.md"].decode()
    with zipfile.ZipFile(io.BytesIO(artifacts["speakers.xlsx"])) as archive:
        assert not any("@" in archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml"))


# --- the README ----------------------------------------------------------------------------------------------------------------


def test_readme_speakers_example_loads_and_its_warning_is_the_real_one(tmp_path: Path) -> None:
    """The README's speakers: example is a valid section, and the warning it shows is what meetplan prints."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### `speakers`", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "speakers").mkdir()
    (tmp_path / "speakers" / "inscriptions.csv").write_text("Item,Delegation\n3,Canada\n", encoding="utf-8")
    speakers = timed(write(tmp_path, example))
    assert names(item(speakers, "2").turns) == ["Amanda Ledwaba", "South Africa", "Brazil", "Morocco"]
    assert names(item(speakers, "3").turns) == ["Canada"]
    printed = timed(write(tmp_path, _many_statements("3", 60), delegations="", name="overrun")).warnings
    assert f"    warning: {printed[0]}\n" in section
