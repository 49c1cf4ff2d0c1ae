"""Reproducible Office Open XML packages (.docx, .xlsx): the same input gives the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile


def build_moment(issued: dt.date, stamp: dt.datetime | None = None) -> dt.datetime:
    """The moment stamped into documents (UTC): ``stamp`` when the plan resolved one, else the issue date at midnight."""
    return stamp or dt.datetime.combine(issued, dt.time(0, 0), tzinfo=dt.UTC)


def normalize_zip(data: bytes, moment: dt.datetime) -> bytes:
    """Rewrite a ZIP with every member stamped ``moment``: python-docx and openpyxl stamp the clock."""
    # ZIP timestamps cannot go before 1980.
    stamp = max(moment, dt.datetime(1980, 1, 1, tzinfo=dt.UTC)).timetuple()[:6]
    source = zipfile.ZipFile(io.BytesIO(data))
    target_buffer = io.BytesIO()
    with zipfile.ZipFile(target_buffer, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            member.create_system = 0  # the same bytes whichever system builds them
            target.writestr(member, source.read(info.filename))
    return target_buffer.getvalue()
