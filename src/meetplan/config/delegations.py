"""The ``delegations:`` section, and the finding of a delegation by the name a registration or inscription gives."""

from __future__ import annotations

from typing import Any

from msgspec import Struct

from meetplan import reference
from meetplan.config import convert
from meetplan.config.reader import Key, Kind, Reader, Section, Structure, list_entries
from meetplan.model import Delegation, DelegationCategory, Origin
from meetplan.style import sort_key
from meetplan.yamlsource import LineDict

# The keys of the delegations: section (and of participants.per_delegation), in the report's order.
CATEGORY_KEYS: dict[str, DelegationCategory] = {
    "parties": DelegationCategory.PARTY,
    "signatories": DelegationCategory.SIGNATORY,
    "non_parties": DelegationCategory.NON_PARTY,
    "organizations": DelegationCategory.ORGANIZATION,
    "permanent_observers": DelegationCategory.PERMANENT_OBSERVER,
    "ngos": DelegationCategory.NGO,
}
REGIONAL_GROUPS = reference.GROUPS


def group(value: Any) -> str | None:
    """A regional group, by its name with or without "States"."""
    if not isinstance(value, str):
        raise ValueError(f"must be one of: {'; '.join(REGIONAL_GROUPS)}")
    for name in REGIONAL_GROUPS:
        if sort_key(value.strip()) in (sort_key(name), sort_key(name.split(" States")[0])):
            return name
    import difflib  # here: only a problem needs it, not every command's start

    close = difflib.get_close_matches(value, REGIONAL_GROUPS, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f"; one of: {'; '.join(REGIONAL_GROUPS)}"
    raise ValueError(f"unknown regional group {value!r}{hint}")


ENTRY = Section((
    Key(name="name", kind=convert.TEXT, doc="The name as the documents print it.", required=True),
    Key(name="reference", kind=convert.TEXT, doc="The name meetplan's reference data know it by, when the printed one differs."),
    Key(name="group", kind=Kind(group, {"enum": list(REGIONAL_GROUPS)}), doc="The regional group (a State not in the reference data)."),
    Key(name="time_zone", kind=convert.TIME_ZONE, doc="Its IANA time zone (an entry not in the reference data)."),
), doc="A delegation the reference data do not name as printed, or do not know.")
_NAMES_SCHEMA: dict[str, Any] = {"type": "array", "items": {"anyOf": [convert.TEXT_SCHEMA, ENTRY.schema()]}}
DELEGATIONS = Section(tuple(
    Key(name=key, kind=Structure(lambda *_: None, _NAMES_SCHEMA), doc=f"The {key.replace('_', '-')}: names, or mappings for entries that need more.")
    for key in CATEGORY_KEYS
), doc="Who attends, by category, in the report's order.")


class _Found(Struct, frozen=True):
    name: str
    group: str | None
    time_zone: str


def _lookup(name: str, category: DelegationCategory) -> _Found | None:
    """The reference entry for a name: a State for the States' categories (or the EU among parties)."""
    if category.is_state:
        state = reference.find_state(name)
        if state is not None:
            return _Found(state.name, state.group, state.time_zone)
    organization = reference.find_organization(name)
    # A regional economic integration organization (the European Union) is a party in its own right.
    if organization is not None and (not category.is_state or organization.kind == "regional economic integration organization"):
        return _Found(organization.name, None, organization.time_zone)
    return None


def _suggestions(name: str) -> str:
    close = reference.suggest(name, n=3)
    return f"; did you mean {', '.join(close)}?" if close else ""


def parse_delegations(reader: Reader, value: Any, line: int | None) -> tuple[Delegation, ...]:
    """The ``delegations:`` section as Delegations in the report's order; a name listed twice is a problem."""
    section = reader.mapping(value, "delegations", line)
    if section is None:
        return ()
    reader.known_keys(section, DELEGATIONS.names, "delegations")
    delegations: list[Delegation] = []
    seen: dict[str, str] = {}
    for key, category in CATEGORY_KEYS.items():
        for index, entry, entry_line in list_entries(reader, section, key, f"delegations.{key}", "a list of names"):
            field = f"delegations.{key}[{index}]"
            delegation = _delegation(reader, entry, field, entry_line, category)
            if delegation is None:
                continue
            folded = sort_key(delegation.name)
            if folded in seen:
                reader.problem(entry_line, field, f"{delegation.name} is listed twice (also at {seen[folded]})")
                continue
            seen[folded] = field
            delegations.append(delegation)
    return tuple(delegations)


def _delegation(reader: Reader, entry: Any, field: str, line: int | None, category: DelegationCategory) -> Delegation | None:
    if isinstance(entry, LineDict):
        return _mapped(reader, entry, field, line, category)
    try:
        name = convert.text(entry)
    except ValueError as error:
        reader.problem(line, field, f"{error} (a name, or a mapping with name and time_zone)")
        return None
    found = _lookup(name, category)
    if found is None:
        what = "State" if category.is_state else "organization"
        extra = "; an entry not in the reference data is written {name: ..., time_zone: ...}"
        reader.problem(line, field, f"unknown {what} {name!r}{_suggestions(name)}{extra}")
        return None
    return Delegation(name=found.name, category=category, group=found.group, time_zone=found.time_zone,
                      origin=Origin(file=reader.file, line=line, field=field))


def _mapped(reader: Reader, entry: LineDict, field: str, line: int | None, category: DelegationCategory) -> Delegation | None:
    values = reader.read(entry, ENTRY, field)
    name, zone = values["name"], values["time_zone"]
    if name is None:
        return None
    lookup_name = values["reference"] or name
    found = _lookup(lookup_name, category)
    if found is None and "reference" in entry:
        reader.problem(entry.key_lines["reference"], f"{field}.reference", f"{lookup_name!r} is not in the reference data{_suggestions(lookup_name)}")
        return None
    if found is None and "time_zone" in entry and zone is None:
        return None  # the time zone's own problem says it all
    if found is None and zone is None:
        # Not in the reference data (an NGO, a new entity): it must say where it is, for the local times.
        hint = _suggestions(name)
        reader.problem(line, field, f"{name!r} is not in the reference data{hint}" + (
            "" if hint and category is not DelegationCategory.NGO else "; give its time_zone (and group, for a State) to add it"))
        return None
    # The name is printed as written in a mapping ("Turkey" in a 2020 list), the reference's otherwise.
    printed = name if "reference" in entry or found is None else found.name
    given_group = values["group"] if "group" in entry else (found.group if found else None)
    return Delegation(name=printed, category=category, group=given_group, time_zone=zone or (found.time_zone if found else "UTC"),
                      origin=Origin(file=reader.file, line=line, field=field))


# --- finding a delegation by the name a data file gives ----------------------------------------------------------


def _one_line(name: str) -> str:
    return " ".join(name.split())


class Delegations:
    """Finds the configured delegation a registration names, by its name or a name the reference knows."""

    def __init__(self, delegations: tuple[Delegation, ...]) -> None:
        # On one line, as the registration's cell is read: a configured name may hold a line break.
        self.by_key = {sort_key(_one_line(d.name)): d for d in delegations}
        self.names = sorted((_one_line(d.name) for d in delegations), key=sort_key)
        self.cache: dict[str, Delegation | str] = {}

    def find(self, name: str) -> Delegation | str:
        """The delegation, or the message explaining why there is none."""
        if name in self.cache:
            return self.cache[name]
        result = self._find(name)
        self.cache[name] = result
        return result

    def _find(self, name: str) -> Delegation | str:
        key = sort_key(_one_line(name))
        if key in self.by_key:
            return self.by_key[key]
        known = reference.find_state(name) or reference.find_organization(name)
        if known is not None:
            if sort_key(known.name) in self.by_key:
                return self.by_key[sort_key(known.name)]
            return f"{known.name} is not among the delegations in the configuration (delegations:)"
        import difflib  # here: only a problem needs it, not every command's start

        close = difflib.get_close_matches(name, self.names, n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        return f"unknown delegation {name!r}{hint}"


class Speaking:
    """Finds the delegation a speaker speaks for: among the configuration's delegations, or in the reference data."""

    def __init__(self, delegations: tuple[Delegation, ...]) -> None:
        self.configured = Delegations(delegations) if delegations else None

    def find(self, value: Any) -> Delegation:
        """The delegation, or ValueError with the message a user reads."""
        name = convert.one_line(value)
        if self.configured is not None:
            found = self.configured.find(name)
            if isinstance(found, str):
                raise ValueError(found)
            return found
        # Without a delegations: section the reference data name the speaker; a State counts as a party
        # (our convention: the category only orders the list, and a meeting that cares lists its delegations).
        state = reference.find_state(name)
        if state is not None:
            return Delegation(name=state.name, category=DelegationCategory.PARTY, group=state.group, time_zone=state.time_zone)
        organization = reference.find_organization(name)
        if organization is not None:
            category = {
                "entity with a permanent observer office": DelegationCategory.PERMANENT_OBSERVER,
                "regional economic integration organization": DelegationCategory.PARTY,
            }.get(organization.kind, DelegationCategory.ORGANIZATION)
            return Delegation(name=organization.name, category=category, group=None, time_zone=organization.time_zone)
        close = reference.suggest(name, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; add it to the delegations: section"
        raise ValueError(f"unknown delegation {name!r}{hint}")

