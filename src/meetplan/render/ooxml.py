"""Reproducible Office Open XML packages (.docx, .xlsx): the same input gives the same bytes."""

from __future__ import annotations

import datetime as dt
import re
import zipfile

# Characters XML 1.0 cannot carry (pasted from other programs): removed, as they mean nothing here and Word and
# Excel refuse a file that has them.
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# What text needs done before it goes into XML: removed (ILLEGAL), or escaped ("\r" as "&#13;", else XML readers
# read it as "\n").
NEEDS_ESCAPE = re.compile(r"[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text: str) -> str:
    """Text as XML character data, as lxml writes it, without what XML 1.0 cannot carry."""
    if NEEDS_ESCAPE.search(text) is None:  # most names and titles: nothing to do
        return text
    text = ILLEGAL.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r", "&#13;")


def build_moment(issued: dt.date, stamp: dt.datetime | None = None) -> dt.datetime:
    """The moment stamped into documents (UTC): ``stamp`` when the plan resolved one, else the issue date at midnight."""
    return stamp or dt.datetime.combine(issued, dt.time(0, 0), tzinfo=dt.UTC)


def zip_member(name: str, moment: dt.datetime) -> zipfile.ZipInfo:
    """A ZIP member stamped ``moment`` (not the clock), deflated at zlib's default level, readable by all, and
    the same whichever system builds it."""
    # ZIP timestamps cannot go before 1980.
    member = zipfile.ZipInfo(name, date_time=max(moment, dt.datetime(1980, 1, 1, tzinfo=dt.UTC)).timetuple()[:6])
    member.compress_type = zipfile.ZIP_DEFLATED
    member.external_attr = 0o644 << 16
    member.create_system = 0
    return member
