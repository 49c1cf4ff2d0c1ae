"""Text from input never becomes markup, a live link, a formula or a broken cell (issue 13).

The Markdown outputs are read by real parsers: markdown-it (CommonMark, with its linkify option, which turns
bare addresses into links as GitHub does) and cmark-gfm (GitHub's own Markdown, autolinks and tables on). The
HTML a hostile text renders to must have the elements of a plain word's, and show the text as typed.
"""

from __future__ import annotations

import csv
import html
import html.parser
import io
import logging
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import cmarkgfm
import pytest
from click.testing import CliRunner
from cmarkgfm.cmark import Options
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from meetplan.cli import main
from meetplan.config import load
from meetplan.render.markup import markdown_destination, markdown_text, one_line
from meetplan.render.xlsx import CELL_LIMIT, CUT_MARK, Workbook, cell_length, fit_cell

from conftest import FULL_TEXTS, ROOT, SEEDS, full_meeting

_MARKDOWN_IT = MarkdownIt("commonmark", {"linkify": True}).enable(["linkify", "table", "strikethrough"])
PARSERS: dict[str, Callable[[str], str]] = {
    "commonmark+linkify": _MARKDOWN_IT.render,
    # Unsafe: raw HTML is passed through, as pandoc and many viewers do, instead of being dropped.
    "gfm": lambda text: cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE),
}
# Where the renderers put input text: a paragraph, headings, list items, a table cell, a line under a line
# (setext headings and table delimiter rows), a quote, and after a link of meetplan's own.
CONTEXTS = ["{}", "# {}", "### {}", "- {}", "1. {}", "| a | b |\n| --- | --- |\n| {} | c |", "x\n{}", "{}\n===", "> {}",
            "[link](<https://undocs.org/A/1>) {} end"]
HOSTILE = [
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "<!-- the rest is hidden", "<https://evil.example>",
    "[a](javascript:alert(1))", "![i](https://evil.example/i.png)", "[ref]: https://evil.example", "[^1]",
    "*emphasis* _emphasis_ **strong** ~~struck~~ `code`", "&lt;b&gt; &#60;i&#62; &amp;", "a | b | c", "\\*not\\*",
    "# heading", "## heading", "> quote", "- item", "+ item", "* item", "1. item", "1) item", "---", "===", "***", "___",
    "```", "~~~", "    indented", "-:", ":-", "line\nbreak", "tab\there", "trailing  ", "$x^2$", "a\\",
    "https://evil.example/a", "HTTP://EVIL.EXAMPLE", "ftp://evil.example", "//localhost/x", "www.evil.example",
    "WWW.Evil.Example", "www.x", "_www.evil.example", "(www.evil.example)", "evil.com", "пример.рф", "a\u200b.org",
    "x=.рф", "mail a@b.org", "mailto:a@b.org", "thanks @octocat", "@org/team", "xmpp:a@b.co/resource", "first.last+tag@example.co.uk",
    "CTOC/COP/WG.7/2020/INF/1/Rev.1", "10 a.m.–1 p.m.", "U.S.A., e.g. and i.e.",
]


def structure(rendered: str) -> list[str]:
    """The elements of rendered HTML, with their attributes."""
    return re.findall(r"</?[a-zA-Z][^>]*>", rendered)


def visible(rendered: str) -> str:
    """The text of rendered HTML as a reader sees it: one line, without the invisible word joiner."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", rendered)).replace("\u2060", "").split())


def assert_literal(text: str) -> None:
    """In every context and parser, escaped ``text`` renders as a plain word does, showing the text as typed."""
    escaped = markdown_text(text)
    # As a reader sees it: control characters are dropped, and the word joiner is invisible.
    shown = one_line(re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2060]", "", text))
    for context in CONTEXTS:
        for name, render in PARSERS.items():
            plain, hostile = render(context.format("plainword")), render(context.format(escaped))
            assert structure(hostile) == structure(plain), f"{name}, {context!r}: {escaped!r} renders as {hostile!r}"
            assert shown in visible(hostile), f"{name}, {context!r}: {escaped!r} shows as {hostile!r}"


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_text_renders_as_text_under_commonmark_and_gfm(text: str) -> None:
    """Each kind of Markdown syntax and autolink in input text is shown, never rendered."""
    assert_literal(text)


ATOMS = [*"\\`*_[]<>|~&#$@!()-+=.:/;\"' 0123456789\n\t", "www", "http", "https", "mailto", "org", "com", "é", "рф",
         "&lt;", "&#60;", "<a href=x>", "javascript:", "1.", "---", "```", "<!--", "[x]", "(y)", "\u200b", "\u00a0", "ab"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ATOMS), min_size=1, max_size=14).map("".join).filter(lambda text: text.strip() != ""))
def test_markdown_text_random_syntax_renders_as_text(text: str) -> None:
    """Any mix of Markdown's syntax characters, addresses and entities is shown, never rendered."""
    assert_literal(text)


def test_markdown_text_keeps_plain_titles_as_they_are() -> None:
    """Symbols, times and abbreviations need no escape, so the seeds' Markdown stays as it was."""
    plain = ["CTOC/COP/WG.7/2020/INF/1/Rev.1", "10 a.m.–1 p.m.", "Monday, 7 September — Official holiday", "1 (a)",
             "Adoption of the agenda and organization of work", "U.S.A., e.g. and i.e."]
    assert [markdown_text(text) for text in plain] == plain


def test_markdown_text_keeps_github_from_linking_addresses_and_names() -> None:
    """GitHub links e-mail addresses and "@name" found in the rendered text, escapes or not: "@" is never next to a
    letter or digit there (an invisible word joiner stands between)."""
    for text in ("mail a@b.org", "thanks @octocat", "@org/team", "first.last+tag@example.co.uk"):
        rendered = PARSERS["gfm"](markdown_text(text))
        assert re.search(r"[A-Za-z0-9.+_-]@|@[A-Za-z0-9]", rendered) is None, rendered


def test_markdown_destination_is_one_link_to_the_address() -> None:
    """An address made from a hostile symbol stays one link, to the address given, whatever the symbol holds."""
    for symbol in HOSTILE:
        address = f"https://undocs.org/{symbol}"
        for name, render in PARSERS.items():
            rendered = render(f"see [{markdown_text(symbol)}]({markdown_destination(address)}).")
            links = re.findall(r'<a href="([^"]*)"', rendered)
            assert len(links) == 1 and links[0].startswith("https://undocs.org/"), f"{name}: {symbol!r} gives {rendered!r}"
            assert structure(rendered) == ['<p>', f'<a href="{links[0]}">', "</a>", "</p>"], f"{name}: {symbol!r}"


# --- every Markdown and HTML output of a build ---------------------------------------------------------------------

REPORT = """\
report:
  instrument: Testing Protocol
  summary: [2, 3]
  document_url: https://undocs.org/{symbol}
"""
DATA = """\
delegations:
  parties: [Austria, Brazil, Mexico]
participants:
  registrations: registrations.csv
speakers:
  file: inscriptions.csv
"""
# No e-mail address: registrations refuse one in a published column (markdown_text's own tests cover them).
PAYLOAD = ("<script>alert(1)</script> [a](javascript:alert(1)) www.evil.example https://evil.example/x evil.org "
           "*x* _y_ `z` ~~s~~ | &lt; # h")
TEXT_FIELDS = [field for field in FULL_TEXTS if field != "url"]


def build(folder: Path, text: Callable[[str], str]) -> dict[str, str]:
    """The text outputs of a build whose every text (configuration, registrations, inscriptions) is ``text(field)``."""
    folder.mkdir()
    (folder / "meeting.yaml").write_text(full_meeting(**{f: text(f) for f in TEXT_FIELDS}) + REPORT + DATA, encoding="utf-8")

    def csv_file(name: str, rows: list[list[str]]) -> None:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(rows)
        (folder / name).write_text(buffer.getvalue(), encoding="utf-8")

    csv_file("registrations.csv", [["First Name", "Last Name", "Position", "Affiliation", "Email", "Participation"],
                                   [text("given"), text("family"), text("position"), "Austria", "a@example.org", "In person"]])
    csv_file("inscriptions.csv", [["item", "kind", "name", "title", "delegation", "on behalf of", "inscribed"],
                                  ["2", "panellist", text("panellist"), text("panellist_title"), "Mexico", text("behalf"), ""],
                                  ["2", "statement", text("speaker"), text("speaker_title"), "Brazil", "", "2020-09-07 10:00"]])
    result = CliRunner().invoke(main, ["build", str(folder / "meeting.yaml"), "--output", str(folder / "out")])
    assert result.exit_code == 0, result.output
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((folder / "out").iterdir()) if p.suffix in (".md", ".html")}


class _Elements(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, ...]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, *sorted(name for name, _ in attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.elements.append(("/" + tag,))

    def handle_comment(self, data: str) -> None:
        self.elements.append(("!--",))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def elements(document: str) -> tuple[list[tuple[str, ...]], str]:
    parser = _Elements()
    parser.feed(document)
    parser.close()
    return parser.elements, " ".join(" ".join(parser.text).replace("\u2060", "").split())


def test_every_markdown_and_html_output_shows_hostile_text_as_text(tmp_path: Path) -> None:
    """With markup, links and addresses in every text, each Markdown output renders (CommonMark with linkify, GFM)
    and each HTML output parses to the elements of a plain build, the only links being meetplan's own."""
    plain = build(tmp_path / "plain", lambda field: f"plain {field}")
    hostile = build(tmp_path / "hostile", lambda field: f"{PAYLOAD} {field}")
    assert sorted(hostile) == sorted(plain)
    assert {"annex.md", "annex.html", "report.md", "running-order.md", "list-of-participants.md"} <= set(plain)
    shown = 0
    for name in plain:
        renderings = {"html": plain[name]} if name.endswith(".html") else {p: render(plain[name]) for p, render in PARSERS.items()}
        for parser, rendered in renderings.items():
            hostile_rendered = hostile[name] if name.endswith(".html") else PARSERS[parser](hostile[name])
            (plain_elements, _), (hostile_elements, text) = elements(rendered), elements(hostile_rendered)
            assert hostile_elements == plain_elements, f"{name} ({parser}): the text changed the elements"
            links = re.findall(r'<a href="([^"]*)"', hostile_rendered)
            assert all(link.startswith("https://undocs.org/") for link in links), f"{name} ({parser}): {links}"
            shown += text.count(one_line(PAYLOAD))
    assert shown >= 20  # the payload shows, whole, many times over


# --- the filed cases (their configurations copied into tests/seeds/) -------------------------------------------------


def build_case(case: str, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(SEEDS / f"{case}.yaml"), "--output", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_case_report_link_injection_symbols_stay_one_link_each(tmp_path: Path) -> None:
    """report-link-injection: each hostile symbol is one link to https://undocs.org/ with its symbol
    percent-encoded, and report.md has no element the symbols brought."""
    report = (build_case("report-link-injection", tmp_path) / "report.md").read_text(encoding="utf-8")
    assert ("([TST/WG.1/2026/2\\>) \\<img src=x onerror=alert(1)\\> (\\<x]"
            "(<https://undocs.org/TST/WG.1/2026/2%3E)%20%3Cimg%20src=x%20onerror=alert(1)%3E%20(%3Cx>))") in report
    assert ("([TST/WG.1/2026/3 \\<script\\>alert(2)\\</script\\> \\# Injected heading]"
            "(<https://undocs.org/TST/WG.1/2026/3%0A%3Cscript%3Ealert(2)%3C/script%3E%0A%23%20Injected%20heading>))") in report
    for name, render in PARSERS.items():
        rendered = render(report)
        assert re.findall(r"<(img|script|h1)\b", rendered) == ["h1"], name  # the report's own title only
        links = re.findall(r'<a href="([^"]*)"', rendered)
        assert [link.split("/")[:4] for link in links] == [["https:", "", "undocs.org", "TST"]] * 3, name


def test_case_tsv_italic_marker_only_meetplan_writes_i(tmp_path: Path) -> None:
    """tsv-italic-marker: a typed "<i>" is written as entities; the only <i> are meetplan's italics."""
    tsv = (build_case("tsv-italic-marker", tmp_path) / "annex.tsv").read_text(encoding="utf-8").splitlines()
    assert tsv[4:6] == ["\t2\tBudget (&lt;i&gt;continued&lt;/i&gt;)",
                        "3–6 p.m.\t2\tBudget (&lt;i&gt;continued&lt;/i&gt;) (<i>continued</i>)"]


# --- workbooks: no cell longer than Excel holds ---------------------------------------------------------------------


def cells(data: bytes) -> list[str]:
    """The text of every cell of every sheet."""
    package = zipfile.ZipFile(io.BytesIO(data))
    texts = []
    for name in package.namelist():
        if name.startswith("xl/worksheets/"):
            xml = package.read(name).decode()
            texts += [html.unescape(t) for t in re.findall(r"<t(?: [^>]*)?>([^<]*)</t>", xml)]
    return texts


def test_fit_cell_cuts_at_excels_limit_counting_utf16_units() -> None:
    """A text over 32,767 UTF-16 units ends in "…" at exactly the limit, without splitting an emoji's pair."""
    assert fit_cell("a" * CELL_LIMIT) == "a" * CELL_LIMIT
    assert fit_cell("a" * (CELL_LIMIT + 1)) == "a" * (CELL_LIMIT - 1) + CUT_MARK
    emoji = "a" + "😀" * 20_000  # 40,001 units: the limit falls between an emoji's two halves
    assert (cell_length(fit_cell(emoji)), fit_cell(emoji)[-2:]) == (CELL_LIMIT - 1, "😀" + CUT_MARK)


def test_workbook_cell_longer_than_excel_holds_is_cut_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    """Any workbook: the long cell is cut and a warning names the workbook, sheet, cell and column."""
    book = Workbook(load(ROOT / "config" / "wgsom-2020.yaml"), "Participants")
    sheet = book.add_sheet("In the room", ["No.", "Title or function"], [5, 30], filter_rows=1)
    biography = "Senior Legal Adviser & expert. " * 1300  # 40,300 characters
    with caplog.at_level(logging.WARNING):
        sheet.append([1, biography])
        data = book.close()
    texts = cells(data)
    assert max(cell_length(text) for text in texts) == CELL_LIMIT
    assert texts[-1] == biography[: CELL_LIMIT - 1] + CUT_MARK
    assert caplog.messages == [
        "warning: Participants, sheet 'In the room', cell B2 (Title or function): 40,300 characters cut to 32,767, "
        "the most an Excel cell holds; shorten the text at its source"]


def test_build_with_a_long_text_writes_no_cell_longer_than_excel_holds(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A title longer than a cell holds reaches the speakers' workbook cut, and the build warns."""
    long_title = "Impact of natural disasters on the smuggling of migrants; " * 600  # 34,800 characters
    folder = tmp_path / "m"
    build_texts = {"topic": long_title}
    folder.mkdir()
    (folder / "meeting.yaml").write_text(full_meeting(**build_texts) + DATA.replace("  registrations: registrations.csv\n", "")
                                         .replace("participants:\n", ""), encoding="utf-8")
    (folder / "inscriptions.csv").write_text("item,kind,name,title,delegation,on behalf of,inscribed\r\n"
                                             "2,statement,Ana Silva,Minister,Brazil,,2020-09-07 10:00\r\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(folder / "meeting.yaml"), "--output", str(folder / "out")])
    assert result.exit_code == 0, result.output
    workbooks = sorted((folder / "out").glob("*.xlsx"))
    assert workbooks and all(max(map(cell_length, cells(w.read_bytes()))) <= CELL_LIMIT for w in workbooks)
    assert any(text.endswith(CUT_MARK) for w in workbooks for text in cells(w.read_bytes()))
    assert any("characters cut to 32,767" in message for message in caplog.messages)
