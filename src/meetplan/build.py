"""What a build renders: every output the configuration supports, from one schedule."""

from __future__ import annotations

from meetplan.model import Schedule
from meetplan.render import Artifact


def render_all(schedule: Schedule) -> list[Artifact]:
    """Render every output in memory; nothing is written until all of them have rendered."""
    from meetplan.render.annex import render_html, render_markdown, render_tsv
    from meetplan.render.annex_docx import render_docx

    return [
        render_markdown(schedule),
        render_html(schedule),
        render_docx(schedule),
        render_tsv(schedule),
    ]
