"""The report's organizational part: the seed report's paragraphs from the 2020 configuration, word for word,
and sentences that adapt to other meetings, singular forms, the record, and configuration problems.

Comparisons with the seed normalize two things, on purpose:
- quotes: meetplan writes the UN's typographic quotes “…” throughout; the seed has straight quotes in para. 5
  and typographic ones in para. 11 (an inconsistency of the source), so both sides compare with straight quotes,
  and a separate test checks that meetplan's own quotes are the typographic ones;
- links: the seed's "[CTOC/COP/WG.7/2020/3](#)" is a text capture in which the PDF's links were lost; meetplan
  links a symbol to the configuration's document_url, so the text is compared with the link markup removed.
"""

from __future__ import annotations

import difflib
import io
import re
import textwrap
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from meetplan.cli import main
from meetplan.config import load
from meetplan.errors import ConfigError, PlanError
from meetplan.model import Delegation, DelegationCategory
from meetplan.render.report import docx_bytes, markdown
from meetplan.report import (
    Heading,
    Panellist,
    Statement,
    _symbol,
    build_report,
    dates_phrase,
    meetings_phrase,
    statements_paragraphs,
)
from meetplan.scheduler import schedule
from meetplan.style import number_in_words

from conftest import ROOT, SEEDS
from projections import ListNumbers

CONFIG_2020 = ROOT / "config" / "wgsom-2020.yaml"
SEED_NUMBERS = [5, 11, *range(18, 35)]
_HEADING = re.compile(r"^(?:[IVX]+|[A-H])\. [A-Z]")
_NUMBERED = re.compile(r"^(\d+)\. ")
_SUB_LINE = re.compile(r"^(?:\d+\.|-\s*\([a-z]\)|\([a-z]\)) ")


def normalize(text: str) -> str:
    """Straight quotes and no link markup (see the module's docstring)."""
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    return text.replace("\u201c", '"').replace("\u201d", '"')


def seed_paragraphs() -> dict[int, str]:
    """The seed report's numbered paragraphs, each whole: lines a page break split are joined again, and a
    sub-paragraph ("1. Organizational matters:", "- (a) ...", "(a) ...") stands on a line of its own."""
    paragraphs: dict[int, list[str]] = {}
    current: list[str] | None = None
    for raw in (SEEDS / "wgsom-2020-report.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue  # a page break inside a paragraph, or the space between two
        numbered = _NUMBERED.match(raw)
        if numbered:
            current = paragraphs.setdefault(int(numbered.group(1)), [])
            current.append(line)
        elif _HEADING.match(raw) or line.startswith("Recommendation "):
            current = None
        elif current is not None:
            if _SUB_LINE.match(line):
                current.append(re.sub(r"^-\s*", "", line))
            else:
                current[-1] += " " + line
    return {number: "\n".join(lines) for number, lines in paragraphs.items()}


def seed_headings() -> list[str]:
    """The seed's chapter and section headings from the Chair's summary on."""
    lines = (SEEDS / "wgsom-2020-report.txt").read_text(encoding="utf-8").splitlines()
    start = lines.index("III. Chair's summary of deliberations")
    return [line for line in lines[start:] if _HEADING.match(line)]


def report_2020():  # type: ignore[no-untyped-def]
    return build_report(schedule(load(CONFIG_2020)))


def paragraphs_from_markdown(data: str) -> list[str]:
    """report.md read back: each numbered paragraph with its sub-paragraphs, escapes and links undone."""
    paragraphs: list[list[str]] = []
    for line in data.splitlines():
        if not line or line.startswith("#"):
            if line.startswith("#"):
                paragraphs.append([])  # a heading closes the paragraph before it
            continue
        text = re.sub(r"\[([^\]]+)\]\(<[^>]*>\)", r"\1", line)
        text = re.sub(r"\\(.)", r"\1", text)
        if re.match(r"^\d+\\\. ", line):  # "18\. ": a report paragraph; "1. ", "   - (a) ", "(a) ": its lines
            paragraphs.append([text])
        elif paragraphs and paragraphs[-1]:
            paragraphs[-1].append(re.sub(r"^\s*-\s+", "", text))
    return ["\n".join(lines) for lines in paragraphs if lines]


def paragraphs_from_docx(data: bytes) -> tuple[list[str], list[str]]:
    """report.docx read back with python-docx: (headings, paragraphs); a numbered paragraph is one whose label
    hangs at 1 cm, its sub-paragraphs those indented further."""
    document = docx.Document(io.BytesIO(data))
    numbers = ListNumbers(document)  # the paragraph numbers are Word's own (w:numPr)
    headings: list[str] = []
    paragraphs: list[list[str]] = []
    for paragraph in document.paragraphs:
        text = (numbers.label(paragraph) + paragraph.text).replace("\t", " ")
        indent = paragraph.paragraph_format.left_indent
        if indent is None:
            if paragraph.runs and paragraph.runs[0].bold:
                headings.append(text)
            continue
        if round(indent.cm, 1) == 1.0:
            paragraphs.append([text])
        else:
            paragraphs[-1].append(text)
    return headings, ["\n".join(lines) for lines in paragraphs]


# --- the seed -------------------------------------------------------------------------------------------------


def test_seed_extraction_finds_whole_paragraphs() -> None:
    """The seed reader joins paragraphs split by a page break and keeps the agenda's lines apart."""
    seed = seed_paragraphs()
    assert seed[30].count("\n") == 0 and "West African States, European Border" in seed[30]
    assert seed[26].splitlines()[1:4] == ["1. Organizational matters:", "(a) Opening of the meeting;", "(b) Adoption of the agenda and organization of work."]


def test_report_paragraphs_equal_the_seed_report() -> None:
    """Paras. 5, 11 and 18 to 34 are the seed report's, word for word and in order."""
    report = report_2020()
    assert [p.number for p in report.paragraphs] == SEED_NUMBERS
    seed = seed_paragraphs()
    for paragraph in report.paragraphs:
        expected, actual = normalize(seed[paragraph.number]), normalize(paragraph.text)
        diff = "\n".join(difflib.ndiff(expected.splitlines(), actual.splitlines()))
        assert actual == expected, f"para. {paragraph.number} differs from the seed:\n{diff}"


def test_report_headings_equal_the_seed_report() -> None:
    """The chapters and sections from "III. Chair's summary of deliberations" on are the seed's."""
    assert [block.text for block in report_2020().blocks if isinstance(block, Heading)] == seed_headings()


def test_report_quotes_titles_with_typographic_quotes() -> None:
    """Para. 5, where the seed has straight quotes, gets the UN's typographic quotes like para. 11."""
    para_5 = report_2020().paragraphs[0]
    assert para_5.text.count("\u201c") == 1 and para_5.text.count("\u201d") == 1 and '"' not in para_5.text


def test_report_markdown_reads_back_as_the_seed_paragraphs() -> None:
    """report.md, its escapes and links undone, carries the seed's paragraphs."""
    seed = seed_paragraphs()
    actual = [normalize(text) for text in paragraphs_from_markdown(markdown(report_2020()))]
    assert actual == [normalize(seed[n]) for n in SEED_NUMBERS]


def test_report_docx_reads_back_as_the_seed_paragraphs() -> None:
    """report.docx read with python-docx carries the seed's paragraphs and headings."""
    headings, paragraphs = paragraphs_from_docx(docx_bytes(report_2020()))
    # The Word report is typeset (issue 17): typographic apostrophes, no-break spaces and hyphens; the seed is plain.
    plain = str.maketrans({"\u2019": "'", "\u00a0": " ", "\u2011": "-"})
    headings, paragraphs = [text.translate(plain) for text in headings], [text.translate(plain) for text in paragraphs]
    seed = seed_paragraphs()
    assert [normalize(text) for text in paragraphs] == [normalize(seed[n]) for n in SEED_NUMBERS]
    assert headings[1:] == seed_headings()  # the first is the report's title


def test_report_links_document_symbols() -> None:
    """Each symbol in paras. 32 and 33 links to the configuration's document_url."""
    links = [span.link for p in report_2020().paragraphs for span in (*p.spans, *(s for line in p.lines for s in line.spans)) if span.link]
    assert links == [
        "https://undocs.org/CTOC/COP/WG.7/2020/INF/1/Rev.1",
        "https://undocs.org/CTOC/COP/WG.7/2020/1",
        "https://undocs.org/CTOC/COP/WG.7/2020/2",
        "https://undocs.org/CTOC/COP/WG.7/2020/3",
    ]


def test_report_build_gives_the_same_bytes_twice(tmp_path: Path) -> None:
    """meetplan build writes report.md and report.docx, and a second build gives the same bytes (tests/cases/ holds
    what they say)."""
    outputs = []
    for run in ("first", "second"):
        result = CliRunner().invoke(main, ["build", str(CONFIG_2020), "--output", str(tmp_path / run)])
        assert result.exit_code == 0, result.output
        outputs.append(((tmp_path / run / "report.md").read_bytes(), (tmp_path / run / "report.docx").read_bytes()))
    assert outputs[0] == outputs[1]


def test_report_is_not_built_without_a_report_section(tmp_path: Path, write_config) -> None:  # type: ignore[no-untyped-def]
    """A configuration without report: builds no report files."""
    path = write_config('days: {first: 2022-10-11, hours: ["10:00-13:00", "15:00-18:00"]}\n', limit=2)
    result = CliRunner().invoke(main, ["build", str(path), "--output", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "out" / "report.md").exists() and not (tmp_path / "out" / "report.docx").exists()


# --- another meeting ----------------------------------------------------------------------------------------------

OTHER_MEETING = """\
meeting:
  body: Working Group on Firearms
  ordinal: 9
  symbol: CTOC/COP/WG.6/2022/1
  venue: Vienna
  time_zone: Europe/Vienna
  issued: 2022-08-01
  plenary_meetings: 5
days:
  first: 2022-10-11
  last: 2022-10-13
  hours: ["10:00-13:00", "15:00-18:00"]
  exceptions:
    2022-10-11: ["15:00-18:00"]
agenda:
  - title: Organizational matters
    sub_items: [Opening of the meeting, Adoption of the agenda and organization of work]
  - title: Use of new technologies in the manufacturing of firearms
  - title: Marking and record-keeping
  - title: Other matters
  - title: Adoption of the report
delegations:
  parties: [Peru, Austria]
  signatories: [Japan]
  organizations: [African Union]
  permanent_observers: [International Committee of the Red Cross, Sovereign Order of Malta]
report:
  instrument: Firearms Protocol
  summary: [4, 9]
  first_paragraph: 12
  chapter: 4
"""


def other_report(tmp_path: Path, extra: str = "", base: str = OTHER_MEETING):  # type: ignore[no-untyped-def]
    path = tmp_path / "other.yaml"
    path.write_text(base + extra, encoding="utf-8")
    return build_report(schedule(load(path)))


def texts(report) -> dict[int, str]:  # type: ignore[no-untyped-def]
    return {p.number: p.text for p in report.paragraphs}


def test_report_adapts_to_another_meeting(tmp_path: Path) -> None:
    """Five meetings over three days, an in-person meeting, no statements, no non-party States, one signatory,
    one organization and two entities with observer offices: every sentence follows the data."""
    report = other_report(tmp_path)
    assert texts(report) == {
        4: "4. At its 1st and 2nd meetings, on 11 and 12 October 2022, the Working Group considered agenda item 2, "
           "entitled \u201cUse of new technologies in the manufacturing of firearms\u201d.",
        9: "9. At its 3rd and 4th meetings, on 12 and 13 October 2022, the Working Group considered agenda item 3, "
           "entitled \u201cMarking and record-keeping\u201d.",
        12: "12. The ninth meeting of the Working Group on Firearms was held in Vienna from 11 to 13 October 2022. "
            "Five meetings were held.",
        13: "13. At its 1st meeting, on 11 October 2022, the Working Group adopted by consensus the following agenda:\n"
            "1. Organizational matters:\n(a) Opening of the meeting;\n(b) Adoption of the agenda and organization of work.\n"
            "2. Use of new technologies in the manufacturing of firearms.\n3. Marking and record-keeping.\n"
            "4. Other matters.\n5. Adoption of the report.",
        14: "14. The following parties to the Firearms Protocol were represented at the meeting: Austria and Peru.",
        15: "15. The following State signatory to the Firearms Protocol was represented by an observer: Japan.",
        16: "16. The following intergovernmental organization was represented by an observer: African Union.",
        17: "17. The following entities maintaining permanent observer offices were represented by observers: "
            "International Committee of the Red Cross and Sovereign Order of Malta.",
        18: "18. The Working Group had before it the annotated provisional agenda (CTOC/COP/WG.6/2022/1).",
        19: "19. On 13 October 2022, the Working Group adopted the present report on its meeting.",
    }
    # Without statements the section is left out and the letters close up.
    assert [b.text for b in report.blocks if isinstance(b, Heading)] == [
        "III. Chair's summary of deliberations", "IV. Organization of the meeting", "A. Opening of the meeting",
        "B. Adoption of the agenda and organization of work", "C. Attendance", "D. Documentation", "V. Adoption of the report",
    ]


def test_report_of_a_body_that_holds_sessions_says_session(tmp_path: Path) -> None:
    """meeting.term: session puts "session" in the fixed headings and sentences, as a Conference's report has them."""
    base = OTHER_MEETING.replace("  ordinal: 9\n", "  ordinal: 9\n  term: session\n")
    assert base != OTHER_MEETING
    report = other_report(tmp_path, base=base)
    headings = [b.text for b in report.blocks if isinstance(b, Heading)]
    assert headings[1:3] == ["IV. Organization of the session", "A. Opening of the session"]
    assert texts(report)[12].startswith("12. The ninth session of the Working Group on Firearms was held in Vienna")
    assert texts(report)[14] == "14. The following parties to the Firearms Protocol were represented at the session: Austria and Peru."
    assert texts(report)[19] == "19. On 13 October 2022, the Working Group adopted the present report on its session."
    assert all("meeting" not in text.replace("meetings", "") for text in texts(report).values() if "session" in text)


def test_report_attendance_singular_forms(tmp_path: Path) -> None:
    """One party, one non-party State, one United Nations entity, one entity with an observer office, one NGO."""
    base = OTHER_MEETING.split("delegations:")[0] + textwrap.dedent("""\
        delegations:
          parties: [Peru]
          non_parties: [China]
          organizations: [United Nations Office on Drugs and Crime]
          permanent_observers: [Sovereign Order of Malta]
          ngos: [{name: Small Arms Survey, time_zone: Europe/Zurich}]
        report:
          instrument: Firearms Protocol
        """)
    paragraphs = list(texts(other_report(tmp_path, base=base)).values())
    assert paragraphs[2:7] == [
        "3. The following party to the Firearms Protocol was represented at the meeting: Peru.",
        "4. The following State that is not a party or signatory to the Firearms Protocol was represented by an observer: China.",
        "5. The following United Nations entity was represented by an observer: United Nations Office on Drugs and Crime.",
        "6. The Sovereign Order of Malta, an entity maintaining a permanent observer office, was represented by an observer.",
        "7. The following non-governmental organization was represented by an observer: Small Arms Survey.",
    ]


def test_report_without_summary_numbers_from_the_first_paragraph(tmp_path: Path) -> None:
    """Without summary: no framing sentences, chapter I, and numbering from 1 unless first_paragraph says."""
    base = OTHER_MEETING.replace("  summary: [4, 9]\n  first_paragraph: 12\n  chapter: 4\n", "")
    report = other_report(tmp_path, base=base)
    assert [p.number for p in report.paragraphs] == list(range(1, 9))
    assert report.blocks[0] == Heading(text="I. Organization of the meeting", level=1)


# --- the record -----------------------------------------------------------------------------------------------


def test_report_uses_the_record_of_a_meeting_that_ran_late(tmp_path: Path) -> None:
    """A 6th meeting added and the last meetings recorded on other dates change para. 12, the title and the
    adoption date."""
    report = other_report(tmp_path, """\
  record:
    held: 6
    dates: {5: 2022-10-14, 6: 2022-10-14}
    considered: {5: [6]}
""")
    assert texts(report)[12].startswith("12. The ninth meeting of the Working Group on Firearms was held in Vienna from 11 to 14 October 2022. Six meetings were held.")
    assert texts(report)[19] == "19. On 14 October 2022, the Working Group adopted the present report on its meeting."
    assert report.title == "Report on the meeting of the Working Group on Firearms held in Vienna from 11 to 14 October 2022"


def test_report_groups_items_the_record_puts_in_the_same_meetings(tmp_path: Path) -> None:
    """Items considered together are framed in one sentence (para. 11's form), so one summary number less."""
    report = other_report(tmp_path, """\
  record:
    considered: {3: [1, 2], 4: [1, 2]}
""", base=OTHER_MEETING.replace("summary: [4, 9]", "summary: [4]"))
    assert texts(report)[4] == (
        "4. At its 1st and 2nd meetings, on 11 and 12 October 2022, the Working Group considered agenda item 2, "
        "entitled \u201cUse of new technologies in the manufacturing of firearms\u201d, and agenda item 3, entitled "
        "\u201cMarking and record-keeping\u201d, and agenda item 4, entitled \u201cOther matters\u201d."
    )


def test_report_summary_numbers_must_match_the_sentences(tmp_path: Path) -> None:
    """One summary number per framing sentence; the error names the sentences the plan gives."""
    with pytest.raises(PlanError) as raised:
        other_report(tmp_path, base=OTHER_MEETING.replace("summary: [4, 9]", "summary: [4, 9, 10]"))
    assert str(raised.value).endswith("report.summary: gives 3 paragraph numbers, but the summary frames 2 sentences (item 2; item 3): one number per sentence")


def test_report_record_of_statements_made_and_not_made() -> None:
    """record.did_not_speak takes an inscribed statement out of para. 23; record.spoke adds one not inscribed."""
    text = CONFIG_2020.read_text(encoding="utf-8").replace(
        "    participants_list: CTOC/COP/WG.7/2020/INF/1/Rev.1\n",
        "    participants_list: CTOC/COP/WG.7/2020/INF/1/Rev.1\n    did_not_speak: {2: [Brazil, Canada]}\n    spoke: {3: [Argentina]}\n",
    )
    path = CONFIG_2020.parent / ".test-record.yaml"  # beside the original, for its relative registrations path
    try:
        path.write_text(text, encoding="utf-8")
        para_23 = texts(build_report(schedule(load(path))))[23]
    finally:
        path.unlink()
    assert para_23 == (
        "23. Under agenda items 2 and 3, statements were made by representatives of the following parties to the "
        "Smuggling of Migrants Protocol: Argentina, Australia, Honduras, Indonesia, Italy, Mexico and Venezuela (Bolivarian Republic of)."
    )


# --- statements ----------------------------------------------------------------------------------------------------


def _delegation(name: str, category: DelegationCategory) -> Delegation:
    return Delegation(name=name, category=category, group=None, time_zone="UTC")


def test_statements_singular_forms(tmp_path: Path) -> None:
    """One panellist, one party, one observer State, two organizations; the Vice-Chair presiding as recorded."""
    path = tmp_path / "statements.yaml"
    path.write_text(OTHER_MEETING + "  record:\n    presiding: {2: \"the Vice-Chair, Ms. Ruiz (Peru)\"}\n    secretariat_statements: [3]\n", encoding="utf-8")
    meeting = load(path)
    assert meeting.report is not None
    paragraphs = statements_paragraphs(
        meeting,
        meeting.report,
        [Panellist(item=2, name="Ms. Ledwaba", state="South Africa")],
        [
            Statement(item=2, delegation=_delegation("Peru", DelegationCategory.PARTY)),
            Statement(item=3, delegation=_delegation("Japan", DelegationCategory.SIGNATORY)),
            Statement(item=3, delegation=_delegation("International Organization for Migration", DelegationCategory.ORGANIZATION)),
            Statement(item=2, delegation=_delegation("African Union", DelegationCategory.ORGANIZATION)),
        ],
    )
    assert paragraphs == [
        "A general introductory statement was made by a representative of the Secretariat under agenda item 3.",
        "Under agenda item 2, with the Vice-Chair, Ms. Ruiz (Peru) presiding, the discussion was led by the following panellist: Ms. Ledwaba (South Africa).",
        "Under agenda item 2, a statement was made by the representative of the following party to the Firearms Protocol: Peru.",
        "The observer for Japan also made a statement.",
        "The Working Group also heard statements by the observers for the African Union and the International Organization for Migration.",
    ]


# --- phrases -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [([1], "1st meeting"), ([2, 1], "1st and 2nd meetings"), ([2, 3, 4], "2nd to 4th meetings"), ([1, 3, 5], "1st, 3rd and 5th meetings")],
)
def test_meetings_phrase(numbers: list[int], expected: str) -> None:
    """Meetings as the report numbers them; three or more in a row as a range."""
    assert meetings_phrase(numbers) == expected


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (["2020-09-08"], "on 8 September 2020"),
        (["2020-09-08", "2020-09-09", "2020-09-08"], "on 8 and 9 September 2020"),
        (["2019-09-11", "2019-09-12", "2019-09-13"], "from 11 to 13 September 2019"),
        (["2012-05-31", "2012-06-01"], "on 31 May and 1 June 2012"),
        (["2022-10-11", "2022-10-12", "2022-10-14"], "on 11, 12 and 14 October 2022"),
        (["2019-12-31", "2020-01-01"], "on 31 December 2019 and 1 January 2020"),
    ],
)
def test_dates_phrase(dates: list[str], expected: str) -> None:
    """Dates in running text, each written as short as the next date allows."""
    import datetime as dt

    assert dates_phrase(dt.date.fromisoformat(d) for d in dates) == expected


def test_number_in_words() -> None:
    """Numbers that open a sentence are spelled out."""
    assert [number_in_words(n) for n in (1, 4, 5, 12, 21, 40)] == ["one", "four", "five", "twelve", "twenty-one", "forty"]


# --- configuration problems --------------------------------------------------------------------------------------


def test_report_section_problems_are_reported_together(tmp_path: Path) -> None:
    """Every wrong value in report: is reported at once, each with its line and field."""
    path = tmp_path / "bad.yaml"
    path.write_text(OTHER_MEETING.split("report:")[0] + textwrap.dedent("""\
        report:
          summary: [4, 9]
          first_paragraph: 3
          document_url: http://undocs.org/
          colour: blue
          record:
            considered: {7: [1]}
            dates: {7: 2022-10-14}
            did_not_speak: {2: [Narnia]}
        """), encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load(path)
    messages = [str(problem).replace(str(path), "FILE") for problem in raised.value.problems]
    assert messages == [
        "FILE:31: report.colour: unknown key; known keys: instrument, short_name, first_paragraph, chapter, summary, summary_heading, symbol, issued, format, opening, documents, document_url, names, record",
        "FILE:34: report.record.dates: 7 meetings held, 5 planned: give the date of the 6th in report.record.dates",
        "FILE:33: report.record.considered.7: there is no agenda item 7 (items: 1 (a), 1 (b), 2, 3, 4, 5)",
        "FILE:35: report.record.did_not_speak.2: 'Narnia' is not among the delegations: section's delegations",
        "FILE:29: report.first_paragraph: 3 does not follow the summary's paragraph 9: the organizational part comes after the summary",
        "FILE:30: report.document_url: must be an https:// address containing {symbol}, such as https://undocs.org/{symbol}, not 'http://undocs.org/'",
        "FILE:28: report.instrument: missing",
    ]


def test_readme_report_example_builds() -> None:
    """The README's report: example, in place of the 2020 configuration's section, gives a report."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = next(block for block in re.findall(r"```yaml\n(.*?)```", readme, re.S) if block.startswith("report:"))
    text = CONFIG_2020.read_text(encoding="utf-8")
    start = text.index("\nreport:\n")
    end = text.find("\n\n", start + 1)
    path = CONFIG_2020.parent / ".test-readme.yaml"  # beside the original, for its relative registrations path
    try:
        path.write_text(text[:start + 1] + example + (text[end:] if end != -1 else ""), encoding="utf-8")
        report = build_report(schedule(load(path)))
    finally:
        path.unlink()
    assert [p.number for p in report.paragraphs] == SEED_NUMBERS
    assert report.paragraphs[2].text.endswith("with a restricted number of participants present in the meeting room and all other participants connected remotely.")


@pytest.mark.parametrize(("symbol", "link"), [
    ("A/HRC/50/1#frag", "https://undocs.org/A/HRC/50/1%23frag"),
    ("A/HRC/50/1?x=1", "https://undocs.org/A/HRC/50/1%3Fx=1"),
    ("A/HRC/50/1%41", "https://undocs.org/A/HRC/50/1%2541"),
    ("E/CN.7/2021/1 Rev", "https://undocs.org/E/CN.7/2021/1%20Rev"),
])  # fmt: skip
def test_report_link_keeps_the_whole_symbol_in_the_path(symbol: str, link: str) -> None:
    """A "#", "?", "%" or space typed in a document symbol stays in the address's path: it starts no fragment,
    query or escape, so the link opens the document the symbol names."""
    settings = load(CONFIG_2020).report
    assert settings is not None
    assert _symbol(symbol, settings).link == link
