"""The ``speakers:`` section, and the inscriptions file it names (the only reader of that file).

Inscriptions come inline (``speakers.items``) or from a CSV or XLSX file (``speakers.file``, one row per
speaker); both go through ``_inscription``, so a value means the same wherever it is written. Each problem
names the YAML key and line, or the file, row and column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

from msgspec.structs import replace

from meetplan import fieldtext, reference, tables
from meetplan.config import convert
from meetplan.config.delegations import REGIONAL_GROUPS, Speaking
from meetplan.config.participants import ATTENDANCE_WORDS
from meetplan.config.reader import Key, Kind, Reader, Section, Structure, entries, kind_of, lines_of, list_entries
from meetplan.errors import ConfigError, Problem
from meetplan.model import (
    AgendaItem,
    Attendance,
    Format,
    Inscription,
    Level,
    Meeting,
    Origin,
    SpeakerClass,
    SpeakerPlan,
)
from meetplan.style import join_list, sort_key
from meetplan.yamlsource import LineDict, LineList

# Our convention, from the practice DOMAIN.md cites: 7 minutes on behalf of a group and 5 for a State (CND),
# 5 for a panellist and 3 for other interventions, here the observer organizations (CCPCJ 2021).
DEFAULT_LIMITS: dict[SpeakerClass, Fraction] = {
    SpeakerClass.PANELLISTS: Fraction(5),
    SpeakerClass.GROUPS: Fraction(7),
    SpeakerClass.PARTIES: Fraction(5),
    SpeakerClass.SIGNATORIES: Fraction(5),
    SpeakerClass.NON_PARTIES: Fraction(5),
    SpeakerClass.ORGANIZATIONS: Fraction(3),
    SpeakerClass.PERMANENT_OBSERVERS: Fraction(3),
    SpeakerClass.NGOS: Fraction(3),
}
MAX_MINUTES = 600  # ten hours: more is a typing slip, not a statement

LANGUAGES = tuple(name for _, name in reference.OFFICIAL_LANGUAGES)
_LANGUAGE_CODES = dict(reference.OFFICIAL_LANGUAGES)

# The abbreviations secretariats write in lists of speakers.
_GROUP_ABBREVIATIONS = {abbreviation.casefold(): name for name, abbreviation in reference.REGIONAL_GROUPS}

# The columns of an inscriptions file, by field; headings are matched ignoring case, spaces and underscores.
FILE_COLUMNS: dict[str, tuple[str, ...]] = {
    "item": ("item", "agenda item"),
    "kind": ("kind", "type"),
    "name": ("name", "speaker"),
    "title": ("title", "function", "position"),
    "delegation": ("delegation",),
    "on_behalf_of": ("on behalf of",),
    "mode": ("mode", "participation"),
    "language": ("language",),
    "minutes": ("minutes", "limit"),
    "inscribed": ("inscribed", "time of inscription", "inscription"),
    "level": ("level", "level of representation"),
    "written": ("written", "in writing"),
    "reply": ("reply", "right of reply"),
    "text": ("text", "statement text", "text file"),
}
MAX_TEXT_BYTES = 5_000_000  # a statement is a few pages; a larger file is not one
MAX_FILE_BYTES = 20_000_000  # 10,000 inscriptions take 1 MB
MAX_ROW_PROBLEMS = 50


# --- converters: each returns a value or raises ValueError with the message a user reads -----------------------


def minutes(value: Any) -> Fraction:
    """A speaking time in minutes, such as 5 or 7.5: more than 0, at most 600, whole seconds."""
    wrong = f"must be a number of minutes such as 5 or 7.5, not {value!r}"
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(wrong)
    try:
        result = Fraction(str(value).strip())
    except (ValueError, ZeroDivisionError):
        raise ValueError(wrong) from None
    if result <= 0:
        raise ValueError(f"must be more than 0 minutes, not {value}")
    if result > MAX_MINUTES:
        raise ValueError(f"{value} minutes is more than a plenary meeting; at most {MAX_MINUTES}")
    if (result * 60).denominator != 1:
        raise ValueError(f"must be whole seconds, such as 5 or 7.5 minutes, not {value}")
    return result


def language(value: Any) -> str:
    """One of the six official languages, by name or code ("fr")."""
    name = convert.one_line(value)
    folded = name.casefold()
    for option in LANGUAGES:
        if folded == option.casefold():
            return option
    if folded in _LANGUAGE_CODES:
        return _LANGUAGE_CODES[folded]
    raise ValueError(f"must be one of the six official languages ({join_list(LANGUAGES)}), not {name!r}")


def mode(value: Any) -> Attendance:
    """In person or online, in the words registration forms use."""
    word = convert.one_line(value)
    found = ATTENDANCE_WORDS.get(word.casefold())
    if found is None:
        raise ValueError(f"must be \"in person\" or \"online\", not {word!r}")
    return found


def on_behalf_of(value: Any) -> str:
    """A regional group as the report writes it ("Group of African States"); any other group as written."""
    name = convert.one_line(value)
    bare = re.sub(r"^(the\s+)?(group\s+of\s+(the\s+)?)?", "", name, flags=re.IGNORECASE)
    group = _GROUP_ABBREVIATIONS.get(bare.casefold())
    for candidate in REGIONAL_GROUPS:
        if sort_key(bare) in (sort_key(candidate), sort_key(candidate.removesuffix(" States"))):
            group = candidate
    return f"Group of {group}" if group else name


def inscribed(value: Any) -> dt.datetime:
    """When the floor was asked for: "2020-09-01 10:15" (local time of the meeting), or a date."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(0, 0))
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip()).replace(tzinfo=None)
        except ValueError:
            pass
    raise ValueError(f"must be a date and time such as 2020-09-01 10:15, not {value!r}")


_LEVELS = {
    "head of state or government": Level.HEAD, "head of state": Level.HEAD, "head of government": Level.HEAD,
    "minister": Level.MINISTER, "other": Level.OTHER,
}


def level(value: Any) -> Level:
    """The level of representation: "head of State or Government" (or "head of State", "head of Government"),
    "minister" or "other", in any case."""
    word = " ".join(str(value).split()).casefold() if isinstance(value, str) else None
    if word in _LEVELS:
        return _LEVELS[word]
    raise ValueError(f"must be \"head of State or Government\", \"minister\" or \"other\", not {value!r}")


def written(value: Any) -> bool:
    """Whether a statement is delivered in writing only: true or false (in a file also yes, no or empty)."""
    if isinstance(value, bool):
        return value
    word = str(value).strip().casefold()
    if word in ("true", "yes"):
        return True
    if word in ("false", "no"):
        return False
    raise ValueError(f"must be true or false, not {value!r}")


def reply(value: Any) -> int:
    """A right of reply: 1 or "first", 2 or "second"."""
    word = str(value).strip().casefold() if isinstance(value, int | str) and not isinstance(value, bool) else None
    found = {"1": 1, "first": 1, "2": 2, "second": 2}.get(word or "")
    if found is None:
        raise ValueError(f"must be 1 (first) or 2 (second), not {value!r}")
    return found


def order(value: Any) -> tuple[SpeakerClass, ...]:
    """The kinds of speaker in the order the Chair calls them; the kinds left out follow in the default order."""
    if not isinstance(value, list) or not value:
        raise ValueError(f"must be a list of kinds of speaker, such as [{', '.join(c.value for c in SpeakerClass)}]")
    given: list[SpeakerClass] = []
    for entry in value:
        name = convert.one_line(entry)
        try:
            kind = SpeakerClass(name)
        except ValueError:
            raise ValueError(f"unknown kind of speaker {name!r}; one of: {', '.join(c.value for c in SpeakerClass)}") from None
        if kind in given:
            raise ValueError(f"{name} is listed twice")
        given.append(kind)
    return (*given, *(kind for kind in SpeakerClass if kind not in given))


_MINUTES_SCHEMA: dict[str, Any] = {"type": ["number", "string"], "exclusiveMinimum": 0, "maximum": MAX_MINUTES}
MINUTES = Kind(minutes, _MINUTES_SCHEMA)
LANGUAGE = Kind(language, {"type": "string", "examples": list(LANGUAGES)})
MODE = Kind(mode, {"type": "string", "examples": ["in person", "online"]})
ON_BEHALF_OF = Kind(on_behalf_of, {**convert.TEXT_SCHEMA, "examples": [f"Group of {g}" for g in REGIONAL_GROUPS]})
INSCRIBED = Kind(inscribed, {"type": "string", "examples": ["2020-09-01 10:15"]})
LEVEL = Kind(level, {"type": "string", "examples": [lv.value for lv in Level]})
WRITTEN = Kind(written, {"type": "boolean"})
REPLY = Kind(reply, {"anyOf": [{"enum": [1, 2]}, {"enum": ["first", "second"]}]})
DELEGATION = Kind(convert.one_line, {**convert.TEXT_SCHEMA, "description": "A delegation of the delegations: section."})


# --- one inscription, from a YAML mapping or a file row --------------------------------------------------------------

_PERSON = (
    Key(name="title", kind=convert.TEXT, doc="The speaker's function."),
    Key(name="on_behalf_of", kind=ON_BEHALF_OF, doc="The group spoken for, such as Group of African States."),
    Key(name="mode", kind=MODE, doc="in person or online (by default as the meeting's format)."),
    Key(name="language", kind=LANGUAGE, doc="One of the six official languages."),
    Key(name="minutes", kind=MINUTES, doc="The speaking time, when not the limit of its kind."),
)
PANELLIST = Section((
    Key(name="name", kind=convert.TEXT, doc="The panellist's name.", required=True),
    _PERSON[0],
    Key(name="delegation", kind=DELEGATION, doc="The delegation the panellist belongs to, if any."),
    *_PERSON[1:],
), doc="A panellist, in the order called.")
STATEMENT = Section((
    Key(name="delegation", kind=DELEGATION, doc="The delegation that makes the statement.", required=True),
    Key(name="speaker", kind=convert.TEXT, doc="Who speaks for it, when known."),
    *_PERSON,
    Key(name="inscribed", kind=INSCRIBED, doc="When the floor was asked for, YYYY-MM-DD HH:MM local time."),
    Key(name="level", kind=LEVEL, doc="The level of representation: head of State or Government, minister or other (default)."),
    Key(name="written", kind=WRITTEN, doc="true: delivered in writing only, listed without time (default false)."),
    Key(name="reply", kind=REPLY, doc="A right of reply, 1 (first) or 2 (second): heard at the end of the day's last plenary meeting."),
    Key(name="text", kind=convert.FILE_NAME, doc="The statement's text, a .txt or .docx file relative to this one: its length is checked, and it goes into the interpreters' pack."),
), doc="A statement: a delegation's name alone, or a mapping.")
Report = Callable[[str, str], None]  # (field key, message)


def _inscription(values: dict[str, Any], *, panellist: bool, item: str, default_mode: Attendance, delegations: Speaking,
                 report: Report, origin: Origin) -> Inscription | None:
    ok = True

    def take(key: str, convert_: Callable[[Any], Any]) -> Any:
        nonlocal ok
        value = values.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return convert_(value)
        except ValueError as error:
            report(key, str(error))
            ok = False
            return None

    name = take("name", convert.one_line)
    delegation = take("delegation", delegations.find)
    # Names and functions are published (running order, calendars): an e-mail address or telephone number typed
    # into one stops the build.
    for key in ("name", "speaker", "title"):
        found = fieldtext.contact_details(values[key]) if isinstance(values.get(key), str) else None
        if found is not None:
            report(key, found)
            ok = False
    if panellist and name is None and ok:
        report("name", "missing: a panellist is named")
        ok = False
    if not panellist and delegation is None and ok:
        report("delegation", "missing: which delegation makes the statement")
        ok = False
    result = Inscription(
        item=item, panellist=panellist, name=name, title=_function(take("title", convert.one_line)), delegation=delegation,
        on_behalf_of=take("on_behalf_of", on_behalf_of), mode=take("mode", mode) or default_mode,
        language=take("language", language), minutes=take("minutes", minutes),
        inscribed=None if panellist else take("inscribed", inscribed), origin=origin,
        level=(None if panellist else take("level", level)) or Level.OTHER,
        written=False if panellist else bool(take("written", written)),
        reply=0 if panellist else (take("reply", reply) or 0),
        text_file=take("text", convert.file_name),
    )
    return result if ok else None


def _function(title: str | None) -> str | None:
    """The speaker's function: a courtesy title alone ("Ms", "Dr.") is none, and is not printed as one."""
    return None if title is not None and fieldtext.is_courtesy_title(title) else title


def _default_mode(fmt: Format) -> Attendance:
    # A hybrid meeting's speakers are in the room unless the inscription says online.
    return Attendance.ONLINE if fmt is Format.ONLINE else Attendance.IN_PERSON


# --- agenda items ------------------------------------------------------------------------------------------------------

_LABEL = re.compile(r"^\s*(\d+)\s*(?:\(?\s*([A-Za-z])\s*\)?)?\s*$")


class Items:
    """Finds the agenda entry a label names: "2", "1 (b)", "1(b)" or "1b"."""

    def __init__(self, agenda: tuple[AgendaItem, ...]) -> None:
        self.agenda = agenda
        self.labels = {entry.label: entry for item in agenda for entry in (item, *item.sub_items)}

    def find(self, value: Any) -> str:
        """The entry's label, or ValueError explaining why there is none."""
        raw = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else None
        match = _LABEL.match(raw) if raw else None
        label = (f"{match[1]} ({match[2].lower()})" if match[2] else match[1]) if match else raw
        entry = self.labels.get(label or "")
        if entry is None:
            known = ", ".join(e.label for e in (s for i in self.agenda for s in (i.sub_items or (i,))))
            raise ValueError(f"unknown agenda item {raw or value!r}; the agenda's items are {known}")
        if entry.sub_items:
            labels = [sub.label for sub in entry.sub_items]
            raise ValueError(f"item {entry.label} has sub-items: inscribe speakers under {', '.join(labels[:-1])} or {labels[-1]}")
        return entry.label



# --- the speakers: section --------------------------------------------------------------------------------------------


def _shorthand(name: str | int, line: int) -> LineDict:
    mapping = LineDict({"delegation": name})
    mapping.line, mapping.key_lines = line, {"delegation": line}
    return mapping


def _yaml_inscription(reader: Reader, raw: Any, field: str, line: int, label: str, panellist: bool, lookup: Speaking) -> Inscription | None:
    if not panellist and isinstance(raw, str | int) and not isinstance(raw, bool):
        raw = _shorthand(raw, line)  # a statement by a delegation's name alone
    entry = reader.mapping(raw, field, line)
    if entry is None:
        return None
    reader.known_keys(entry, (PANELLIST if panellist else STATEMENT).names, field)
    values = {("name" if k == "speaker" else k): v for k, v in entry.items()}

    def report(key: str, message: str) -> None:
        yaml_key = "speaker" if key == "name" and "speaker" in entry else key
        reader.problem(entry.key_lines.get(yaml_key, entry.line), f"{field}.{yaml_key}", message)

    context = reader.context
    return _inscription(values, panellist=panellist, item=label, default_mode=_default_mode(context.format),
                        delegations=lookup, report=report, origin=Origin(file=reader.file, line=line, field=field))


def _items(reader: Reader, value: Any, field: str, line: int | None) -> tuple[Inscription, ...]:
    items, lookup = Items(reader.context.agenda), Speaking(reader.context.delegations)
    inscriptions: list[Inscription] = []
    for key, entry, key_line in entries(reader, value, field, line):
        item_field = f"{field}.{key}"
        try:
            label = items.find(key)
        except ValueError as error:
            reader.problem(key_line, item_field, str(error))
            continue
        mapping = reader.mapping(entry, item_field, key_line)
        if mapping is None:
            continue
        reader.known_keys(mapping, ITEM.names, item_field)
        for list_key, panellist in (("panellists", True), ("statements", False)):
            for index, raw, raw_line in list_entries(reader, mapping, list_key, f"{item_field}.{list_key}"):
                found = _yaml_inscription(reader, raw, f"{item_field}.{list_key}[{index}]", raw_line, label, panellist, lookup)
                if found is not None:
                    inscriptions.append(found)
    return tuple(inscriptions)


def _fit_limits(reader: Reader, value: Any, field: str, line: int | None) -> tuple[bool, tuple[str, ...]]:
    """speakers.fit_limits: (True, ()) for every item, (False, labels) for the items listed, each checked against
    the agenda as an inscription's item is."""
    if isinstance(value, bool):
        return value, ()
    if not isinstance(value, LineList):
        reader.problem(line, field, f"must be true, false or a list of agenda items such as [3, \"1 (b)\"], not {kind_of(value)}")
        return False, ()
    items, labels = Items(reader.context.agenda), []
    for index, entry, entry_line in lines_of(value):
        try:
            labels.append(items.find(entry))
        except ValueError as error:
            reader.problem(entry_line, f"{field}[{index}]", str(error))
    return False, tuple(dict.fromkeys(labels))


ITEM = Section((
    Key(name="panellists", kind=Structure(lambda *_: None, {"type": "array", "items": PANELLIST.schema()}), doc="The panellists, in the order called."),
    Key(name="statements", kind=Structure(lambda *_: None, {"type": "array", "items": {"anyOf": [convert.TEXT_SCHEMA, STATEMENT.schema()]}}),
        doc="The statements, in the order inscribed."),
), doc="An agenda item's speakers.")
LIMITS = Section(tuple(
    Key(name=kind.value, kind=MINUTES, doc=f"Minutes for each of the {kind.value.replace('_', ' ')} (default {DEFAULT_LIMITS[kind]}).")
    for kind in SpeakerClass
), doc="The speaking time of each kind of speaker, in minutes.")
REPLIES = Section((
    Key(name="first", kind=MINUTES, doc="Minutes of a first right of reply (default 10)."),
    Key(name="second", kind=MINUTES, doc="Minutes of a second right of reply (default 5)."),
), doc="The limits of rights of reply, in minutes.")
SPEAKERS = Section((
    Key(name="order", kind=Kind(order, {"type": "array", "items": {"enum": [c.value for c in SpeakerClass]}}),
        doc="The kinds of speaker in the order the Chair calls them.", default=tuple(SpeakerClass)),
    Key(name="limits", kind=LIMITS, doc="Speaking times by kind of speaker, in minutes."),
    Key(name="size_shares", kind=convert.BOOLEAN, doc="Whether the inscriptions size the substantive items' shares.", default=False),
    Key(name="opening_minutes", kind=MINUTES, default=Fraction(10),
        doc="Minutes for each agenda entry with no time of its own (the opening, the adoption of the agenda) at the start "
            "of its plenary meeting, before the first speaker (default 10)."),
    Key(name="fit_limits", kind=Structure(_fit_limits, {"anyOf": [
            {"type": "boolean"}, {"type": "array", "items": {"type": ["integer", "string"]}}]}),
        doc="true: cut the limits of every item whose speakers do not fit its time, keeping their ratios; or the items "
            "whose limits to cut ([3, \"1 (b)\"]). Default false.", default=(False, ())),
    Key(name="fit_floor", kind=MINUTES, default=Fraction(2),
        doc="Minutes below which speakers.fit_limits does not cut a limit (default 2)."),
    Key(name="replies", kind=REPLIES, doc="Minutes of a first and a second right of reply (default 10 and 5, General Assembly decision 34/401)."),
    Key(name="words_per_minute", kind=convert.POSITIVE_INT, default=110,
        doc="The rate a statement's text is read at, in words a minute (interpreters ask for about 100 to 120; default 110)."),
    Key(name="statistics", kind=convert.BOOLEAN, default=False,
        doc="true: speakers.xlsx gets a Statistics sheet and the build writes speaking-statistics.md (time by kind, group, mode)."),
    Key(name="by_level", kind=convert.BOOLEAN, default=False,
        doc="true: within each kind of speaker, heads of State or Government speak first, then ministers, then the others."),
    Key(name="lots", kind=convert.NON_NEGATIVE_INT,
        doc="The seed of the lots drawn for statements inscribed at the same time; printed in the outputs, so that anyone can redraw them."),
    Key(name="file", kind=convert.FILE_NAME, doc="An inscriptions file, CSV or XLSX, relative to this file."),
    Key(name="sheet", kind=convert.TEXT, doc="The sheet of an XLSX inscriptions file."),
    Key(name="items", kind=Structure(_items, {"type": "object", "additionalProperties": ITEM.schema()}),
        doc="The inscriptions by agenda item (2, \"1 (b)\").", default=()),
), doc="The lists of speakers: the order, the limits and the inscriptions.")


def parse_speakers(reader: Reader, value: Any, line: int | None) -> SpeakerPlan | None:
    """The ``speakers:`` section as a SpeakerPlan, its inline inscriptions checked against the agenda and the
    delegations of ``reader.context``; None (and a problem) when it is no mapping."""
    section = reader.mapping(value, "speakers", line)
    if section is None:
        return None
    values = reader.read(section, SPEAKERS, "speakers")
    if values["sheet"] is not None and values["file"] is None:
        reader.problem(section.key_lines["sheet"], "speakers.sheet", "a sheet belongs to an inscriptions file: give speakers.file")
    reader.problems.extend(fieldtext.capped(list(_duplicates(list(values["items"]))), reader.file, MAX_ROW_PROBLEMS))
    replies = values["replies"] or {}
    limits = {**DEFAULT_LIMITS, **{SpeakerClass(k): v for k, v in (values["limits"] or {}).items() if v is not None}}
    # Relative to the configuration file, so that a build works from any folder.
    path = str(Path(reader.file).parent / values["file"]) if values["file"] is not None else None
    return SpeakerPlan(
        inscriptions=values["items"],
        order=values["order"],
        limits=tuple((kind, limits[kind]) for kind in SpeakerClass),
        size_shares=values["size_shares"],
        opening_minutes=values["opening_minutes"],
        fit_all=values["fit_limits"][0],
        fit_items=values["fit_limits"][1],
        fit_floor=values["fit_floor"],
        by_level=values["by_level"],
        lots=values["lots"],
        statistics=values["statistics"], words_per_minute=values["words_per_minute"],
        reply_limits=(replies.get("first") or Fraction(10), replies.get("second") or Fraction(5)),
        file=path,
        sheet=values["sheet"],
        origin=Origin(file=reader.file, line=section.key_lines.get("size_shares", section.line), field="speakers"),
        file_origin=Origin(file=reader.file, line=section.key_lines["file"], field="speakers.file") if path is not None else None,
    )


def _duplicates(inscriptions: list[Inscription]) -> Iterator[Problem]:
    """A delegation inscribed twice for the same statement under one item is a slip (a reply is not inscribed)."""
    seen: dict[tuple[str, str, str, int], Inscription] = {}
    for inscription in inscriptions:
        if inscription.panellist or inscription.delegation is None:
            continue
        # A right of reply is a statement of its own: a first and a second reply of one delegation are not twice one.
        key = (inscription.item, sort_key(inscription.delegation.name), sort_key(inscription.on_behalf_of or ""), inscription.reply)
        if key in seen:
            first = seen[key].origin
            where = f" (also at {_place(first)})" if first else ""
            origin = inscription.origin
            yield Problem(file=origin.file if origin else None, line=origin.line if origin else None, field=origin.field if origin else None,
                          message=f"{inscription.delegation.name} is inscribed twice under item {inscription.item}{where}")
        else:
            seen[key] = inscription


# --- the inscriptions file -----------------------------------------------------------------------------------------------


def _place(origin: Origin) -> str:
    """Where an inscription is, for a message about another one: "row 3" in a file, the key and line in YAML."""
    if (origin.field or "").startswith("column "):
        return f"row {origin.line}"
    return f"{origin.field or ''}{' line ' + str(origin.line) if origin.line else ''}"


def attach_inscriptions(meeting: Meeting) -> Meeting:
    """The meeting with the inscriptions of the file its speakers: section names (if it names one) added."""
    plan = meeting.speakers
    if plan is None or plan.file is None:
        return meeting
    file, sheet = plan.file, plan.sheet
    origin = plan.file_origin
    missing = Problem(file=origin.file if origin else meeting.source or None, line=origin.line if origin else None,
                      field="speakers.file", message=f"no such file: {file}")
    data = tables.read_file(Path(file), limit=MAX_FILE_BYTES, what="an inscriptions file", missing=missing)
    rows = read_inscriptions(data, file, meeting, sheet)
    inscriptions = [*plan.inscriptions, *rows]
    # Capped like the rows' own problems: an export that inscribes one delegation 600 times says so in 50 lines.
    problems = fieldtext.capped(list(_duplicates(inscriptions)), file, MAX_ROW_PROBLEMS)
    if problems:
        raise ConfigError(problems)
    return replace(meeting, speakers=replace(plan, inscriptions=tuple(inscriptions)))


def attach_statement_texts(meeting: Meeting) -> Meeting:
    """The meeting with each statement's text read from the file its inscription names (``text``), relative to
    the configuration's folder: a .txt file in UTF-8, or a Word document's paragraphs. Raises ConfigError naming
    the inscription's file, line and the text column for each file missing, too large or of another kind."""
    plan = meeting.speakers
    if plan is None or not any(i.text_file for i in plan.inscriptions):
        return meeting
    folder = Path(meeting.source).parent
    problems: list[Problem] = []
    inscriptions = []
    for inscription in plan.inscriptions:
        if inscription.text_file:
            origin = inscription.origin
            here = Problem(file=origin.file if origin else meeting.source, line=origin.line if origin else None, field="text",
                           message=f"no such file: {inscription.text_file}")
            try:
                text = _statement_text(folder / inscription.text_file, here)
            except ConfigError as error:
                problems += [replace(here, message=f"{inscription.text_file} {p.message}") if p is not here else p
                             for p in error.problems]
                continue
            except ValueError as error:
                problems.append(replace(here, message=f"{inscription.text_file}: {error}"))
                continue
            inscription = replace(inscription, text=text)
        inscriptions.append(inscription)
    if problems:
        raise ConfigError(problems)
    return replace(meeting, speakers=replace(plan, inscriptions=tuple(inscriptions)))


def _statement_text(path: Path, missing: Problem) -> str:
    """A statement's text: a .txt file's (UTF-8), a .docx file's paragraphs, one per line. ValueError otherwise."""
    if path.suffix.lower() not in (".txt", ".docx"):
        raise ValueError("a statement's text is a .txt or .docx file")
    data = tables.read_file(path, limit=MAX_TEXT_BYTES, what="a statement's text", missing=missing)
    if path.suffix.lower() == ".txt":
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValueError("is not UTF-8 text; save it as UTF-8") from None
    import io
    import zipfile

    import docx

    try:
        return "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(data)).paragraphs)
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise ValueError("is not a Word document") from None


def read_inscriptions(data: bytes, file: str, meeting: Meeting, sheet: str | None = None) -> tuple[Inscription, ...]:
    """Inscriptions from a CSV (UTF-8) or XLSX file's bytes: one row per speaker, a heading row first.

    Each row's item and delegation are checked against ``meeting``'s agenda and delegations. Raises ConfigError
    naming the file, row and column of each bad row (at most MAX_ROW_PROBLEMS, then a count of the rest).
    """
    rows = tables.rows(data, file, sheet, sheet_field="speakers.sheet")
    heading = next(rows, None)
    if heading is None:
        raise ConfigError([Problem(file=file, field="(file)", message="is empty: expected a heading row and one row per speaker")])
    reading = _FileRows(file, heading[1], _file_columns(heading[1], file, line=heading[0]), meeting)
    result = [found for row, cells in rows if any(cell.strip() for cell in cells) and (found := reading.row(row, cells)) is not None]
    if reading.skipped:
        reading.problems.append(Problem(file=file, message=f"and {reading.skipped:,} more problems in further rows"))
    if reading.problems:
        raise ConfigError(reading.problems)
    return tuple(result)


class _FileRows:
    """Reads an inscriptions file's rows against the meeting, collecting at most MAX_ROW_PROBLEMS problems."""

    def __init__(self, file: str, heading: list[str], columns: dict[str, int], meeting: Meeting) -> None:
        self.file, self.heading, self.columns = file, heading, columns
        self.items, self.lookup = Items(meeting.agenda), Speaking(meeting.delegations)
        self.default_mode = _default_mode(meeting.format)
        self.problems: list[Problem] = []
        self.skipped = 0

    def report(self, row: int, key: str, message: str, field: str | None = None) -> None:
        if len(self.problems) >= MAX_ROW_PROBLEMS:
            self.skipped += 1
            return
        heading_text = self.heading[self.columns[key]].strip() if key in self.columns else key
        self.problems.append(Problem(file=self.file, line=row, field=field or f"column {heading_text!r}", message=message))

    def row(self, row: int, cells: list[str]) -> Inscription | None:
        """The row's inscription, or None when the row has a problem (reported)."""
        shifted = tables.overflow(self.heading, cells)
        if shifted is not None:
            self.report(row, "", shifted[1], field=shifted[0])
            return None
        values = {key: cells[index] if index < len(cells) else "" for key, index in self.columns.items()}
        try:
            label = self.items.find(values.get("item", ""))
        except ValueError as error:
            self.report(row, "item", str(error) if values.get("item", "").strip() else "missing: the agenda item, such as 2 or 1 (b)")
            return None
        kind_word = values.get("kind", "").strip().casefold()
        if kind_word not in ("", "panellist", "panelist", "statement"):
            self.report(row, "kind", f"must be \"panellist\" or \"statement\", not {values['kind'].strip()!r}")
            return None
        return _inscription(
            values, panellist=kind_word in ("panellist", "panelist"), item=label, default_mode=self.default_mode,
            delegations=self.lookup, report=lambda key, message: self.report(row, key, message),
            origin=Origin(file=self.file, line=row, field=f"column {self.heading[self.columns['delegation']].strip()!r}"),
        )


def _heading_key(cell: str) -> str:
    return " ".join(cell.replace("_", " ").split()).casefold()


def _file_columns(heading: list[str], file: str, line: int = 1) -> dict[str, int]:
    found = {_heading_key(cell): index for index, cell in reversed(list(enumerate(heading))) if cell.strip()}
    columns = {key: next(found[c] for c in names if c in found) for key, names in FILE_COLUMNS.items() if any(c in found for c in names)}
    missing = [key for key in ("item", "delegation") if key not in columns]
    if missing:
        listed = ", ".join(repr(cell.strip()) for cell in heading if cell.strip()) or "none"
        raise ConfigError([Problem(file=file, line=line, message=(
            f"missing column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}. The columns found are: {listed}. "
            f"The columns an inscriptions file may have: {', '.join(names[0] for names in FILE_COLUMNS.values())}"))])
    return columns


