"""Standing deadlines: 长期坚持, 常态化, 每周五, 每月底前, 每季度末.

A decision such as "督查局每周五通报进展" has no single due date: it is a cadence.
The item keeps the words as said (normalised: full-width forms folded, spaces
removed), and those words are printed as its 完成时限. Its light follows the next
occurrence from the day it is looked at, so a weekly report is yellow in the days
before each Friday and never overdue; 长期坚持 and 常态化 have no next occurrence and
stay green. A cadence counts as a deadline: the item is not "missing" one.

The accepted phrases are a closed table (`SPELLINGS`), so every stored value is one
of its keys. That is what lets SQL ask "which cadences fall due by then" as a list of
words computed here (`due_by`), instead of a second copy of these rules in SQL.

| said | next occurrence from ref (ref itself included) |
| --- | --- |
| 长期坚持, 常态化, 长期, 常态化推进, 持续推进 | none |
| 每周五, 每星期五, 每礼拜五 (一 … 日/天), with 前 | that weekday |
| 每月底, 每月底前, 每月末, 每月月底 | the last day of ref's month |
| 每季度末, 每季末, 每季度末前 | the last day of ref's quarter |
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any


class Every(StrEnum):
    STANDING = "standing"
    WEEK = "week"
    MONTH_END = "month_end"
    QUARTER_END = "quarter_end"


@dataclass(frozen=True, slots=True)
class Cadence:
    every: Every
    weekday: int | None = None  # Monday 0 … Sunday 6, for Every.WEEK


_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


def _spellings() -> dict[str, Cadence]:
    table: dict[str, Cadence] = {}
    for words in ("长期坚持", "常态化", "长期", "常态化推进", "持续推进"):
        table[words] = Cadence(Every.STANDING)
    for week in ("每周", "每星期", "每礼拜"):
        for name, weekday in _WEEKDAYS.items():
            for tail in ("", "前"):
                table[f"{week}{name}{tail}"] = Cadence(Every.WEEK, weekday)
    for words in ("每月底", "每月末", "每月月底", "每月月末"):
        for tail in ("", "前"):
            table[words + tail] = Cadence(Every.MONTH_END)
    for words in ("每季度末", "每季末", "每季度底"):
        for tail in ("", "前"):
            table[words + tail] = Cadence(Every.QUARTER_END)
    return table


# Every phrase accepted as a cadence (normalised, as stored) and what it means.
SPELLINGS: dict[str, Cadence] = _spellings()


def normalise(phrase: str) -> str:
    """The words as stored: NFKC (full-width forms folded), whitespace and a final stop removed."""
    return "".join(unicodedata.normalize("NFKC", phrase).split()).rstrip("。，,.;；")


def parse_cadence(phrase: str) -> str | None:
    """The words to store if ``phrase`` is a standing deadline, else None."""
    words = normalise(phrase)
    return words if words in SPELLINGS else None


def next_occurrence(words: str | None, ref: date) -> date | None:
    """The next day on or after ``ref`` the cadence falls due; None for 长期坚持 and unknown words."""
    cadence = SPELLINGS.get(words or "")
    if cadence is None or cadence.every is Every.STANDING:
        return None
    if cadence.every is Every.WEEK:
        assert cadence.weekday is not None
        return ref + timedelta(days=(cadence.weekday - ref.weekday()) % 7)
    month = ref.month if cadence.every is Every.MONTH_END else (ref.month - 1) // 3 * 3 + 3
    # The day before the next month's first (calendar is not imported: this module loads
    # with the domain, before a meeting's first frame).
    following = date(ref.year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def effective_due(due: date | None, cadence: str | None, today: date) -> date | None:
    """The date an item's light and order follow: its due date, else its cadence's next one."""
    if due is not None or cadence is None:
        return due
    return next_occurrence(cadence, today)


def due_order(due: date | None, cadence: str | None, today: date) -> tuple[int, date]:
    """Where an item stands in a list sorted by deadline on ``today``: by the date its light
    follows (`effective_due`), so 每周五 sorts at this week's Friday among the dated items;
    then 长期坚持 and 常态化 (a deadline, with no date to sort by); then the undated.
    `tui550.core.store.due_order` is the same order in SQL."""
    effective = effective_due(due, cadence, today)
    if effective is not None:
        return (0, effective)
    return (1 if cadence is not None else 2, date.max)


def next_dates(today: date, words: Iterable[str] = SPELLINGS) -> dict[date, list[str]]:
    """The cadences (stored words) that fall due again, by their next occurrence from
    ``today``: at most nine dates (seven weekdays, a month's end, a quarter's end), which is
    all SQL needs to sort stored words by that date."""
    out: dict[date, list[str]] = {}
    for w in sorted(words):
        nxt = next_occurrence(w, today)
        if nxt is not None:
            out.setdefault(nxt, []).append(w)
    return out


def one_deadline(values: dict[str, Any]) -> dict[str, Any]:
    """An item's changed fields with a date and a cadence kept exclusive: giving one
    (non-empty) clears the other, unless the change names both."""
    for given, other in (("due", "cadence"), ("cadence", "due")):
        if values.get(given) is not None and other not in values:
            values = {**values, other: None}
    return values


def due_by(today: date, last: date, words: Iterable[str] = SPELLINGS) -> list[str]:
    """The cadences (stored words) whose next occurrence from ``today`` is on or before ``last``."""
    out = []
    for w in words:
        nxt = next_occurrence(w, today)
        if nxt is not None and nxt <= last:
            out.append(w)
    return sorted(out)
