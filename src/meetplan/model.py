"""The typed, immutable model: what the configuration says and what the scheduler decides.

Its records, like meetplan's others, are msgspec Structs (frozen here): msgspec makes a class in C, where a frozen
dataclass has Python compile six methods, which for the 62 records ``meetplan check`` loads took 37 ms of its
121 ms (BENCHMARKS.md, "After issue 20, fourth session"). Two records are equal when every field is, where they
came from (``origin``) included."""

from __future__ import annotations

import datetime as dt
import functools
from enum import StrEnum
from fractions import Fraction

from msgspec import Struct


class Origin(Struct, frozen=True, kw_only=True):
    """Where a value came from, so that a later rule can point at it."""

    file: str
    line: int | None
    field: str


class Format(StrEnum):
    IN_PERSON = "in person"
    HYBRID = "hybrid"
    ONLINE = "online"


class Term(StrEnum):
    """What the body's documents call one of its gatherings: the "sixth session", the "seventh meeting"."""

    SESSION = "session"
    MEETING = "meeting"


class ItemKind(StrEnum):
    """How the default allocation treats an agenda item."""

    ORGANIZATIONAL = "organizational"  # opens the first plenary meeting, takes little time
    SUBSTANTIVE = "substantive"  # shares the plenary meetings in between
    CLOSING = "closing"  # "Other matters", "Adoption of the report": share the last plenary meeting


class Hours(Struct, frozen=True, kw_only=True):
    """The local hours of one plenary meeting."""

    start: dt.time
    end: dt.time

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)


class Day(Struct, frozen=True, kw_only=True):
    """A calendar day of the session: its plenary meetings' hours, or a note when none is held."""

    date: dt.date
    hours: tuple[Hours, ...]
    note: str | None = None


class AgendaItem(Struct, frozen=True, kw_only=True):
    """An agenda item or sub-item. Items with sub-items are scheduled through their sub-items."""

    number: int
    letter: str | None
    title: str
    documents: tuple[str, ...] = ()
    kind: ItemKind = ItemKind.SUBSTANTIVE
    share: Fraction | None = None  # in plenary meetings, e.g. Fraction(3, 2)
    pin: tuple[int, ...] = ()  # plenary meeting numbers, consecutive
    sub_items: tuple[AgendaItem, ...] = ()
    taken_up: str | None = None  # "end": at the end of the session, before the closing items, out of agenda order
    pinned_by_number: bool = False  # pinned by plenary meeting numbers, which move to other days when hours change
    origin: Origin | None = None
    default: str | None = None  # the default rule that gave its kind, for check

    @property
    def label(self) -> str:
        """The item as the annex writes it: "2" or "1 (a)"."""
        return f"{self.number} ({self.letter})" if self.letter else str(self.number)


class Translation(Struct, frozen=True, kw_only=True):
    """The meeting's text in one other official language, as its translation service wrote it (translations:)."""

    language: str  # "fr"
    body: str | None = None
    parent_body: str | None = None
    short_name: str | None = None
    venue: str | None = None
    room: str | None = None
    time_heading: str | None = None
    titles: tuple[tuple[str, str], ...] = ()  # (the English label "1 (a)", the title)
    notes: tuple[tuple[dt.date, str], ...] = ()  # (date, the day's note)
    origin: Origin | None = None


class Online(Struct, frozen=True, kw_only=True):
    platform: str
    url: str | None = None


class Meeting(Struct, frozen=True, kw_only=True):
    """A session of the body: everything the configuration states."""

    body: str
    parent_body: str | None
    ordinal: int
    symbol: str
    venue: str
    room: str | None
    time_zone: str
    format: Format
    online: Online | None
    issued: dt.date
    revision: int
    days: tuple[Day, ...]
    plenary_limit: int
    agenda: tuple[AgendaItem, ...]
    source: str = ""
    delegations: tuple[Delegation, ...] = ()  # in the order the configuration lists them
    registrations: RegistrationSource | None = None
    seating: Seating | None = None
    participants: tuple[Participant, ...] = ()  # in registration order
    speakers: SpeakerPlan | None = None  # the lists of speakers (the speakers: section), if any
    participants_symbol: str | None = None  # the list of participants' own symbol, e.g. CTOC/COP/WG.7/2020/INF/1
    report: ReportSettings | None = None  # the report's organizational part (the report: section), if any
    term: Term = Term.MEETING  # "seventh meeting" (the Working Groups) or "sixth session" (Conferences, commissions)
    time_heading: str = "Date and time"  # the annex's first column heading; some annexes print "Date/time"
    short_name: str | None = None  # the body's short name for calendar titles, such as COSP
    parent_rows: bool = False  # the annex prints a row for an item with sub-items above them
    annex_masthead: bool = False  # the Word annex is issued as a document of its own, under the UN masthead
    language: str = "en"  # the language of this Meeting's text and of the outputs rendered from it
    translations: tuple[Translation, ...] = ()  # the other languages the outputs are issued in, as configured
    parallel: Parallel | None = None  # the bodies meeting beside the plenary, rooms and services (parallel:), if any
    # The configuration's line of each section and meeting key ("days", "meeting.plenary_meetings"), so that a
    # problem found across fields (more plenary meetings than the resources allow) is located too.
    lines: tuple[tuple[str, int], ...] = ()
    # The moment stamped into every output (UTC), resolved once by plan() from SOURCE_DATE_EPOCH; None: the
    # issue date at midnight UTC. Renderers read it from here and never from the environment.
    stamp: dt.datetime | None = None
    # What happened so far in the session (the record of progress named by the configuration's progress: key);
    # None before the session opens. The scheduler never reads it: replan.py lays the rest of the agenda around it.
    progress: Progress | None = None

    @property
    def document_symbol(self) -> str:
        """The symbol as the documents print it: "CTOC/COP/WG.7/2020/1", or with ``revision`` N,
        "CTOC/COP/WG.7/2020/1/Rev.N" (UN Editorial Manual: a revision replaces the document and adds "/Rev.N").
        Calendar UIDs are made from ``symbol`` and stay those of the first issue."""
        return f"{self.symbol}/Rev.{self.revision}" if self.revision else self.symbol

    def line_of(self, field: str) -> int | None:
        """The configuration's line of a section or meeting key ("days", "meeting.plenary_meetings"), if known."""
        return dict(self.lines).get(field)

    @property
    def entries(self) -> tuple[AgendaItem, ...]:
        """The scheduled units in agenda order: sub-items in place of their parent items."""
        return tuple(sub for item in self.agenda for sub in (item.sub_items or (item,)))


class PlenaryMeeting(Struct, frozen=True, kw_only=True):
    """One interpreted sitting: the 3rd plenary meeting, Wednesday 10 a.m.–1 p.m."""

    number: int
    date: dt.date
    hours: Hours


class Allocation(Struct, frozen=True, kw_only=True):
    """One agenda entry taken up in one plenary meeting, with the share of that meeting it gets."""

    plenary: int
    item: AgendaItem
    share: Fraction
    continued: bool  # the entry was already taken up in an earlier plenary meeting


class Schedule(Struct, frozen=True, kw_only=True, dict=True):  # dict: the index below keeps its value there
    """The organization of work: the scheduler's decision, in agenda order."""

    meeting: Meeting
    plenaries: tuple[PlenaryMeeting, ...]
    allocations: tuple[Allocation, ...]

    @functools.cached_property
    def _by_plenary(self) -> dict[int, tuple[Allocation, ...]]:
        # Indexed once, so that going through every plenary meeting's allocations (the annex, the calendar, the
        # speakers' timing) is linear in the allocations, not their number times the plenary meetings'.
        by_plenary: dict[int, list[Allocation]] = {}
        for allocation in self.allocations:
            by_plenary.setdefault(allocation.plenary, []).append(allocation)
        return {number: tuple(found) for number, found in by_plenary.items()}

    def allocations_in(self, plenary: int) -> tuple[Allocation, ...]:
        """The allocations of one plenary meeting (numbered from 1), in agenda order; () for none."""
        return self._by_plenary.get(plenary, ())

    def plenaries_of(self, item: AgendaItem) -> tuple[PlenaryMeeting, ...]:
        """The plenary meetings in which an entry, or any sub-item of an item, is taken up."""
        members = set(item.sub_items or (item,))
        numbers = sorted({a.plenary for a in self.allocations if a.item in members})
        return tuple(self.plenaries[n - 1] for n in numbers)


# --- the record of progress ------------------------------------------------------------------------------


class TakenUp(Struct, frozen=True, kw_only=True):
    """One agenda entry taken up at a plenary meeting that was held, and whether it was concluded there."""

    label: str  # the entry's label, "2" or "1 (b)"
    concluded: bool
    heard: tuple[str, ...] = ()  # the speakers heard under it at that meeting, as the record names them
    origin: Origin | None = None


class HeldMeeting(Struct, frozen=True, kw_only=True):
    """A plenary meeting that was held: its number, when, and the entries taken up, in the order taken up."""

    number: int  # 1 for the first held: its number in the session after the record's cancellations and additions
    date: dt.date
    hours: Hours
    taken_up: tuple[TakenUp, ...]
    origin: Origin | None = None


class AddedMeeting(Struct, frozen=True, kw_only=True):
    """A plenary meeting added to the session after the plan was issued."""

    date: dt.date
    hours: Hours
    origin: Origin | None = None


class Progress(Struct, frozen=True, kw_only=True):
    """The record of progress: the plenary meetings held so far, those cancelled and those added."""

    file: str  # the record file, for messages
    held: tuple[HeldMeeting, ...]  # in the order held
    cancelled: tuple[int, ...] = ()  # planned numbers of the plenary meetings that will not be held
    added: tuple[AddedMeeting, ...] = ()
    origin: Origin | None = None

    def heard(self) -> dict[str, list[str]]:
        """The speakers the record names as heard, by entry label ("2", "1 (b)"), in the order held; entries
        for which it names none are absent."""
        found: dict[str, list[str]] = {}
        for meeting in self.held:
            for taken in meeting.taken_up:
                if taken.heard:
                    found.setdefault(taken.label, []).extend(taken.heard)
        return found


# --- participants -----------------------------------------------------------------------------------------


def east_asian(text: str) -> bool:
    """Whether ``text`` holds kana, a CJK ideograph or a Hangul syllable (U+3040-30FF, U+3400-9FFF, U+AC00-D7AF).

    Not a regular expression: compiling that character class took 3 ms of every command's start. Most names have
    no character that high, which max() finds at once.
    """
    return bool(text) and max(text) >= "\u3040" and any(
        "\u3040" <= c <= "\u30ff" or "\u3400" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af" for c in text)


class DelegationCategory(StrEnum):
    """How a delegation attends, in the order the report lists attendance (paras. 27 to 31)."""

    PARTY = "party"
    SIGNATORY = "signatory"
    NON_PARTY = "non-party State"
    ORGANIZATION = "intergovernmental organization or United Nations entity"
    PERMANENT_OBSERVER = "entity with a permanent observer office"
    NGO = "non-governmental organization"

    @property
    def rank(self) -> int:
        """0 for parties, 1 for signatories, ...: the report's order, also the seating priority."""
        return _CATEGORY_RANKS[self]

    @property
    def is_state(self) -> bool:
        return self in (DelegationCategory.PARTY, DelegationCategory.SIGNATORY, DelegationCategory.NON_PARTY)


class Delegation(Struct, frozen=True, kw_only=True):
    """One attending delegation: a State, an organization or an NGO, under the name the report prints."""

    name: str
    category: DelegationCategory
    group: str | None  # the UN regional group; None for organizations, the Holy See, the State of Palestine, the EU
    time_zone: str  # IANA name of a representative zone (the capital's, or the headquarters')
    origin: Origin | None = None


_CATEGORY_RANKS = {category: rank for rank, category in enumerate(DelegationCategory)}  # sorted by, once a person


class Attendance(StrEnum):
    """How a person asked to take part."""

    IN_PERSON = "in person"
    ONLINE = "online"


class Participant(Struct, frozen=True, kw_only=True):
    """One registered person. The e-mail address is for the secretariat only and is never published."""

    given_name: str
    family_name: str
    title: str | None  # title or function, as registered
    delegation: Delegation
    email: str | None
    requested: Attendance
    row: int  # the row in the registrations file (the heading is row 1): registration order and where to look
    # The courtesy title ("Ms", "Dr", "H.E. Mr."), which Indico's "Title" column holds: never the function.
    salutation: str | None = None
    latin_name: str | None = None  # the name in Latin script, where the registration form asks for it

    @property
    def family_first(self) -> bool:
        """Whether both names are written in Chinese, Japanese or Korean script, family name first."""
        return east_asian(self.family_name) and east_asian(self.given_name)

    @property
    def name(self) -> str:
        """"Ana García"; names written in Chinese, Japanese or Korean script family name first, unspaced: "王伟"."""
        if self.family_first:
            return f"{self.family_name}{self.given_name}"
        return f"{self.given_name} {self.family_name}".strip()


class RegistrationSource(Struct, frozen=True, kw_only=True):
    """Where the registrations are and which column holds what."""

    path: str  # as resolved against the configuration file's folder
    columns: tuple[tuple[str, str], ...]  # (field, column heading), e.g. ("given_name", "First Name")
    synthetic: bool = False  # generated registrations (participants.synthetic): the published list says so
    origin: Origin | None = None


class Seating(Struct, frozen=True, kw_only=True):
    """The meeting room: how many seats, and how many of them one delegation may take, by category."""

    capacity: int
    quota: tuple[tuple[DelegationCategory, int], ...] = ()  # seats per delegation; a category absent: no limit

    def quota_for(self, category: DelegationCategory) -> int | None:
        return dict(self.quota).get(category)


class Placement(StrEnum):
    ROOM = "in the room"
    ONLINE = "online"
    WAITING = "waiting list"


class Seat(Struct, frozen=True, kw_only=True):
    """Where one participant takes part, and, when a requested seat was not given, why."""

    participant: Participant
    placement: Placement
    reason: str | None = None  # set exactly when the person asked for a seat and did not get one


class SeatPlan(Struct, frozen=True, kw_only=True):
    """The seating decision: every participant exactly once; the waiting list in the order seats are offered."""

    capacity: int
    seats: tuple[Seat, ...]

    def placed(self, placement: Placement) -> tuple[Seat, ...]:
        return tuple(seat for seat in self.seats if seat.placement is placement)

    @property
    def not_seated(self) -> tuple[Seat, ...]:
        """Everyone who asked for a seat in the room and did not get one."""
        return tuple(seat for seat in self.seats if seat.reason is not None)


# --- speakers ---------------------------------------------------------------------------------------------


class SpeakerClass(StrEnum):
    """The kinds of speaker on a list of speakers, in the default order (DOMAIN.md, Speakers).

    The values are the configuration's keys (speakers.order, speakers.limits); the last six follow the
    report's order of attendance, so a statement's class follows from its delegation's category.
    """

    PANELLISTS = "panellists"
    GROUPS = "groups"  # statements on behalf of a group of States
    PARTIES = "parties"
    SIGNATORIES = "signatories"
    NON_PARTIES = "non_parties"
    ORGANIZATIONS = "organizations"
    PERMANENT_OBSERVERS = "permanent_observers"
    NGOS = "ngos"

    @classmethod
    def of_category(cls, category: DelegationCategory) -> SpeakerClass:
        return _CLASS_OF_CATEGORY[category]

    @property
    def label(self) -> str:
        """The class as a sheet's "Category" column writes it."""
        return _SPEAKER_CLASS_LABELS[self]


_SPEAKER_CLASS_LABELS = {
    SpeakerClass.PANELLISTS: "panellist",
    SpeakerClass.GROUPS: "on behalf of a group",
    SpeakerClass.PARTIES: "party",
    SpeakerClass.SIGNATORIES: "signatory",
    SpeakerClass.NON_PARTIES: "non-party State",
    SpeakerClass.ORGANIZATIONS: "intergovernmental organization or United Nations entity",
    SpeakerClass.PERMANENT_OBSERVERS: "entity with a permanent observer office",
    SpeakerClass.NGOS: "non-governmental organization",
}


# The last six classes follow the report's order of attendance, as the delegations' categories do.
_CLASS_OF_CATEGORY = dict(zip(DelegationCategory, list(SpeakerClass)[2:], strict=True))


class Level(StrEnum):
    """The level of representation of who makes a statement, for the bodies that call speakers by it
    (speakers.by_level): heads of State or Government, then ministers, then the others (issue 19)."""

    HEAD = "head of State or Government"
    MINISTER = "minister"
    OTHER = "other"


class Inscription(Struct, frozen=True, kw_only=True):
    """One speaker inscribed under one agenda entry: a panellist, or a delegation's statement."""

    item: str  # the entry's label, "2" or "1 (b)"; a label survives shares being filled in, an AgendaItem does not
    panellist: bool
    name: str | None  # the person; required for a panellist, often unknown for a statement
    title: str | None
    delegation: Delegation | None  # None only for a panellist who speaks for no delegation
    on_behalf_of: str | None  # "Group of African States"
    mode: Attendance
    language: str | None  # one of the six official languages, in English: "Spanish"
    minutes: Fraction | None  # the speaker's own time; None: the limit for the kind of speaker
    inscribed: dt.datetime | None  # when the delegation asked for the floor, local time of the meeting
    origin: Origin | None = None
    level: Level = Level.OTHER  # the level of representation (speakers.by_level orders by it)
    written: bool = False  # delivered in writing only: listed, never timed
    reply: int = 0  # a right of reply: 1 for the first, 2 for the second; 0 for a statement in the debate
    text_file: str | None = None  # the statement's text (.txt or .docx), as resolved against the configuration's folder
    text: str | None = None  # that text, read (config.speakers.attach_statement_texts)

    @property
    def kind(self) -> SpeakerClass:
        if self.panellist:
            return SpeakerClass.PANELLISTS
        if self.on_behalf_of or self.delegation is None:
            return SpeakerClass.GROUPS
        return SpeakerClass.of_category(self.delegation.category)


class SpeakerPlan(Struct, frozen=True, kw_only=True):
    """The speakers: section: the inscriptions in the order listed, and how lists are ordered and timed."""

    inscriptions: tuple[Inscription, ...]
    order: tuple[SpeakerClass, ...]  # every class once
    limits: tuple[tuple[SpeakerClass, Fraction], ...]  # minutes per statement, every class once
    size_shares: bool = False
    # Minutes given to each entry with no share of its own (the Chair's opening, the adoption of the agenda) at the
    # start of its plenary meeting, so that the first speaker's time is real; the shared entries share the rest.
    opening_minutes: Fraction = Fraction(10)
    file: str | None = None  # the inscriptions file, as resolved against the configuration file's folder
    sheet: str | None = None  # the sheet of an XLSX inscriptions file; None: the first
    # speakers.fit_limits: fit the limits of every entry whose speakers do not fit (True), or of the entries listed.
    fit_all: bool = False
    fit_items: tuple[str, ...] = ()  # entry labels, "3" or "1 (b)"
    fit_floor: Fraction = Fraction(2)  # minutes below which a limit is not cut (speakers.fit_floor)
    by_level: bool = False  # the rules of the floor: within a kind, heads of State or Government, ministers, others
    lots: int | None = None  # the seed of the lots drawn for simultaneous inscriptions; None: no lots, as listed
    # Minutes of a first and a second right of reply (speakers.replies); General Assembly decision 34/401: 10 and 5.
    reply_limits: tuple[Fraction, Fraction] = (Fraction(10), Fraction(5))
    statistics: bool = False  # speakers.statistics: the speaking statistics sheet and speaking-statistics.md
    words_per_minute: int = 110  # the rate a statement's text is read at (speakers.words_per_minute)
    origin: Origin | None = None
    file_origin: Origin | None = None  # where speakers.file is, for "no such file"

    def limit(self, kind: SpeakerClass) -> Fraction:
        return dict(self.limits)[kind]

    def fits(self, label: str) -> bool:
        """Whether speakers.fit_limits asks for the entry's limits to be fitted to its time."""
        return self.fit_all or label in self.fit_items


class Turn(Struct, frozen=True, kw_only=True):
    """One speaker's place on a list: the position, the time allowed and when the Chair gives the floor."""

    position: int  # 1-based, in the order the Chair calls speakers
    inscription: Inscription
    minutes: Fraction
    plenary: int  # the plenary meeting in which the speaker is expected; for one who does not fit, the item's last
    start: dt.datetime | None  # local time of the meeting; None when the speaker does not fit the item's time


class Window(Struct, frozen=True, kw_only=True):
    """The time an agenda entry has in one plenary meeting."""

    plenary: int
    start: dt.datetime  # local time of the meeting
    minutes: Fraction


class Fitting(Struct, frozen=True, kw_only=True):
    """The speaking limits that let an entry's inscribed speakers be heard in its time (fit.py explains the rule).

    Minutes throughout. ``limits`` and ``usual`` hold every class once; only the classes in ``counts`` speak
    under the entry. ``applied`` says whether the lists were timed with ``limits`` (speakers.fit_limits) or
    whether they are a proposal that ``check`` prints.
    """

    limits: tuple[tuple[SpeakerClass, Fraction], ...]  # the fitted limit of each class
    usual: tuple[tuple[SpeakerClass, Fraction], ...]  # the configured limit of each class (speakers.limits)
    counts: tuple[tuple[SpeakerClass, int], ...]  # the entry's speakers by class, in the order called, none absent
    own: int  # speakers with a time of their own (an inscription's minutes), which no fitting changes
    scale: Fraction  # the cut before rounding down to half minutes: 7/10 means 70 per cent of each usual limit
    available: Fraction  # the entry's minutes, all its plenary meetings together
    needed: Fraction  # the minutes its speakers take at the usual limits
    fitted: Fraction  # the minutes they take at the fitted limits
    left_out: int  # speakers who still do not fit at the fitted limits (the floor reached); 0 when all fit
    floor: Fraction  # speakers.fit_floor
    applied: bool

    def limit(self, kind: SpeakerClass) -> Fraction:
        return dict(self.limits)[kind]

    def usual_limit(self, kind: SpeakerClass) -> Fraction:
        return dict(self.usual)[kind]


class ItemSpeakers(Struct, frozen=True, kw_only=True):
    """The list of speakers of one agenda entry, timed against the organization of work."""

    item: AgendaItem
    windows: tuple[Window, ...]
    turns: tuple[Turn, ...]
    warning: str | None  # set when the inscribed speakers do not fit the entry's time
    # Set when the speakers do not fit the configured limits: the limits that would let them (applied or proposed).
    fitting: Fitting | None = None


class SpeakersList(Struct, frozen=True, kw_only=True):
    """Every agenda entry's list of speakers, in agenda order."""

    schedule: Schedule
    items: tuple[ItemSpeakers, ...]

    text_warnings: tuple[str, ...] = ()  # statements whose text is longer than their time (speakers.text_warnings)

    @property
    def warnings(self) -> tuple[str, ...]:
        return (*(entry.warning for entry in self.items if entry.warning), *self.text_warnings)

    @property
    def fitted(self) -> tuple[ItemSpeakers, ...]:
        """The entries timed with fitted limits (speakers.fit_limits), in agenda order."""
        return tuple(entry for entry in self.items if entry.fitting is not None and entry.fitting.applied)


# --- report -----------------------------------------------------------------------------------------------


class ReportRecord(Struct, frozen=True, kw_only=True):
    """What happened, where it differs from the plan or the plan cannot know it (report: record:)."""

    held: int | None = None  # plenary meetings held, when not the number planned
    dates: tuple[tuple[int, dt.date], ...] = ()  # (plenary meeting, date) where it differs from the plan, or was added
    considered: tuple[tuple[str, tuple[int, ...]], ...] = ()  # (entry label, plenary meetings) where not as planned
    secretariat_statements: tuple[int, ...] = ()  # agenda items under which the Secretariat made introductory statements
    presiding: tuple[tuple[int, str], ...] = ()  # (agenda item, "the Vice-Chair, Ms. X") where the Chair did not preside
    participants_list: str | None = None  # the symbol of the list as finally issued (often a revision)
    spoke: tuple[tuple[int, str], ...] = ()  # (agenda item, delegation) statements made without an inscription
    did_not_speak: tuple[tuple[int, str], ...] = ()  # (agenda item, delegation) inscribed but not made


class ReportSettings(Struct, frozen=True, kw_only=True):
    """The free text and numbering of the report's organizational part; everything else comes from the data."""

    instrument: str  # as the report names it after "parties to the": "Smuggling of Migrants Protocol"
    short_name: str  # the body as running text names it after "the": "Working Group"
    first_paragraph: int  # the number of the first paragraph of the organizational part
    chapter: int  # the number of the chapter "Organization of the meeting"
    summary: tuple[int, ...] = ()  # paragraph numbers of the summary's framing sentences, in agenda order
    summary_heading: str = "Chair's summary of deliberations"
    symbol: str | None = None  # the report's own symbol
    issued: dt.date | None = None
    format_agreed: str | None = None  # "As agreed by the extended Bureau ... on 19 August 2020"
    format_details: str | None = None  # "with a restricted number of participants present in the meeting room ..."
    opened_by: str | None = None  # "Francesco Testa"
    opened_by_state: str | None = None  # "Italy"
    opened_by_function: str | None = None  # "Chair of the Working Group"
    opening: str | None = None  # what the opening speaker did, in free text
    documents: tuple[tuple[str, str], ...] = ()  # (symbol, description) replacing or adding to the derived ones
    document_url: str | None = None  # a link for each symbol: "https://undocs.org/{symbol}"
    names: tuple[tuple[str, str], ...] = ()  # (person's name, as the report names them): ("Amanda Ledwaba", "Ms. Ledwaba")
    record: ReportRecord = ReportRecord()
    origin: Origin | None = None



# --- parallel meetings ------------------------------------------------------------------------------------


class ProgrammeLayout(StrEnum):
    """How the programme prints the parallel meetings: a column beside the plenary, or a table per body."""

    COLUMN = "column"  # "Date and time | Plenary | Parallel meeting", as Conference programmes print it
    TABLES = "tables"  # the plenary's table, then one table per body


class Room(Struct, frozen=True, kw_only=True):
    """A meeting room and what it offers: seats, interpretation booths, remote-participation equipment."""

    name: str
    seats: int | None = None
    booths: bool = True
    remote: bool = True
    origin: Origin | None = None


class Services(Struct, frozen=True, kw_only=True):
    """What the conference services can give at once: meetings with interpretation, hours of it a day."""

    interpretation: int | None = None  # meetings with interpretation that may run at the same time; None: no limit
    interpretation_hours: Fraction | None = None  # hours of interpretation a day, all meetings together; None: no limit
    origin: Origin | None = None
    hours_origin: Origin | None = None


class Sitting(Struct, frozen=True, kw_only=True):
    """A parallel meeting's place asked for in the configuration: a day and hours (beside a plenary meeting,
    or hours of its own)."""

    date: dt.date
    hours: Hours
    origin: Origin | None = None


class Body(Struct, frozen=True, kw_only=True):
    """A body meeting beside the plenary: a Committee of the Whole, a working group, informal consultations.

    Its meetings are numbered on their own ("2nd meeting of the Committee of the Whole"). ``sittings`` are the
    places given; the scheduler places the others (``meetings`` in all) where the room and services allow.
    """

    name: str
    short_name: str  # for calendar titles, file names and UIDs: "WG"
    room: str | None
    interpretation: bool
    remote: bool
    meetings: int  # how many meetings it holds in all
    sittings: tuple[Sitting, ...]  # the places given, in time order
    agenda: tuple[AgendaItem, ...]  # its own agenda; one unnumbered item (its name) when it has none
    numbered: bool = True  # False: plain titles, printed without an item number
    origin: Origin | None = None

    @property
    def entries(self) -> tuple[AgendaItem, ...]:
        return tuple(sub for item in self.agenda for sub in (item.sub_items or (item,)))


class Parallel(Struct, frozen=True, kw_only=True):
    """The parallel: section: the bodies beside the plenary, the rooms, the services and the programme's layout."""

    bodies: tuple[Body, ...]
    rooms: tuple[Room, ...] = ()
    services: Services = Services()
    layout: ProgrammeLayout = ProgrammeLayout.COLUMN
    plenary_interpretation: bool = True  # the plenary meetings have interpretation (DOMAIN.md: six languages)

    def room(self, name: str | None) -> Room | None:
        return next((room for room in self.rooms if room.name == name), None)


class BodySchedule(Struct, frozen=True, kw_only=True):
    """One parallel body's meetings and organization of work: ``schedule`` numbers its meetings on their own."""

    body: Body
    schedule: Schedule
    placed: tuple[int, ...] = ()  # the numbers of its meetings that the scheduler placed (not given by beside or at)


class Programme(Struct, frozen=True, kw_only=True):
    """The session's programme: the plenary's organization of work and each parallel body's, in body order."""

    plenary: Schedule
    bodies: tuple[BodySchedule, ...]
