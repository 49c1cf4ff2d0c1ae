"""The annex "Proposed organization of work" as rows, and its Markdown, HTML and TSV forms.

The rows are computed once; each format only decides how a row is written. Every word and form comes from the
meeting's language (``meetplan.languages``): the English annex by default, another language's from a
schedule ``translate.localize`` made. The Word form is in
``annex_docx`` because python-docx is slow to import and only that format needs it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from msgspec import Struct

from meetplan.languages import Language, file_name, label, language
from meetplan.model import Day, Meeting, Schedule
from meetplan.render import Artifact
from meetplan.render.markup import html_text, markdown_text, one_line
from meetplan.style import EM_DASH


class AnnexRow(Struct, frozen=True, kw_only=True):
    """One row of the table. A day row has only ``time`` (its heading); an item row may leave it empty."""

    time: str
    item: str = ""
    title: str = ""
    continued: bool = False
    is_day: bool = False


def headings(meeting: Meeting) -> tuple[str, ...]:
    """The three column headings: "Date and time" (or the configuration's, such as "Date/time"), "Agenda item", ..."""
    return (meeting.time_heading, *language(meeting.language).headings[1:])


def artifact_name(meeting: Meeting, extension: str) -> str:
    """"annex.md"; "annex.fr.md" in another language."""
    return file_name("annex", extension, meeting.language)


def annex_rows(schedule: Schedule) -> list[AnnexRow]:
    """The rows, as DOMAIN.md's rules lay them out; with ``meeting.parent_rows``, a row for an item with
    sub-items above the first of them in each plenary meeting ("(continued)" after its first)."""
    meeting = schedule.meeting
    forms = language(meeting.language)
    parents = {item.number: item for item in meeting.agenda if item.sub_items}
    usual = _usual_start(meeting.days)
    shown: set[int] = set()
    rows: list[AnnexRow] = []
    for day in meeting.days:
        plenaries = [p for p in schedule.plenaries if p.date == day.date]
        if not plenaries and not day.note:
            continue
        # A day's note stands in the third column, as the real annexes print "Official United Nations holiday";
        # on a day with plenary meetings, where the time it stands for is: after them when the day starts as
        # usual (the afternoon is given to something else), else before them.
        note = one_line(day.note) if day.note else ""
        note_first = not plenaries or (usual is not None and plenaries[0].hours.start > usual)
        rows.append(AnnexRow(time=forms.day_heading(day.date), title=note if note_first else "", is_day=True))
        for plenary in plenaries:
            time, under = forms.hours(plenary.hours), None  # the hours go on the plenary meeting's first row
            for allocation in schedule.allocations_in(plenary.number):
                item = allocation.item
                parent = parents.get(item.number) if meeting.parent_rows and item.letter else None
                if parent is not None and parent is not under:
                    rows.append(AnnexRow(time=time, item=str(parent.number), title=one_line(parent.title), continued=parent.number in shown))
                    shown.add(parent.number)
                    time = ""
                under = parent
                rows.append(AnnexRow(time=time, item=label(forms, item.number, item.letter), title=one_line(item.title), continued=allocation.continued))
                time = ""
        if note and not note_first:
            rows.append(AnnexRow(time="", title=note))
    return rows


def _usual_start(days: tuple[Day, ...]) -> dt.time | None:
    """The hour most days' first plenary meeting starts at (the earliest of equally common ones)."""
    starts = Counter(day.hours[0].start for day in days if day.hours)
    return min(starts, key=lambda start: (-starts[start], start)) if starts else None


# --- TSV: the seeds' layout, italics marked <i>...</i> as in the seed files ------------------------------------


def _tsv_cell(value: str) -> str:
    """Input text in a cell: "&", "<" and ">" as entities, so that every "<i>" in the file is meetplan's own
    italics marker (the seeds' titles have none of the three, so their files stay as they were)."""
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # A spreadsheet opening the file must not read input text as a formula.
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value


def _continued(forms: Language, italic: tuple[str, str]) -> str:
    """" (<i>continued</i>)" in a format's italics."""
    marker = forms.continued
    return f"{marker.before}{italic[0]}{marker.word}{italic[1]}{marker.after}"


def render_tsv(schedule: Schedule) -> Artifact:
    forms = language(schedule.meeting.language)
    lines = ["\t".join(f"<i>{_tsv_cell(heading)}</i>" for heading in headings(schedule.meeting))]
    for row in annex_rows(schedule):
        title = _tsv_cell(row.title) + (_continued(forms, ("<i>", "</i>")) if row.continued else "")
        lines.append("\t".join((_tsv_cell(row.time), _tsv_cell(row.item), title)))
    return Artifact(name=artifact_name(schedule.meeting, "tsv"), media_type="text/tab-separated-values", data=("\n".join(lines) + "\n").encode())


# --- Markdown ------------------------------------------------------------------------------------------------------


def _markdown_row(cells: list[str]) -> str:
    return "|" + "|".join(f" {cell} " if cell else " " for cell in cells) + "|"


def render_markdown(schedule: Schedule) -> Artifact:
    meeting = schedule.meeting
    forms = language(meeting.language)
    lines = [
        f"{markdown_text(meeting.document_symbol)}",
        "",
        f"# {forms.annex}",
        "",
        f"## {forms.annex_title}",
        "",
        _markdown_row([f"*{markdown_text(heading)}*" for heading in headings(meeting)]),
        "| --- | --- | --- |",
    ]
    for row in annex_rows(schedule):
        title = markdown_text(row.title) + (_continued(forms, ("*", "*")) if row.continued else "")
        lines.append(_markdown_row([markdown_text(row.time), markdown_text(row.item), title]))
    return Artifact(name=artifact_name(meeting, "md"), media_type="text/markdown", data=("\n".join(lines) + "\n").encode())


# --- HTML: a standalone page that prints on A4 with the UN table layout ---------------------------------------------

_CSS = """\
@page { size: A4; margin: 2.5cm 2.2cm; }
body { font-family: "Times New Roman", Times, serif; font-size: 10pt; line-height: 1.25; margin: 2.5cm auto; max-width: 16.5cm; }
@media print { body { margin: 0; max-width: none; } }
.symbol { text-align: right; font-weight: bold; }
h1 { font-size: 14pt; font-weight: bold; margin: 0 0 0.6em; }
h2 { font-size: 12pt; font-weight: bold; margin: 0 0 1em; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
thead { display: table-header-group; }
th { font-weight: normal; text-align: left; border-top: 0.75pt solid #000; border-bottom: 0.75pt solid #000; padding: 3pt 6pt 3pt 0; }
td { vertical-align: top; padding: 2pt 6pt 2pt 0; }
tr { break-inside: avoid; }
tbody tr:last-child td { border-bottom: 0.75pt solid #000; }
tr.day td { padding-top: 8pt; }
tr.day td:first-child { white-space: nowrap; overflow: visible; }  /* the date runs on into the empty cells */
col.time { width: 22%; } col.item { width: 12%; }"""


# Right to left (Arabic): the browser mirrors the table's columns and the text's direction from dir="rtl"; the
# sides the rules and paddings of the left-to-right sheet name are mirrored here.
_CSS_RTL = """\
.symbol { text-align: left; }
th { text-align: right; padding: 3pt 0 3pt 6pt; }
td { padding: 2pt 0 2pt 6pt; }"""


def render_html(schedule: Schedule) -> Artifact:
    meeting = schedule.meeting
    forms = language(meeting.language)
    e = html_text
    direction = ' dir="rtl"' if forms.rtl else ""
    style = f"{_CSS}\n{_CSS_RTL}" if forms.rtl else _CSS
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{forms.code}"{direction}>',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{e(meeting.document_symbol)} {EM_DASH} {e(forms.annex)}: {e(forms.annex_title)}</title>",
        f"<style>\n{style}\n</style>",
        "</head>",
        "<body>",
        f'<p class="symbol">{e(meeting.document_symbol)}</p>',
        f"<h1>{e(forms.annex)}</h1>",
        f"<h2>{e(forms.annex_title)}</h2>",
        "<table>",
        '<colgroup><col class="time"><col class="item"><col class="title"></colgroup>',
        "<thead>",
        "<tr>" + "".join(f'<th scope="col"><i>{e(heading)}</i></th>' for heading in headings(meeting)) + "</tr>",
        "</thead>",
        "<tbody>",
    ]
    for row in annex_rows(schedule):
        if row.is_day:
            parts.append(f'<tr class="day"><td>{e(row.time)}</td><td></td><td>{e(row.title)}</td></tr>')
            continue
        title = e(row.title) + (_continued(forms, ("<i>", "</i>")) if row.continued else "")
        parts.append(f"<tr><td>{e(row.time)}</td><td>{e(row.item)}</td><td>{title}</td></tr>")
    parts += ["</tbody>", "</table>", "</body>", "</html>"]
    return Artifact(name=artifact_name(meeting, "html"), media_type="text/html", data=("\n".join(parts) + "\n").encode())
