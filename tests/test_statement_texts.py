"""Statements' texts (issue 19): their length read at speakers.words_per_minute against the speaker's time, and
the interpreters' pack in running order."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from click.testing import CliRunner

from meetplan.cli import main
from meetplan.outputs import output

from conftest import ROOT

BRAZIL = '- {delegation: Brazil, language: English, inscribed: "2020-09-07 10:00"}'
CANADA = '- {delegation: Canada, language: English, inscribed: "2020-09-07 10:05"}'


def meeting_with_texts(folder: Path, brazil: str = "brazil.txt", canada: str = "canada.docx") -> Path:
    (folder / "registrations").symlink_to(ROOT / "config" / "registrations")
    text = (ROOT / "config" / "wgsom-2020.yaml").read_text(encoding="utf-8")
    assert BRAZIL in text and CANADA in text
    text = text.replace(BRAZIL, BRAZIL.replace("{delegation: Brazil,", f"{{delegation: Brazil, text: {brazil},"))
    text = text.replace(CANADA, CANADA.replace("{delegation: Canada,", f"{{delegation: Canada, text: {canada},"))
    config = folder / "meeting.yaml"
    config.write_text(text, encoding="utf-8")
    (folder / "brazil.txt").write_text("Mr. Chair, " + "word " * 718 + "\nThank you.", encoding="utf-8")
    statement = docx.Document()
    statement.add_paragraph("Canada thanks the panellists.")
    statement.add_paragraph("We support the work of the Working Group.")
    statement.save(str(folder / "canada.docx"))
    return config


def test_a_text_longer_than_the_time_is_warned_and_the_pack_is_in_running_order(tmp_path: Path) -> None:
    config = meeting_with_texts(tmp_path)
    result = CliRunner().invoke(main, ["build", str(config), "--output", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert ("warning: item 2: the text of Brazil (722 words) takes about 6.6 minutes at 110 words a minute, beyond its "
            "5 minutes") in result.stderr.splitlines()
    assert "Canada" not in " ".join(line for line in result.stderr.splitlines() if "the text of" in line)
    pack = docx.Document(io.BytesIO((tmp_path / "out" / "interpreters-pack.docx").read_bytes()))
    lines = [p.text for p in pack.paragraphs if p.text]
    assert lines[:2] == ["Interpreters’ pack", "Working Group on the Smuggling of Migrants, seventh meeting"]
    assert lines[2:4] == ["1st plenary meeting, item 2: Brazil", "English; expected 11.05 a.m.; 722 words for 5 minutes"]
    assert lines.index("1st plenary meeting, item 2: Canada") > lines.index("1st plenary meeting, item 2: Brazil")
    assert lines[-2:] == ["Canada thanks the panellists.", "We support the work of the Working Group."]
    assert output("interpreters-pack.docx").audience.value == "secretariat"


def test_a_missing_or_unreadable_text_is_one_located_line(tmp_path: Path) -> None:
    config = meeting_with_texts(tmp_path, brazil="nowhere.txt", canada="statement.pdf")
    result = CliRunner().invoke(main, ["check", str(config)])
    assert result.exit_code == 2
    line = next(n for n, text in enumerate(config.read_text(encoding="utf-8").splitlines(), start=1) if "Brazil, text" in text)
    assert result.stderr.splitlines() == [
        f"error: {config}:{line}: text: no such file: nowhere.txt",
        f"error: {config}:{line + 1}: text: statement.pdf: a statement's text is a .txt or .docx file",
        "meetplan: 2 problems; nothing was written.",
    ]
