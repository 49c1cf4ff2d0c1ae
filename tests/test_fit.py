"""Speaking limits that fit (speakers.fit_limits): the warning goes, the ratios stay, the floor holds."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from meetplan.cli import main
from meetplan.fit import STEP, _left_out
from meetplan.model import Fitting, SpeakerClass
from meetplan.plan import plan
from test_speakers import _many_statements, item, timed, write

from conftest import ROOT

WGSOM_2020_FIT = ROOT / "config" / "wgsom-2020-fit.yaml"

# Item 3 has 90 + 180 minutes: 4 group statements (7), 50 parties (5) and 10 organizations (3) take 308.
MIXED = """\
speakers:
  {settings}
  items:
    3:
      statements:
{groups}
{parties}
{organizations}
"""


def _mixed(tmp_path: Path, settings: str, name: str = "mixed") -> Path:
    from meetplan import reference

    states = [state.name for state in reference.states()][:50]
    organizations = [o.name for o in reference.organizations()][:10]
    parties = "\n".join(f"        - {{delegation: \"{n}\"}}" for n in states)
    listed = "\n".join(f"        - {{delegation: \"{n}\"}}" for n in organizations)
    groups = "\n".join(f"        - {{delegation: \"{n}\", on_behalf_of: {g}}}" for n, g in zip(states, ("AG", "APG", "EEG", "WEOG"), strict=False))
    text = MIXED.format(settings=settings, groups=groups, parties=parties, organizations=listed)
    delegations = ("delegations:\n  parties: [" + ", ".join(f'"{n}"' for n in states) + "]\n  organizations: ["
                   + ", ".join(f'"{n}"' for n in organizations) + "]\n")
    return write(tmp_path, text, delegations=delegations, name=name)


def _line(path: Path, key: str) -> int:
    return next(number for number, text in enumerate(path.read_text().splitlines(), start=1) if text.strip().startswith(f"{key}:"))


def _expected(fitting: Fitting, kind: SpeakerClass) -> Fraction:
    usual = fitting.usual_limit(kind)
    if usual <= fitting.floor:
        return usual
    return max(fitting.floor, STEP * math.floor(usual * fitting.scale / STEP))


def test_fitted_limits_make_the_warning_disappear_and_keep_the_ratios(tmp_path: Path) -> None:
    """Without fit_limits item 3 overruns; with it, no warning, and every limit is the same share of its usual one."""
    usual = timed(_mixed(tmp_path, "fit_floor: 2", name="usual"))
    assert len(usual.warnings) == 1 and usual.warnings[0].startswith("item 3: ")
    fitting = item(usual, "3").fitting
    assert fitting is not None and not fitting.applied
    fitted = timed(_mixed(tmp_path, "fit_limits: true", name="fitted"))
    entry = item(fitted, "3")
    assert fitted.warnings == ()
    assert entry.fitting is not None and entry.fitting.applied and entry.fitting.left_out == 0
    limits = {kind: entry.fitting.limit(kind) for kind in (SpeakerClass.GROUPS, SpeakerClass.PARTIES, SpeakerClass.ORGANIZATIONS)}
    # One proportion for every kind, rounded down to half minutes: 7, 5, 3 become 6, 4 and 2.5 (scale 6/7).
    assert (entry.fitting.scale, limits) == (Fraction(6, 7), {SpeakerClass.GROUPS: 6, SpeakerClass.PARTIES: 4, SpeakerClass.ORGANIZATIONS: Fraction(5, 2)})
    assert all(limit == _expected(entry.fitting, kind) for kind, limit in limits.items())
    assert [turn.minutes for turn in entry.turns] == [limits[turn.inscription.kind] for turn in entry.turns]
    assert all(turn.start is not None for turn in entry.turns)


def test_the_cut_is_the_smallest_that_fits(tmp_path: Path) -> None:
    """Parties alone: 60 statements of 5 minutes for 270 minutes need 4.5, and 4.5 is what they get."""
    text = _many_statements("3", 60).replace("speakers:\n", "speakers:\n  fit_limits: [3]\n", 1)
    entry = item(timed(write(tmp_path, text, delegations="")), "3")
    assert entry.fitting is not None
    assert (entry.fitting.limit(SpeakerClass.PARTIES), entry.warning) == (Fraction(9, 2), None)


def test_an_item_not_listed_keeps_its_limits_and_its_warning(tmp_path: Path) -> None:
    """fit_limits: [2] leaves item 3's limits alone; check proposes the limits that would fit it."""
    path = _mixed(tmp_path, "fit_limits: [2]")
    speakers = timed(path)
    entry = item(speakers, "3")
    assert entry.warning is not None and entry.fitting is not None and not entry.fitting.applied
    assert {turn.minutes for turn in entry.turns} == {7, 5, 3}
    checked = CliRunner().invoke(main, ["check", str(path)])
    assert checked.exit_code == 0
    assert checked.stderr.splitlines()[-1] == (
        "note: item 3: every speaker would be heard with statements on behalf of a group of States 7 to 6 minutes, "
        "parties 5 to 4 and intergovernmental organizations and United Nations entities 3 to 2.5; speakers.fit_limits: [3] applies them")


def test_the_floor_is_not_cut_and_the_warning_stays(tmp_path: Path) -> None:
    """With a floor of 4.5 minutes parties stop at 4.5, organizations keep 3 (below the floor), and speakers remain left out."""
    path = _mixed(tmp_path, "fit_limits: true\n  fit_floor: 4.5")
    entry = item(timed(path), "3")
    assert entry.fitting is not None and entry.fitting.left_out > 0
    assert (entry.fitting.limit(SpeakerClass.GROUPS), entry.fitting.limit(SpeakerClass.PARTIES),
            entry.fitting.limit(SpeakerClass.ORGANIZATIONS)) == (Fraction(9, 2), Fraction(9, 2), 3)
    assert entry.warning is not None
    checked = CliRunner().invoke(main, ["check", str(path)])
    left_out = entry.fitting.left_out
    assert checked.stderr.splitlines()[-1] == (
        f"note: item 3: even at 4.5 minutes (speakers.fit_floor) {left_out} speaker{'' if left_out == 1 else 's'} would not be heard: "
        "give the item more time")


def test_panellists_and_own_times_are_not_cut(tmp_path: Path) -> None:
    """Panellists keep their limit and a statement with its own minutes keeps them; the rest is cut."""
    text = _many_statements("3", 58).replace("      statements:\n", (
        "      panellists:\n        - {name: Ana Silva, delegation: Brazil}\n"
        "      statements:\n        - {delegation: Mexico, minutes: 10}\n"), 1)
    text = text.replace("speakers:\n", "speakers:\n  fit_limits: true\n  limits: {panellists: 15}\n", 1)
    entry = item(timed(write(tmp_path, text, delegations="")), "3")
    assert entry.fitting is not None and entry.fitting.own == 1
    assert [turn.minutes for turn in entry.turns[:2]] == [15, 10]
    assert entry.warning is None and {turn.minutes for turn in entry.turns[2:]} == {entry.fitting.limit(SpeakerClass.PARTIES)}
    assert entry.fitting.limit(SpeakerClass.PARTIES) < 5


def test_the_2020_meeting_with_60_speakers_under_item_3_fits() -> None:
    """config/wgsom-2020-fit.yaml: 60 speakers under item 3, no warning, limits cut in one proportion."""
    planned = plan(WGSOM_2020_FIT)
    assert planned.speakers is not None
    entry = item(planned.speakers, "3")
    assert (len(entry.turns), planned.speakers.warnings) == (60, ())
    assert entry.fitting is not None and entry.fitting.applied
    assert all(entry.fitting.limit(kind) == _expected(entry.fitting, kind) for kind, _ in entry.fitting.counts
               if kind is not SpeakerClass.PANELLISTS)


def test_build_without_fit_limits_writes_no_arrangements(tmp_path: Path) -> None:
    """The arrangements are written only when speakers.fit_limits cut a limit: a warning alone changes no file."""
    path = _mixed(tmp_path, "fit_floor: 2")
    result = CliRunner().invoke(main, ["build", str(path), "--output", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert not (tmp_path / "out" / "speaking-time.md").exists()


def test_a_wrong_fit_limits_is_one_located_line(tmp_path: Path) -> None:
    """An unknown item and a wrong value are each reported with the file, line and field, exit 2."""
    path = _mixed(tmp_path, "fit_limits: [9]")
    line = _line(path, "fit_limits")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert f"error: {path}:{line}: speakers.fit_limits[1]: unknown agenda item '9'" in result.stderr.splitlines()[0]
    path = _mixed(tmp_path, "fit_limits: often", name="often")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.stderr.splitlines()[0] == (
        f"error: {path}:{line}: speakers.fit_limits: must be true, false or a list of agenda items such as [3, \"1 (b)\"], not str 'often'")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 600), max_size=40), st.lists(st.integers(0, 900), min_size=1, max_size=4))
def test_left_out_is_monotone_in_the_lengths(seconds: list[int], capacities: list[int]) -> None:
    """Shorter statements never leave more speakers out (what makes the binary search exact)."""
    shorter = [max(1, s // 2) for s in seconds]
    assert _left_out(shorter, capacities) <= _left_out(seconds, capacities)
