"""The report's organizational part as Markdown and Word, from the paragraphs ``meetplan.report`` builds.

Paragraph numbers are the report's own (they continue numbering that the configuration starts), so in Markdown
they are written as text ("18\\. The seventh ...") and never as an ordered list, which a viewer would renumber
(paras. 5 and 11 stand next to each other). The adopted agenda, numbered 1, 2, 3 like any list, is one. Document symbols are links when the configuration gives an address.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from meetplan.model import Meeting
from meetplan.render import Artifact
from meetplan.render.markup import markdown_destination, markdown_text, url
from meetplan.report import Heading, Report, Span

if TYPE_CHECKING:
    from meetplan.render.word import Links

MARKDOWN_NAME = "report.md"
DOCX_NAME = "report.docx"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# --- Markdown ------------------------------------------------------------------------------------------------


def _escape(text: str) -> str:
    """markdown_text, keeping the spaces at the ends that join one span to the next."""
    stripped = text.strip()
    if not stripped:
        return " " if text else ""
    return f"{' ' if text[0].isspace() else ''}{markdown_text(stripped)}{' ' if text[-1].isspace() else ''}"


def _markdown_spans(spans: Iterable[Span]) -> str:
    parts = []
    for span in spans:
        text = _escape(span.text)
        if span.italic:
            text = f"*{text}*"
        if span.link:
            # The address holds a document symbol, input like any other text: percent-encoded inside angle
            # brackets, it is one link to that address however the symbol is spelt.
            text = f"[{text}]({markdown_destination(span.link)})"
        parts.append(text)
    return "".join(parts)


def markdown(report: Report) -> str:
    lines: list[str] = []
    if report.symbol:
        lines += [markdown_text(report.symbol), ""]
    lines += [f"# {markdown_text(report.title)}", ""]
    for block in report.blocks:
        if isinstance(block, Heading):
            lines += [f"{'#' * (block.level + 1)} {markdown_text(block.text)}", ""]
            continue
        lines += [f"{block.number}\\. {_markdown_spans(block.spans)}", ""]
        for line in block.lines:
            text = f"{line.label} {_markdown_spans(line.spans)}"
            if line.label[0].isdigit():
                lines.append(text)  # an agenda item: a real ordered list, numbered 1, 2, 3 like the agenda
            elif line.level:
                lines.append(f"   - {text}")  # a sub-item, nested under its item (the seed's " - (a) ...")
            else:
                lines += [text, ""]  # a document "(a) ...": a paragraph of its own, as the seed prints it
        if lines[-1]:
            lines.append("")
    return "\n".join(lines)


def render_markdown(report: Report) -> Artifact:
    """report.md, from the report the plan composed."""
    return Artifact(name=MARKDOWN_NAME, media_type="text/markdown", data=markdown(report).encode())


# --- Word ------------------------------------------------------------------------------------------------------


# Typography of the Word report (issue 17): a typographic apostrophe, a date that never breaks across lines
# ("9\u00a0September\u00a02020"), "para." kept with its number and "COVID-19" never broken at its hyphen (U+2011).
_DATE = re.compile(r"\b(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December)"
                   r"(?: (\d{4}))?\b")
_PARA = re.compile(r"\b(paras?\.) (\d)")


def typeset(text: str) -> str:
    """A text as the Word report prints it: typographic apostrophes, no-break spaces and hyphens."""
    text = text.replace("'", "\u2019").replace("COVID-19", "COVID\u201119")
    text = _DATE.sub(lambda m: "\u00a0".join(filter(None, m.groups())), text)
    return _PARA.sub("\\1\u00a0\\2", text)


def _spans(spans: Iterable[Span], links: Links) -> str:
    """The runs of a paragraph's spans; a span with an address is a hyperlink (``links`` gives its relationship)."""
    from meetplan.render import word

    runs = []
    for span in spans:
        if span.link is None:
            runs.append(word.run(typeset(span.text), word.ITALIC if span.italic else "<w:rPr/>"))
        else:
            runs.append(word.hyperlink(links.rid(url(span.link)), span.text, italic=span.italic))
    return "".join(runs)


def number_runs(report: Report) -> list[int]:
    """The first number of each run of consecutive paragraph numbers: [5, 11, 18] for paragraphs 5, 11 and 18 to
    34. Word numbers the paragraphs of a run itself; a gap (paragraphs the secretariat writes) starts a new run."""
    starts: list[int] = []
    previous = None
    for block in report.blocks:
        if not isinstance(block, Heading):
            if previous is None or block.number != previous + 1:
                starts.append(block.number)
            previous = block.number
    return starts


def _body(report: Report, meeting: Meeting | None, links: Links) -> Iterator[str]:
    from meetplan.render import word

    starts = number_runs(report)
    if meeting is not None:
        yield from word.masthead(symbol=report.symbol or "", parent_body=meeting.parent_body, issued=report.issued)
    yield word.heading(typeset(report.title), size=14)
    for block in report.blocks:
        if isinstance(block, Heading):
            yield word.heading(typeset(block.text), size=12 if block.level == 1 else 10, space_after=6)
            continue
        # The UN numbered-paragraph layout: Word's number hangs in the margin before the text.
        run = bisect.bisect_right(starts, block.number) - 1  # the report's numbers rise: the run that holds it
        yield word.paragraph(_spans(block.spans, links), after=6, indent=1.0, hanging=1.0, align="justify", numbered=run)
        for index, line in enumerate(block.lines):
            # The last line closes the paragraph and takes its space; the lines inside a list stay close.
            yield word.paragraph(word.run(f"{line.label}\t") + _spans(line.spans, links),
                                 after=6 if index == len(block.lines) - 1 else 3, indent=2.0 + line.level, hanging=1.0,
                                 align="left")


def docx_bytes(report: Report, meeting: Meeting | None = None) -> bytes:
    """The Word report; with ``meeting``, under the UN masthead (its symbol, "Distr.: General", the date, "Original:
    English" and the parent body)."""
    from meetplan.render import word

    # The title is also the file's Title property, which holds at most 255 characters (python-docx refuses more).
    title = report.title if len(report.title) <= 255 else report.title[:254] + "…"
    links = word.Links()
    return word.document(_body(report, meeting, links), symbol=report.symbol or "", title=title, issued=report.issued,
                         stamp=report.stamp, links=links, numbered_from=tuple(number_runs(report)), masthead=meeting is not None)


def render_docx(report: Report, meeting: Meeting) -> Artifact:
    """report.docx, from the report the plan composed, with the meeting's masthead."""
    return Artifact(name=DOCX_NAME, media_type=DOCX_TYPE, data=docx_bytes(report, meeting))
