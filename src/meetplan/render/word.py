"""Word documents in the UN layout (A4, Times New Roman), written reproducibly: the same input gives the same bytes.

A document is python-docx's default template with what every meetplan document shares (A4, the UN margins,
Times New Roman, UK English, a header aligned right), plus five parts of its own:

- ``word/document.xml``: the body, which each renderer writes as WordprocessingML text with the builders below
  (``paragraph``, ``run``, ``heading``, ``table``...) and which is streamed into the ZIP member as it is made;
- ``word/styles.xml``: the template's styles with the body's font size and the document's own paragraph styles,
  edited with python-docx's style API;
- ``word/header1.xml``: the symbol (or what stands in its place, such as "For internal use");
- ``docProps/core.xml``: the title and the dates, edited with python-docx's core properties;
- ``word/_rels/document.xml.rels``: the hyperlinks the body makes (``Links``).

python-docx opens its template once per process (``_template``): opening it takes 8 ms, and saving a document and
stamping its ZIP again took 14 ms more, for each of the four documents of a build. It no longer builds the body:
its ``add_paragraph`` searches the body for the section properties on every call and its cell API walks the
table, so a body of 100,000 paragraphs or 60,000 cells took seconds, and a body written as one XML string and
parsed took the memory of the whole tree. Measured on L (100,000 registrations, 10,000 inscriptions), in process:
the list of participants 1.4 s and 260 MB of resident memory when parsed, 0.7 s and no memory of its own when
streamed; the running order 0.3 s and 0.15 s; the build's peak 390 MB and 180 MB; a small document (the annex)
30 ms and 6 ms.

The text the builders write is the text lxml writes for the elements python-docx makes with the same calls,
element for element and attribute for attribute (empty elements closed as ``<w:r/>``, text escaped as lxml
escapes it), so the documents kept their bytes.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any, cast

from msgspec import Struct

from meetplan.languages import Language
from meetplan.render.ooxml import ILLEGAL, Package, build_moment, escape

FONT = "Times New Roman"
DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# twips: half the A4 text width (21 cm less 2 x 2.2 cm of margins), the column width python-docx gives a new
# two-column table.
_HALF_WIDTH = 4706
_DOCUMENT, _STYLES, _HEADER, _CORE, _RELS, _NUMBERING = (
    "word/document.xml", "word/styles.xml", "word/header1.xml", "docProps/core.xml", "word/_rels/document.xml.rels",
    "word/numbering.xml")
# The numbered paragraphs' list (numbering): ids above the template's own, which its list styles use.
NUMBERED = 900
# Body text joined per write into the compressor: few calls, little memory. By size, not by count: a part may be a
# table of a thousand speakers, and a thousand of those joined took 160 MB (as four bytes a character once a
# name in Arabic or Chinese script is among them) at 50,000 inscriptions.
_CHARACTERS_PER_WRITE = 1 << 18


# --- the body as text -------------------------------------------------------------------------------------------

_RUN_BREAKS = re.compile(r"(\t|[\r\n])")
BOLD = "<w:rPr><w:b/></w:rPr>"
ITALIC = "<w:rPr><w:i/></w:rPr>"
_RULE = '<w:{edge} w:val="single" w:sz="6" w:space="0" w:color="000000"/>'
_ALIGNMENTS = {"left": "left", "right": "right", "justify": "both"}


def text_element(text: str, *, preserve: bool = False) -> str:
    """A w:t; with xml:space="preserve" when the text starts or ends with white space (as python-docx decides), or
    always with ``preserve``."""
    space = ' xml:space="preserve"' if preserve or text.strip() != text else ""
    return f"<w:t{space}>{escape(text)}</w:t>"


def run(text: str = "", properties: str = "") -> str:
    """A w:r as python-docx's add_run writes it: a tab becomes w:tab, each line break w:br, the rest w:t.
    ``properties`` is the run's w:rPr (``BOLD``, ``ITALIC``, ``size_properties(...)``)."""
    if ILLEGAL.search(text):
        text = ILLEGAL.sub("", text)
    if "\t" in text or "\n" in text or "\r" in text:
        content = "".join("<w:tab/>" if piece == "\t" else "<w:br/>" if piece in "\r\n" else text_element(piece)
                          for piece in _RUN_BREAKS.split(text) if piece)
    else:
        content = text_element(text) if text else ""
    return f"<w:r>{properties}{content}</w:r>" if properties or content else "<w:r/>"


def size_properties(size: float, *, bold: bool = False) -> str:
    """A w:rPr for ``size`` points, bold or not."""
    return f'<w:rPr>{"<w:b/>" if bold else ""}<w:sz w:val="{round(size * 2)}"/></w:rPr>'


def twips(points: float) -> int:
    """Points in twips (twentieths of a point), as python-docx's Pt(points).twips."""
    return round(int(points * 12700) / 635)


def cm(value: float) -> int:
    """Centimetres in twips, as python-docx's Cm(value).twips (Cm(1.0) is 567)."""
    return round(int(value * 360000) / 635)


def paragraph(runs: str = "", *, style: str | None = None, keep_with_next: bool = False, page_break: bool = False,
              before: float | None = None, after: float | None = None, indent: float | None = None,
              hanging: float | None = None, align: str | None = None, numbered: int | None = None,
              left_to_right: bool = False) -> str:
    """A w:p with its properties in the schema's order: spacing ``before`` and ``after`` in points, ``indent`` and
    ``hanging`` in centimetres, ``align`` "left", "right" or "justify"; ``numbered``: the paragraph is numbered
    by Word in the run of numbers ``numbered`` (0, 1, ...) of ``document(numbered_from=...)``; ``left_to_right``:
    written left to right in a document that is not (English words and dates in an Arabic masthead)."""
    properties = f'<w:pStyle w:val="{style}"/>' if style else ""
    if keep_with_next:
        properties += "<w:keepNext/>"
    if page_break:
        properties += "<w:pageBreakBefore/>"
    if numbered is not None:
        properties += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{NUMBERED + numbered}"/></w:numPr>'
    if left_to_right:
        properties += '<w:bidi w:val="0"/>'
    if before is not None or after is not None:
        spacing = f' w:before="{twips(before)}"' if before is not None else ""
        spacing += f' w:after="{twips(after)}"' if after is not None else ""
        properties += f"<w:spacing{spacing}/>"
    if indent is not None:
        properties += f'<w:ind w:left="{cm(indent)}"' + (f' w:hanging="{cm(hanging)}"/>' if hanging else "/>")
    if align is not None:
        properties += f'<w:jc w:val="{_ALIGNMENTS[align]}"/>'
    content = (f"<w:pPr>{properties}</w:pPr>" if properties else "") + runs
    return f"<w:p>{content}</w:p>" if content else "<w:p/>"


def heading(text: str, *, size: float = 14, space_after: float = 12, page_break: bool = False) -> str:
    """A bold heading paragraph in the UN style (not Word's blue built-in headings), kept with what follows."""
    return paragraph(run(text, size_properties(size, bold=True)), keep_with_next=True, page_break=page_break,
                     after=space_after)


def table(columns: Iterable[int], rows: Iterable[str], *, rules: bool = True, rtl: bool = False) -> str:
    """A w:tbl of fixed layout; ``columns`` are the grid's widths in twips; ``rules``: a line above and below
    the whole table, none between columns (UN table rules), in the schema's order of a table's properties;
    ``rtl``: the columns laid out from the right (w:bidiVisual), as Arabic documents print their tables."""
    borders = f"<w:tblBorders>{_RULE.format(edge='top')}{_RULE.format(edge='bottom')}</w:tblBorders>" if rules else ""
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in columns)
    return ('<w:tbl><w:tblPr>' + ("<w:bidiVisual/>" if rtl else "") + '<w:tblW w:type="auto" w:w="0"/>' + borders + '<w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1"'
            f' w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')


def row(cells: Iterable[str], *, keep_together: bool = False, repeat: bool = False) -> str:
    """A w:tr; ``keep_together``: never split across pages; ``repeat``: also repeated at the top of every page."""
    properties = ("<w:cantSplit/>" if keep_together or repeat else "") + ("<w:tblHeader/>" if repeat else "")
    return f"<w:tr>{f'<w:trPr>{properties}</w:trPr>' if properties else ''}{''.join(cells)}</w:tr>"


def cell(width: int, content: str, *, rule_below: bool = False) -> str:
    """A w:tc ``width`` twips wide holding the paragraphs ``content``; ``rule_below``: a line under it."""
    rule = f"<w:tcBorders>{_RULE.format(edge='bottom')}</w:tcBorders>" if rule_below else ""
    return f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/>{rule}</w:tcPr>{content}</w:tc>'


def hyperlink(rid: str, text: str, *, italic: bool = False) -> str:
    """A w:hyperlink to the relationship ``rid`` (``Links.rid``), as Word itself writes one."""
    return f'<w:hyperlink r:id="{rid}"><w:r>{ITALIC if italic else ""}{text_element(text, preserve=True)}</w:r></w:hyperlink>'


def masthead(*, symbol: str, parent_body: str | None, issued: dt.date, lines: tuple[str, ...] = (),
             language: Language | None = None) -> Iterator[str]:
    """The UN masthead at the top of the first page: "United Nations" and the symbol over a rule; the parent body
    beside "Distr.: General", the date and "Original: English"; then ``lines`` in bold (the body, the meeting, its
    venue and dates). In another ``language``, its words, and the language the document is in above "Original"."""
    if language is None:
        from meetplan.languages import language as official

        language = official("en")
    distribution = [language.distribution, language.masthead_date(issued), ""]
    distribution += [language.issued_in, language.original] if language.issued_in else [language.original]
    left, right = cm(8.0), cm(8.6)  # the A4 text width
    yield table((_HALF_WIDTH, _HALF_WIDTH), (
        row((cell(left, paragraph(run(language.united_nations, BOLD)), rule_below=True),
             cell(right, paragraph(run(" ".join(symbol.split()), size_properties(12, bold=True)), align="right"),
                  rule_below=True))),
        row((cell(left, paragraph(run(parent_body or "", BOLD), before=6)),
             cell(right, paragraph(run("\n".join(distribution)), before=6, left_to_right=language.rtl)))),
    ), rules=False, rtl=language.rtl)
    for number, text in enumerate(lines):
        yield paragraph(run(text, BOLD), before=6 if number == 0 else 0)
    yield paragraph(after=6)


# --- the package ----------------------------------------------------------------------------------------------


class ParagraphStyle(Struct, frozen=True):
    """A paragraph style of a document's own, based on Normal: ``size``, ``before``, ``after`` in points,
    ``indent`` in centimetres; a bold style is kept with the next paragraph (a heading never ends a page)."""

    name: str
    size: float
    bold: bool
    before: float
    after: float
    indent: float

    @property
    def style_id(self) -> str:
        """The id a paragraph names the style by (w:pStyle), as python-docx makes it from the name."""
        from docx.oxml.styles import styleId_from_name

        return str(styleId_from_name(self.name))  # type: ignore[no-untyped-call]


class Links:
    """The hyperlinks of one document: each address gets a relationship id, the same one when used again."""

    def __init__(self) -> None:
        # A copy with relationships of its own (python-docx's Relationships is a dict): the template's stay as they are.
        self._relationships = copy.copy(_template().relationships)

    def rid(self, address: str) -> str:
        from docx.opc.constants import RELATIONSHIP_TYPE

        return str(self._relationships.get_or_add_ext_rel(RELATIONSHIP_TYPE.HYPERLINK, address))

    def xml(self) -> bytes:
        """document.xml.rels: the template's relationships and these links."""
        return cast(bytes, self._relationships.xml)  # annotated str, but serialized with its declaration, as bytes


class _Template(Struct, frozen=True):
    """python-docx's template made into meetplan's common document, held as what each document copies."""

    parts: tuple[tuple[str, bytes], ...]  # every ZIP member, in the order python-docx writes them
    body_start: bytes  # word/document.xml up to the body's content ...
    body_end: bytes  # ... and from the section properties on
    header_start: bytes  # word/header1.xml up to the end of the header paragraph's properties ...
    header_end: bytes  # ... and after them: the symbol's run goes between
    core: Any  # the core properties' element, never changed: each document's core.xml is made from a copy
    relationships: Any  # the document part's relationships (python-docx's Relationships), likewise


@functools.cache
def _template() -> _Template:
    """Opened once per process: python-docx reads and parses its template (about 8 ms) only here."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin = section.right_margin = Cm(2.2)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(0)
    # UK English, as UN documents are written: Word checks "programme" and "panellists" against the right dictionary.
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "en-GB")
    normal.element.get_or_add_rPr().append(language)  # last in w:rPr, where the schema puts it
    section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    core = document.core_properties  # made now, so that the part has its place in the package
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        parts = tuple((name, package.read(name)) for name in package.namelist())
    body, header = dict(parts)[_DOCUMENT], dict(parts)[_HEADER]
    content = body.index(b"<w:body>") + len(b"<w:body>")  # the template's body holds only the section properties
    symbol = header.rindex(b"</w:pPr>") + len(b"</w:pPr>")
    return _Template(
        parts=parts,
        body_start=body[:content],
        body_end=body[content:],
        header_start=header[:symbol],
        header_end=header[symbol:],
        core=core._element,  # python-docx gives the element no public name
        relationships=document.part.rels,
    )


@functools.lru_cache(maxsize=16)
def _styles(size: float, styles: tuple[ParagraphStyle, ...], language: Language | None = None) -> bytes:
    """styles.xml with Normal at ``size`` points and ``styles`` added; each combination made once.

    ``language`` other than English sets Normal's proofing language and the font of its script (w:eastAsia for
    Chinese, w:cs for Arabic), and for a language written right to left the paragraphs' and runs' direction
    (w:bidi, w:rtl): Word then lays out every paragraph from the right and mirrors its alignment."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Cm, Pt
    from docx.styles.styles import Styles

    # Only Normal and the styles added are made with python-docx, in a w:styles of their own; the rest of the
    # template's 350 KB is copied as it was serialized once. Copying and serializing the whole part took 8 ms a
    # document (14 documents in the 2020 meeting's six languages); the bytes are the same.
    template, original_normal = _template_styles()
    catalogue: Any = Styles(_styles_root())  # python-docx's add_style has no annotations
    normal = catalogue["Normal"]
    normal.font.size = Pt(size)
    if language is not None and language.code != "en":
        _in_language(normal.element, language)
    normal_xml = _children_xml(catalogue.element)
    for style in styles:
        added = catalogue.add_style(style.name, WD_STYLE_TYPE.PARAGRAPH)
        added.base_style = normal
        added.font.size, added.font.bold = Pt(style.size), style.bold
        layout = added.paragraph_format
        layout.space_before, layout.space_after, layout.left_indent = Pt(style.before), Pt(style.after), Cm(style.indent)
        layout.keep_with_next = style.bold
    added_xml = _children_xml(catalogue.element)[len(normal_xml):]
    start, end = template.index(original_normal), template.rindex(_STYLES_END)
    return template[:start] + normal_xml + template[start + len(original_normal):end] + added_xml + template[end:]


_STYLES_END = b"</w:styles>"


@functools.cache
def _template_styles() -> tuple[bytes, bytes]:
    """The template's styles.xml as python-docx serializes it, and its Normal style as it stands in it."""
    serialized = dict(_template().parts)[_STYLES]
    # Styles do not nest: Normal runs from its w:style to the first </w:style> after it.
    start = serialized.rindex(b"<w:style ", 0, serialized.index(b' w:styleId="Normal"'))
    normal = serialized[start:serialized.index(b"</w:style>", start) + len(b"</w:style>")]
    if serialized.count(normal) != 1 or b"<w:docDefaults>" not in serialized:
        raise AssertionError("python-docx's template styles.xml is not as meetplan reads it")
    return serialized, normal


def _styles_root() -> Any:
    """A w:styles like the template's (its namespaces and attributes) holding only a copy of its Normal style,
    made of python-docx's own element classes, as the template's are."""
    from docx.oxml.parser import parse_xml

    template, normal = _template_styles()
    return parse_xml(template[:template.index(b"<w:docDefaults>")] + normal + _STYLES_END)


def _children_xml(root: Any) -> bytes:
    """The children of a w:styles as they are serialized inside it (the namespaces declared on it, not on them)."""
    from docx.opc.oxml import serialize_part_xml

    serialized = bytes(serialize_part_xml(root))
    return serialized[serialized.index(b">", serialized.index(b"<w:styles")) + 1:serialized.rindex(_STYLES_END)]


def _in_language(style: Any, language: Language) -> None:
    """Normal's language, script font and direction (see _styles), in the schema's order of w:rPr and w:pPr."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = style.get_or_add_rPr()
    fonts = properties.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), language.font)
    fonts.set(qn("w:cs"), language.font)
    found = properties.find(qn("w:lang"))
    tag = {"zh": "w:eastAsia", "ar": "w:bidi"}.get(language.code, "w:val")
    found.set(qn(tag), language.word_code)
    if language.rtl:
        # w:rtl comes before w:lang in w:rPr, w:bidi before w:spacing in w:pPr.
        found.addprevious(OxmlElement("w:rtl"))
        paragraph = style.get_or_add_pPr()
        paragraph.insert(0, OxmlElement("w:bidi"))


def _numbering(starts: tuple[int, ...]) -> bytes:
    """numbering.xml: the template's lists, and the UN numbered paragraphs ("18.", its number hanging 1 cm in
    the margin, a tab before the text), one run of numbers for each of ``starts``. Word numbers the paragraphs
    itself, so that a paragraph added by hand in Word renumbers the ones after it, as in a UN report."""
    template = dict(_template().parts)[_NUMBERING]
    level = (f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
             f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{cm(1.0)}" w:hanging="{cm(1.0)}"/></w:pPr></w:lvl>')
    abstract = f'<w:abstractNum w:abstractNumId="{NUMBERED}"><w:multiLevelType w:val="singleLevel"/>{level}</w:abstractNum>'
    instances = "".join(
        f'<w:num w:numId="{NUMBERED + index}"><w:abstractNumId w:val="{NUMBERED}"/>'
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'
        for index, start in enumerate(starts)
    )
    # The schema puts every w:abstractNum before the first w:num.
    first_num = template.index(b"<w:num ")
    closing = template.rindex(b"</w:numbering>")
    return template[:first_num] + abstract.encode() + template[first_num:closing] + instances.encode() + template[closing:]


def _core(title: str, moment: dt.datetime) -> bytes:
    from docx.opc.coreprops import CoreProperties
    from docx.opc.oxml import serialize_part_xml

    element = copy.deepcopy(_template().core)
    properties = CoreProperties(element)
    properties.title = title
    properties.author = properties.last_modified_by = "meetplan"
    properties.created = properties.modified = moment
    properties.revision = 1
    return bytes(serialize_part_xml(element))


def document(body: Iterable[str], *, symbol: str, title: str, issued: dt.date, stamp: dt.datetime | None,
             size: float = 10, styles: tuple[ParagraphStyle, ...] = (), links: Links | None = None,
             language: Language | None = None, numbered_from: tuple[int, ...] = (), masthead: bool = False) -> bytes:
    """The .docx bytes of ``body`` (WordprocessingML text: paragraphs and tables, written as they are made) in
    an A4 document with the UN body text at ``size`` points, ``styles`` of its own, the symbol in the top right
    corner of every page (or what stands in its place, such as "For internal use"; in the left one for a language
    written right to left), ``language`` its language (English by default), ``title`` as its Title
    property, and its dates and ZIP stamps from ``stamp`` (else the issue date). ``numbered_from`` are the first
    numbers of the runs of numbered paragraphs (``paragraph(numbered=...)``). ``masthead``: the body opens with
    the UN masthead, which carries the symbol on the first page, so the page header (the symbol again) starts on
    the second (w:titlePg). ``links`` holds the hyperlinks
    the body names by relationship id; it is read once the body has been written.

    Raises ValueError for a title longer than the 255 characters the property holds."""
    template = _template()
    moment = build_moment(issued, stamp)
    own = {
        _STYLES: _styles(size, styles, language),
        # One line: a line break or tab would become <w:br/> or <w:tab/>.
        _HEADER: template.header_start + run(" ".join(symbol.split()), BOLD).encode() + template.header_end,
        _CORE: _core(title, moment.replace(tzinfo=None)),
    }
    if numbered_from:
        own[_NUMBERING] = _numbering(numbered_from)
    package = Package(moment)
    for name, data in template.parts:
        if name == _DOCUMENT:
            with package.open(name) as stream:
                stream.write(template.body_start)
                for chunk in _batched(body):
                    stream.write(chunk.encode())
                stream.write(template.body_end.replace(b"<w:docGrid", b"<w:titlePg/><w:docGrid", 1) if masthead else template.body_end)
        elif name == _RELS and links is not None:
            package.write(name, links.xml())  # after the body, which made the links
        else:
            package.write(name, own.get(name, data))
    return package.close()


def _batched(body: Iterable[str]) -> Iterator[str]:
    batch: list[str] = []
    size = 0
    for part in body:
        batch.append(part)
        size += len(part)
        if size >= _CHARACTERS_PER_WRITE:
            yield "".join(batch)
            batch.clear()
            size = 0
    yield "".join(batch)
