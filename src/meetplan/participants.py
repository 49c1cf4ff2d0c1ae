"""Delegations and participants: the ``delegations:`` and ``participants:`` sections, and the registrations file.

``parse_delegations`` and ``parse_participants`` read configuration sections through config's ``_Reader`` so
that their problems are reported with every other configuration problem. ``read_registrations`` reads the
file a configuration names (CSV or XLSX, one row per person) and reports each bad row by file, row and column.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from meetplan import tables
from meetplan.errors import ConfigError, Problem
from meetplan.model import (
    Attendance,
    Delegation,
    DelegationCategory,
    Meeting,
    Origin,
    Participant,
    RegistrationSource,
    Seating,
)
from meetplan.style import sort_key
from meetplan.yamlsource import LineDict, LineList

if TYPE_CHECKING:
    from meetplan.config import _Reader

# The keys of the delegations: section (and of participants.per_delegation), in the report's order.
CATEGORY_KEYS: dict[str, DelegationCategory] = {
    "parties": DelegationCategory.PARTY,
    "signatories": DelegationCategory.SIGNATORY,
    "non_parties": DelegationCategory.NON_PARTY,
    "organizations": DelegationCategory.ORGANIZATION,
    "permanent_observers": DelegationCategory.PERMANENT_OBSERVER,
    "ngos": DelegationCategory.NGO,
}
ENTRY_KEYS = ("name", "reference", "group", "time_zone")
PARTICIPANTS_KEYS = ("registrations", "symbol", "columns", "sheet", "seats", "per_delegation")
REGIONAL_GROUPS = (
    "African States",
    "Asia-Pacific States",
    "Eastern European States",
    "Latin American and Caribbean States",
    "Western European and other States",
)

# What each field of a registration is called in the file. The defaults are the headings of Indico's
# registration export ("First Name", "Last Name", "Position", "Affiliation", "Email"); where registration
# forms commonly differ, the alternatives are tried in order. "Participation" is the custom field a hybrid
# meeting's form adds ("In person" / "Online").
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "given_name": ("First Name", "Given name"),
    "family_name": ("Last Name", "Family name", "Surname"),
    "title": ("Position", "Title", "Function"),
    "delegation": ("Affiliation", "Delegation"),
    "email": ("Email", "E-mail", "Email Address"),
    "participation": ("Participation", "Mode of participation", "Attendance"),
}
OPTIONAL_FIELDS = ("title", "email")  # a file without them still gives a list of participants
ATTENDANCE_WORDS: dict[str, Attendance] = {
    **dict.fromkeys(("in person", "in-person", "inperson", "on site", "onsite", "on-site", "in the room", "physical", "present"), Attendance.IN_PERSON),
    **dict.fromkeys(("online", "on line", "on-line", "remote", "remotely", "virtual", "virtually"), Attendance.ONLINE),
}
MAX_ROW_PROBLEMS = 50  # a file that is wrong throughout says so in fifty lines, not a hundred thousand
# About 30,000,000 bytes hold 250,000 registrations (100,000 take 12 MB), more than the largest conference has;
# a larger file is a wrong file (a disk image, a log), refused before it is read.
MAX_REGISTRATION_BYTES = 30_000_000


# --- delegations: ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Found:
    name: str
    group: str | None
    time_zone: str


def _lookup(name: str, category: DelegationCategory) -> _Found | None:
    """The reference entry for a name: a State for the States' categories (or the EU among parties)."""
    from meetplan import reference

    if category.is_state:
        state = reference.find_state(name)
        if state is not None:
            return _Found(state.name, state.group, state.time_zone)
    organization = reference.find_organization(name)
    # A regional economic integration organization (the European Union) is a party in its own right.
    if organization is not None and (not category.is_state or organization.kind == "regional economic integration organization"):
        return _Found(organization.name, None, organization.time_zone)
    return None


def _suggestions(name: str) -> str:
    from meetplan import reference

    close = reference.suggest(name, n=3)
    return f"; did you mean {', '.join(close)}?" if close else ""


def parse_delegations(reader: _Reader, value: Any, line: int | None) -> tuple[Delegation, ...]:
    """The ``delegations:`` section: a list of names per category, a mapping for an entry that needs more."""
    from meetplan.config import _kind, text, time_zone

    section = reader.mapping(value, "delegations", line)
    if section is None:
        return ()
    reader.known_keys(section, tuple(CATEGORY_KEYS), "delegations")
    delegations: list[Delegation] = []
    seen: dict[str, str] = {}
    for key, category in CATEGORY_KEYS.items():
        entries = section.get(key)
        if entries is None:
            continue
        if not isinstance(entries, LineList):
            reader.problem(section.key_lines[key], f"delegations.{key}", f"must be a list of names, not {_kind(entries)}")
            continue
        for index, (entry, entry_line) in enumerate(zip(entries, entries.item_lines, strict=True), start=1):
            field = f"delegations.{key}[{index}]"
            delegation = _parse_delegation(reader, entry, field, entry_line, category, text, time_zone)
            if delegation is None:
                continue
            folded = sort_key(delegation.name)
            if folded in seen:
                reader.problem(entry_line, field, f"{delegation.name} is listed twice (also at {seen[folded]})")
                continue
            seen[folded] = field
            delegations.append(delegation)
    return tuple(delegations)


def _parse_delegation(
    reader: _Reader, entry: Any, field: str, line: int | None, category: DelegationCategory, text: Any, time_zone: Any
) -> Delegation | None:
    origin = Origin(file=reader.file, line=line, field=field)
    if isinstance(entry, LineDict):
        reader.known_keys(entry, ENTRY_KEYS, field)
        name = reader.take(entry, "name", field, text, required=True)
        if name is None:
            return None
        lookup_name = reader.take(entry, "reference", field, text) or name
        zone = reader.take(entry, "time_zone", field, time_zone)
        group = reader.take(entry, "group", field, _group) if "group" in entry else ...
        found = _lookup(lookup_name, category)
        if found is None and "reference" in entry:
            reader.problem(entry.key_lines["reference"], f"{field}.reference", f"{lookup_name!r} is not in the reference data{_suggestions(lookup_name)}")
            return None
        if found is None and "time_zone" in entry and zone is None:
            return None  # the time zone's own problem says it all
        if found is None and zone is None:
            # Not in the reference data (an NGO, a new entity): it must say where it is, for the local times.
            hint = _suggestions(name)
            reader.problem(line, field, f"{name!r} is not in the reference data{hint}" + (
                "" if hint and category is not DelegationCategory.NGO else "; give its time_zone (and group, for a State) to add it"))
            return None
        # The name is printed as written in a mapping ("Turkey" in a 2020 list), the reference's otherwise.
        printed = name if "reference" in entry or found is None else found.name
        return Delegation(
            name=printed,
            category=category,
            group=(found.group if found else None) if group is ... else group,
            time_zone=zone or (found.time_zone if found else "UTC"),
            origin=origin,
        )
    try:
        name = text(entry)
    except ValueError as error:
        reader.problem(line, field, f"{error} (a name, or a mapping with name and time_zone)")
        return None
    found = _lookup(name, category)
    if found is None:
        what = "State" if category.is_state else "organization"
        extra = "; an entry not in the reference data is written {name: ..., time_zone: ...}"
        reader.problem(line, field, f"unknown {what} {name!r}{_suggestions(name)}{extra}")
        return None
    return Delegation(name=found.name, category=category, group=found.group, time_zone=found.time_zone, origin=origin)


def _group(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"must be one of: {'; '.join(REGIONAL_GROUPS)}")
    for group in REGIONAL_GROUPS:
        if sort_key(value.strip()) in (sort_key(group), sort_key(group.split(" States")[0])):
            return group
    close = difflib.get_close_matches(value, REGIONAL_GROUPS, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f"; one of: {'; '.join(REGIONAL_GROUPS)}"
    raise ValueError(f"unknown regional group {value!r}{hint}")


# --- participants: --------------------------------------------------------------------------------------------


def parse_participants(reader: _Reader, value: Any, line: int | None, config_file: str) -> tuple[RegistrationSource | None, Seating | None, str | None]:
    """The ``participants:`` section: where the registrations are, their columns, the room's seats, and the
    symbol of the list of participants."""
    from meetplan.config import non_negative_int, text

    section = reader.mapping(value, "participants", line)
    if section is None:
        return None, None, None
    reader.known_keys(section, PARTICIPANTS_KEYS, "participants")
    symbol = reader.take(section, "symbol", "participants", text)
    source = None
    file_name = reader.take(section, "registrations", "participants", text, required=True)
    columns = _parse_columns(reader, section)
    sheet = reader.take(section, "sheet", "participants", text)
    if sheet is not None:
        columns = (*columns, ("(sheet)", sheet))
    if file_name is not None:
        # Relative to the configuration file, so that a build works from any folder.
        path = Path(config_file).parent / file_name
        source = RegistrationSource(path=str(path), columns=columns, origin=Origin(file=reader.file, line=section.key_lines["registrations"], field="participants.registrations"))
    seating = None
    seats = reader.take(section, "seats", "participants", non_negative_int)
    quota: list[tuple[DelegationCategory, int]] = []
    if section.get("per_delegation") is not None:
        table = reader.mapping(section["per_delegation"], "participants.per_delegation", section.key_lines["per_delegation"])
        if table is not None:
            reader.known_keys(table, tuple(CATEGORY_KEYS), "participants.per_delegation")
            for key, category in CATEGORY_KEYS.items():
                number = reader.take(table, key, "participants.per_delegation", non_negative_int)
                if number is not None:
                    quota.append((category, number))
    if seats is not None:
        seating = Seating(capacity=seats, quota=tuple(quota))
    elif quota:
        reader.problem(section.line, "participants.seats", "missing: per_delegation limits seats in a room, so give the room's number of seats")
    return source, seating, symbol


def _parse_columns(reader: _Reader, section: LineDict) -> tuple[tuple[str, str], ...]:
    from meetplan.config import text

    if section.get("columns") is None:
        return ()
    table = reader.mapping(section["columns"], "participants.columns", section.key_lines["columns"])
    if table is None:
        return ()
    reader.known_keys(table, tuple(DEFAULT_COLUMNS), "participants.columns")
    pairs = []
    for key in DEFAULT_COLUMNS:
        heading = reader.take(table, key, "participants.columns", text)
        if heading is not None:
            pairs.append((key, heading))
    return tuple(pairs)


# --- the registrations file -----------------------------------------------------------------------------------


def attach_registrations(meeting: Meeting) -> Meeting:
    """The meeting with its participants read from the registrations file it names (if it names one)."""
    if meeting.registrations is None:
        return meeting
    path = Path(meeting.registrations.path)
    origin = meeting.registrations.origin
    missing = Problem(file=origin.file if origin else None, line=origin.line if origin else None,
                      field="participants.registrations", message=f"no such file: {path}")
    data = tables.read_file(path, limit=MAX_REGISTRATION_BYTES, what="a registrations file", missing=missing)
    participants = read_registrations(data, str(path), meeting.registrations.columns, meeting.delegations)
    return replace(meeting, participants=participants)


def read_registrations(
    data: bytes, file: str, columns: tuple[tuple[str, str], ...], delegations: tuple[Delegation, ...]
) -> tuple[Participant, ...]:
    """Registrations from a CSV (UTF-8, with or without BOM) or XLSX file's bytes, in the file's order."""
    settings = dict(columns)
    return _participants(tables.rows(data, file, settings.get("(sheet)")), file, settings, delegations)


def _column_map(heading: list[str], file: str, settings: dict[str, str]) -> dict[str, int]:
    """Which column holds each field; one problem naming every missing column and the columns found."""
    found = {cell.strip().casefold(): index for index, cell in reversed(list(enumerate(heading))) if cell.strip()}
    positions: dict[str, int] = {}
    missing: list[str] = []
    for name, candidates in DEFAULT_COLUMNS.items():
        wanted = (settings[name],) if name in settings else candidates
        index = next((found[c.casefold()] for c in wanted if c.casefold() in found), None)
        if index is not None:
            positions[name] = index
        elif name in settings or name not in OPTIONAL_FIELDS:
            missing.append(f"{name} (column {' or '.join(repr(c) for c in wanted)})")
    if missing:
        listed = ", ".join(repr(cell.strip()) for cell in heading if cell.strip()) or "none"
        raise ConfigError([Problem(file=file, line=1, message=(
            f"missing column{'s' if len(missing) > 1 else ''}: {'; '.join(missing)}. The columns found are: {listed}. "
            "Name the columns in the configuration under participants.columns"))])
    return positions


class Delegations:
    """Finds the configured delegation a registration names, by its name or a name the reference knows."""

    def __init__(self, delegations: tuple[Delegation, ...]) -> None:
        # On one line, as the registration's cell is read: a configured name may hold a line break.
        self.by_key = {sort_key(_one_line(d.name)): d for d in delegations}
        self.names = sorted((_one_line(d.name) for d in delegations), key=sort_key)
        self.cache: dict[str, Delegation | str] = {}

    def find(self, name: str) -> Delegation | str:
        """The delegation, or the message explaining why there is none."""
        if name in self.cache:
            return self.cache[name]
        result = self._find(name)
        self.cache[name] = result
        return result

    def _find(self, name: str) -> Delegation | str:
        key = sort_key(_one_line(name))
        if key in self.by_key:
            return self.by_key[key]
        from meetplan import reference

        known = reference.find_state(name) or reference.find_organization(name)
        if known is not None:
            if sort_key(known.name) in self.by_key:
                return self.by_key[sort_key(known.name)]
            return f"{known.name} is not among the delegations in the configuration (delegations:)"
        close = difflib.get_close_matches(name, self.names, n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        return f"unknown delegation {name!r}{hint}"


def _participants(rows: Iterable[tuple[int, list[str]]], file: str, settings: dict[str, str], delegations: tuple[Delegation, ...]) -> tuple[Participant, ...]:
    iterator = iter(rows)
    heading = next(iterator, None)
    if heading is None:
        raise ConfigError([Problem(file=file, field="(file)", message="is empty: expected a heading row and one row per person")])
    positions = _column_map(heading[1], file, settings)
    names = {name: heading[1][index].strip() for name, index in positions.items()}
    width = max(positions.values()) + 1
    lookup = Delegations(delegations)
    problems: list[Problem] = []
    participants: list[Participant] = []
    skipped = 0

    def problem(row: int, name: str, message: str, field: str | None = None) -> None:
        nonlocal skipped
        if len(problems) < MAX_ROW_PROBLEMS:
            problems.append(Problem(file=file, line=row, field=field or f"column {names[name]!r}", message=message))
        else:
            skipped += 1

    get_title, get_email = positions.get("title"), positions.get("email")
    rows_read = 0
    for row, cells in iterator:
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        if not any(cell.strip() for cell in cells):
            continue  # blank lines at the end of an export
        rows_read += 1
        shifted = tables.overflow(heading[1], cells)
        if shifted is not None:
            problem(row, "", shifted[1], field=shifted[0])
            continue
        given = _clean(cells[positions["given_name"]])
        family = _clean(cells[positions["family_name"]])
        if not given and not family:
            problem(row, "family_name", "no name: give the family name, the given name or both")
        delegation_text = _clean(cells[positions["delegation"]])
        delegation: Delegation | str = lookup.find(delegation_text) if delegation_text else "missing: which delegation the person belongs to"
        if isinstance(delegation, str):
            problem(row, "delegation", delegation)
        wish = _clean(cells[positions["participation"]])
        requested = ATTENDANCE_WORDS.get(wish.casefold())
        if requested is None:
            problem(row, "participation", f"must be \"In person\" or \"Online\", not {wish!r}" if wish else "missing: \"In person\" or \"Online\"")
        if isinstance(delegation, str) or requested is None or (not given and not family):
            continue
        participants.append(Participant(
            given_name=given,
            family_name=family,
            title=_clean(cells[get_title]) or None if get_title is not None else None,
            delegation=delegation,
            email=_clean(cells[get_email]) or None if get_email is not None else None,
            requested=requested,
            row=row,
        ))
    if skipped:
        problems.append(Problem(file=file, message=f"and {skipped:,} more problems in further rows"))
    if not rows_read:
        # An export made before anyone registered: a list of participants with nobody on it is not what was meant.
        problems.append(Problem(file=file, line=heading[0], field="(file)", message=(
            "has a heading row and no registrations: export the registrations again, or leave participants.registrations "
            "out until people have registered")))
    if problems:
        raise ConfigError(problems)
    return tuple(participants)


_SPACES = re.compile(r"\s+")


def _clean(cell: str) -> str:
    """The cell's text on one line: exports carry stray line breaks and non-breaking spaces."""
    return _SPACES.sub(" ", cell).strip()


def _one_line(name: str) -> str:
    return " ".join(name.split())
