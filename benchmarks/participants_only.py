"""Render participants.xlsx alone, as ``meetplan build`` would: load, schedule, seat, render, write.

A whole process, so that the benchmark can time this one artifact against the plain openpyxl and pandas
scripts. With ``--dump``, also write the workbook's cells as JSON (sheet by sheet, row by row), the table those
scripts write; the dump is made after the timing and is not part of it.

    .venv/bin/python benchmarks/participants_only.py benchmarks/work/L/meeting.yaml out.xlsx [--dump cells.json]
"""

from __future__ import annotations

import argparse
from pathlib import Path


def render(config: Path) -> bytes:
    from meetplan.config import load
    from meetplan.render.participants_xlsx import render_participants_xlsx
    from meetplan.scheduler import schedule
    from meetplan.seating import seat_plan
    from meetplan.speakers import sized

    meeting = load(config)
    planned = schedule(sized(meeting))
    return render_participants_xlsx(planned, seat_plan(planned.meeting)).data


def dump_cells(workbook_path: Path, target: Path) -> None:
    """The workbook's values as JSON: {"sheets": [[title, rows]]}, a datetime as {"datetime": ISO text}."""
    import datetime as dt
    import json

    from openpyxl import load_workbook

    workbook = load_workbook(workbook_path, read_only=True)

    def plain(value: object) -> object:
        return {"datetime": value.isoformat()} if isinstance(value, dt.datetime) else value

    sheets = [[sheet.title, [[plain(v) for v in row] for row in sheet.iter_rows(values_only=True)]] for sheet in workbook.worksheets]
    workbook.close()
    target.write_text(json.dumps({"sheets": sheets}, ensure_ascii=False), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--dump", type=Path, help="also write the cells as JSON to this file")
    args = parser.parse_args()
    args.output.write_bytes(render(args.config))
    if args.dump:
        dump_cells(args.output, args.dump)


if __name__ == "__main__":
    main()
