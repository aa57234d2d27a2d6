"""Cell values as ledgers write them: dates, amounts, lists of units, statuses.

Each parser returns the value or raises `BadValue` with a catalogue key, so the
row parser can name the row and column. Words that mean "no date yet"
(已开工, 待定, /) are empty with a warning, not an error: a whole import must not
fail because a started project has no planned start date any more.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, datetime, timedelta
from typing import Any

from tui550.core.deadlines import parse_deadline
from tui550.core.domain import Status
from tui550.core.text import clean_text

EXCEL_EPOCH = date(1899, 12, 30)
MIN_YEAR, MAX_YEAR = 1990, 2100


class BadValue(ValueError):
    def __init__(self, key: str, **args: object) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args


class NotADate(BadValue):
    """A word in a date column that means there is no date (a warning, not an error)."""


class NotAFigure(NotADate):
    """Words where a figure may stand (形象进度: 主体封顶): a warning, the cell left empty."""


EMPTY_MARKS = frozenset({"", "/", "／", "-", "—", "——", "--", "无", "暂无", "空", "\\", "N/A", "n/a"})
_NO_DATE_WORDS = (
    "已开工",
    "已竣工",
    "已完成",
    "已投产",
    "待定",
    "未定",
    "长期",
    "持续推进",
    "常态化",
    "在建",
    "续建",
    "暂缓",
    "另行通知",
)


def cell_text(value: Any) -> str | None:
    """A cell as one clean string (None when empty). Whole numbers lose their `.0`."""
    if value is None:
        return None
    if isinstance(value, bool):
        text = "是" if value else "否"
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, datetime):
        text = value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    else:
        text = str(value)
    # Most cells are printable already; cleaning only those that are not keeps big files fast.
    text = text.strip() if text.isprintable() else clean_text(text).strip()
    return None if text in EMPTY_MARKS else text


def parse_number(value: Any) -> float | None:
    """Amounts in 万元: 35000, "35,000", "35000万元", "3.5亿元", "３５０００"."""
    if value is None or isinstance(value, bool):
        return None if value is None else _bad_number(value)
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = unicodedata.normalize("NFKC", clean_text(str(value))).strip()
        if text in EMPTY_MARKS:
            return None
        text = "".join(text.split()).replace(",", "").lstrip("约").rstrip("左右")
        factor = 1.0
        if text.endswith("亿元") or text.endswith("亿"):
            factor, text = 10000.0, text.rstrip("元").removesuffix("亿")
        elif text.endswith("万元") or text.endswith("万"):
            text = text.rstrip("元").removesuffix("万")
        elif text.endswith("元"):
            factor, text = 0.0001, text.removesuffix("元")
        try:
            number = float(text) * factor
        except ValueError:
            raise BadValue("import.bad_number", value=str(value)[:40]) from None
    if number != number or number in (float("inf"), float("-inf")) or number < 0:
        return _bad_number(value)
    return round(number, 4)


def parse_percent(value: Any) -> float | None:
    """形象进度 as a percentage (45, 45%, 0.45 as Excel keeps a % cell). Many ledgers write
    it as words (主体封顶): that is a note, not a figure, and is passed over with a warning."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        pct = float(value) * (100 if 0 < value <= 1 and isinstance(value, float) else 1)
    else:
        text = unicodedata.normalize("NFKC", cell_text(value) or "").strip().rstrip("%").strip()
        if text in EMPTY_MARKS:
            return None
        try:
            pct = float(text)
        except ValueError:
            raise NotAFigure("import.progress_words", value=text[:40]) from None
    if not 0 <= pct <= 100:
        raise BadValue("import.bad_progress", value=f"{pct:g}")
    return pct


def _bad_number(value: Any) -> float:
    raise BadValue("import.bad_number", value=str(value)[:40])


def _period_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _checked(year: int, month: int, day: int | None, end: bool) -> date:
    if not MIN_YEAR <= year <= MAX_YEAR or not 1 <= month <= 12:
        raise BadValue("import.bad_date", value=f"{year}-{month}")
    if day is None:
        return _period_end(year, month) if end else date(year, month, 1)
    try:
        return date(year, month, day)
    except ValueError:
        raise BadValue("import.bad_date", value=f"{year}-{month}-{day}") from None


_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_FULL = re.compile(r"^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?(前|之前|以前)?$")
_MONTH = re.compile(r"^(\d{4})[-./年](\d{1,2})月?(份)?(底|末|前|之前|以前|上旬|中旬|下旬|初)?$")
_YEAR_END = re.compile(r"^(\d{4})年?(年底|底|末|年末|前|年内|全年)?$")
_HALF = re.compile(r"^(\d{4})年?(上半年|下半年)(底|末|前)?$")
_QUARTER = re.compile(r"^(\d{4})年?第?([一二三四1234])季度(末|底|前)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_date(value: Any, *, end: bool, ref: date | None = None) -> date | None:
    """A cell's date; what the ledger forms do not cover (12月底, 本月底, 两周内) is read by
    the capture line's deadline parser against ``ref`` (the import's reference date)."""
    try:
        return _parse_date(value, end)
    except NotADate:
        raise
    except BadValue:
        shown = value.isoformat() if isinstance(value, date) else cell_text(value)
        if ref is not None and isinstance(value, str) and shown:
            return _as_deadline(shown, ref)
        raise BadValue("import.bad_date", value=(shown or "")[:40]) from None


def _as_deadline(text: str, ref: date) -> date:
    result = parse_deadline(text, ref)
    if result.date is not None:
        return result.date
    if result.key in (None, "parse.deadline.unknown", "parse.deadline.impossible"):
        raise BadValue("import.bad_date", value=text[:40])
    # The parser's own reason (a month-day already past, too vague), with the phrase.
    raise BadValue(result.key, **result.args)


def _parse_date(value: Any, end: bool) -> date | None:
    """A date from an Excel date, an Excel serial number, or text.

    Periods resolve to their first day for starts and their last day for ends
    and due dates (`end=True`): "2026年3月" is 1 March as a start and 31 March as
    a completion date; "2027年底" is 31 December 2027.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return _checked(value.year, value.month, value.day, end)
    if isinstance(value, date):
        return _checked(value.year, value.month, value.day, end)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _number_date(float(value), end)
    text = unicodedata.normalize("NFKC", clean_text(str(value)))
    text = "".join(text.split())
    if text in EMPTY_MARKS:
        return None
    if any(word in text for word in _NO_DATE_WORDS):
        raise NotADate("import.not_a_date", value=text[:40])
    if re.fullmatch(r"\d+(\.\d+)?", text) and not _COMPACT.match(text):
        return _number_date(float(text), end, text)
    if m := _COMPACT.match(text):
        return _checked(int(m[1]), int(m[2]), int(m[3]), end)
    if m := _FULL.match(text):
        return _checked(int(m[1]), int(m[2]), int(m[3]), end)
    if m := _MONTH.match(text):
        year, month, mark = int(m[1]), int(m[2]), m[4]
        if mark in ("上旬", "初"):
            return _checked(year, month, 10 if end else 1, end)
        if mark == "中旬":
            return _checked(year, month, 20 if end else 11, end)
        if mark == "下旬":
            return _checked(year, month, None, True) if end else _checked(year, month, 21, end)
        return _checked(year, month, None, end or mark in ("底", "末"))
    if m := _HALF.match(text):
        year, first = int(m[1]), m[2] == "上半年"
        if end:
            return _checked(year, 6 if first else 12, None, True)
        return _checked(year, 1 if first else 7, 1, False)
    if m := _QUARTER.match(text):
        year, quarter = int(m[1]), _CN_DIGITS[m[2]]
        return _checked(year, quarter * 3, None, True) if end else _checked(year, quarter * 3 - 2, 1, False)
    if m := _YEAR_END.match(text):
        year, mark = int(m[1]), m[2]
        if end or mark in ("年底", "底", "末", "年末"):
            return _checked(year, 12, 31, end)
        return _checked(year, 1, 1, end)
    raise BadValue("import.bad_date", value=str(value)[:40])


def _number_date(number: float, end: bool, shown: str | None = None) -> date:
    """2026.3 typed into a General cell is a number; so is an Excel serial date in a CSV."""
    if MIN_YEAR <= number < MAX_YEAR + 1:
        year = int(number)
        fraction = (
            shown.split(".", 1)[1] if shown and "." in shown else f"{number:.2f}".split(".")[1].rstrip("0")
        )
        if not fraction:
            return _checked(year, 12, 31, end) if end else _checked(year, 1, 1, end)
        # "2026.10" typed as text keeps its zero; as a number Excel shows it as 2026.1.
        return _checked(year, int(fraction), None, end)
    serial_min = (date(MIN_YEAR, 1, 1) - EXCEL_EPOCH).days
    serial_max = (date(MAX_YEAR, 12, 31) - EXCEL_EPOCH).days
    if serial_min <= number <= serial_max:
        return EXCEL_EPOCH + timedelta(days=int(number))
    raise BadValue("import.bad_date", value=shown or str(number))


_UNIT_SPLIT = re.compile(r"[、，,;；/／|\n\r\t\u3000]+")
_ROLE = re.compile(r"[(（](牵头|主责|负责|配合|协办)[)）]$")
# Suffixes that are not part of a unit's name: "区住建局等", "区住建局（牵头）".
_TRAILING = ("等单位", "等部门", "等")


def split_units(value: Any) -> list[tuple[str, bool]]:
    """Unit names in a cell, in order, with whether each was marked (牵头)."""
    text = cell_text(value)
    if not text:
        return []
    out: list[tuple[str, bool]] = []
    seen: set[str] = set()
    parts: list[str] = []
    for chunk in _UNIT_SPLIT.split(text):
        # Spaces separate units ("区住建局 区财政局") unless they only space out one name ("住 建 局").
        pieces = chunk.split()
        parts.extend(pieces if all(len(p) >= 2 for p in pieces) else [chunk])
    for part in parts:
        part = part.strip().strip("。.")
        lead = False
        if m := _ROLE.search(part):
            lead = m[1] in ("牵头", "主责", "负责")
            part = part[: m.start()]
        for suffix in _TRAILING:
            if part.endswith(suffix) and len(part) > len(suffix) + 1:
                part = part[: -len(suffix)]
                break
        key = "".join(unicodedata.normalize("NFKC", part).split())
        if part and part not in EMPTY_MARKS and key not in seen:
            seen.add(key)
            out.append((part, lead))
    return out


_STATUS_WORDS: tuple[tuple[Status, tuple[str, ...]], ...] = (
    (
        Status.CLOSED,
        ("已销号", "销号", "已解决", "已完成", "已办结", "办结", "完成", "已落实", "已闭环", "closed"),
    ),
    (Status.REPORTED, ("已报完成", "待销号", "待验收", "待核验", "reported")),
    (
        Status.IN_PROGRESS,
        (
            "推进中",
            "正在推进",
            "办理中",
            "进行中",
            "正在办理",
            "部分解决",
            "逾期",
            "in_progress",
            "in progress",
        ),
    ),
    (Status.OPEN, ("未解决", "待办", "未开始", "未完成", "待解决", "新增", "open")),
)


def parse_status(value: Any) -> Status:
    text = cell_text(value)
    if not text:
        return Status.OPEN
    key = "".join(unicodedata.normalize("NFKC", text).split()).lower()
    for status, words in _STATUS_WORDS:
        if key in words:
            return status
    raise BadValue("import.bad_status", value=text[:40])


SUBTOTAL_WORDS = ("合计", "小计", "总计", "累计")


def is_subtotal(values: list[Any]) -> bool:
    for value in values[:6]:
        if value is None or isinstance(value, int | float):
            continue
        text = cell_text(value)
        if text:
            key = "".join(text.split())
            return key.startswith(SUBTOTAL_WORDS) or key.endswith(("合计", "小计"))
    return False


_CN = "一二三四五六七八九十"
_SECTION = re.compile(rf"^[{_CN}]+[、.．]|^[(（][{_CN}]+[)）]|^第[{_CN}]+[类部分]")


def is_section(values: list[Any]) -> bool:
    """A group heading inside the table ("一、产业类项目（12个）"), not a record."""
    filled = [v for v in values if v is not None and v != ""]
    if not 0 < len(filled) <= 2:
        return False
    texts = [t for t in (cell_text(v) for v in filled) if t]
    return any(_SECTION.match(t) for t in texts)
