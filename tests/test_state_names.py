"""Every State is found under the names registration systems export: CLDR's (as Indico writes them), ISO 3166's
and the UN formal names (issue 13)."""

from __future__ import annotations

import csv
import textwrap
from importlib import resources
from pathlib import Path

import pytest
from babel import Locale, localedata
from click.testing import CliRunner

from meetplan.cli import main
from meetplan.reference import find_state, states

from conftest import HYBRID_MEETING

BY_CODE = {state.iso2: state for state in states()}
ENGLISH = sorted(
    identifier
    for identifier in localedata.locale_identifiers()
    if (identifier == "en" or identifier.startswith("en_")) and Locale.parse(identifier).script in (None, "Latn")
)


def vendored_names() -> list[tuple[str, str, str]]:
    text = (resources.files("meetplan") / "data" / "state_names.csv").read_text(encoding="utf-8")
    return [(row["iso3"], row["name"], row["source"]) for row in csv.DictReader(text.splitlines())]


def test_state_names_come_from_the_four_sources() -> None:
    """data/state_names.csv holds names of the four sources data/SOURCES.md describes, for States only."""
    rows = vendored_names()
    assert {source for _, _, source in rows} == {"cldr", "cldr-alt", "iso", "un-formal"}
    assert {iso3 for iso3, _, _ in rows} <= {state.iso3 for state in states()}


@pytest.mark.parametrize(("iso3", "name", "source"), vendored_names(), ids=lambda value: str(value))
def test_each_vendored_name_finds_its_state(iso3: str, name: str, source: str) -> None:
    """Each name in data/state_names.csv finds the State it was extracted for."""
    found = find_state(name)
    assert (found.iso3 if found else None) == iso3


@pytest.mark.parametrize("locale", ENGLISH)
def test_babel_english_names_find_every_state(locale: str) -> None:
    """Under every English locale of the installed Babel, the territory name of each of the 195 States finds it,
    so a newer CLDR that renames a country fails here rather than in a secretariat's build."""
    territories = Locale.parse(locale).territories
    wrong = {code: territories[code] for code, state in BY_CODE.items() if find_state(territories[code]) is not state}
    assert wrong == {}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Congo - Kinshasa", "Democratic Republic of the Congo"),
        ("Congo – Brazzaville", "Congo"),
        ("Congo-Kinshasa", "Democratic Republic of the Congo"),
        ("St. Lucia", "Saint Lucia"),
        ("St Lucia", "Saint Lucia"),
        ("St. Vincent & Grenadines", "Saint Vincent and the Grenadines"),
        ("Saint Vincent & the Grenadines", "Saint Vincent and the Grenadines"),
        ("Bosnia & Herzegovina", "Bosnia and Herzegovina"),
        ("São Tomé & Príncipe", "Sao Tome and Principe"),
        ("Sao Tome & Principe", "Sao Tome and Principe"),
        ("Republic of Austria", "Austria"),
        ("the Federal Republic of Germany", "Germany"),
        ("United Kingdom of Great Britain and Northern Ireland", "United Kingdom of Great Britain and Northern Ireland"),
        ("Kingdom of the Netherlands", "Netherlands (Kingdom of the)"),
        ("Bolivia, Plurinational State of", "Bolivia (Plurinational State of)"),
        ("Myanmar (Burma)", "Myanmar"),
        ("Vatican City", "Holy See"),
        ("Palestinian Territories", "State of Palestine"),
        ("Türkiye", "Türkiye"),
        ("Côte d’Ivoire", "Côte d'Ivoire"),
    ],
)
def test_find_state_reads_exported_forms(name: str, expected: str) -> None:
    """The forms named in issue 13, and others of the same kinds, find the right State."""
    found = find_state(name)
    assert (found.name if found else None) == expected


def test_no_state_found_for_a_non_state_territory() -> None:
    """Territories that are not States stay unknown, even under the forms that fold "&" and "St."."""
    assert [find_state(name) for name in ("Hong Kong SAR China", "St. Helena", "Turks & Caicos Islands", "Taiwan")] == [None] * 4




def test_indico_export_with_every_state_builds(tmp_path: Path) -> None:
    """A registrations export naming each State as Indico writes it (en and en_GB) builds, every State listed."""
    parties = "\n".join(f"    - {state.name!r}" for state in states() if not state.observer)
    observers = "\n".join(f"    - {state.name!r}" for state in states() if state.observer)
    config = HYBRID_MEETING + f"delegations:\n  parties:\n{parties}\n  non_parties:\n{observers}\n"
    config += "participants:\n  registrations: registrations.csv\n  symbol: TST/WG.1/2026/INF/1\n"
    (tmp_path / "meeting.yaml").write_text(textwrap.dedent(config), encoding="utf-8")
    with (tmp_path / "registrations.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ID", "First Name", "Last Name", "Email Address", "Affiliation", "Participation"])
        number = 0
        for locale in ("en", "en_GB"):
            territories = Locale.parse(locale).territories
            for code in sorted(BY_CODE):
                number += 1
                writer.writerow([number, "Delegate", f"Number {number}", f"d{number}@example.org", territories[code], "Online"])
    result = CliRunner().invoke(main, ["build", str(tmp_path / "meeting.yaml"), "--output", str(tmp_path / "out")])
    assert (result.exit_code, result.output) == (0, result.output)
    listed = (tmp_path / "out" / "list-of-participants.md").read_text(encoding="utf-8")
    assert [state.name for state in states() if f"### {state.name}\n" not in listed] == []
