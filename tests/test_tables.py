"""Reading data files as they come from the field: Excel's sep= line, damaged quotes, ZIP bombs, FIFOs and
devices, cells longer than Excel allows (issue 13)."""

from __future__ import annotations

import io
import os
import struct
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetplan import tables
from meetplan.errors import ConfigError, Problem

MISSING = Problem(file="meeting.yaml", line=3, field="participants.registrations", message="no such file")


def read(data: bytes, file: str = "registrations.csv") -> list[tuple[int, list[str]]]:
    return list(tables.rows(data, file))


def refusal(data: bytes, file: str = "registrations.csv") -> list[str]:
    with pytest.raises(ConfigError) as raised:
        read(data, file)
    return [str(problem) for problem in raised.value.problems]


@pytest.mark.parametrize("line", [b"sep=;", b'"sep=;"', b"SEP=;", b"sep=;;;;;", b'"sep=;";;;', b"sep=; "])
def test_sep_line_names_the_delimiter_and_is_not_the_heading(line: bytes) -> None:
    """Excel's first line "sep=;" (quoted, any case, padded with delimiters) names the delimiter; the heading is row 2."""
    data = line + b"\r\nFirst Name;Last Name\r\nAnna;Beispiel\r\n"
    assert read(data) == [(2, ["First Name", "Last Name"]), (3, ["Anna", "Beispiel"])]


def test_sep_line_with_a_comma_and_a_bom() -> None:
    """"sep=," after a byte order mark names the comma, even where semicolons are more frequent in the heading."""
    data = b"\xef\xbb\xbfsep=,\nName;Title,Delegation\nA;B,Austria\n"
    assert read(data) == [(2, ["Name;Title", "Delegation"]), (3, ["A;B", "Austria"])]


def test_sep_line_keeps_the_column_of_a_byte_that_is_not_utf_8() -> None:
    """Behind a sep= line, a Windows-1252 byte is still placed by the heading on line 2."""
    assert refusal(b"sep=;\nFirst Name;Last Name\nJo\xe3o;Silva\n") == [
        "registrations.csv:3: column 'First Name': is not UTF-8 text (byte 0xe3); export it as \"CSV UTF-8\""
    ]


def test_unclosed_quote_in_the_last_column_is_refused_with_its_row_and_column() -> None:
    """The case csv-unclosed-quote-registrations: the later rows are not swallowed into one cell."""
    data = (
        b"First Name,Last Name,Affiliation,Participation,Email,Position\n"
        b'Ana,Silva,Brazil,Online,ana.silva@mission.example,"Counsellor\n'
        b"Ben,Stone,Italy,In person,ben.stone@mission.example,Minister\n"
        b"Cara,Lee,Austria,Online,cara.lee@mission.example,Delegate\n"
    )
    assert refusal(data) == [
        "registrations.csv:2: column 'Position': a quote opened here is never closed (the rest of the file would be "
        "one cell); close it or remove it"
    ]


def test_unclosed_quote_in_a_middle_column_after_good_rows() -> None:
    """The row counted is the row where the quote opened, after rows whose quoted cells hold line breaks."""
    data = b'item;name;title\n1;"Ana\nSilva";Delegate\n2;"Ben;Minister\n3;Cara;Delegate\n'
    assert refusal(data, "inscriptions.csv") == [
        "inscriptions.csv:3: column 'name': a quote opened here is never closed (the rest of the file would be one "
        "cell); close it or remove it"
    ]


def test_quote_closed_by_a_stray_quote_rows_later_is_refused() -> None:
    """A quote that a later row's stray quote closes would swallow the rows between: refused at the opening row."""
    data = (
        b"First Name,Last Name,Affiliation,Participation,Position\n"
        b'Ana,Silva,Brazil,Online,"Counsellor\n'
        b"Ben,Stone,Italy,In person,Minister\n"
        b'Cara,Lee,Austria,Online,5" screen\n'
    )
    assert refusal(data) == [
        "registrations.csv:2: column 'Position': a quote opened here closes only 2 lines further on, taking in what "
        "look like 2 further rows as one cell; close it or remove it"
    ]


def test_cell_with_line_breaks_is_kept() -> None:
    """A quoted address over three lines, with a comma in each, is one cell, as written."""
    data = b'Name,Address,Country,Mode\nAna,"Street 1,\nVienna, 1220\nAustria",Austria,Online\n'
    assert read(data)[1] == (2, ["Ana", "Street 1,\nVienna, 1220\nAustria", "Austria", "Online"])


def test_text_after_a_closing_quote_is_refused() -> None:
    """'"Smith" Jr' is a damaged cell, named by row and column, not silently joined."""
    assert refusal(b'Name,Title\n"Smith" Jr,Delegate\n') == [
        "registrations.csv:2: column 'Name': text follows the closing quote of a quoted cell: put the whole cell in "
        'quotes, and write each quote inside it twice ("")'
    ]


def test_csv_cell_longer_than_excel_allows_is_refused() -> None:
    """A cell over 32,767 characters cannot come from a spreadsheet: refused by row and column."""
    assert refusal(b"Name,Title\nAna," + b"x" * 40_000 + b"\n") == [
        "registrations.csv:2: column 'Title': holds 40,000 characters; a cell holds at most 32,767 (Excel's limit), "
        "so the file is damaged: check the quotes around this cell"
    ]


def workbook(*rows: list[str]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def declare_unpacked_size(data: bytes, member: str, size: int) -> bytes:
    """The workbook with one member's size in the ZIP directory changed, as a bomb declares it."""
    start = data.index(b"PK\x01\x02")
    while True:
        name_length = struct.unpack_from("<H", data, start + 28)[0]
        name = data[start + 46 : start + 46 + name_length].decode()
        if name == member:
            return data[: start + 24] + struct.pack("<I", size) + data[start + 28 :]
        start = data.index(b"PK\x01\x02", start + 46)


def test_workbook_unpacking_to_gigabytes_is_refused_before_it_is_unpacked() -> None:
    """A workbook whose directory says 3,145,728,000 bytes is refused by that number; nothing is unpacked."""
    bomb = declare_unpacked_size(workbook(["Name"], ["Ana"]), "xl/worksheets/sheet1.xml", 3_145_728_000)
    [line] = refusal(bomb, "registrations.xlsx")
    assert line.startswith("registrations.xlsx: (file): unpacks to 3,14")
    assert f"is at most {tables.MAX_UNPACKED_BYTES:,} bytes unpacked (this one is {len(bomb):,} bytes packed)" in line


def test_real_decompression_bomb_is_refused_quickly(tmp_path: Path) -> None:
    """A workbook of 300 KB holding 310 MB of one letter (the kind of xlsx-decompression-bomb) is refused unread."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:
            chunk = b"A" * (1 << 20)
            for _ in range(tables.MAX_UNPACKED_BYTES // len(chunk) + 10):
                member.write(chunk)
    [line] = refusal(buffer.getvalue(), "registrations.xlsx")
    assert "unpacks to 310," in line


def with_text_replaced(data: bytes, old: bytes, new: bytes) -> bytes:
    """The workbook with a text replaced in every member (openpyxl itself cuts a cell at 32,767 characters)."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            target.writestr(member.filename, source.read(member).replace(old, new))
    return buffer.getvalue()


def test_xlsx_cell_longer_than_excel_allows_is_refused() -> None:
    """A workbook written by a program other than Excel may hold a longer cell: refused by row and column."""
    data = with_text_replaced(workbook(["Name", "Title"], ["Ana", "LONG"]), b"LONG", b"y" * 33_000)
    assert refusal(data, "registrations.xlsx") == [
        "registrations.xlsx:2: column 'Title': holds 33,000 characters; a cell holds at most 32,767 (Excel's limit), "
        "so the file is damaged: check the quotes around this cell"
    ]


def read_file(path: Path) -> list[str]:
    with pytest.raises(ConfigError) as raised:
        tables.read_file(path, limit=1000, what="a registrations file", missing=MISSING)
    return [str(problem) for problem in raised.value.problems]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    """A named pipe given as the registrations file is refused at once: reading it would wait for ever."""
    fifo = tmp_path / "registrations.csv"
    os.mkfifo(fifo)
    assert read_file(fifo) == [f"{fifo}: (file): is a named pipe (FIFO), not a regular file: give the path of a registrations file"]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_device_is_refused_without_reading_it() -> None:
    """/dev/zero never ends and reports size 0: refused as a device."""
    assert read_file(Path("/dev/zero")) == ["/dev/zero: (file): is a device, not a regular file: give the path of a registrations file"]


def test_read_file_refuses_a_folder_a_missing_file_and_a_large_file(tmp_path: Path) -> None:
    """The three refusals read_file made before issue 13 are unchanged."""
    (tmp_path / "big.csv").write_bytes(b"x" * 1001)
    assert read_file(tmp_path) == [f"{tmp_path}: is a folder, not a registrations file"]
    assert read_file(tmp_path / "none.csv") == [str(MISSING)]
    assert read_file(tmp_path / "big.csv") == [f"{tmp_path / 'big.csv'}: (file): is 1,001 bytes; a registrations file is at most 1,000"]


def test_read_file_gives_the_bytes_of_a_regular_file(tmp_path: Path) -> None:
    """A file within the limit is read whole."""
    (tmp_path / "r.csv").write_bytes(b"a,b\n1,2\n")
    assert tables.read_file(tmp_path / "r.csv", limit=1000, what="a registrations file", missing=MISSING) == b"a,b\n1,2\n"


@given(st.lists(st.sampled_from(["a", "b", ",", ";", "\t", '"', '""', "\n", "\r\n", "\r", " ", "sep=", "é"]), max_size=40))
@settings(max_examples=300, deadline=None)
def test_any_csv_text_gives_rows_or_located_problems(parts: list[str]) -> None:
    """Whatever the quotes, separators and line ends, a CSV gives rows or ConfigErrors naming the file, never
    another exception."""
    try:
        rows = read("".join(parts).encode())
    except ConfigError as error:
        assert {problem.file for problem in error.problems} == {"registrations.csv"}
    else:
        assert all(isinstance(cell, str) for _, cells in rows for cell in cells)
