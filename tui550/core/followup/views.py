"""The plain objects of follow-up and supervision, as storage hands them to screens,
the command line and the report renderers (never ORM rows)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from tui550.core.cadence import next_occurrence
from tui550.core.domain import ItemView, Light, UnitView
from tui550.core.followup.rules import Escalation, closing_rate


@dataclass(frozen=True, slots=True)
class Evidence:
    """A file attached to an item (photo, scan, document); the bytes are read apart."""

    id: uuid.UUID
    item_id: uuid.UUID
    filename: str
    mime: str | None
    size: int
    sha256: str
    created_at: datetime
    created_by: str


@dataclass(frozen=True, slots=True)
class SupervisionRow:
    """One open item on the supervision screen, with everything computed for today."""

    item: ItemView
    project_name: str | None
    meeting_date: date
    light: Light
    days_overdue: int
    escalation: Escalation
    carried: int
    extensions: int
    original_due: date | None


@dataclass(frozen=True, slots=True)
class UnitAccount:
    """Accountability of one unit: as lead unit (牵头), and apart as co-unit (配合)
    (unit None: items with no lead unit named)."""

    unit: UnitView | None
    assigned: int
    closed: int
    reported: int
    overdue_now: int
    avg_days_late: float | None
    repeated_extensions: int
    late_items: int = 0  # items that are or were late: the base of the average
    late_days: int = 0
    # The same unit as a co-unit (配合单位): counted apart, never in the figures above.
    co_assigned: int = 0
    co_closed: int = 0
    co_overdue: int = 0

    @property
    def closing_rate(self) -> int:
        return closing_rate(self.assigned, self.closed)


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """Open and overdue tracked items as of a meeting's date."""

    meeting_id: uuid.UUID
    date: date
    title: str
    open: int
    overdue: int


@dataclass(frozen=True, slots=True)
class ReportUnit:
    account: UnitAccount
    overdue: tuple[SupervisionRow, ...]


@dataclass(frozen=True, slots=True)
class FollowupReport:
    """落实情况通报: figures per lead unit and the overdue items behind them."""

    today: date
    since: date | None
    meeting_title: str | None
    meeting_date: date | None
    unit_filter: str | None
    district: str
    office: str
    total: UnitAccount
    units: tuple[ReportUnit, ...]
    open_items: tuple[SupervisionRow, ...] = ()  # every open item in scope, most urgent first


class Mark(StrEnum):
    """A milestone on the wall chart."""

    DONE = "done"
    DUE = "due"
    OVERDUE = "overdue"


# The mark of an item that recurs (每周五, 每月底前, 长期坚持), beside its done/due/overdue mark.
RECURS = "↻"


@dataclass(frozen=True, slots=True)
class WallMark:
    item_id: uuid.UUID
    text: str
    kind: str
    due: date  # the day it is drawn at: its due date, or its cadence's next occurrence
    actual: date | None
    mark: Mark
    light: Light
    unit: str | None
    # A standing deadline, as said: drawn at its next occurrence, or in today's month when
    # it has none (长期坚持, 常态化: in force now, no date of its own).
    cadence: str | None = None

    @property
    def dated(self) -> bool:
        """Drawn at a date it falls due on (not only in force, as 长期坚持 is)."""
        return self.cadence is None or next_occurrence(self.cadence, self.due) is not None


@dataclass(frozen=True, slots=True)
class WallRow:
    project_id: uuid.UUID
    code: str | None
    name: str
    street: str | None
    lead_unit: str | None
    cells: tuple[tuple[WallMark, ...], ...]  # one per month of the chart
    undated: int

    @property
    def worst(self) -> Mark | None:
        marks = {m.mark for cell in self.cells for m in cell}
        for mark in (Mark.OVERDUE, Mark.DUE, Mark.DONE):
            if mark in marks:
                return mark
        return None


@dataclass(frozen=True, slots=True)
class WallChart:
    """挂图作战: one row a project, one column a month, today marked."""

    months: tuple[date, ...]  # the first day of each month
    today: date
    today_index: int | None
    rows: tuple[WallRow, ...]
    street_filter: str | None
    unit_filter: str | None

    def counts(self) -> dict[Mark, int]:
        out = dict.fromkeys(Mark, 0)
        for row in self.rows:
            for cell in row.cells:
                for mark in cell:
                    out[mark.mark] += 1
        return out
