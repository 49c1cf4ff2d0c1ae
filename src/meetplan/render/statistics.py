"""speaking-statistics.md: the speaking statistics (statistics.py) as Markdown tables, with speakers.statistics.

A table by kind of speaker, by regional group and by mode: speakers with a time, their minutes, and speakers without
one (statements in writing, speakers who do not fit). Kinds, groups and numbers only, no names: a public document.
"""

from __future__ import annotations

from meetplan.model import SpeakersList
from meetplan.render import Artifact
from meetplan.render.markup import markdown_text
from meetplan.statistics import speaking_statistics
from meetplan.style import figure, session_name

NAME = "speaking-statistics.md"
TITLE = "Speaking time"
HEADINGS = ("Speakers with a time", "Minutes", "Without time")


def render_markdown(speakers: SpeakersList) -> Artifact:
    meeting = speakers.schedule.meeting
    lines = [f"# {TITLE}", "", markdown_text(f"{session_name(meeting).capitalize()} of the {meeting.body}"), "",
             "Minutes are those the lists of speakers give (the limits, fitted where speakers.fit_limits cut them); "
             "without time: statements delivered in writing and speakers not expected to be reached.", ""]
    for table in speaking_statistics(speakers):
        lines += [f"## {table.title}", "", f"| Speakers | {' | '.join(HEADINGS)} |", "| --- |" + " --- |" * len(HEADINGS)]
        for row in table.rows:
            lines.append(f"| {row.heading} | {row.timed} | {figure(row.minutes)} | {row.untimed} |")
        lines.append("")
    return Artifact(name=NAME, media_type="text/markdown", data=("\n".join(lines).rstrip("\n") + "\n").encode())
