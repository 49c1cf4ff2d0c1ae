"""The cells dumped by ``participants_only.py --dump``, read back for the two baseline scripts."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any


def value(cell: object) -> object:
    """A dumped cell as the baselines write it: dates were dumped as {"datetime": ISO text}."""
    if isinstance(cell, dict):
        return dt.datetime.fromisoformat(cell["datetime"])
    return cell


def read_sheets(source: str) -> list[tuple[str, list[list[Any]]]]:
    """The sheets as (title, rows), each cell still as dumped."""
    with open(source, encoding="utf-8") as handle:
        sheets: list[tuple[str, list[list[Any]]]] = json.load(handle)["sheets"]
    return sheets
