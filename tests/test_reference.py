"""Reference data: States, regional groups, time zones, organizations, and looking names up."""

from __future__ import annotations

import re
import zoneinfo
from collections import Counter

import pytest

from meetplan import reference
from meetplan.reference import GROUPS, KINDS, LANGUAGES, find_organization, find_state, organizations, states, suggest
from meetplan.style import sort_key

from conftest import SEEDS

REPORT = SEEDS / "wgsom-2020-report.txt"

# Report of 2020, paras. 27-31, as lists the tests below read one name at a time.
PARA_27 = (
    "Afghanistan, Albania, Angola, Argentina, Armenia, Australia, Austria, Azerbaijan, Bahamas, Belgium, Brazil, "
    "Bulgaria, Burundi, Canada, Chile, Costa Rica, Croatia, Cuba, Cyprus, Czechia, Dominican Republic, Ecuador, "
    "Egypt, El Salvador, Eswatini, European Union, France, Germany, Greece, Guatemala, Honduras, India, Indonesia, "
    "Iraq, Italy, Japan, Kuwait, Kyrgyzstan, Latvia, Lebanon, Libya, Malta, Mexico, Mozambique, Myanmar, Namibia, "
    "Netherlands, New Zealand, Nigeria, Norway, Oman, Panama, Paraguay, Peru, Poland, Portugal, Republic of Korea, "
    "Romania, Russian Federation, Saudi Arabia, Slovakia, Slovenia, South Africa, Spain, Sweden, Switzerland, "
    "Syrian Arab Republic, Tunisia, Turkey, Turkmenistan, Ukraine, United States of America, Uruguay and "
    "Venezuela (Bolivarian Republic of)"
)
PARA_28 = "Bolivia (Plurinational State of) and Thailand"
PARA_29 = (
    "Bangladesh, China, Colombia, Holy See, Iran (Islamic Republic of), Israel, Jordan, Malaysia, Morocco, Nepal, "
    "Qatar, Singapore, United Arab Emirates and Yemen"
)
PARA_30 = (
    "Counter-Terrorism Committee Executive Directorate, Department of Peace Operations, Economic Community of West "
    "African States, European Border and Coast Guard Agency, European Union Agency for Criminal Justice Cooperation, "
    "Gulf Cooperation Council, International Criminal Police Organization (INTERPOL), International Organization "
    "for Migration, Parliamentary Assembly of the Mediterranean, United Nations Children's Fund, United Nations "
    "High Commissioner for Refugees and United Nations Office on Drugs and Crime"
)

# Names the 2020 report wrote that are no longer the current UN Terminology short names.
RENAMED = {"Netherlands": "Netherlands (Kingdom of the)", "Turkey": "Türkiye"}


def split_list(text: str) -> list[str]:
    """The names of a running-text list "A, B and C".

    No name in these lists contains a comma, and the last two names are split at the first " and " because the
    last name may contain one ("United Nations Office on Drugs and Crime").
    """
    *head, last_two = text.split(", ")
    before, _, last = last_two.partition(" and ")
    return [*head, before, last]


def test_states_are_the_193_members_and_2_observers() -> None:
    """All 193 Member States and the two observer States are there, once each."""
    all_states = states()
    assert len(all_states) == 195
    assert len({state.iso3 for state in all_states}) == 195
    assert len({state.iso2 for state in all_states}) == 195
    assert sorted(state.name for state in all_states if state.observer) == ["Holy See", "State of Palestine"]


def test_states_are_sorted_by_name_ignoring_case_and_accents() -> None:
    """states() is in alphabetical order: "Iran (Islamic Republic of)" before "Iraq", "Türkiye" before "Turkmenistan"."""
    names = [state.name for state in states()]
    assert names == sorted(names, key=sort_key)
    assert names.index("Iran (Islamic Republic of)") + 1 == names.index("Iraq")
    assert names.index("Türkiye") + 1 == names.index("Turkmenistan")


def test_report_matches_the_copy_of_paras_27_to_30() -> None:
    """The lists copied into this test are the ones in the seed report."""
    text = " ".join(REPORT.read_text(encoding="utf-8").split())
    for para in (PARA_27, PARA_28, PARA_29, PARA_30):
        assert para in text


@pytest.mark.parametrize(
    "name", [n for n in split_list(PARA_27) if n != "European Union"] + split_list(PARA_28) + split_list(PARA_29)
)
def test_find_state_finds_each_state_of_the_2020_report(name: str) -> None:
    """Every State in paras. 27-29 is found as written; renamed ones give today's short name."""
    state = find_state(name)
    assert state is not None
    assert state.name == RENAMED.get(name, name)


def test_european_union_is_an_organization_not_a_state() -> None:
    """The European Union, a party in para. 27, is a regional economic integration organization."""
    assert find_state("European Union") is None
    assert find_organization("European Union") == reference.Organization(
        name="European Union", kind="regional economic integration organization", time_zone="Europe/Brussels"
    )


@pytest.mark.parametrize("name", split_list(PARA_30))
def test_find_organization_finds_each_organization_of_para_30(name: str) -> None:
    """Every organization in para. 30 is found under the very name the report uses."""
    organization = find_organization(name)
    assert organization is not None
    assert organization.name == name


def test_sovereign_order_of_malta_has_a_permanent_observer_office() -> None:
    """Para. 31: the Sovereign Order of Malta, an entity maintaining a permanent observer office."""
    organization = find_organization("Sovereign Order of Malta")
    assert organization is not None
    assert organization.kind == "entity with a permanent observer office"


def test_group_sizes() -> None:
    """The five groups have the sizes of DGACM's list (Kiribati in Asia-Pacific; Türkiye, United States in WEOG)."""
    sizes = Counter(state.group for state in states())
    assert sizes == {
        "African States": 54,
        "Asia-Pacific States": 54,
        "Eastern European States": 23,
        "Latin American and Caribbean States": 33,
        "Western European and other States": 29,
        None: 2,
    }
    assert set(sizes) - {None} == set(GROUPS)


@pytest.mark.parametrize(
    ("name", "group"),
    [
        ("Türkiye", "Western European and other States"),
        ("United States of America", "Western European and other States"),
        ("Israel", "Western European and other States"),
        ("Kiribati", "Asia-Pacific States"),
        ("Cyprus", "Asia-Pacific States"),
        ("Russian Federation", "Eastern European States"),
        ("Mexico", "Latin American and Caribbean States"),
        ("Egypt", "African States"),
        ("Holy See", None),
        ("State of Palestine", None),
    ],
)
def test_group_of_states_with_a_pitfall(name: str, group: str | None) -> None:
    """The States whose group is not what geography suggests."""
    state = find_state(name)
    assert state is not None
    assert state.group == group


@pytest.mark.parametrize(
    ("name", "zone"),
    [
        ("Russian Federation", "Europe/Moscow"),
        ("Brazil", "America/Sao_Paulo"),
        ("Canada", "America/Toronto"),
        ("Australia", "Australia/Sydney"),
        ("Ukraine", "Europe/Kyiv"),
        ("United States of America", "America/New_York"),
        ("Uzbekistan", "Asia/Tashkent"),
        ("Austria", "Europe/Vienna"),
        ("China", "Asia/Shanghai"),
        ("Indonesia", "Asia/Jakarta"),
        ("Mexico", "America/Mexico_City"),
    ],
)
def test_time_zone_is_the_capitals(name: str, zone: str) -> None:
    """A representative zone is the capital's, not the first zone listed for the country."""
    state = find_state(name)
    assert state is not None
    assert state.time_zone == zone


def test_every_time_zone_exists() -> None:
    """Every State's and organization's zone is in the time zone database."""
    for entry in (*states(), *organizations()):
        assert zoneinfo.ZoneInfo(entry.time_zone).key == entry.time_zone


def test_six_language_names_are_present() -> None:
    """Every State has a short name in each of the six official languages."""
    for state in states():
        assert all(state.name_in(language).strip() == state.name_in(language) != "" for language in LANGUAGES)
        assert state.name_in("en") == state.name


def test_names_in_other_languages() -> None:
    """The six names are UN Terminology's: spot checks in every language."""
    state = find_state("Türkiye")
    assert state is not None
    assert [state.name_in(language) for language in LANGUAGES] == [
        "تركيا",
        "土耳其",
        "Türkiye",
        "Türkiye",
        "Турция",
        "Türkiye",
    ]
    czechia = find_state("Czechia")
    assert czechia is not None
    assert (czechia.name_in("fr"), czechia.name_in("es"), czechia.name_in("ru")) == ("Tchéquie", "Chequia", "Чехия")


def test_name_in_unknown_language() -> None:
    """A language other than the six is a programming error, said plainly."""
    state = find_state("France")
    assert state is not None
    with pytest.raises(ValueError, match="unknown language 'de'"):
        state.name_in("de")


def test_codes_are_iso_shaped() -> None:
    """ISO codes are two and three capital letters."""
    for state in states():
        assert re.fullmatch("[A-Z]{2}", state.iso2)
        assert re.fullmatch("[A-Z]{3}", state.iso3)
    france = find_state("France")
    assert france is not None
    assert (france.iso2, france.iso3) == ("FR", "FRA")


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("Turkey", "Türkiye"),
        ("turkiye", "Türkiye"),
        ("Iran", "Iran (Islamic Republic of)"),
        ("Iran, Islamic Republic of", "Iran (Islamic Republic of)"),
        ("iran (islamic republic of)", "Iran (Islamic Republic of)"),
        ("South Korea", "Republic of Korea"),
        ("Korea, Republic of", "Republic of Korea"),
        ("North Korea", "Democratic People's Republic of Korea"),
        ("Czech Republic", "Czechia"),
        ("Bolivia", "Bolivia (Plurinational State of)"),
        ("Venezuela", "Venezuela (Bolivarian Republic of)"),
        ("United States", "United States of America"),
        ("USA", "United States of America"),
        ("United Kingdom", "United Kingdom of Great Britain and Northern Ireland"),
        ("UK", "United Kingdom of Great Britain and Northern Ireland"),
        ("Russia", "Russian Federation"),
        ("Holy See", "Holy See"),
        ("Vatican", "Holy See"),
        ("Netherlands", "Netherlands (Kingdom of the)"),
        ("the Netherlands", "Netherlands (Kingdom of the)"),
        ("Swaziland", "Eswatini"),
        ("Côte d’Ivoire", "Côte d'Ivoire"),
        ("COTE D'IVOIRE", "Côte d'Ivoire"),
        ("Viet Nam", "Viet Nam"),
        ("Vietnam", "Viet Nam"),
        ("Nauru", "Naoero"),
        ("  Gambia ", "Gambia"),
        ("The Gambia", "Gambia"),
    ],
)
def test_find_state_accepts_other_forms(alias: str, name: str) -> None:
    """Other forms lead to the canonical State, whose name they never change."""
    state = find_state(alias)
    assert state is not None
    assert state.name == name


def test_alias_gives_the_same_object() -> None:
    """An alias and the short name give the very same State."""
    assert find_state("Turkey") is find_state("Türkiye")


@pytest.mark.parametrize("name", ["Taiwan", "Kosovo", "Europe", "", "Korea", "Cook Islands", "Niue"])
def test_find_state_unknown(name: str) -> None:
    """Names that are not a Member or observer State, or are ambiguous, find nothing."""
    assert find_state(name) is None


@pytest.mark.parametrize(
    ("acronym", "name"),
    [
        ("IOM", "International Organization for Migration"),
        ("UNHCR", "United Nations High Commissioner for Refugees"),
        ("UNICEF", "United Nations Children's Fund"),
        ("United Nations Children’s Fund", "United Nations Children's Fund"),
        ("INTERPOL", "International Criminal Police Organization (INTERPOL)"),
        ("ICPO", "International Criminal Police Organization (INTERPOL)"),
        ("Interpol", "International Criminal Police Organization (INTERPOL)"),
        ("UNODC", "United Nations Office on Drugs and Crime"),
        ("United Nations Office on Drugs and Crime (UNODC)", "United Nations Office on Drugs and Crime"),
        ("ECOWAS", "Economic Community of West African States"),
        ("Frontex", "European Border and Coast Guard Agency"),
        ("Eurojust", "European Union Agency for Criminal Justice Cooperation"),
        ("Europol", "European Union Agency for Law Enforcement Cooperation"),
        ("GCC", "Gulf Cooperation Council"),
        ("CTED", "Counter-Terrorism Committee Executive Directorate"),
        ("DPO", "Department of Peace Operations"),
        ("UN Women", "United Nations Entity for Gender Equality and the Empowerment of Women"),
        ("UN-Women", "United Nations Entity for Gender Equality and the Empowerment of Women"),
        ("OHCHR", "Office of the United Nations High Commissioner for Human Rights"),
        ("UNDP", "United Nations Development Programme"),
        ("OSCE", "Organization for Security and Co-operation in Europe"),
        ("Council of Europe", "Council of Europe"),
        ("African Union", "African Union"),
        ("League of Arab States", "League of Arab States"),
        ("Organization of American States", "Organization of American States"),
        ("ASEAN", "Association of Southeast Asian Nations"),
        ("World Bank", "World Bank"),
        ("ILO", "International Labour Organization"),
        ("WHO", "World Health Organization"),
        ("ICRC", "International Committee of the Red Cross"),
        ("EU", "European Union"),
        ("Order of Malta", "Sovereign Order of Malta"),
    ],
)
def test_find_organization_by_name_or_acronym(acronym: str, name: str) -> None:
    """Organizations are found by name or by a well-known acronym."""
    organization = find_organization(acronym)
    assert organization is not None
    assert organization.name == name


def test_find_organization_unknown() -> None:
    """An unknown organization, or a State's name, finds nothing."""
    assert find_organization("Ministry of Magic") is None
    assert find_organization("France") is None


def test_organizations_have_known_kinds_and_unique_names() -> None:
    """Every organization has one of the four kinds, and no name appears twice."""
    names = [organization.name for organization in organizations()]
    assert len(names) == len(set(names))
    assert names == sorted(names, key=sort_key)
    assert {organization.kind for organization in organizations()} == set(KINDS)


def test_headquarters_zones() -> None:
    """Spot checks of headquarters' zones."""
    zones = {name: find_organization(name) for name in ("UNODC", "IOM", "ECOWAS", "Frontex", "CTED")}
    assert {name: org.time_zone if org else None for name, org in zones.items()} == {
        "UNODC": "Europe/Vienna",
        "IOM": "Europe/Zurich",
        "ECOWAS": "Africa/Lagos",
        "Frontex": "Europe/Warsaw",
        "CTED": "America/New_York",
    }


def test_suggest_misspelt_state() -> None:
    """A misspelling gets the one nearest name, and not its near neighbours."""
    assert suggest("Swizerland") == ["Switzerland"]
    assert suggest("Rusia") == ["Russian Federation"]


def test_suggest_short_form() -> None:
    """A short form suggests the full short name."""
    assert "Iran (Islamic Republic of)" in suggest("Iran")
    assert suggest("Korea") == ["Democratic People's Republic of Korea", "Republic of Korea"]


def test_suggest_organizations() -> None:
    """Organizations are suggested too, through their acronyms."""
    assert suggest("Interpoll") == ["International Criminal Police Organization (INTERPOL)"]
    assert "United Nations Office on Drugs and Crime" in suggest("UNDOC")


def test_suggest_respects_n_and_nonsense() -> None:
    """At most n names; nothing for a name near nothing."""
    assert len(suggest("United", n=2)) <= 2
    assert suggest("Xqzzyv") == []
    assert suggest("") == []


def test_data_loads_through_the_package() -> None:
    """The CSVs are package resources, as an installed meetplan sees them."""
    from importlib import resources

    data = resources.files("meetplan") / "data"
    assert (data / "states.csv").is_file()
    assert (data / "organizations.csv").is_file()
    assert (data / "SOURCES.md").is_file()
