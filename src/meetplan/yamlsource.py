"""Read YAML keeping the line of every key and list entry, so that problems can name their line."""

from __future__ import annotations

import datetime as dt
import re
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
    """Parse one YAML document; syntax errors and duplicate keys become problems with their line.

    Raises ConfigError (never RecursionError: values nested past what the parser can follow are refused).
    """
    # Brackets nested past the parser's recursion take seconds to fail: count them first (cheap, and only a
    # hint, as brackets in quoted text count too), and let the scanner judge when the count is high.
    if _bracket_depth(text) > MAX_DEPTH:
        deep = _too_deep(text, file)
        if deep.line is not None:
            raise ConfigError([deep])
    try:
        return _load(text, file)
    except RecursionError:
        raise ConfigError([_too_deep(text, file)]) from None


def _bracket_depth(text: str) -> int:
    depth = deepest = 0
    for match in _BRACKETS.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


MAX_DEPTH = 100  # a meeting's configuration nests six or seven deep
_BRACKETS = re.compile(r"[\[\]{}]")


def _too_deep(text: str, file: str) -> Problem:
    """The problem naming the line where the values nest deeper than MAX_DEPTH (the scanner does not recurse)."""
    opening = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken, yaml.BlockSequenceStartToken, yaml.BlockMappingStartToken)
    closing = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken, yaml.BlockEndToken)
    depth, line = 0, None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            depth += isinstance(token, opening) - isinstance(token, closing)
            if depth > MAX_DEPTH:
                line = token.start_mark.line + 1
                break
    except yaml.YAMLError:
        pass
    return Problem(file=file, line=line, message=f"not valid here: values nested more than {MAX_DEPTH} deep; a configuration is far flatter")


# libyaml's composer, where PyYAML was built with it: the same nodes as PyYAML's own (tags, values, lines and
# columns, compared on every configuration in config/ and tests/) in a fifteenth of the time, 0.7 ms instead of
# 11 ms for the 2020 meeting. What it refuses (an error, values nested past its limit of 1,000, a lone surrogate)
# is composed again by PyYAML's own, whose messages the problems quote.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _compose(text: str) -> yaml.Node | None:
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except (yaml.YAMLError, ValueError):
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _load(text: str, file: str) -> Any:
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        message = f"not valid YAML: {error.problem}"
        # An unclosed bracket is noticed lines later: name where the construct began, too.
        if error.context and error.context_mark and mark and error.context_mark.line != mark.line:
            message += f" ({error.context} that starts on line {error.context_mark.line + 1})"
        raise ConfigError([Problem(file=file, line=line, message=message)]) from None
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        raise ConfigError([Problem(file=file, line=line, message=f"not valid YAML: character #x{error.character:04x} is not allowed in YAML text")]) from None
    except yaml.YAMLError as error:
        raise ConfigError([Problem(file=file, message=f"not valid YAML: {' '.join(str(error).split())}")]) from None
    if node is None:
        return None
    _check_size(node, file)
    problems: list[Problem] = []
    value = _build(node, yaml.SafeLoader(""), file, problems, "")
    if problems:
        raise ConfigError(problems)
    return value


MAX_VALUES = 100_000  # a meeting's configuration has a few hundred; aliases must not multiply them


def _check_size(root: yaml.Node, file: str) -> None:
    """Refuse aliases that refer to themselves or multiply into a huge document ("billion laughs")."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node: yaml.Node) -> int:
        if id(node) in sizes:
            return sizes[id(node)]
        if id(node) in open_nodes:
            raise ConfigError([Problem(file=file, line=node.start_mark.line + 1, message="not valid here: an alias refers to the value that contains it")])
        open_nodes.add(id(node))
        children: list[yaml.Node] = []
        if isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        total = 1 + sum(size(child) for child in children)
        if total > MAX_VALUES:
            raise ConfigError([Problem(file=file, line=node.start_mark.line + 1, message=f"its anchors and aliases expand to more than {MAX_VALUES:,} values; a configuration is far smaller")])
        open_nodes.discard(id(node))
        sizes[id(node)] = total
        return total

    size(root)


def _field(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)


_PLAIN_TAG = "tag:yaml.org,2002:"


def _build(node: yaml.Node, constructor: yaml.SafeLoader, file: str, problems: list[Problem], path: str) -> Any:
    if not node.tag.startswith(_PLAIN_TAG) or node.tag.startswith(f"{_PLAIN_TAG}python/"):
        tag = node.tag.replace(_PLAIN_TAG, "!!")
        problems.append(Problem(file=file, line=node.start_mark.line + 1, field=path or None, message=f"the YAML tag {tag} is not allowed; write the value without it"))
        return None
    if isinstance(node, yaml.MappingNode):
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        own = sum(1 for key_node, _ in node.value if key_node.tag != "tag:yaml.org,2002:merge")
        try:
            constructor.flatten_mapping(node)  # resolves "<<" merge keys: the merged pairs come first
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            problems.append(Problem(file=file, line=mark.line + 1 if mark else None, field=path or None, message=f"cannot merge: {error.problem}"))
            return mapping
        merged = len(node.value) - own
        given_here: set[Any] = set()
        for index, (key_node, value_node) in enumerate(node.value):
            key = _build(key_node, constructor, file, problems, path)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str | int | dt.date):
                problems.append(Problem(file=file, line=line, field=path or None, message="keys must be plain text"))
                continue
            # A key given here overrides the same key merged in with "<<"; given twice here, it is a mistake.
            if index >= merged:
                if key in given_here:
                    problems.append(Problem(file=file, line=line, field=_field(path, key), message="key given twice"))
                given_here.add(key)
            mapping[key] = _build(value_node, constructor, file, problems, _field(path, key))
            mapping.key_lines[key] = line
        return mapping
    if isinstance(node, yaml.SequenceNode):
        sequence = LineList(_build(child, constructor, file, problems, f"{path}[{index}]") for index, child in enumerate(node.value, start=1))
        sequence.line = node.start_mark.line + 1
        sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
        return sequence
    try:
        return constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, AttributeError, TypeError, OverflowError) as error:
        if node.tag in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:value"):
            # 2020-02-30 or "!!timestamp nope" (whose constructor fails on the unmatched text): the date check
            # explains it, with its field; a lone "=" is YAML 1.1's value key: text.
            return node.value
        problems.append(Problem(file=file, line=node.start_mark.line + 1, field=path or None, message=f"unreadable value: {getattr(error, 'problem', None) or error}"))
        return None
