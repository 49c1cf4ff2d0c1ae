"""Arabic, written right to left. Attested (../shared/LANGUAGES.md; A/AC.291/11): "الثلاثاء، 6 أيلول/سبتمبر" (the
double month names of UN Arabic, which CLDR does not have, so they are listed here); the annex's time cell
"00/10–00/13" (minutes/hours as the document stores them, start first, Western digits as most documents use);
"(تابع)"; "الجلسة العامة 240"; "عطلة رسمية للأمم المتحدة"; "العنوان أو الشرح". Our convention: the annex title,
the headings "التاريخ والوقت" and "البند من جدول الأعمال", sub-items lettered in the Arabic order "1 (أ)", and the
calendar's labels. The direction is set by the outputs (w:bidi, dir="rtl"), never by reversing text."""

from __future__ import annotations

import datetime as dt

from meetplan.languages import Continued, Language, cldr_weekday
from meetplan.model import Hours
from meetplan.style import full_date  # the masthead's date is written in English

MONTHS = (
    "كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو", "حزيران/يونيه",
    "تموز/يوليه", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر", "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر",
)  # fmt: skip
LETTERS = dict(zip("abcdefghij", ("أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي"), strict=True))


def day_heading(date: dt.date) -> str:
    return f"{cldr_weekday('ar', date)}، {date.day} {MONTHS[date.month - 1]}"


def _cell(time: dt.time) -> str:
    return f"{time.minute:02d}/{time.hour}"


def hours(span: Hours) -> str:
    return f"{_cell(span.start)}\u2013{_cell(span.end)}"


LANGUAGE = Language(
    code="ar", word_code="ar-SA", name="Arabic", rtl=True, font="Times New Roman",
    annex="المرفق",
    annex_title="تنظيم الأعمال المقترح",
    headings=("التاريخ والوقت", "البند من جدول الأعمال", "العنوان أو الشرح"),
    continued=Continued(before=" (", word="تابع", after=")"),
    holiday="عطلة رسمية للأمم المتحدة",
    agenda_items="بنود جدول الأعمال:",
    organization_of_work="تنظيم الأعمال: {symbol}",
    hybrid="اجتماع مختلط: في القاعة أو عبر الإنترنت من خلال {platform}",
    online_meeting="اجتماع عبر الإنترنت من خلال {platform}",
    online_location="عبر الإنترنت",
    day_heading=day_heading,
    hours=hours,
    plenary_meeting=lambda number: f"الجلسة العامة {number}",
    sub_item=lambda number, letter: f"{number} ({LETTERS.get(letter, letter)})",
    united_nations="الأمم المتحدة",
    distribution="Distr.: General",
    masthead_date=full_date,
    issued_in="Arabic",
    original="Original: English",
    participants_title="قائمة المشاركين",
    categories=(
        "الأطراف",
        "الدول الموقِّعة",
        "الدول غير الأطراف وغير الموقِّعة",
        "المنظمات الحكومية الدولية وكيانات الأمم المتحدة",
        "الكيانات التي لها مكاتب مراقبة دائمة",
        "المنظمات غير الحكومية",
    ),
)  # fmt: skip
