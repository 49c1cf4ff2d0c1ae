"""meetplan's workbook writer (render/xlsx.py): typed cells, text that stays text, and a package readers open."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from meetplan.config import load
from meetplan.render.xlsx import BOLD, Cell, Style, Workbook

from conftest import ROOT


def meeting():  # type: ignore[no-untyped-def]
    return load(ROOT / "config" / "wgsom-2020.yaml")


def written(*rows: list[object]) -> openpyxl.Workbook:
    book = Workbook(meeting(), "A title & more")
    sheet = book.add_sheet("Sheet 'one'", ("A", "B", "C", "D"), (10, 20, 30, 40), filter_rows=len(rows))
    for row in rows:
        sheet.append(row)
    return openpyxl.load_workbook(io.BytesIO(book.close()))


def test_cells_read_back_with_their_types_and_formats() -> None:
    """Numbers, booleans, datetimes, dates and times read back as they went in, with their number formats."""
    when = dt.datetime(2020, 9, 8, 10, 30)
    sheet = written([1, 2.5, True, when], [when.date(), when.time(), Cell(7.25, Style(number_format="0.##")), None]).active
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=2)] == [[1, 2.5, True, when], [dt.datetime(2020, 9, 8), when.time(), 7.25, None]]
    assert [c.number_format for c in sheet[3][:3]] == ["yyyy-mm-dd", "hh:mm", "0.##"]
    assert (sheet["D2"].number_format, sheet["D2"].is_date) == ("yyyy-mm-dd hh:mm", True)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@x", "#N/A", "#REF!", "=", '=HYPERLINK("http://x","y")'])
def test_text_that_looks_like_a_formula_or_an_error_is_a_string(text: str) -> None:
    sheet = written([text, Cell(text, BOLD)]).active
    assert [(c.value, c.data_type) for c in sheet[2][:2]] == [(text, "s"), (text, "s")]


def test_text_is_escaped_keeps_its_spaces_and_loses_what_xml_cannot_carry() -> None:
    texts = ["a < b & c > d", "  edges  ", "line\r\nbreak", "bell\x07 and \ufffe gone", "\x00"]
    sheet = written(texts[:4], [texts[4], "", "ok"]).active
    assert [c.value for c in sheet[2]] == ["a < b & c > d", "  edges  ", "line\r\nbreak", "bell and  gone"]
    assert [c.value for c in sheet[3]] == [None, None, "ok", None]


def test_sheet_has_bold_frozen_heading_widths_filter_and_print_titles() -> None:
    book = written(["x"], ["y"])
    sheet = book.active
    assert (sheet.title, sheet.freeze_panes, sheet.print_title_rows, sheet.auto_filter.ref) == ("Sheet 'one'", "A2", "$1:$1", "A1:D3")
    assert [sheet.column_dimensions[letter].width for letter in "ABCD"] == [10, 20, 30, 40]
    assert (sheet["A1"].font.b, sheet["A1"].alignment.wrap_text, sheet["A2"].font.b) == (True, True, False)
    assert book.properties.title == "A title & more"


def test_no_formula_element_can_be_written() -> None:
    book = Workbook(meeting(), "t")
    book.add_sheet("S", ("=SUM(A1:A2)",), (10,), filter_rows=None).append(["=A1", "#DIV/0!"])
    with zipfile.ZipFile(io.BytesIO(book.close())) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert ("<f>" in xml, 't="e"' in xml, xml.count('t="inlineStr"')) == (False, False, 3)


@pytest.mark.parametrize("name", ["x" * 32, "a/b", "a[1]", "q?", "Sheet"])
def test_invalid_or_repeated_sheet_names_are_refused(name: str) -> None:
    book = Workbook(meeting(), "t")
    book.add_sheet("sheet", ("A",), (10,), filter_rows=None)
    with pytest.raises(ValueError, match="sheet name"):
        book.add_sheet(name, ("A",), (10,), filter_rows=None)
    book.close()


def test_time_zone_aware_datetimes_are_refused() -> None:
    book = Workbook(meeting(), "t")
    sheet = book.add_sheet("S", ("A",), (10,), filter_rows=None)
    with pytest.raises(TypeError, match="time zone"):
        sheet.append([dt.datetime(2020, 1, 1, tzinfo=dt.UTC)])
    book.close()
