"""Read YAML keeping the line of every key and list entry, so that problems can name their line."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from meetplan.errors import ConfigError, Problem


class LineDict(dict[Any, Any]):
    """A mapping that remembers the line of each key (1-based) and of itself."""

    line: int
    key_lines: dict[Any, int]


class LineList(list[Any]):
    """A sequence that remembers the line of each entry (1-based) and of itself."""

    line: int
    item_lines: list[int]


def line_of(value: Any, default: int | None = None) -> int | None:
    return getattr(value, "line", default)


def load_yaml(text: str, file: str) -> Any:
    """Parse one YAML document; syntax errors and duplicate keys become problems with their line."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise ConfigError([Problem(file=file, line=line, message=f"not valid YAML: {error.problem}")]) from None
    except yaml.YAMLError as error:
        raise ConfigError([Problem(file=file, message=f"not valid YAML: {error}")]) from None
    if node is None:
        return None
    problems: list[Problem] = []
    value = _build(node, yaml.SafeLoader(""), file, problems)
    if problems:
        raise ConfigError(problems)
    return value


def _build(node: yaml.Node, constructor: yaml.SafeLoader, file: str, problems: list[Problem]) -> Any:
    if isinstance(node, yaml.MappingNode):
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        constructor.flatten_mapping(node)  # resolves "<<" merge keys
        for key_node, value_node in node.value:
            key = _build(key_node, constructor, file, problems)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str | int | dt.date):
                problems.append(Problem(file=file, line=line, message="keys must be plain text"))
                continue
            if key in mapping:
                problems.append(Problem(file=file, line=line, field=str(key), message="key given twice"))
            mapping[key] = _build(value_node, constructor, file, problems)
            mapping.key_lines[key] = line
        return mapping
    if isinstance(node, yaml.SequenceNode):
        sequence = LineList(_build(child, constructor, file, problems) for child in node.value)
        sequence.line = node.start_mark.line + 1
        sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
        return sequence
    try:
        return constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError) as error:
        problems.append(Problem(file=file, line=node.start_mark.line + 1, message=f"unreadable value: {error}"))
        return None
