"""Text from input as literal text in the Markdown and HTML outputs: one escaping function per format.

Every renderer that writes Markdown or HTML passes each piece of input text (titles, names, symbols, notes)
through these, and writes its own markup around the result. The Markdown is read by CommonMark tools (pandoc,
markdown-it) and by GitHub, whose Markdown also turns bare addresses into links ("www.", "https://", e-mail
addresses), so text must stay text under both: no emphasis, code, links, images, raw HTML, entities, table
cells, headings, lists, quotes or autolinks. Everything is done with CommonMark's backslash escapes, which every
reader shows as the bare character, so the text a reader sees is the text that was typed.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

# Characters XML 1.0 and Word cannot carry (pasted from other programs), which no output shows either.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")

# Inline markup anywhere in a line: emphasis and strikethrough (* _ ~), code (`), links and images ([ ]), raw
# HTML and autolinks (< >), entities (&), table cells (|), headings (#), math on GitHub ($) and e-mail
# autolinks (@). "!" and "(" mean nothing once "[" is escaped, so they stay bare.
_SPECIAL = re.compile(r"[\\`*_\[\]<>|~&#$@]")
# What GitHub (and markdown-it's linkify) turn into a link without any markup: "www.example.org",
# "example.org", "https://…", "//host". Escaping the dot after "www" or before a top-level domain (two letters
# or more; linkify takes any character but spaces and punctuation for a host name's, "=" and U+200B included),
# the colon before "//" and the first slash of "//" breaks each such address into plain text, while "WG.7",
# "Rev.1", "a.m." and "p.m." stay as they are.
_AUTOLINK = re.compile(r"\.(?<=[wW]{3}\.)|\.(?<=\S\.)(?=[^\W\d_]{2})|:(?=//)|/(?=/)")
# GitHub finds e-mail addresses (and links "@name" to a person's page) in the text after escapes are removed, so
# no escape stops either; a word joiner (U+2060, invisible, no break) on each side of "@" does, and the text reads
# and prints the same.
_AT = "\u2060@\u2060"
# What opens a block at the start of a line: a list item ("- ", "+ ", "1. ", "1) "), a rule, a heading
# underline ("---", "===") or a table's delimiter row ("-:", ":-"). "#", ">", "*", "_", "`", "~" and "|" are
# escaped everywhere already.
_BLOCK = re.compile(r"^(?:([-+=])(?=[\s=+:-]|$)|(:)(?=-)|(\d+)([.)])(?=\s|$))")
# Any printable character one of the rules above may act on: text without one, printable (so without control
# characters, and without white space but " ": every other is unprintable), without two spaces in a row, a space at
# either end or a block marker at the start (most names and titles) needs nothing done. A regular expression that looked
# for the spaces took 2.3 times as long on L's 100,000 names.
_ATTENTION = re.compile(r"[\\`*_\[\]<>|~&#$@.:/]")
_BLOCK_START = frozenset("-+=:0123456789")


def one_line(value: str) -> str:
    """Input text on one line: a title never carries a line break or tab into a table cell."""
    return " ".join(value.split())


def _backslash(match: re.Match[str]) -> str:
    return "\\" + match.group()


def markdown_text(value: str) -> str:
    """Input text as literal Markdown on one line: safe in a paragraph, a heading, a list item or a table cell."""
    if (_ATTENTION.search(value) is None and value.isprintable() and "  " not in value and value[:1] not in _BLOCK_START
            and value[:1] != " " and value[-1:] != " "):
        return value
    line = one_line(_ILLEGAL.sub("", value))
    if "@" in line:
        line = line.replace("@", _AT)
    # A function, not a template such as r"\\\1": re parses a template on every call, and most calls match nothing.
    escaped = _SPECIAL.sub(_backslash, line)
    if "." in escaped or ":" in escaped or "/" in escaped:
        escaped = _AUTOLINK.sub(_backslash, escaped)
    if escaped[:1] in _BLOCK_START:
        escaped = _BLOCK.sub(lambda m: f"{m.group(3)}\\{m.group(4)}" if m.group(3) else f"\\{m.group()}", escaped)
    return escaped


# What an address may hold as is: RFC 3986's unreserved and reserved characters. Everything else (spaces, line
# breaks, "<", ">", quotes, backslashes, non-ASCII, a "%" that starts no escape) is percent-encoded, so an
# address made from input is one link, whatever the input held.
_URL_SAFE = "-._~:/?#[]@!$&'()*+,;="
_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def url(address: str) -> str:
    """An address with every character a link cannot hold percent-encoded (escapes already made are kept)."""
    return "%".join(quote(part, safe=_URL_SAFE) for part in _PERCENT.sub("%25", address).split("%"))


def markdown_destination(address: str) -> str:
    """An address as a Markdown link destination: in "<…>" (so parentheses need no balancing), percent-encoded,
    and "&" escaped, which CommonMark would otherwise read as the start of an entity such as "&lt;"."""
    return "<" + url(address).replace("&", "\\&") + ">"


_HTML_SPECIAL = re.compile(r"[&<>\"'\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def html_text(value: str) -> str:
    """Input text as literal HTML, in an element or a quoted attribute."""
    if _HTML_SPECIAL.search(value) is None:
        return value
    return html.escape(_ILLEGAL.sub("", value), quote=True)
