"""What a user would do by hand: the same table as participants.xlsx through ``pandas.DataFrame.to_excel``.

Reads the cells dumped by ``participants_only.py --dump``; one DataFrame per sheet, its first row as the
heading. pandas is a benchmark-only dependency (benchmarks/requirements.txt), never meetplan's.

    .venv/bin/python benchmarks/pandas_to_excel.py cells.json out.xlsx
"""

from __future__ import annotations

import sys

import pandas as pd
from cells import read_sheets, value  # the benchmark's own module, beside this script


def main() -> None:
    source, target = sys.argv[1], sys.argv[2]
    sheets = read_sheets(source)
    with pd.ExcelWriter(target, engine="openpyxl") as writer:
        for title, rows in sheets:
            width = max((len(row) for row in rows), default=0)
            padded = [[value(cell) for cell in row] + [None] * (width - len(row)) for row in rows]
            heading = [str(cell) if cell is not None else f"Unnamed: {index}" for index, cell in enumerate(padded[0])] if padded else []
            frame = pd.DataFrame(padded[1:], columns=heading)
            frame.to_excel(writer, sheet_name=title, index=False)


if __name__ == "__main__":
    main()
