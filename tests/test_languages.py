"""The six official languages (issue 18): each language's forms against the forms read in real UN documents
(tests/seeds/LANGUAGES.md, a copy of ../shared/LANGUAGES.md), translations in the configuration, the annex and
the calendar in each language, Word and HTML right to left for Arabic, and the printed result."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner

from icscheck import ics_check
from meetplan.cli import LANGUAGE, main
from meetplan.config import load
from meetplan.errors import ConfigError
from meetplan.languages import CODES, language
from meetplan.model import Hours
from meetplan.scheduler import schedule
from meetplan.translate import localize
from test_programs import docx_to_pdf, html_to_pdf, pdf_text

from conftest import ROOT, SEEDS

CONFIG_2020 = ROOT / "config" / "wgsom-2020.yaml"
OTHERS = ("fr", "es", "ru", "zh", "ar")
COLUMN = {"English": "en", "French": "fr", "Spanish": "es", "Russian": "ru", "Chinese": "zh", "Arabic": "ar"}


def attested() -> dict[str, dict[str, str]]:
    """LANGUAGES.md's table: element -> language code -> the cell as read in the documents."""
    lines = [line for line in (SEEDS / "LANGUAGES.md").read_text(encoding="utf-8").splitlines() if line.startswith("|")]
    heads = [cell.strip() for cell in lines[0].strip("|").split("|")]
    table: dict[str, dict[str, str]] = {}
    for line in lines[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        table[cells[0]] = {COLUMN[head.split()[0]]: cell for head, cell in zip(heads[1:], cells[1:], strict=True)}
    return table


TABLE = attested()
TUESDAY_9_JUNE, WEDNESDAY_1_JULY, TUESDAY_6_SEPTEMBER = dt.date(2015, 6, 9), dt.date(2015, 7, 1), dt.date(2022, 9, 6)
MORNING, AFTERNOON = Hours(start=dt.time(10), end=dt.time(13)), Hours(start=dt.time(15), end=dt.time(18))


def test_the_command_line_offers_every_language() -> None:
    assert LANGUAGE  # the option exists
    result = CliRunner().invoke(main, ["annex", "--help"])
    assert "[en|fr|es|ru|zh|ar]" in " ".join(result.output.split()) and CODES == ("en", "fr", "es", "ru", "zh", "ar")


@pytest.mark.parametrize("code", CODES)
def test_day_heading_as_the_documents_write_it(code: str) -> None:
    """Each language's day heading is the first form LANGUAGES.md read ("Mardi 9 juin", "6月9日，星期二", ...)."""
    cell = TABLE["day heading"][code]
    day = TUESDAY_6_SEPTEMBER if code == "ar" else TUESDAY_9_JUNE
    first = re.split(r" \(|; ", cell)[0]
    assert language(code).day_heading(day) == first
    if code == "fr":
        assert language("fr").day_heading(WEDNESDAY_1_JULY) == "Mercredi 1er juillet"


@pytest.mark.parametrize(("code", "whole", "minutes"), [
    ("en", "10 a.m.–1 p.m.", "10.15 a.m.–noon"),
    ("fr", "10 heures–13 heures", "10 h 15–midi"),  # "10 heures", "10 h 15", "midi" (attested), the range ours
    ("es", "10.00 a 13.00 horas", "10.15 a 12.00 horas"),  # "de las 10.00 a las 13.00 horas" without its articles
    ("ru", "10 ч. 00 м. – 13 ч. 00 м.", "10 ч. 15 м. – 12 ч. 00 м."),
    ("zh", "上午10时至下午1时", "上午10时15分至12时"),  # attested: "上午10时至下午1时", "上午10时15分", "12时"
    ("ar", "00/10–00/13", "15/10–00/12"),  # attested in the annex cell: "00/10–00/13"
])  # fmt: skip
def test_hours_whole_and_with_minutes(code: str, whole: str, minutes: str) -> None:
    forms = language(code)
    # Russian keeps each time on one line with no-break spaces; the documents' text has plain ones.
    assert forms.hours(MORNING).replace("\u00a0", " ") == whole
    assert forms.hours(Hours(start=dt.time(10, 15), end=dt.time(12))).replace("\u00a0", " ") == minutes


def test_hours_attested_in_the_documents_appear_as_read() -> None:
    assert language("zh").hours(AFTERNOON) == "下午3时至6时"
    assert "**00/10–00/13**" in TABLE["range in an annex time cell"]["ar"]
    for code, form in (("fr", "10 heures"), ("ru", "10 ч. 00 м."), ("es", "10.00"), ("zh", "上午10时")):
        assert form in TABLE["whole hour"][code] and form in language(code).hours(MORNING).replace("\u00a0", " ")


@pytest.mark.parametrize("code", CODES)
def test_continued_and_meeting_number_as_the_documents_write_them(code: str) -> None:
    forms = language(code)
    assert forms.continued.plain().strip() in TABLE["continued"][code]
    meeting_240 = forms.plenary_meeting(240)
    assert meeting_240 in TABLE["meeting number"][code], (meeting_240, TABLE["meeting number"][code])


def test_holiday_note_where_the_documents_give_it() -> None:
    assert language("en").holiday in TABLE["holiday note"]["en"]
    assert language("ar").holiday == TABLE["holiday note"]["ar"]


@pytest.mark.parametrize("code", CODES)
def test_title_column_heading_as_the_documents_write_it(code: str) -> None:
    assert language(code).headings[2] == TABLE["column: title"][code].split(" (")[0]


def test_spanish_annex_title_and_headings_as_in_a_ac_291_11() -> None:
    forms = language("es")
    assert forms.annex_title in TABLE["annex title"]["es"]
    assert forms.headings == (TABLE["column: date and time"]["es"], TABLE["column: agenda item"]["es"], "Título o descripción")


# --- the configuration's translations -----------------------------------------------------------------------


def two_languages(tmp_path: Path, french: str) -> Path:
    path = tmp_path / "meeting.yaml"
    path.write_text(textwrap.dedent("""\
        meeting:
          body: Working Group on the Smuggling of Migrants
          ordinal: 7
          symbol: CTOC/COP/WG.7/2020/1
          venue: Vienna
          time_zone: Europe/Vienna
          issued: 2020-06-04
          plenary_meetings: 2
        days:
          first: 2020-09-08
          last: 2020-09-09
          hours: ["10:00-13:00"]
          exceptions: {2020-09-09: Official United Nations holiday, 2020-09-10: ["10:00-13:00"]}
        agenda:
          - title: Organizational matters
            sub_items: [Opening of the meeting, Adoption of the agenda]
          - Other matters
          - Adoption of the report
        """).replace("last: 2020-09-09", "last: 2020-09-10") + french, encoding="utf-8")
    return path


FRENCH = """\
translations:
  fr:
    body: Groupe de travail sur le trafic illicite de migrants
    venue: Vienne
    agenda:
      1 (a): Ouverture de la réunion
      1 (b): Adoption de l'ordre du jour
      2: Questions diverses
      3: Adoption du rapport
"""


def test_french_annex_from_the_translation_with_the_language_own_holiday_note(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["annex", str(two_languages(tmp_path, FRENCH)), "--language", "fr", "--format", "tsv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "<i>Date et heure</i>\t<i>Point de l’ordre du jour</i>\t<i>Intitulé ou description</i>",
        "Mardi 8 septembre\t\t",
        "10 heures–13 heures\t1 a)\tOuverture de la réunion",
        "\t1 b)\tAdoption de l'ordre du jour",
        "Mercredi 9 septembre\t\tJour férié officiel de l’Organisation des Nations Unies",
        "Jeudi 10 septembre\t\t",
        "10 heures–13 heures\t2\tQuestions diverses",
        "\t3\tAdoption du rapport",
    ]


def test_missing_titles_are_refused_one_located_line_each(tmp_path: Path) -> None:
    """No machine translation: every title the French outputs need and the configuration does not give is named."""
    partial = FRENCH.replace("      2: Questions diverses\n", "").replace("    venue: Vienne\n", "")
    path = two_languages(tmp_path, partial)
    result = CliRunner().invoke(main, ["build", str(path), "--output", str(tmp_path / "out")])
    assert result.exit_code == 2
    line = partial.splitlines().index("  fr:") + 1 + len(two_languages(tmp_path, "").read_text(encoding="utf-8").splitlines())
    path = two_languages(tmp_path, partial)
    assert result.stderr.splitlines() == [
        f"error: {path}:{line}: translations.fr.venue: missing: the venue in French",
        f"error: {path}:{line}: translations.fr.agenda.2: missing: the title of item 2 in French",
        "meetplan: 2 problems; nothing was written.",
    ]
    assert [p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")] == []
    # English alone is still checked and built.
    assert CliRunner().invoke(main, ["check", str(path)]).exit_code == 0


def test_unknown_language_and_unknown_item_are_located(tmp_path: Path) -> None:
    text = FRENCH.replace("      3: Adoption du rapport\n", "      9: Adoption du rapport\n") + "  de:\n    body: Arbeitsgruppe\n"
    with pytest.raises(ConfigError) as caught:
        load(two_languages(tmp_path, text))
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("translations.fr.agenda.9", "the agenda has no item 9: give titles by the items' labels, such as 2 or 1 (a)"),
        ("translations.de", "unknown language; the other official languages are fr, es, ru, zh, ar"),
    ]
    assert all(p.line is not None for p in caught.value.problems)


def test_a_language_without_translation_is_refused_by_name(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["annex", str(two_languages(tmp_path, FRENCH)), "--language", "ru"])
    assert result.exit_code == 2
    assert "translations.ru: missing: the configuration gives no Russian text (languages given: fr)" in result.stderr


# --- the 2020 meeting in six languages ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("six-languages")
    result = CliRunner().invoke(main, ["build", str(CONFIG_2020), "--output", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def test_every_language_calendar_passes_ics_check_with_uids_of_its_own(built: Path) -> None:
    """The six calendars together: every parser reads every event, and no UID is in two files."""
    calendars = [built / "calendar.ics", *(built / f"calendar.{code}.ics" for code in OTHERS)]
    found = ics_check(*calendars)
    for parser, events in found.items():
        assert len(events) == 4 * 6, parser


def test_calendar_text_in_the_language(built: Path) -> None:
    text = (built / "calendar.fr.ics").read_text(encoding="utf-8").replace("\r\n ", "").replace("\n ", "")  # unfolded
    assert "SUMMARY:Groupe de travail sur le trafic illicite de migrants — 1re séance plénière" in text
    assert "LOCATION:Salle du Conseil D\\, Centre international de Vienne\\, Vienne" in text
    assert "UID:CTOC-COP-WG.7-2020-1-plenary-1-fr@meetplan" in text


def test_localized_schedule_keeps_the_plan(built: Path) -> None:
    """Every language takes up the same items at the same plenary meetings: only the text differs."""
    english = schedule(load(CONFIG_2020))
    for code in OTHERS:
        other = localize(english, code)
        assert [(a.plenary, a.item.label, a.share) for a in other.allocations] == [(a.plenary, a.item.label, a.share) for a in english.allocations]


@pytest.mark.parametrize("code", OTHERS)
def test_libreoffice_prints_each_language_annex_in_its_script(built: Path, code: str) -> None:
    """annex.<code>.docx printed to PDF: the title, a day heading and an item title in the language's script."""
    printed = pdf_text(docx_to_pdf(built / f"annex.{code}.docx"))
    forms = language(code)
    # pdftotext spaces Chinese from figures and marks Arabic runs with directional controls: compare without them.
    text = re.sub(r"[\s\u202a-\u202e]", "", printed)
    expected = [forms.annex, forms.day_heading(dt.date(2020, 9, 8))]
    if code == "ar":  # and it decomposes the lam-alef ligature of "الأعمال": take words without one
        expected = [forms.annex, "أيلول/سبتمبر", "افتتاح"]
    for form in expected:
        assert re.sub(r"\s", "", form) in text, (form, printed[:300])


def columns(pdf: Path) -> tuple[float, float, float]:
    """The left edges (points) of the first plenary meeting's hours, of the label of item 2, and of the symbol."""
    with pdfplumber.open(pdf) as document:
        words = document.pages[0].extract_words()
    hours = next(w["x0"] for w in words if "00/1" in w["text"])
    item = next(w["x0"] for w in words if w["text"] == "2")
    symbol = next(w["x0"] for w in words if w["text"] == "CTOC/COP/WG.7/2020/1")
    return hours, item, symbol


def test_arabic_word_annex_lays_its_columns_out_from_the_right(built: Path) -> None:
    """Printed by LibreOffice, the Arabic annex has the time column right of the item column and the symbol in the
    top left corner, as Arabic documents print them (w:bidiVisual, w:bidi)."""
    hours, item, symbol = columns(docx_to_pdf(built / "annex.ar.docx"))
    assert hours > item > symbol


def test_arabic_html_is_right_to_left_in_chromium(built: Path) -> None:
    """annex.ar.html carries lang and dir, and Chromium prints the time column right of the item column."""
    html = (built / "annex.ar.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in html
    hours, item, symbol = columns(html_to_pdf(built / "annex.ar.html"))
    assert hours > item > symbol


def test_list_of_participants_names_states_in_the_language(built: Path) -> None:
    """The French list: its title and headings, States under their French short names in French alphabetical
    order, the European Union under the configuration's name; people as in the English list."""
    french = (built / "list-of-participants.fr.md").read_text(encoding="utf-8").splitlines()
    assert french[:3] == ["# Liste des participants", "", "Groupe de travail sur le trafic illicite de migrants, Vienne"]
    states = [line[4:] for line in french if line.startswith("### ")]
    assert {"Afrique du Sud", "Allemagne", "Chine", "European Union"} <= set(states)
    parties = french[french.index("## Parties"):french.index("## Signataires")]
    named = [line[4:] for line in parties if line.startswith("### ")]
    assert named.index("Afghanistan") < named.index("Afrique du Sud") < named.index("Allemagne")
    english = (built / "list-of-participants.md").read_text(encoding="utf-8")
    assert sorted(line for line in french if line.startswith("- ")) == sorted(line for line in english.splitlines() if line.startswith("- "))


@pytest.mark.programs
def test_arabic_list_of_participants_masthead_prints_its_english_lines_left_to_right(built: Path) -> None:
    """The Arabic list's masthead: "الأمم المتحدة", and "Distr.: General", the date, "Arabic", "Original: English"
    in that order, left to right (a date in a right-to-left paragraph would print "September 2020 8")."""
    printed = pdf_text(docx_to_pdf(built / "list-of-participants.ar.docx")).split("\f")[0]
    lines = [re.sub(r"[\u202a-\u202e]", "", line).strip() for line in printed.splitlines()]
    masthead = [line.split("  ")[0].strip() for line in lines if re.match(r"(Distr\.|\d|Arabic|Original)", line)]
    assert masthead[:4] == ["Distr.: General", "8 September 2020", "Arabic", "Original: English"], lines[:12]
    assert "المتحدة" in printed


def test_a_translated_list_needs_the_parent_body(tmp_path: Path) -> None:
    """With registrations, a language without parent_body is refused for the list's masthead, located."""
    text = CONFIG_2020.read_text(encoding="utf-8")
    first = text.index("    parent_body: Conférence")
    text = text[:first] + text[text.index("\n", first) + 1:]
    (tmp_path / "registrations").symlink_to(ROOT / "config" / "registrations")
    config = tmp_path / "meeting.yaml"
    config.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(config), "--output", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "translations.fr.parent_body: missing: the parent body in French" in result.stderr
