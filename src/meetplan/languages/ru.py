"""Russian. Attested (../shared/LANGUAGES.md): "Вторник, 9 июня" (the month in the genitive, CLDR's format form);
"10 ч. 00 м.", "10 ч. 15 м.", "12 ч. 00 м."; "с 10 ч. 00 м. до 13 ч. 00 м."; "(продолжение)";
"240-е пленарное заседание"; "Название или описание". Our convention: the range in an annex cell
"10 ч. 00 м. – 13 ч. 00 м.", the headings "Дата и время" and "Пункт повестки дня", the annex title in the
nominative ("предлагаемой организации работы" was read in text), the holiday note, sub-items with Cyrillic
letters "1 а)" as Russian documents letter them, and the calendar's labels."""

from __future__ import annotations

import datetime as dt

from meetplan.languages import Continued, Language, cldr_month, cldr_weekday, clock_range
from meetplan.style import full_date  # the masthead's date is written in English

CYRILLIC_LETTERS = dict(zip("abcdefghijklmnopqrstuvwxyz", "абвгдежзиклмнопрстуфхцчшщ", strict=False))


def day_heading(date: dt.date) -> str:
    return f"{cldr_weekday('ru', date)}, {date.day} {cldr_month('ru', date)}"


NBSP = "\u00a0"  # a time is not broken across lines: a narrow time column wraps at the dash


def time_of_day(time: dt.time) -> str:
    return f"{time.hour}{NBSP}ч.{NBSP}{time.minute:02d}{NBSP}м."


LANGUAGE = Language(
    code="ru", word_code="ru-RU", name="Russian", rtl=False, font="Times New Roman",
    annex="Приложение",
    annex_title="Предлагаемая организация работы",
    headings=("Дата и время", "Пункт повестки дня", "Название или описание"),
    continued=Continued(before=" (", word="продолжение", after=")"),
    holiday="Официальный праздничный день Организации Объединенных Наций",
    agenda_items="Пункты повестки дня:",
    organization_of_work="Организация работы: {symbol}",
    hybrid="Гибридное заседание: в зале или онлайн через {platform}",
    online_meeting="Онлайн-заседание через {platform}",
    online_location="Онлайн",
    day_heading=day_heading,
    hours=lambda span: clock_range(span, time_of_day, " \u2013 "),
    plenary_meeting=lambda number: f"{number}-е пленарное заседание",
    sub_item=lambda number, letter: f"{number} {CYRILLIC_LETTERS.get(letter, letter)})",
    united_nations="Организация Объединенных Наций",
    distribution="Distr.: General",
    masthead_date=full_date,
    issued_in="Russian",
    original="Original: English",
    participants_title="Список участников",
    categories=(
        "Участники",
        "Подписавшие государства",
        "Государства, не являющиеся участниками или подписавшими сторонами",
        "Межправительственные организации и подразделения Организации Объединенных Наций",
        "Образования, имеющие постоянные представительства наблюдателей",
        "Неправительственные организации",
    ),
)  # fmt: skip
