"""interpreters-pack.docx: the texts of the statements the delegations sent in, in running order, each under
the plenary meeting, the agenda item, the speaker, the language and the time the Chair is expected to call them.

Interpreters ask for the texts before the meeting (statements are read faster than they can be interpreted);
the secretariat sends the pack to the interpretation service only, so the outputs list makes it a secretariat
output: a statement is not public before it is delivered.
"""

from __future__ import annotations

from collections.abc import Iterator

from meetplan.model import SpeakersList, Turn
from meetplan.render import Artifact, word
from meetplan.speakers import words
from meetplan.style import figure, ordinal, session_name, time_of_day

NAME = "interpreters-pack.docx"
TITLE = "Interpreters’ pack"


def _entries(speakers: SpeakersList) -> list[tuple[str, Turn]]:
    """(item label, turn) of every statement with a text, in running order: by plenary meeting, then as listed."""
    order = {entry.label: index for index, entry in enumerate(speakers.schedule.meeting.entries)}
    found = [(item.item.label, turn) for item in speakers.items for turn in item.turns if turn.inscription.text]
    return sorted(found, key=lambda pair: (pair[1].plenary, order[pair[0]], pair[1].position))


def _body(speakers: SpeakersList, entries: list[tuple[str, Turn]]) -> Iterator[str]:
    meeting = speakers.schedule.meeting
    yield word.heading(TITLE, size=14, space_after=6)
    yield word.paragraph(word.run(f"{meeting.body}, {session_name(meeting)}"), after=12)
    for label, turn in entries:
        inscription = turn.inscription
        who = inscription.name or (inscription.delegation.name if inscription.delegation else "")
        behalf = f", on behalf of the {inscription.on_behalf_of}" if inscription.on_behalf_of else ""
        when = f"expected {time_of_day(turn.start.time())}" if turn.start else "not expected within the item's time"
        yield word.heading(f"{ordinal(turn.plenary)} plenary meeting, item {label}: {who}{behalf}", size=12, space_after=3)
        yield word.paragraph(word.run(f"{inscription.language or 'Language not given'}; {when}; {words(inscription.text or ''):,} words"
                                      f" for {figure(turn.minutes)} minutes", word.ITALIC), after=6)
        for line in (inscription.text or "").splitlines():
            if line.strip():
                yield word.paragraph(word.run(line.strip()), after=6)


def render_interpreters_pack(speakers: SpeakersList) -> list[Artifact]:
    """The pack, or nothing when no statement has a text."""
    entries = _entries(speakers)
    if not entries:
        return []
    meeting = speakers.schedule.meeting
    data = word.document(_body(speakers, entries), symbol="For the interpreters", title=TITLE, issued=meeting.issued, stamp=meeting.stamp)
    return [Artifact(name=NAME, media_type=word.DOCX_MEDIA_TYPE, data=data)]
