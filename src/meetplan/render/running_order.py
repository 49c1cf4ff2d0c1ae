"""The Chair's running order (running-order.docx and running-order.md).

Per plenary meeting, in order: the agenda items taken up in it, the time each has, and its speakers with the
time the Chair is expected to give them the floor. Speakers who do not fit the item's time follow the item's
last plenary meeting under their own heading, so that the Chair sees who is still waiting. The document
names speakers, their titles and delegations only: inscriptions carry no e-mail address or telephone number.

The Word file is read at the podium (issue 17): 12-point type, each plenary meeting on pages of its own, the
time the Chair gives the floor first in each row, in large bold figures; it is an internal paper, so it says
"For internal use" where an official document has its symbol.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from fractions import Fraction
from xml.sax.saxutils import escape

from meetplan.model import Hours, SpeakersList, Turn
from meetplan.render import Artifact
from meetplan.render.markup import markdown_text, one_line
from meetplan.speakers import speaker_name
from meetplan.style import EM_DASH, day_heading, hours, ordinal, session_name, time_of_day

TITLE = "Running order"
INTERNAL = "For internal use"  # in place of a document symbol: the running order is not an official document
HEADINGS = ("Time", "Speaker", "On behalf of", "Mode", "Language", "Minutes")
NOT_REACHED = "Inscribed, not expected to be reached in the time allotted"
NO_SPEAKERS = "No speakers inscribed."
ALL_HEARD = "No further speakers: the list is expected to be exhausted in an earlier plenary meeting."


@dataclass(frozen=True, slots=True)
class ItemPart:
    """One item in one plenary meeting: its heading, the time it has, its speakers, and those left over."""

    heading: str
    time: str
    rows: tuple[tuple[str, ...], ...]
    left_over: tuple[tuple[str, ...], ...]
    empty: str  # what stands in place of the table when no speaker is expected


@dataclass(frozen=True, slots=True)
class PlenaryPart:
    heading: str
    items: tuple[ItemPart, ...]


def _number(value: Fraction) -> str:
    return str(int(value)) if value.denominator == 1 else f"{float(value):g}"


def _row(turn: Turn) -> tuple[str, ...]:
    inscription = turn.inscription
    who = speaker_name(turn)
    if inscription.name and inscription.delegation:
        who = f"{who} ({inscription.delegation.name})"
    if inscription.title:
        who = f"{who}, {inscription.title}"
    time = time_of_day(turn.start.time()) if turn.start is not None else EM_DASH
    return (time, one_line(who), one_line(inscription.on_behalf_of or ""), inscription.mode.value,
            inscription.language or "", _number(turn.minutes))


def running_order(speakers: SpeakersList) -> tuple[PlenaryPart, ...]:
    """The running order's content, shared by the Word and Markdown forms."""
    schedule = speakers.schedule
    by_label = {entry.item.label: entry for entry in speakers.items}
    parts = []
    for plenary in schedule.plenaries:
        items = []
        for allocation in schedule.allocations_in(plenary.number):
            entry = by_label.get(allocation.item.label)
            continued = " (continued)" if allocation.continued else ""
            heading = f"Item {allocation.item.label}{continued}: {one_line(allocation.item.title)}"
            if entry is None:
                items.append(ItemPart(heading, "", (), (), NO_SPEAKERS))
                continue
            window = next(w for w in entry.windows if w.plenary == plenary.number)
            end = window.start + dt.timedelta(seconds=round(window.minutes * 60))
            if window.minutes:
                time = f"{hours(Hours(start=window.start.time(), end=end.time()))} ({_number(window.minutes)} minutes)"
            else:
                time = "No time of its own"
            rows = tuple(_row(t) for t in entry.turns if t.start is not None and t.plenary == plenary.number)
            last = entry.windows[-1].plenary == plenary.number
            left_over = tuple(_row(t) for t in entry.turns if t.start is None) if last else ()
            earlier = any(t.start is not None and t.plenary < plenary.number for t in entry.turns)
            items.append(ItemPart(heading, time, rows, left_over, ALL_HEARD if earlier else NO_SPEAKERS))
        heading = f"{ordinal(plenary.number)} plenary meeting {EM_DASH} {day_heading(plenary.date)}, {hours(plenary.hours)}"
        parts.append(PlenaryPart(heading, tuple(items)))
    return tuple(parts)


def _subtitle(speakers: SpeakersList) -> str:
    meeting = speakers.schedule.meeting
    return f"{session_name(meeting).capitalize()} of the {meeting.body}"


# --- Markdown ------------------------------------------------------------------------------------------------------


def _markdown_table(rows: tuple[tuple[str, ...], ...]) -> list[str]:
    lines = ["| " + " | ".join(HEADINGS) + " |", "|" + "|".join(" --- " for _ in HEADINGS) + "|"]
    lines += ["| " + " | ".join(markdown_text(cell) for cell in row) + " |" for row in rows]
    return lines


def render_markdown(speakers: SpeakersList) -> Artifact:
    lines = [INTERNAL, "", f"# {TITLE}", "", markdown_text(_subtitle(speakers)), ""]
    for part in running_order(speakers):
        lines += [f"## {markdown_text(part.heading)}", ""]
        for item in part.items:
            lines += [f"### {markdown_text(item.heading)}", ""]
            if item.time:
                lines += [f"Time: {markdown_text(item.time)}", ""]
            lines += (_markdown_table(item.rows) if item.rows else [item.empty]) + [""]
            if item.left_over:
                lines += [f"{NOT_REACHED}:", "", *_markdown_table(item.left_over), ""]
    return Artifact(name="running-order.md", media_type="text/markdown", data=("\n".join(lines).rstrip("\n") + "\n").encode())


# --- Word ------------------------------------------------------------------------------------------------------------

# The body is written as one XML string (as the list of participants' is): python-docx's cell API and
# add_paragraph slow down with the length of the document, and 10,000 speakers make 60,000 cells. The string
# spells out what python-docx would have written for the same calls, element for element (with the table's
# properties in the schema's order), so the document reads back the same.
_WIDTHS = (1531, 2495, 1588, 1134, 1361, 1304)  # twips: 2.7, 4.4, 2.8, 2.0, 2.4 and 2.3 cm, the A4 text width
_SIZE = 12  # points: the body and the tables, read at the podium
_TIME_PROPERTIES = f'<w:rPr><w:b/><w:sz w:val="{14 * 2}"/></w:rPr>'  # the expected time: 14-point bold
_RULE = '<w:{edge} w:val="single" w:sz="6" w:space="0" w:color="000000"/>'
# Characters XML 1.0 cannot carry; python-docx would refuse them, and Word refuses a document that has them.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_RUN_BREAKS = re.compile(r"(\t|[\r\n])")


def _run(text: str, properties: str = "") -> str:
    """A w:r as python-docx's add_run writes it: a tab becomes w:tab, a line break w:br, the rest w:t."""
    parts = []
    for piece in _RUN_BREAKS.split(_ILLEGAL.sub("", text)):
        if piece == "\t":
            parts.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            parts.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if piece.strip() != piece else ""
            parts.append(f"<w:t{space}>{escape(piece)}</w:t>")
    return f"<w:r>{properties}{''.join(parts)}</w:r>"


def _paragraph(text: str | None = None, *, space_after: int | None = None, keep_with_next: bool = False,
               run_properties: str = "", page_break: bool = False) -> str:
    """A w:p; ``space_after`` in twentieths of a point; ``page_break``: it starts a page."""
    spacing = f'<w:spacing w:after="{space_after}"/>' if space_after is not None else ""
    keep = ("<w:keepNext/>" if keep_with_next else "") + ("<w:pageBreakBefore/>" if page_break else "")
    properties = f"<w:pPr>{keep}{spacing}</w:pPr>" if keep or spacing else ""
    run = _run(text, run_properties) if text else ""
    return f"<w:p>{properties}{run}</w:p>"


def _heading(text: str, size: int, space_after: int, *, page_break: bool = False) -> str:
    """As word.heading: bold, ``size`` points, kept with the next paragraph."""
    return _paragraph(text, space_after=space_after * 20, keep_with_next=True, page_break=page_break,
                      run_properties=f'<w:rPr><w:b/><w:sz w:val="{size * 2}"/></w:rPr>')


_TABLE_HEAD = (
    "<w:tbl><w:tblPr>"
    # In the schema's order (tblW, tblBorders, tblLayout, tblLook): Word refuses a table whose properties are not.
    '<w:tblW w:type="auto" w:w="0"/>'
    f"<w:tblBorders>{_RULE.format(edge='top')}{_RULE.format(edge='bottom')}</w:tblBorders>"
    '<w:tblLayout w:type="fixed"/>'
    '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
    "</w:tblPr>"
    "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in _WIDTHS) + "</w:tblGrid>"
    "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
    + "".join(
        f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{w}"/><w:tcBorders>{_RULE.format(edge="bottom")}</w:tcBorders></w:tcPr>'
        f"<w:p>{_run(text, '<w:rPr><w:i/></w:rPr>')}</w:p></w:tc>"
        for w, text in zip(_WIDTHS, HEADINGS, strict=True)
    )
    + "</w:tr>"
)


def _table(rows: tuple[tuple[str, ...], ...]) -> str:
    """The speakers' table (UN rules: above and below, and under the repeated heading row), then a spacer."""
    cells = [_TABLE_HEAD]
    for row in rows:
        cells.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        cells.extend(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{w}"/></w:tcPr><w:p>{_run(text, properties)}</w:p></w:tc>'
                     for w, text, properties in zip(_WIDTHS, row, (_TIME_PROPERTIES, *[""] * (len(row) - 1)), strict=True))
        cells.append("</w:tr>")
    cells.append("</w:tbl>")
    cells.append(_paragraph(space_after=120))
    return "".join(cells)


def render_docx(speakers: SpeakersList) -> Artifact:
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml import parse_xml
    from docx.shared import Pt

    from meetplan.render import word

    meeting = speakers.schedule.meeting
    document = word.new_document(symbol=INTERNAL, title=TITLE, size=_SIZE)
    word.heading(document, TITLE, size=16, space_after=3)
    document.add_paragraph(_subtitle(speakers)).paragraph_format.space_after = Pt(12)

    parts: list[str] = []
    for number, part in enumerate(running_order(speakers)):
        # Each plenary meeting on a page of its own: the Chair turns one page per meeting.
        parts.append(_heading(part.heading, size=14, space_after=6, page_break=number > 0))
        for item in part.items:
            parts.append(_heading(item.heading, size=_SIZE, space_after=3))
            if item.time:
                parts.append(_paragraph(f"Time: {item.time}", space_after=60))
            parts.append(_table(item.rows) if item.rows else _paragraph(item.empty, space_after=120))
            if item.left_over:
                parts.append(_paragraph(f"{NOT_REACHED}:", run_properties="<w:rPr><w:i/></w:rPr>"))
                parts.append(_table(item.left_over))
    # Moving a large parsed table into the document costs lxml time quadratic in the table's size (it re-points
    # every element's namespace), so the whole document is parsed once with the body in place, before w:sectPr.
    skeleton = serialize_part_xml(document.element)
    at = skeleton.rindex(b"<w:sectPr")
    document.part._element = parse_xml(skeleton[:at] + "".join(parts).encode("utf-8") + skeleton[at:])
    return Artifact(
        name="running-order.docx",
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        data=word.save(document, meeting.issued, meeting.stamp),
    )
