"""The published list of participants (Word and Markdown): names, titles and delegations, nothing else.

By category in the report's order (parties, signatories, other States, organizations, entities with permanent
observer offices, NGOs); delegations alphabetically by the name as written, ignoring case and accents; within a
delegation the head of delegation first, then by diplomatic rank read from the function (Minister, Ambassador and
Permanent Representative, Deputy Permanent Representative, Minister Counsellor, Counsellor, First, Second and
Third Secretary, Attaché; then everyone else), then by registration order; each name after its courtesy title
("Ms. Ana García"). With a seat plan, only the people in the room or online are listed, not the waiting list.
E-mail addresses are personal data for the secretariat only: this module never reads them.

python-docx's ``add_paragraph`` slows down as a document grows (it searches the body for the section
properties on every call), so the body of the Word list is written as one XML fragment and appended at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from xml.sax.saxutils import escape

from meetplan.model import Delegation, DelegationCategory, Meeting, Participant, Placement, SeatPlan
from meetplan.names import latin_name
from meetplan.render import Artifact
from meetplan.render.markup import markdown_text
from meetplan.style import date_range, session_name, sort_key

TITLE = "List of participants"
HEADINGS: dict[DelegationCategory, str] = {
    DelegationCategory.PARTY: "Parties",
    DelegationCategory.SIGNATORY: "Signatories",
    DelegationCategory.NON_PARTY: "States not parties or signatories",
    DelegationCategory.ORGANIZATION: "Intergovernmental organizations and United Nations entities",
    DelegationCategory.PERMANENT_OBSERVER: "Entities maintaining permanent observer offices",
    DelegationCategory.NGO: "Non-governmental organizations",
}
DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Characters XML 1.0 cannot carry (pasted from other programs); Word refuses a document that has them.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

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
OTHER_RANK = 11


def rank(title: str | None) -> int:
    """0 for the head of delegation, 1 for a minister ... 10 for an attaché, 11 for any other function or none."""
    if title:
        for pattern, value in zip(_RANKS, _RANK_OF_PATTERN, strict=True):
            if pattern.search(title):
                return value
    return OTHER_RANK


def sections(participants: Iterable[Participant]) -> Sections:
    """The list's structure: categories in order, their delegations alphabetically, each with its people, the
    head of delegation first, then by rank, then in registration order."""
    people: dict[Delegation, list[Participant]] = {}
    for person in sorted(participants, key=lambda p: (rank(p.title), p.row)):
        people.setdefault(person.delegation, []).append(person)
    result: Sections = []
    for category in DelegationCategory:
        delegations = sorted((d for d in people if d.category is category), key=lambda d: sort_key(d.name))
        if delegations:
            result.append((category, [(d, people[d]) for d in delegations]))
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
    """"Working Group on the Smuggling of Migrants, seventh meeting, Vienna, 8 and 9 September 2020"."""
    days = f", {date_range(meeting.days[0].date, meeting.days[-1].date)}" if meeting.days else ""
    return f"{meeting.body}, {session_name(meeting)}, {meeting.venue}{days}"


def render_markdown(meeting: Meeting, seats: SeatPlan | None = None) -> Artifact:
    lines = [f"# {TITLE}", "", markdown_text(subtitle(meeting))]
    if synthetic(meeting):
        lines += ["", f"**{SYNTHETIC}**"]
    for category, delegations in sections(attending(meeting, seats)):
        lines += ["", f"## {HEADINGS[category]}"]
        for delegation, people in delegations:
            lines += ["", f"### {markdown_text(delegation.name)}", ""]
            lines += [f"- {markdown_text(entry(person))}" for person in people]
    return Artifact(name="list-of-participants.md", media_type="text/markdown", data=("\n".join(lines) + "\n").encode())


def _paragraph(style: str, value: str) -> str:
    text = escape(_ILLEGAL.sub("", value))
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def render_docx(meeting: Meeting, seats: SeatPlan | None = None) -> Artifact:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Cm, Pt

    from meetplan.render import word

    # One symbol for the list across a build: the one the report cites (the list as finally issued), else its own.
    record = meeting.report.record if meeting.report is not None else None
    official = (record.participants_list if record is not None else None) or meeting.participants_symbol or ""
    symbol = official
    if synthetic(meeting):  # on every page, beside the symbol, and under the title
        symbol = f"{SYNTHETIC.split(':')[0]} \u2014 {symbol}" if symbol else SYNTHETIC.split(':')[0]
    document = word.new_document(symbol=symbol, title=TITLE)
    days = date_range(meeting.days[0].date, meeting.days[-1].date) if meeting.days else ""
    # Dated the first day of the meeting, when the list is issued in the room.
    issued = meeting.days[0].date if meeting.days else meeting.issued
    word.masthead(document, symbol=official, parent_body=meeting.parent_body, issued=issued,
                  lines=(meeting.body, session_name(meeting).capitalize(), ", ".join(filter(None, (meeting.venue, days)))))
    word.heading(document, TITLE, space_after=12)  # the masthead names the body, the meeting, venue and dates
    if synthetic(meeting):
        mark = document.add_paragraph()
        mark.paragraph_format.space_after = Pt(12)
        run = mark.add_run(SYNTHETIC)
        run.bold = True
        run.font.size = Pt(12)

    styles = {}
    for name, size, bold, before, after, indent in (
        ("Participants category", 12, True, 12, 6, 0.0),
        ("Participants delegation", 10, True, 8, 2, 0.0),
        ("Participants person", 10, False, 0, 0, 0.6),
    ):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.font.size, style.font.bold = Pt(size), bold
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after, fmt.left_indent = Pt(before), Pt(after), Cm(indent)
        fmt.keep_with_next = bold  # a heading never ends a page
        styles[name] = style.style_id
    category_style, delegation_style, person_style = styles.values()

    parts: list[str] = []
    for category, delegations in sections(attending(meeting, seats)):
        parts.append(_paragraph(category_style, HEADINGS[category]))
        for delegation, people in delegations:
            parts.append(_paragraph(delegation_style, delegation.name))
            parts.extend(_paragraph(person_style, entry(person)) for person in people)
    body = document.element.body
    section_properties = body[-1]  # w:sectPr stays the body's last child
    fragment = parse_xml(f"<w:body {nsdecls('w')}>{''.join(parts)}</w:body>")
    body.remove(section_properties)
    body.extend(list(fragment))
    body.append(section_properties)
    return Artifact(name="list-of-participants.docx", media_type=DOCX_MEDIA_TYPE, data=word.save(document, meeting.issued, meeting.stamp))
