"""A schedule in another official language: the meeting's text replaced by its translation (translations:).

The plan is made once, in English; each language's outputs are rendered from the same schedule with the
body, venue, room, titles and notes the translation service wrote, and ``Meeting.language`` set, from which
the renderers take the language's forms (``meetplan.languages``). Nothing is machine-translated: a title the
configuration does not give is a problem, located at the language's line, and the language's outputs are
refused until it is given.
"""

from __future__ import annotations

from msgspec.structs import replace

from meetplan.errors import ConfigError, Problem
from meetplan.languages import language
from meetplan.model import AgendaItem, Meeting, Schedule, Translation

ENGLISH_HOLIDAY = language("en").holiday


def translation(meeting: Meeting, code: str) -> Translation:
    """The configuration's translation into ``code``. Raises ConfigError when the configuration has none."""
    found = next((t for t in meeting.translations if t.language == code), None)
    if found is None:
        given = ", ".join(t.language for t in meeting.translations) or "none"
        raise ConfigError([Problem(file=meeting.source or None, field=f"translations.{code}",
                                   message=f"missing: the configuration gives no {language(code).name} text (languages given: {given})")])
    return found


def localize(schedule: Schedule, code: str) -> Schedule:
    """``schedule`` with its meeting's text in language ``code`` ("en" gives it back unchanged).

    Raises ConfigError with one located problem per text the outputs need and the translation does not give:
    the body, the venue, the parent body (with registrations: the list of participants' masthead names it), each
    agenda item's title (and each parent's, with meeting.parent_rows), each day's
    note (but the holiday note, which each language writes its own way).
    """
    if code == "en":
        return schedule
    for known, known_code, localized_schedule in _localized:
        if known is schedule and known_code == code:
            return localized_schedule
    meeting = schedule.meeting
    given = translation(meeting, code)
    forms = language(code)
    titles, notes = dict(given.titles), dict(given.notes)
    missing: list[tuple[str, str]] = []
    # The list of participants' masthead names the parent body.
    parent = meeting.parent_body is not None and meeting.registrations is not None
    for key, value, wanted in (("body", given.body, True), ("venue", given.venue, True), ("parent_body", given.parent_body, parent)):
        if wanted and value is None:
            missing.append((key, f"missing: the {key.replace('_', ' ')} in {forms.name}"))
    needed = [e for item in meeting.agenda for e in ((item, *item.sub_items) if item.sub_items and meeting.parent_rows else item.sub_items or (item,))]
    missing += [(f"agenda.{e.label}", f"missing: the title of item {e.label} in {forms.name}") for e in needed if e.label not in titles]
    for day in meeting.days:
        if day.note and day.date not in notes and day.note.strip() != ENGLISH_HOLIDAY:
            missing.append((f"notes.{day.date.isoformat()}", f"missing: the note of {day.date.isoformat()} in {forms.name}"))
    if missing:
        origin = given.origin
        raise ConfigError([Problem(file=origin.file if origin else meeting.source or None, line=origin.line if origin else None,
                                   field=f"translations.{code}.{field}", message=message) for field, message in missing])

    def titled(item: AgendaItem) -> AgendaItem:
        subs = tuple(titled(sub) for sub in item.sub_items)
        return replace(item, title=titles.get(item.label, item.title), sub_items=subs)

    agenda = tuple(titled(item) for item in meeting.agenda)
    days = tuple(replace(day, note=notes.get(day.date, forms.holiday)) if day.note else day for day in meeting.days)
    localized = replace(
        meeting, body=given.body or meeting.body, parent_body=given.parent_body or meeting.parent_body,
        short_name=given.short_name or meeting.short_name,
        venue=given.venue or meeting.venue, room=given.room or meeting.room, days=days, agenda=agenda,
        time_heading=given.time_heading or forms.headings[0], language=code,
    )
    entries = {entry.label: entry for entry in localized.entries}
    allocations = tuple(replace(a, item=entries[a.item.label]) for a in schedule.allocations)
    result = replace(schedule, meeting=localized, allocations=allocations)
    _localized[:] = [*(kept for kept in _localized if kept[0] is schedule), (schedule, code, result)]
    return result


# The schedules in other languages of the build's schedule (by its identity), each made once: a language's outputs
# then share one schedule, and what a renderer makes once per schedule (the list of participants for its Word and
# Markdown forms) is made once per language.
_localized: list[tuple[Schedule, str, Schedule]] = []
