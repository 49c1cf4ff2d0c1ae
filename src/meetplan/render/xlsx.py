"""The workbooks meetplan writes: a small streaming SpreadsheetML writer for simple tables.

Our workbooks are write-only tables: a bold heading row, frozen, filtered and repeated on every printed page,
then rows of typed cells. openpyxl builds a cell object per value and takes ~14 s for 100,000 registrations
(and imports numpy when it is installed); writing the XML ourselves, row by row into the ZIP member, takes a
fraction of that. openpyxl still reads registrations and inscriptions (meetplan.tables).

Text is only ever an inline string: the writer has no way to emit a formula (``<f>``) or an error value, so
"=HYPERLINK(...)", "+1" or "#N/A" typed into a registration form stays the text it was.

No cell holds more than Excel's 32,767 characters (UTF-16 code units, as Excel counts them): Excel opens a
workbook with a longer one only after a "repair" prompt. A longer text (a biography pasted into a registration
form's Position field) is cut to fit, ending in "…", with a warning that names the workbook, sheet, cell and
column. Cut rather than refused: the writer is the last step, where no configuration or registration line is
known any more, and the cut touches one cell of the secretariat's working copy instead of stopping every other
document of the build.

The same input gives the same bytes: every ZIP member is stamped with the build moment, and parts are written
in a fixed order.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from msgspec import Struct

from meetplan.model import Meeting
from meetplan.render import ooxml
from meetplan.render.ooxml import NEEDS_ESCAPE, Member, Package, build_moment

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"
TIME_FORMAT = "hh:mm"
_XML_SPACE = " \t\r\n"
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")
_EPOCH = dt.datetime(1899, 12, 30)  # Excel's day 0 on Windows (1900 date system)
_ROWS_PER_WRITE = 500  # rows joined per write into the compressor: few calls, little memory
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
# zlib's level 1: a third of the time of its default 6 for a file 18 % larger (100,000 people: 0.3 s and 6.9 MB
# instead of 1.2 s and 5.8 MB).
_LEVEL = 1
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
CELL_LIMIT = 32_767  # characters in a cell, counted in UTF-16 code units (Excel's specifications and limits)
# A str of this many code points or fewer is at most twice as many UTF-16 units: no need to count them.
_SURELY_FITS = CELL_LIMIT // 2
CUT_MARK = "…"
_log = logging.getLogger(__name__)


class Style(Struct, frozen=True):
    """How a cell looks; the workbook numbers each distinct style once (styles.xml's cellXfs)."""

    bold: bool = False
    wrap: bool = False  # wrap the text and align it to the top: headings over narrow columns
    fill: str | None = None  # solid background, ARGB "FFF4CCCC"
    number_format: str | None = None


HEADING = Style(bold=True, wrap=True)
BOLD = Style(bold=True)
WRAPPED = Style(wrap=True)  # a long text in a column narrower than it: on several lines, aligned to the top

# Printing (issue 17). A4 landscape is 842 pt wide; with 0.4-inch side margins 784.8 pt are left for the columns.
# A column's width counts the default font's digits. Excel draws Calibri 11 digits 7 px wide (a column w wide is
# 7w + 5 px at 96 dpi); LibreOffice without Calibri or Carlito draws the column in DejaVu Sans, whose digits are a
# third wider (7w + 3.75 pt). Sheets are sized for the wider: what prints at 8 pt there prints larger in Excel.
PAGE_WIDTH = 842 - 2 * 0.4 * 72
FONT_SIZE = 11  # points: every cell is Calibri 11 on screen
SMALLEST_PRINT = 8  # points: no printed text smaller than this once a sheet is scaled to one page wide
DIGIT_POINTS = 7.0  # points per unit of column width, at the widest (DejaVu Sans 11)
LINE_HEIGHT = 15  # points: one line of Calibri 11 in a row
# A date or time cell without a format would show as a bare serial number.
_DEFAULT_FORMATS = {dt.datetime: DATETIME_FORMAT, dt.date: DATE_FORMAT, dt.time: TIME_FORMAT}


class Cell(NamedTuple):
    """A value with a style; a bare value in a row is a cell in the default style."""

    value: Any
    style: Style


def escape(text: str) -> str:
    """Text as XML character data or an attribute value (in double quotes), without what XML 1.0 cannot carry."""
    text = ooxml.escape(text)
    return text.replace('"', "&quot;") if '"' in text else text


def _inline(text: str) -> str:
    """The <is> element of a text cell, or "" when nothing is left of the text."""
    if NEEDS_ESCAPE.search(text) is not None:
        text = escape(text)
    if not text:
        return ""
    if text[0] in _XML_SPACE or text[-1] in _XML_SPACE:  # else XML readers may drop the spaces
        return f'<is><t xml:space="preserve">{text}</t></is>'
    return f"<is><t>{text}</t></is>"


def cell_length(text: str) -> int:
    """The length Excel counts: UTF-16 code units, so a character outside the BMP (an emoji) counts twice."""
    return len(text) if len(text) <= _SURELY_FITS else len(text.encode("utf-16-le", "surrogatepass")) // 2


def fit_cell(text: str) -> str:
    """The text as it fits in one cell: itself, or its first 32,766 UTF-16 units and "…" (no pair split)."""
    if cell_length(text) <= CELL_LIMIT:
        return text
    units = text.encode("utf-16-le", "surrogatepass")[: 2 * (CELL_LIMIT - len(CUT_MARK))]
    return units.decode("utf-16-le", "ignore") + CUT_MARK


def _serial(value: dt.datetime | dt.date | dt.time) -> float:
    """Days since Excel's epoch, as openpyxl computes them (so a value reads back the same)."""
    if isinstance(value, dt.time):
        return (value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 10**6) / 86400
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    if value.tzinfo is not None:
        raise TypeError(f"a workbook cell has no time zone; give {value!r} as local time without tzinfo")
    days = (value - _EPOCH).days
    if 0 < days <= 60:  # Excel counts 29 February 1900, which did not exist
        days -= 1
    return days + _serial(value.time())


def column_points(width: float) -> float:
    """The width, in points before scaling, of a column ``width`` digits wide, in the wider of the two fonts."""
    return DIGIT_POINTS * width + 3.75


def print_size(widths: Iterable[float]) -> float:
    """The type size, in points, at which columns of these widths print when scaled to one A4 landscape page wide."""
    total = sum(column_points(width) for width in widths)
    return FONT_SIZE * min(1.0, PAGE_WIDTH / total) if total else FONT_SIZE


def content_widths(headings: Sequence[str], rows: Sequence[Sequence[Any]], caps: Sequence[float]) -> list[float]:
    """Columns sized to their content: each as wide as its longest value (or its heading's longest word, for a
    heading wraps) plus one, but no wider than its cap, where a longer text wraps (see ``Workbook.add_sheet``).

    Column by column, and a column stops being read once a value reaches its cap (100,000 rows: a few columns
    are read through)."""
    widths = []
    for index, (heading, cap) in enumerate(zip(headings, caps, strict=True)):
        longest = max((len(word) for word in heading.split()), default=0) * 1.1  # bold
        for row in rows:
            if index >= len(row):
                continue
            value = row[index]
            if type(value) is Cell:
                value, style = value
                if isinstance(value, dt.date | dt.time):  # as its format shows it ("yyyy-mm-dd hh:mm")
                    value = style.number_format or DATETIME_FORMAT
            if value is None:
                continue
            size = len(value) if type(value) is str else len(str(value))
            if size > longest:
                longest = size
                if longest + 1 >= cap:
                    break
        widths.append(round(min(cap, longest + 1), 1))
    return widths


@functools.lru_cache(maxsize=8192)  # the same titles, delegations and groups come back row after row
def wrapped_lines(text: str, width: float, *, bold: bool = False) -> int:
    """How many lines a text takes in a column ``width`` digits wide, wrapped at spaces (an estimate that errs
    long: letters are on average narrower than digits, bold ones about a tenth wider)."""
    room = max(1.0, (width - 1) / 1.1 if bold else width - 1)
    if len(text) <= room and "\n" not in text:
        return 1
    lines, used = 1, 0.0
    for word in text.replace("\n", " \n ").split(" "):
        if word == "\n":
            lines, used = lines + 1, 0.0
            continue
        if used and used + 1 + len(word) > room:
            lines, used = lines + 1, float(len(word))
            while used > room:  # a word longer than the column breaks across lines
                lines, used = lines + 1, used - room
        else:
            used += (1 if used else 0) + len(word)
    return lines


def _header_text(text: str) -> str:
    """Text as it stands in a header or footer, where "&" starts a code."""
    return escape(text.replace("&", "&&"))


def _column_letter(index: int) -> str:
    """"A" for 0, "Z" for 25, "AA" for 26."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


class Sheet:
    """One worksheet, streamed: each row becomes XML as it is appended."""

    def __init__(self, book: Workbook, name: str, stream: Member, tail: str) -> None:
        self.name = name
        self.filter_range: tuple[int, int] | None = None  # (columns, last row) of the autofilter
        self.print_columns: int | None = None  # the print area's columns, from the first; None: all
        self._book, self._stream, self._tail = book, stream, tail
        self._letters: list[str] = []
        self._headings: tuple[str, ...] = ()
        self._row = 0
        self._pending: list[str] = []
        self._wrapped: dict[int, float] = {}  # the columns whose text cells wrap, and the characters a line holds
        self._wrap_attribute = ""  # ' s="N"': the wrapped style's number
        self._attributes: list[str] = []  # each column's style attribute for a plain text cell
        self.heading_height: float | None = None

    def append(self, row: Sequence[Any]) -> None:
        """Add a row of values (str, int, float, bool, datetime, date, time, None) or Cells."""
        if self._stream.closed:
            raise ValueError(f"sheet {self.name!r} is finished: a workbook writes its sheets one after the other")
        self._row += 1
        number = self._row
        while len(self._letters) < len(row):
            index = len(self._letters)
            self._letters.append(_column_letter(index))
            self._attributes.append(self._wrap_attribute if index in self._wrapped else "")
        lines = 1
        wrapped = self._wrapped
        if wrapped:  # the row as tall as its longest wrapped text (Excel and LibreOffice keep a row's stored
            for index, room in wrapped.items():  # height; neither fits it to wrapped text on opening)
                if index < len(row):
                    value = row[index]
                    if type(value) is str and len(value) > room:  # shorter texts surely take one line
                        lines = max(lines, wrapped_lines(value, room + 1))
        height = self.heading_height if number == 1 else LINE_HEIGHT * lines if lines > 1 else None
        cells = [f'<row r="{number}" ht="{height:g}" customHeight="1">' if height else f'<row r="{number}">']
        add, special, space = cells.append, NEEDS_ESCAPE.search, _XML_SPACE  # local names: this loop runs a million times
        for letter, attribute, value in zip(self._letters, self._attributes, row, strict=False):
            # The common cells inline: plain text that needs no escaping, has no space at either end and surely
            # fits in a cell (in its column's style: wrapped or not), whole numbers, nothing.
            kind = type(value)
            if kind is str:
                if (value and special(value) is None and value[0] not in space and value[-1] not in space
                        and len(value) <= _SURELY_FITS):
                    add(f'<c r="{letter}{number}"{attribute} t="inlineStr"><is><t>{value}</t></is></c>')
                    continue
                if attribute:
                    value = Cell(value, WRAPPED)
            elif kind is int:
                add(f'<c r="{letter}{number}"><v>{value}</v></c>')
                continue
            elif value is None:  # an empty cell is no element
                continue
            add(self._cell(f"{letter}{number}", value))
        cells.append("</row>")
        self._pending.append("".join(cells))
        if len(self._pending) >= _ROWS_PER_WRITE:
            self._flush()

    def _cell(self, reference: str, value: Any) -> str:
        """Any cell: a Cell with its style, text to escape, a float, a boolean, a date or a time."""
        style: Style | None = None
        if type(value) is Cell:
            value, style = value
        if isinstance(value, dt.date | dt.time) and style is None:
            style = Style(number_format=_DEFAULT_FORMATS[dt.datetime if isinstance(value, dt.datetime) else type(value)])
        attribute = self._book.style_attribute(style)
        if value is None:  # nor is an empty cell with a style: nothing needs one
            return ""
        if isinstance(value, str):
            text = _inline(self._fit(reference, value))
            return f'<c r="{reference}"{attribute} t="inlineStr">{text}</c>' if text else ""
        if isinstance(value, bool):  # before int: a bool is an int
            return f'<c r="{reference}"{attribute} t="b"><v>{int(value)}</v></c>'
        if isinstance(value, int | float):
            return f'<c r="{reference}"{attribute}><v>{_number(value)}</v></c>'
        if isinstance(value, dt.date | dt.time):
            return f'<c r="{reference}"{attribute}><v>{_number(_serial(value))}</v></c>'
        raise TypeError(f"no workbook cell for {value!r} ({type(value).__name__})")

    def _fit(self, reference: str, text: str) -> str:
        """``fit_cell``, with a warning when the text had to be cut."""
        fitted = fit_cell(text)
        if fitted is not text:
            letters = reference.rstrip("0123456789")
            index = self._letters.index(letters)
            column = f" ({self._headings[index]})" if index < len(self._headings) else ""
            _log.warning(
                "warning: %s, sheet %r, cell %s%s: %s characters cut to %s, the most an Excel cell holds; "
                "shorten the text at its source", self._book.title, self.name, reference, column,
                f"{cell_length(text):,}", f"{CELL_LIMIT:,}")
        return fitted

    @property
    def rows(self) -> int:
        """How many rows the sheet has, its heading row included."""
        return self._row

    def _flush(self) -> None:
        self._stream.write("".join(self._pending).encode())
        self._pending.clear()

    def close(self) -> None:
        if self._stream.closed:
            return
        self._flush()
        self._stream.write(f"</sheetData>{self._tail}</worksheet>".encode())
        self._stream.close()


def _number(value: float) -> str:
    if isinstance(value, int):
        return str(value)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"a workbook cell cannot hold {value}")
    return "%.16g" % value  # noqa: UP031 -- the shortest form that keeps every digit Excel reads


class Workbook:
    """A workbook written into memory; ``close`` returns its bytes."""

    def __init__(self, meeting: Meeting, title: str) -> None:
        self.title = title
        self.moment = build_moment(meeting.issued, meeting.stamp)
        self._package = Package(self.moment)
        self._sheets: list[Sheet] = []
        self._styles: dict[Style, int] = {Style(): 0}

    def style_attribute(self, style: Style | None) -> str:
        """' s="N"' for a style other than the default, numbered on first use."""
        if style is None:
            return ""
        index = self._styles.setdefault(style, len(self._styles))
        return f' s="{index}"' if index else ""

    def add_sheet(self, name: str, headings: Iterable[str], widths: Iterable[float], *, filter_rows: int | None,
                  fit_to_width: bool = True, wrap: Iterable[int] = (), print_columns: int | None = None) -> Sheet:
        """A sheet with a bold heading row, frozen and printed on every page, and an autofilter over the heading
        and ``filter_rows`` rows (at least one, as Excel sets it on an empty table); None for no filter.

        Printed on A4 landscape, one page wide (``fit_to_width``), the heading row as tall as its longest wrapped
        heading, the workbook's title and the sheet's name in the header and "Page n of m" in the footer. The
        text cells of the columns in ``wrap`` (0-based) wrap; ``print_columns`` leaves the columns after the
        first so many out of the print area (working columns such as e-mail addresses, so that the rest
        prints no smaller than 8 pt).

        Finishes the sheet before: sheets are written one after the other."""
        if len(name) > 31 or _SHEET_UNSAFE.search(name) or name.casefold() in {s.name.casefold() for s in self._sheets}:
            raise ValueError(f"not a valid or new Excel sheet name: {name!r}")
        if self._sheets:
            self._sheets[-1].close()
        headings = tuple(headings)
        widths = tuple(widths)
        columns = "".join(f'<col min="{n}" max="{n}" width="{w}" customWidth="1"/>' for n, w in enumerate(widths, start=1))
        fit_page = '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' if fit_to_width else ""
        fit = ' fitToWidth="1" fitToHeight="0"' if fit_to_width else ""  # one page wide, as many pages long as needed
        tail = ""
        if filter_rows is not None:
            tail = f'<autoFilter ref="A1:{_column_letter(len(headings) - 1)}{max(filter_rows, 1) + 1}"/>'
        tail += ('<pageMargins left="0.4" right="0.4" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
                 f'<pageSetup paperSize="9" orientation="landscape"{fit}/>'  # A4
                 f'<headerFooter><oddHeader>&amp;L{_header_text(self.title)}&amp;R&amp;A</oddHeader>'
                 "<oddFooter>&amp;CPage &amp;P of &amp;N</oddFooter></headerFooter>")
        sheet = Sheet(self, name, self._package.open(f"xl/worksheets/sheet{len(self._sheets) + 1}.xml", _LEVEL), tail)
        if filter_rows is not None:
            sheet.filter_range = (len(headings), max(filter_rows, 1) + 1)
        sheet.print_columns = print_columns
        sheet._wrapped = {index: widths[index] - 1 for index in wrap if index < len(widths)}
        sheet._wrap_attribute = self.style_attribute(WRAPPED) if sheet._wrapped else ""
        lines = max((wrapped_lines(h, w, bold=True) for h, w in zip(headings, widths, strict=False)), default=1)
        sheet.heading_height = LINE_HEIGHT * lines if lines > 1 else None
        self._sheets.append(sheet)
        cols = f"<cols>{columns}</cols>" if columns else ""
        sheet._stream.write(
            f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">{fit_page}'
            '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/>{cols}<sheetData>'.encode())
        sheet.append([Cell(heading, HEADING) for heading in headings])
        sheet._headings = headings
        return sheet

    def _write(self, name: str, xml: str) -> None:
        self._package.write(name, (_HEAD + xml).encode(), _LEVEL)

    def close(self) -> bytes:
        """Finish the last sheet, write the parts that list the sheets and styles, and return the bytes."""
        if self._sheets:
            self._sheets[-1].close()
        self._write("xl/workbook.xml", self._workbook_xml())
        self._write("xl/styles.xml", self._styles_xml())
        self._write("xl/_rels/workbook.xml.rels", (
            f'<Relationships xmlns="{_PACKAGE_REL}">'
            + "".join(f'<Relationship Id="rId{n}" Type="{_REL}/worksheet" Target="worksheets/sheet{n}.xml"/>'
                      for n in range(1, len(self._sheets) + 1))
            + f'<Relationship Id="rId{len(self._sheets) + 1}" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'))
        stamp = self.moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self._write("docProps/core.xml", (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(self.title)}</dc:title><dc:creator>meetplan</dc:creator>"
            "<cp:lastModifiedBy>meetplan</cp:lastModifiedBy>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>'))
        self._write("docProps/app.xml", (
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Application>meetplan</Application></Properties>"))
        self._write("_rels/.rels", (
            f'<Relationships xmlns="{_PACKAGE_REL}">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
            f'<Relationship Id="rId2" Type="{_PACKAGE_REL}/metadata/core-properties" Target="docProps/core.xml"/>'
            f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/></Relationships>'))
        office = "application/vnd.openxmlformats-officedocument"
        self._write("[Content_Types].xml", (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{office}.spreadsheetml.sheet.main+xml"/>'
            + "".join(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{office}.spreadsheetml.worksheet+xml"/>'
                      for n in range(1, len(self._sheets) + 1))
            + f'<Override PartName="/xl/styles.xml" ContentType="{office}.spreadsheetml.styles+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            f'<Override PartName="/docProps/app.xml" ContentType="{office}.extended-properties+xml"/></Types>'))
        return self._package.close()

    def _workbook_xml(self) -> str:
        sheets, names = [], []
        for index, sheet in enumerate(self._sheets):
            sheets.append(f'<sheet name="{escape(sheet.name)}" sheetId="{index + 1}" r:id="rId{index + 1}"/>')
            quoted = escape("'" + sheet.name.replace("'", "''") + "'")
            if sheet.filter_range:
                columns, last = sheet.filter_range
                # Excel keeps a filter's range in this hidden name, and repairs a file that lacks it.
                names.append(("_xlnm._FilterDatabase", index, f' hidden="1">{quoted}!$A$1:${_column_letter(columns - 1)}${last}'))
            if sheet.print_columns is not None:
                last_cell = f"${_column_letter(sheet.print_columns - 1)}${max(sheet.rows, 1)}"
                names.append(("_xlnm.Print_Area", index, f">{quoted}!$A$1:{last_cell}"))
            names.append(("_xlnm.Print_Titles", index, f">{quoted}!$1:$1"))
        defined = "".join(f'<definedName name="{name}" localSheetId="{index}"{rest}</definedName>' for name, index, rest in names)
        return (f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><workbookPr/><bookViews><workbookView activeTab="0"/></bookViews>'
                f"<sheets>{''.join(sheets)}</sheets><definedNames>{defined}</definedNames></workbook>")

    def _styles_xml(self) -> str:
        formats: dict[str, int] = {}
        fills: dict[str, int] = {}
        xfs = []
        for style in self._styles:  # in order of first use, the default first
            number = formats.setdefault(style.number_format, 164 + len(formats)) if style.number_format else 0
            fill = fills.setdefault(style.fill, 2 + len(fills)) if style.fill else 0  # 0 and 1 are reserved
            applied = (' applyNumberFormat="1"' if number else "") + (' applyFont="1"' if style.bold else "")
            # Every cell at the top of its row, where a wrapped neighbour starts too.
            applied += (' applyFill="1"' if fill else "") + ' applyAlignment="1"'
            wrap = ' wrapText="1"' if style.wrap else ""
            alignment = f'><alignment vertical="top"{wrap}/></xf>'
            xfs.append(f'<xf numFmtId="{number}" fontId="{int(style.bold)}" fillId="{fill}" borderId="0" xfId="0"{applied}{alignment}')
        number_formats = "".join(f'<numFmt numFmtId="{n}" formatCode="{escape(code)}"/>' for code, n in formats.items())
        fill_list = "".join(f'<fill><patternFill patternType="solid"><fgColor rgb="{rgb}"/><bgColor rgb="{rgb}"/></patternFill></fill>'
                            for rgb in fills)
        font = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
        return (f'<styleSheet xmlns="{_MAIN}">'
                + (f'<numFmts count="{len(formats)}">{number_formats}</numFmts>' if formats else "")
                + f'<fonts count="2"><font>{font}</font><font><b/>{font}</font></fonts>'
                f'<fills count="{2 + len(fills)}"><fill><patternFill patternType="none"/></fill>'
                f'<fill><patternFill patternType="gray125"/></fill>{fill_list}</fills>'
                '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
                '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"><alignment vertical="top"/></xf></cellStyleXfs>'
                f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
                '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')
