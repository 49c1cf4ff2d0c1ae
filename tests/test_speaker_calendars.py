"""speakers/<name>.ics: one calendar per person, every turn in exactly one, no UID or file shared by two people.

The kinds of ../shared/cases/speaker-uid-nonlatin, speaker-same-name and speaker-file-collision, with their
inputs copied here, and a build of 40 speakers in six scripts checked by ics-check all at once.
"""

from __future__ import annotations

import textwrap
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from icscheck import ics_check
from meetplan.cli import main
from meetplan.config import load
from meetplan.errors import MeetplanError
from meetplan.model import Attendance
from meetplan.render.speaker_calendars import render_speaker_calendars
from meetplan.scheduler import schedule
from meetplan.speakers import sized, speakers_list

from conftest import HYBRID_MEETING

MEETING = HYBRID_MEETING

NONLATIN = """\
speakers:
  items:
    2:
      panellists:
        - {name: Иван Петров, title: Head of Department, delegation: Russian Federation, mode: online, language: Russian}
        - {name: Сергей Смирнов, title: Senior Investigator, delegation: Russian Federation, mode: online, language: Russian}
        - {name: 王芳, title: Director, delegation: China, mode: online, language: Chinese}
        - {name: سارة أحمد, title: Counsellor, delegation: Egypt, mode: online, language: Arabic}
"""

SAME_NAME = """\
speakers:
  items:
    2:
      panellists:
        - {name: Li Wei, title: "Director, Ministry of Public Security", delegation: China, mode: online, language: Chinese}
        - {name: Li Wei, title: "Deputy Director, Immigration Authority", delegation: Singapore, mode: online, language: English}
      statements:
        - {delegation: Egypt, on_behalf_of: Group of African States, mode: online, language: Arabic, inscribed: "2026-11-25 09:00"}
        - {delegation: Egypt, mode: online, language: Arabic, inscribed: "2026-11-25 09:05"}
"""

LONG = "Александра Владимировна Константинопольская-"
COLLIDING = (
    "Ana Silva", "ANA SILVA", unicodedata.normalize("NFD", "José Peña"), unicodedata.normalize("NFC", "José Peña"),
    f"{LONG}Благовещенская", f"{LONG}Рождественская", "Ana/Silva", "Ana:Silva",
)  # fmt: skip


def write(tmp_path: Path, speakers: str, name: str = "meeting") -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(MEETING + textwrap.dedent(speakers), encoding="utf-8")
    return path


def calendars(path: Path, previous: dict[str, bytes] | None = None) -> dict[str, bytes]:
    speakers = speakers_list(schedule(sized(load(path))))
    found = previous or {}
    return {a.name: a.data for a in render_speaker_calendars(speakers, found.get)}


def events(data: bytes) -> list:  # type: ignore[type-arg]
    return Calendar.from_ical(data).walk("VEVENT")


def fold(name: str) -> str:
    """A file name as macOS and Windows compare them: case and Unicode normalization ignored."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())


def check_all(tmp_path: Path, found: dict[str, bytes]) -> None:
    """ics-check on every calendar of the build at once: each valid, and no UID in two files."""
    folder = tmp_path / "checked"
    folder.mkdir()
    paths = []
    for name, data in found.items():
        path = folder / Path(name).name
        path.write_bytes(data)
        paths.append(path)
    ics_check(*paths)


def test_speaker_calendars_nonlatin_names_have_distinct_stable_uids(tmp_path: Path) -> None:
    """Four panellists named in Cyrillic, Chinese and Arabic: four files, four UIDs, the same in every build."""
    found = calendars(write(tmp_path, NONLATIN))
    assert sorted(found) == ["speakers/Иван Петров.ics", "speakers/Сергей Смирнов.ics", "speakers/سارة أحمد.ics", "speakers/王芳.ics"]
    uids = {name: [str(event["UID"]) for event in events(data)] for name, data in found.items()}
    assert uids == {
        "speakers/Иван Петров.ics": ["TST-WG.1-2026-1-item-2-speaker-argy7ipl@meetplan"],
        "speakers/Сергей Смирнов.ics": ["TST-WG.1-2026-1-item-2-speaker-4qcj7kwv@meetplan"],
        "speakers/王芳.ics": ["TST-WG.1-2026-1-item-2-speaker-axdrvroc@meetplan"],
        "speakers/سارة أحمد.ics": ["TST-WG.1-2026-1-item-2-speaker-vods2w7l@meetplan"],
    }
    assert calendars(write(tmp_path, NONLATIN)) == found
    check_all(tmp_path, found)


def test_speaker_calendars_uid_does_not_depend_on_the_order_of_the_list(tmp_path: Path) -> None:
    """Listing the panellists in another order moves their times, never their UIDs."""
    lines = NONLATIN.splitlines()
    reordered = "\n".join([*lines[:4], *reversed(lines[4:])]) + "\n"
    before, after = calendars(write(tmp_path, NONLATIN)), calendars(write(tmp_path, reordered, "reordered"))
    assert {name: [str(e["UID"]) for e in events(data)] for name, data in after.items()} == {
        name: [str(e["UID"]) for e in events(data)] for name, data in before.items()
    }
    assert [events(after[name])[0].decoded("DTSTART") for name in sorted(after)] != [
        events(before[name])[0].decoded("DTSTART") for name in sorted(before)
    ]
    check_all(tmp_path, after)


def test_speaker_calendars_same_name_two_people_and_a_delegation_with_two_turns(tmp_path: Path) -> None:
    """Li Wei of China and Li Wei of Singapore get a file each; Egypt's group and national statements are both in Egypt.ics."""
    found = calendars(write(tmp_path, SAME_NAME))  # item 2 after the opening and the agenda, 10 minutes each
    assert sorted(found) == ["speakers/Egypt.ics", "speakers/Li Wei (China).ics", "speakers/Li Wei (Singapore).ics"]
    summary = {
        name: [(str(e["UID"]), e.decoded("DTSTART").strftime("%H:%M"), str(e["SUMMARY"])) for e in events(data)]
        for name, data in found.items()
    }
    assert summary == {
        "speakers/Li Wei (China).ics": [
            ("TST-WG.1-2026-1-item-2-speaker-Li-Wei-axfcjrjy@meetplan", "10:20",
             "Panel presentation under agenda item 2 \u2014 Working Group on Testing"),
        ],
        "speakers/Li Wei (Singapore).ics": [
            ("TST-WG.1-2026-1-item-2-speaker-Li-Wei-gnhpa2fk@meetplan", "10:25",
             "Panel presentation under agenda item 2 \u2014 Working Group on Testing"),
        ],
        "speakers/Egypt.ics": [
            ("TST-WG.1-2026-1-item-2-speaker-Egypt-eq3xukz7@meetplan", "10:30",
             "Statement by Egypt under agenda item 2 \u2014 Working Group on Testing"),
            ("TST-WG.1-2026-1-item-2-speaker-Egypt-qzxewvj5@meetplan", "10:37",
             "Statement by Egypt under agenda item 2 \u2014 Working Group on Testing"),
        ],
    }  # fmt: skip
    check_all(tmp_path, found)


def test_speaker_calendars_equal_inscriptions_get_one_uid_each(tmp_path: Path) -> None:
    """The same person inscribed twice as a panellist under one item: one file, two events, two UIDs."""
    text = """\
        speakers:
          items:
            2:
              panellists:
                - {name: Li Wei, delegation: China, mode: online}
                - {name: Li Wei, delegation: China, mode: online}
        """
    found = calendars(write(tmp_path, text))
    assert {name: [str(e["UID"]) for e in events(data)] for name, data in found.items()} == {
        "speakers/Li Wei.ics": [
            "TST-WG.1-2026-1-item-2-speaker-Li-Wei-axfcjrjy@meetplan",
            "TST-WG.1-2026-1-item-2-speaker-Li-Wei-axfcjrjy-2@meetplan",
        ],
    }
    check_all(tmp_path, found)


def test_speaker_calendars_names_equal_once_folded_get_a_file_each(tmp_path: Path) -> None:
    """Case, NFC and NFD, unsafe characters and truncation: eight panellists, eight files distinct on every file system."""
    panellists = "".join(f"        - {{name: \"{name}\", delegation: Italy, mode: online}}\n" for name in COLLIDING)
    found = calendars(write(tmp_path, f"speakers:\n  items:\n    2:\n      panellists:\n{panellists}"))
    assert sorted(found) == sorted([
        "speakers/Ana Silva (Italy) bfp6pe.ics",
        "speakers/ANA SILVA (Italy) bwcvsx.ics",
        "speakers/José Peña (Italy) n7beea.ics",
        "speakers/José Peña (Italy) oyhjes.ics",
        "speakers/Александра Владимировна Константинопо icpmdo.ics",
        "speakers/Александра Владимировна Константинопо sttcr3.ics",
        "speakers/Ana-Silva (Italy) uxxqub.ics",
        "speakers/Ana-Silva (Italy) viekz3.ics",
    ])
    assert len({fold(name) for name in found}) == len(COLLIDING)
    speakers = sorted(str(e["DESCRIPTION"]).split("Speaker: ")[1].split("\n")[0] for data in found.values() for e in events(data))
    assert speakers == sorted(COLLIDING)
    check_all(tmp_path, found)


SCRIPTS = {
    "Latin": [("Amanda Ledwaba", "South Africa"), ("José Peña", "Mexico"), ("Zoë O'Brien", "Ireland"),
              ("Jean Tremblay", "Canada"), ("Simona Ragazzi", "Italy"), ("Tomás Guayasamín", "Ecuador"),
              ("Li Wei", "China"), ("Li Wei", "Singapore"), ("Mohamed Ali", "Tunisia"), ("Ana Silva", "Portugal")],
    "Cyrillic": [("Иван Петров", "Russian Federation"), ("Сергей Смирнов", "Russian Federation"),
                 ("Ольга Иванова", "Belarus"), ("Алексей Кузнецов", "Kazakhstan"), ("Наталья Попова", "Kyrgyzstan"),
                 ("Дмитрий Соколов", "Russian Federation")],
    "Han": [("王芳", "China"), ("李伟", "China"), ("张伟", "China"), ("刘洋", "China"), ("陈静", "China"), ("杨磊", "China")],
    "Arabic": [("سارة أحمد", "Egypt"), ("محمد علي", "Jordan"), ("فاطمة حسن", "Morocco"), ("أحمد محمود", "Egypt"),
               ("ليلى خالد", "Lebanon"), ("يوسف إبراهيم", "Saudi Arabia")],
    "Greek": [("Γιώργος Παπαδόπουλος", "Greece"), ("Μαρία Κωνσταντίνου", "Cyprus"), ("Νίκος Γεωργίου", "Greece"),
              ("Ελένη Δημητρίου", "Greece"), ("Κώστας Αλεξίου", "Cyprus"), ("Άννα Νικολάου", "Greece")],
    "Devanagari": [("राहुल शर्मा", "India"), ("प्रिया पटेल", "India"), ("अमित कुमार", "India"), ("सुनीता सिंह", "Nepal"),
                   ("विकास गुप्ता", "India"), ("अनीता वर्मा", "Nepal")],
}  # fmt: skip


def forty_speakers() -> str:
    """40 panellists in six scripts over items 2 to 4 (two of them called Li Wei), and Egypt speaking twice under item 3."""
    people = [person for names in SCRIPTS.values() for person in names]
    assert len(people) == 40
    text = "speakers:\n  limits: {panellists: 3}\n  items:\n"
    for index, label in enumerate(("2", "3", "4")):
        text += f"    {label}:\n      panellists:\n"
        text += "".join(f'        - {{name: "{name}", delegation: {delegation}, mode: online}}\n'
                        for name, delegation in people[index::3])
        if label == "3":
            text += ("      statements:\n"
                     "        - {delegation: Egypt, on_behalf_of: Group of African States, mode: online}\n"
                     "        - {delegation: Egypt, mode: online}\n")
    return text


def test_speaker_calendars_forty_speakers_in_six_scripts(tmp_path: Path) -> None:
    """Every panellist's and remote speaker's turn is in exactly one calendar; no file and no UID is shared."""
    path = write(tmp_path, forty_speakers())
    speakers = speakers_list(schedule(sized(load(path))))
    turns = [t for entry in speakers.items for t in entry.turns if t.inscription.panellist or t.inscription.mode is Attendance.ONLINE]
    found = calendars(path)
    assert len(turns) == 42
    assert len(found) == 41  # 40 people and Egypt
    assert len({fold(name) for name in found}) == 41
    uids = [str(e["UID"]) for data in found.values() for e in events(data)]
    assert len(uids) == len(set(uids)) == 42
    assert [len(events(data)) for name, data in sorted(found.items()) if name == "speakers/Egypt.ics"] == [2]
    assert {"speakers/Li Wei (China).ics", "speakers/Li Wei (Singapore).ics", "speakers/王芳.ics", "speakers/राहुल शर्मा.ics",
            "speakers/Γιώργος Παπαδόπουλος.ics", "speakers/Amanda Ledwaba.ics"} <= set(found)
    assert calendars(path) == found


def test_speaker_calendars_a_build_writes_them_all(tmp_path: Path) -> None:
    """`meetplan build` of the 40 speakers writes 41 calendars, which ics-check accepts all at once (no UID shared)."""
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(write(tmp_path, forty_speakers())), "--output", str(out)])
    assert result.exit_code == 0, result.output
    files = sorted((out / "speakers").iterdir())
    assert len(files) == 41
    found = ics_check(*files)
    assert [len(events) for events in found.values()] == [42, 42, 42]


# --- the previous issue --------------------------------------------------------------------------------------------


def test_speaker_calendars_a_dropped_turn_is_cancelled_in_the_file(tmp_path: Path) -> None:
    """Egypt withdraws its national statement: Egypt.ics sends it again cancelled, with its time and SEQUENCE 1
    (the group statement changed too: it is now 3rd of 3)."""
    first = calendars(write(tmp_path, SAME_NAME))
    withdrawn = SAME_NAME.replace('        - {delegation: Egypt, mode: online, language: Arabic, inscribed: "2026-11-25 09:05"}\n', "")
    second = calendars(write(tmp_path, withdrawn, "withdrawn"), first)
    assert [(str(e["UID"]), int(e["SEQUENCE"]), str(e["STATUS"]), e.decoded("DTSTART").strftime("%H:%M"), str(e["SUMMARY"]))
            for e in events(second["speakers/Egypt.ics"])] == [
        ("TST-WG.1-2026-1-item-2-speaker-Egypt-eq3xukz7@meetplan", 1, "CONFIRMED", "10:30",
         "Statement by Egypt under agenda item 2 \u2014 Working Group on Testing"),
        ("TST-WG.1-2026-1-item-2-speaker-Egypt-qzxewvj5@meetplan", 1, "CANCELLED", "10:37",
         "Cancelled: Statement by Egypt under agenda item 2 \u2014 Working Group on Testing"),
    ]  # fmt: skip
    check_all(tmp_path, second)
    assert calendars(write(tmp_path, withdrawn, "withdrawn"), second) == second


def test_speaker_calendars_an_earlier_uid_of_the_person_is_cancelled(tmp_path: Path) -> None:
    """A previous issue that gave the turn another UID (meetplan before the hash): that event is cancelled, the new one sent."""
    path = write(tmp_path, SAME_NAME)
    first = calendars(path)
    old = first["speakers/Egypt.ics"].replace(b"-speaker-Egypt-eq3xukz7@meetplan", b"-speaker-Egypt@meetplan")
    second = calendars(path, {"speakers/Egypt.ics": old})
    assert [(str(e["UID"]), int(e["SEQUENCE"]), str(e["STATUS"])) for e in events(second["speakers/Egypt.ics"])] == [
        ("TST-WG.1-2026-1-item-2-speaker-Egypt-eq3xukz7@meetplan", 0, "CONFIRMED"),
        ("TST-WG.1-2026-1-item-2-speaker-Egypt-qzxewvj5@meetplan", 0, "CONFIRMED"),
        ("TST-WG.1-2026-1-item-2-speaker-Egypt@meetplan", 1, "CANCELLED"),
    ]
    check_all(tmp_path, second)


@pytest.mark.parametrize("value", ["2147483648", "99999999999999999999", "-3", "\u0663", "1_000", "+1", "1.0"])
def test_speaker_calendars_previous_sequence_outside_rfc_5545_is_refused(tmp_path: Path, value: str) -> None:
    """SEQUENCE is ASCII digits from 0 to 2147483647: anything else (Python's int() would take some) is refused."""
    path = write(tmp_path, NONLATIN)
    name = "speakers/王芳.ics"
    previous = calendars(path)[name].replace(b"SEQUENCE:0", f"SEQUENCE:{value}".encode())
    with pytest.raises(MeetplanError) as caught:
        calendars(path, {name: previous})
    uid = "TST-WG.1-2026-1-item-2-speaker-axdrvroc@meetplan"
    assert [str(p) for p in caught.value.problems] == [
        f"{name}: the previous issue of the calendar cannot be read (event {uid}: SEQUENCE {value!r} is not a whole "
        "number from 0 to 2147483647); without it the events cannot be updated in place: restore it, or move it away "
        "to start a new series of events"
    ]


def test_speaker_calendars_sequence_at_the_limit_cannot_be_raised(tmp_path: Path) -> None:
    """At 2147483647 an unchanged event keeps its SEQUENCE; a changed one is refused with its file and UID."""
    path = write(tmp_path, NONLATIN)
    name = "speakers/王芳.ics"
    previous = calendars(path)[name].replace(b"SEQUENCE:0", b"SEQUENCE:2147483647")
    unchanged = calendars(path, {name: previous})
    assert [int(e["SEQUENCE"]) for e in events(unchanged[name])] == [2147483647]
    check_all(tmp_path, unchanged)
    moved = write(tmp_path, NONLATIN.replace("        - {name: 王芳", "        - {name: Ana Expert, delegation: Brazil}\n        - {name: 王芳"), "moved")
    with pytest.raises(MeetplanError) as caught:
        calendars(moved, {name: previous})
    assert [str(p) for p in caught.value.problems] == [
        f"{name}: event TST-WG.1-2026-1-item-2-speaker-axdrvroc@meetplan: SEQUENCE 2147483647 cannot be raised; start a new series"
    ]


def test_speaker_calendars_long_names_keep_uid_on_one_line(tmp_path: Path) -> None:
    """Two long Latin names alike for 60 letters: their UIDs differ within one unfolded line, which tools that
    read lines without unfolding them (grep, awk, ics-check's check across files) see whole."""
    long = "Alexandra Vladimirovna Konstantinopolskaya-Montgomery-Smythe-"
    text = (f'speakers:\n  items:\n    2:\n      panellists:\n        - {{name: "{long}Blagoveshchenskaya", delegation: Italy}}\n'
            f'        - {{name: "{long}Rozhdestvenskaya", delegation: Italy}}\n')
    found = calendars(write(tmp_path, text))
    lines = [line for data in found.values() for line in data.split(b"\r\n") if line.startswith(b"UID:")]
    assert [len(line) <= 74 for line in lines] == [True, True]
    assert len(set(lines)) == 2
    check_all(tmp_path, found)
