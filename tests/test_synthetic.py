"""Synthetic registrations: deterministic, varied, and readable by meetplan's own reader."""

from __future__ import annotations

import csv
import io
import unicodedata

from meetplan.config import load
from meetplan.config.participants import read_registrations
from meetplan.model import Attendance, DelegationCategory
from meetplan.synthetic import main, registrations_csv

from conftest import ROOT

CONFIG_2020 = ROOT / "config" / "wgsom-2020.yaml"
NGO = "{name: Global Initiative against Transnational Organized Crime, time_zone: Europe/Zurich}"


def test_same_seed_same_bytes_other_seed_other_bytes() -> None:
    delegations = load(CONFIG_2020).delegations
    assert registrations_csv(delegations, 300, 1) == registrations_csv(delegations, 300, 1)
    assert registrations_csv(delegations, 300, 1) != registrations_csv(delegations, 300, 2)


def test_rows_cover_every_category_both_modes_and_several_scripts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    config = CONFIG_2020.read_text(encoding="utf-8").replace("  permanent_observers: [Sovereign Order of Malta]\n",
                                                              f"  permanent_observers: [Sovereign Order of Malta]\n  ngos: [{NGO}]\n")
    path = tmp_path / "meeting.yaml"
    path.write_text(config.replace("registrations/wgsom-2020-synthetic.csv", "synthetic.csv"), encoding="utf-8")
    (tmp_path / "synthetic.csv").write_bytes(b"")
    from meetplan.config import parse, read_text
    from meetplan.yamlsource import load_yaml

    delegations = parse(load_yaml(read_text(path), str(path)), str(path)).delegations
    data = registrations_csv(delegations, 2000, 11)
    people = read_registrations(data, "synthetic.csv", (), delegations)
    assert len(people) == 2000
    assert {p.delegation.category for p in people} == set(DelegationCategory)
    assert {p.requested for p in people} == set(Attendance)
    assert {p.delegation for p in people} == set(delegations)
    scripts = {unicodedata.name(ch).split()[0] for p in people for ch in p.family_name if ch.isalpha()}
    assert {"LATIN", "CYRILLIC", "ARABIC", "CJK", "HANGUL", "GREEK", "DEVANAGARI", "THAI"} <= scripts
    rows = list(csv.reader(io.StringIO(data.decode())))
    assert all("@" in row[4] and row[4].endswith(".example") for row in rows[1:])


def test_command_line_writes_the_file(tmp_path, capsysbinary) -> None:  # type: ignore[no-untyped-def]
    main([str(CONFIG_2020), "--count", "25", "--seed", "3"])
    assert capsysbinary.readouterr().out == registrations_csv(load(CONFIG_2020).delegations, 25, 3)
