"""The order of the day: one day's plenary meetings in the shape of the Journal of the United Nations.

The Journal's "Programme of meetings and agenda" prints, under the date and "Official meetings", each body with
its session, then each meeting: its time, its number ("11th plenary meeting"), its room, and the agenda items
taken up, "(continued)" after an item already taken up, each with its documents in parentheses (Journal of
the United Nations, No. 2019/188 and No. 2017/112). For a hybrid or online meeting a line says how delegates
connect (our convention: the Journal prints "[webcast]" beside the meeting; a hybrid meeting needs the platform).
Hours are written as in the annex ("10 a.m.–1 p.m."), the form of the Vienna bodies' documents (DOMAIN.md).

The rows are computed once (``journal_day``); Markdown, HTML and Word only decide how each is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from msgspec import Struct

from meetplan.errors import MeetplanError, Problem
from meetplan.model import Format, Schedule
from meetplan.render import Artifact
from meetplan.render.markup import html_text, markdown_destination, markdown_text, one_line, url
from meetplan.style import date_range, full_date, hours, ordinal, session_name

TITLE = "Programme of meetings and agenda"
OFFICIAL = "Official meetings"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class JournalItem(Struct, frozen=True, kw_only=True):
    """One agenda entry as the Journal prints it: "Agenda item 2 (continued)" over its title and documents."""

    label: str  # "2", "1 (a)"
    title: str
    continued: bool
    documents: tuple[str, ...]


class JournalMeeting(Struct, frozen=True, kw_only=True):
    """One plenary meeting of the day."""

    hours: str  # "10 a.m.–1 p.m."
    number: str  # "3rd plenary meeting"
    room: str | None
    connection: str | None  # "Hybrid meeting: in the meeting room and online through Interprefy"
    link: str | None
    items: tuple[JournalItem, ...]


class JournalDay(Struct, frozen=True, kw_only=True):
    """The day's programme for one body."""

    date: str  # "Wednesday, 9 September 2020"
    body: str
    session: str  # "Seventh meeting"
    meetings: tuple[JournalMeeting, ...]


def journal_day(schedule: Schedule, day: dt.date) -> JournalDay:
    """The order of the day ``day`` from a schedule (re-planned from the record of progress when there is one).

    Raises MeetplanError (field DATE) when no plenary meeting is held that day, naming the session's days.
    """
    meeting = schedule.meeting
    plenaries = [p for p in schedule.plenaries if p.date == day]
    if not plenaries:
        first, last = meeting.days[0].date, meeting.days[-1].date
        note = next((d.note for d in meeting.days if d.date == day and d.note), None)
        why = f" ({one_line(note)})" if note else ""
        raise MeetplanError([Problem(field="DATE", message=(
            f"no plenary meeting is held on {_date(day)}{why}; the {session_name(meeting)} meets on "
            f"{date_range(first, last)}, see meetplan check {meeting.source or 'CONFIG'}"))])
    connection = None
    if meeting.format is not Format.IN_PERSON and meeting.online is not None:
        how = "in the meeting room and online" if meeting.format is Format.HYBRID else "online"
        connection = f"{meeting.format.value.capitalize()} meeting: {how} through {one_line(meeting.online.platform)}"
    meetings = []
    for plenary in plenaries:
        items = tuple(JournalItem(label=a.item.label, title=one_line(a.item.title), continued=a.continued, documents=a.item.documents)
                      for a in schedule.allocations_in(plenary.number))
        meetings.append(JournalMeeting(
            hours=hours(plenary.hours), number=f"{ordinal(plenary.number)} plenary meeting", room=meeting.room,
            connection=connection, link=meeting.online.url if connection and meeting.online else None, items=items))
    name = session_name(meeting)
    return JournalDay(date=_date(day), body=one_line(meeting.body), session=name[:1].upper() + name[1:], meetings=tuple(meetings))


def _date(day: dt.date) -> str:
    """"Wednesday, 9 September 2020", as the Journal heads a day."""
    return f"{WEEKDAYS[day.weekday()]}, {full_date(day)}"


def file_name(day: dt.date, extension: str) -> str:
    """"day-2020-09-09.md"."""
    return f"day-{day.isoformat()}.{extension}"


def _heading(item: JournalItem) -> str:
    return f"Agenda item {item.label}" + (" (continued)" if item.continued else "")


def render_markdown(schedule: Schedule, day: dt.date) -> Artifact:
    """The order of the day as Markdown; input text escaped (render/markup.py), the platform's link a real link."""
    journal = journal_day(schedule, day)
    lines = [f"# {TITLE}", "", f"## {journal.date}", "", f"### {OFFICIAL}", "", f"**{markdown_text(journal.body)}**  ",
             markdown_text(journal.session)]
    for meeting in journal.meetings:
        head = [f"**{meeting.hours}**  ", f"{meeting.number}" + ("  " if meeting.room or meeting.connection else "")]
        if meeting.room:
            head.append(markdown_text(meeting.room) + ("  " if meeting.connection else ""))
        if meeting.connection:
            link = f" ([link]({markdown_destination(meeting.link)}))" if meeting.link else ""
            head.append(markdown_text(meeting.connection) + link)
        lines += ["", *head]
        for item in meeting.items:
            documents = f" ({', '.join(markdown_text(symbol) for symbol in item.documents)})" if item.documents else ""
            lines += ["", f"{_heading(item)}  ", markdown_text(item.title) + documents]
    return Artifact(name=file_name(day, "md"), media_type="text/markdown", data=("\n".join(lines) + "\n").encode())


_CSS = """\
@page { size: A4; margin: 2.5cm 2.2cm; }
body { font-family: "Times New Roman", Times, serif; font-size: 10pt; line-height: 1.25; margin: 2.5cm auto; max-width: 16.5cm; }
@media print { body { margin: 0; max-width: none; } }
h1 { font-size: 14pt; margin: 0 0 0.4em; } h2 { font-size: 12pt; margin: 0 0 0.6em; } h3 { font-size: 11pt; margin: 0 0 0.8em; }
.body { font-weight: bold; margin: 0; } .session { margin: 0 0 1em; }
.meeting { display: grid; grid-template-columns: 3.5cm 1fr; column-gap: 6pt; margin: 0 0 1em; break-inside: avoid; }
.meeting p { margin: 0 0 0.3em; } .item { margin-top: 0.5em; }"""


def render_html(schedule: Schedule, day: dt.date) -> Artifact:
    """The order of the day as a standalone page that prints on A4: the time in a column beside each meeting."""
    journal = journal_day(schedule, day)
    e = html_text
    parts = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             f"<title>{e(journal.body)} \u2014 {e(journal.date)}</title>", f"<style>\n{_CSS}\n</style>", "</head>", "<body>",
             f"<h1>{TITLE}</h1>", f"<h2>{e(journal.date)}</h2>", f"<h3>{OFFICIAL}</h3>",
             f'<p class="body">{e(journal.body)}</p>', f'<p class="session">{e(journal.session)}</p>']
    for meeting in journal.meetings:
        details = [f"<p>{e(meeting.number)}</p>"]
        if meeting.room:
            details.append(f"<p>{e(meeting.room)}</p>")
        if meeting.connection:
            link = f' (<a href="{e(url(meeting.link))}">link</a>)' if meeting.link else ""
            details.append(f"<p>{e(meeting.connection)}{link}</p>")
        for item in meeting.items:
            documents = f" ({e(', '.join(item.documents))})" if item.documents else ""
            details.append(f'<p class="item">{e(_heading(item))}<br>{e(item.title)}{documents}</p>')
        parts += ['<div class="meeting">', f"<div><b>{e(meeting.hours)}</b></div>", "<div>", *details, "</div>", "</div>"]
    parts += ["</body>", "</html>"]
    return Artifact(name=file_name(day, "html"), media_type="text/html", data=("\n".join(parts) + "\n").encode())


def render_docx(schedule: Schedule, day: dt.date) -> Artifact:
    """The order of the day as a Word document (the shared UN layout of render/word.py)."""
    from meetplan.render import word

    journal = journal_day(schedule, day)
    meeting = schedule.meeting
    indent = 3.5  # centimetres: the time stands in its own column, as in the Journal

    def paragraph(text: str, *, before: float = 0, keep: bool = True) -> str:
        return word.paragraph(word.run(text), indent=indent, before=before, keep_with_next=keep)

    def body() -> Iterator[str]:
        yield word.heading(TITLE, space_after=6)
        yield word.heading(journal.date, size=12, space_after=6)
        yield word.heading(OFFICIAL, size=11, space_after=6)
        yield word.paragraph(word.run(journal.body, word.BOLD))
        yield word.paragraph(word.run(journal.session), after=6)
        for plenary in journal.meetings:
            # A hanging indent: the hours at the margin, the number at the indent's tab stop.
            yield word.paragraph(word.run(plenary.hours, word.BOLD) + word.run(f"\t{plenary.number}"), indent=indent,
                                 hanging=indent, before=6, keep_with_next=True)
            for line in (plenary.room, plenary.connection and plenary.connection + (f" ({plenary.link})" if plenary.link else "")):
                if line:
                    yield paragraph(line)
            for number, item in enumerate(plenary.items, start=1):
                yield paragraph(_heading(item), before=4)
                documents = f" ({', '.join(item.documents)})" if item.documents else ""
                yield paragraph(f"{item.title}{documents}", keep=number < len(plenary.items))

    data = word.document(body(), symbol=journal.date, title=TITLE, issued=meeting.issued, stamp=meeting.stamp)
    return Artifact(name=file_name(day, "docx"), media_type=word.DOCX_MEDIA_TYPE, data=data)
