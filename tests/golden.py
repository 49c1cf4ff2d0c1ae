"""Golden files: what a build writes, kept in ``tests/cases/<meeting>/`` and compared in full.

Text outputs (calendars, Markdown, HTML, TSV) are kept byte for byte. Workbooks and Word files are kept as a
text projection (``<name>.txt``, see projections.py), because their ZIP bytes change with things no reader
sees. ``pytest --update-golden`` rewrites a case from the current outputs; review the diff before committing.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from pathlib import Path

from projections import document_text, workbook_text

CASES = Path(__file__).resolve().parent / "cases"

PROJECTED: dict[str, Callable[[bytes], str]] = {".xlsx": workbook_text, ".docx": document_text}


def golden_file(name: str, data: bytes) -> tuple[str, bytes]:
    """The golden file's name and content for the output ``name``: the projection of a workbook or Word file."""
    project = PROJECTED.get(Path(name).suffix)
    if project is None:
        return name, data
    return f"{name}.txt", project(data).encode("utf-8")


def _diff(expected: bytes, actual: bytes, name: str) -> str:
    before = expected.decode("utf-8", "replace").splitlines(True)
    after = actual.decode("utf-8", "replace").splitlines(True)
    diff = "".join(difflib.unified_diff(before, after, f"golden/{name}", f"actual/{name}"))
    return diff or f"{name}: the bytes differ where the text does not (line endings or encoding)\n"


def assert_golden(outputs: Mapping[str, bytes], case: Path, *, update: bool) -> None:
    """Every output equals its golden file in ``case``, and every golden file has its output.

    ``outputs`` maps each path relative to the output folder (``speakers/Name.ics``) to its bytes. With
    ``update`` the case folder is rewritten to match first, stale golden files removed.
    """
    actual = dict(golden_file(name, data) for name, data in outputs.items())
    if update:
        for path in case.rglob("*"):
            if path.is_file() and path.relative_to(case).as_posix() not in actual:
                path.unlink()
        for name, data in actual.items():
            path = case / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists() or path.read_bytes() != data:
                path.write_bytes(data)
    expected = {path.relative_to(case).as_posix(): path.read_bytes() for path in case.rglob("*") if path.is_file()}
    problems = [f"no golden file for the output {name}" for name in sorted(actual.keys() - expected.keys())]
    problems += [f"the build no longer writes {name}" for name in sorted(expected.keys() - actual.keys())]
    problems += [
        _diff(expected[name], actual[name], name)
        for name in sorted(actual.keys() & expected.keys())
        if expected[name] != actual[name]
    ]
    assert not problems, (
        f"the outputs differ from the golden files in {case} (after review, rerun with --update-golden):\n"
        + "\n".join(problems)
    )
