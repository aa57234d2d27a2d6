"""Due dates as lists and cards show them: the year only when it is not the year in view.

In a December 2026 meeting, "7月31日" reads as a date already passed; an item due
2027-07-31 must say "2027年7月31日" ("31 Jul 2027"). `year` is the meeting's year, or
today's outside a meeting. Every screen and listing that writes a due date in short
form goes through `day_label`; the official documents always write the full date
(`clock.zh_date`).
"""

from __future__ import annotations

from datetime import date

from tui550.i18n import t

# Terminal cells the widest label takes (2027年12月31日): the width of a due column.
DUE_CELLS = 14


def day_label(day: date, year: int, lang: str | None = None) -> str:
    """7月31日 / 31 Jul in ``year``; 2027年7月31日 / 31 Jul 2027 in any other."""
    key = "date.short" if day.year == year else "date.long"
    return t(key, lang, y=day.year, d=day.day, mon=t(f"date.mon.{day.month}", lang))


def due_label(due: date | None, cadence: str | None, year: int, lang: str | None = None) -> str:
    """An item's 完成时限 in short form: its date, or its cadence as said (每周五), or nothing."""
    if due is not None:
        return day_label(due, year, lang)
    return cadence or ""
