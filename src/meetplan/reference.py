"""Reference data: States with their UN Terminology short names, and the usual organizations.

The data ship with the package as data/states.csv, data/state_names.csv (the other names registration systems
export: CLDR's, as Indico writes them, ISO 3166's and UN formal names) and data/organizations.csv; data/SOURCES.md
names the source and licence of every column. Both files are parsed once, on first use, so that importing this module costs
nothing to a command that never looks a name up.
"""

from __future__ import annotations

import csv
import functools
import io
import pkgutil
import re
from collections.abc import Iterable
from typing import TypeVar

from msgspec import Struct

from meetplan.style import sort_key

# The six official languages in the UN's own order (alphabetical in English), by code and English name; the one
# declaration of them. State.names follows this order.
OFFICIAL_LANGUAGES = (("ar", "Arabic"), ("zh", "Chinese"), ("en", "English"), ("fr", "French"), ("ru", "Russian"),
                      ("es", "Spanish"))  # fmt: skip
LANGUAGES = tuple(code for code, _ in OFFICIAL_LANGUAGES)

# The five regional groups of States (General Assembly resolution 33/138), with the abbreviations secretariats
# write in lists of speakers; the one declaration of them.
REGIONAL_GROUPS = (
    ("African States", "AG"),
    ("Asia-Pacific States", "APG"),
    ("Eastern European States", "EEG"),
    ("Latin American and Caribbean States", "GRULAC"),
    ("Western European and other States", "WEOG"),
)
GROUPS = tuple(name for name, _ in REGIONAL_GROUPS)

KINDS = (
    "intergovernmental organization",
    "United Nations entity",
    "entity with a permanent observer office",
    "regional economic integration organization",
)


class State(Struct, frozen=True, kw_only=True):
    """A Member State or non-member observer State, named as UN Terminology names it."""

    name: str  # English short name: "Iran (Islamic Republic of)", "Türkiye"
    names: tuple[str, ...]  # the short names in the six official languages, in LANGUAGES order
    iso2: str
    iso3: str
    group: str | None  # one of GROUPS; None for the observer States
    time_zone: str  # IANA zone of the capital
    observer: bool  # a non-member observer State (Holy See, State of Palestine)

    def name_in(self, language: str) -> str:
        """The short name in an official language: "ar", "zh", "en", "fr", "ru" or "es"."""
        try:
            return self.names[LANGUAGES.index(language)]
        except ValueError:
            raise ValueError(f"unknown language {language!r}: expected one of {', '.join(LANGUAGES)}") from None


class Organization(Struct, frozen=True, kw_only=True):
    """An intergovernmental organization, United Nations entity or other entity that sends observers."""

    name: str  # as UN reports write it: "International Criminal Police Organization (INTERPOL)"
    kind: str  # one of KINDS
    time_zone: str  # IANA zone of the headquarters


def states() -> tuple[State, ...]:
    """All Member States and observer States, in the alphabetical order of their English short names."""
    return _states_and_aliases()[0]


def organizations() -> tuple[Organization, ...]:
    """The organizations known to meetplan, in the alphabetical order of their names."""
    return _organizations_and_aliases()[0]


def find_state(name: str) -> State | None:
    """The State of that short name or another form registration systems write ("Turkey", "Congo - Kinshasa",
    "St. Lucia", "Republic of Austria"), ignoring case, accents, "&" for "and" and "St." for "Saint"."""
    return _states_and_aliases()[1].get(_lookup_key(name))


def find_organization(name: str) -> Organization | None:
    """The organization of that name or acronym ("IOM", "Frontex"), also when written "Name (ACRONYM)"."""
    index = _organizations_and_aliases()[1]
    found = index.get(_lookup_key(name))
    if found is None and (parts := re.fullmatch(r"(.+?)\s*\(([^()]+)\)\s*", name)):
        # Documents often add the acronym after the name; either half may be the form we know.
        found = index.get(_lookup_key(parts[1])) or index.get(_lookup_key(parts[2]))
    return found


def suggest(name: str, n: int = 3) -> list[str]:
    """The known names (States and organizations) nearest to a name that was not found, best first."""
    import difflib  # here: only a name that was not found needs it, not every command's start

    query = _lookup_key(name)
    if not query:
        return []
    scores: dict[str, float] = {}
    for key, canonical in _suggestion_keys():
        if key == query:
            score = 1.0
        elif len(query) >= 3 and re.match(re.escape(query) + r"\b", key):
            # "Korea" is the start of "Korea (the Republic of)" and of the DPRK's ISO form: offer both.
            score = 0.9
        else:
            score = difflib.SequenceMatcher(None, query, key).ratio()
        scores[canonical] = max(score, scores.get(canonical, 0.0))
    ranked = sorted(scores.items(), key=lambda item: (-item[1], sort_key(item[0])))
    if not ranked or ranked[0][1] < _SUGGEST_CUTOFF:
        return []
    # Only names about as near as the best one: "Swizerland" should not also offer "Eswatini" (via "Swaziland").
    floor = max(_SUGGEST_CUTOFF, ranked[0][1] - _SUGGEST_MARGIN)
    return [canonical for canonical, score in ranked[:n] if score >= floor]


_SUGGEST_CUTOFF = 0.6  # difflib's own default for get_close_matches
_SUGGEST_MARGIN = 0.08


def _lookup_key(name: str) -> str:
    """A name folded for lookup: no case, accents, typographic apostrophes, extra spaces or leading "the";
    "&" read as "and", "St." and "St" as "Saint", "Congo - Kinshasa" as "Congo-Kinshasa" (CLDR's forms)."""
    folded = sort_key(name)
    if not folded.isascii():
        folded = folded.translate(_TYPOGRAPHIC)
    # Each rewrite only where it can apply: every registration's delegation is looked up (100,000 at a time).
    if "&" in folded:
        folded = folded.replace("&", " and ")
    if "st" in folded:
        folded = _SAINT.sub("saint ", folded)
    folded = " ".join(folded.split())
    if "-" in folded:
        folded = _AROUND_HYPHEN.sub("-", folded)
    return folded.removeprefix("the ")


_TYPOGRAPHIC = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"} | {chr(c): "-" for c in range(0x2010, 0x2016)})
_SAINT = re.compile(r"\bst\b\.?\s*")
_AROUND_HYPHEN = re.compile(r" ?- ?")


def package_data(name: str) -> bytes:
    """A file shipped inside the meetplan package ("data/states.csv"), read through the package's loader, so that it is
    found in a wheel or a zip as well as in the source tree.

    pkgutil rather than importlib.resources, whose import (tempfile, zipfile, shutil and their own imports) took
    6 ms of every command's start, against 1 ms.
    """
    data = pkgutil.get_data("meetplan", name)
    if data is None:  # a loader that cannot read files: no installation meetplan supports
        raise FileNotFoundError(name)
    return data


def _read(filename: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(package_data(f"data/{filename}").decode("utf-8"))))


def _exported_names() -> dict[str, list[str]]:
    """The other names of data/state_names.csv (written by scripts/extract_state_names.py), by ISO alpha-3 code."""
    names: dict[str, list[str]] = {}
    for row in _read("state_names.csv"):
        names.setdefault(row["iso3"], []).append(row["name"])
    return names


def _other_names(field: str) -> list[str]:
    # Semicolons, because other forms such as "Iran, Islamic Republic of" contain commas.
    return [part.strip() for part in field.split(";") if part.strip()]


_Entry = TypeVar("_Entry", State, Organization)


def _index(entries: Iterable[tuple[list[str], _Entry]], filename: str) -> dict[str, _Entry]:
    index: dict[str, _Entry] = {}
    for forms, value in entries:
        for form in forms:
            previous = index.setdefault(_lookup_key(form), value)
            if previous is not value:
                raise ValueError(f"{filename}: {form!r} names two entries")
    return index


@functools.cache
def _states_and_aliases() -> tuple[tuple[State, ...], dict[str, State], tuple[tuple[str, str], ...]]:
    rows = _read("states.csv")
    exported = _exported_names()
    entries: list[tuple[list[str], State]] = []
    for line, row in enumerate(rows, start=2):
        group = row["group"] or None
        if group is not None and group not in GROUPS:
            raise ValueError(f"states.csv:{line}: unknown regional group {group!r}")
        if row["observer"] not in ("true", "false"):
            raise ValueError(f"states.csv:{line}: observer must be true or false, not {row['observer']!r}")
        names = tuple(row[f"name_{language}"] for language in LANGUAGES)
        if not all(names):
            raise ValueError(f"states.csv:{line}: a short name is missing")
        state = State(
            name=row["name_en"],
            names=names,
            iso2=row["iso2"],
            iso3=row["iso3"],
            group=group,
            time_zone=row["time_zone"],
            observer=row["observer"] == "true",
        )
        entries.append(([state.name, *_other_names(row["other_names"]), *exported.pop(state.iso3, [])], state))
    if exported:
        raise ValueError(f"state_names.csv: no State has the code {sorted(exported)[0]!r}")
    index = _index(entries, "states.csv")
    ordered = tuple(sorted((state for _, state in entries), key=lambda state: sort_key(state.name)))
    keys = tuple((key, value.name) for key, value in index.items())
    return ordered, index, keys


@functools.cache
def _organizations_and_aliases() -> tuple[
    tuple[Organization, ...], dict[str, Organization], tuple[tuple[str, str], ...]
]:
    rows = _read("organizations.csv")
    entries: list[tuple[list[str], Organization]] = []
    for line, row in enumerate(rows, start=2):
        if row["kind"] not in KINDS:
            raise ValueError(f"organizations.csv:{line}: unknown kind {row['kind']!r}")
        organization = Organization(name=row["name"], kind=row["kind"], time_zone=row["time_zone"])
        entries.append(([organization.name, *_other_names(row["other_names"])], organization))
    index = _index(entries, "organizations.csv")
    ordered = tuple(sorted((entry for _, entry in entries), key=lambda entry: sort_key(entry.name)))
    keys = tuple((key, value.name) for key, value in index.items())
    return ordered, index, keys


def _suggestion_keys() -> tuple[tuple[str, str], ...]:
    """Every known form, folded, with the canonical name it stands for."""
    return _states_and_aliases()[2] + _organizations_and_aliases()[2]
