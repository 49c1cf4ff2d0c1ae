"""The rules of the floor, set per meeting in ``speakers:``: the order in which the Chair calls an item's speakers.

- Rule 42 of the rules of procedure of the Conference of the Parties: "in the order in which they signify their
  desire to speak" (DOMAIN.md): by kind of speaker (``speakers.order``), then by time of inscription, then as listed.
- ``by_level``: where a body calls speakers by level of representation (a general debate: heads of State or
  Government, then ministers, then the others), within each kind of speaker the level comes before the time of
  inscription (issue 19).
- ``lots``: the HRC Bureau and the CND draw lots for the order of statements inscribed at the same moment (the
  opening of the list). Statements of the same kind and level inscribed at the same minute are put in an order
  drawn with the seed, the item, the kind, the level and the minute, so that the same seed gives the same order in
  every build and on every machine (``random.Random`` seeded with text is the same in every Python since 3.2), and
  anyone holding the seed, printed in the outputs, can redraw it. Statements without a time are not drawn: they
  follow, as listed.
- Statements delivered in writing only (``written``) keep their place on the list and take no time
  (``speakers.time_item``).
- Rights of reply (``reply``) are heard at the end of the last plenary meeting of the day on which their item is
  last taken up (General Assembly decision 34/401: "at the end of the day"), all first replies, then the second,
  each in the order inscribed, with their own limits (``speakers.replies``, 10 and 5 minutes by that decision). The
  time they take comes off the end of that plenary meeting: off the window of the entry taken up last in it
  (``speakers.replies``).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

from meetplan.model import Inscription, Level, SpeakerPlan

NEVER = dt.datetime.max  # the time of inscription of a panellist or of a statement without one: after all others
LEVELS = tuple(Level)


def _key(plan: SpeakerPlan, rank: dict[object, int], inscription: Inscription) -> tuple[int, int, dt.datetime]:
    """(kind, level, time of inscription): statements equal in all three were inscribed together."""
    when = NEVER if inscription.panellist or inscription.inscribed is None else inscription.inscribed
    level = LEVELS.index(inscription.level) if plan.by_level and not inscription.panellist else 0
    return rank[inscription.kind], level, when


def ordered(plan: SpeakerPlan, inscriptions: Sequence[Inscription]) -> list[Inscription]:
    """An item's inscriptions in the order the Chair calls them, by the rules above; the input order breaks ties
    (and is the order of panellists and of statements without a time)."""
    rank: dict[object, int] = {kind: index for index, kind in enumerate(plan.order)}
    keyed = sorted(((_key(plan, rank, inscription), index, inscription) for index, inscription in enumerate(inscriptions)),
                   key=lambda entry: (entry[0], entry[1]))
    if plan.lots is None:
        return [inscription for _, _, inscription in keyed]
    import random  # here: only a body that draws lots needs it, not every build's and check's start (2 ms)

    result: list[Inscription] = []
    for key, group in itertools.groupby(keyed, key=lambda entry: entry[0]):
        members = [inscription for _, _, inscription in group]
        if len(members) > 1 and key[2] != NEVER:
            kind = plan.order[key[0]]
            draw = random.Random(f"{plan.lots}/{members[0].item}/{kind.value}/{key[1]}/{key[2]:%Y-%m-%d %H:%M}")
            draw.shuffle(members)
        result += members
    return result


def rules(plan: SpeakerPlan) -> str | None:
    """The rules of the floor in force, for the outputs that print them; None under the default rule alone."""
    parts = []
    if plan.by_level:
        parts.append("within each kind of speaker, by level of representation (heads of State or Government, ministers, "
                     "others), then by time of inscription")
    if plan.lots is not None:
        parts.append(f"lots drawn for statements inscribed at the same time, seed {plan.lots}")
    return "; ".join(parts).capitalize() + "." if parts else None

