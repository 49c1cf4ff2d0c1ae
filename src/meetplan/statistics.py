"""Speaking statistics (speakers.statistics): the time the lists give each kind of speaker, regional group and mode.

For the report and the secretariat (issue 19): how the floor was shared. Counted from the timed lists of speakers
(``speakers.speakers_list``): each turn that has a time counts its minutes (the limit it was timed with, fitted
limits included); statements in writing and speakers who do not fit count as turns without minutes, in a column of
their own, so that the totals say what was planned rather than what was said. A panellist or a statement counts
under its delegation's regional group (a statement on behalf of a group, under the group of the delegation that
makes it); organizations, the observer States outside the groups and panellists of no delegation count as "No
regional group". Gender is left out: inscriptions do not carry it.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from msgspec import Struct

from meetplan.fit import PLURAL
from meetplan.model import Attendance, SpeakerClass, SpeakersList, Turn
from meetplan.reference import GROUPS

NO_GROUP = "No regional group"


class Row(Struct, frozen=True, kw_only=True):
    """One line of a table: speakers with a time, their minutes, and those without (in writing, or who do not fit)."""

    heading: str
    timed: int
    minutes: Fraction
    untimed: int


class Table(Struct, frozen=True, kw_only=True):
    title: str
    rows: tuple[Row, ...]  # every heading in its fixed order, those with no speaker left out; then the total

    @property
    def total(self) -> Row:
        return self.rows[-1]


def _table(title: str, turns: list[Turn], headings: tuple[str, ...], of: Callable[[Turn], str]) -> Table:
    rows = []
    for heading in headings:
        mine = [turn for turn in turns if of(turn) == heading]
        if mine:
            timed = [turn for turn in mine if turn.start is not None]
            rows.append(Row(heading=heading, timed=len(timed), minutes=sum((t.minutes for t in timed), Fraction(0)),
                            untimed=len(mine) - len(timed)))
    rows.append(Row(heading="Total", timed=sum(r.timed for r in rows), minutes=sum((r.minutes for r in rows), Fraction(0)),
                    untimed=sum(r.untimed for r in rows)))
    return Table(title=title, rows=tuple(rows))


def speaking_statistics(speakers: SpeakersList) -> tuple[Table, ...]:
    """Three tables, by kind of speaker, by regional group and by mode, over every item's list."""
    turns = [turn for entry in speakers.items for turn in entry.turns]

    def kind(turn: Turn) -> str:
        if turn.inscription.reply:
            return "Rights of reply"
        return PLURAL[turn.inscription.kind]

    def group(turn: Turn) -> str:
        delegation = turn.inscription.delegation
        return delegation.group if delegation is not None and delegation.group in GROUPS else NO_GROUP

    def mode(turn: Turn) -> str:
        return "In the room" if turn.inscription.mode is Attendance.IN_PERSON else "Online"

    return (
        _table("By kind of speaker", turns, (*(PLURAL[k] for k in SpeakerClass), "Rights of reply"), kind),
        _table("By regional group", turns, (*(f"{g}" for g in GROUPS), NO_GROUP), group),
        _table("By mode", turns, ("In the room", "Online"), mode),
    )
