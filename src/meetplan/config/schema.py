"""The JSON Schema of a configuration, generated from the sections' key declarations (``meetplan schema``)."""

from __future__ import annotations

import json
from typing import Any

from meetplan.config.loader import TOP

SCHEMA_ID = "https://meetplan.example/schema/config.json"


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a configuration as an editor sees the YAML: dates and keys as text."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "meetplan configuration",
        **TOP.schema(),
    }


def schema_json() -> str:
    """The schema as indented JSON text, ending with a line break."""
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
