"""The suite itself: the README's test command is the one CI runs, and it needs nothing beside the repository."""

from __future__ import annotations

import re
import tomllib

from conftest import ROOT

TESTS = ROOT / "tests"


def readme_test_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return next(line.strip() for line in readme.splitlines() if "pip install" in line and "[test]" in line)


def test_readme_test_command_runs_on_every_core() -> None:
    """The README installs the test extra and runs pytest with pytest-xdist's ``-n auto``."""
    assert readme_test_command().endswith(".venv/bin/pytest -n auto")


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run ends with the README's test command, word for word."""
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert lines[-1] == readme_test_command()


def test_test_extra_pins_the_checkers_and_has_xdist() -> None:
    """ruff and mypy are pinned to one version each, so every machine checks alike; pytest-xdist is there."""
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"][
        "test"
    ]
    names = {re.split(r"[<>=!~ ]", requirement, maxsplit=1)[0]: requirement for requirement in extra}
    assert re.fullmatch(r"ruff==[\d.]+", names["ruff"])
    assert re.fullmatch(r"mypy==[\d.]+", names["mypy"])
    assert "pytest-xdist" in names


def test_only_ics_check_is_looked_for_beside_the_repository() -> None:
    """Every test reads its seeds from tests/seeds; the one program taken from ../shared is ics-check."""
    beside = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(TESTS.glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"""["']shared["']""", line) and "ics-check" not in line
    ]
    assert beside == [], "copy what these tests read into tests/seeds/ (the suite must pass on a fresh clone)"
