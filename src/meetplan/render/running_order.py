"""The Chair's running order (running-order.docx and running-order.md).

Per plenary meeting, in order: the agenda items taken up in it, the time each has, and its speakers with the
time the Chair is expected to give them the floor. Speakers who do not fit the item's time follow the item's
last plenary meeting under their own heading, so that the Chair sees who is still waiting. The document
names speakers, their titles and delegations only: inscriptions carry no e-mail address or telephone number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from meetplan.model import Hours, SpeakersList, Turn
from meetplan.render import Artifact
from meetplan.render.annex import markdown_escape, one_line
from meetplan.speakers import speaker_name
from meetplan.style import EM_DASH, day_heading, hours, ordinal, ordinal_word, time_of_day

TITLE = "Running order"
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
    return f"{ordinal_word(meeting.ordinal).capitalize()} meeting of the {meeting.body}"


# --- Markdown ------------------------------------------------------------------------------------------------------


def _markdown_table(rows: tuple[tuple[str, ...], ...]) -> list[str]:
    lines = ["| " + " | ".join(HEADINGS) + " |", "|" + "|".join(" --- " for _ in HEADINGS) + "|"]
    lines += ["| " + " | ".join(markdown_escape(cell) for cell in row) + " |" for row in rows]
    return lines


def render_markdown(speakers: SpeakersList) -> Artifact:
    meeting = speakers.schedule.meeting
    lines = [markdown_escape(meeting.symbol), "", f"# {TITLE}", "", markdown_escape(_subtitle(speakers)), ""]
    for part in running_order(speakers):
        lines += [f"## {markdown_escape(part.heading)}", ""]
        for item in part.items:
            lines += [f"### {markdown_escape(item.heading)}", ""]
            if item.time:
                lines += [f"Time: {markdown_escape(item.time)}", ""]
            lines += (_markdown_table(item.rows) if item.rows else [item.empty]) + [""]
            if item.left_over:
                lines += [f"{NOT_REACHED}:", "", *_markdown_table(item.left_over), ""]
    return Artifact(name="running-order.md", media_type="text/markdown", data=("\n".join(lines).rstrip("\n") + "\n").encode())


# --- Word ------------------------------------------------------------------------------------------------------------


def render_docx(speakers: SpeakersList) -> Artifact:
    from docx.shared import Cm, Pt

    from meetplan.render import word

    widths = (Cm(2.0), Cm(6.4), Cm(3.8), Cm(1.7), Cm(1.6), Cm(1.1))  # the A4 text width

    meeting = speakers.schedule.meeting
    document = word.new_document(symbol=meeting.symbol, title=TITLE)
    word.heading(document, TITLE, space_after=3)
    document.add_paragraph(_subtitle(speakers)).paragraph_format.space_after = Pt(12)

    def table(rows: tuple[tuple[str, ...], ...]) -> None:
        grid = document.add_table(rows=1 + len(rows), cols=len(HEADINGS))
        grid.autofit = False
        word.rule_borders(grid)
        for column, width in zip(grid.columns, widths, strict=True):
            column.width = width
        for row in grid.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
        word.repeat_as_heading(grid.rows[0])
        for cell, text in zip(grid.rows[0].cells, HEADINGS, strict=True):
            cell.paragraphs[0].add_run(text).italic = True
            word.rule_below(cell)
        for grid_row, row in zip(grid.rows[1:], rows, strict=True):
            word.keep_row_together(grid_row)
            for cell, text in zip(grid_row.cells, row, strict=True):
                cell.paragraphs[0].add_run(text)
        document.add_paragraph().paragraph_format.space_after = Pt(6)

    for part in running_order(speakers):
        word.heading(document, part.heading, size=12, space_after=6)
        for item in part.items:
            word.heading(document, item.heading, size=10, space_after=3)
            if item.time:
                document.add_paragraph(f"Time: {item.time}").paragraph_format.space_after = Pt(3)
            if item.rows:
                table(item.rows)
            else:
                document.add_paragraph(item.empty).paragraph_format.space_after = Pt(6)
            if item.left_over:
                paragraph = document.add_paragraph()
                paragraph.add_run(f"{NOT_REACHED}:").italic = True
                table(item.left_over)
    return Artifact(
        name="running-order.docx",
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        data=word.save(document, meeting.issued),
    )
