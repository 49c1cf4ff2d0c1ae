"""The programme of a session with parallel meetings: programme.md, programme.html and programme.tsv.

Two layouts, as the officer chooses with ``parallel.layout``:

- ``column``: "Date and time | Plenary | Parallel meeting", as Conference programmes print it. Each distinct
  hours of a day is one time row (the plenary's and a parallel meeting's share it when their hours are the same);
  each meeting's first line names it ("3rd plenary meeting", "2nd meeting of the Working Group on Asset
  Recovery"), then its agenda items one a line, "(continued)" after an item taken up in an earlier meeting of
  the same body, as the annex writes it.
- ``tables``: the plenary's organization of work as the annex prints it, then one such table per body.

The Word form is in ``programme_docx``, beside ``annex_docx``.

The annex (annex.*) stays the plenary's organization of work, as the annotated agenda prints it; the rows of the
``tables`` layout are the annex's own rows (``annex.annex_rows``), and the three formats write cells as the annex
does (its escaping, its italics, its CSS).
"""

from __future__ import annotations

import datetime as dt
import itertools

from msgspec import Struct

from meetplan.languages import language
from meetplan.model import AgendaItem, Allocation, Hours, ProgrammeLayout, Schedule
from meetplan.model import Programme as ProgrammeModel
from meetplan.parallel import meeting_name
from meetplan.render import Artifact
from meetplan.render.annex import _CSS, AnnexRow, _continued, _markdown_row, _tsv_cell, annex_rows, headings
from meetplan.render.markup import html_text, markdown_text, one_line
from meetplan.style import EM_DASH, day_heading, hours, ordinal

NAME = "programme"
ENGLISH = language("en")  # the programme is issued in English
COLUMNS = ("Plenary", "Parallel meeting")


class Line(Struct, frozen=True, kw_only=True):
    """One line of a cell: a meeting's name, or an agenda item ("(continued)" marked apart, for the italics)."""

    text: str
    continued: bool = False


class ProgrammeRow(Struct, frozen=True, kw_only=True):
    """One row of the column layout; a day row has the day in ``time`` and its note, if any, under Plenary."""

    time: str
    plenary: Line | None = None
    parallel: Line | None = None
    is_day: bool = False


def item_text(item: AgendaItem, numbered: bool = True) -> str:
    """"Item 1 (a): Opening of the session"; a plain title (a body without an agenda) as it is."""
    return f"Item {item.label}: {one_line(item.title)}" if numbered else one_line(item.title)


def _lines(heading: str, allocations: tuple[Allocation, ...], numbered: bool) -> list[Line]:
    """The meeting's name, then its items; a body with a plain title is named by it alone, "(continued)" after
    its first meeting."""
    items = [Line(text=item_text(a.item, numbered), continued=a.continued) for a in allocations]
    return [Line(text=heading), *items] if numbered else items


def _meetings_at(schedule: Schedule, date: dt.date, span: Hours) -> list[int]:
    return [p.number for p in schedule.plenaries if p.date == date and p.hours == span]


def programme_rows(programme: ProgrammeModel) -> list[ProgrammeRow]:
    """The column layout's rows: each day, then each distinct hours of it in time order, the meetings beside."""
    plenary = programme.plenary
    rows: list[ProgrammeRow] = []
    schedules = [plenary, *(b.schedule for b in programme.bodies)]
    for day in plenary.meeting.days:
        spans = sorted({p.hours for s in schedules for p in s.plenaries if p.date == day.date}, key=lambda h: (h.start, h.end))
        if not spans and not day.note:
            continue
        rows.append(ProgrammeRow(time=day_heading(day.date), plenary=Line(text=one_line(day.note)) if day.note else None, is_day=True))
        for span in spans:
            left = [line for n in _meetings_at(plenary, day.date, span)
                    for line in _lines(f"{ordinal(n)} plenary meeting", plenary.allocations_in(n), True)]
            right = [line for body in programme.bodies for n in _meetings_at(body.schedule, day.date, span)
                     for line in _lines(meeting_name(body.body, n), body.schedule.allocations_in(n), body.body.numbered)]
            time = hours(span)  # on the first row of the hours only, as the annex writes it
            for a, b in itertools.zip_longest(left, right):
                rows.append(ProgrammeRow(time=time, plenary=a, parallel=b))
                time = ""
    return rows


def tables(programme: ProgrammeModel) -> list[tuple[str, list[AnnexRow]]]:
    """The tables layout: (heading, the annex's rows) for the plenary, then for each body."""
    tables = [("Plenary", annex_rows(programme.plenary))]
    for body in programme.bodies:
        rows = annex_rows(body.schedule)
        if not body.body.numbered:  # plain titles have no item number
            rows = [AnnexRow(time=r.time, title=r.title, continued=r.continued, is_day=r.is_day) for r in rows]
        tables.append((body.body.name, rows))
    return tables


# --- TSV --------------------------------------------------------------------------------------------------------


def _tsv_line(line: Line | None) -> str:
    if line is None:
        return ""
    return _tsv_cell(line.text) + (_continued(ENGLISH, ("<i>", "</i>")) if line.continued else "")


def render_tsv(programme: ProgrammeModel) -> Artifact:
    meeting = programme.plenary.meeting
    lines: list[str] = []
    if meeting.parallel is not None and meeting.parallel.layout is ProgrammeLayout.TABLES:
        for heading, rows in tables(programme):
            lines += [_tsv_cell(heading), "\t".join(f"<i>{_tsv_cell(h)}</i>" for h in headings(meeting))]
            lines += ["\t".join((_tsv_cell(r.time), _tsv_cell(r.item), _tsv_line(Line(text=r.title, continued=r.continued)))) for r in rows]
    else:
        lines.append("\t".join(f"<i>{_tsv_cell(h)}</i>" for h in (meeting.time_heading, *COLUMNS)))
        lines += ["\t".join((_tsv_cell(r.time), _tsv_line(r.plenary), _tsv_line(r.parallel))) for r in programme_rows(programme)]
    return Artifact(name=f"{NAME}.tsv", media_type="text/tab-separated-values", data=("\n".join(lines) + "\n").encode())


# --- Markdown ---------------------------------------------------------------------------------------------------


def _md_line(line: Line | None) -> str:
    if line is None:
        return ""
    return markdown_text(line.text) + (_continued(ENGLISH, ("*", "*")) if line.continued else "")


def render_markdown(programme: ProgrammeModel) -> Artifact:
    meeting = programme.plenary.meeting
    lines = [markdown_text(meeting.symbol), "", "# Programme", ""]
    if meeting.parallel is not None and meeting.parallel.layout is ProgrammeLayout.TABLES:
        for heading, rows in tables(programme):
            lines += [f"## {markdown_text(heading)}", "", _markdown_row([f"*{markdown_text(h)}*" for h in headings(meeting)]),
                      "| --- | --- | --- |"]
            lines += [_markdown_row([markdown_text(r.time), markdown_text(r.item), _md_line(Line(text=r.title, continued=r.continued))])
                      for r in rows]
            lines.append("")
        lines.pop()
    else:
        lines += [_markdown_row([f"*{markdown_text(h)}*" for h in (meeting.time_heading, *COLUMNS)]), "| --- | --- | --- |"]
        lines += [_markdown_row([markdown_text(r.time), _md_line(r.plenary), _md_line(r.parallel)]) for r in programme_rows(programme)]
    return Artifact(name=f"{NAME}.md", media_type="text/markdown", data=("\n".join(lines) + "\n").encode())


# --- HTML -------------------------------------------------------------------------------------------------------

# The column layout's two wide columns share what the annex gives its item and title columns.
_PROGRAMME_CSS = _CSS + "\ncol.plenary, col.parallel { width: 39%; }"


def _html_line(line: Line | None) -> str:
    if line is None:
        return ""
    return html_text(line.text) + (_continued(ENGLISH, ("<i>", "</i>")) if line.continued else "")


def _html_table(columns: tuple[str, ...], classes: tuple[str, ...], body: list[str]) -> list[str]:
    e = html_text
    return [
        "<table>",
        "<colgroup>" + "".join(f'<col class="{c}">' for c in classes) + "</colgroup>",
        "<thead>",
        "<tr>" + "".join(f'<th scope="col"><i>{e(h)}</i></th>' for h in columns) + "</tr>",
        "</thead>",
        "<tbody>",
        *body,
        "</tbody>",
        "</table>",
    ]


def render_html(programme: ProgrammeModel) -> Artifact:
    meeting = programme.plenary.meeting
    e = html_text
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{e(meeting.symbol)} {EM_DASH} Programme</title>",
        f"<style>\n{_PROGRAMME_CSS}\n</style>",
        "</head>",
        "<body>",
        f'<p class="symbol">{e(meeting.symbol)}</p>',
        "<h1>Programme</h1>",
    ]
    if meeting.parallel is not None and meeting.parallel.layout is ProgrammeLayout.TABLES:
        for heading, rows in tables(programme):
            body = [f'<tr class="day"><td>{e(r.time)}</td><td></td><td>{e(r.title)}</td></tr>' if r.is_day else
                    f"<tr><td>{e(r.time)}</td><td>{e(r.item)}</td><td>{_html_line(Line(text=r.title, continued=r.continued))}</td></tr>"
                    for r in rows]
            parts += [f"<h2>{e(heading)}</h2>", *_html_table(headings(meeting), ("time", "item", "title"), body)]
    else:
        day = ' class="day"'
        body = [f"<tr{day if r.is_day else ''}><td>{e(r.time)}</td><td>{_html_line(r.plenary)}</td><td>{_html_line(r.parallel)}</td></tr>"
                for r in programme_rows(programme)]
        parts += _html_table((meeting.time_heading, *COLUMNS), ("time", "plenary", "parallel"), body)
    parts += ["</body>", "</html>"]
    return Artifact(name=f"{NAME}.html", media_type="text/html", data=("\n".join(parts) + "\n").encode())

