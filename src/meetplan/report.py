"""The report's organizational part, as numbered paragraphs built from the plan, the record and the data.

The ``report:`` section is read by ``meetplan.config.report``. ``build_report`` is pure: from a schedule it returns the
paragraphs as data (a number, text spans marking italics and document symbols, sub-paragraphs), which
render/report.py writes as Markdown and Word. What the paragraphs say is decided here, once.

Where the record (``report: record:``) says what happened, it wins over the plan: the plenary meetings held,
their dates, the meetings at which an item was considered.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Sequence
from urllib.parse import quote

from msgspec import Struct

from meetplan.errors import PlanError, Problem
from meetplan.model import (
    AgendaItem,
    Delegation,
    DelegationCategory,
    Format,
    ItemKind,
    Meeting,
    ReportRecord,
    ReportSettings,
    Schedule,
)
from meetplan.style import MONTHS, full_date, join_list, number_in_words, ordinal, roman, session_name, sort_key

COURTESY_TITLES = ("Mr.", "Ms.", "Mrs.", "Dr.", "H.E.")

STATEMENTS_HEADING = "Statements"
AGENDA_HEADING = "Adoption of the agenda and organization of work"
ATTENDANCE_HEADING = "Attendance"
DOCUMENTATION_HEADING = "Documentation"
ADOPTION_CHAPTER = "Adoption of the report"
AGENDA_DOCUMENT = "Annotated provisional agenda"
BACKGROUND_PAPER = "Background paper prepared by the Secretariat on"

LEFT_QUOTE, RIGHT_QUOTE = "\u201c", "\u201d"  # the UN's typographic quotes, whatever the source typed

# --- the report as data --------------------------------------------------------------------------------------


class Span(Struct, frozen=True, kw_only=True):
    """A stretch of text: plain, italic, or a document symbol (linked when the configuration gives an address)."""

    text: str
    italic: bool = False
    link: str | None = None


class Line(Struct, frozen=True, kw_only=True):
    """A sub-paragraph: an agenda item "1." or "(a)", or a document "(a)"; level 0 or 1 (a sub-item)."""

    label: str
    spans: tuple[Span, ...]
    level: int = 0

    @property
    def text(self) -> str:
        return f"{self.label} {_plain(self.spans)}"


class Paragraph(Struct, frozen=True, kw_only=True):
    number: int
    spans: tuple[Span, ...]
    lines: tuple[Line, ...] = ()

    @property
    def text(self) -> str:
        """The paragraph as plain text, its sub-paragraphs on lines of their own (the seed's layout)."""
        return "\n".join([f"{self.number}. {_plain(self.spans)}", *(line.text for line in self.lines)])


class Heading(Struct, frozen=True, kw_only=True):
    text: str  # "IV. Organization of the meeting", "A. Opening of the meeting"
    level: int  # 1: a chapter; 2: a section


Block = Heading | Paragraph


class Report(Struct, frozen=True, kw_only=True):
    title: str
    symbol: str | None
    issued: dt.date
    stamp: dt.datetime | None  # the build's moment (Meeting.stamp)
    blocks: tuple[Block, ...]

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(block for block in self.blocks if isinstance(block, Paragraph))


def _plain(spans: Iterable[Span]) -> str:
    return "".join(span.text for span in spans)


# --- what happened: the plan, corrected by the record ----------------------------------------------------------


class Proceedings(Struct, frozen=True, kw_only=True):
    """The plenary meetings held (number -> date) and the meetings at which each entry was considered."""

    dates: dict[int, dt.date]
    considered: dict[str, tuple[int, ...]]  # entry label -> plenary meeting numbers

    @property
    def held(self) -> int:
        return len(self.dates)

    def of(self, item: AgendaItem) -> tuple[int, ...]:
        """The meetings at which an entry, or any sub-item of an item, was considered."""
        return tuple(sorted({n for entry in item.sub_items or (item,) for n in self.considered.get(entry.label, ())}))


def proceedings(schedule: Schedule) -> Proceedings:
    record = _record(schedule.meeting)
    planned = {plenary.number: plenary.date for plenary in schedule.plenaries}
    held = record.held if record.held is not None else max([len(planned), *(n for n, _ in record.dates)])
    recorded = dict(record.dates)
    # A meeting added beyond the plan without a recorded date is refused when the configuration is read.
    dates = {n: recorded.get(n, planned.get(n)) for n in range(1, held + 1)}
    considered = {
        entry.label: tuple(plenary.number for plenary in schedule.plenaries_of(entry)) for entry in schedule.meeting.entries
    }
    considered.update(dict(record.considered))
    return Proceedings(dates={n: d for n, d in dates.items() if d is not None}, considered=considered)


def _record(meeting: Meeting) -> ReportRecord:
    return meeting.report.record if meeting.report else ReportRecord()


# --- phrases ----------------------------------------------------------------------------------------------------

def meetings_phrase(numbers: Sequence[int]) -> str:
    """"1st meeting", "1st and 2nd meetings", "2nd to 4th meetings" (three or more in a row)."""
    numbers = sorted(numbers)
    if len(numbers) >= 3 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"{ordinal(numbers[0])} to {ordinal(numbers[-1])} meetings"
    return f"{join_list(ordinal(n) for n in numbers)} meeting{'s' if len(numbers) > 1 else ''}"


def dates_phrase(dates: Iterable[dt.date]) -> str:
    """"on 8 September 2020", "on 8 and 9 September 2020", "from 11 to 13 September 2019", "on 8, 9 and 11 ..."."""
    days = sorted(set(dates))
    if len(days) >= 3 and (days[-1] - days[0]).days == len(days) - 1:
        return f"from {_shortened(days[0], days[-1])} to {full_date(days[-1])}"
    return "on " + join_list(_shortened(day, following) for day, following in zip(days, [*days[1:], None], strict=True))


def session_phrase(first: dt.date, last: dt.date) -> str:
    """A session's dates in running text: "on 8 and 9 September 2020", "from 30 May to 1 June 2012"."""
    if first == last or (last - first).days == 1:
        return dates_phrase((first, last))
    return f"from {_shortened(first, last)} to {full_date(last)}"


def _shortened(day: dt.date, following: dt.date | None) -> str:
    """A date written as short as the date that follows it allows: "8" before "9 September 2020"."""
    if following is None or following.year != day.year:
        return full_date(day)
    if following.month != day.month:
        return f"{day.day} {MONTHS[day.month - 1]}"
    return str(day.day)


def _items_phrase(numbers: Sequence[int]) -> str:
    """"agenda item 2", "agenda items 2 and 3"."""
    return f"agenda item{'s' if len(numbers) > 1 else ''} {join_list(str(n) for n in numbers)}"


def _quoted(title: str) -> str:
    return f"{LEFT_QUOTE}{_one_line(title).rstrip('.')}{RIGHT_QUOTE}"


def _one_line(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


def _sentence(value: str) -> str:
    """Free text from the configuration as a sentence: one line, a full stop at the end."""
    value = _one_line(value)
    return value if value.endswith((".", "!", "?")) else f"{value}."


def _lower_first(title: str) -> str:
    """A title continuing a sentence: "Impact of ..." -> "impact of ..."; an acronym ("COVID-19") stays."""
    first = title.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        return title[0].lower() + title[1:]
    return title


def _as_subject(title: str) -> str:
    """A title as the subject of a paper: "Impact of X" -> "the impact of X" (a noun defined by "of" takes the
    article, report para. 33 (b)); "Successful strategies concerning X" stays generic, as in para. 33 (c)."""
    words = _one_line(title).rstrip(".").split(" ")
    subject = _lower_first(" ".join(words))
    return f"the {subject}" if len(words) > 2 and words[1] == "of" else subject


# --- the summary's framing sentences ----------------------------------------------------------------------------


def summary_groups(meeting: Meeting, held: Proceedings) -> list[tuple[AgendaItem, ...]]:
    """The items the summary frames, grouped when they were considered at the same meetings (report, para. 11).

    Every substantive item is framed. An item that follows the previous framed one and was considered at the
    same meetings joins its sentence; a closing item ("Other matters") is framed only in that way.
    """
    groups: list[list[AgendaItem]] = []
    for item in meeting.agenda:
        if item.kind is ItemKind.ORGANIZATIONAL:
            continue
        joins = bool(groups) and groups[-1][-1].number == item.number - 1 and bool(held.of(item)) and held.of(item) == held.of(groups[-1][0])
        if joins:
            groups[-1].append(item)
        elif item.kind is ItemKind.SUBSTANTIVE:
            groups.append([item])
    return [tuple(group) for group in groups]


def framing_sentence(settings: ReportSettings, group: Sequence[AgendaItem], held: Proceedings) -> str:
    numbers = held.of(group[0])
    dates = [held.dates[n] for n in numbers if n in held.dates]
    items = ", and ".join(f"agenda item {item.number}, entitled {_quoted(item.title)}" for item in group)
    return f"At its {meetings_phrase(numbers)}, {dates_phrase(dates)}, the {settings.short_name} considered {items}."


# --- the organizational part -------------------------------------------------------------------------------------


def build_report(schedule: Schedule) -> Report:
    """The report's organizational part for a meeting whose configuration has a report: section."""
    meeting = schedule.meeting
    settings = meeting.report
    if settings is None:
        raise ValueError("the meeting has no report: section")
    held = proceedings(schedule)
    blocks: list[Block] = []
    if settings.summary:
        groups = summary_groups(meeting, held)
        if len(groups) != len(settings.summary):
            origin = settings.origin
            framed = "; ".join(join_list(f"item {item.number}" for item in group) for group in groups)
            raise PlanError([Problem(
                file=origin.file if origin else None, line=origin.line if origin else None, field="report.summary",
                message=f"gives {len(settings.summary)} paragraph numbers, but the summary frames {len(groups)} "
                        f"sentence{'s' if len(groups) != 1 else ''} ({framed or 'no substantive item'}): one number per sentence",
            )])
        blocks.append(Heading(text=f"{roman(settings.chapter - 1)}. {settings.summary_heading}", level=1))
        for number, group in zip(settings.summary, groups, strict=True):
            blocks.append(Paragraph(number=number, spans=(Span(text=framing_sentence(settings, group, held)),)))
    numbers = itertools.count(settings.first_paragraph)
    sections = [
        (f"Opening of the {meeting.term.value}", _opening(schedule, settings, held)),
        (STATEMENTS_HEADING, _statements(meeting, settings)),
        (AGENDA_HEADING, _agenda(meeting, settings, held)),
        (ATTENDANCE_HEADING, _attendance(meeting, settings)),
        (DOCUMENTATION_HEADING, _documentation(meeting, settings)),
    ]
    blocks.append(Heading(text=f"{roman(settings.chapter)}. Organization of the {meeting.term.value}", level=1))
    letters = iter("ABCDEFGH")
    for title, paragraphs in sections:
        if not paragraphs:
            continue  # a section with nothing to say (no statements recorded) is left out, and the letters close up
        blocks.append(Heading(text=f"{next(letters)}. {title}", level=2))
        blocks.extend(Paragraph(number=next(numbers), spans=spans, lines=lines) for spans, lines in paragraphs)
    blocks.append(Heading(text=f"{roman(settings.chapter + 1)}. {ADOPTION_CHAPTER}", level=1))
    blocks.append(Paragraph(number=next(numbers), spans=(Span(text=_adoption(meeting, settings, held)),)))
    return Report(title=report_title(meeting, held), symbol=settings.symbol, issued=settings.issued or meeting.issued, stamp=meeting.stamp, blocks=tuple(blocks))


Draft = tuple[tuple[Span, ...], tuple[Line, ...]]


def _text(value: str) -> Draft:
    return (Span(text=value),), ()


def session_dates(meeting: Meeting, held: Proceedings) -> tuple[dt.date, dt.date]:
    """The first and last day of the session; a meeting recorded on a later date (one that ran past midnight,
    one added) extends it."""
    days = [day.date for day in meeting.days] + list(held.dates.values())
    return min(days), max(days)


def report_title(meeting: Meeting, held: Proceedings) -> str:
    first, last = session_dates(meeting, held)
    return f"Report on the {meeting.term.value} of the {meeting.body} held in {meeting.venue} {session_phrase(first, last)}"


def _opening(schedule: Schedule, settings: ReportSettings, held: Proceedings) -> list[Draft]:
    meeting = schedule.meeting
    first, last = session_dates(meeting, held)
    count = number_in_words(held.held)
    sentences = [
        f"The {session_name(meeting)} of the {meeting.body} was held in {meeting.venue} {session_phrase(first, last)}.",
        f"{count[0].upper()}{count[1:]} meeting{'s were' if held.held != 1 else ' was'} held.",
    ]
    held_in = {Format.HYBRID: "in a hybrid format (in person and online)", Format.ONLINE: "online", Format.IN_PERSON: "in person"}[meeting.format]
    # An in-person meeting needs no sentence on its format unless the configuration says how it was agreed.
    if meeting.format is not Format.IN_PERSON or settings.format_agreed or settings.format_details:
        sentence = f"the {meeting.term.value} was held {held_in}" + (f", {_one_line(settings.format_details)}" if settings.format_details else "")
        sentence = f"{_one_line(settings.format_agreed)}, {sentence}" if settings.format_agreed else sentence[0].upper() + sentence[1:]
        sentences.append(_sentence(sentence))
    drafts = [_text(" ".join(sentences))]
    if settings.opened_by:
        who = settings.opened_by + (f" ({settings.opened_by_state})" if settings.opened_by_state else "")
        function = settings.opened_by_function or f"Chair of the {settings.short_name}"
        opened = f"The {meeting.term.value} was opened by {who}, {function}."
        drafts.append(_text(f"{opened} {_sentence(settings.opening)}" if settings.opening else opened))
    return drafts


def _agenda(meeting: Meeting, settings: ReportSettings, held: Proceedings) -> list[Draft]:
    adoption = _find(meeting, "adoption of the agenda") or next((e for e in meeting.entries if e.kind is ItemKind.ORGANIZATIONAL), meeting.entries[0])
    numbers = held.of(adoption)[:1] or (1,)
    date = held.dates.get(numbers[0])
    when = f"At its {meetings_phrase(numbers)}, on {full_date(date)}, " if date else f"At its {meetings_phrase(numbers)}, "
    lines: list[Line] = []
    for item in meeting.agenda:
        title = _one_line(item.title).rstrip(".:;")
        if item.sub_items:
            lines.append(Line(label=f"{item.number}.", spans=(Span(text=f"{title}:"),)))
            for position, sub in enumerate(item.sub_items):
                end = "." if position == len(item.sub_items) - 1 else ";"
                lines.append(Line(label=f"({sub.letter})", spans=(Span(text=_one_line(sub.title).rstrip(".:;") + end),), level=1))
        else:
            lines.append(Line(label=f"{item.number}.", spans=(Span(text=f"{title}."),)))
    return [((Span(text=f"{when}the {settings.short_name} adopted by consensus the following agenda:"),), tuple(lines))]


def _find(meeting: Meeting, title_start: str) -> AgendaItem | None:
    return next((entry for entry in meeting.entries if _one_line(entry.title).lower().startswith(title_start)), None)


def _adoption(meeting: Meeting, settings: ReportSettings, held: Proceedings) -> str:
    entry = _find(meeting, "adoption of the report") or meeting.entries[-1]
    numbers = held.of(entry) or (max(held.dates),)
    return f"On {full_date(held.dates[numbers[-1]])}, the {settings.short_name} adopted the present report on its {meeting.term.value}."


# --- statements (paras. 20 to 25) --------------------------------------------------------------------------------


class Panellist(Struct, frozen=True, kw_only=True):
    """A panellist as the report names one: "Ms. Ledwaba (South Africa)"."""

    item: int
    name: str  # "Ms. Ledwaba", or the full name when no courtesy title is known
    state: str | None


class Statement(Struct, frozen=True, kw_only=True):
    """A statement made under an agenda item by a delegation."""

    item: int
    delegation: Delegation


def report_name(name: str, settings: ReportSettings) -> str:
    """A person as the report names them: "Ms. Ledwaba", a courtesy title and the family name.

    report.names gives the form ("Andrés Pérez Esquivel": Mr. Pérez Esquivel), since neither the courtesy
    title nor where a family name begins can be told from a name. A name inscribed with its courtesy title
    ("Ms. Amanda Ledwaba") gives "Ms. Ledwaba". Otherwise the full name is printed: a guessed "Mr." or "Ms."
    would be worse than none.
    """
    name = _one_line(name)
    given = dict(settings.names).get(name)
    if given:
        return given
    words = name.split(" ")
    if len(words) > 2 and words[0] in COURTESY_TITLES:
        return f"{words[0]} {words[-1]}"
    return name


def statements_input(meeting: Meeting, settings: ReportSettings) -> tuple[list[Panellist], list[Statement]]:
    """The panellists and statements the report names: the speakers' inscriptions, less the statements the
    record says were not made (report.record.did_not_speak), plus those it says were made uninscribed
    (report.record.spoke). Under an item whose speakers the record of progress names (progress: ... heard), only
    those it names, inscribed or not."""
    record = settings.record
    not_made = {(item, sort_key(name)) for item, name in record.did_not_speak}
    heard = _heard_by_item(meeting)
    panellists: list[Panellist] = []
    statements: list[Statement] = []
    for inscription in meeting.speakers.inscriptions if meeting.speakers else ():
        item = int(inscription.item.split(" ")[0])
        delegation = inscription.delegation
        if item in heard and not {sort_key(n) for n in (inscription.name, delegation.name if delegation else None) if n} & heard[item]:
            continue  # the record of progress names who was heard under this item, and not this speaker
        if inscription.panellist:
            if inscription.name:
                state = delegation.name if delegation else None
                panellists.append(Panellist(item=item, name=report_name(inscription.name, settings), state=state))
        # A delegation speaking on behalf of a group is listed too: its representative made the statement, and
        # leaving it out would drop a speaker from paras. 23 to 25.
        # A statement delivered in writing only was not made at the meeting; a right of reply is not one of the
        # statements of the debate that paras. 23 to 25 list.
        elif (delegation is not None and not inscription.written and not inscription.reply
              and (item, sort_key(delegation.name)) not in not_made):
            statements.append(Statement(item=item, delegation=delegation))
    delegations = {sort_key(d.name): d for d in meeting.delegations}
    # The configuration was checked against the delegations when read: every recorded name is one of them.
    statements += [Statement(item=item, delegation=delegations[sort_key(name)]) for item, name in record.spoke if sort_key(name) in delegations]
    # A delegation the record of progress heard without an inscription made its statement too.
    inscribed = {(s.item, sort_key(s.delegation.name)) for s in statements} | {(p.item, sort_key(p.state)) for p in panellists if p.state}
    statements += [Statement(item=item, delegation=delegations[key]) for item, keys in sorted(heard.items())
                   for key in sorted(keys) if key in delegations and (item, key) not in inscribed]
    return panellists, statements


def _heard_by_item(meeting: Meeting) -> dict[int, set[str]]:
    """The speakers the record of progress heard, by agenda item number (sort keys of the names it gives)."""
    heard: dict[int, set[str]] = {}
    for label, names in (meeting.progress.heard() if meeting.progress else {}).items():
        heard.setdefault(int(label.split(" ")[0]), set()).update(sort_key(name) for name in names)
    return heard


def _statements(meeting: Meeting, settings: ReportSettings) -> list[Draft]:
    panellists, statements = statements_input(meeting, settings)
    return [_text(text) for text in statements_paragraphs(meeting, settings, panellists, statements)]


def statements_paragraphs(meeting: Meeting, settings: ReportSettings, panellists: Sequence[Panellist], statements: Sequence[Statement]) -> list[str]:
    """Paras. 20 to 25: the Secretariat's introductions, the panels, then statements by parties, observer
    States and organizations, each group in one sentence naming the agenda items it spoke under."""
    paragraphs: list[str] = []
    record = settings.record
    if record.secretariat_statements:
        items = sorted(record.secretariat_statements)
        if len(items) == 1:
            paragraphs.append(f"A general introductory statement was made by a representative of the Secretariat under {_items_phrase(items)}.")
        else:
            paragraphs.append(f"General introductory statements were made by a representative of the Secretariat under {_items_phrase(items)}.")
    presiding = dict(record.presiding)
    for item in sorted({p.item for p in panellists}):
        names = [f"{p.name} ({p.state})" if p.state else p.name for p in panellists if p.item == item]
        chair = presiding.get(item, "the Chair")
        noun = "panellists" if len(names) > 1 else "panellist"
        paragraphs.append(f"Under agenda item {item}, with {chair} presiding, the discussion was led by the following {noun}: {join_list(names)}.")
    by_category: dict[str, list[Statement]] = {"parties": [], "states": [], "organizations": []}
    for statement in statements:
        category = statement.delegation.category
        key = "parties" if category is DelegationCategory.PARTY else "states" if category.is_state else "organizations"
        by_category[key].append(statement)
    parties = by_category["parties"]
    if parties:
        names = _names(s.delegation.name for s in parties)
        under = _items_phrase(sorted({s.item for s in parties}))
        if len(names) == 1:
            paragraphs.append(f"Under {under}, a statement was made by the representative of the following party to the {settings.instrument}: {names[0]}.")
        else:
            paragraphs.append(f"Under {under}, statements were made by representatives of the following parties to the {settings.instrument}: {join_list(names)}.")
    states = _names(s.delegation.name for s in by_category["states"])
    if states:
        if len(states) == 1:
            paragraphs.append(f"The observer for {states[0]} also made a statement.")
        else:
            paragraphs.append(f"The observers for {join_list(states)} also made statements.")
    organizations = _names(s.delegation.name for s in by_category["organizations"])
    if organizations:
        heard = "a statement by the observer" if len(organizations) == 1 else "statements by the observers"
        paragraphs.append(f"The {settings.short_name} also heard {heard} for {join_list(_with_the(name) for name in organizations)}.")
    return paragraphs


def _names(names: Iterable[str]) -> list[str]:
    """Distinct names in the report's alphabetical order."""
    return sorted(set(names), key=sort_key)


# --- attendance (paras. 27 to 32) -------------------------------------------------------------------------------


def _organizations_noun(names: Sequence[str]) -> tuple[str, str]:
    """(singular, plural) for the organizations listed: "intergovernmental organizations", "United Nations
    entities", or both when the list holds both kinds; an organization not in the reference data counts as both."""
    from meetplan import reference

    kinds = set()
    for name in names:
        found = reference.find_organization(name)
        kinds.add(found.kind if found else None)
    if kinds == {"intergovernmental organization"}:
        return "intergovernmental organization", "intergovernmental organizations"
    if kinds == {"United Nations entity"}:
        return "United Nations entity", "United Nations entities"
    return "intergovernmental organization or United Nations entity", "intergovernmental organizations and United Nations entities"


def attendance_paragraphs(meeting: Meeting, settings: ReportSettings) -> list[str]:
    """One sentence per category of delegation, in the report's order; an empty category is left out."""
    protocol = settings.instrument
    paragraphs: list[str] = []
    for category in DelegationCategory:
        names = _names(d.name for d in meeting.delegations if d.category is category)
        if not names:
            continue
        one = len(names) == 1
        listed = join_list(names)
        if category is DelegationCategory.PARTY:
            paragraphs.append(
                f"The following party to the {protocol} was represented at the {meeting.term.value}: {listed}." if one
                else f"The following parties to the {protocol} were represented at the {meeting.term.value}: {listed}."
            )
        elif category is DelegationCategory.SIGNATORY:
            paragraphs.append(
                f"The following State signatory to the {protocol} was represented by an observer: {listed}." if one
                else f"The following States signatories to the {protocol} were represented by observers: {listed}."
            )
        elif category is DelegationCategory.NON_PARTY:
            paragraphs.append(
                f"The following State that is not a party or signatory to the {protocol} was represented by an observer: {listed}." if one
                else f"The following States that are not parties or signatories to the {protocol} were represented by observers: {listed}."
            )
        elif category is DelegationCategory.ORGANIZATION:
            singular, plural = _organizations_noun(names)
            paragraphs.append(
                f"The following {singular} was represented by an observer: {listed}." if one
                else f"The following {plural} were represented by observers: {listed}."
            )
        elif category is DelegationCategory.PERMANENT_OBSERVER:
            paragraphs.append(
                f"{_the(names[0])}, an entity maintaining a permanent observer office, was represented by an observer." if one
                else f"The following entities maintaining permanent observer offices were represented by observers: {listed}."
            )
        else:
            paragraphs.append(
                f"The following non-governmental organization was represented by an observer: {listed}." if one
                else f"The following non-governmental organizations were represented by observers: {listed}."
            )
    return paragraphs


def _with_the(name: str) -> str:
    """An entity's name with its article: "the European Union Agency for Criminal Justice Cooperation"."""
    return name if name.lower().startswith("the ") else f"the {name}"


def _the(name: str) -> str:
    """An entity's name opening a sentence: "The Sovereign Order of Malta"."""
    named = _with_the(name)
    return named[0].upper() + named[1:]


def _symbol(symbol: str, settings: ReportSettings) -> Span:
    # The symbol is the path of the address: a "#", "?" or "%" in it must not start a fragment, a query or an escape.
    link = settings.document_url.replace("{symbol}", quote(symbol, safe="/:@!$&'()*+,;=")) if settings.document_url else None
    return Span(text=symbol, link=link)


def _attendance(meeting: Meeting, settings: ReportSettings) -> list[Draft]:
    drafts = [_text(text) for text in attendance_paragraphs(meeting, settings)]
    symbol = settings.record.participants_list or meeting.participants_symbol
    if symbol:
        drafts.append(((Span(text="A list of participants is contained in document "), _symbol(symbol, settings), Span(text=".")), ()))
    return drafts


# --- documentation (para. 33) -----------------------------------------------------------------------------------


def documents(meeting: Meeting, settings: ReportSettings) -> list[tuple[str, str]]:
    """(description, symbol) of each document before the meeting: the annotated provisional agenda, then each
    item's documents in agenda order, then any the configuration adds. A document listed under a substantive
    item is taken for the Secretariat's background paper on it unless report.documents describes it."""
    described = dict(settings.documents)
    listed: list[tuple[str, str]] = [(described.get(meeting.symbol, AGENDA_DOCUMENT), meeting.symbol)]
    seen = {meeting.symbol}
    for entry in [item for top in meeting.agenda for item in (top, *top.sub_items)]:
        for symbol in entry.documents:
            if symbol in seen:
                continue
            seen.add(symbol)
            # A closing or organizational item's document is the thing itself ("Report of the Bureau on
            # credentials"): described by its title, not as a background paper on it.
            default = f"{BACKGROUND_PAPER} {_as_subject(entry.title)}" if entry.kind is ItemKind.SUBSTANTIVE else entry.title
            listed.append((described.get(symbol, default), symbol))
    listed.extend((description, symbol) for symbol, description in settings.documents if symbol not in seen)
    return listed


def _documentation(meeting: Meeting, settings: ReportSettings) -> list[Draft]:
    listed = documents(meeting, settings)
    body = settings.short_name
    if len(listed) == 1:
        description, symbol = listed[0]
        spans = (Span(text=f"The {body} had before it the {_lower_first(description)} ("), _symbol(symbol, settings), Span(text=")."))
        return [(spans, ())]
    lines = tuple(
        Line(label=f"({chr(ord('a') + index)})", spans=(Span(text=f"{description} ("), _symbol(symbol, settings), Span(text=")." if index == len(listed) - 1 else ");")))
        for index, (description, symbol) in enumerate(listed)
    )
    return [((Span(text=f"The {body} had before it the following:"),), lines)]
