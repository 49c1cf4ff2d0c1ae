"""Chinese. Attested (../shared/LANGUAGES.md): "6月9日，星期二" (a full-width comma); "上午10时", "下午3时",
"上午10时15分", "12时"; "上午10时至下午1时", "下午3时至6时" (the half of the day once when both ends share it);
"（续）"; "第240次全体会议"; "拟议工作安排"; "标题或说明". Our convention: the headings "日期和时间" and "议程项目",
the holiday note, sub-items "1 (a)" as in English, and the calendar's labels."""

from __future__ import annotations

import datetime as dt

from meetplan.languages import Continued, Language, cldr_weekday
from meetplan.model import Hours
from meetplan.style import full_date  # the masthead's date is written in English


def day_heading(date: dt.date) -> str:
    return f"{date.month}月{date.day}日，{cldr_weekday('zh', date)}"


def _half(time: dt.time) -> str:
    """上午 (before noon), 下午 (from 1 p.m.); noon and midnight stand alone as 12时 and 0时."""
    if time.minute == 0 and time.hour in (0, 12):
        return ""
    return "上午" if time.hour < 12 else "下午"


def _figure(time: dt.time) -> str:
    hour = time.hour if time.hour in (0, 12) and time.minute == 0 else (time.hour % 12 or 12)
    return f"{hour}时{time.minute}分" if time.minute else f"{hour}时"


def hours(span: Hours) -> str:
    start_half, end_half = _half(span.start), _half(span.end)
    end = _figure(span.end) if start_half and start_half == end_half else f"{end_half}{_figure(span.end)}"
    return f"{start_half}{_figure(span.start)}至{end}"


LANGUAGE = Language(
    code="zh", word_code="zh-CN", name="Chinese", rtl=False, font="SimSun",
    annex="附件",
    annex_title="拟议工作安排",
    headings=("日期和时间", "议程项目", "标题或说明"),
    continued=Continued(before="（", word="续", after="）"),
    holiday="联合国正式假日",
    agenda_items="议程项目：",
    organization_of_work="工作安排：{symbol}",
    hybrid="混合会议：在会议室或通过{platform}在线参加",
    online_meeting="通过{platform}举行的在线会议",
    online_location="在线",
    day_heading=day_heading,
    hours=hours,
    plenary_meeting=lambda number: f"第{number}次全体会议",
    sub_item=lambda number, letter: f"{number} ({letter})",
    united_nations="联合国",
    distribution="Distr.: General",
    masthead_date=full_date,
    issued_in="Chinese",
    original="Original: English",
    participants_title="与会者名单",
    categories=(
        "缔约方",
        "签署方",
        "非缔约方或签署方的国家",
        "政府间组织和联合国实体",
        "设有常驻观察员办事处的实体",
        "非政府组织",
    ),
)  # fmt: skip
