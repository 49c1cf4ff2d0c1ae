"""Every file ``meetplan build`` writes for a shipped configuration equals its golden file in tests/cases/."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from meetplan.cli import main

from conftest import ROOT
from golden import CASES, assert_golden

CONFIGS = sorted((ROOT / "config").glob("*.yaml"))


def test_every_shipped_configuration_has_a_case() -> None:
    """tests/cases/ holds one folder per configuration in config/, and no other."""
    assert sorted(path.name for path in CASES.iterdir() if path.is_dir()) == sorted(config.stem for config in CONFIGS)


@pytest.mark.parametrize("config", CONFIGS, ids=[config.stem for config in CONFIGS])
def test_build_writes_the_golden_files(config: Path, tmp_path: Path, update_golden: bool) -> None:
    """The whole set of outputs equals the case: each file in full, none missing, none extra."""
    # Without SOURCE_DATE_EPOCH the time stamps come from the configuration's issue date, as a user's build does.
    result = CliRunner().invoke(
        main, ["build", str(config), "--output", str(tmp_path)], env={"SOURCE_DATE_EPOCH": None}
    )
    assert result.exit_code == 0, result.output
    files = {path.relative_to(tmp_path).as_posix(): path for path in tmp_path.rglob("*") if path.is_file()}
    # Every file the build leaves is an output, but for the lock it holds on the folder while it writes.
    outputs = {name: path.read_bytes() for name, path in files.items() if name != ".meetplan.lock"}
    assert_golden(outputs, CASES / config.stem, update=update_golden)
