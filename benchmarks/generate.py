"""Synthetic meetings for the benchmark: a configuration, its registrations and its inscriptions, per size.

S is the shipped 2020 meeting (config/wgsom-2020.yaml) and is not generated. M and L are conferences of the
Parties: every State and organization meetplan's reference data knows, plus invented NGOs; registrations come
from meetplan's own deterministic generator (meetplan.synthetic); inscriptions are written in the format of
the speakers' file (speakers.file: one row per speaker, the columns of meetplan.speakers.FILE_COLUMNS).

The same size gives the same bytes. Files go to benchmarks/work/<size>/ (git-ignored), and are written again
only when missing or made by another version of this generator.

    .venv/bin/python benchmarks/generate.py M          # writes benchmarks/work/M/
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "work"
SHIPPED = ROOT / "config" / "wgsom-2020.yaml"
VERSION = "1"  # raise when the generated files change, so that cached ones are made again


@dataclass(frozen=True)
class Size:
    name: str
    days: int  # working days; weekends are left out
    plenary_meetings: int
    agenda_items: int
    registrations: int
    inscriptions: int
    seats: int
    # Each substantive item pinned to a plenary meeting, spread over all but the last in agenda order: by
    # default an item needs half a plenary meeting, so hundreds of items fit only where the officer pins them.
    pinned: bool = False


SIZES = {
    "M": Size("M", days=10, plenary_meetings=20, agenda_items=40, registrations=3_000, inscriptions=1_500, seats=1_200),
    "L": Size("L", days=10, plenary_meetings=20, agenda_items=40, registrations=100_000, inscriptions=10_000, seats=5_000),
    # Issue 20's 50,000 inscriptions: M with as many agenda items as it takes for every delegation to inscribe.
    "I": Size("I", days=10, plenary_meetings=20, agenda_items=150, registrations=3_000, inscriptions=50_000, seats=1_200,
              pinned=True),
}

TOPICS = (
    "Mitigation", "Adaptation", "Loss and damage", "Finance", "Technology development and transfer", "Capacity-building",
    "Transparency", "Global stocktake", "Response measures", "Agriculture and food security", "Oceans",
    "Gender and climate change", "Action for climate empowerment", "Research and systematic observation",
    "Matters relating to the least developed countries", "Cooperative implementation", "Compliance",
    "Budgetary matters", "Cooperation with other international organizations", "Just transition pathways",
)
NGO_WORDS = (("Global", "International", "Regional", "Youth", "Women's", "Indigenous Peoples'", "Citizens'", "Lawyers'"),
             ("Alliance", "Network", "Forum", "Coalition", "Institute", "Foundation", "Council", "Centre"),
             ("for Climate Action", "for Environmental Law", "for Sustainable Development", "for Human Rights",
              "on Energy Transition", "for Migrants' Rights", "for Ocean Protection", "for Food Security"))
NGO_ZONES = ("Europe/Zurich", "America/New_York", "Africa/Nairobi", "Asia/Bangkok", "America/Sao_Paulo", "Europe/Brussels",
             "Asia/Kolkata", "Pacific/Fiji")
GROUPS = ("African States", "Asia-Pacific States", "Eastern European States", "Latin American and Caribbean States",
          "Western European and other States")
LANGUAGES = ("Arabic", "Chinese", "English", "French", "Russian", "Spanish")
FIRST_DAY = dt.date(2031, 11, 10)  # a Monday


def working_days(first: dt.date, count: int) -> list[dt.date]:
    days, day = [], first
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def agenda(count: int, pinned_over: int = 0) -> list[object]:
    """An organizational item with sub-items, substantive items, "Other matters" and "Adoption of the report".

    With ``pinned_over`` (a number of plenary meetings), the substantive items are pinned in agenda order to the
    plenary meetings 1 to ``pinned_over``, as evenly as whole items allow.
    """
    items: list[object] = [{"title": "Organizational matters", "sub_items": [
        "Opening of the session", "Adoption of the agenda", "Organization of work", "Election of officers"]}]
    substantive = count - 3
    for number in range(2, count - 1):
        topic = TOPICS[(number - 2) % len(TOPICS)]
        round_ = (number - 2) // len(TOPICS)
        title = f"{topic}: report of the subsidiary body" if round_ else topic
        item: dict[str, object] = {"title": title, "documents": [f"FCCC/CP/2031/{number}"]}
        if pinned_over:
            item["pin"] = 1 + (number - 2) * pinned_over // substantive
        items.append(item)
    items += ["Other matters", "Adoption of the report"]
    return items


def delegations() -> dict[str, list[object]]:
    from meetplan import reference

    states = reference.states()
    members = [s.name for s in states if not s.observer]
    organizations = reference.organizations()
    ngos = [{"name": f"{a} {b} {c}", "time_zone": NGO_ZONES[(i + j + k) % len(NGO_ZONES)]}
            for i, a in enumerate(NGO_WORDS[0]) for j, b in enumerate(NGO_WORDS[1]) for k, c in enumerate(NGO_WORDS[2])
            if (i * 64 + j * 8 + k) % 5 == 0]  # about a hundred of the 512 combinations
    return {
        "parties": [*members[:-4], "European Union"],
        "signatories": members[-4:],
        "non_parties": [s.name for s in states if s.observer],
        "organizations": [o.name for o in organizations if o.kind in ("intergovernmental organization", "United Nations entity")],
        "permanent_observers": [o.name for o in organizations if o.kind == "entity with a permanent observer office"],
        "ngos": ngos,
    }


def configuration(size: Size) -> dict[str, object]:
    days = working_days(FIRST_DAY, size.days)
    per_day = size.plenary_meetings // size.days
    hours = ["10:00-13:00", "15:00-18:00"][:per_day]
    return {
        "meeting": {
            "body": "Conference of the Parties to the Benchmark Convention on Climate Change",
            "ordinal": 36,
            "symbol": f"FCCC/CP/2031/{size.name}/1",
            "venue": "Bonn",
            "room": "Plenary hall, World Conference Center Bonn",
            "time_zone": "Europe/Berlin",
            "format": "hybrid",
            "online": {"platform": "Interprefy", "url": "https://example.org/cop36"},
            "issued": dt.date(2031, 9, 1),
            "plenary_meetings": size.plenary_meetings,
        },
        "days": {"first": days[0], "last": days[-1], "hours": hours},
        "agenda": agenda(size.agenda_items, size.plenary_meetings - 1 if size.pinned else 0),
        "delegations": delegations(),
        "participants": {
            "registrations": "registrations.csv",
            "symbol": f"FCCC/CP/2031/{size.name}/INF/1",
            "seats": size.seats,
            "per_delegation": {"parties": 8, "signatories": 4, "non_parties": 4, "organizations": 2,
                               "permanent_observers": 2, "ngos": 1},
        },
        "speakers": {"limits": {"parties": 3, "signatories": 3, "non_parties": 3}, "file": "inscriptions.csv"},
    }


def inscriptions_csv(size: Size, meeting: object, seed: int) -> bytes:
    """Panellists and statements under the substantive items, at most one statement per delegation and item."""
    from meetplan.model import ItemKind

    rng = random.Random(seed)
    labels = [e.label for e in meeting.entries if e.kind is ItemKind.SUBSTANTIVE]  # type: ignore[attr-defined]
    states = [d for d in meeting.delegations if d.category.is_state and d.group]  # type: ignore[attr-defined]
    everyone = list(meeting.delegations)  # type: ignore[attr-defined]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("Item", "Kind", "Name", "Title", "Delegation", "On behalf of", "Mode", "Language", "Inscribed"))
    opened = dt.datetime.combine(FIRST_DAY - dt.timedelta(days=14), dt.time(9, 0))
    written = 0
    for position, label in enumerate(labels):
        share = size.inscriptions // len(labels) + (1 if position < size.inscriptions % len(labels) else 0)
        rows: list[tuple[str, ...]] = []
        for number in range(min(2, share)):
            delegation = rng.choice(states)
            rows.append((label, "panellist", f"Panellist {label}-{number + 1}", "Expert", delegation.name, "",
                         "online", "English", ""))
        for group in GROUPS[: min(len(GROUPS), (share - len(rows)) // 10)]:
            delegation = rng.choice([d for d in states if d.group == group])
            rows.append((label, "statement", "", "", delegation.name, f"Group of {group}", "in person",
                         rng.choice(LANGUAGES), ""))
        for delegation in rng.sample(everyone, min(len(everyone), share - len(rows))):
            rows.append((label, "statement", "", "", delegation.name, "", rng.choice(("in person", "online")),
                         rng.choice(LANGUAGES), ""))
        for row in rows:
            inscribed = opened + dt.timedelta(minutes=rng.randrange(0, 14 * 24 * 60))
            writer.writerow((*row[:-1], "" if row[1] == "panellist" else inscribed.strftime("%Y-%m-%d %H:%M")))
        written += len(rows)
    assert written == size.inscriptions, (written, size.inscriptions)
    return buffer.getvalue().encode("utf-8")


def generate(size: Size, work: Path = WORK) -> Path:
    """Write the size's configuration, registrations and inscriptions; return the configuration's path."""
    from meetplan.config import parse, read_text
    from meetplan.synthetic import registrations_csv
    from meetplan.yamlsource import load_yaml

    folder = work / size.name
    config = folder / "meeting.yaml"
    stamp = folder / "generated"
    signature = f"{VERSION} {size}"
    if config.exists() and stamp.exists() and stamp.read_text() == signature:
        return config
    folder.mkdir(parents=True, exist_ok=True)
    header = f"# Synthetic benchmark meeting {size.name}, made by benchmarks/generate.py: invented, not a real session.\n"
    config.write_text(header + yaml.safe_dump(configuration(size), sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
    # Parsed without its files, which are what is made here; the delegations decide who registers.
    meeting = parse(load_yaml(read_text(config), str(config)), str(config))
    (folder / "registrations.csv").write_bytes(registrations_csv(meeting.delegations, size.registrations, seed=2031))
    (folder / "inscriptions.csv").write_bytes(inscriptions_csv(size, meeting, seed=2031))
    stamp.write_text(signature)
    return config

# The scaling benchmark (run.py --scaling): one input of a build at three sizes, everything else as at M. Days
# bring their two plenary meetings each; hundreds of agenda items are pinned (see Size.pinned), at every size
# alike so that the three compare.
SCALING = {
    "registrations": (3_000, 10_000, 30_000),
    "agenda_items": (50, 150, 500),
    "days": (10, 20, 40),
    "inscriptions": (1_000, 3_000, 9_000),
}


def scaled(name: str, value: int) -> Size:
    """M with the input ``name`` (a key of SCALING) set to ``value``."""
    base = SIZES["M"]
    label = f"{name}-{value}"
    if name == "days":
        return replace(base, name=label, days=value, plenary_meetings=2 * value)
    if name == "agenda_items":
        return replace(base, name=label, agenda_items=value, pinned=True)
    return replace(base, name=label, **{name: value})


def english_only(work: Path = WORK) -> Path:
    """The shipped 2020 meeting without its translations: the 18 files of issue 20's S, before issue 18 added the
    outputs in five more languages. The registrations file is named by its absolute path."""
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    del data["translations"]
    data["participants"]["registrations"] = str((SHIPPED.parent / data["participants"]["registrations"]).resolve())
    config = work / "S-en" / "meeting.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("# config/wgsom-2020.yaml without translations:, made by benchmarks/generate.py\n"
                      + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
    return config


def config_for(name: str, work: Path = WORK) -> Path:
    return SHIPPED if name == "S" else generate(SIZES[name], work)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write the synthetic benchmark meetings into benchmarks/work/.")
    parser.add_argument("sizes", nargs="*", metavar="SIZE", help="M or L [default: both]")
    args = parser.parse_args(argv)
    unknown = [name for name in args.sizes if name not in SIZES]
    if unknown:
        parser.error(f"unknown size {unknown[0]!r}: choose from {', '.join(SIZES)}")
    for name in args.sizes or list(SIZES):
        print(config_for(name), file=sys.stdout)


if __name__ == "__main__":
    main()
