"""Follow-up rules (督办): status transitions, lateness, escalation, the carried badge.

Pure functions of plain values; `tui550.core.store.followup` does the writes and
the queries and calls these, and screens may call them too.

The life of a decision, issue or deadline (docs/rules.md, "Status and lights"):

    open ──start──▶ in progress ──report──▶ reported done ──close──▶ closed (销号)
      └──────────────report──────────────────▶    │
                         ▲──────────return (退回)──┘

* report (报完成) records the day the work was done in `Item.actual` (a deadline's
  actual date; for decisions and issues the day it was reported). It may not be
  later than today.
* close (销号) needs a verification note and the verifier; only a reported item
  can be closed, because the supervision bureau verifies what a unit reported.
* return (退回) needs a reason; it clears the actual date and the item is in
  progress again.
* extend (延期) needs the new date, a reason and the meeting that agreed it; the
  first promise stays in `Item.original_due` and `Item.extensions` counts.
* escalate (督办) is the manual bump of the escalation, one level at a time.

Lateness and lights. An item is overdue from the day after its due date, judged
by the district's local date. Reported and closed items stop the clock at their
actual date (the closing day when no actual date was recorded); open items run
to today. The light of a reported item is red only if it was done late.

Escalation (督办单 blue → yellow → red) is computed, never stored, except the
manual bump: one level (blue) once overdue, yellow from `escalate_yellow_days`
days late, red from `escalate_red_days`; `escalate_extensions` or more
extensions add a level (an item put off again and again is escalated even if
its current date is not yet past); each manual bump adds a level; red is the top.

The "carried N meetings" badge counts the meetings held after the item's own
meeting, up to today or the day it was closed.

Awkward dates, one rule each:

* No due date: never overdue, green, no lateness; escalated only by hand; not
  shown on the wall chart. Extending it is refused (there is no date to put
  off): give it a due date by editing the item.
* A due date already past when the item is captured: saved as given (capture is
  never blocked in the room) and red at once; `due_date_warnings` gives the
  screen a warning to show before saving.
* A due date before the item's meeting (or its creation): the same rule;
  lateness always counts from the due date, never from the creation.
* An extension to a date that is not later than the current due date: refused;
  bringing a date forward is an edit, not an extension.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import IntEnum, StrEnum
from typing import TYPE_CHECKING

from tui550.core.domain import Light, Status
from tui550.core.errors import UserError
from tui550.core.lights import light
from tui550.i18n import t

if TYPE_CHECKING:
    from tui550.core.settings import Settings


class Action(StrEnum):
    START = "start"
    REPORT = "report"
    CLOSE = "close"
    RETURN = "return"
    EXTEND = "extend"
    ESCALATE = "escalate"


class Escalation(IntEnum):
    """The supervision sheet's colour (督办单); NONE for items on time."""

    NONE = 0
    BLUE = 1
    YELLOW = 2
    RED = 3

    @property
    def colour(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Rules:
    """The thresholds of follow-up, from settings (defaults match `Settings`)."""

    tz: str = "Asia/Shanghai"
    yellow_days: int = 3
    escalate_yellow_days: int = 7
    escalate_red_days: int = 15
    escalate_extensions: int = 2
    evidence_max_bytes: int = 20 * 1024 * 1024

    @classmethod
    def from_settings(cls, settings: Settings) -> Rules:
        return cls(
            tz=settings.tz,
            yellow_days=settings.yellow_days,
            escalate_yellow_days=settings.escalate_yellow_days,
            escalate_red_days=settings.escalate_red_days,
            escalate_extensions=settings.escalate_extensions,
            evidence_max_bytes=max(0, settings.evidence_max_mb) * 1024 * 1024,
        )


# Which statuses each action starts from, and where it leads (None: stays).
_FROM: dict[Action, frozenset[Status]] = {
    Action.START: frozenset({Status.OPEN}),
    Action.REPORT: frozenset({Status.OPEN, Status.IN_PROGRESS}),
    Action.CLOSE: frozenset({Status.REPORTED}),
    Action.RETURN: frozenset({Status.REPORTED}),
    Action.EXTEND: frozenset({Status.OPEN, Status.IN_PROGRESS}),
    Action.ESCALATE: frozenset({Status.OPEN, Status.IN_PROGRESS, Status.REPORTED}),
}
_TO: dict[Action, Status | None] = {
    Action.START: Status.IN_PROGRESS,
    Action.REPORT: Status.REPORTED,
    Action.CLOSE: Status.CLOSED,
    Action.RETURN: Status.IN_PROGRESS,
    Action.EXTEND: None,
    Action.ESCALATE: None,
}


def next_status(status: Status | None, action: Action) -> Status:
    """The status after `action`, or a UserError naming why it is not allowed."""
    action = Action(action)
    if status is None:
        raise UserError("followup.untracked", "followup.untracked.remedy")
    if status not in _FROM[action]:
        remedy = {
            Action.CLOSE: "followup.close.remedy",
            Action.RETURN: "followup.return.not_reported.remedy",
        }.get(action, "followup.closed.remedy" if status is Status.CLOSED else "followup.illegal.remedy")

        raise UserError(
            "followup.illegal",
            remedy,
            action=t(f"followup.action.{action.value}"),
            status=t(f"status.{status.value}"),
        )
    return _TO[action] or status


def stop_date(status: Status | None, actual: date | None, closed_on: date | None, today: date) -> date:
    """The day lateness is measured at: the actual date once done, else today."""
    if status in (Status.REPORTED, Status.CLOSED):
        return actual or closed_on or today
    return today


def days_late(due: date | None, until: date) -> int:
    """Days past the due date at `until`; 0 when on time or undated."""
    if due is None or until <= due:
        return 0
    return (until - due).days


def item_light(
    status: Status | None, due: date | None, actual: date | None, today: date, yellow_days: int
) -> Light:
    """`lights.light`, except that a reported item is red only if it was done late."""
    if status is Status.REPORTED and due is not None:
        return Light.RED if days_late(due, actual or today) else Light.GREEN
    return light(status, due, today, yellow_days)


def escalation_steps(rules: Rules) -> tuple[tuple[int, Escalation], ...]:
    """The days late from which each level applies, highest first: the one statement of
    the ladder, which `escalation` walks and the supervision board compiles to SQL."""
    return (
        (rules.escalate_red_days, Escalation.RED),
        (rules.escalate_yellow_days, Escalation.YELLOW),
        (1, Escalation.BLUE),
    )


def extensions_escalating(rules: Rules) -> int | None:
    """The number of extensions that adds a level, or None when extensions never do."""
    return rules.escalate_extensions if rules.escalate_extensions > 0 else None


def escalation(
    status: Status | None, late_days: int, extensions: int, manual: int, rules: Rules
) -> Escalation:
    if status is None or status is Status.CLOSED:
        return Escalation.NONE
    level = next((int(lv) for days, lv in escalation_steps(rules) if late_days >= days), 0)
    threshold = extensions_escalating(rules)
    if threshold is not None and extensions >= threshold:
        level += 1
    level += max(0, manual)
    return Escalation(min(level, Escalation.RED))


def carried(item_meeting_date: date, meeting_dates: Sequence[date], until: date) -> int:
    """The follow-up count (跟踪N次): of `meeting_dates` (sorted; the meetings held that had
    the item's project on their agenda), those after the meeting that raised the item, up
    to `until` (the day the item was closed, today, or the day before the meeting on
    screen). The raising meeting is not a follow-up; "after" is by meeting date."""
    if until <= item_meeting_date:
        return 0
    return bisect.bisect_right(meeting_dates, until) - bisect.bisect_right(meeting_dates, item_meeting_date)


def check_extension(due: date | None, new_due: date) -> None:
    if due is None:
        raise UserError("followup.extend.undated", "followup.extend.undated.remedy")
    if new_due <= due:
        raise UserError(
            "followup.extend.not_later",
            "followup.extend.not_later.remedy",
            due=due.isoformat(),
            new=new_due.isoformat(),
        )


def due_date_warnings(due: date | None, today: date, meeting_day: date | None = None) -> tuple[str, ...]:
    """Catalogue keys of warnings to show before an item with this due date is saved."""
    if due is None:
        return ()
    warnings: list[str] = []
    if meeting_day is not None and due < meeting_day:
        warnings.append("followup.warn.before_meeting")
    if due < today:
        warnings.append("followup.warn.past")
    return tuple(warnings)


def closing_rate(assigned: int, closed: int) -> int:
    """Closed as a whole percentage of assigned, rounded half up (6 of 22 is 27%)."""
    if assigned <= 0:
        return 0
    return (closed * 200 + assigned) // (assigned * 2)
