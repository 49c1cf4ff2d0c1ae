"""The baseline: the same sheets, rows and values as participants.xlsx, written by openpyxl in write-only mode.

No meetplan: it reads the cells dumped by ``participants_only.py --dump`` and appends them, nothing more (no
styles, widths, filters or reproducible ZIP stamps, which meetplan adds).

    .venv/bin/python benchmarks/plain_openpyxl.py cells.json out.xlsx
"""

from __future__ import annotations

import sys

from cells import read_sheets, value  # the benchmark's own module, beside this script
from openpyxl import Workbook


def main() -> None:
    source, target = sys.argv[1], sys.argv[2]
    sheets = read_sheets(source)
    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        worksheet = workbook.create_sheet(title)
        for row in rows:
            worksheet.append([value(cell) for cell in row])
    workbook.save(target)


if __name__ == "__main__":
    main()
