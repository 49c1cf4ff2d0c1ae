"""Reproducible Office Open XML packages (.docx, .xlsx): the same input gives the same bytes."""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import struct
import zlib

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


class Package:
    """An Office Open XML package (a ZIP file) written into memory, one member after another, each deflated and
    stamped ``moment`` (not the clock; 1980 at the earliest, as ZIP stamps begin then) and readable by all;
    ``close()`` gives its bytes. Members are given whole (``write``) or streamed (``open``); ``level`` is zlib's.

    Raises ValueError where zipfile would write ZIP64 (a member or a package of about 2 GB or more, more than
    65,535 members: no document of ours comes near), for a name holding NUL, and for a member added while
    another is open or a package used after ``close``.

    Code of our own, not zipfile, for one reason measured: zipfile deflates every member each time, and cannot
    take one already deflated. Every Word file carries the template's parts (its two style parts alone are 876 KB
    of XML), which took 4.6 ms a file to deflate again: 65 ms for the 2020 meeting's 14 Word files. Here a member
    given whole is deflated once per process for the same bytes (``_deflated``). The bytes are zipfile's for the
    same members, header for header (tests/test_ooxml.py writes both and compares them)."""

    def __init__(self, moment: dt.datetime) -> None:
        stamp = max(moment, _FIRST_STAMP).timetuple()
        self._date = (stamp.tm_year - 1980) << 9 | stamp.tm_mon << 5 | stamp.tm_mday
        self._time = stamp.tm_hour << 11 | stamp.tm_min << 5 | stamp.tm_sec // 2
        self._buffer = io.BytesIO()
        self._directory: list[bytes] = []
        self._busy = ""  # why nothing can be added now: a member open, or the package closed

    def write(self, name: str, data: bytes, level: int = zlib.Z_DEFAULT_COMPRESSION) -> None:
        """Add the member ``name`` holding ``data``."""
        self._check(name)  # before deflating: a refused member costs nothing
        if len(data) * 1.05 > _ZIP64_LIMIT:  # where zipfile writes a member given whole as ZIP64
            raise ValueError(f"{name}: a member of 2 GB or more")
        crc, deflated = _deflated(data, level)
        offset = self._start(name, crc, len(deflated), len(data))
        self._buffer.write(deflated)
        self._list(name, crc, len(deflated), len(data), offset)

    def open(self, name: str, level: int = zlib.Z_DEFAULT_COMPRESSION) -> Member:
        """Add the member ``name``, its data written to the Member returned until it is closed; nothing else
        can be added meanwhile."""
        self._check(name)
        return Member(self, name, level)

    def close(self) -> bytes:
        """The package's bytes: its members, then the central directory that lists them."""
        if self._busy:
            raise ValueError(f"the package cannot be closed: {self._busy}")
        self._busy = "the package is closed"
        start = self._buffer.tell()
        for entry in self._directory:
            self._buffer.write(entry)
        size = self._buffer.tell() - start
        count = len(self._directory)
        if count > 0xFFFF or max(start, size) > _ZIP64_LIMIT:  # where zipfile ends a package as ZIP64
            raise ValueError("a package of 2 GB or more, or of more than 65,535 members")
        self._buffer.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, size, start, 0))
        return self._buffer.getvalue()

    def _check(self, name: str) -> None:
        if self._busy:
            raise ValueError(f"{name}: not added: {self._busy}")
        if "\x00" in name:
            raise ValueError(f"{name!r}: a member's name cannot hold NUL")

    def _start(self, name: str, crc: int, deflated: int, size: int) -> int:
        """Write a member's header where the package ends (``_check`` passed), and give its offset."""
        offset = self._buffer.tell()
        if offset > _ZIP64_LIMIT:
            raise ValueError(f"{name}: a package of 2 GB or more")
        self._buffer.write(self._header(name, crc, deflated, size))
        return offset

    def _header(self, name: str, crc: int, deflated: int, size: int) -> bytes:
        encoded, flags = _encoded(name)
        if max(deflated, size) > _ZIP64_LIMIT:
            raise ValueError(f"{name}: a member of 2 GB or more")
        return struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", _VERSION, 0, flags, _DEFLATED, self._time, self._date, crc,
                           deflated, size, len(encoded), 0) + encoded

    def _list(self, name: str, crc: int, deflated: int, size: int, offset: int) -> None:
        encoded, flags = _encoded(name)
        self._directory.append(struct.pack(
            "<4s4B4HL2L5H2L", b"PK\x01\x02", _VERSION, 0, _VERSION, 0, flags, _DEFLATED, self._time, self._date, crc,
            deflated, size, len(encoded), 0, 0, 0, 0, _READABLE_BY_ALL, offset) + encoded)


class Member:
    """A member of a Package being written: ``write`` deflates data into it as it comes, ``close`` ends it."""

    def __init__(self, package: Package, name: str, level: int) -> None:
        self._package, self._name = package, name
        self._offset = package._start(name, 0, 0, 0)  # the header is written again with the sizes once they are known
        package._busy = f"{name} is open"
        self._compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
        self._crc = self._size = self._deflated = 0
        self.closed = False

    def write(self, data: bytes) -> None:
        if self.closed:
            raise ValueError(f"{self._name}: written after it was closed")
        self._crc = zlib.crc32(data, self._crc)
        self._size += len(data)
        deflated = self._compressor.compress(data)
        self._deflated += len(deflated)
        self._package._buffer.write(deflated)

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        buffer = self._package._buffer
        rest = self._compressor.flush()
        self._deflated += len(rest)
        buffer.write(rest)
        end = buffer.tell()
        buffer.seek(self._offset)
        buffer.write(self._package._header(self._name, self._crc, self._deflated, self._size))
        buffer.seek(end)
        self._package._list(self._name, self._crc, self._deflated, self._size, self._offset)
        self._package._busy = ""

    def __enter__(self) -> Member:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


@functools.lru_cache(maxsize=64)  # more than the members of one Word file: the template's are found every time
def _deflated(data: bytes, level: int) -> tuple[int, bytes]:
    """The CRC-32 and the raw deflated form (zlib, no header, as ZIP keeps it) of ``data``."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return zlib.crc32(data), compressor.compress(data) + compressor.flush()


def _encoded(name: str) -> tuple[bytes, int]:
    """A member's name as ZIP writes it, and its flags: ASCII, else UTF-8 with the flag that says so."""
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode(), 0x800


_FIRST_STAMP = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
_VERSION = 20  # the ZIP version a deflated member needs, 2.0
_DEFLATED = 8
_READABLE_BY_ALL = 0o644 << 16  # rw-r--r--, as the external attributes' high half holds it
_ZIP64_LIMIT = (1 << 31) - 1  # zipfile's: beyond it a member needs ZIP64
