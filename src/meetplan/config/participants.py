"""The ``participants:`` section, and the registrations file it names (the only reader of that file).

``read_registrations`` reads a CSV or XLSX file's bytes (one row per person, a heading row first) and
reports each bad row by file, row and column, at most ``MAX_ROW_PROBLEMS`` of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from msgspec.structs import replace

from meetplan import fieldtext, tables
from meetplan.config import convert
from meetplan.config.delegations import CATEGORY_KEYS, Delegations
from meetplan.config.reader import Key, Reader, Section
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
from meetplan.names import in_latin_script

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
    "latin_name": ("Name in Latin script", "Name (Latin script)", "Latin name"),
}
OPTIONAL_FIELDS = ("title", "email", "latin_name")  # a file without them still gives a list of participants
# Headings of a courtesy-title column, read as the salutation when another column holds the function.
SALUTATION_HEADINGS = ("title", "salutation", "courtesy title")
ATTENDANCE_WORDS: dict[str, Attendance] = {
    **dict.fromkeys(("in person", "in-person", "inperson", "on site", "onsite", "on-site", "in the room", "physical", "present"), Attendance.IN_PERSON),
    **dict.fromkeys(("online", "on line", "on-line", "remote", "remotely", "virtual", "virtually"), Attendance.ONLINE),
}
MAX_ROW_PROBLEMS = 50  # a file that is wrong throughout says so in fifty lines, not a hundred thousand
# About 30,000,000 bytes hold 250,000 registrations (100,000 take 12 MB), more than the largest conference has;
# a larger file is a wrong file (a disk image, a log), refused before it is read.
MAX_REGISTRATION_BYTES = 30_000_000

COLUMNS = Section(tuple(
    Key(name=name, kind=convert.TEXT, doc=f"The heading of the {name.replace('_', ' ')} column (by default {' or '.join(headings)}).")
    for name, headings in DEFAULT_COLUMNS.items()
), doc="The registrations file's headings, where they differ from Indico's export.")
PER_DELEGATION = Section(tuple(
    Key(name=name, kind=convert.NON_NEGATIVE_INT, doc=f"Seats in the room for each delegation of the {name.replace('_', '-')}.")
    for name in CATEGORY_KEYS
), doc="The seats each delegation may take in the room, by category.")
PARTICIPANTS = Section((
    Key(name="registrations", kind=convert.FILE_NAME, doc="The registrations file, CSV or XLSX, relative to this file.", required=True),
    Key(name="symbol", kind=convert.TEXT, doc="The symbol of the list of participants."),
    Key(name="synthetic", kind=convert.BOOLEAN, default=False,
        doc="Whether the registrations are generated test data; the list of participants then carries a visible mark."),
    Key(name="columns", kind=COLUMNS, doc="The file's headings, where they differ from Indico's export."),
    Key(name="sheet", kind=convert.TEXT, doc="The sheet of an XLSX file (the first when left out)."),
    Key(name="seats", kind=convert.NON_NEGATIVE_INT, doc="The seats in the meeting room for delegates."),
    Key(name="per_delegation", kind=PER_DELEGATION, doc="The seats each delegation may take, by category."),
), doc="The registrations and the room's seats.")


def parse_participants(reader: Reader, value: Any, line: int | None) -> tuple[RegistrationSource | None, Seating | None, str | None]:
    """The ``participants:`` section: where the registrations are (relative to the configuration file), their
    columns, the room's seats, and the symbol of the list of participants; (None, None, None) when unusable."""
    section = reader.mapping(value, "participants", line)
    if section is None:
        return None, None, None
    values = reader.read(section, PARTICIPANTS, "participants")
    columns = tuple((name, heading) for name, heading in (values["columns"] or {}).items() if heading is not None)
    if values["sheet"] is not None:
        columns = (*columns, ("(sheet)", values["sheet"]))
    source = None
    if values["registrations"] is not None:
        # Relative to the configuration file, so that a build works from any folder.
        path = Path(reader.file).parent / values["registrations"]
        origin = Origin(file=reader.file, line=section.key_lines["registrations"], field="participants.registrations")
        source = RegistrationSource(path=str(path), columns=columns, synthetic=values["synthetic"], origin=origin)
    quota: tuple[tuple[DelegationCategory, int], ...] = tuple(
        (CATEGORY_KEYS[name], number) for name, number in (values["per_delegation"] or {}).items() if number is not None)
    seating = None
    if values["seats"] is not None:
        seating = Seating(capacity=values["seats"], quota=quota)
    elif quota:
        reader.problem(section.line, "participants.seats", "missing: per_delegation limits seats in a room, so give the room's number of seats")
    return source, seating, values["symbol"]


# --- the registrations file -----------------------------------------------------------------------------------


def attach_registrations(meeting: Meeting) -> Meeting:
    """The meeting with its participants read from the registrations file it names (if it names one).

    Raises ConfigError naming the file (and the configuration's line for a missing one) and each bad row.
    """
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
    """Registrations from a CSV (UTF-8, with or without BOM) or XLSX file's bytes, in the file's order.

    ``columns`` are (field, heading) pairs overriding DEFAULT_COLUMNS ("(sheet)" names the sheet); each row's
    delegation must be one of ``delegations``. Raises ConfigError with every bad row (at most 50, then a count).
    """
    settings = dict(columns)
    return _participants(tables.rows(data, file, settings.get("(sheet)")), file, settings, delegations)


def _column_map(heading: list[str], file: str, settings: dict[str, str], line: int = 1) -> dict[str, int]:
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
        raise ConfigError([Problem(file=file, line=line, message=(
            f"missing column{'s' if len(missing) > 1 else ''}: {'; '.join(missing)}. The columns found are: {listed}. "
            "Name the columns in the configuration under participants.columns"))])
    return positions


def _participants(rows: Iterable[tuple[int, list[str]]], file: str, settings: dict[str, str], delegations: tuple[Delegation, ...]) -> tuple[Participant, ...]:
    iterator = iter(rows)
    heading = next(iterator, None)
    if heading is None:
        raise ConfigError([Problem(file=file, field="(file)", message="is empty: expected a heading row and one row per person")])
    reading = _Registrations(file, heading[1], _column_map(heading[1], file, settings, line=heading[0]), delegations)
    participants: list[Participant] = []
    rows_read = 0
    for row, cells in iterator:
        if not any(cell.strip() for cell in cells):
            continue  # blank lines at the end of an export
        rows_read += 1
        found = reading.row(row, cells)
        if found is not None:
            participants.append(found)
    problems = reading.problems
    if reading.skipped:
        problems.append(Problem(file=file, message=f"and {reading.skipped:,} more problems in further rows"))
    if not rows_read:
        # An export made before anyone registered: a list of participants with nobody on it is not what was meant.
        problems.append(Problem(file=file, line=heading[0], field="(file)", message=(
            "has a heading row and no registrations: export the registrations again, or leave participants.registrations "
            "out until people have registered")))
    if problems:
        raise ConfigError(problems)
    return tuple(participants)


class _Registrations:
    """Reads a registrations file's rows, collecting at most MAX_ROW_PROBLEMS problems (then a count)."""

    def __init__(self, file: str, heading: list[str], positions: dict[str, int], delegations: tuple[Delegation, ...]) -> None:
        self.file, self.heading, self.positions = file, heading, positions
        # Indico's "Title" is the courtesy title (Mr, Ms, Dr); where another column holds the function, it is read
        # as the salutation. A courtesy title in the function's column is a salutation too (see _title).
        self.salutation_at = next((index for index, cell in enumerate(heading)
                                   if cell.strip().casefold() in SALUTATION_HEADINGS and index != positions.get("title")), None)
        self.names = {name: heading[index].strip() for name, index in positions.items()}
        if self.salutation_at is not None:
            self.names["salutation"] = heading[self.salutation_at].strip()
        self.width = max(*positions.values(), self.salutation_at or 0) + 1
        self.lookup = Delegations(delegations)
        # The same person registered twice (people resubmit forms): by name and delegation, and e-mail address
        # where both rows give one, so that two people of one name in a delegation, or one assistant's address for
        # several delegates, are not taken for one.
        self.seen: dict[tuple[str, str, str], dict[str | None, int]] = {}  # person -> e-mail (folded, or None) -> first row
        self.problems: list[Problem] = []
        self.skipped = 0

    def problem(self, row: int, name: str, message: str, field: str | None = None) -> None:
        if len(self.problems) < MAX_ROW_PROBLEMS:
            self.problems.append(Problem(file=self.file, line=row, field=field or f"column {self.names[name]!r}", message=message))
        else:
            self.skipped += 1

    def row(self, row: int, cells: list[str]) -> Participant | None:
        """The row's participant, or None when the row has a problem (reported)."""
        if len(cells) < self.width:
            cells = cells + [""] * (self.width - len(cells))
        shifted = tables.overflow(self.heading, cells)
        if shifted is not None:
            self.problem(row, "", shifted[1], field=shifted[0])
            return None
        at = self.positions
        given, family = _clean(cells[at["given_name"]]), _clean(cells[at["family_name"]])
        if not given and not family:
            self.problem(row, "family_name", "no name: give the family name, the given name or both")
        delegation = self._delegation(row, _clean(cells[at["delegation"]]))
        requested = self._requested(row, _clean(cells[at["participation"]]))
        title, salutation = self._title(cells)
        latin = _clean(cells[at["latin_name"]]) if "latin_name" in at else ""
        refused = self._contact(row, {"given_name": given, "family_name": family, "title": title, "salutation": salutation, "latin_name": latin})
        if latin and not in_latin_script(latin):
            self.problem(row, "latin_name", "is not in Latin script: give the name as written in Latin letters, or leave it empty")
            refused = True
        if delegation is None or requested is None or (not given and not family) or refused:
            return None
        get_email = at.get("email")
        email = _clean(cells[get_email]) or None if get_email is not None else None
        if self._repeated(row, given, family, delegation, email):
            return None
        return Participant(given_name=given, family_name=family, title=title or None, delegation=delegation, email=email,
                           requested=requested, row=row, salutation=salutation or None, latin_name=latin or None)

    def _delegation(self, row: int, written: str) -> Delegation | None:
        found = self.lookup.find(written) if written else "missing: which delegation the person belongs to"
        if isinstance(found, str):
            self.problem(row, "delegation", found)
            return None
        return found

    def _requested(self, row: int, wish: str) -> Attendance | None:
        requested = ATTENDANCE_WORDS.get(wish.casefold())
        if requested is None:
            self.problem(row, "participation", f"must be \"In person\" or \"Online\", not {wish!r}" if wish else "missing: \"In person\" or \"Online\"")
        return requested

    def _title(self, cells: list[str]) -> tuple[str, str]:
        """(function, salutation): "Ms" is no function, so that the list never prints "Anna Beispiel, Ms"."""
        get_title = self.positions.get("title")
        title = _clean(cells[get_title]) if get_title is not None else ""
        salutation = _clean(cells[self.salutation_at]) if self.salutation_at is not None else ""
        if fieldtext.is_courtesy_title(title):
            return "", salutation or title
        return title, salutation

    def _contact(self, row: int, published: dict[str, str]) -> bool:
        """Names and functions are published: an e-mail address or telephone number typed into one stops the build."""
        if not fieldtext.may_hold_contact_details("\n".join(published.values())):
            return False
        contact = False
        for name, text in published.items():
            found = fieldtext.contact_details(text) if text else None
            if found is not None:
                self.problem(row, name, found)
                contact = True
        return contact

    def _repeated(self, row: int, given: str, family: str, delegation: Delegation, email: str | None) -> bool:
        """Whether an earlier row registered the same person (reported), else remembers this one."""
        key = fieldtext.person_key(given, family, delegation.name)
        address = email.casefold() if email else None
        rows_of = self.seen.get(key)
        if rows_of is None:
            self.seen[key] = {address: row}
            return False
        # The same address, or an earlier row without one; a row without one repeats any earlier row.
        earlier = (rows_of.get(address) or rows_of.get(None)) if address else min(rows_of.values())
        if earlier is None:
            rows_of[address] = row
            return False
        who = ", ".join(part for part in (f"{given} {family}".strip(), delegation.name, email) if part)
        self.problem(row, "email" if email else "family_name", f"the same person as row {earlier} ({who}): remove one of the two registrations")
        return True


_SPACES = re.compile(r"\s+")


def _clean(cell: str) -> str:
    """The cell's text on one line: exports carry stray line breaks and non-breaking spaces."""
    if cell.isprintable() and "  " not in cell:  # most cells: no space but single ASCII ones (see str.isprintable)
        return cell.strip()
    return _SPACES.sub(" ", cell).strip()


