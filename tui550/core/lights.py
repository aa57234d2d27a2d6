"""Lights are computed on every view, never stored.

red = overdue (from the day after the due date), yellow = due within N days,
green = on track or no date, grey = closed. Minutes have no light.

`yellow_window` is the one statement of "due within N days": the light here and the
supervision board's SQL (`core.store.supervision`) both take their bounds from it.
"""

from __future__ import annotations

from datetime import date, timedelta

from tui550.core.domain import Light, Status


def yellow_window(today: date, yellow_days: int) -> tuple[date, date]:
    """The first and last due dates that light an item yellow on `today`."""
    return today, today + timedelta(days=yellow_days)


def light(status: Status | None, due: date | None, today: date, yellow_days: int = 3) -> Light:
    if status is Status.CLOSED:
        return Light.GREY
    if due is None or status is None:
        return Light.GREEN
    if today > due:
        return Light.RED
    first, last = yellow_window(today, yellow_days)
    if first <= due <= last:
        return Light.YELLOW
    return Light.GREEN


def days_overdue(due: date | None, today: date) -> int:
    """Days past the due date; 0 when not overdue or undated."""
    if due is None or today <= due:
        return 0
    return (today - due).days
