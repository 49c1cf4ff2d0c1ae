"""The ``report:`` section: what the report's organizational part needs that the data cannot say, and the record.

Agenda items, plenary meeting numbers and delegations are checked against the agenda, days and delegations of
``reader.context`` (the sections read before this one).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from meetplan.config import convert
from meetplan.config.reader import Key, Kind, Reader, Section, Structure, entries
from meetplan.model import AgendaItem, Origin, ReportRecord, ReportSettings
from meetplan.style import join_list, ordinal, sort_key
from meetplan.yamlsource import LineDict

DEFAULT_SUMMARY_HEADING = "Chair's summary of deliberations"


def paragraph_numbers(value: Any) -> tuple[int, ...]:
    """Paragraph numbers in increasing order: 5 or [5, 11]."""
    numbers = tuple(convert.numbers(value))
    if list(numbers) != sorted(set(numbers)):
        raise ValueError(f"must be paragraph numbers in increasing order, such as [5, 11], not {list(numbers)}")
    return numbers


def document_url(value: Any) -> str:
    """An https:// address with {symbol} where a document's symbol goes."""
    url = convert.text(value)
    if not re.match(r"^https://[^\s<>\"]+$", url) or "{symbol}" not in url:
        raise ValueError(f"must be an https:// address containing {{symbol}}, such as https://undocs.org/{{symbol}}, not {url!r}")
    return url


def meetings_list(value: Any) -> tuple[int, ...]:
    """Plenary meeting numbers, sorted, each once: 2 or [2, 3]."""
    if isinstance(value, list) and not value:
        raise ValueError("must name at least one plenary meeting, such as [2, 3]")
    return tuple(sorted(set(convert.plenary_numbers(value))))


def item_numbers(value: Any, agenda: tuple[AgendaItem, ...]) -> tuple[int, ...]:
    """Agenda item numbers, sorted, each an item of ``agenda``."""
    numbers = tuple(sorted(set(convert.numbers(value))))
    unknown = [n for n in numbers if n > len(agenda)]
    if unknown:
        raise ValueError(f"there is no agenda item {join_list(str(n) for n in unknown)} (the agenda has {len(agenda)})")
    return numbers


def _one_line(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


def _pairs(reader: Reader, value: Any, field: str, line: int | None) -> tuple[tuple[str, str], ...]:
    """A mapping of text to text, in the order written."""
    pairs: list[tuple[str, str]] = []
    for name, entry, entry_line in entries(reader, value, field, line):
        try:
            pairs.append((_one_line(str(name)), convert.text(entry)))
        except ValueError as error:
            reader.problem(entry_line, f"{field}.{name}", str(error))
    return tuple(pairs)


def _dates(reader: Reader, value: Any, field: str, line: int | None) -> tuple[tuple[int, dt.date], ...]:
    dates: list[tuple[int, dt.date]] = []
    for key, entry, key_line in entries(reader, value, field, line):
        if not (isinstance(key, int) and not isinstance(key, bool) and 1 <= key <= convert.MAX_PLENARIES):
            reader.problem(key_line, f"{field}.{key}", f"must be a plenary meeting number such as 4, not {key!r}")
            continue
        try:
            dates.append((key, convert.date(entry)))
        except ValueError as error:
            reader.problem(key_line, f"{field}.{key}", str(error))
    return tuple(sorted(dates))


Considered = tuple[tuple[str, ...], tuple[int, ...], int | None, str]  # (labels, meetings, line, field)


def _considered(reader: Reader, value: Any, field: str, line: int | None) -> tuple[Considered, ...]:
    agenda = reader.context.agenda
    labels = {entry.label: entry for entry in (sub for item in agenda for sub in item.sub_items or (item,))}
    parents = {str(item.number): item for item in agenda}
    found: list[Considered] = []
    for key, entry, key_line in entries(reader, value, field, line):
        label = re.sub(r"\s*\(?([a-z])\)?$", r" (\1)", str(key).strip()) if not isinstance(key, int) else str(key)
        if label not in labels and label not in parents:
            reader.problem(key_line, f"{field}.{key}", f"there is no agenda item {key} (items: {', '.join(labels)})")
            continue
        try:
            numbers = meetings_list(entry)
        except ValueError as error:
            reader.problem(key_line, f"{field}.{key}", str(error))
            continue
        item = parents.get(label)
        # An item with sub-items stands for all of them: each was considered at those meetings.
        covered = item.sub_items if item and item.sub_items else (labels.get(label) or item,)
        found.append((tuple(e.label for e in covered if e is not None), numbers, key_line, f"{field}.{key}"))
    return tuple(found)


def _secretariat(reader: Reader, value: Any, field: str, line: int | None) -> tuple[int, ...]:
    try:
        return item_numbers(value, reader.context.agenda)
    except ValueError as error:
        reader.problem(line, field, str(error))
        return ()


def _presiding(reader: Reader, value: Any, field: str, line: int | None) -> tuple[tuple[int, str], ...]:
    presiding: list[tuple[int, str]] = []
    for key, entry, key_line in entries(reader, value, field, line):
        try:
            presiding.append((item_numbers(key, reader.context.agenda)[0], convert.text(entry)))
        except ValueError as error:
            reader.problem(key_line, f"{field}.{key}", str(error))
    return tuple(presiding)


def _speakers_by_item(reader: Reader, value: Any, field: str, line: int | None) -> tuple[tuple[int, str], ...]:
    """{item: [delegation, ...]}: each name one of the delegations: section's."""
    known = {sort_key(d.name): d.name for d in reader.context.delegations}
    pairs: list[tuple[int, str]] = []
    for item_key, names, item_line in entries(reader, value, field, line):
        try:
            number = item_numbers(item_key, reader.context.agenda)[0]
        except ValueError as error:
            reader.problem(item_line, f"{field}.{item_key}", str(error))
            continue
        for name in names if isinstance(names, list) else [names]:
            try:
                written = convert.text(name)
            except ValueError as error:
                reader.problem(item_line, f"{field}.{item_key}", str(error))
                continue
            if sort_key(written) not in known:
                reader.problem(item_line, f"{field}.{item_key}", f"{written!r} is not among the delegations: section's delegations")
                continue
            pairs.append((number, known[sort_key(written)]))
    return tuple(pairs)


_BY_ITEM: dict[str, Any] = {"type": "object", "additionalProperties": {"anyOf": [convert.TEXT_SCHEMA, {"type": "array", "items": convert.TEXT_SCHEMA}]}}
_MEETING_NUMBERS: dict[str, Any] = {"type": "object", "additionalProperties": convert.NUMBERS_SCHEMA}
RECORD = Section((
    Key(name="held", kind=convert.PLENARY_NUMBER, doc="How many plenary meetings were held, when not as planned."),
    Key(name="dates", kind=Structure(_dates, {"type": "object", "additionalProperties": convert.DATE_SCHEMA}),
        doc="The date of a plenary meeting, by number, when not as planned.", default=()),
    Key(name="considered", kind=Structure(_considered, _MEETING_NUMBERS),
        doc="The plenary meetings at which an item was considered, by item, when not as planned.", default=()),
    Key(name="secretariat_statements", kind=Structure(_secretariat, convert.NUMBERS_SCHEMA),
        doc="The items under which the Secretariat made statements.", default=()),
    Key(name="presiding", kind=Structure(_presiding, {"type": "object", "additionalProperties": convert.TEXT_SCHEMA}),
        doc="Who presided over an item, by item, when not the Chair.", default=()),
    Key(name="participants_list", kind=convert.TEXT, doc="The symbol of the list of participants as issued (a revision)."),
    Key(name="spoke", kind=Structure(_speakers_by_item, _BY_ITEM), doc="The delegations that made statements, by item.", default=()),
    Key(name="did_not_speak", kind=Structure(_speakers_by_item, _BY_ITEM),
        doc="Inscribed delegations that did not speak, by item.", default=()),
), doc="What happened, where it differs from the plan.")
FORMAT = Section((
    Key(name="agreed", kind=convert.TEXT, doc="Who agreed the format, and when."),
    Key(name="details", kind=convert.TEXT, doc="How the format worked."),
), doc="The meeting's format as the report tells it.")
OPENING = Section((
    Key(name="by", kind=convert.TEXT, doc="Who opened the meeting, such as Francesco Testa.", required=True,
        missing="missing (who opened the meeting, such as Francesco Testa)"),
    Key(name="state", kind=convert.TEXT, doc="The State of the person who opened it."),
    Key(name="function", kind=convert.TEXT, doc="Their function."),
    Key(name="text", kind=convert.TEXT, doc="What they said, as the report tells it."),
), doc="The opening of the meeting.")
_PAIRS: dict[str, Any] = {"type": "object", "additionalProperties": convert.TEXT_SCHEMA}
REPORT = Section((
    Key(name="instrument", kind=convert.TEXT, doc="The instrument the body works under, such as Smuggling of Migrants Protocol.", required=True),
    Key(name="short_name", kind=convert.TEXT, doc="The body's short name (by default its name before \"on\", \"of\"...)."),
    Key(name="first_paragraph", kind=convert.POSITIVE_INT, doc="The number of the organizational part's first paragraph."),
    Key(name="chapter", kind=convert.POSITIVE_INT, doc="The number of the chapter \"Organization of the meeting\"."),
    Key(name="summary", kind=Kind(paragraph_numbers, convert.NUMBERS_SCHEMA),
        doc="The numbers of the summary's framing paragraphs, one per item or group of items.", default=()),
    Key(name="summary_heading", kind=convert.TEXT, doc="The summary chapter's heading.", default=DEFAULT_SUMMARY_HEADING),
    Key(name="symbol", kind=convert.TEXT, doc="The report's symbol."),
    Key(name="issued", kind=convert.DATE, doc="The date the report is issued (the annex's when left out)."),
    Key(name="format", kind=FORMAT, doc="The meeting's format as the report tells it."),
    Key(name="opening", kind=OPENING, doc="Who opened the meeting."),
    Key(name="documents", kind=Structure(_pairs, _PAIRS), doc="Descriptions of documents, by symbol.", default=()),
    Key(name="document_url", kind=Kind(document_url, {"type": "string", "pattern": "^https://.*\\{symbol\\}"}),
        doc="The address of a document, {symbol} standing for its symbol."),
    Key(name="names", kind=Structure(_pairs, _PAIRS), doc="Speakers as the report names them, by name.", default=()),
    Key(name="record", kind=RECORD, doc="What happened, where it differs from the plan."),
), doc="The report's organizational part.")


def short_name(body: str) -> str:
    """"Working Group on the Smuggling of Migrants" -> "Working Group": the name before its subject."""
    return re.split(r" (?:on|of|to|for) ", body, maxsplit=1)[0]


def parse_report(reader: Reader, value: Any, line: int | None) -> ReportSettings | None:
    """The ``report:`` section as ReportSettings; None (and a problem) when it is no mapping.

    Read in the order its checks need (the record, the numbering, the rest), so that problems come in that order.
    """
    section = reader.mapping(value, "report", line)
    if section is None:
        return None
    reader.known_keys(section, REPORT.names, "report")
    record = _record(reader, section.get("record"), section.key_lines.get("record"))
    summary, first, chapter = _numbering(reader, section)
    # The structured keys before the texts, as their problems have always come.
    values = reader.values(section, REPORT, "report", ("format", "opening", "document_url"))
    values |= reader.values(section, REPORT, "report", tuple(n for n in REPORT.names if n not in (*values, *_NUMBERING, "record")))
    fmt, opening = values["format"] or {}, values["opening"] or {}
    return ReportSettings(
        instrument=values["instrument"] or "", short_name=values["short_name"] or short_name(reader.context.body),
        first_paragraph=first, chapter=chapter, summary=summary, summary_heading=values["summary_heading"],
        symbol=values["symbol"], issued=values["issued"], format_agreed=fmt.get("agreed"), format_details=fmt.get("details"),
        opened_by=opening.get("by"), opened_by_state=opening.get("state"), opened_by_function=opening.get("function"),
        opening=opening.get("text"), documents=values["documents"], document_url=values["document_url"], names=values["names"],
        record=record, origin=Origin(file=reader.file, line=section.line, field="report"),
    )


_NUMBERING = ("summary", "first_paragraph", "chapter")


def _numbering(reader: Reader, section: LineDict) -> tuple[tuple[int, ...], int, int]:
    """(summary paragraphs, first paragraph, chapter): the organizational part follows the summary."""
    values = reader.values(section, REPORT, "report", _NUMBERING)
    summary = values["summary"]
    first = values["first_paragraph"] or (summary[-1] + 1 if summary else 1)
    if summary and summary[-1] >= first:
        reader.problem(section.key_lines.get("first_paragraph", section.line), "report.first_paragraph",
                       f"{first} does not follow the summary's paragraph {summary[-1]}: the organizational part comes after the summary")
    chapter = values["chapter"] or (2 if summary else 1)
    if summary and chapter < 2:
        reader.problem(section.key_lines.get("chapter"), "report.chapter", "must be 2 or more: the summary is the chapter before it")
    if chapter > 3998:  # the chapter after it needs a Roman numeral too, and they end at 3999
        reader.problem(section.key_lines.get("chapter"), "report.chapter", "must be 3998 or less: Roman numerals end at MMMCMXCIX")
        chapter = 1
    return summary, first, chapter


def _record(reader: Reader, value: Any, line: int | None) -> ReportRecord:
    """The record: the meetings held and their dates first, against which the rest is checked."""
    mapping = reader.mapping(value, "report.record", line) if value is not None else None
    if mapping is None:
        return ReportRecord()
    reader.known_keys(mapping, RECORD.names, "report.record")
    first = reader.values(mapping, RECORD, "report.record", ("held", "dates"))
    held, dates = first["held"], first["dates"]
    count = _held(reader, mapping, held, dates)
    values = reader.values(mapping, RECORD, "report.record", tuple(n for n in RECORD.names if n not in ("held", "dates")))
    considered: list[tuple[str, tuple[int, ...]]] = []
    for labels, numbers, key_line, field in values["considered"]:
        if numbers[-1] > count:
            reader.problem(key_line, field, f"the {ordinal(numbers[-1])} meeting is beyond the {count} held")
            continue
        considered.extend((label, numbers) for label in labels)
    return ReportRecord(
        held=held, dates=dates, considered=tuple(considered), secretariat_statements=values["secretariat_statements"],
        presiding=values["presiding"], participants_list=values["participants_list"], spoke=values["spoke"],
        did_not_speak=values["did_not_speak"],
    )


def _held(reader: Reader, mapping: LineDict, held: int | None, dates: tuple[tuple[int, dt.date], ...]) -> int:
    """How many plenary meetings were held; each one beyond the plan must have its date recorded."""
    planned = sum(len(day.hours) for day in reader.context.days)
    count = held if held is not None else max([planned, *(n for n, _ in dates)])
    for number, _ in dates:
        if number > count:
            reader.problem(mapping.key_lines["dates"], f"report.record.dates.{number}", f"the {ordinal(number)} meeting is beyond the {count} held (report.record.held)")
    recorded = {n for n, _ in dates}
    missing = [n for n in range(planned + 1, count + 1) if n not in recorded]
    if missing:
        # Meetings beyond the plan have no planned date: the record must give each one's.
        where = "held" if held is not None else "dates"
        reader.problem(mapping.key_lines.get(where), f"report.record.{where}",
                       f"{count} meetings held, {planned} planned: give the date of the {join_list(ordinal(n) for n in missing)} in report.record.dates")
    return count
