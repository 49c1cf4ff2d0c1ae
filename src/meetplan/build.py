"""What a build renders: every output the configuration supports, from one schedule."""

from __future__ import annotations

from collections.abc import Callable

from meetplan.model import Schedule
from meetplan.render import Artifact

# Reads an output of the previous build by its name in the output folder (None when there is none), so that a
# renderer can carry identities forward (calendar UIDs and SEQUENCE) without doing I/O itself.
PreviousReader = Callable[[str], bytes | None]


def no_previous(name: str) -> bytes | None:
    return None


def render_all(schedule: Schedule, previous: PreviousReader = no_previous) -> list[Artifact]:
    """Render every output in memory; nothing is written until all of them have rendered."""
    return [artifact for _, step in steps(schedule, previous) for artifact in step()]


def steps(schedule: Schedule, previous: PreviousReader = no_previous) -> list[tuple[str, Callable[[], list[Artifact]]]]:
    """The build's renderers in order, each named: ``meetplan build`` shows them as progress on a long build."""
    return [
        ("annex and calendar", lambda: render_annex(schedule, previous)),
        ("participants", lambda: render_participants(schedule)),
        ("report", lambda: render_report(schedule)),
        ("speakers", lambda: render_speakers(schedule, previous)),
    ]


def render_annex(schedule: Schedule, previous: PreviousReader = no_previous) -> list[Artifact]:
    """The annex in every format, and calendar.ics."""
    from meetplan.render.annex import render_html, render_markdown, render_tsv
    from meetplan.render.annex_docx import render_docx
    from meetplan.render.calendar import NAME as CALENDAR
    from meetplan.render.calendar import render_calendar

    return [
        render_markdown(schedule),
        render_html(schedule),
        render_docx(schedule),
        render_tsv(schedule),
        render_calendar(schedule, previous(CALENDAR)),
    ]


def render_participants(schedule: Schedule) -> list[Artifact]:
    """participants.xlsx and the list of participants, when the configuration names registrations."""
    meeting = schedule.meeting
    if meeting.registrations is None:
        return []
    from meetplan.render import list_of_participants
    from meetplan.render.participants_xlsx import render_participants_xlsx
    from meetplan.seating import seat_plan

    return [
        render_participants_xlsx(schedule, seat_plan(meeting)),
        list_of_participants.render_docx(meeting),
        list_of_participants.render_markdown(meeting),
    ]


def render_report(schedule: Schedule) -> list[Artifact]:
    """report.md and report.docx, when the configuration has a report: section."""
    if schedule.meeting.report is None:
        return []
    from meetplan.render import report

    return report.render_all(schedule)


def render_speakers(schedule: Schedule, previous: PreviousReader = no_previous) -> list[Artifact]:
    """speakers.xlsx, the Chair's running order and the speakers' calendars, when the configuration has speakers."""
    if schedule.meeting.speakers is None:
        return []
    from meetplan.render import running_order
    from meetplan.render.speaker_calendars import render_speaker_calendars
    from meetplan.render.speakers_xlsx import render_speakers_xlsx
    from meetplan.speakers import speakers_list

    speakers = speakers_list(schedule)
    return [
        render_speakers_xlsx(speakers),
        running_order.render_docx(speakers),
        running_order.render_markdown(speakers),
        *render_speaker_calendars(speakers, previous),
    ]
