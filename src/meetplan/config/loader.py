"""``load`` reads a configuration and the data files it names; ``parse`` turns parsed YAML into the model.

Every problem is collected with its file, line and field, and all of them are reported at once.
"""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path
from typing import Any

from msgspec.structs import replace

from meetplan.config import convert
from meetplan.config.agenda import AGENDA_SCHEMA, parse_agenda
from meetplan.config.bodies import PARALLEL, check_room_seats, parse_parallel
from meetplan.config.days import DAYS, parse_days
from meetplan.config.delegations import DELEGATIONS, parse_delegations
from meetplan.config.meeting import MEETING
from meetplan.config.participants import PARTICIPANTS, attach_registrations, parse_participants
from meetplan.config.progress import attach_progress, named_record
from meetplan.config.reader import Context, Key, Reader, Section, Structure
from meetplan.config.report import REPORT, parse_report
from meetplan.config.speakers import SPEAKERS, attach_inscriptions, attach_statement_texts, parse_speakers
from meetplan.config.translations import TRANSLATIONS
from meetplan.errors import ConfigError, Problem
from meetplan.model import Format, Meeting, Term
from meetplan.yamlsource import LineDict, load_yaml

MAX_CONFIG_BYTES = 5_000_000  # a meeting's configuration is a few kilobytes; refuse to parse a stray dump

TOP = Section((
    Key(name="meeting", kind=MEETING, doc=MEETING.doc, required=True),
    Key(name="days", kind=DAYS, doc=DAYS.doc, required=True),
    Key(name="agenda", kind=Structure(lambda *_: None, AGENDA_SCHEMA), doc="The agenda items in order.", required=True),
    Key(name="delegations", kind=DELEGATIONS, doc=DELEGATIONS.doc),
    Key(name="participants", kind=PARTICIPANTS, doc=PARTICIPANTS.doc),
    Key(name="speakers", kind=SPEAKERS, doc=SPEAKERS.doc),
    Key(name="report", kind=REPORT, doc=REPORT.doc),
    Key(name="translations", kind=TRANSLATIONS, doc="The meeting's text in the other official languages, by code (fr, es, ru, zh, ar)."),
    Key(name="progress", kind=convert.FILE_NAME, doc="The record of progress (a YAML file, relative to this one): the plenary meetings held, cancelled and added."),
    Key(name="parallel", kind=PARALLEL, doc=PARALLEL.doc),
), doc="A meetplan configuration: one meeting, its days, its agenda, and what the outputs need.")


def parse(data: Any, file: str) -> Meeting:
    """Turn parsed YAML (yamlsource's LineDicts) into the model, or raise ConfigError listing every problem.

    ``file`` names the configuration in messages, and data files are found relative to it. Data files are not
    read here (``load`` reads them).
    """
    reader = Reader(file)
    root = _root(reader, data)
    meeting_map = reader.mapping(root["meeting"], "meeting", root.key_lines["meeting"]) if "meeting" in root else None
    meeting_map = meeting_map if meeting_map is not None else _empty()
    reader.known_keys(meeting_map, MEETING.names, "meeting")
    # The meeting's values are read first (the days need the time zone) but their problems are reported after
    # the other sections', as they always have been: the messages of tests/bad_input are the contract.
    held = Reader(file)
    values = {key.name: held.value(meeting_map, key, "meeting") for key in MEETING.keys}
    meeting = _sections(reader, root, values)
    lines = [*root.key_lines.items(), *((f"meeting.{key}", line) for key, line in meeting_map.key_lines.items())]
    meeting = replace(meeting, lines=tuple(lines))
    reader.problems.extend(held.problems)
    if meeting.format is not Format.IN_PERSON and meeting.online is None and "online" not in meeting_map:
        reader.problem(meeting_map.line, "meeting.online", f"missing: a {meeting.format.value} meeting needs the platform (and link) delegates connect through")
    if reader.problems:
        raise ConfigError(reader.problems)
    return meeting


def _root(reader: Reader, data: Any) -> LineDict:
    if data is None:
        reader.problem(None, "(file)", "is empty; a configuration has the sections meeting, days and agenda (meetplan init FILE writes a starter)")
        raise ConfigError(reader.problems)
    root = reader.mapping(data, "(file)", 1)
    if root is None:
        raise ConfigError(reader.problems)
    reader.known_keys(root, TOP.names, "")
    for key in TOP.keys:
        if key.required and key.name not in root:
            reader.problem(None, key.name, "missing section")
    return root


def _sections(reader: Reader, root: LineDict, values: dict[str, Any]) -> Meeting:
    """The sections after meeting:, each read with what the earlier ones gave."""
    days_map = reader.mapping(root["days"], "days", root.key_lines["days"]) if "days" in root else None
    days = parse_days(reader, days_map, values["time_zone"]) if days_map is not None else ()
    agenda = parse_agenda(reader, root["agenda"], root.key_lines["agenda"], days) if "agenda" in root else ()
    delegations = parse_delegations(reader, root["delegations"], root.key_lines["delegations"]) if "delegations" in root else ()
    registrations, seating, symbol = parse_participants(reader, root["participants"], root.key_lines["participants"]) if "participants" in root else (None, None, None)
    if registrations is not None and not delegations:
        reader.problem(root.key_lines["participants"], "participants", "registrations need the delegations: section to say who attends")
    fmt = values["format"] or Format.IN_PERSON
    reader.context = Context(config_file=reader.file, body=values["body"] or "", format=fmt, days=days, agenda=agenda, delegations=delegations)
    speakers = parse_speakers(reader, root["speakers"], root.key_lines["speakers"]) if "speakers" in root else None
    report = parse_report(reader, root["report"], root.key_lines["report"]) if "report" in root else None
    translations = TRANSLATIONS.read(reader, root["translations"], "translations", root.key_lines["translations"]) if root.get("translations") is not None else ()
    progress = named_record(reader, root["progress"], root.key_lines["progress"]) if root.get("progress") is not None else None
    parallel = parse_parallel(reader, root["parallel"], root.key_lines["parallel"]) if "parallel" in root else None
    if parallel is not None and seating is not None:
        check_room_seats(reader, parallel, values["room"], root.get("participants"), seating.capacity)
    return Meeting(
        body=values["body"] or "", parent_body=values["parent_body"], ordinal=values["ordinal"] or 1, symbol=values["symbol"] or "",
        venue=values["venue"] or "", room=values["room"], time_zone=values["time_zone"] or "UTC", format=fmt, online=values["online"],
        issued=values["issued"] or dt.date(2000, 1, 1), revision=values["revision"], days=days,
        plenary_limit=values["plenary_meetings"] or 0, agenda=agenda, source=reader.file, delegations=delegations,
        registrations=registrations, seating=seating, participants_symbol=symbol, speakers=speakers, report=report,
        term=values["term"] or default_term(values["body"] or ""), short_name=values["short_name"],
        time_heading=values["time_heading"] or "Date and time", parent_rows=bool(values["parent_rows"]),
        annex_masthead=bool(values["annex_masthead"]), progress=progress,
        translations=translations,
        parallel=parallel,
    )


SESSION_BODIES = ("conference", "commission", "committee", "council", "assembly", "board", "forum")


def default_term(body: str) -> Term:
    """Conferences, commissions, committees, councils, assemblies, boards and forums hold sessions; Working Groups
    (and any other body) number their meetings, as the Working Group's documents do."""
    lowered = body.lower()
    if "working group" in lowered or "groupe de travail" in lowered:
        return Term.MEETING
    return Term.SESSION if any(word in lowered for word in SESSION_BODIES) else Term.MEETING


def _empty() -> LineDict:
    empty = LineDict()
    empty.line, empty.key_lines = 1, {}
    return empty


def read_text(path: Path) -> str:
    """A configuration file's text (UTF-8, with or without BOM); ConfigError naming the file when it cannot be read."""
    file = str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):
            # A pipe or a device would be read until someone writes to it: the build would hang.
            raise ConfigError([Problem(file=file, message="is not a file (a pipe, a socket or a device); name the configuration file itself")])
        if info.st_size > MAX_CONFIG_BYTES:
            raise ConfigError([Problem(file=file, message=f"is {info.st_size:,} bytes; a configuration is at most {MAX_CONFIG_BYTES:,}")])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError([Problem(file=file, message="no such file")]) from None
    except IsADirectoryError:
        raise ConfigError([Problem(file=file, message="is a folder, not a file")]) from None
    except OSError as error:
        raise ConfigError([Problem(file=file, message=f"cannot be read: {error.strerror}")]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ConfigError([Problem(file=file, line=line, message=f"is not UTF-8 text (byte 0x{raw[error.start]:02x}); save it as UTF-8")]) from None


def load(path: Path | str) -> Meeting:
    """Read and parse a configuration file, then the registrations and inscriptions files it names.

    Raises ConfigError with every problem found (a file's problems once the configuration itself is valid:
    rows are checked against its delegations and agenda).
    """
    path = Path(path)
    meeting = attach_registrations(parse(load_yaml(read_text(path), str(path)), str(path)))
    return attach_progress(attach_statement_texts(attach_inscriptions(meeting)), read_text)

