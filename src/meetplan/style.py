"""UN editorial forms: hours, dates, ordinals and lists, as the seeds and the UN Editorial Manual print them."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from fractions import Fraction

from meetplan.model import Hours, Meeting

EN_DASH = "\u2013"
EM_DASH = "\u2014"

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
ORDINAL_WORDS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth", "twentieth",
)  # fmt: skip


def _clock(time: dt.time) -> tuple[str, str | None]:
    """A time's figure and its marker: (10, a.m.), (10.30, a.m.), (noon, None), (midnight, None)."""
    if time.minute == 0 and time.hour in (0, 12):
        return ("midnight" if time.hour == 0 else "noon"), None
    hour = time.hour % 12 or 12
    figure = f"{hour}.{time.minute:02d}" if time.minute else str(hour)
    return figure, ("a.m." if time.hour < 12 else "p.m.")


def time_of_day(time: dt.time) -> str:
    """"10 a.m.", "3.30 p.m.", "noon"."""
    figure, marker = _clock(time)
    return f"{figure} {marker}" if marker else figure


def hours(span: Hours) -> str:
    """"10 a.m.–1 p.m.", "3–6 p.m.", "10.30 a.m.–noon": the marker once when both ends share it."""
    (start, start_marker), (end, end_marker) = _clock(span.start), _clock(span.end)
    if start_marker is not None and start_marker == end_marker:
        return f"{start}{EN_DASH}{end} {end_marker}"
    left = f"{start} {start_marker}" if start_marker else start
    right = f"{end} {end_marker}" if end_marker else end
    return f"{left}{EN_DASH}{right}"


def day_heading(date: dt.date) -> str:
    """"Tuesday, 8 September": weekday, comma, day, month, no year."""
    return f"{WEEKDAYS[date.weekday()]}, {date.day} {MONTHS[date.month - 1]}"


def full_date(date: dt.date) -> str:
    """"8 September 2020"."""
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def date_range(first: dt.date, last: dt.date) -> str:
    """"8 and 9 September 2020", "11–13 September 2019", "30 May–1 June 2012"."""
    if first == last:
        return full_date(first)
    joiner = " and " if (last - first).days == 1 else EN_DASH
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}{joiner}{full_date(last)}"
    if first.year == last.year:
        return f"{first.day} {MONTHS[first.month - 1]}{joiner}{full_date(last)}"
    return f"{full_date(first)}{joiner}{full_date(last)}"


def ordinal(number: int) -> str:
    """"1st", "2nd", "3rd", "4th", "11th", "22nd"."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


_ORDINAL_TENS = ("", "", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth")


def ordinal_word(number: int) -> str:
    """"seventh", "thirty-second" (as UN documents name sessions); figures with a suffix from the hundredth."""
    if 1 <= number <= len(ORDINAL_WORDS):
        return ORDINAL_WORDS[number - 1]
    if 20 < number < 100:
        tens, units = divmod(number, 10)
        return f"{_TENS[tens]}-{ORDINAL_WORDS[units - 1]}" if units else _ORDINAL_TENS[tens]
    return ordinal(number)


def session_name(meeting: Meeting) -> str:
    """"seventh meeting", "sixth session": the ordinal in words, as the body's documents write it."""
    return f"{ordinal_word(meeting.ordinal)} {meeting.term.value}"


def masthead_lines(meeting: Meeting) -> tuple[str, str, str]:
    """The lines under a document's masthead: the body, "Seventh meeting", "Vienna, 8 and 9 September 2020"."""
    days = date_range(meeting.days[0].date, meeting.days[-1].date) if meeting.days else ""
    return meeting.body, session_name(meeting).capitalize(), ", ".join(filter(None, (meeting.venue, days)))


def join_list(names: Iterable[str]) -> str:
    """"A, B and C": comma-separated, "and" before the last, no comma before "and"."""
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def plenary_meetings_phrase(numbers: Iterable[int]) -> str:
    """"the 2nd plenary meeting", "the 2nd and 3rd plenary meetings"."""
    listed = list(numbers)
    return f"the {join_list(ordinal(n) for n in listed)} plenary meeting{'s' if len(listed) > 1 else ''}"


def sort_key(name: str) -> str:
    """Alphabetical order by the name as written, ignoring case and accents."""
    if name.isascii():  # most names: nothing to decompose (a fifth of `meetplan check`'s own time went here)
        return name.casefold()
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


_UNITS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def number_in_words(number: int) -> str:
    """"four", "twenty-one": a number that opens a sentence is spelled out (UN Editorial Manual); figures from 100."""
    if 0 <= number < 20:
        return _UNITS[number]
    if 20 <= number < 100:
        tens, units = divmod(number, 10)
        return _TENS[tens] + (f"-{_UNITS[units]}" if units else "")
    return str(number)


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip


def roman(number: int) -> str:
    """"IV", "XL", "XLIX": a chapter number as UN reports print it, from 1 to 3999.

    Raises ValueError outside that range, where Roman numerals have no standard form.
    """
    if not 1 <= number <= 3999:
        raise ValueError(f"no Roman numeral for {number}")
    result = ""
    for value, numeral in _ROMAN:
        count, number = divmod(number, value)
        result += numeral * count
    return result


def figure(value: Fraction | int) -> str:
    """A quantity of plenary meetings or minutes as a figure: "2", "1.5", "0.25"."""
    value = Fraction(value)
    return str(value.numerator) if value.denominator == 1 else f"{float(value):g}"


def plural(count: Fraction | int, word: str) -> str:
    """"1 speaker", "3 speakers", "1.5 minutes": the count as a figure, the word in the plural unless it is 1."""
    return f"{figure(count)} {word}{'' if count == 1 else 's'}"


def duration(minutes: int) -> str:
    """"1 hour", "1 hour 30 minutes", "45 minutes"."""
    whole, rest = divmod(minutes, 60)
    parts = [plural(whole, "hour")] if whole else []
    if rest or not parts:
        parts.append(plural(rest, "minute"))
    return " ".join(parts)
