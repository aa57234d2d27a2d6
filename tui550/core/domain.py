"""The vocabulary every part shares: kinds, statuses, lights, and the plain objects
that storage hands to screens and exporters (never ORM rows, never sessions)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from tui550.core.cadence import due_order, effective_due


class Kind(StrEnum):
    MINUTE = "minute"
    DECISION = "decision"
    ISSUE = "issue"
    DEADLINE = "deadline"


# Filters accept both languages' names for a kind (docs/rules.md, "Kinds").
KIND_NAMES: dict[str, Kind] = {
    "minute": Kind.MINUTE,
    "纪要": Kind.MINUTE,
    "minutes": Kind.MINUTE,
    "decision": Kind.DECISION,
    "议定事项": Kind.DECISION,
    "决定": Kind.DECISION,
    "issue": Kind.ISSUE,
    "问题": Kind.ISSUE,
    "问题清单": Kind.ISSUE,
    "deadline": Kind.DEADLINE,
    "时间节点": Kind.DEADLINE,
    "节点": Kind.DEADLINE,
    "task": Kind.DECISION,
    "任务": Kind.DECISION,
}


class Tag(StrEnum):
    """A minute's tag: what part of the project's report it belongs to."""

    PROGRESS = "progress"
    PROBLEM = "problem"
    NEXT = "next"
    REMARK = "remark"


class Status(StrEnum):
    """Life of decisions, issues and deadlines. Minutes have no status (None).

    "Returned" (退回) is not a status: it sends a reported item back to
    in-progress, and the reason lives in the item's history.
    """

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    REPORTED = "reported"
    CLOSED = "closed"


TRACKED_KINDS = frozenset({Kind.DECISION, Kind.ISSUE, Kind.DEADLINE})
OPEN_STATUSES = frozenset({Status.OPEN, Status.IN_PROGRESS, Status.REPORTED})


class Light(StrEnum):
    """Computed on every view, never stored (docs/rules.md, "Status and lights")."""

    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"
    GREY = "grey"


class MeetingState(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"


class MeetingKind(StrEnum):
    """A meeting held (or prepared), or the record ledger upkeep or an import writes
    its items under: those are never run, listed among meetings, or counted as held."""

    MEETING = "meeting"
    UPKEEP = "upkeep"
    IMPORT = "import"


class UnitKind(StrEnum):
    STREET = "street"
    DEPARTMENT = "department"
    COMPANY = "company"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class UnitView:
    id: uuid.UUID
    name: str
    kind: UnitKind
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MonthFigures:
    """A project's figures for one month: investment completed in it (万元), the year's
    total up to it, and the 形象进度 (percent of the works done) at its end."""

    month: date  # the month's first day
    invested: float | None
    year_invested: float | None
    progress_pct: float | None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ProjectView:
    id: uuid.UUID
    code: str | None
    name: str
    category: str | None
    street: str | None
    leader: str | None
    lead_unit: UnitView | None
    units: tuple[UnitView, ...]
    investment_total: float | None
    investment_year: float | None
    annual_target: str | None
    content: str | None
    planned_start: date | None
    planned_end: date | None
    status: str | None
    version: int
    archived: bool = False
    latest: MonthFigures | None = None  # the last month with figures


@dataclass(frozen=True, slots=True)
class ItemView:
    id: uuid.UUID
    kind: Kind
    text: str
    meeting_id: uuid.UUID
    project_id: uuid.UUID | None
    tag: Tag | None
    category: str | None
    steps: str | None
    lead_unit: UnitView | None
    co_units: tuple[UnitView, ...]
    due: date | None
    actual: date | None
    status: Status | None
    created_at: datetime
    updated_at: datetime
    version: int  # 0: held on this computer, not yet stored (see tui550.app.held_captures)
    created_by: str
    deleted: bool = False
    cadence: str | None = None  # a standing deadline as said (每周五); `due` is then None
    evidence: bool = False  # files are attached (lists mark it 📎)

    @property
    def has_deadline(self) -> bool:
        """A date or a standing cadence: such an item is not missing its 完成时限."""
        return self.due is not None or self.cadence is not None

    @property
    def lacks_owner_or_deadline(self) -> bool:
        """A decision or issue without a lead unit or a 完成时限 (a date or a cadence):
        what the meeting's closing review asks for."""
        return self.kind in (Kind.DECISION, Kind.ISSUE) and (self.lead_unit is None or not self.has_deadline)

    def due_on(self, today: date) -> date | None:
        """The date its light and order follow on ``today``: the due date, or the next
        occurrence of its cadence (none for 长期坚持)."""
        return effective_due(self.due, self.cadence, today)

    def deadline_order(self, today: date) -> tuple[int, date]:
        """Its place in a list sorted by deadline on ``today`` (`cadence.due_order`)."""
        return due_order(self.due, self.cadence, today)

    @property
    def tracked(self) -> bool:
        return self.kind in TRACKED_KINDS

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


@dataclass(frozen=True, slots=True)
class AgendaView:
    id: uuid.UUID
    position: int
    project: ProjectView
    time_box_s: int
    elapsed_s: float
    started_at: datetime | None
    ended_at: datetime | None
    skipped: bool


@dataclass(frozen=True, slots=True)
class MeetingView:
    id: uuid.UUID
    title: str
    issue_no: str | None
    date: date
    starts_at: datetime | None
    ends_at: datetime | None
    place: str | None
    chair: str | None
    attendees: str | None
    non_voting: str | None
    absentees: str | None
    recorder: str | None
    state: MeetingState
    current_position: int
    version: int
    counts: dict[str, int] = field(default_factory=dict)
    kind: MeetingKind = MeetingKind.MEETING

    @property
    def short_id(self) -> str:
        return self.id.hex[:8]

    @property
    def item_count(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    at: datetime
    who: str
    action: str
    entity: str
    entity_id: uuid.UUID
    meeting_id: uuid.UUID | None
    changes: dict[str, list[object]]
