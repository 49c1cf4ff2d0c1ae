"""What changed for delegates between two issues of the organization of work, in plain words.

A rebuild over a previous issue compares the previous ``annex.tsv`` in the output folder with the one it renders:
the annex is what delegates were told, in their words (days, hours, items), so the notice says what changed
in those same words, and needs no other memory between builds than the calendars do. The secretariat puts the
lines in its notice to delegates ("The following changes have been made to the organization of work ...").

What is compared (the TSV's rows, DOMAIN.md's annex rules): each plenary meeting is a day heading and hours;
each item is its number ("2", "1 (a)") with the plenary meetings that take it up.

- a plenary meeting is *cancelled* when its day and hours are gone, *added* when new; when the count is the same,
  a meeting whose number now falls on other hours has *moved* (the calendar moves the same event);
- an item is *moved* when the plenary meetings that take it up differ, both lists written out.
"""

from __future__ import annotations

import html

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
