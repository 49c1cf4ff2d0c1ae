"""speaking-time.md: the speaking time arrangements, for the items whose limits speakers.fit_limits cut.

The Human Rights Council publishes such arrangements with its programme when "the high number of speakers
inscribed" does not fit the time (issue 19): for each item, the time it has, the speakers inscribed and the
limit of each kind of speaker, usual and reduced. Written only when speakers.fit_limits cut a limit, so that a
configuration without it builds the same files as before. A public document: kinds and numbers, no names.
"""

from __future__ import annotations

from fractions import Fraction

from meetplan.fit import PLURAL
from meetplan.model import Fitting, ItemSpeakers, SpeakersList
from meetplan.render import Artifact
from meetplan.render.markup import markdown_text, one_line
from meetplan.style import figure, join_list, plenary_meetings_phrase, plural, session_name

NAME = "speaking-time.md"
TITLE = "Speaking time arrangements"
HEADINGS = ("Speakers", "Number", "Usual limit (minutes)", "Limit (minutes)")


def rows(fitting: Fitting) -> list[tuple[str, int, Fraction, Fraction]]:
    """One row per kind of speaker under the item, in the order called: kind, number, usual and fitted limits (minutes)."""
    return [(PLURAL[kind], count, fitting.usual_limit(kind), fitting.limit(kind)) for kind, count in fitting.counts]


def _item(entry: ItemSpeakers) -> list[str]:
    fitting = entry.fitting
    assert fitting is not None
    plenaries = plenary_meetings_phrase(window.plenary for window in entry.windows)
    speakers = sum(count for _, count in fitting.counts)
    lines = [
        f"## Item {entry.item.label}: {markdown_text(one_line(entry.item.title))}", "",
        f"Time allotted: {figure(fitting.available)} minutes, at {plenaries}. "
        f"Speakers inscribed: {speakers}, for {figure(fitting.needed)} minutes at the usual limits and "
        f"{figure(fitting.fitted)} minutes at the limits below.", "",
        "| " + " | ".join(HEADINGS) + " |", "|" + "|".join(" --- " for _ in HEADINGS) + "|",
        *(f"| {kind} | {count} | {figure(usual)} | {figure(limit)} |" for kind, count, usual, limit in rows(fitting)), "",
    ]
    notes = []
    if fitting.own:
        notes.append(f"{plural(fitting.own, 'speaker')} with a time of their own keep it.")
    if fitting.left_out:
        notes.append(f"Even at {figure(fitting.floor)} minutes, {plural(fitting.left_out, 'speaker')} "
                     f"cannot be heard in the time allotted.")
    return lines + ([" ".join(notes), ""] if notes else [])


def render_markdown(speakers: SpeakersList) -> Artifact:
    """The arrangements of every item timed with fitted limits, in agenda order."""
    meeting = speakers.schedule.meeting
    fitted = speakers.fitted
    floor = fitted[0].fitting.floor if fitted and fitted[0].fitting else None
    intro = ("Given the number of speakers inscribed, the speaking time under "
             f"{'agenda item' if len(fitted) == 1 else 'agenda items'} {join_list(entry.item.label for entry in fitted)} "
             "is reduced so that every speaker inscribed can be heard in the time allotted. Each limit is reduced in the "
             "same proportion, so that the ratios between kinds of speaker are kept, rounded down to half a minute"
             + (f" and not below {figure(floor)} minutes" if floor is not None else "") + "; panellists keep their time.")
    lines = [f"# {TITLE}", "", markdown_text(f"{session_name(meeting).capitalize()} of the {meeting.body}"), "",
             intro, ""]
    for entry in fitted:
        lines += _item(entry)
    return Artifact(name=NAME, media_type="text/markdown", data=("\n".join(lines).rstrip("\n") + "\n").encode())
