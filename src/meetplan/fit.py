"""Speaking limits that fit: the limits per kind of speaker that let everyone inscribed under an entry be heard.

The practice this follows: when "the high number of speakers inscribed" does not fit the time, the Human Rights
Council reduces every speaking time by the same proportion and publishes the "speaking time arrangements" with
its programme (issue 19). Our rule, where that practice is silent:

- Statements are cut, each kind of speaker's limit by the same proportion, so that the configured ratios between
  kinds (groups 7, States 5, observers 3) stay; panellists (invited presentations) and inscriptions with a time of
  their own (``minutes``) keep theirs.
- A limit is rounded down to half minutes, as limits are announced ("1.5 minutes"), and never cut below the floor
  (``speakers.fit_floor``, 2 minutes by default); a limit already at or below the floor is not cut at all.
- The cut is the smallest that lets every speaker be heard, timed exactly as the lists are timed
  (``speakers.time_item``: a statement is never split across plenary meetings), so that applying the fitted
  limits removes the warning. When even the floor does not fit, the limits are the floor's, and ``left_out``
  says how many speakers still do not fit.

Cost: the possible limits are few (a kind's limit takes at most two values a minute between the floor and its
usual limit), and fitting is monotone (shorter statements never end later in the next-fit order of the list),
so a binary search over them times the list about ten times: 10,000 inscriptions fit in a few tens of
milliseconds (``python benchmarks/fit.py``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

from meetplan.model import Fitting, Inscription, SpeakerClass, SpeakerPlan, Window
from meetplan.style import figure, join_list, plural

STEP = Fraction(1, 2)  # limits are announced in half minutes

# The kinds of speaker as arrangements name them, in the plural (DOMAIN.md, Speakers; the report's attendance).
PLURAL = {
    SpeakerClass.PANELLISTS: "Panellists",
    SpeakerClass.GROUPS: "Statements on behalf of a group of States",
    SpeakerClass.PARTIES: "Parties",
    SpeakerClass.SIGNATORIES: "Signatories",
    SpeakerClass.NON_PARTIES: "Non-party States",
    SpeakerClass.ORGANIZATIONS: "Intergovernmental organizations and United Nations entities",
    SpeakerClass.PERMANENT_OBSERVERS: "Entities with a permanent observer office",
    SpeakerClass.NGOS: "Non-governmental organizations",
}


def _cut(usual: Fraction, scale: Fraction, floor: Fraction) -> Fraction:
    """One kind's limit at ``scale``: rounded down to half minutes, never below the floor nor above ``usual``."""
    if usual <= floor:
        return usual
    return min(usual, max(floor, STEP * math.floor(usual * scale / STEP)))


def _scales(usual: Sequence[Fraction], floor: Fraction) -> list[Fraction]:
    """Every scale at which some kind's limit reaches a half-minute value, from 1 down: between two of them the
    limits do not change, so these are all the limits there are to try."""
    found = {Fraction(1)}
    for limit in usual:
        value = STEP * math.ceil(floor / STEP)
        while value < limit:
            found.add(value / limit)
            value += STEP
    return sorted(found, reverse=True)


def _left_out(seconds: Sequence[int], capacities: Sequence[int]) -> int:
    """How many statements of ``seconds`` (in the order called) do not fit windows of ``capacities`` seconds,
    filled in turn, a statement never split: the rule of ``speakers.time_item``, in whole seconds."""
    index, used, windows = 0, 0, len(capacities)
    for position, length in enumerate(seconds):
        while index < windows and used + length > capacities[index]:
            index, used = index + 1, 0
        if index == windows:
            return len(seconds) - position
        used += length
    return 0


def fit(plan: SpeakerPlan, ordered: Sequence[Inscription], spans: Sequence[Window], *, applied: bool) -> Fitting:
    """The fitted limits for one entry: ``ordered`` are its inscriptions in the order called
    (``speakers.ordered``), ``spans`` its windows (``speakers.windows``); minutes throughout.

    ``applied`` is recorded in the result (speakers.fit_limits asks for it); the limits are the same either way.
    """
    usual = dict(plan.limits)
    floor = plan.fit_floor
    ordered = [inscription for inscription in ordered if not inscription.written]  # no time to fit
    # A window of 93.75 minutes holds whole seconds up to 5,625: statements are whole seconds (config.speakers.minutes).
    capacities = [math.floor(window.minutes * 60) for window in spans]
    kinds = [SpeakerClass.PANELLISTS if i.panellist else i.kind for i in ordered]
    cut = sorted({kind for kind, inscription in zip(kinds, ordered, strict=True)
                  if inscription.minutes is None and kind is not SpeakerClass.PANELLISTS}, key=list(SpeakerClass).index)

    def limits_at(scale: Fraction) -> dict[SpeakerClass, Fraction]:
        return {kind: _cut(usual[kind], scale, floor) if kind in cut else usual[kind] for kind in SpeakerClass}

    def seconds_at(limits: dict[SpeakerClass, Fraction]) -> list[int]:
        each = {kind: int(limit * 60) for kind, limit in limits.items()}
        return [int(i.minutes * 60) if i.minutes is not None else each[kind] for i, kind in zip(ordered, kinds, strict=True)]

    scales = _scales([usual[kind] for kind in cut], floor)
    # scales[0] is 1, the usual limits; the last is the floor. Find the first (largest) scale that fits.
    low, high = 0, len(scales) - 1
    if _left_out(seconds_at(limits_at(scales[high])), capacities):
        low = high  # even the floor does not fit: take the floor
    else:
        while low < high:
            middle = (low + high) // 2
            if _left_out(seconds_at(limits_at(scales[middle])), capacities):
                low = middle + 1
            else:
                high = middle
    scale = scales[low]
    limits = limits_at(scale)
    counts: dict[SpeakerClass, int] = {}
    for kind in kinds:
        counts[kind] = counts.get(kind, 0) + 1
    return Fitting(
        limits=tuple(limits.items()), usual=tuple(usual.items()),
        counts=tuple((kind, counts[kind]) for kind in plan.order if kind in counts),
        own=sum(1 for inscription in ordered if inscription.minutes is not None),
        scale=scale, available=sum((window.minutes for window in spans), Fraction(0)),
        needed=Fraction(sum(seconds_at(usual)), 60), fitted=Fraction(sum(seconds_at(limits)), 60),
        left_out=_left_out(seconds_at(limits), capacities), floor=floor, applied=applied,
    )


def changes(fitting: Fitting) -> str:
    """The cut limits, for a message: "statements on behalf of a group of States 7 to 5 minutes and parties 5 to 3.5"."""
    cut = [(kind, fitting.usual_limit(kind), fitting.limit(kind)) for kind, _ in fitting.counts
           if fitting.limit(kind) != fitting.usual_limit(kind)]
    return join_list(f"{PLURAL[kind][0].lower()}{PLURAL[kind][1:]} {figure(usual)} to {figure(limit)}{' minutes' if index == 0 else ''}"
                     for index, (kind, usual, limit) in enumerate(cut))


def note(label: str, fitting: Fitting) -> str:
    """What ``meetplan check`` says of an entry whose speakers do not fit the usual limits."""
    if fitting.left_out:
        return (f"item {label}: even at {figure(fitting.floor)} minutes (speakers.fit_floor) "
                f"{plural(fitting.left_out, 'speaker')} would not be heard: give the item more time")
    if fitting.applied:
        return f"item {label}: speaking time reduced so that every speaker is heard: {changes(fitting)} (speakers.fit_limits)"
    return (f"item {label}: every speaker would be heard with {changes(fitting)}; "
            f"speakers.fit_limits: [{label if label.isdigit() else repr(label)}] applies them")
