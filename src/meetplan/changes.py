"""What changed for delegates between two issues of the organization of work, in plain words.

A rebuild over a previous issue compares the previous ``annex.tsv`` in the output folder with the one it renders:
the annex is what delegates were told, in their words (days, hours, items), so the notice says what changed
in those same words, and needs no other memory between builds than the calendars do. The secretariat puts the
lines in its notice to delegates ("The following changes have been made to the organization of work ...").

What is compared (the TSV's rows, DOMAIN.md's annex rules): each plenary meeting is a day heading and hours;
each item is its number ("2", "1 (a)") with the plenary meetings that take it up.

- a plenary meeting is *cancelled* when its day and hours are gone, *added* when new; when the count is the same,
  a meeting whose number now falls on other hours has *moved* (the calendar moves the same event);
- an item is *moved* when the plenary meetings that take it up differ, both lists written out;
- a speaker has *moved* when the time the previous running-order.md expected them under an item is on another
  day, or more than 15 minutes from the time the new one expects (a speaker who speaks twice under an item, for a
  group and nationally, is compared turn by turn).
"""

from __future__ import annotations

import html
import re

from meetplan.style import join_list, ordinal

Meeting = tuple[str, str]  # (day heading "Wednesday, 9 September", hours "10 a.m.–1 p.m.")


def read_annex_tsv(data: bytes) -> tuple[list[Meeting], dict[str, list[Meeting]], dict[str, str]]:
    """(plenary meetings in order, the meetings of each item, each item's title) from an annex.tsv's bytes.

    Never raises for a file that is not an annex: unreadable rows are skipped (a changed notice is a courtesy,
    never a reason to stop a build).
    """
    meetings: list[Meeting] = []
    items: dict[str, list[Meeting]] = {}
    titles: dict[str, str] = {}
    day = ""
    for line in data.decode("utf-8", "replace").splitlines()[1:]:
        cells = [*line.split("\t"), "", ""][:3]
        time, item, title = (_plain(cell) for cell in cells)
        if time and not item:
            day = time
            continue
        if not item:
            continue  # a day's note after its plenary meetings
        if time:
            meetings.append((day, time))
        if not meetings:
            continue
        taken = items.setdefault(item, [])
        if meetings[-1] not in taken:
            taken.append(meetings[-1])
        titles.setdefault(item, title.removesuffix(" (continued)"))
    return meetings, items, titles


def _plain(cell: str) -> str:
    """A TSV cell as text: no italics markers, entities read, no formula guard."""
    text = html.unescape(cell.replace("<i>", "").replace("</i>", ""))
    return text[1:] if text[:2] in ("'=", "'+", "'-", "'@") else text


def _when(meetings: list[Meeting]) -> str:
    """"Tuesday, 8 September, 10 a.m.–1 p.m. and 3–6 p.m.; Wednesday, 9 September, 10 a.m.–1 p.m.": a day written
    once, days apart by semicolons (the hours of a day are already joined by "and")."""
    days: dict[str, list[str]] = {}
    for day, hours in meetings:
        days.setdefault(day, []).append(hours)
    return "; ".join(f"{day}, {join_list(hours)}" for day, hours in days.items()) if days else "no plenary meeting"


def _short(title: str, width: int = 60) -> str:
    return title if len(title) <= width else title[: width - 1].rstrip(" ,;") + "\u2026"


def changes(previous: bytes, current: bytes) -> list[str]:
    """The changes from the previous annex.tsv to the current one, one sentence each: plenary meetings cancelled,
    added or moved, then items taken up at other days or hours, in the current agenda order. Empty when nothing
    a delegate sees changed."""
    before, items_before, _ = read_annex_tsv(previous)
    after, items_after, titles = read_annex_tsv(current)
    lines: list[str] = []
    if len(before) == len(after):
        for number, (old, new) in enumerate(zip(before, after, strict=True), start=1):
            if old != new:
                lines.append(f"The {ordinal(number)} plenary meeting moves from {_when([old])} to {_when([new])}.")
    else:
        lines += [f"The plenary meeting of {_when([gone])} is cancelled." for gone in before if gone not in after]
        lines += [f"A plenary meeting is added on {_when([new])}." for new in after if new not in before]
    for item, meetings in items_after.items():
        earlier = items_before.get(item, [])
        if earlier != meetings:
            lines.append(f"Item {item}, {_short(titles[item])}: now {_when(meetings)} (previously {_when(earlier)}).")
    lines += [f"Item {item} is no longer on the organization of work (previously {_when(earlier)})."
              for item, earlier in items_before.items() if item not in items_after]
    return lines


MOVED_MINUTES = 15  # the threshold: a speaker is told when the expected time moves by more than this

_TIME = re.compile(r"^(\d{1,2})(?:\.(\d{2}))? ([ap])\.m\.$")
Turn = tuple[str, str]  # (the day heading, the time "10.20 a.m.")


def _minutes(time: str) -> int | None:
    """Minutes after midnight of a running order's time ("10.20 a.m.", "3 p.m.", "noon"); None for another text."""
    if time == "noon":
        return 12 * 60
    match = _TIME.match(time)
    if match is None:
        return None
    hour = int(match[1]) % 12 + (12 if match[3] == "p" else 0)
    return hour * 60 + int(match[2] or 0)


def read_running_order(data: bytes) -> dict[tuple[str, str, int], Turn]:
    """Each timed turn of a running-order.md: (item label, speaker as the row names them, the turn's place among
    that speaker's turns under the item) -> (day, time). Never raises: rows it cannot read are skipped."""
    turns: dict[tuple[str, str, int], Turn] = {}
    seen: dict[tuple[str, str], int] = {}  # turns so far of each speaker under each item
    day = item = ""
    for line in data.decode("utf-8", "replace").splitlines():
        if line.startswith("## "):
            day = line.split(" \u2014 ", 1)[-1].rsplit(", ", 1)[0]  # "1st plenary meeting — Tuesday, 8 September, 10 a.m.–1 p.m."
        elif line.startswith("### Item "):
            item = line[len("### Item "):].split(":", 1)[0].removesuffix(" (continued)")
        elif line.startswith("| ") and not line.startswith(("| Time ", "| ---")):
            cells = [re.sub(r"\\(.)", r"\1", cell.strip()) for cell in line.strip("|").split(" | ")]
            if len(cells) >= 2 and _minutes(cells[0]) is not None:
                count = seen[(item, cells[1])] = seen.get((item, cells[1]), -1) + 1
                turns[(item, cells[1], count)] = (day, cells[0])
    return turns


def speakers_moved(previous: bytes, current: bytes) -> list[str]:
    """The speakers whose expected time moved to another day or by more than MOVED_MINUTES, one sentence each,
    in the current running order's order."""
    before = read_running_order(previous)
    lines = []
    for (item, speaker, turn), (day, time) in read_running_order(current).items():
        was = before.get((item, speaker, turn))
        if was is None:
            continue
        old, new = _minutes(was[1]), _minutes(time)
        if was[0] != day or (old is not None and new is not None and abs(new - old) > MOVED_MINUTES):
            who = speaker.split(", ", 1)[0]  # "Amanda Ledwaba (South Africa)", without the function
            lines.append(f"{who}, under item {item}: now expected {day}, {time} (previously {was[0]}, {was[1]}).")
    return lines
