"""Time: one district zone for the wall clock and 'today'; UTC for storage.

Overdue is judged against the district's local date, not the machine's, so a
laptop set to another zone still agrees with the supervision bureau at midnight.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from functools import cache
from zoneinfo import ZoneInfo


@cache
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


class Clock:
    """Wall time and a monotonic counter, replaceable as one (tests freeze both)."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()


class FrozenClock(Clock):
    def __init__(self, at: datetime, monotonic: float = 1000.0) -> None:
        self.at = at
        self.ticks = monotonic

    def now(self) -> datetime:
        return self.at

    def monotonic(self) -> float:
        return self.ticks


def utcnow() -> datetime:
    return datetime.now(UTC)


def local_now(tz: str) -> datetime:
    return datetime.now(zone(tz))


def local_today(tz: str, now: datetime | None = None) -> date:
    moment = now if now is not None else utcnow()
    return moment.astimezone(zone(tz)).date()


def to_local(moment: datetime, tz: str) -> datetime:
    return moment.astimezone(zone(tz))


def zh_date(d: date) -> str:
    """The official way of writing a date: 2026年7月5日 (no leading zeros)."""
    return f"{d.year}年{d.month}月{d.day}日"
