"""Names in Latin script in the English list of participants (issue 17): the registration's Latin-script column,
else the name as registered when it is in Latin script, else a transliteration."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from meetplan.config import load
from meetplan.errors import ConfigError
from meetplan.model import Attendance, Delegation, DelegationCategory, Participant
from meetplan.names import in_latin_script, latin_name
from meetplan.synthetic import HEADINGS
from test_participants import ROWS, write_meeting

from conftest import ROOT

FRANCE = Delegation(name="France", category=DelegationCategory.PARTY, group="Western European and other States", time_zone="Europe/Paris")


def person(given: str, family: str, latin: str | None = None) -> Participant:
    return Participant(given_name=given, family_name=family, title=None, delegation=FRANCE, email=None,
                       requested=Attendance.ONLINE, row=2, latin_name=latin)


@pytest.mark.parametrize(("given", "family", "printed"), [
    ("José", "Müller", "José Müller"),  # Latin script: as registered, accents kept
    ("Иван", "Петров", "Ivan Petrov"),
    ("伟", "王", "Wang Wei"),  # family name first, as the Chinese name is written
    ("小明", "李", "Li Xiaoming"),  # one capital per name, not one per syllable
    ("राहुल", "शर्मा", "Rahul Srma"),  # a script without capitals still gets them
    ("Ana", "Ωμέγα", "Ana Omega"),
])  # fmt: skip
def test_latin_name_as_registered_or_transliterated(given: str, family: str, printed: str) -> None:
    assert latin_name(person(given, family)) == printed
    assert in_latin_script(printed)


def test_the_registration_latin_name_wins_over_a_transliteration() -> None:
    assert latin_name(person("خالد", "حداد", "Khaled Haddad")) == "Khaled Haddad"


def test_latin_name_column_is_read_and_printed(tmp_path: Path) -> None:
    rows = [(*ROWS[0][:7], ""), ("Реза", "Каримов", *ROWS[4][2:7], "Reza Karimov")]
    meeting = load(write_meeting(tmp_path, rows=rows, headings=HEADINGS))
    assert [p.latin_name for p in meeting.participants] == [None, "Reza Karimov"]


def test_latin_name_column_in_another_script_or_with_an_address_is_refused(tmp_path: Path) -> None:
    rows = [(*ROWS[0][:7], "Ана Лопес"), (*ROWS[1][:7], "aroha@mfat.example")]
    with pytest.raises(ConfigError) as caught:
        load(write_meeting(tmp_path, rows=rows, headings=HEADINGS))
    assert [(p.line, p.field, p.message) for p in caught.value.problems] == [
        (2, "column 'Name in Latin script'", "is not in Latin script: give the name as written in Latin letters, or leave it empty"),
        (3, "column 'Name in Latin script'", "holds an e-mail address (aroha@mfat.example); published outputs never carry one: remove it"),
    ]


def test_the_shipped_list_of_participants_is_in_latin_script() -> None:
    """Every person of the 2020 example's list (55 registered in Arabic, Cyrillic, Greek, Chinese, Japanese,
    Korean, Devanagari or Thai script) is printed in Latin letters, as the form's column gives the name."""
    listed = (ROOT / "tests" / "cases" / "wgsom-2020" / "list-of-participants.md").read_text(encoding="utf-8")
    people = [line[2:] for line in listed.splitlines() if line.startswith("- ")]
    assert len(people) > 300
    assert [p for p in people if not in_latin_script(re.sub(r"[^\w]", "", p))] == []
    assert "- Dimitris Papadopoulos, Second Secretary" in listed.splitlines()
