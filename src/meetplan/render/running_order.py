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
from collections.abc import Iterator

from msgspec import Struct

from meetplan.fit import changes
from meetplan.model import Hours, SpeakersList, Turn
from meetplan.render import Artifact, word
from meetplan.render.markup import markdown_text, one_line
from meetplan.speakers import speaker_name
from meetplan.style import EM_DASH, day_heading, figure, hours, ordinal, session_name, time_of_day

TITLE = "Running order"
INTERNAL = "For internal use"  # in place of a document symbol: the running order is not an official document
HEADINGS = ("Time", "Speaker", "On behalf of", "Mode", "Language", "Minutes")
NOT_REACHED = "Inscribed, not expected to be reached in the time allotted"
REPLIES = "Rights of reply"
IN_WRITING = "Statements delivered in writing only (no time)"
NO_SPEAKERS = "No speakers inscribed."
ALL_HEARD = "No further speakers: the list is expected to be exhausted in an earlier plenary meeting."


class ItemPart(Struct, frozen=True):
    """One item in one plenary meeting: its heading, the time it has, its speakers, and those left over."""

    heading: str
    time: str
    rows: tuple[tuple[str, ...], ...]
    left_over: tuple[tuple[str, ...], ...]
    empty: str  # what stands in place of the table when no speaker is expected
    limits: str = ""  # the reduced limits, when speakers.fit_limits cut them (speaking-time.md)
    written: tuple[tuple[str, ...], ...] = ()  # statements delivered in writing only, under the item's last plenary meeting


class PlenaryPart(Struct, frozen=True):
    heading: str
    items: tuple[ItemPart, ...]
    replies: tuple[tuple[str, ...], ...] = ()  # rights of reply at the end of the meeting (floor.py)


def _row(turn: Turn) -> tuple[str, ...]:
    inscription = turn.inscription
    who = speaker_name(turn)
    if inscription.name and inscription.delegation:
        who = f"{who} ({inscription.delegation.name})"
    if inscription.title:
        who = f"{who}, {inscription.title}"
    if inscription.reply:
        who = f"{who}, {'first' if inscription.reply == 1 else 'second'} reply under item {inscription.item}"
    time = time_of_day(turn.start.time()) if turn.start is not None else EM_DASH
    return (time, one_line(who), one_line(inscription.on_behalf_of or ""), inscription.mode.value,
            inscription.language or "", figure(turn.minutes))


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
                time = f"{hours(Hours(start=window.start.time(), end=end.time()))} ({figure(window.minutes)} minutes)"
            else:
                time = "No time of its own"
            rows = tuple(_row(t) for t in entry.turns if t.start is not None and t.plenary == plenary.number and not t.inscription.reply)
            last = entry.windows[-1].plenary == plenary.number
            left_over = tuple(_row(t) for t in entry.turns if t.start is None and not t.inscription.written) if last else ()
            written = tuple(_row(t) for t in entry.turns if t.inscription.written) if last else ()
            earlier = any(t.start is not None and t.plenary < plenary.number and not t.inscription.reply for t in entry.turns)
            limits = f"Speaking time reduced: {changes(entry.fitting)}." if entry.fitting is not None and entry.fitting.applied else ""
            items.append(ItemPart(heading, time, rows, left_over, ALL_HEARD if earlier else NO_SPEAKERS, limits, written))
        heading = f"{ordinal(plenary.number)} plenary meeting {EM_DASH} {day_heading(plenary.date)}, {hours(plenary.hours)}"
        replies = sorted((t for entry in speakers.items for t in entry.turns if t.inscription.reply and t.plenary == plenary.number
                          and t.start is not None), key=lambda t: (t.start or dt.datetime.min))
        parts.append(PlenaryPart(heading, tuple(items), tuple(_row(t) for t in replies)))
    return tuple(parts)


def _rules(speakers: SpeakersList) -> str | None:
    """The rules of the floor in force beyond rule 42, with the seed of the lots (floor.py), or None."""
    from meetplan.floor import rules

    plan = speakers.schedule.meeting.speakers
    return rules(plan) if plan is not None else None


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
    if (floor := _rules(speakers)) is not None:
        lines += [f"Order of speakers: {markdown_text(floor)}", ""]
    for part in running_order(speakers):
        lines += [f"## {markdown_text(part.heading)}", ""]
        for item in part.items:
            lines += [f"### {markdown_text(item.heading)}", ""]
            if item.time:
                lines += [f"Time: {markdown_text(item.time)}", ""]
            if item.limits:
                lines += [markdown_text(item.limits), ""]
            lines += (_markdown_table(item.rows) if item.rows else [item.empty]) + [""]
            if item.left_over:
                lines += [f"{NOT_REACHED}:", "", *_markdown_table(item.left_over), ""]
            if item.written:
                lines += [f"{IN_WRITING}:", "", *_markdown_table(item.written), ""]
        if part.replies:
            lines += [f"### {REPLIES}", "", *_markdown_table(part.replies), ""]
    return Artifact(name="running-order.md", media_type="text/markdown", data=("\n".join(lines).rstrip("\n") + "\n").encode())


# --- Word ------------------------------------------------------------------------------------------------------------

# The body is written as text, straight into the document (``render.word``): 10,000 speakers make 60,000 cells.
_WIDTHS = (1531, 2495, 1588, 1134, 1361, 1304)  # twips: 2.7, 4.4, 2.8, 2.0, 2.4 and 2.3 cm, the A4 text width
_SIZE = 12  # points: the body and the tables, read at the podium
_TIME_PROPERTIES = word.size_properties(14, bold=True)  # the expected time: 14-point bold
_TABLE_HEAD = word.row((word.cell(width, word.paragraph(word.run(text, word.ITALIC)), rule_below=True)
                        for width, text in zip(_WIDTHS, HEADINGS, strict=True)), repeat=True)


def _table(rows: tuple[tuple[str, ...], ...]) -> Iterator[str]:
    """The speakers' table (UN rules: above and below, and under the repeated heading row), then a spacer."""
    yield word.table(_WIDTHS, [_TABLE_HEAD, *(
        word.row((word.cell(width, word.paragraph(word.run(text, properties)))
                  for width, text, properties in zip(_WIDTHS, row, (_TIME_PROPERTIES, *[""] * (len(row) - 1)), strict=True)),
                 keep_together=True)
        for row in rows
    )])
    yield word.paragraph(after=6)


def _body(speakers: SpeakersList) -> Iterator[str]:
    yield word.heading(TITLE, size=16, space_after=3)
    yield word.paragraph(word.run(_subtitle(speakers)), after=12)
    if (floor := _rules(speakers)) is not None:
        yield word.paragraph(word.run(f"Order of speakers: {floor}"), after=12)
    for number, part in enumerate(running_order(speakers)):
        # Each plenary meeting on a page of its own: the Chair turns one page per meeting.
        yield word.heading(part.heading, size=14, space_after=6, page_break=number > 0)
        for item in part.items:
            yield word.heading(item.heading, size=_SIZE, space_after=3)
            if item.time:
                yield word.paragraph(word.run(f"Time: {item.time}"), after=3)
            if item.limits:
                yield word.paragraph(word.run(item.limits, word.ITALIC), after=3)
            if item.rows:
                yield from _table(item.rows)
            else:
                yield word.paragraph(word.run(item.empty), after=6)
            if item.left_over:
                yield word.paragraph(word.run(f"{NOT_REACHED}:", word.ITALIC))
                yield from _table(item.left_over)
            if item.written:
                yield word.paragraph(word.run(f"{IN_WRITING}:", word.ITALIC))
                yield from _table(item.written)
        if part.replies:
            yield word.heading(REPLIES, size=_SIZE, space_after=3)
            yield from _table(part.replies)


def render_docx(speakers: SpeakersList) -> Artifact:
    meeting = speakers.schedule.meeting
    data = word.document(_body(speakers), symbol=INTERNAL, title=TITLE, issued=meeting.issued, stamp=meeting.stamp,
                         size=_SIZE)
    return Artifact(name="running-order.docx", media_type=word.DOCX_MEDIA_TYPE, data=data)
