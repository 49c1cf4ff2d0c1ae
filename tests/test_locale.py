"""A build under the C locale with UTF-8 mode off (a cron job, a container) says what to do instead of crashing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import HYBRID_MEETING

MEETPLAN = Path(sys.executable).parent / "meetplan"

MEETING = HYBRID_MEETING + """\
delegations:
  parties: [Mexico]
speakers:
  items:
    2:
      panellists:
        - {name: Andrés Pérez, delegation: Mexico, mode: online}
"""


def run(folder: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key not in ("LANG", "LC_ALL", "LC_CTYPE")} | env
    return subprocess.run([str(MEETPLAN), "build", "meeting.yaml", "--output", "out"], cwd=folder, env=environment,
                          capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=120)


def test_rebuild_under_the_c_locale_without_utf8_is_one_located_line(tmp_path: Path) -> None:
    """c-locale-without-utf8: the accented speaker's calendar cannot be named under the C locale: exit 2, one
    line naming the file and the way out, and the previous build untouched."""
    (tmp_path / "meeting.yaml").write_text(MEETING, encoding="utf-8")
    assert run(tmp_path, PYTHONUTF8="1").returncode == 0
    before = {p: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    completed = run(tmp_path, PYTHONUTF8="0", LC_ALL="C")
    assert completed.returncode == 2, completed.stderr
    assert completed.stderr.splitlines()[0].endswith(
        ".ics: this file name cannot be written under the locale 'C'; run with a UTF-8 locale or PYTHONUTF8=1")
    assert "Traceback" not in completed.stderr
    assert {p: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()} == before
