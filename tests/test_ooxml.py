"""render/ooxml.Package writes the bytes Python's zipfile writes for the same members (its reason to exist is
speed: a member given whole is deflated once per process), and every reader opens what it writes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetplan.render import ooxml
from meetplan.render.ooxml import Package

MOMENT = dt.datetime(2020, 11, 4, 9, 30, 17, tzinfo=dt.UTC)

# (name, data, streamed in pieces or given whole, zlib level)
Members = list[tuple[str, bytes, bool, int]]


def _by_zipfile(members: Members, moment: dt.datetime) -> bytes:
    """The same members through zipfile, as word.py and xlsx.py wrote them before Package."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data, streamed, level in members:
            member = zipfile.ZipInfo(name, date_time=max(moment, dt.datetime(1980, 1, 1, tzinfo=dt.UTC)).timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            member.create_system = 0
            if level != -1:
                setattr(member, "compress_level" if hasattr(member, "compress_level") else "_compresslevel", level)
            if streamed:
                with archive.open(member, "w") as stream:
                    for start in range(0, len(data), 7):
                        stream.write(data[start:start + 7])
            else:
                archive.writestr(member, data)
    return buffer.getvalue()


def _by_package(members: Members, moment: dt.datetime) -> bytes:
    package = Package(moment)
    for name, data, streamed, level in members:
        if streamed:
            with package.open(name, level) as stream:
                for start in range(0, len(data), 7):
                    stream.write(data[start:start + 7])
        else:
            package.write(name, data, level)
    return package.close()


def test_a_word_files_members_come_out_as_zipfile_writes_them() -> None:
    xml = b'<?xml version="1.0"?><w:styles>' + b"<w:style/>" * 5000 + b"</w:styles>"
    members: Members = [("[Content_Types].xml", b"<Types/>", False, -1), ("word/document.xml", xml * 3, True, -1),
                        ("word/styles.xml", xml, False, -1), ("word/stylesWithEffects.xml", xml, False, -1),
                        ("docProps/thumbnail.jpeg", bytes(range(256)) * 30, False, -1), ("xl/worksheets/sheet1.xml", xml, True, 1),
                        ("empty.xml", b"", False, -1), ("empty-streamed.xml", b"", True, 1)]
    assert _by_package(members, MOMENT) == _by_zipfile(members, MOMENT)
    # twice in one process: the second time the whole members' deflated forms are the ones kept
    assert _by_package(members, MOMENT) == _by_zipfile(members, MOMENT)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(min_size=1, max_size=20).filter(lambda name: "\x00" not in name), st.binary(max_size=3000),
                          st.booleans(), st.sampled_from([-1, 0, 1, 6, 9])), max_size=6, unique_by=lambda member: member[0]),
       st.datetimes(min_value=dt.datetime(1970, 1, 1), max_value=dt.datetime(2107, 12, 31, 23, 59, 59)))
def test_any_members_come_out_as_zipfile_writes_them(members: Members, moment: dt.datetime) -> None:
    """Names in any script (UTF-8, flagged), any data, any level, streamed or whole, stamps before 1980."""
    stamped = moment.replace(tzinfo=dt.UTC)
    written = _by_package(members, stamped)
    assert written == _by_zipfile(members, stamped)
    with zipfile.ZipFile(io.BytesIO(written)) as archive:
        assert archive.testzip() is None
        assert [(info.filename, archive.read(info)) for info in archive.infolist()] == [(n, d) for n, d, _, _ in members]


def test_a_closed_member_takes_no_more_data() -> None:
    package = Package(MOMENT)
    stream = package.open("word/document.xml")
    stream.write(b"<w:document/>")
    stream.close()
    with pytest.raises(ValueError, match=r"word/document\.xml: written after it was closed"):
        stream.write(b"more")


def test_a_member_too_large_for_a_plain_zip_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond 2 GB a member needs ZIP64, which Package does not write: refused, not written wrong."""
    monkeypatch.setattr(ooxml, "_ZIP64_LIMIT", 100)
    with pytest.raises(ValueError, match=r"big\.xml: a member of 2 GB or more"):
        Package(MOMENT).write("big.xml", bytes(101))
    with pytest.raises(ValueError, match=r"big\.xml: a member of 2 GB or more"), Package(MOMENT).open("big.xml") as stream:
        stream.write(bytes(101))


def test_a_package_refuses_what_zipfile_would_write_otherwise() -> None:
    """A name holding NUL (zipfile cuts it there), a member added while another is open, a package closed twice."""
    with pytest.raises(ValueError, match="cannot hold NUL"):
        Package(MOMENT).write("word/document.xml\x00.exe", b"")
    package = Package(MOMENT)
    stream = package.open("word/document.xml")
    with pytest.raises(ValueError, match=r"word/styles\.xml: not added: word/document\.xml is open"):
        package.write("word/styles.xml", b"<w:styles/>")
    with pytest.raises(ValueError, match=r"cannot be closed: word/document\.xml is open"):
        package.close()
    stream.close()
    package.close()
    with pytest.raises(ValueError, match="the package is closed"):
        package.write("late.xml", b"")
    with pytest.raises(ValueError, match="the package is closed"):
        package.close()
