"""The shared reader: each section's keys declared once as data, and the Reader that checks and converts them.

A section is a tuple of ``Key``: its name, its kind of value (a converter and the JSON Schema of what it
accepts), whether it is required, its default and a one-line description. The known-keys check, the parse and
the JSON Schema (config/schema.py) all read that one declaration. The Reader collects a ``Problem`` for every
wrong value, with its file, line and field, so that all of them are reported at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from msgspec import Struct, field

from meetplan.errors import Problem
from meetplan.model import AgendaItem, Day, Delegation, Format
from meetplan.yamlsource import LineDict, LineList

T = TypeVar("T")
Json = dict[str, Any]


class Kind(Struct, Generic[T], frozen=True):
    """A plain value: ``convert`` turns the YAML value into ``T`` or raises ValueError with the message a user reads."""

    convert: Callable[[Any], T]
    schema: Json


class Structure(Struct, frozen=True):
    """A value with parts of its own (a list of hours, a table of items), read with the Reader so that each
    part's problem names its own line: ``read(reader, value, field, line)``."""

    read: Callable[[Reader, Any, str, int | None], Any]
    schema: Json


class Key(Struct, frozen=True, kw_only=True):
    """One key of a section, declared once: the known-keys check, the parse and the schema read it."""

    name: str
    kind: Kind[Any] | Structure | Section
    doc: str
    required: bool = False
    default: Any = None
    missing: str = "missing"  # the message when a required key is absent

    def schema(self) -> Json:
        """The JSON Schema of the key's value, with its description (and default, when it is plain data).

        An optional key may also be given no value (``exceptions:`` alone), which the Reader takes as left out.
        """
        accepted = self.kind.schema() if isinstance(self.kind, Section) else self.kind.schema
        result: Json = {**accepted} if self.required else _nullable(accepted)
        result["description"] = self.doc
        if isinstance(self.default, bool | int | str) and not isinstance(self.kind, Section):
            result["default"] = self.default
        return result


class Section(Struct, frozen=True):
    """A mapping with declared keys; the value read is a dict of every key's value (its default when absent)."""

    keys: tuple[Key, ...]
    doc: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """The declared keys' names, in order: the keys the known-keys check allows."""
        return tuple(key.name for key in self.keys)

    def schema(self) -> Json:
        """The JSON Schema of the section: its keys, each described, the required ones, and no others."""
        result: Json = {"type": "object", "properties": {key.name: key.schema() for key in self.keys}, "additionalProperties": False}
        if self.doc:
            result["description"] = self.doc
        required = [key.name for key in self.keys if key.required]
        if required:
            result["required"] = required
        return result


class Context(Struct, frozen=True, kw_only=True):
    """What earlier sections gave, for the checks of later ones (a report's items against the agenda)."""

    config_file: str = ""
    body: str = ""
    format: Format = Format.IN_PERSON
    days: tuple[Day, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()
    delegations: tuple[Delegation, ...] = ()


class Reader(Struct):
    """Reads typed values out of LineDicts for one file, collecting a problem for each wrong one."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    context: Context = field(default_factory=Context)

    def problem(self, line: int | None, field: str, message: str) -> None:
        """Collect a problem at ``line`` (1-based, or None for the whole file) of this reader's file."""
        self.problems.append(Problem(file=self.file, line=line, field=field, message=message))

    def mapping(self, value: Any, field: str, line: int | None) -> LineDict | None:
        """The value when it is a mapping; else None and a problem."""
        if isinstance(value, LineDict):
            return value
        self.problem(line, field, f"must be a mapping of keys to values, not {kind_of(value)}")
        return None

    def known_keys(self, mapping: LineDict, allowed: tuple[str, ...], prefix: str) -> None:
        """A problem for each key not in ``allowed``, with the closest known key as a hint."""
        for key in mapping:
            if key not in allowed:
                import difflib  # here: only a problem needs it, not every command's start

                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(allowed)}"
                self.problem(mapping.key_lines[key], join(prefix, str(key)), f"unknown key{hint}")

    def take(self, mapping: LineDict, key: str, prefix: str, convert: Callable[[Any], T], *, required: bool = False) -> T | None:
        """One converted value, or None when it is absent (a problem when required) or wrong (a problem)."""
        field = join(prefix, key)
        if key not in mapping or mapping[key] is None:
            if required:
                self.problem(mapping.line, field, "missing")
            return None
        try:
            return convert(mapping[key])
        except ValueError as error:
            self.problem(mapping.key_lines.get(key, mapping.line), field, str(error))
            return None

    def read(self, mapping: LineDict, section: Section, prefix: str) -> dict[str, Any]:
        """Every declared key's value, by name, in the declaration's order; unknown keys are problems."""
        self.known_keys(mapping, section.names, prefix)
        return self.values(mapping, section, prefix)

    def values(self, mapping: LineDict, section: Section, prefix: str, names: tuple[str, ...] | None = None) -> dict[str, Any]:
        """The values of the declared keys ``names`` (all by default), in the declaration's order, without the
        known-keys check: for a section whose later keys are checked against its earlier ones."""
        return {key.name: self.value(mapping, key, prefix) for key in section.keys if names is None or key.name in names}

    def section(self, value: Any, section: Section, field: str, line: int | None) -> dict[str, Any] | None:
        """A nested section's values, or None (and a problem) when it is not a mapping."""
        mapping = self.mapping(value, field, line)
        return None if mapping is None else self.read(mapping, section, field)

    def value(self, mapping: LineDict, key: Key, prefix: str) -> Any:
        """One declared key's value: converted, or its default when absent or wrong (a problem when wrong, or
        absent and required)."""
        field = join(prefix, key.name)
        if mapping.get(key.name) is None:
            if key.required:
                self.problem(mapping.line, field, key.missing)
            return key.default
        value, line = mapping[key.name], mapping.key_lines.get(key.name, mapping.line)
        if isinstance(key.kind, Section):
            return self.section(value, key.kind, field, line)
        if isinstance(key.kind, Structure):
            return key.kind.read(self, value, field, line)
        try:
            return key.kind.convert(value)
        except ValueError as error:
            self.problem(line, field, str(error))
            return key.default


def _nullable(schema: Json) -> Json:
    """The schema, also accepting null: widened in place rather than wrapped, so that a validator's messages
    still name the wrong key inside a section."""
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        return {**schema, "type": [*types, "null"]}
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    if "anyOf" in schema:
        return {**schema, "anyOf": [*schema["anyOf"], {"type": "null"}]}
    return {"anyOf": [schema, {"type": "null"}]}


def join(prefix: str, key: str) -> str:
    """A field's dotted name: "meeting" and "venue" give "meeting.venue"."""
    return f"{prefix}.{key}" if prefix else key


def kind_of(value: Any) -> str:
    """A value as a message names it: "nothing", "a list", "str 'tomorrow'"."""
    if value is None:
        return "nothing"
    if isinstance(value, LineDict):
        return "a mapping"
    if isinstance(value, LineList):
        return "a list"
    return f"{type(value).__name__} {value!r}"


def lines_of(value: LineList) -> list[tuple[int, Any, int]]:
    """(position from 1, entry, line) for each entry of a YAML list."""
    return [(index, entry, line) for index, (entry, line) in enumerate(zip(value, value.item_lines, strict=True), start=1)]


def list_entries(reader: Reader, mapping: LineDict, key: str, field: str, what: str = "a list") -> list[tuple[int, Any, int]]:
    """(position from 1, entry, line) of each entry of the YAML list under ``key`` (at ``field``): nothing when the
    key is absent, nothing and a problem ("must be ``what``") when it holds no list."""
    found = mapping.get(key)
    if found is None:
        return []
    if not isinstance(found, LineList):
        reader.problem(mapping.key_lines[key], field, f"must be {what}, not {kind_of(found)}")
        return []
    return lines_of(found)


def entries(reader: Reader, value: Any, field: str, line: int | None) -> list[tuple[Any, Any, int | None]]:
    """(key, value, line) of each entry of a YAML mapping, or nothing (and a problem) when it is not one."""
    table = reader.mapping(value, field, line)
    if table is None:
        return []
    return [(key, table[key], table.key_lines.get(key)) for key in table]
