"""The baseline: the same sheets, rows and values as participants.xlsx, written by openpyxl in write-only mode.

No meetplan: it reads the cells dumped by ``participants_only.py --dump`` and appends them, nothing more (no
styles, widths, filters or reproducible ZIP stamps, which meetplan adds).

    .venv/bin/python benchmarks/plain_openpyxl.py cells.json out.xlsx
"""

from __future__ import annotations

import datetime as dt
import json
import sys

from openpyxl import Workbook


def value(cell: object) -> object:
    if isinstance(cell, dict):
        return dt.datetime.fromisoformat(cell["datetime"])
    return cell


def main() -> None:
    source, target = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8") as handle:
        sheets = json.load(handle)["sheets"]
    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        worksheet = workbook.create_sheet(title)
        for row in rows:
            worksheet.append([value(cell) for cell in row])
    workbook.save(target)


if __name__ == "__main__":
    main()
