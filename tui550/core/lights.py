"""Lights are computed on every view, never stored (INTERFACES.md).

red = overdue (from the day after the due date), yellow = due within N days,
green = on track or no date, grey = closed. Minutes have no light.
"""

from __future__ import annotations

from datetime import date

from tui550.core.domain import Light, Status


def light(status: Status | None, due: date | None, today: date, yellow_days: int = 3) -> Light:
    if status is Status.CLOSED:
        return Light.GREY
    if due is None or status is None:
        return Light.GREEN
    if today > due:
        return Light.RED
    if (due - today).days <= yellow_days:
        return Light.YELLOW
    return Light.GREEN


def days_overdue(due: date | None, today: date) -> int:
    """Days past the due date; 0 when not overdue or undated."""
    if due is None or today <= due:
        return 0
    return (today - due).days
