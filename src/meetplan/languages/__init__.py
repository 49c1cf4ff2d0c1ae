"""The six official languages: each language's own forms for the organization of work and its calendar.

A language is one module in this package (``en``, ``fr``, ``es``, ``ru``, ``zh``, ``ar``) that defines
``LANGUAGE``, a ``Language``: its fixed words (the annex title, the column headings, "continued", the holiday
note, the calendar's labels) and its forms for day headings, hours, plenary meeting numbers and sub-item
letters. A seventh language is one more module and one more line in ``CODES``.

Where ``../shared/LANGUAGES.md`` (forms read in real UN documents, with sources) attests a form, the module
follows it; where it does not, the module says "our convention" beside the form, in that one place, for a
translator to correct. Month and weekday names come from CLDR through Babel where CLDR matches UN use.
meetplan never translates the configuration's text: titles, the body, the venue and notes in a language are
the translation services' own, given under ``translations:``.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from functools import cache

from msgspec import Struct

from meetplan.model import Hours

CODES = ("en", "fr", "es", "ru", "zh", "ar")  # the UN's order in its documents is ar, zh, en, fr, ru, es; ours: English first


class Continued(Struct, frozen=True, kw_only=True):
    """How a title is marked as continued: " (continued)" in English, "（续）" in Chinese; ``word`` is italic."""

    before: str
    word: str
    after: str

    def plain(self) -> str:
        return f"{self.before}{self.word}{self.after}"


class Language(Struct, frozen=True, kw_only=True):
    """One official language's forms for the organization of work, the ``check`` summary and the calendar."""

    code: str  # BCP 47, as HTML's lang and Word's w:lang take it: "fr"
    word_code: str  # Word's proofing language: "fr-FR"
    name: str  # in English, for messages: "French"
    rtl: bool  # written right to left (Arabic): Word's w:bidi, HTML's dir="rtl"
    font: str  # a Word font that holds the script
    annex: str  # "Annex"
    annex_title: str  # "Proposed organization of work"
    headings: tuple[str, str, str]  # "Date and time", "Agenda item", "Title or description"
    continued: Continued
    holiday: str  # "Official United Nations holiday"
    agenda_items: str  # the calendar description's label: "Agenda items:"
    organization_of_work: str  # the calendar description's last line: "Organization of work: {symbol}"
    hybrid: str  # "Hybrid meeting: in the room or online through {platform}"
    online_meeting: str  # "Online meeting through {platform}"
    online_location: str  # "Online" (the calendar's LOCATION of an online meeting)
    day_heading: Callable[[dt.date], str]  # "Tuesday, 8 September"
    hours: Callable[[Hours], str]  # the annex's time cell: "10 a.m.–1 p.m."
    plenary_meeting: Callable[[int], str]  # "1st plenary meeting"
    sub_item: Callable[[int, str], str]  # (1, "a") -> "1 (a)": the annex's label of a sub-item
    # The masthead of a document in the language: "United Nations", "Distr.: General", the date, the language the
    # document is in (Russian, Chinese and Arabic documents name it in English, French and Spanish in their own),
    # "Original: English"; and the list of participants' title and category headings (DelegationCategory's order).
    united_nations: str
    distribution: str
    masthead_date: Callable[[dt.date], str]
    issued_in: str  # "" in English, the original
    original: str
    participants_title: str
    categories: tuple[str, str, str, str, str, str]


@cache
def language(code: str) -> Language:
    """The language of ``code`` ("fr"). Raises KeyError for a code that is not one of CODES."""
    if code not in CODES:
        raise KeyError(code)
    module = importlib.import_module(f"meetplan.languages.{code}")
    found: Language = module.LANGUAGE
    return found


def file_name(stem: str, extension: str, code: str) -> str:
    """An output's file name in language ``code``: "annex.md" in English, the language's code before the
    extension in another ("annex.fr.md", "calendar.ar.ics"), so that English keeps its names."""
    return f"{stem}.{extension}" if code == "en" else f"{stem}.{code}.{extension}"


def uid_suffix(code: str) -> str:
    """What a calendar UID carries after its meeting's number in language ``code``: nothing in English, "-fr"."""
    return "" if code == "en" else f"-{code}"


def label(language: Language, number: int, letter: str | None) -> str:
    """An agenda item's label in ``language``: "2", "1 (a)", "1 a)", "1 (أ)"."""
    return language.sub_item(number, letter) if letter else str(number)


def cldr_weekday(code: str, date: dt.date) -> str:
    """The weekday's name in CLDR (through Babel), as a date heading starts with it: "Mardi", "星期二"."""
    from babel.dates import get_day_names

    name: str = get_day_names("wide", context="format", locale=code)[date.weekday()]
    return name[:1].upper() + name[1:]


def cldr_month(code: str, date: dt.date) -> str:
    """The month's name in CLDR's format form (the genitive in Russian: "сентября")."""
    from babel.dates import get_month_names

    name: str = get_month_names("wide", context="format", locale=code)[date.month]
    return name


def clock_range(span: Hours, one: Callable[[dt.time], str], joiner: str) -> str:
    """A range of hours from a language's form of one time: "10 heures–13 heures"."""
    return f"{one(span.start)}{joiner}{one(span.end)}"
