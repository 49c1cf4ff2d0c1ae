"""`meetplan schema`: the JSON Schema an editor checks a configuration with, from the same key declarations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from meetplan.cli import main
from meetplan.config import DAYS_KEYS, ITEM_KEYS, MEETING_KEYS, TOP_KEYS

from conftest import ROOT

SHIPPED = sorted((ROOT / "config").glob("*.yaml"))


def printed_schema() -> dict[str, Any]:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0, result.output
    schema: dict[str, Any] = json.loads(result.stdout)
    return schema


SCHEMA = printed_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def as_an_editor_sees(value: Any) -> Any:
    """YAML as the YAML language server reads it: keys and dates are text (PyYAML makes them ints and dates)."""
    if isinstance(value, dict):
        return {str(key): as_an_editor_sees(entry) for key, entry in value.items()}
    if isinstance(value, list):
        return [as_an_editor_sees(entry) for entry in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def problems(document: Any) -> list[str]:
    return sorted(f"{'.'.join(map(str, error.absolute_path))}: {error.message}" for error in VALIDATOR.iter_errors(document))


def load(path: Path) -> Any:
    return as_an_editor_sees(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_schema_is_a_valid_json_schema() -> None:
    """The printed schema is itself valid under JSON Schema draft 2020-12."""
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_shipped_configurations_are_all_there() -> None:
    """The configurations the schema is checked against are the shipped sessions and meetings."""
    assert [path.name for path in SHIPPED] == ["ahc-2022.yaml", "cosp-2021.yaml", "cosp-2023.yaml", "wgsom-2019.yaml", "wgsom-2020-fit.yaml", "wgsom-2020-rev1.yaml",
                                             "wgsom-2020.yaml"]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_schema_validates_shipped_configuration(path: Path) -> None:
    """Each shipped configuration passes the schema with no problem."""
    assert problems(load(path)) == []


def test_schema_validates_the_starter() -> None:
    """The starter `meetplan init` writes passes too, its empty `exceptions:` included."""
    assert problems(load(ROOT / "src" / "meetplan" / "starter.yaml")) == []


def test_schema_rejects_an_unknown_key() -> None:
    """A misspelt key in a section is refused, as meetplan refuses it."""
    document = load(ROOT / "config" / "wgsom-2020.yaml")
    document["meeting"]["venu"] = document["meeting"].pop("venue")
    assert problems(document) == [
        "meeting: 'venue' is a required property",
        "meeting: Additional properties are not allowed ('venu' was unexpected)",
    ]


def test_schema_rejects_an_unknown_key_deep_in_the_report() -> None:
    """Nested sections are closed too: report.record takes only its declared keys."""
    document = load(ROOT / "config" / "wgsom-2020.yaml")
    document["report"]["record"]["hled"] = 5
    assert problems(document) == ["report.record: Additional properties are not allowed ('hled' was unexpected)"]


def test_schema_knows_the_keys_meetplan_reads() -> None:
    """The schema's keys are the declarations' keys, in their order, each with a description."""
    properties = SCHEMA["properties"]
    item = next(option for option in properties["agenda"]["items"]["anyOf"] if option.get("type") == "object")
    assert (list(properties), list(properties["meeting"]["properties"]), list(properties["days"]["properties"]), list(item["properties"])) == (
        list(TOP_KEYS), list(MEETING_KEYS), list(DAYS_KEYS), list(ITEM_KEYS),
    )
    assert all(entry["description"] for entry in properties["meeting"]["properties"].values())
