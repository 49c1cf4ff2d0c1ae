"""The published list of participants (Word and Markdown): names, titles and delegations, nothing else.

By category in the report's order (parties, signatories, other States, organizations, entities with permanent
observer offices, NGOs); delegations alphabetically by the name as written, ignoring case and accents; within a
delegation the head of delegation first, then by diplomatic rank read from the function (Minister, Ambassador and
Permanent Representative, Deputy Permanent Representative, Minister Counsellor, Counsellor, First, Second and
Third Secretary, Attaché; then everyone else), then by registration order; each name after its courtesy title
("Ms. Ana García"). With a seat plan, only the people in the room or online are listed, not the waiting list.
E-mail addresses are personal data for the secretariat only: this module never reads them.

The Word list's body is written as text, paragraph by paragraph, straight into the document (``render.word``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from meetplan import reference
from meetplan.languages import file_name, language
from meetplan.model import Delegation, DelegationCategory, Meeting, Participant, Placement, SeatPlan
from meetplan.names import latin_name
from meetplan.render import Artifact, word
from meetplan.render.markup import markdown_text
from meetplan.render.word import ParagraphStyle
from meetplan.style import date_range, masthead_lines, session_name, sort_key

Sections = list[tuple[DelegationCategory, list[tuple[Delegation, list[Participant]]]]]


# Diplomatic ranks, highest first, as read from a function; the first pattern that matches gives the rank, so the
# longer titles ("Deputy Permanent Representative", "Minister Counsellor") come before the words they contain.
_RANKS = tuple(re.compile(pattern, re.IGNORECASE) for pattern in (
    r"\bhead of (the )?delegation\b",
    r"\bminister[- ]counsel+or\b",  # rank 5, tested before "minister"
    r"\b(deputy|alternate|assistant) permanent representative\b|\bchargée? d.affaires\b",  # rank 4
    r"\b(deputy|vice)[- ]minister\b|\bsecretary of state\b|\bstate secretary\b",  # rank 2
    r"\bminister\b",  # rank 1
    r"\bambassador\b|\bpermanent representative\b",  # rank 3
    r"\bcounsel+or\b",
    r"\bfirst secretary\b",
    r"\bsecond secretary\b",
    r"\bthird secretary\b",
    r"\batta(c|ch)h?[eé]\b",
))
_RANK_OF_PATTERN = (0, 5, 4, 2, 1, 3, 6, 7, 8, 9, 10)
# Any of the ranks at all: most functions ("Adviser", "Director, Department for ...") have none, and one search
# says so instead of eleven.
_ANY_RANK = re.compile("|".join(pattern.pattern for pattern in _RANKS), re.IGNORECASE)
OTHER_RANK = 11


def rank(title: str | None) -> int:
    """0 for the head of delegation, 1 for a minister ... 10 for an attaché, 11 for any other function or none."""
    if title and _ANY_RANK.search(title):
        for pattern, value in zip(_RANKS, _RANK_OF_PATTERN, strict=True):
            if pattern.search(title):
                return value
    return OTHER_RANK


def sections(participants: Iterable[Participant]) -> Sections:
    """The list's structure: categories in order, their delegations alphabetically, each with its people, the
    head of delegation first, then by rank, then in registration order."""
    people = _by_delegation(participants)
    return [(category, [(d, people[d]) for d in delegations])
            for category, delegations in _in_categories(people, lambda delegation: delegation.name)]


def _by_delegation(participants: Iterable[Participant]) -> dict[Delegation, list[Participant]]:
    """Each delegation's people, the head of delegation first, then by rank, then in registration order."""
    ranks: dict[str | None, int] = {}  # functions repeat ("Counsellor", "First Secretary"): each is ranked once

    def order(person: Participant) -> tuple[int, int]:
        value = ranks.get(person.title)
        if value is None:
            value = ranks[person.title] = rank(person.title)
        return value, person.row

    people: dict[Delegation, list[Participant]] = {}
    for person in sorted(participants, key=order):
        people.setdefault(person.delegation, []).append(person)
    return people


def _in_categories(delegations: Iterable[Delegation], named: Callable[[Delegation], str]) -> list[tuple[DelegationCategory, list[Delegation]]]:
    """The categories that have delegations, in order, each with its delegations sorted by ``named``."""
    result = []
    for category in DelegationCategory:
        found = sorted((d for d in delegations if d.category is category), key=lambda d: sort_key(named(d)))
        if found:
            result.append((category, found))
    return result


def entry(person: Participant) -> str:
    """"Ms. Ana García, First Secretary": courtesy title, name in Latin script (names.latin_name) and function only."""
    name = f"{person.salutation} {latin_name(person)}" if person.salutation else latin_name(person)
    return f"{name}, {person.title}" if person.title else name


SYNTHETIC = "SYNTHETIC DATA: built from generated registrations, not a list of real participants"


def synthetic(meeting: Meeting) -> bool:
    return meeting.registrations is not None and meeting.registrations.synthetic


def attending(meeting: Meeting, seats: SeatPlan | None) -> list[Participant]:
    """The people in the room or online; everyone registered when there is no seat plan."""
    if seats is None:
        return list(meeting.participants)
    return [seat.participant for seat in seats.seats if seat.placement in (Placement.ROOM, Placement.ONLINE)]


def subtitle(meeting: Meeting) -> str:
    """"Working Group on the Smuggling of Migrants, seventh meeting, Vienna, 8 and 9 September 2020"; in another
    language the body and the venue as its translation gives them."""
    if meeting.language != "en":
        return f"{meeting.body}, {meeting.venue}"
    days = f", {date_range(meeting.days[0].date, meeting.days[-1].date)}" if meeting.days else ""
    return f"{meeting.body}, {session_name(meeting)}, {meeting.venue}{days}"


def delegation_name(delegation: Delegation, code: str) -> str:
    """The delegation as a list in language ``code`` names it: a State by its short name in that language (UN
    Terminology's, data/states.csv); the European Union, organizations and NGOs by the configuration's name."""
    if code == "en" or not delegation.category.is_state:
        return delegation.name
    state = reference.find_state(delegation.name)
    return state.name_in(code) if state is not None else delegation.name


# Each category with its delegations' names, each with its people's entries: what both formats print.
Listed = list[tuple[DelegationCategory, list[tuple[str, list[str]]]]]
_last_listed: list[tuple[Meeting, SeatPlan | None, Listed]] = []
_last_entries: list[tuple[tuple[Participant, ...], SeatPlan | None, dict[Delegation, list[str]]]] = []


def _listed(meeting: Meeting, seats: SeatPlan | None) -> Listed:
    """The list as printed, made once for the Word and the Markdown list of a language (by the identity of the
    meeting and the seat plan), from the people's entries made once for every language of a build: 100,000
    people take a fifth of a second to order and name."""
    for known_meeting, known_seats, listed in _last_listed:
        if known_meeting is meeting and known_seats is seats:
            return listed
    entries = _entries(meeting, seats)
    names: dict[Delegation, str] = {}

    def named(delegation: Delegation) -> str:  # a State by its name in the list's language, looked up once
        if delegation not in names:
            names[delegation] = delegation_name(delegation, meeting.language)
        return names[delegation]

    listed = [(category, [(named(d), entries[d]) for d in delegations]) for category, delegations in _in_categories(entries, named)]
    # One kept for each language of the build: every language's Word list is rendered before the Markdown ones.
    _last_listed[:] = [*(kept for kept in _last_listed if kept[0].participants is meeting.participants and kept[1] is seats),
                       (meeting, seats, listed)]
    return listed


def _entries(meeting: Meeting, seats: SeatPlan | None) -> dict[Delegation, list[str]]:
    """Each delegation's entries, in the list's order: the same in every language (the names in Latin script),
    so made once a build, by the identity of the participants and the seat plan, which translation keeps."""
    for known_people, known_seats, entries in _last_entries:
        if known_people is meeting.participants and known_seats is seats:
            return entries
    entries = {delegation: [entry(person) for person in people]
               for delegation, people in _by_delegation(attending(meeting, seats)).items()}
    _last_entries[:] = [(meeting.participants, seats, entries)]
    return entries


def render_markdown(meeting: Meeting, seats: SeatPlan | None = None) -> Artifact:
    forms = language(meeting.language)
    lines = [f"# {forms.participants_title}", "", markdown_text(subtitle(meeting))]
    if synthetic(meeting):
        lines += ["", f"**{SYNTHETIC}**"]
    headings = dict(zip(DelegationCategory, forms.categories, strict=True))
    for category, delegations in _listed(meeting, seats):
        lines += ["", f"## {headings[category]}"]
        for delegation, entries in delegations:
            lines += ["", f"### {markdown_text(delegation)}", ""]
            lines += [f"- {markdown_text(text)}" for text in entries]
    return Artifact(name=file_name("list-of-participants", "md", meeting.language), media_type="text/markdown", data=("\n".join(lines) + "\n").encode())


# The list's own paragraph styles: the body names a style for each paragraph rather than repeating its layout.
_CATEGORY, _DELEGATION, _PERSON = (
    ParagraphStyle(name="Participants category", size=12, bold=True, before=12, after=6, indent=0.0),
    ParagraphStyle(name="Participants delegation", size=10, bold=True, before=8, after=2, indent=0.0),
    ParagraphStyle(name="Participants person", size=10, bold=False, before=0, after=0, indent=0.6),
)


def _paragraph(style: str, value: str) -> str:
    """A paragraph of ``style`` holding ``value`` in one w:t, line ends and tabs as they are (Word shows them as
    spaces); "\r\n" and "\r" are written "\n", as an XML parser reads them and as the list always wrote them."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r>{word.text_element(value, preserve=True)}</w:r></w:p>'


def _body(meeting: Meeting, seats: SeatPlan | None, official: str) -> Iterator[str]:
    forms = language(meeting.language)
    # Dated the first day of the meeting, when the list is issued in the room.
    issued = meeting.days[0].date if meeting.days else meeting.issued
    lines = masthead_lines(meeting) if meeting.language == "en" else (meeting.body, meeting.venue)
    yield from word.masthead(symbol=official, parent_body=meeting.parent_body, issued=issued, lines=lines, language=forms)
    yield word.heading(forms.participants_title, space_after=12)  # the masthead names the body, the meeting, venue and dates
    if synthetic(meeting):
        yield word.paragraph(word.run(SYNTHETIC, word.size_properties(12, bold=True)), after=12)
    category_style, delegation_style, person_style = (style.style_id for style in (_CATEGORY, _DELEGATION, _PERSON))
    headings = dict(zip(DelegationCategory, forms.categories, strict=True))
    for category, delegations in _listed(meeting, seats):
        yield _paragraph(category_style, headings[category])
        for delegation, entries in delegations:
            yield _paragraph(delegation_style, delegation)
            for text in entries:
                yield _paragraph(person_style, text)


def render_docx(meeting: Meeting, seats: SeatPlan | None = None) -> Artifact:
    # One symbol for the list across a build: the one the report cites (the list as finally issued), else its own.
    record = meeting.report.record if meeting.report is not None else None
    official = (record.participants_list if record is not None else None) or meeting.participants_symbol or ""
    symbol = official
    if synthetic(meeting):  # on every page, beside the symbol, and under the title
        symbol = f"{SYNTHETIC.split(':')[0]} \u2014 {symbol}" if symbol else SYNTHETIC.split(':')[0]
    forms = language(meeting.language)
    data = word.document(_body(meeting, seats, official), symbol=symbol, title=forms.participants_title, issued=meeting.issued,
                         stamp=meeting.stamp, styles=(_CATEGORY, _DELEGATION, _PERSON), masthead=True, language=forms)
    return Artifact(name=file_name("list-of-participants", "docx", meeting.language), media_type=word.DOCX_MEDIA_TYPE, data=data)
