"""A calendar a build no longer writes, issued once more with every event cancelled.

A panellist who withdraws, or a configuration that drops ``speakers:``, leaves personal calendars that were
sent to people. Deleting the file would leave their events in every calendar that imported them; the writer
issues it once more with each event ``STATUS:CANCELLED`` and a higher SEQUENCE (as calendar.ics does for a
dropped plenary meeting), and removes it on the build after.

The previous file is rewritten line by line: its time zones, UIDs and everything else stay as they were sent.
"""

from __future__ import annotations

import datetime as dt
import re

from meetplan.render.calendar import CANCELLED_PREFIX, content_line, escape_text, fold, utc_line

_UNFOLD = re.compile(rb"\r?\n[ \t]")


def _lines(data: bytes) -> list[str]:
    text = _UNFOLD.sub(b"", data).decode("utf-8")
    return [line for line in re.split(r"\r?\n", text) if line]


def is_cancelled(data: bytes) -> bool:
    """Whether every event of a calendar is cancelled (a calendar without events counts as cancelled).

    ValueError when the data is not a calendar.
    """
    depth: list[str] = []
    cancelled, cancelled_here = True, False
    for line in _lines(data):
        name, _, value = content_line(line)
        if name == "BEGIN":
            depth.append(value.upper())
            if depth == ["VCALENDAR", "VEVENT"]:
                cancelled_here = False
        elif name == "END":
            if depth == ["VCALENDAR", "VEVENT"]:
                cancelled = cancelled and cancelled_here
            if depth:
                depth.pop()
        elif depth == ["VCALENDAR", "VEVENT"] and name == "STATUS":
            cancelled_here = value.upper() == "CANCELLED"
    return cancelled


def cancelled_calendar(data: bytes, moment: dt.datetime | None = None) -> bytes:
    """The calendar ``data`` with every event not yet cancelled sent as cancelled: STATUS:CANCELLED, SEQUENCE
    one higher, "Cancelled: " before its title; DTSTAMP and LAST-MODIFIED become ``moment`` when given.

    ValueError when the data is not a calendar.
    """
    lines = _lines(data)
    if not lines or lines[0].upper() != "BEGIN:VCALENDAR":
        raise ValueError("it does not begin with BEGIN:VCALENDAR")
    out: list[str] = []
    depth: list[str] = []
    index = 0
    while index < len(lines):
        name, _, value = content_line(lines[index])
        if name == "BEGIN" and value.upper() == "VEVENT" and depth == ["VCALENDAR"]:
            event, level = [], 0
            index += 1
            while True:
                if index >= len(lines):
                    raise ValueError("BEGIN:VEVENT is never ended")
                inner, _, _ = content_line(lines[index])
                if inner == "END" and level == 0:
                    break
                level += {"BEGIN": 1, "END": -1}.get(inner, 0)
                event.append(lines[index])
                index += 1
            out += ["BEGIN:VEVENT", *_cancel(event, moment), "END:VEVENT"]
            index += 1
            continue
        if name == "BEGIN":
            depth.append(value.upper())
        elif name == "END" and (not depth or depth.pop() != value.upper()):
            raise ValueError("an END does not close what was begun")
        out.append(lines[index])
        index += 1
    if depth:
        raise ValueError("the calendar is never ended")
    return b"\r\n".join(fold(line) for line in out) + b"\r\n"


def _cancel(event: list[str], moment: dt.datetime | None) -> list[str]:
    """One event's lines (its VALARMs included), cancelled unless it already was."""
    inner = 0
    own: list[tuple[int, str, str]] = []  # (index, NAME, value) of the event's own properties
    for index, line in enumerate(event):
        name, _, value = content_line(line)
        if name == "BEGIN":
            inner += 1
        elif name == "END":
            inner -= 1
        elif inner == 0:
            own.append((index, name, value))
    status = next((value for _, name, value in own if name == "STATUS"), "")
    if status.upper() == "CANCELLED":
        return event
    sequence = next((value for _, name, value in own if name == "SEQUENCE"), "0")
    number = int(sequence) + 1 if sequence.strip().isdigit() else 1
    replaced = {"STATUS": "STATUS:CANCELLED", "SEQUENCE": f"SEQUENCE:{number}"}
    if moment is not None:
        replaced |= {"DTSTAMP": utc_line("DTSTAMP", moment), "LAST-MODIFIED": utc_line("LAST-MODIFIED", moment)}
    result = list(event)
    seen = set()
    for index, name, value in own:
        if name in replaced:
            result[index] = replaced[name]
            seen.add(name)
        elif name == "SUMMARY" and not value.startswith(escape_text(CANCELLED_PREFIX)):
            # Clients that ignore STATUS on import still show the word.
            result[index] = event[index][: len(event[index]) - len(value)] + escape_text(CANCELLED_PREFIX) + value
    at = next((i for i, line in enumerate(result) if content_line(line)[0] == "BEGIN"), len(result))
    result[at:at] = [line for name, line in replaced.items() if name not in seen]
    return result
