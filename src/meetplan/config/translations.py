"""The ``translations:`` section: the meeting's text in the other official languages, by language code.

Each language gives what its translation service wrote: the body's name, the venue and room, the titles of the
agenda items by their English label ("1", "1 (a)") and the days' notes by date. meetplan translates none of it;
which titles are missing is checked when a language's outputs are rendered (``translate.localize``), so that a
configuration can be checked and built in English while the translations come in.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from meetplan.config import convert
from meetplan.config.reader import Key, Reader, Section, Structure, entries
from meetplan.languages import CODES
from meetplan.model import Origin, Translation


def _titles(reader: Reader, value: Any, field: str, line: int | None) -> tuple[tuple[str, str], ...]:
    """Titles by the English label of the item ("2", "1 (a)"), each a label of the agenda."""
    labels = {entry.label for item in reader.context.agenda for entry in (item, *item.sub_items)}
    titles: list[tuple[str, str]] = []
    for label, title, title_line in entries(reader, value, field, line):
        written = " ".join(str(label).split())
        if written not in labels:
            reader.problem(title_line, f"{field}.{written}", f"the agenda has no item {written}: give titles by the items' labels, such as 2 or 1 (a)")
            continue
        try:
            titles.append((written, convert.text(title)))
        except ValueError as error:
            reader.problem(title_line, f"{field}.{written}", str(error))
    return tuple(titles)


def _notes(reader: Reader, value: Any, field: str, line: int | None) -> tuple[tuple[dt.date, str], ...]:
    """The days' notes by date, each a day of the session."""
    days = {day.date for day in reader.context.days}
    notes: list[tuple[dt.date, str]] = []
    for day, note, note_line in entries(reader, value, field, line):
        try:
            date, text = convert.date(day), convert.text(note)
        except ValueError as error:
            reader.problem(note_line, f"{field}.{day}", str(error))
            continue
        if date not in days:
            reader.problem(note_line, f"{field}.{day}", "is not a day of the session")
            continue
        notes.append((date, text))
    return tuple(notes)


_TITLES_SCHEMA: dict[str, Any] = {"type": "object", "additionalProperties": convert.TEXT_SCHEMA}
LANGUAGE = Section((
    Key(name="body", kind=convert.TEXT, doc="The body's name, as the translation service writes it."),
    Key(name="parent_body", kind=convert.TEXT, doc="The body it reports to, for the masthead of the list of participants."),
    Key(name="short_name", kind=convert.TEXT, doc="The body's short name for calendar titles."),
    Key(name="venue", kind=convert.TEXT, doc="The city."),
    Key(name="room", kind=convert.TEXT, doc="The meeting room (the English name when left out)."),
    Key(name="time_heading", kind=convert.TEXT, doc="The annex's first column heading, when not the language's default."),
    Key(name="agenda", kind=Structure(_titles, _TITLES_SCHEMA), doc="The agenda items' titles, by label: 1, 1 (a).", default=()),
    Key(name="notes", kind=Structure(_notes, _TITLES_SCHEMA), doc="The days' notes, by date (YYYY-MM-DD).", default=()),
), doc="The meeting's text in one language.")


def _translations(reader: Reader, value: Any, field: str, line: int | None) -> tuple[Translation, ...]:
    result: list[Translation] = []
    for code, text, code_line in entries(reader, value, field, line):
        where = f"{field}.{code}"
        if code not in CODES or code == "en":
            others = ", ".join(c for c in CODES if c != "en")
            reader.problem(code_line, where, f"unknown language; the other official languages are {others}")
            continue
        values = reader.section(text, LANGUAGE, where, code_line)
        if values is not None:
            result.append(Translation(language=str(code), body=values["body"], parent_body=values["parent_body"], short_name=values["short_name"],
                                      venue=values["venue"], room=values["room"], time_heading=values["time_heading"],
                                      titles=values["agenda"], notes=values["notes"],
                                      origin=Origin(file=reader.file, line=code_line, field=where)))
    return tuple(result)


TRANSLATIONS = Structure(_translations, {
    "type": "object", "propertyNames": {"enum": [c for c in CODES if c != "en"]}, "additionalProperties": LANGUAGE.schema(),
    "description": "The meeting's text in the other official languages, by code (fr, es, ru, zh, ar).",
})
