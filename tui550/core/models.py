"""The tables. The ORM stays here and in `tui550.core.store`; nothing else sees a row.

Every record carries a client-made UUID (so two databases can exchange and merge
records), created/updated timestamps in UTC, a version for optimistic concurrency
and a soft-delete mark. Schema changes go through migrations in `db/` only.

Unlike the rest of the package, this module keeps its annotations evaluated (no
`from __future__ import annotations`): pydantic would otherwise evaluate every
field's annotation string again when each table class is made, at every start.
"""

import datetime as dt
import uuid
from datetime import UTC
from typing import Any

import sqlalchemy as sa
from pydantic import ConfigDict
from sqlmodel import Field, SQLModel

from tui550.core.coltypes import UTCDateTime


def _now() -> dt.datetime:
    return dt.datetime.now(UTC)


class Base(SQLModel):
    """The base of every table: SQLModel with pydantic's validators left unbuilt.

    Rows are written by SQLAlchemy and read into views, never validated by pydantic, yet
    building each class's validator and serializer is a fifth of the tables' import, which
    every start pays before its first frame. Pydantic builds them on first use, if any.
    """

    model_config = ConfigDict(defer_build=True)  # type: ignore[assignment]


class Record(Base):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    created_at: dt.datetime = Field(default_factory=_now, sa_type=UTCDateTime, nullable=False)
    updated_at: dt.datetime = Field(default_factory=_now, sa_type=UTCDateTime, nullable=False)
    version: int = Field(default=1, nullable=False)
    deleted_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)


class Unit(Record, table=True):
    name: str = Field(index=True)
    kind: str = Field(default="department")
    note: str | None = None
    # A unit merged into another keeps its row (history points at it) and forwards here.
    merged_into_id: uuid.UUID | None = Field(default=None, foreign_key="unit.id")


class UnitAlias(Base, table=True):
    __tablename__ = "unit_alias"
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    unit_id: uuid.UUID = Field(foreign_key="unit.id", index=True)
    alias: str = Field(unique=True)


class Project(Record, table=True):
    code: str | None = Field(default=None, index=True)
    name: str = Field(index=True)
    category: str | None = None
    street_id: uuid.UUID | None = Field(default=None, foreign_key="unit.id")
    leader: str | None = None
    lead_unit_id: uuid.UUID | None = Field(default=None, foreign_key="unit.id")
    investment_total: float | None = None
    investment_year: float | None = None
    annual_target: str | None = None
    content: str | None = None
    planned_start: dt.date | None = None
    planned_end: dt.date | None = None
    status: str | None = None
    note: str | None = None
    # Archived: off the agenda and the ledger's list, kept with its history; restorable.
    archived_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)


class ProjectMonth(Record, table=True):
    """One month's figures of a project, as the monthly "550" ledger reports them."""

    __tablename__ = "project_month"
    __table_args__ = (sa.UniqueConstraint("project_id", "month", name="uq_project_month"),)
    project_id: uuid.UUID = Field(foreign_key="project.id", index=True)
    month: dt.date  # its first day
    invested: float | None = None  # investment completed in the month, 万元
    progress_pct: float | None = None  # 形象进度 at the month's end, percent
    note: str | None = None


class ProjectUnit(Base, table=True):
    __tablename__ = "project_unit"
    project_id: uuid.UUID = Field(foreign_key="project.id", primary_key=True)
    unit_id: uuid.UUID = Field(foreign_key="unit.id", primary_key=True)
    position: int = 0


class Meeting(Record, table=True):
    title: str
    issue_no: str | None = None
    date: dt.date = Field(index=True)
    starts_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    ends_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    place: str | None = None
    chair: str | None = None
    attendees: str | None = None
    non_voting: str | None = None
    absentees: str | None = None
    recorder: str | None = None
    state: str = Field(default="planned", index=True)
    # Agenda position shown on the wall: 0 is the meeting-level page (会议总体).
    current_position: int = 0
    # What the row is: a meeting, or the record ledger upkeep or an import writes under
    # (`domain.MeetingKind`; migration 0009).
    kind: str = Field(default="meeting", sa_column_kwargs={"server_default": "meeting"})


class AgendaEntry(Record, table=True):
    __tablename__ = "agenda_entry"
    __table_args__ = (sa.Index("ix_agenda_meeting_position", "meeting_id", "position"),)
    meeting_id: uuid.UUID = Field(foreign_key="meeting.id")
    project_id: uuid.UUID = Field(foreign_key="project.id", index=True)
    position: int
    time_box_s: int = 300
    elapsed_s: float = 0.0
    started_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    ended_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    skipped: bool = False


BOARD_COLUMNS = (
    "status",
    "kind",
    "deleted_at",
    "due",
    "actual",
    "extensions",
    "escalation",
    "lead_unit_id",
    "created_at",
    "closed_at",
    "meeting_id",
    "project_id",
    "id",
)


class Item(Record, table=True):
    __table_args__ = (
        sa.Index("ix_item_meeting_project", "meeting_id", "project_id"),
        sa.Index("ix_item_project_status", "project_id", "status"),
        sa.Index("ix_item_kind_status_due", "kind", "status", "due"),
        # Covers the supervision board and the accountability figures, so that they
        # read this index alone and never the rows (see core/store/supervision.py).
        sa.Index("ix_item_board", *BOARD_COLUMNS),
        # Covers the home screen's counts per meeting and kind (migration 0003).
        sa.Index("ix_item_meeting_kind_deleted", "meeting_id", "kind", "deleted_at"),
    )
    meeting_id: uuid.UUID = Field(foreign_key="meeting.id")
    project_id: uuid.UUID | None = Field(default=None, foreign_key="project.id")
    kind: str
    tag: str | None = None
    text: str
    category: str | None = None
    steps: str | None = None
    lead_unit_id: uuid.UUID | None = Field(default=None, foreign_key="unit.id", index=True)
    due: dt.date | None = None
    # A standing deadline (每周五, 长期坚持) as said; `due` stays empty (core/cadence.py).
    cadence: str | None = None
    actual: dt.date | None = None
    status: str | None = None
    created_by: str = ""
    # Follow-up (延期 keeps the first promise; 销号 needs who verified and how).
    original_due: dt.date | None = None
    extensions: int = 0
    escalation: int = 0
    closed_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    closed_by: str | None = None
    closed_note: str | None = None


class ItemUnit(Base, table=True):
    """Co-units (配合单位) of an item, in the order they were named."""

    __tablename__ = "item_unit"
    item_id: uuid.UUID = Field(foreign_key="item.id", primary_key=True)
    unit_id: uuid.UUID = Field(foreign_key="unit.id", primary_key=True, index=True)
    position: int = 0


class Attachment(Base, table=True):
    """Evidence from on-site checks (现场察看), stored with the item it proves."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    item_id: uuid.UUID = Field(foreign_key="item.id", index=True)
    filename: str
    mime: str | None = None
    size: int = 0
    sha256: str = ""
    data: bytes = Field(sa_type=sa.LargeBinary)
    created_at: dt.datetime = Field(default_factory=_now, sa_type=UTCDateTime)
    created_by: str = ""
    deleted_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)


class History(Base, table=True):
    """Append-only: who changed what, when, in which meeting, old and new values."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    entity: str
    entity_id: uuid.UUID = Field(index=True)
    meeting_id: uuid.UUID | None = Field(default=None, index=True)
    who: str
    at: dt.datetime = Field(default_factory=_now, sa_type=UTCDateTime, index=True)
    action: str
    changes: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)


class Draft(Base, table=True):
    """The unsent text of a meeting's capture line, saved when typing pauses."""

    meeting_id: uuid.UUID = Field(foreign_key="meeting.id", primary_key=True)
    project_id: uuid.UUID | None = None
    kind: str = "minute"
    text: str = ""
    updated_at: dt.datetime = Field(default_factory=_now, sa_type=UTCDateTime)


class Setting(Base, table=True):
    """District-wide settings shared through the database (office name, 抄送 list...)."""

    key: str = Field(primary_key=True)
    value: Any = Field(default=None, sa_type=sa.JSON)
    updated_at: dt.datetime = Field(default_factory=_now, sa_type=UTCDateTime)


class SearchDoc(Base, table=True):
    """One searchable text per live unit, project, meeting and item.

    Kept by database triggers (migrations 0002, 0003), never written by the store; the
    full-text indexes over `body` (FTS5 on SQLite, pg_trgm and an n-gram table on
    PostgreSQL) hang off its integer id, which grows with insertion, so "newest
    first" is an index order. See `tui550.core.search`.
    """

    __tablename__ = "search_doc"
    __table_args__ = (sa.UniqueConstraint("entity", "ref", name="uq_search_doc_entity_ref"),)
    id: int | None = Field(default=None, primary_key=True)
    entity: str
    ref: uuid.UUID
    body: str
    # Marker tokens of an item's kind, project, units and open state (migration 0003),
    # indexed with the body on SQLite so that filters are index lookups too.
    facets: str | None = None


# Search index objects that SQLAlchemy cannot describe, or that differ by dialect (FTS5
# virtual tables and their shadow tables, the SQLite position table, the PostgreSQL
# n-gram table and trigram index, a partial covering index on SQLite). Migration
# 0002 creates them; the drift check and Alembic's autogenerate skip them.
SEARCH_INTERNAL_PREFIXES = (
    "search_ngram",
    "search_pos",
    "search_gram",
    "ix_search_doc_body_trgm",
    "ix_search_doc_other",
)


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Alembic `include_object` hook: leave the search index internals out of comparisons."""
    return not (name or "").startswith(SEARCH_INTERNAL_PREFIXES)


metadata = SQLModel.metadata


def table_of(model: type[SQLModel]) -> sa.Table:
    """The Core table of a model, for the few hot paths that skip the ORM."""
    table: sa.Table = model.__table__  # type: ignore[attr-defined]
    return table
