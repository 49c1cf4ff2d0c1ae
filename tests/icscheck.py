"""ics-check (../shared/tools/ics-check) on one calendar or on several at once, for the calendar tests.

Given several files, ics-check also fails when one UID is in two of them (two calendars would fight over one
event). It skips when the checker cannot run (no ../shared beside the repository, no node, no root to install
its parsers), unless MEETPLAN_REQUIRE_PROGRAMS=1 says it must.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ICS_CHECK = Path(__file__).resolve().parent.parent.parent / "shared" / "tools" / "ics-check" / "ics-check"
PARSERS = ("libical", "vobject", "ical.js")

Found = dict[str, list[tuple[str, str, str, str]]]


def ics_check(*paths: Path) -> Found:
    """Run ics-check on ``paths`` together; return each parser's events as (UID, SUMMARY, start, end) in UTC."""
    problem = None
    if not ICS_CHECK.exists():
        problem = f"ics-check needs ../shared beside the repository ({ICS_CHECK} is missing)"
    elif shutil.which("node") is None:
        problem = "node is not installed (ics-check runs ical.js with it)"
    else:
        for _ in range(3):
            result = subprocess.run([str(ICS_CHECK), *map(str, paths)], capture_output=True, text=True, timeout=600)
            # On a loaded machine one of the checker's parser processes now and then dies without a word
            # ("crashed rc=0"): that says nothing of the file, so the check runs again.
            if "crashed rc=" not in result.stdout:
                break
        if result.returncode == 2:  # the checker could not install or start its parsers
            problem = f"ics-check cannot run: {result.stderr.strip()[-300:]}"
    if problem is not None:
        if os.environ.get("MEETPLAN_REQUIRE_PROGRAMS") == "1":
            pytest.fail(f"{problem} (MEETPLAN_REQUIRE_PROGRAMS=1)")
        pytest.skip(problem)
    failures = [line for line in result.stdout.splitlines() if "FAIL" in line or "error" in line.lower() or "crashed" in line or line.startswith("  - UID")]
    assert result.returncode == 0, (
        f"ics-check rejects {', '.join(p.name for p in paths)}:\n" + "\n".join(failures) + f"\n{result.stdout[-3000:]}\n{result.stderr}"
    )
    events: Found = {}
    current = None
    for line in result.stdout.splitlines():
        header = re.match(r"== (libical|vobject|ical\.js): ", line)
        if header:
            current = header.group(1)
            events.setdefault(current, [])
        elif current and line.startswith("    ") and " | " in line and not line.startswith("    error:"):
            uid, rest = line.strip().split(" | ", 1)
            title, times = rest.rsplit(" | ", 1)
            start, end = times.split(" -> ")
            events[current].append((uid, ast.literal_eval(title), start, end))
    assert sorted(events) == sorted(PARSERS), result.stdout
    return events


def utc_times(found: Found) -> dict[str, list[tuple[str, str]]]:
    """Each parser's (start, end) in UTC, in the order of the file."""
    return {parser: [(start, end) for _, _, start, end in events] for parser, events in found.items()}


def every_parser(value: object) -> dict[str, object]:
    """What all three parsers must report alike."""
    return {parser: value for parser in PARSERS}
