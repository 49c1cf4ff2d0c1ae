"""Write src/meetplan/data/state_names.csv: the names registration systems export for each State.

Run it in a throwaway environment that has the three sources (none is a run-time dependency of meetplan):

    python3 -m venv /tmp/names && /tmp/names/bin/pip install Babel==2.18.0 pycountry==26.2.16 \
        hdx-python-country==4.2.5 --no-deps
    /tmp/names/bin/python scripts/extract_state_names.py

Sources, one per value of the ``source`` column (data/SOURCES.md says more):

- ``cldr``: the English territory names of CLDR as Babel ships them, from every English locale written in the
  Latin script ("Congo - Kinshasa", "St. Lucia", "St Lucia", "Bosnia & Herzegovina"). Indico writes exactly
  these (indico/util/countries.py: ``locale.territories``), as does every export built on CLDR.
- ``cldr-alt``: CLDR's ``alt="variant"`` and ``alt="short"`` English forms, which Babel leaves out of its data
  (Babel keeps one name per territory); copied from CLDR's common/main/en.xml.
- ``iso``: ISO 3166-1 names from pycountry (Debian's iso-codes): the name, the official name and the common
  name ("Bolivia, Plurinational State of", "Republic of Austria").
- ``un-formal``: UN Terminology's formal names ("the Republic of Austria") from OCHA's Countries & Territories
  Taxonomy in hdx-python-country, the file that data/states.csv was taken from.

Only the 195 States of data/states.csv are looked up, by their ISO codes; a name that is already the State's
short name or one of its other_names in states.csv is not repeated.
"""

from __future__ import annotations

import csv
import io
from importlib import resources
from pathlib import Path

import pycountry
from babel import Locale, localedata

DATA = Path(__file__).resolve().parents[1] / "src" / "meetplan" / "data"

# CLDR common/main/en.xml, <territory type="..." alt="variant"> and alt="short", for the States only.
CLDR_ALT = {
    "CD": ["Congo (DRC)"],
    "CG": ["Congo (Republic)"],
    "CI": ["Ivory Coast"],
    "CV": ["Cabo Verde"],
    "CZ": ["Czech Republic"],
    "GB": ["UK"],
    "MM": ["Myanmar"],
    "PS": ["Palestine"],
    "SZ": ["Swaziland"],
    "TL": ["East Timor"],
    "TR": ["Turkey"],
    "US": ["US"],
}


def english_locales() -> list[str]:
    """English locales in the Latin script (en_Dsrt and en_Shaw write English in other alphabets)."""
    found = []
    for identifier in localedata.locale_identifiers():
        if identifier == "en" or identifier.startswith("en_"):
            locale = Locale.parse(identifier)
            if locale.script in (None, "Latn"):
                found.append(identifier)
    return sorted(found)


def taxonomy_formal_names() -> dict[str, str]:
    name = "Countries & Territories Taxonomy MVP - C&T Taxonomy.csv"
    text = (resources.files("hdx.location") / name).read_text(encoding="utf-8")
    return {row["ISO 3166-1 Alpha 3-Codes"]: row["English Formal"].strip() for row in csv.DictReader(io.StringIO(text))}


def main() -> None:
    with (DATA / "states.csv").open(encoding="utf-8", newline="") as handle:
        states = list(csv.DictReader(handle))
    locales = [Locale.parse(identifier) for identifier in english_locales()]
    formal = taxonomy_formal_names()
    rows: set[tuple[str, str, str]] = set()
    for state in states:
        known = {state["name_en"], *(part.strip() for part in state["other_names"].split(";"))}
        candidates: list[tuple[str, str]] = []
        for locale in locales:
            if state["iso2"] in locale.territories:
                candidates.append((locale.territories[state["iso2"]], "cldr"))
        candidates += [(name, "cldr-alt") for name in CLDR_ALT.get(state["iso2"], [])]
        country = pycountry.countries.get(alpha_3=state["iso3"])
        if country is None:
            raise SystemExit(f"pycountry has no {state['iso3']}")
        for attribute in ("name", "official_name", "common_name"):
            if getattr(country, attribute, None):
                candidates.append((getattr(country, attribute), "iso"))
        if not formal.get(state["iso3"]):
            raise SystemExit(f"the taxonomy has no formal name for {state['iso3']}")
        candidates.append((formal[state["iso3"]], "un-formal"))
        for name, source in candidates:
            if name and name not in known:
                rows.add((state["iso3"], name, source))
    with (DATA / "state_names.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["iso3", "name", "source"])
        # One row per name; a name that two sources give is kept once, under the first source in this order.
        order = {"cldr": 0, "cldr-alt": 1, "iso": 2, "un-formal": 3}
        seen: set[tuple[str, str]] = set()
        for iso3, name, source in sorted(rows, key=lambda row: (row[0], order[row[2]], row[1])):
            if (iso3, name) not in seen:
                seen.add((iso3, name))
                writer.writerow([iso3, name, source])
    print(f"{len(seen)} names for {len(states)} States from {len(locales)} English locales")


if __name__ == "__main__":
    main()
