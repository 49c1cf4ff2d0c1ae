"""Documents printed as a person prints them (issue 17): LibreOffice turns each workbook into a PDF, which is
measured with poppler (pdfinfo, pdftotext) and pdfplumber (each character's size and position)."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pdfplumber
import pytest
from click.testing import CliRunner

from meetplan.cli import main
from meetplan.render.xlsx import SMALLEST_PRINT, content_widths, print_size, wrapped_lines
from test_programs import docx_to_pdf, pdf_text

from conftest import ROOT, require_program

WORKBOOKS = ("participants.xlsx", "speakers.xlsx")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wgsom-2020-print")
    result = CliRunner().invoke(main, ["build", str(ROOT / "config" / "wgsom-2020.yaml"), "--output", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="module")
def printed(built: Path) -> dict[str, Path]:
    """Each workbook printed to PDF by LibreOffice."""
    return {name: docx_to_pdf(built / name) for name in WORKBOOKS}


def printed_headings(data: bytes) -> dict[str, list[str]]:
    """Each sheet's headings inside its print area (all of them when it has none)."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    result = {}
    for sheet in book.worksheets:
        headings = [cell.value for cell in sheet[1] if cell.value is not None]
        area = sheet.print_area
        if area:
            last = re.search(r"\$([A-Z]+)(?:\$\d+)?$", area if isinstance(area, str) else area[0])
            assert last, area
            headings = headings[: openpyxl.utils.column_index_from_string(last.group(1))]
        result[sheet.title] = headings
    return result


@pytest.fixture(scope="module")
def measured(printed: dict[str, Path]) -> dict[str, list[tuple[set[float], list[dict[str, Any]], str]]]:
    """Each page of each printed workbook: its characters' sizes, its words' boxes and its text (pdftotext)."""
    result = {}
    for name, pdf in printed.items():
        texts = pdf_text(pdf).split("\f")
        with pdfplumber.open(pdf) as document:
            result[name] = [({round(char["size"], 1) for char in page.chars}, page.extract_words(use_text_flow=False), text)
                            for page, text in zip(document.pages, texts, strict=False)]
    return result


@pytest.mark.programs
@pytest.mark.parametrize("name", WORKBOOKS)
def test_workbook_prints_on_a4_landscape(printed: dict[str, Path], name: str) -> None:
    info = subprocess.run([require_program("pdfinfo"), str(printed[name])], check=True, capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)", info), info


@pytest.mark.programs
@pytest.mark.parametrize("name", WORKBOOKS)
def test_workbook_prints_no_text_below_8_pt(measured: dict[str, Any], name: str) -> None:
    sizes = {size for page_sizes, _, _ in measured[name] for size in page_sizes}
    assert min(sizes) >= SMALLEST_PRINT, sorted(sizes)


@pytest.mark.programs
@pytest.mark.parametrize("name", WORKBOOKS)
def test_every_printed_page_carries_all_its_columns_the_header_and_the_page_number(
        built: Path, measured: dict[str, Any], name: str) -> None:
    """A column split onto a page of its own would leave a page without the first or the last heading; every page
    names the meeting and its sheet at the top and says "Page n of m" at the foot."""
    headings = printed_headings((built / name).read_bytes())
    seen = set()
    document = measured[name]
    for number, (_, _, text) in enumerate(document, start=1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert "Working Group on the Smuggling of Migrants, 7th meeting" in lines[0], lines[0]
        sheet = next(title for title in headings if lines[0].endswith(title))
        seen.add(sheet)
        assert lines[-1] == f"Page {number} of {len(document)}", lines[-1]
        flat = " ".join(text.split())
        first, last = headings[sheet][0].split()[0], headings[sheet][-1].split()[0]
        assert first in flat and last in flat, (sheet, number, first, last)
    assert seen == set(headings)


@pytest.mark.programs
@pytest.mark.parametrize("name", WORKBOOKS)
def test_no_two_words_overlap_on_a_printed_page(measured: dict[str, Any], name: str) -> None:
    """Wrapped headings drawn over the first row, or a wrapped cell over the next, would overlap."""
    for number, (_, words, _) in enumerate(measured[name], start=1):
        boxes = sorted((w["x0"], w["x1"], w["top"], w["bottom"], w["text"]) for w in words)
        for index, (_, x1, top, bottom, text) in enumerate(boxes):
            for other in boxes[index + 1:]:
                if other[0] >= x1 - 0.5:
                    break
                assert not (other[2] < bottom - 0.5 and top < other[3] - 0.5), (number, text, other[4])


@pytest.mark.programs
def test_printed_groups_and_minutes_read_in_full(printed: dict[str, Path]) -> None:
    """ "States" is not cut from a regional group; a whole number of minutes has no trailing full stop."""
    participants = " ".join(pdf_text(printed["participants.xlsx"]).split())
    assert all(phrase in participants for phrase in ("Caribbean States", "other States", "European States", "African States"))
    speakers = pdf_text(printed["speakers.xlsx"])
    assert "270" in speakers and not re.search(r"\b\d+\.(?!\d)", speakers)


def test_sheet_widths_print_at_8_pt_at_the_widest() -> None:
    """The columns' caps are what a sheet can reach: at the widest it still prints at 8 pt or more."""
    from meetplan.render import participants_xlsx as p
    from meetplan.render import speakers_xlsx as s

    for widths in (p.PERSON_WIDTHS, (*p.PERSON_WIDTHS, p.REASON_WIDTH), p.LOCAL_WIDTHS, s.ITEM_WIDTHS, s.OVERVIEW_WIDTHS):
        assert print_size(widths) >= SMALLEST_PRINT, widths


def test_content_widths_and_wrapped_lines() -> None:
    assert content_widths(("No.", "Regional group"), [[1, "Asia-Pacific States"], [12, None]], (6, 24)) == [4.3, 20]
    assert content_widths(("Group",), [["Latin American and Caribbean States"]], (24,)) == [24]
    assert [wrapped_lines(text, 24) for text in ("Asia-Pacific States", "Latin American and Caribbean States")] == [1, 2]
    assert wrapped_lines("Speakers who do not fit", 11, bold=True) == 3


# --- the running order, read at the podium ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def running_order_pages(built: Path) -> list[tuple[set[float], str]]:
    pdf = docx_to_pdf(built / "running-order.docx")
    texts = pdf_text(pdf).split("\f")
    with pdfplumber.open(pdf) as document:
        return [({round(char["size"], 1) for char in page.chars}, text) for page, text in zip(document.pages, texts, strict=False)]


@pytest.mark.programs
def test_running_order_prints_each_plenary_meeting_on_pages_of_its_own(running_order_pages: list[tuple[set[float], str]]) -> None:
    """Each plenary meeting starts a page, right under the header, and no page holds two."""
    starts = []
    for number, (_, text) in enumerate(running_order_pages, start=1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        headings = [line for line in lines if re.match(r"\d+(st|nd|rd|th) plenary meeting —", line)]
        assert len(headings) <= 1, (number, headings)
        if headings:
            starts.append(number)
            assert lines[0] == "For internal use", lines[0]
            assert lines.index(headings[0]) in (1, 3), lines[:4]  # under the header (and the title, on page 1)
    assert len(starts) == 4 and starts[0] == 1, starts


@pytest.mark.programs
def test_running_order_prints_at_12_pt_or_more(running_order_pages: list[tuple[set[float], str]]) -> None:
    sizes = {size for page_sizes, _ in running_order_pages for size in page_sizes}
    assert min(sizes) >= 12, sorted(sizes)


@pytest.mark.parametrize(("minutes", "first"), [(None, "10:20"), (5, "10:10"), (45, "11:30")])
def test_opening_minutes_give_the_first_speaker_a_real_time(minutes: int | None, first: str) -> None:
    """The opening and the adoption of the agenda get speakers.opening_minutes each (10 by default), so item 2's
    first panellist is called after them, not at the minute the Chair opens the meeting."""
    from fractions import Fraction

    from msgspec.structs import replace

    from meetplan.config import load
    from meetplan.plan import plan

    meeting = load(ROOT / "config" / "wgsom-2020.yaml")
    assert meeting.speakers is not None
    if minutes is not None:
        meeting = replace(meeting, speakers=replace(meeting.speakers, opening_minutes=Fraction(minutes)))
    speakers = plan(meeting).speakers
    assert speakers is not None
    entries = {entry.item.label: entry for entry in speakers.items}
    opening = 10 if minutes is None else minutes
    assert [entries[label].windows[0].minutes for label in ("1 (a)", "1 (b)")] == [opening, opening]
    assert entries["2"].windows[0].minutes == 180 - 2 * opening
    start = entries["2"].turns[0].start
    assert start is not None and start.strftime("%H:%M") == first


# --- the list of participants ------------------------------------------------------------------------------------------


def test_list_of_participants_by_rank_with_salutations_attending_only_and_marked_synthetic() -> None:
    """The shipped list: the waiting list left out, each delegation headed by its highest rank, the synthetic mark."""
    from meetplan.model import Placement
    from meetplan.plan import plan
    from meetplan.render.list_of_participants import SYNTHETIC, entry, rank, render_markdown

    planned = plan(ROOT / "config" / "wgsom-2020.yaml")
    assert planned.seats is not None
    text = render_markdown(planned.schedule.meeting, planned.seats).data.decode()
    assert text.splitlines()[4] == f"**{SYNTHETIC}**"
    waiting = planned.seats.placed(Placement.WAITING)
    assert waiting and not any(f"- {entry(seat.participant)}\n" in text for seat in waiting)
    afghanistan = text.split("### Afghanistan\n\n")[1].split("\n\n")[0].splitlines()
    assert [rank(line.split(", ", 1)[1]) for line in afghanistan] == sorted(rank(line.split(", ", 1)[1]) for line in afghanistan)
    assert afghanistan[0].endswith("Ambassador, Permanent Representative")


@pytest.mark.parametrize(("title", "expected"), [
    ("Head of delegation, Director", 0), ("Minister of Justice", 1), ("Deputy Minister of the Interior", 2),
    ("Ambassador, Permanent Representative", 3), ("Deputy Permanent Representative", 4), ("Minister Counsellor", 5),
    ("Counsellor", 6), ("First Secretary", 7), ("Second Secretary", 8), ("Third Secretary", 9), ("Attaché", 10),
    ("Legal Adviser, Ministry of Foreign Affairs", 11), (None, 11),
])  # fmt: skip
def test_rank_from_the_function(title: str | None, expected: int) -> None:
    from meetplan.render.list_of_participants import rank

    assert rank(title) == expected


def test_entry_carries_the_salutation() -> None:
    from meetplan.model import Attendance, Delegation, DelegationCategory, Participant
    from meetplan.render.list_of_participants import entry

    delegation = Delegation(name="Chile", category=DelegationCategory.PARTY, group=None, time_zone="America/Santiago")
    person = Participant(given_name="Ana", family_name="García", title="First Secretary", delegation=delegation, email=None,
                         requested=Attendance.IN_PERSON, row=2, salutation="Ms.")
    assert entry(person) == "Ms. Ana García, First Secretary"


# --- the UN masthead ---------------------------------------------------------------------------------------------------


@pytest.mark.programs
@pytest.mark.parametrize("name", ["report.docx", "list-of-participants.docx"])
def test_masthead_lines_are_printed_on_the_first_page(built: Path, name: str) -> None:
    first_page = pdf_text(docx_to_pdf(built / name)).split("\f")[0]
    flat = " ".join(first_page.split())
    for line in ("United Nations", "Distr.: General", "Original: English", "Conference of the Parties"):
        assert line in flat, (name, line)
    if name == "list-of-participants.docx":
        # One symbol for the list across the build: the one the report cites.
        assert "CTOC/COP/WG.7/2020/INF/1/Rev.1" in flat.replace("/ ", "/")
        assert all(line in flat for line in ("Working Group on the Smuggling of Migrants", "Seventh meeting", "Vienna, 8 and 9 September 2020"))
        assert "8 September 2020" in flat  # issued on the first day
    else:
        assert "23 September 2020" in flat
        assert flat.count("CTOC/COP/WG.7/2020/4") == 1  # the masthead's symbol; the page header starts on page 2
    second_page = pdf_text(docx_to_pdf(built / name)).split("\f")[1]
    assert second_page.split()[0].startswith("CTOC/COP/WG.7/2020/") or second_page.split()[0] == "SYNTHETIC"


@pytest.mark.programs
def test_report_paragraphs_are_numbered_by_word_as_the_seed_numbers_them(built: Path) -> None:
    """report.docx numbers its paragraphs with Word's own numbering (a paragraph added in Word renumbers those
    after it), in runs that start where the report's numbers jump: 5, 11, then 18 onwards; LibreOffice prints them."""
    printed = pdf_text(docx_to_pdf(built / "report.docx"))
    numbers = [int(n) for n in re.findall(r"^(\d+)\.\s{2,}\S", printed, re.MULTILINE)]
    assert numbers == [5, 11, *range(18, 35)]
    with zipfile.ZipFile(built / "report.docx") as package:
        body = package.read("word/document.xml").decode()
    assert body.count("<w:numPr>") == len(numbers)
    assert not re.search(r"<w:t[^>]*>\d+\.\t", body)  # no number typed by hand


@pytest.mark.programs
def test_annex_issued_as_a_document_has_the_masthead(tmp_path: Path) -> None:
    """meeting.annex_masthead: annex.docx under the UN masthead, the symbol once on the first page."""
    config = tmp_path / "meeting.yaml"
    text = (ROOT / "config" / "wgsom-2020.yaml").read_text(encoding="utf-8")
    config.write_text(text.replace("  revision: 0\n", "  revision: 0\n  annex_masthead: true\n"), encoding="utf-8")
    (tmp_path / "registrations").symlink_to(ROOT / "config" / "registrations")
    annex = tmp_path / "annex.docx"
    result = CliRunner().invoke(main, ["annex", str(config), "--format", "docx", "--output", str(annex)])
    assert result.exit_code == 0, result.output
    flat = " ".join(pdf_text(docx_to_pdf(annex)).split("\f")[0].split())
    for line in ("United Nations", "Distr.: General", "4 June 2020", "Original: English", "Seventh meeting",
                 "Vienna, 8 and 9 September 2020", "Proposed organization of work"):
        assert line in flat, line
    assert flat.count("CTOC/COP/WG.7/2020/1") == 1


# --- typography of the Word report ------------------------------------------------------------------------------------


def test_report_docx_is_uk_english_with_typographic_apostrophes_and_unbroken_dates() -> None:
    import zipfile

    from meetplan.plan import plan
    from meetplan.render.report import docx_bytes

    planned = plan(ROOT / "config" / "wgsom-2020.yaml")
    assert planned.report is not None
    data = docx_bytes(planned.report, planned.schedule.meeting)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        styles, body = archive.read("word/styles.xml").decode(), archive.read("word/document.xml").decode()
    assert '<w:lang w:val="en-GB"/>' in styles
    assert "Chair\u2019s" in body and "Chair's" not in body
    assert "8 and 9\u00a0September\u00a02020" in body and "COVID\u201119" in body


def test_annex_docx_rows_start_level_and_day_headings_stay_with_their_first_meeting() -> None:
    import docx

    from meetplan.plan import plan
    from meetplan.render.annex_docx import render_docx

    planned = plan(ROOT / "config" / "wgsom-2020.yaml")
    table = docx.Document(io.BytesIO(render_docx(planned.schedule).data)).tables[0]
    days = 0
    for row in table.rows[1:]:
        layouts = [cell.paragraphs[0].paragraph_format for cell in row.cells]
        assert len({layout.space_before for layout in layouts}) == 1, [cell.text for cell in row.cells]
        day = row.cells[0].text.startswith(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"))
        days += day
        assert all(bool(layout.keep_with_next) == day for layout in layouts), [cell.text for cell in row.cells]
    assert days == 2
