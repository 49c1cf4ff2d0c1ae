"""Lists of speakers: the ``speakers:`` section, the order the Chair calls speakers, and when each speaks.

``parse_speakers`` reads the section through config's ``_Reader`` so that its problems are reported with every
other configuration problem; ``attach_inscriptions`` reads the CSV or XLSX file the section names (the only
I/O here, called from ``config.load``). The rest is pure:

- ``ordered`` puts an item's inscriptions in the order of the list of speakers: the classes in the meeting's
  order (by default panellists, statements on behalf of groups, parties, signatories, non-party States,
  organizations, other entities, NGOs); panellists as listed; statements in the order the floor was asked for.
- ``sized`` lets the inscriptions size the substantive items' shares, by deriving a new Meeting with explicit
  shares; the scheduler stays unaware of speakers.
- ``speakers_list`` times every list against the organization of work and words a warning for each item whose
  speakers do not fit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Callable, Iterator
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from meetplan import tables
from meetplan.errors import ConfigError, PlanError, Problem
from meetplan.model import (
    AgendaItem,
    Attendance,
    Delegation,
    DelegationCategory,
    Format,
    Inscription,
    ItemKind,
    ItemSpeakers,
    Meeting,
    Origin,
    Schedule,
    SpeakerClass,
    SpeakerPlan,
    SpeakersList,
    Turn,
    Window,
)
from meetplan.style import join_list, ordinal, sort_key
from meetplan.yamlsource import LineDict, LineList

if TYPE_CHECKING:
    from meetplan.config import _Reader

SECTION_KEYS = ("order", "limits", "size_shares", "file", "sheet", "items")
ITEM_KEYS = ("panellists", "statements")
PANELLIST_KEYS = ("name", "title", "delegation", "on_behalf_of", "mode", "language", "minutes")
STATEMENT_KEYS = ("delegation", "speaker", "title", "on_behalf_of", "mode", "language", "minutes", "inscribed")

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

LANGUAGES = ("Arabic", "Chinese", "English", "French", "Russian", "Spanish")
_LANGUAGE_CODES = dict(zip(("ar", "zh", "en", "fr", "ru", "es"), LANGUAGES, strict=True))

REGIONAL_GROUPS = (
    "African States",
    "Asia-Pacific States",
    "Eastern European States",
    "Latin American and Caribbean States",
    "Western European and other States",
)
# The abbreviations secretariats write in lists of speakers.
_GROUP_ABBREVIATIONS = {
    "ag": "African States",
    "apg": "Asia-Pacific States",
    "eeg": "Eastern European States",
    "grulac": "Latin American and Caribbean States",
    "weog": "Western European and other States",
}

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
}
MAX_FILE_BYTES = 20_000_000  # 10,000 inscriptions take 1 MB
MAX_ROW_PROBLEMS = 50


# --- converters: each returns a value or raises ValueError with the message a user reads -----------------------


def _text(value: Any) -> str:
    from meetplan.config import text

    return " ".join(text(value).split())


def minutes(value: Any) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"must be a number of minutes such as 5 or 7.5, not {value!r}")
    try:
        result = Fraction(str(value).strip())
    except ValueError:
        raise ValueError(f"must be a number of minutes such as 5 or 7.5, not {value!r}") from None
    if result <= 0:
        raise ValueError(f"must be more than 0 minutes, not {value}")
    if result > MAX_MINUTES:
        raise ValueError(f"{value} minutes is more than a plenary meeting; at most {MAX_MINUTES}")
    if (result * 60).denominator != 1:
        raise ValueError(f"must be whole seconds, such as 5 or 7.5 minutes, not {value}")
    return result


def language(value: Any) -> str:
    name = _text(value)
    folded = name.casefold()
    for option in LANGUAGES:
        if folded == option.casefold():
            return option
    if folded in _LANGUAGE_CODES:
        return _LANGUAGE_CODES[folded]
    raise ValueError(f"must be one of the six official languages ({join_list(LANGUAGES)}), not {name!r}")


def mode(value: Any) -> Attendance:
    from meetplan.participants import ATTENDANCE_WORDS

    word = _text(value)
    found = ATTENDANCE_WORDS.get(word.casefold())
    if found is None:
        raise ValueError(f"must be \"in person\" or \"online\", not {word!r}")
    return found


def on_behalf_of(value: Any) -> str:
    """A regional group as the report writes it ("Group of African States"); any other group as written."""
    name = _text(value)
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


def _order(value: Any) -> tuple[SpeakerClass, ...]:
    if not isinstance(value, list) or not value:
        raise ValueError(f"must be a list of kinds of speaker, such as [{', '.join(c.value for c in SpeakerClass)}]")
    given: list[SpeakerClass] = []
    for entry in value:
        name = _text(entry)
        try:
            kind = SpeakerClass(name)
        except ValueError:
            raise ValueError(f"unknown kind of speaker {name!r}; one of: {', '.join(c.value for c in SpeakerClass)}") from None
        if kind in given:
            raise ValueError(f"{name} is listed twice")
        given.append(kind)
    # The kinds left out keep their default order after the ones given.
    return (*given, *(kind for kind in SpeakerClass if kind not in given))


# --- agenda items and delegations ----------------------------------------------------------------------------------

_LABEL = re.compile(r"^\s*(\d+)\s*(?:\(?\s*([A-Za-z])\s*\)?)?\s*$")


class _Items:
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


class _Delegations:
    """Finds the delegation a name means: among the configuration's delegations, or in the reference data."""

    def __init__(self, delegations: tuple[Delegation, ...]) -> None:
        from meetplan.participants import Delegations as Configured

        self.configured = Configured(delegations) if delegations else None

    def find(self, value: Any) -> Delegation:
        name = _text(value)
        if self.configured is not None:
            found = self.configured.find(name)
            if isinstance(found, str):
                raise ValueError(found)
            return found
        # Without a delegations: section the reference data name the speaker; a State counts as a party
        # (our convention: the category only orders the list, and a meeting that cares lists its delegations).
        from meetplan import reference

        state = reference.find_state(name)
        if state is not None:
            return Delegation(name=state.name, category=DelegationCategory.PARTY, group=state.group, time_zone=state.time_zone)
        organization = reference.find_organization(name)
        if organization is not None:
            category = {
                "entity with a permanent observer office": DelegationCategory.PERMANENT_OBSERVER,
                "regional economic integration organization": DelegationCategory.PARTY,
            }.get(organization.kind, DelegationCategory.ORGANIZATION)
            return Delegation(name=organization.name, category=category, group=None, time_zone=organization.time_zone)
        close = reference.suggest(name, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; add it to the delegations: section"
        raise ValueError(f"unknown delegation {name!r}{hint}")


# --- one inscription, from a YAML mapping or a file row --------------------------------------------------------------

Report = Callable[[str, str], None]  # (field key, message)


def _inscription(
    values: dict[str, Any],
    *,
    panellist: bool,
    item: str,
    default_mode: Attendance,
    delegations: _Delegations,
    report: Report,
    origin: Origin,
) -> Inscription | None:
    ok = True

    def take(key: str, convert: Callable[[Any], Any]) -> Any:
        nonlocal ok
        value = values.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return convert(value)
        except ValueError as error:
            report(key, str(error))
            ok = False
            return None

    name = take("name", _text)
    delegation = take("delegation", delegations.find)
    if panellist and name is None and ok:
        report("name", "missing: a panellist is named")
        ok = False
    if not panellist and delegation is None and ok:
        report("delegation", "missing: which delegation makes the statement")
        ok = False
    result = Inscription(
        item=item,
        panellist=panellist,
        name=name,
        title=take("title", _text),
        delegation=delegation,
        on_behalf_of=take("on_behalf_of", on_behalf_of),
        mode=take("mode", mode) or default_mode,
        language=take("language", language),
        minutes=take("minutes", minutes),
        inscribed=None if panellist else take("inscribed", inscribed),
        origin=origin,
    )
    return result if ok else None


def _default_mode(fmt: Format) -> Attendance:
    # A hybrid meeting's speakers are in the room unless the inscription says online.
    return Attendance.ONLINE if fmt is Format.ONLINE else Attendance.IN_PERSON


# --- the speakers: section --------------------------------------------------------------------------------------------


def parse_speakers(
    reader: _Reader,
    value: Any,
    line: int | None,
    config_file: str,
    agenda: tuple[AgendaItem, ...],
    delegations: tuple[Delegation, ...],
    fmt: Format,
) -> SpeakerPlan | None:
    """The ``speakers:`` section: order, limits, size_shares, and the inscriptions (inline, or a file's name)."""
    from meetplan.config import _boolean, _kind, text

    section = reader.mapping(value, "speakers", line)
    if section is None:
        return None
    reader.known_keys(section, SECTION_KEYS, "speakers")
    order = reader.take(section, "order", "speakers", _order) or tuple(SpeakerClass)
    limits = dict(DEFAULT_LIMITS)
    if section.get("limits") is not None:
        table = reader.mapping(section["limits"], "speakers.limits", section.key_lines["limits"])
        if table is not None:
            reader.known_keys(table, tuple(c.value for c in SpeakerClass), "speakers.limits")
            for kind in SpeakerClass:
                limit = reader.take(table, kind.value, "speakers.limits", minutes)
                if limit is not None:
                    limits[kind] = limit
    size_shares = reader.take(section, "size_shares", "speakers", _boolean) or False
    file_name = reader.take(section, "file", "speakers", text)
    sheet = reader.take(section, "sheet", "speakers", text)
    if sheet is not None and file_name is None:
        reader.problem(section.key_lines["sheet"], "speakers.sheet", "a sheet belongs to an inscriptions file: give speakers.file")
    items = _Items(agenda)
    lookup = _Delegations(delegations)
    inscriptions: list[Inscription] = []
    if section.get("items") is not None:
        table = reader.mapping(section["items"], "speakers.items", section.key_lines["items"])
        for key, entry in (table or {}).items():
            key_line = table.key_lines[key] if table else None
            field = f"speakers.items.{key}"
            try:
                label = items.find(key)
            except ValueError as error:
                reader.problem(key_line, field, str(error))
                continue
            mapping = reader.mapping(entry, field, key_line)
            if mapping is None:
                continue
            reader.known_keys(mapping, ITEM_KEYS, field)
            for list_key, panellist in (("panellists", True), ("statements", False)):
                entries = mapping.get(list_key)
                if entries is None:
                    continue
                if not isinstance(entries, LineList):
                    reader.problem(mapping.key_lines[list_key], f"{field}.{list_key}", f"must be a list, not {_kind(entries)}")
                    continue
                for index, (raw, raw_line) in enumerate(zip(entries, entries.item_lines, strict=True), start=1):
                    entry_field = f"{field}.{list_key}[{index}]"
                    if not panellist and isinstance(raw, str | int) and not isinstance(raw, bool):
                        raw = _shorthand(raw, raw_line)  # a statement by a delegation's name alone
                    entry_map = reader.mapping(raw, entry_field, raw_line)
                    if entry_map is None:
                        continue
                    reader.known_keys(entry_map, PANELLIST_KEYS if panellist else STATEMENT_KEYS, entry_field)
                    values = {("name" if k == "speaker" else k): v for k, v in entry_map.items()}

                    def report(key: str, message: str, entry_map: LineDict = entry_map, entry_field: str = entry_field) -> None:
                        yaml_key = "speaker" if key == "name" and "speaker" in entry_map else key
                        reader.problem(entry_map.key_lines.get(yaml_key, entry_map.line), f"{entry_field}.{yaml_key}", message)

                    found = _inscription(
                        values, panellist=panellist, item=label, default_mode=_default_mode(fmt), delegations=lookup,
                        report=report, origin=Origin(file=reader.file, line=raw_line, field=entry_field),
                    )
                    if found is not None:
                        inscriptions.append(found)
    for problem in _duplicates(inscriptions):
        reader.problems.append(problem)
    path = None
    if file_name is not None:
        # Relative to the configuration file, so that a build works from any folder.
        path = str(Path(config_file).parent / file_name)
    return SpeakerPlan(
        inscriptions=tuple(inscriptions),
        order=order,
        limits=tuple((kind, limits[kind]) for kind in SpeakerClass),
        size_shares=size_shares,
        file=path,
        sheet=sheet,
        origin=Origin(file=reader.file, line=section.key_lines.get("size_shares", section.line), field="speakers"),
        file_origin=Origin(file=reader.file, line=section.key_lines["file"], field="speakers.file") if file_name is not None else None,
    )


def _shorthand(name: str | int, line: int) -> LineDict:
    mapping = LineDict({"delegation": name})
    mapping.line, mapping.key_lines = line, {"delegation": line}
    return mapping


def _duplicates(inscriptions: list[Inscription]) -> Iterator[Problem]:
    """A delegation inscribed twice for the same statement under one item is a slip (a reply is not inscribed)."""
    seen: dict[tuple[str, str, str], Inscription] = {}
    for inscription in inscriptions:
        if inscription.panellist or inscription.delegation is None:
            continue
        key = (inscription.item, sort_key(inscription.delegation.name), sort_key(inscription.on_behalf_of or ""))
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
    problems = list(_duplicates(inscriptions))
    if problems:
        raise ConfigError(problems)
    return dataclasses.replace(meeting, speakers=dataclasses.replace(plan, inscriptions=tuple(inscriptions)))


def read_inscriptions(data: bytes, file: str, meeting: Meeting, sheet: str | None = None) -> tuple[Inscription, ...]:
    """Inscriptions from a CSV (UTF-8) or XLSX file's bytes: one row per speaker, a heading row first."""
    rows = tables.rows(data, file, sheet, sheet_field="speakers.sheet")
    heading = next(rows, None)
    if heading is None:
        raise ConfigError([Problem(file=file, field="(file)", message="is empty: expected a heading row and one row per speaker")])
    columns = _file_columns(heading[1], file)
    items = _Items(meeting.agenda)
    lookup = _Delegations(meeting.delegations)
    problems: list[Problem] = []
    skipped = 0
    result: list[Inscription] = []
    for row, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue

        def report(key: str, message: str, row: int = row, field: str | None = None) -> None:
            nonlocal skipped
            if len(problems) < MAX_ROW_PROBLEMS:
                heading_text = heading[1][columns[key]].strip() if key in columns else key
                problems.append(Problem(file=file, line=row, field=field or f"column {heading_text!r}", message=message))
            else:
                skipped += 1

        shifted = tables.overflow(heading[1], cells)
        if shifted is not None:
            report("", shifted[1], field=shifted[0])
            continue
        values = {key: cells[index] if index < len(cells) else "" for key, index in columns.items()}
        try:
            label = items.find(values.get("item", ""))
        except ValueError as error:
            report("item", str(error) if values.get("item", "").strip() else "missing: the agenda item, such as 2 or 1 (b)")
            continue
        kind_word = values.get("kind", "").strip().casefold()
        if kind_word not in ("", "panellist", "panelist", "statement"):
            report("kind", f"must be \"panellist\" or \"statement\", not {values['kind'].strip()!r}")
            continue
        found = _inscription(
            values, panellist=kind_word in ("panellist", "panelist"), item=label, default_mode=_default_mode(meeting.format),
            delegations=lookup, report=report,
            origin=Origin(file=file, line=row, field=f"column {heading[1][columns['delegation']].strip()!r}"),
        )
        if found is not None:
            result.append(found)
    if skipped:
        problems.append(Problem(file=file, message=f"and {skipped:,} more problems in further rows"))
    if problems:
        raise ConfigError(problems)
    return tuple(result)


def _heading_key(cell: str) -> str:
    return " ".join(cell.replace("_", " ").split()).casefold()


def _file_columns(heading: list[str], file: str) -> dict[str, int]:
    found = {_heading_key(cell): index for index, cell in reversed(list(enumerate(heading))) if cell.strip()}
    columns = {key: next(found[c] for c in names if c in found) for key, names in FILE_COLUMNS.items() if any(c in found for c in names)}
    missing = [key for key in ("item", "delegation") if key not in columns]
    if missing:
        listed = ", ".join(repr(cell.strip()) for cell in heading if cell.strip()) or "none"
        raise ConfigError([Problem(file=file, line=1, message=(
            f"missing column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}. The columns found are: {listed}. "
            f"The columns an inscriptions file may have: {', '.join(names[0] for names in FILE_COLUMNS.values())}"))])
    return columns


# --- order -------------------------------------------------------------------------------------------------------------------


def ordered(plan: SpeakerPlan, inscriptions: tuple[Inscription, ...]) -> list[Inscription]:
    """The order in which the Chair calls speakers (rule 42: in the order they signify their desire to speak).

    Classes in the plan's order; panellists as listed; statements by time of inscription, then as listed, so
    that a statement without a time comes after those with one.
    """
    rank = {kind: index for index, kind in enumerate(plan.order)}
    never = dt.datetime.max

    def key(pair: tuple[int, Inscription]) -> tuple[int, dt.datetime, int]:
        index, inscription = pair
        when = never if inscription.panellist or inscription.inscribed is None else inscription.inscribed
        return rank[inscription.kind], when, index

    return [inscription for _, inscription in sorted(enumerate(inscriptions), key=key)]


# --- time ---------------------------------------------------------------------------------------------------------------------


def _after(start: dt.datetime, minutes: Fraction) -> dt.datetime:
    return start + dt.timedelta(seconds=round(minutes * 60))


def windows(schedule: Schedule, label: str) -> tuple[Window, ...]:
    """The time an entry has in each of its plenary meetings: items follow the agenda order within a meeting."""
    result = []
    for plenary in schedule.plenaries:
        offset = Fraction(0)
        for allocation in schedule.allocations_in(plenary.number):
            length = allocation.share * plenary.hours.minutes
            if allocation.item.label == label:
                start = dt.datetime.combine(plenary.date, plenary.hours.start)
                result.append(Window(plenary=plenary.number, start=_after(start, offset), minutes=length))
                break
            offset += length
    return tuple(result)


def _number(value: Fraction) -> str:
    return str(int(value)) if value.denominator == 1 else f"{float(value):g}"


def _plural(count: Fraction | int, word: str) -> str:
    return f"{_number(Fraction(count))} {word}{'' if count == 1 else 's'}"


def by_item(inscriptions: tuple[Inscription, ...]) -> dict[str, tuple[Inscription, ...]]:
    """The inscriptions of each entry, by label, in the order given: one pass, however many entries."""
    result: dict[str, list[Inscription]] = {}
    for inscription in inscriptions:
        result.setdefault(inscription.item, []).append(inscription)
    return {label: tuple(found) for label, found in result.items()}


def time_item(schedule: Schedule, plan: SpeakerPlan, item: AgendaItem,
              inscriptions: tuple[Inscription, ...] | None = None) -> ItemSpeakers:
    """An entry's speakers in order, each with the plenary meeting and the time the Chair is expected to call them.

    Speakers follow one another without gaps; a statement is not split across plenary meetings, so one that
    would run past the entry's time in a plenary meeting opens the entry's time in the next. Those left when
    the entry's time is used up do not fit: they are listed without a time, and the entry gets a warning.
    ``inscriptions`` are the entry's own (by_item's), when the caller has them; else they are picked from the plan.
    """
    label = item.label
    if inscriptions is None:
        inscriptions = tuple(i for i in plan.inscriptions if i.item == label)
    spans = windows(schedule, label)
    turns: list[Turn] = []
    index, used = 0, Fraction(0)
    placed_in: list[int | None] = []
    for position, inscription in enumerate(ordered(plan, inscriptions), start=1):
        allowed = inscription.minutes or plan.limit(inscription.kind)
        while index < len(spans) and used + allowed > spans[index].minutes:
            index, used = index + 1, Fraction(0)
        if index < len(spans):
            turns.append(Turn(position=position, inscription=inscription, minutes=allowed, plenary=spans[index].plenary,
                              start=_after(spans[index].start, used)))
            used += allowed
            placed_in.append(index)
        else:
            turns.append(Turn(position=position, inscription=inscription, minutes=allowed, plenary=spans[-1].plenary, start=None))
            placed_in.append(None)
    warning = None
    left_out = sum(1 for where in placed_in if where is None)
    if left_out:
        last = spans[-1]
        load = sum((t.minutes for t, where in zip(turns, placed_in, strict=True) if where is None or where == len(spans) - 1), Fraction(0))
        following = last.plenary + 1
        where_to = (f"would move to the {ordinal(following)}" if following <= len(schedule.plenaries)
                    else "would not be heard before the session ends")
        warning = (f"item {item.label}: {_plural(load, 'minute')} of statements for {_plural(last.minutes, 'minute')} left in the "
                   f"{ordinal(last.plenary)} plenary meeting; {_plural(left_out, 'speaker')} {where_to}")
    return ItemSpeakers(item=item, windows=spans, turns=tuple(turns), warning=warning)


def speakers_list(schedule: Schedule) -> SpeakersList:
    """Every agenda entry's list of speakers, timed; entries without inscriptions have empty lists."""
    plan = schedule.meeting.speakers
    if plan is None:
        return SpeakersList(schedule=schedule, items=())
    inscriptions = by_item(plan.inscriptions)
    return SpeakersList(schedule=schedule, items=tuple(time_item(schedule, plan, entry, inscriptions.get(entry.label, ()))
                                                       for entry in schedule.meeting.entries))


# --- shares sized by the inscriptions ---------------------------------------------------------------------------------------------

HALF = Fraction(1, 2)


def needed_shares(meeting: Meeting, plan: SpeakerPlan) -> dict[str, Fraction]:
    """The half plenary meetings each substantive entry's speakers need, for the entries whose share is not given.

    Measured against the shortest plenary meeting, so that the share suffices wherever the entry falls.
    """
    from meetplan.scheduler import plenary_meetings

    plenaries = plenary_meetings(meeting)
    if not plenaries:
        return {}
    shortest = min(p.hours.minutes for p in plenaries)
    needs: dict[str, Fraction] = {}
    inscriptions = by_item(plan.inscriptions)
    for entry in meeting.entries:
        if entry.kind is not ItemKind.SUBSTANTIVE or entry.share is not None:
            continue
        total = sum((i.minutes or plan.limit(i.kind) for i in inscriptions.get(entry.label, ())), Fraction(0))
        if total:
            needs[entry.label] = max(HALF, Fraction(math.ceil(total * 2 / shortest), 2))
    return needs


def with_shares(meeting: Meeting, shares: dict[str, Fraction]) -> Meeting:
    """The meeting with the given entries' shares filled in."""

    def fill(item: AgendaItem) -> AgendaItem:
        if item.sub_items:
            return dataclasses.replace(item, sub_items=tuple(fill(sub) for sub in item.sub_items))
        return dataclasses.replace(item, share=shares[item.label]) if item.label in shares else item

    return dataclasses.replace(meeting, agenda=tuple(fill(item) for item in meeting.agenda))


def sized(meeting: Meeting) -> Meeting:
    """With ``speakers.size_shares``, the meeting whose substantive entries get the time their speakers need.

    An entry gets an explicit share when the default would give it less than its speakers need (rounded up to
    half plenary meetings); the time no entry needs stays with the entries shared by default, because every
    plenary meeting must hold an item. Each explicit share lowers what the others get by default, so this
    repeats until no entry is short; it ends because each round fixes at least one more entry.
    """
    plan = meeting.speakers
    if plan is None or not plan.size_shares:
        return meeting
    from meetplan.scheduler import schedule

    needs = needed_shares(meeting, plan)
    fixed: dict[str, Fraction] = {}
    current = meeting
    for _ in range(len(needs) + 1):
        try:
            result = schedule(current)
        except PlanError as error:
            if not fixed:
                raise
            sizes = join_list(f"{_number(share)} for item {label}" for label, share in fixed.items())
            origin = plan.origin
            raise PlanError([Problem(
                file=origin.file if origin else None, line=origin.line if origin else None, field="speakers.size_shares",
                message=f"the inscribed speakers need {sizes} plenary meetings, and then: {problem.message}",
            ) for problem in error.problems]) from None
        short = {
            label: need for label, need in needs.items()
            if label not in fixed and sum((a.share for a in result.allocations if a.item.label == label), Fraction(0)) < need
        }
        if not short:
            return current
        fixed.update(short)
        current = with_shares(meeting, fixed)
    return current


# --- helpers for renderers ---------------------------------------------------------------------------------------------


def speaker_name(turn: Turn) -> str:
    """Who speaks: the person when named, else the delegation."""
    inscription = turn.inscription
    if inscription.name:
        return inscription.name
    return inscription.delegation.name if inscription.delegation else ""

