"""Deadline phrases as they are said in the room: 7月底, 本周五, 两周内, 春节前.

Why this is hand-written: dateparser and python-dateutil parse none of 7月底, 本周五,
下周一, 两周内 or 月底前; dateparser reads "7月31日前" as a date in the past ("前" as
"ago"), and a failed guess can take most of a second, while this parser runs on every
keystroke of the capture line. The phrases used in a 调度会 are few and regular, so a
table of rules with a test per phrase is faster and more predictable.

``ref`` is the meeting's date. Due dates are plain dates: "by that day, inclusive".

Before the rules apply, the phrase is normalised: NFKC (full-width digits and
punctuation become ASCII), whitespace removed, Chinese numerals turned into digits
(十五 → 15, 二十三 → 23, 两 → 2, 二〇二六年 → 2026年). Digit-by-digit runs are only
read before 年, so 三五天 (three to five days) and 五一 are not misread as 35 and 51.
A leading 截至/截止/到/于/在 and a trailing 完成 are dropped, then a trailing
前/之前/以前/为止 ("by then"): the suffix never moves the date, except for holidays.

"Rolls": no year or period was said, so the next matching date on or after ref is
taken, in a later month or year if needed (7月31日 said on 2026-09-01 is 2027-07-31),
except a date that passed at most 31 days before ref (``JUST_PAST_DAYS``): 12月1日 said
on 2026-12-03 is refused as past, with the date it would be (2026-12-01), like a dated
phrase; saying the year (2027年12月1日) means next year. This covers 7/31, 7月31日,
7月底 and the other month phrases, quarters, 年中 and holidays ("rolls" in the table).
"Past": a year or a period (本周, 本月, 今年) was said, and a date before ref is
refused with ``parse.deadline.past`` (the date is still given in the args).

| phrase | date | when before ref |
| --- | --- | --- |
| 2026-07-31, 2026/7/31, 2026.7.31, 20260731, 2026年7月31日(号) | that day | past |
| 7/31, 7-31, 7.31, 7月31日, 7月31号, 7月31 | that day | rolls |
| 7月, 7月份, 7月内, 7月底, 7月末, 7月下旬 | last day of July | rolls |
| 7月初 / 7月上旬 / 7月中 / 7月中旬 | the 5th / 10th / 15th / 20th | rolls |
| 2026年7月底, 今年7月底, 明年3月 | as above, in that year | past |
| 本月/这个月/当月 + part (本月底, 本月内, 本月20日) | this month | past |
| 下月/下个月/次月, 下下月 + part (下月初, 下月中旬) | next month, the one after | past |
| 月底, 月末, 月内 | last day of this month | never |
| 月初, 月中, 上旬, 中旬, 下旬 | this month's 5th/15th/10th/20th/last | rolls a month |
| 10日, 10号 (10日前 = by the 10th) | the next 10th | rolls a month |
| 周五, 星期五, 礼拜五 (周日 = 周天 = 星期日) | next Friday, today included | rolls a week |
| 本周五, 这周五 / 下周一 / 下下周三 | that day of this / next / the week after (Mon–Sun) | past |
| 本周, 本周内, 周末 / 下周 | Sunday of this / next week | never |
| 今天, 明天, 后天, 大后天, 次日 | ref + 0, 1, 2, 3, 1 | never |
| 3天内, 十日内, 两周内, 一个月内 (内/以内/之内/后) | ref + that long | never |
| 半个月内, 半年内, 1年内 | ref + 15 days, 6 months, a year | never |
| 5个工作日内 | ref + 5 weekdays (holidays are not known) | never |
| 三季度末, 第三季度, 3季度, Q3 | 30 September | rolls |
| 2026年三季度末 / 本季度, 季度末, 下季度 | that quarter's last day | past / never |
| 年底, 年末, 年内, 今年内 / 2026年底, 明年 | 31 December | never / past |
| 年中, 上半年 / 下半年 | 30 June / 31 December | rolls; past with a year |
| 春节, 元旦, 五一, 劳动节, 国庆, 端午, 中秋 | the holiday itself | rolls; past with a year |
| 春节前, 国庆前 (9月30日), 元旦前, 年前 | the day before the holiday | rolls; past with a year |

年前 is 春节前, as people say it. 初 is taken as the 5th: "the first days of the month".

Refused (``date`` is None, ``key`` says why, ``args`` carry ``phrase``):
``parse.deadline.empty``; ``.vague`` (尽快, 近期, 马上, 待定, ...); ``.recurring`` (每周五,
每月, 定期: the quick-add line takes the standing ones as a cadence first, see
`tui550.core.cadence`); ``.impossible`` (2月30日, 13月, 32日, 5季度); ``.ago`` (3天前 reads as
"three days ago", not "within three days"); ``.past`` (see above); ``.unknown``.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from lunardate import LunarDate


@dataclass(frozen=True)
class DeadlineResult:
    """A resolved date, or a refusal: a message key and its args (never a finished text)."""

    date: date | None
    key: str | None = None
    args: dict[str, Any] = field(default_factory=dict, hash=False)

    @property
    def ok(self) -> bool:
        return self.date is not None


def date_args(d: date) -> dict[str, Any]:
    """Message args for a date, so each language writes it its own way (2026年7月31日)."""
    return {"date": d, "y": d.year, "m": d.month, "d": d.day}


class _Refusal(Exception):
    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args


# --- normalisation -------------------------------------------------------------------

_WS = re.compile(r"\s+")
_CN_RUN = re.compile(r"[〇零一二两三四五六七八九十百]+")
_CN_DIGIT = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3,
    "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip


def _cn_number(m: re.Match[str]) -> str:
    run = m.group()
    if "十" in run or "百" in run:
        total = current = 0
        for ch in run:
            if ch == "十":
                total += (current or 1) * 10
                current = 0
            elif ch == "百":
                total += (current or 1) * 100
                current = 0
            else:
                current = _CN_DIGIT[ch]
        return str(total + current)
    if len(run) == 1:
        return str(_CN_DIGIT[run])
    # Digit by digit only for a year (二〇二六年); 三五天 means "three to five days".
    if m.string.startswith("年", m.end()):
        return "".join(str(_CN_DIGIT[ch]) for ch in run)
    return run


_VAGUE = (
    "尽快", "尽早", "近期", "近日", "马上", "立即", "立刻", "抓紧", "待定", "另定",
    "另行", "择期", "适时", "及时", "随时", "长期", "持续", "视情", "asap", "tbd", "soon",
)  # fmt: skip
_RECURRING = re.compile(r"^每|每(?:天|日|周|星期|礼拜|月|旬|季|年)|定期|常态|按(?:周|月|季)|逐月")
_LEAD = re.compile(r"^(?:截至|截止到|截止|到|于|在)")
# 十一 is also National Day; only read so when it stands alone after an optional year.
_SHIYI = re.compile(r"^((?:\d{4}|[〇零一二三四五六七八九]{4})年|今年|明年)?十一(?=(?:之前|以前|前)?$)")
_DONE = re.compile(r"(?:完成|完工|办结)$")
_BEFORE = re.compile(r"(?:之前|以前|前|为止|止)$")
_AGO = re.compile(r"^(?:\d{1,3}|半)(?:天|个?星期|周|个?礼拜|个月|年)(?:之前|以前|前)$")

# --- the rules (applied to the normalised phrase, in this order) ----------------------

_YEAR = r"(?:(?P<y>\d{4})年|(?P<yrel>今年|本年|明年|后年))"
_PART = r"(?P<part>底|末|初|中|上旬|中旬|下旬|内|(?P<d>\d{1,2})(?:日|号)?)"
_HOLIDAY = re.compile(
    _YEAR + r"?(?P<h>春节|元旦|五一|劳动节|国庆节?|端午节?|中秋节?|年)(?P<before>之前|以前|前)?$"
)
_ISO = re.compile(
    r"(?P<y>\d{4})(?:[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?:日|号)?|(?P<m2>\d{2})(?P<d2>\d{2}))$"
)
_MD = re.compile(r"(?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?:日|号)?$")
_MONTH = re.compile(_YEAR + r"?(?P<m>\d{1,2})月份?" + _PART + "?$")
_REL_MONTH = re.compile(r"(?P<rel>本|这个?|当|下下个?|下个?|次)月份?" + _PART + "?$")
_BARE_PART = re.compile(r"(?:月(?P<part>底|末|初|中|内)|月?(?P<xun>上旬|中旬|下旬))$")
_DAY = re.compile(r"(?P<d>\d{1,3})(?:日|号)$")
_WEEK = re.compile(
    r"(?P<rel>下下个|下下|下个|下|这个|这|本)?(?:周|星期|礼拜)(?P<wd>[1-6日天末])?(?P<in>内)?$"
)
_NEAR = re.compile(r"(?P<w>今天|今日|明天|明日|次日|后天|大后天)$")
_DURATION = re.compile(
    r"(?P<n>\d{1,3}|半)(?P<u>个?工作日|天|日|个?星期|周|个?礼拜|个月|月|年)(?:以内|之内|内|之后|以后|后)$"
)
_QUARTER = re.compile(_YEAR + r"?(?:第?(?P<q>\d)季度?|q(?P<q2>\d))(?P<part>末|底|内)?$")
_REL_QUARTER = re.compile(r"(?P<rel>本|这个?|当|下个?)?季度(?P<part>末|底|内)?$")
_YEAR_PART = re.compile(_YEAR + r"?(?P<part>年底|年末|年内|底|末|内|年中|中|上半年|下半年)?$")

# A date without a year at most this many days before the meeting is refused as past
# rather than rolled a year on: nobody in a December meeting means next December by
# "12月1日". Further back it rolls (1月5日 said in December is next January).
JUST_PAST_DAYS = 31

_NEAR_DAYS = {"今天": 0, "今日": 0, "明天": 1, "明日": 1, "次日": 1, "后天": 2, "大后天": 3}
_PART_DAY = {"初": 5, "上旬": 10, "中": 15, "中旬": 20}  # everything else: the last day
_HOLIDAYS: dict[str, tuple[bool, int, int]] = {  # (lunar?, month, day)
    "春节": (True, 1, 1), "年": (True, 1, 1), "元旦": (False, 1, 1), "五一": (False, 5, 1),
    "劳动节": (False, 5, 1), "国庆": (False, 10, 1), "国庆节": (False, 10, 1),
    "端午": (True, 5, 5), "端午节": (True, 5, 5), "中秋": (True, 8, 15), "中秋节": (True, 8, 15),
}  # fmt: skip


# --- date helpers ----------------------------------------------------------------------


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    total = y * 12 + (m - 1) + k
    return total // 12, total % 12 + 1


def _part_day(part: str | None, day: str | None, y: int, m: int) -> int:
    if day is not None:
        return int(day)
    return _PART_DAY.get(part or "", _last_day(y, m))


def _check_month_day(m: int, d: int | None) -> None:
    """Refuse what no year has: 13月, 32日, 2月30日 (2月29日 exists in leap years)."""
    if not 1 <= m <= 12 or (d is not None and not 1 <= d <= _last_day(2000, m)):
        raise _Refusal("parse.deadline.impossible")


def _make(y: int, m: int, d: int) -> date:
    try:
        return date(y, m, d)
    except ValueError:
        raise _Refusal("parse.deadline.impossible") from None


def _roll(ref: date, make: Callable[[int], date | None]) -> date:
    """The first date on or after ref among make(ref.year), make(ref.year + 1), ...

    Unless the phrase's latest date before ref is at most `JUST_PAST_DAYS` back: then
    it is refused as past (12月1日 said on 3 December means the day just gone, not next
    December). Eight years is enough for 2月29日; make returns None for a year without
    that day.
    """
    for y in (ref.year, ref.year - 1):
        before = make(y)
        if before is not None and before < ref:
            if (ref - before).days <= JUST_PAST_DAYS:
                raise _Refusal("parse.deadline.past", **date_args(before))
            break
    for y in range(ref.year, ref.year + 9):
        d = make(y)
        if d is not None and d >= ref:
            return d
    raise _Refusal("parse.deadline.impossible")


def _year_of(m: re.Match[str], ref: date) -> int | None:
    if m.group("y"):
        year = int(m.group("y"))
        if year < 1:
            raise _Refusal("parse.deadline.impossible")
        return year
    rel = m.group("yrel")
    if rel:
        return ref.year + {"今年": 0, "本年": 0, "明年": 1, "后年": 2}[rel]
    return None


def _explicit(d: date, ref: date) -> date:
    if d < ref:
        raise _Refusal("parse.deadline.past", **date_args(d))
    return d


def _holiday(name: str, before: bool, y: int) -> date:
    lunar, hm, hd = _HOLIDAYS[name]
    if lunar:
        ld = LunarDate(y, hm, hd)
        solar: date = getattr(ld, "to_solar_date", ld.toSolarDate)()
    else:
        solar = date(y, hm, hd)
    return solar - timedelta(days=1) if before else solar


def _add_workdays(ref: date, n: int) -> date:
    d = ref
    while n > 0:
        d += timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


# --- the rule handlers -----------------------------------------------------------------


def _on_iso(m: re.Match[str], ref: date) -> date:
    month = int(m.group("m") or m.group("m2"))
    day = int(m.group("d") or m.group("d2"))
    _check_month_day(month, day)
    return _explicit(_make(int(m.group("y")), month, day), ref)


def _on_md(m: re.Match[str], ref: date) -> date:
    month, day = int(m.group("m")), int(m.group("d"))
    _check_month_day(month, day)
    return _roll(ref, lambda y: date(y, month, day) if day <= _last_day(y, month) else None)


def _on_month(m: re.Match[str], ref: date) -> date:
    month = int(m.group("m"))
    day = m.group("d")
    _check_month_day(month, int(day) if day else None)
    part = m.group("part")

    def make(y: int) -> date | None:
        d = _part_day(part, day, y, month)
        return date(y, month, d) if d <= _last_day(y, month) else None

    year = _year_of(m, ref)
    if year is None:
        return _roll(ref, make)
    found = make(year)
    if found is None:
        raise _Refusal("parse.deadline.impossible")
    return _explicit(found, ref)


def _on_rel_month(m: re.Match[str], ref: date) -> date:
    rel = m.group("rel")
    k = 2 if rel.startswith("下下") else 1 if rel[0] in "下次" else 0
    y, month = _add_months(ref.year, ref.month, k)
    day = _part_day(m.group("part"), m.group("d"), y, month)
    _check_month_day(month, day)
    return _explicit(_make(y, month, day), ref)


def _on_bare_part(m: re.Match[str], ref: date) -> date:
    part = m.group("part") or m.group("xun")
    for k in (0, 1):
        y, month = _add_months(ref.year, ref.month, k)
        d = date(y, month, _part_day(part, None, y, month))
        if d >= ref:
            return d
    raise _Refusal("parse.deadline.impossible")  # unreachable: next month is after ref


def _on_day(m: re.Match[str], ref: date) -> date:
    day = int(m.group("d"))
    if not 1 <= day <= 31:
        raise _Refusal("parse.deadline.impossible")
    for k in range(13):
        y, month = _add_months(ref.year, ref.month, k)
        if day <= _last_day(y, month) and date(y, month, day) >= ref:
            return date(y, month, day)
    raise _Refusal("parse.deadline.impossible")


def _on_week(m: re.Match[str], ref: date) -> date:
    rel, wd, within = m.group("rel"), m.group("wd"), m.group("in")
    # 周末 and "the whole week" both mean its last day: the week runs Monday to Sunday.
    weekday = 6 if wd in (None, "日", "天", "末") else int(wd) - 1
    if rel is None:
        if wd is None and within is None:
            raise _Refusal("parse.deadline.unknown")
        return ref + timedelta(days=(weekday - ref.weekday()) % 7)
    weeks = 2 if rel.startswith("下下") else 1 if rel.startswith("下") else 0
    monday = ref - timedelta(days=ref.weekday())
    return _explicit(monday + timedelta(days=7 * weeks + weekday), ref)


def _on_near(m: re.Match[str], ref: date) -> date:
    return ref + timedelta(days=_NEAR_DAYS[m.group("w")])


def _on_duration(m: re.Match[str], ref: date) -> date:
    n, unit = m.group("n"), m.group("u").lstrip("个")
    if m.group("u") == "月" and n != "半":
        raise _Refusal("parse.deadline.unknown")  # 3月后: "after March" or "in 3 months"?
    if n == "半":
        if unit == "月":
            return ref + timedelta(days=15)
        if unit == "年":
            n, unit = "6", "月"
        else:
            raise _Refusal("parse.deadline.unknown")
    count = int(n)
    if unit in ("天", "日"):
        return ref + timedelta(days=count)
    if unit == "工作日":
        return _add_workdays(ref, count)
    if unit in ("星期", "周", "礼拜"):
        return ref + timedelta(weeks=count)
    months = count * 12 if unit == "年" else count
    y, month = _add_months(ref.year, ref.month, months)
    return _make(y, month, min(ref.day, _last_day(y, month)))


def _quarter_end(y: int, q: int) -> date:
    return date(y, 3 * q, _last_day(y, 3 * q))


def _on_quarter(m: re.Match[str], ref: date) -> date:
    q = int(m.group("q") or m.group("q2"))
    if not 1 <= q <= 4:
        raise _Refusal("parse.deadline.impossible")
    year = _year_of(m, ref)
    if year is None:
        return _roll(ref, lambda y: _quarter_end(y, q))
    return _explicit(_quarter_end(year, q), ref)


def _on_rel_quarter(m: re.Match[str], ref: date) -> date:
    k = 1 if (m.group("rel") or "").startswith("下") else 0
    y, month = _add_months(ref.year, (ref.month - 1) // 3 * 3 + 1, 3 * k)
    return _quarter_end(y, (month - 1) // 3 + 1)


def _on_year_part(m: re.Match[str], ref: date) -> date:
    part = m.group("part") or ""
    year = _year_of(m, ref)
    if year is None and not (part.startswith("年") or part.endswith("半年")):
        raise _Refusal("parse.deadline.unknown")  # a bare 底, 末 or nothing at all
    mid = part in ("年中", "中", "上半年")

    def make(y: int) -> date:
        return date(y, 6, 30) if mid else date(y, 12, 31)

    if year is None:
        return _roll(ref, make)
    return _explicit(make(year), ref)


_Rule = tuple[re.Pattern[str], Callable[[re.Match[str], date], date]]
_RULES: tuple[_Rule, ...] = (
    (_ISO, _on_iso),
    (_MD, _on_md),
    (_MONTH, _on_month),
    (_REL_MONTH, _on_rel_month),
    (_BARE_PART, _on_bare_part),
    (_DAY, _on_day),
    (_WEEK, _on_week),
    (_NEAR, _on_near),
    (_DURATION, _on_duration),
    (_QUARTER, _on_quarter),
    (_REL_QUARTER, _on_rel_quarter),
    (_YEAR_PART, _on_year_part),
)


def _normalise(phrase: str) -> str:
    s = _WS.sub("", unicodedata.normalize("NFKC", phrase)).casefold()
    return s.rstrip("。，,.;；!！")


def _resolve(phrase: str, ref: date) -> date:
    s = _normalise(phrase)
    if not s:
        raise _Refusal("parse.deadline.empty")
    if any(word in s for word in _VAGUE):
        raise _Refusal("parse.deadline.vague")
    if _RECURRING.search(s):
        raise _Refusal("parse.deadline.recurring")
    s = _CN_RUN.sub(_cn_number, _SHIYI.sub(r"\1国庆", s))
    s = _DONE.sub("", _LEAD.sub("", s))
    if _AGO.match(s):
        raise _Refusal("parse.deadline.ago")
    h = _HOLIDAY.match(s)
    if h and (h.group("h") != "年" or h.group("before")):
        name, before = h.group("h"), bool(h.group("before"))
        year = _year_of(h, ref)
        if year is None:
            return _roll(ref, lambda y: _holiday(name, before, y))
        return _explicit(_holiday(name, before, year), ref)
    s = _BEFORE.sub("", s)
    for pattern, handler in _RULES:
        m = pattern.match(s)
        if m:
            return handler(m, ref)
    raise _Refusal("parse.deadline.unknown")


def parse_deadline(phrase: str, ref: date) -> DeadlineResult:
    """Resolve ``phrase`` against ``ref`` (the meeting's date); never raises.

    See the module docstring for the rules. A refusal carries the phrase as typed in
    ``args["phrase"]``; a past date also carries ``date``, ``y``, ``m`` and ``d``.
    """
    text = phrase if isinstance(phrase, str) else str(phrase)
    if isinstance(ref, datetime):  # a datetime is a date too, but would leak a time
        ref = ref.date()
    try:
        return DeadlineResult(_resolve(text, ref))
    except _Refusal as refusal:
        return DeadlineResult(None, refusal.key, {"phrase": text, **refusal.args_})
    except Exception:  # a live meeting must never crash on what someone typed
        return DeadlineResult(None, "parse.deadline.unknown", {"phrase": text})
