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
