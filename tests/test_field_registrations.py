"""Registrations as they come from the field build as the secretariat meant them (issue 13).

Each folder of tests/field_cases/ is the input of a case in ../shared/cases/ of the same name, copied so that the
suite needs nothing beside the repository; each test states the case's right value.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from meetplan.cli import main

CASES = Path(__file__).resolve().parent / "field_cases"


def build(case: str, tmp_path: Path) -> Path:
    """Build the case in a copy of its folder; the output folder, after checking that the build succeeded quietly."""
    folder = tmp_path / case
    shutil.copytree(CASES / case, folder)
    result = CliRunner().invoke(main, ["build", str(folder / "meeting.yaml"), "--output", str(folder / "out")])
    assert (result.exit_code, result.stderr) == (0, "")
    return folder / "out"


def listed(out: Path) -> list[str]:
    """The entries of the published list of participants: its headings and its lines for people."""
    text = (out / "list-of-participants.md").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.startswith(("### ", "- "))]


def test_sep_line_names_the_delimiter(tmp_path: Path) -> None:
    """sep-line: Excel's "sep=;" first line is not the heading; both registrations are listed."""
    assert listed(build("sep-line", tmp_path)) == [
        "### Austria", "- Anna Beispiel, Counsellor", "### Brazil", "- Bruno Exemplo, Second Secretary",
    ]


def test_indico_courtesy_title_is_no_function(tmp_path: Path) -> None:
    """indico-courtesy-title: Indico's "Title" (Ms, Dr, Prof.) is not printed as a function, in the list or the workbook;
    the list prints it before the name, as UN lists do (issue 17)."""
    import openpyxl

    out = build("indico-courtesy-title", tmp_path)
    assert listed(out) == ["### Austria", "- Ms Anna Beispiel", "### Brazil", "- Dr Bruno Exemplo", "### China", "- Prof. Fang Wang"]
    book = openpyxl.load_workbook(out / "participants.xlsx", read_only=True)
    titles = []
    for name in ("In the room", "Online"):
        heading, *rows = [list(row) for row in book[name].iter_rows(values_only=True)]
        titles += [(row[heading.index("Given name")], row[heading.index("Title or function")]) for row in rows]
    assert sorted(titles) == [("Anna", None), ("Bruno", None), ("Fang", None)]


def test_courtesy_title_is_kept_as_the_salutation(tmp_path: Path) -> None:
    """The courtesy title is kept on the participant, apart from the function; a Position column still wins."""
    from meetplan.config.participants import read_registrations
    from meetplan.model import Delegation, DelegationCategory

    austria = Delegation(name="Austria", category=DelegationCategory.PARTY, group=None, time_zone="Europe/Vienna")
    data = (b"Title,First Name,Last Name,Position,Affiliation,Participation\n"
            b"Ms,Anna,Beispiel,Counsellor,Austria,In person\nDr.,Bruno,Berg,,Austria,Online\n,Cara,Lee,Mr,Austria,Online\n")
    people = read_registrations(data, "registrations.csv", (), (austria,))
    assert [(p.salutation, p.title) for p in people] == [("Ms", "Counsellor"), ("Dr.", None), ("Mr", None)]


def test_same_person_is_one_name_and_delegation_with_no_two_addresses() -> None:
    """Two Li Wei of China with their own addresses, and two delegates registered from one assistant's address,
    are four people; a resubmitted form (the address in capitals, or left out) is the same person, refused."""
    import pytest

    from meetplan.config.participants import read_registrations
    from meetplan.errors import ConfigError
    from meetplan.model import Delegation, DelegationCategory

    china = Delegation(name="China", category=DelegationCategory.PARTY, group=None, time_zone="Asia/Shanghai")
    heading = b"First Name,Last Name,Affiliation,Email,Participation\n"
    people = (b"Wei,Li,China,li.wei@a.example,Online\nWei,Li,China,li.wei@b.example,Online\n"
              b"Fang,Wang,China,office@mission.example,Online\nMing,Zhao,China,office@mission.example,Online\n")
    assert len(read_registrations(heading + people, "r.csv", (), (china,))) == 4
    again = b"LI,wei,China,LI.WEI@A.EXAMPLE,Online\nFang,Wang,China,,Online\n"
    with pytest.raises(ConfigError) as raised:
        read_registrations(heading + people + again, "r.csv", (), (china,))
    assert [str(problem) for problem in raised.value.problems] == [
        "r.csv:6: column 'Email': the same person as row 2 (LI wei, China, LI.WEI@A.EXAMPLE): remove one of the two registrations",
        "r.csv:7: column 'Last Name': the same person as row 4 (Fang Wang, China): remove one of the two registrations",
    ]


def test_courtesy_title_is_no_speakers_function(tmp_path: Path) -> None:
    """A panellist whose title is "Dr." alone is printed in the running order without a function."""
    folder = tmp_path / "panel"
    shutil.copytree(CASES / "sep-line", folder)
    config = (folder / "meeting.yaml").read_text(encoding="utf-8")
    config += ("speakers:\n  items:\n    2:\n      panellists:\n"
               "        - {name: Amanda Ledwaba, title: Dr., delegation: Austria, mode: online, language: English}\n"
               "        - {name: Bruno Exemplo, title: Director, delegation: Brazil, mode: online, language: English}\n")
    (folder / "meeting.yaml").write_text(config, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(folder / "meeting.yaml"), "--output", str(folder / "out")])
    assert (result.exit_code, result.stderr) == (0, "")
    running_order = (folder / "out" / "running-order.md").read_text(encoding="utf-8")
    assert ("Amanda Ledwaba" in running_order, "Dr." in running_order, "Director" in running_order) == (True, False, True)
