"""The schedule as plain text for ``meetplan check``: plenary meetings, items and shares, days in order."""

from __future__ import annotations

import datetime as dt
import os
from fractions import Fraction
from typing import TYPE_CHECKING

from meetplan.languages import Language, label, language
from meetplan.model import AgendaItem, ItemKind, Schedule
from meetplan.scheduler import taken_up_order
from meetplan.style import date_range, duration, plural, session_name

if TYPE_CHECKING:
    from meetplan.replan import Replan

TITLE_WIDTH = 64


def share_text(portion: Fraction, minutes: int, *, after_opening: bool = False) -> str:
    """"1/3 of the meeting, 1 hour", "whole meeting, 3 hours", "no time of its own": never "0.333333".

    ``minutes`` is the time the shares divide; ``after_opening``: what the Chair's opening leaves ("rest of the
    meeting, 2 hours 40 minutes", "1/2 of the rest, 1 hour 20 minutes")."""
    if portion == 0:
        return "no time of its own"
    if portion >= 1:
        return f"{'rest of the' if after_opening else 'whole'} meeting, {duration(minutes)}"
    return f"{portion.numerator}/{portion.denominator} of the {'rest' if after_opening else 'meeting'}, {duration(round(portion * minutes))}"


def _shorten(title: str) -> str:
    return title if len(title) <= TITLE_WIDTH else title[: TITLE_WIDTH - 1].rstrip() + "\u2026"


def _day(forms: Language, date: dt.date) -> str:
    """"Tuesday, 8 September 2020" in English; the language's day heading ("Mardi 8 septembre") in another."""
    return f"{forms.day_heading(date)} {date.year}" if forms.code == "en" else forms.day_heading(date)


def describe(schedule: Schedule, replanned: Replan | None = None) -> str:
    """The schedule as ``meetplan check`` prints it; with ``replanned`` (``Plan.replanned``), how many of its
    item–meeting assignments the record of progress changed. A schedule in another language
    (``translate.localize``) gives its titles, day headings, hours, plenary meetings and "continued" in that
    language; the shares, the defaults and the framing stay in English, the secretariat's working language."""
    meeting = schedule.meeting
    first, last = meeting.days[0].date, meeting.days[-1].date
    lines = [
        f"{meeting.body}, {session_name(meeting)} ({meeting.document_symbol})",
        f"{meeting.venue}, {date_range(first, last)}, {meeting.format.value}; times in {meeting.time_zone}",
        f"{len(schedule.plenaries)} plenary meetings (the resources allow {meeting.plenary_limit})",
    ]
    if meeting.progress is not None:
        count = len(meeting.progress.held)
        # As the configuration names it (relative to the configuration), so that the text is the same from any folder.
        named = os.path.relpath(meeting.progress.file, os.path.dirname(meeting.source) or ".")
        held_line = f"Re-planned from the record of progress {named}: {plural(count, 'plenary meeting')} held"
        if replanned is not None:
            held_line += (f"; {plural(replanned.changed, 'item–meeting assignment')} changed "
                          f"from the plan ({replanned.from_scratch} if the rest were laid out afresh)")
        lines.append(held_line)
    plenaries = {day.date: [p for p in schedule.plenaries if p.date == day.date] for day in meeting.days}
    # With a record of progress the first plenary meetings are held: what the record says stands for the shares.
    held = meeting.progress.held if meeting.progress else ()
    forms = language(meeting.language)
    for day in meeting.days:
        if day.note:
            lines += ["", f"{_day(forms, day.date)}: {day.note}"]
        for plenary in plenaries[day.date]:
            record = {t.label: t for t in held[plenary.number - 1].taken_up} if plenary.number <= len(held) else None
            lines += ["", f"{forms.plenary_meeting(plenary.number)}: {_day(forms, plenary.date)}, {forms.hours(plenary.hours)}"
                          + (" (held)" if record is not None else "")]
            allocations = schedule.allocations_in(plenary.number)
            # With lists of speakers, the entries without time of their own open the meeting in
            # speakers.opening_minutes each, and the shares divide the rest: the times the running order prints.
            untimed = sum(1 for allocation in allocations if not allocation.share)
            opening = Fraction(0)
            if meeting.speakers and untimed:
                opening = min(meeting.speakers.opening_minutes * untimed, Fraction(plenary.hours.minutes))
            for allocation in allocations:
                item = allocation.item
                title = _shorten(item.title) + (forms.continued.plain() if allocation.continued else "")
                if record is not None:
                    time = "concluded" if record[allocation.item.label].concluded else "not concluded"
                elif opening and not allocation.share:
                    time = f"{duration(round(opening / untimed))} (speakers.opening_minutes)"
                else:
                    time = share_text(allocation.share, round(plenary.hours.minutes - opening), after_opening=bool(opening))
                lines.append(f"  {label(forms, item.number, item.letter):<6} {title}  [{time}]")
    notes = [f"  {entry.label:<6} {why}" for entry in taken_up_order(meeting) if (why := _default(schedule, entry))]
    if notes:
        lines += ["", "Defaults applied (give the item a kind, share, pin or taken_up to change them):", *notes]
    return "\n".join(lines)


def _default(schedule: Schedule, entry: AgendaItem) -> str | None:
    """What the default rule did with an entry, when one did."""
    if entry.kind is ItemKind.CLOSING and entry.share is None and not entry.pin:
        shares = [a.share for a in schedule.allocations if a.item == entry]
        if sum(shares) == 0:
            # "Other matters" in the middle of the agenda sits beside the items around it.
            return "closing item not at the end of the agenda: no time of its own; give it a share to give it time"
    if entry.default is None:
        if entry.kind is ItemKind.SUBSTANTIVE and entry.share is None and not entry.pin:
            return "substantive: shares the plenary meetings between the opening and the closing items equally, in half meetings"
        return None
    return entry.default + (" (taken up out of agenda order)" if entry.taken_up == "end" else "")
