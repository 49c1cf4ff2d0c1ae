"""Converters shared by the sections: each returns a value or raises ValueError with the message a user reads.

Each comes twice: the function (for the reading of data files and for callers that convert one value), and a
``Kind`` pairing it with the JSON Schema of what it accepts, for the sections' key declarations.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import pkgutil
import re
import sys
import unicodedata
import zoneinfo
from collections.abc import Iterable
from enum import StrEnum
from fractions import Fraction
from typing import Any, TypeVar

from meetplan.config.reader import Kind, kind_of
from meetplan.model import Format, ItemKind, Term

# Characters XML 1.0 cannot hold, which YAML escapes such as "\a" or "\ud800" produce: a control character
# becomes a space (as the calendar shows it); a lone surrogate or a noncharacter is no text at all.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NOT_TEXT = re.compile("[\ud800-\udfff\ufffe\uffff]")
_HTTPS = re.compile(r"^https://[^\s<>\"]+$")

# A ZIP entry's date (every Word and Excel file is a ZIP) is a year from 1980 to 2107: a later date cannot be
# written into the documents, and the calendars' time zone rules end before year 10000.
LAST_YEAR = 2107
# A session of a year, with three plenary meetings a day, holds fewer; larger numbers make lists (the meetings
# held, the dates missing) that no document prints.
MAX_PLENARIES = 2_000
# Zone files that are no place: the machine's own zone, a template, a placeholder and the legacy trees.
_NOT_PLACES = ("localtime", "posixrules", "Factory")
_NOT_PLACE_TREES = ("posix/", "right/")


def text(value: Any) -> str:
    """Text on which a document can be built: str (or a number written as text); str; ValueError when empty."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f"must be text, not {kind_of(value)}")
    result = _CONTROL.sub(" ", str(value)).strip()
    if not result:
        raise ValueError("must not be empty")
    bad = _NOT_TEXT.search(result)
    if bad:
        raise ValueError(f"contains the character U+{ord(bad.group()):04X}, which no document can hold; remove it")
    if not any(_visible(character) for character in result):
        # Zero-width and format characters pass strip() yet print nothing: a blank row, an empty heading.
        shown = ", ".join(f"U+{ord(c):04X}" for c in list(dict.fromkeys(result))[:5])
        raise ValueError(f"has no visible character, only spaces or invisible characters ({shown}); write the text")
    return result


# Letters that print as blank space: Hangul fillers, the Braille blank.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _visible(character: str) -> bool:
    """A letter, digit, punctuation mark or symbol that prints; spaces, marks alone and format characters do not."""
    return unicodedata.category(character)[0] in "LNPS" and character not in _BLANK_LETTERS


def file_name(value: Any) -> str:
    """A data file's name (relative to the configuration) that this system can name: under the C locale with
    UTF-8 mode off, file names are ASCII, and "inscripción.csv" would end in a UnicodeEncodeError."""
    name = text(value)
    try:
        os.fsencode(name)
    except UnicodeEncodeError:
        encoding = sys.getfilesystemencoding()
        raise ValueError(f"the file name {name!r} cannot be used with this system's file-name encoding ({encoding}); "
                         "run with a UTF-8 locale or PYTHONUTF8=1") from None
    return name


def one_line(value: Any) -> str:
    """Text with its runs of white space (line breaks included) made one space."""
    return " ".join(text(value).split())


def plenary_number(value: Any) -> int:
    """A plenary meeting's number, 1 to MAX_PLENARIES."""
    number = positive_int(value)
    if number > MAX_PLENARIES:
        raise ValueError(f"{number:,} plenary meetings is more than a session holds; at most {MAX_PLENARIES:,}")
    return number


def plenary_numbers(value: Any) -> list[int]:
    """A plenary meeting's number or a list of them."""
    return [plenary_number(n) for n in (value if isinstance(value, list) else [value])]


def positive_int(value: Any) -> int:
    """A whole number, 1 or more."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"must be a whole number, not {kind_of(value)}")
    if value < 1:
        raise ValueError(f"must be 1 or more, not {value}")
    return value


def non_negative_int(value: Any) -> int:
    """A whole number, 0 or more."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"must be a whole number, 0 or more, not {kind_of(value)}")
    return value


def boolean(value: Any) -> bool:
    """true or false."""
    if not isinstance(value, bool):
        raise ValueError(f"must be true or false, not {kind_of(value)}")
    return value


def date(value: Any) -> dt.date:
    """A calendar date from a YAML date or "YYYY-MM-DD" text, up to the end of 2107."""
    if isinstance(value, dt.datetime):
        raise ValueError(f"must be a date such as 2020-09-08, without a time, not {value}")
    if isinstance(value, dt.date):
        return _in_range(value)
    if isinstance(value, str):
        try:
            parsed = dt.date.fromisoformat(value.strip())
        except ValueError as error:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
                raise ValueError(f"{value.strip()} is not a date in the calendar ({error})") from None
        else:
            return _in_range(parsed)
    raise ValueError(f"must be a date written YYYY-MM-DD, such as 2020-09-08, not {kind_of(value)}")


def _in_range(day: dt.date) -> dt.date:
    if day.year > LAST_YEAR:
        raise ValueError(f"{day} is after {LAST_YEAR}, the last date a Word or Excel file can carry")
    return day


def share(value: Any) -> Fraction:
    """A number of plenary meetings such as 1.5 or "3/2", 0 or more, as a Fraction."""
    wrong = f"must be a number of plenary meetings such as 1.5, not {value!r}"
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"must be a number of plenary meetings such as 1.5, not {kind_of(value)}")
    written = str(value).strip()
    # "1e-100000000" is a valid Fraction that takes minutes to build: refuse such writing before it is parsed.
    if len(written) > 20 or "e" in written.lower():
        raise ValueError(f"must be a number of plenary meetings such as 1.5 or 1/3, not {written!r}")
    try:
        result = Fraction(written)
    except (ValueError, ZeroDivisionError):
        raise ValueError(wrong) from None
    if result < 0:
        raise ValueError(f"must not be negative, not {value}")
    if result > MAX_PLENARIES:
        raise ValueError(f"{value} plenary meetings is more than a session holds; at most {MAX_PLENARIES:,}")
    return result


def _places(names: Iterable[str]) -> frozenset[str]:
    return frozenset(n for n in names if n not in _NOT_PLACES and not n.startswith(_NOT_PLACE_TREES))


@functools.cache
def _zones() -> frozenset[str]:
    """Every zone this machine knows: zoneinfo walks the system's zoneinfo folders (about 1,800 files, 40 ms)."""
    return _places(zoneinfo.available_timezones())


@functools.cache
def _listed_zones() -> frozenset[str]:
    """The zones the tzdata package lists, in one small file: what zoneinfo.available_timezones() starts from,
    read in well under a millisecond. Empty without tzdata."""
    try:
        listed = pkgutil.get_data("tzdata", "zones")
    except (ImportError, OSError):
        return frozenset()
    return _places((listed or b"").decode().split())


def time_zone(value: Any) -> str:
    """An IANA time zone name (Europe/Vienna); the machine's own zone and the legacy trees are refused."""
    name = text(value)
    if name in _listed_zones() or name in _zones():  # the whole walk only for a zone tzdata does not list
        return name
    not_a_place = f"{name!r} is not an IANA time zone name (use the venue's, such as Europe/Vienna)"
    if name in _NOT_PLACES or name.startswith(_NOT_PLACE_TREES):
        raise ValueError(not_a_place)  # the same message whether or not this machine has the file
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        import difflib  # here: only a problem needs it, not every command's start

        close = difflib.get_close_matches(name, sorted(_zones()), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise ValueError(f"unknown time zone {name!r} (use an IANA name such as Europe/Vienna){hint}") from None
    # A file zoneinfo reads that the database does not list as a zone: its times would follow this machine.
    raise ValueError(not_a_place)


E = TypeVar("E", bound=StrEnum)


def one_of(options: type[E], *, spaced: bool = False) -> Kind[E]:
    """A value of an enumeration, written as its value in any case ("Hybrid"); with ``spaced``, "_" and "-" read as
    spaces ("in_person"). The schema lists the values."""

    def convert(value: Any) -> E:
        name = text(value).lower()
        if spaced:
            name = name.replace("_", " ").replace("-", " ")
        for option in options:
            if name == option.value:
                return option
        raise ValueError(f"must be one of: {', '.join(option.value for option in options)}; not {value!r}")

    return Kind(convert, {"enum": [option.value for option in options]})


def https_url(value: Any) -> str:
    """An https:// address without spaces."""
    url = text(value)
    if not _HTTPS.match(url):
        raise ValueError(f"must be an https:// address without spaces, not {url!r}")
    return url


def documents(value: Any) -> tuple[str, ...]:
    """A document symbol or a list of them."""
    values = value if isinstance(value, list) else [value]
    return tuple(text(entry) for entry in values)


def numbers(value: Any) -> list[int]:
    """A whole number or a list of them, each 1 or more."""
    return [positive_int(n) for n in (value if isinstance(value, list) else [value])]


# --- the same, with the JSON Schema of what each accepts -------------------------------------------------------

TEXT_SCHEMA: dict[str, Any] = {"type": ["string", "number"]}
DATE_SCHEMA: dict[str, Any] = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

TEXT = Kind(text, TEXT_SCHEMA)
FILE_NAME = Kind(file_name, {"type": "string"})
POSITIVE_INT = Kind(positive_int, {"type": "integer", "minimum": 1})
NON_NEGATIVE_INT = Kind(non_negative_int, {"type": "integer", "minimum": 0})
BOOLEAN = Kind(boolean, {"type": "boolean"})
DATE = Kind(date, DATE_SCHEMA)
SHARE = Kind(share, {"type": ["number", "string"], "minimum": 0})
TIME_ZONE = Kind(time_zone, {"type": "string", "examples": ["Europe/Vienna", "America/New_York"]})
FORMAT = one_of(Format, spaced=True)  # in person, hybrid or online
TERM = one_of(Term)  # session or meeting
ITEM_KIND = one_of(ItemKind)  # organizational, substantive or closing
HTTPS_URL = Kind(https_url, {"type": "string", "pattern": "^https://"})
DOCUMENTS = Kind(documents, {"anyOf": [TEXT_SCHEMA, {"type": "array", "items": TEXT_SCHEMA}]})
NUMBERS_SCHEMA: dict[str, Any] = {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "array", "items": {"type": "integer", "minimum": 1}}]}
PLENARY_NUMBER = Kind(plenary_number, {"type": "integer", "minimum": 1, "maximum": MAX_PLENARIES})
PLENARY_NUMBERS_SCHEMA: dict[str, Any] = {"anyOf": [PLENARY_NUMBER.schema, {"type": "array", "items": PLENARY_NUMBER.schema}]}
