"""The floor of a build: what it costs to import what a build imports and write the bytes it writes, and no more.

    .venv/bin/python benchmarks/floor.py record config/wgsom-2020.yaml OUTPUT MODULES.json
    .venv/bin/python benchmarks/floor.py write MODULES.json SNAPSHOT OUTPUT

``record`` runs ``meetplan build`` in this process, every output in it (no second process), and lists, in the order
they were imported, the modules it left loaded that are not meetplan's own (click, yaml, lxml, docx, icalendar,
babel, zoneinfo...). ``write`` imports those modules and writes every file of SNAPSHOT (a copy of a build's output
folder) to the same path below OUTPUT: one plain write each, no staging, journal, backups or sync. The time of
a ``write`` process is the floor a build is measured against (run.py --scaling): meetplan's own work, reading,
planning, rendering and keeping the folder safe, is the difference.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import sys
from pathlib import Path


def record(config: str, output: str, modules: str) -> None:
    import meetplan.forked
    from meetplan.cli import main

    # Every output rendered in this process: a module that only a second process imports (Babel, for the outputs
    # in other languages) is one the build imports all the same, and the floor must import it too.
    meetplan.forked._can_fork = lambda: False

    with contextlib.redirect_stdout(io.StringIO()):
        main(["build", config, "--output", output], standalone_mode=False)
    names = [name for name in sys.modules if name != "__main__" and not name.startswith("meetplan")]
    Path(modules).write_text(json.dumps(names))


def write(modules: str, snapshot: str, output: str) -> None:
    for name in json.loads(Path(modules).read_text()):
        # A few entries of sys.modules are aliases or platform shims that cannot be imported by name; a build
        # imports them as a side effect of the others, so the floor does too.
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    source, target = Path(snapshot), Path(output)
    for path in sorted(source.rglob("*")):
        if path.is_file():
            destination = target / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(path.read_bytes())


if __name__ == "__main__":
    {"record": record, "write": write}[sys.argv[1]](*sys.argv[2:5])
