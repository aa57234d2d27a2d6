"""Core tables of the models: names, types and plain defaults, nothing else.

Generated from `tui550.core.models` by `python -m tui550.core.store.schema_gen`:
do not edit; change the model and run that command (a test fails while this is stale).

They load without the ORM's table classes, so the reads a meeting's first frame waits
for, the capture's SQL and the bulk decoders use them, and the models load after that
frame (`store.prepare_orm`). Writes through the ORM keep the models' tables.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel.sql.sqltypes import AutoString

from tui550.core.coltypes import UTCDateTime

_METADATA = sa.MetaData()
_UUID = sa.Uuid()
_UTCDATETIME = UTCDateTime(timezone=True)
_INTEGER = sa.Integer()
_FLOAT = sa.Float()
_BOOLEAN = sa.Boolean()
_AUTOSTRING = AutoString()
_JSON = sa.JSON()
_DATE = sa.Date()


AGENDA_ENTRY = sa.Table(
    "agenda_entry",
    _METADATA,
    sa.Column("id", _UUID),
    sa.Column("created_at", _UTCDATETIME),
    sa.Column("updated_at", _UTCDATETIME),
    sa.Column("version", _INTEGER, default=1),
    sa.Column("deleted_at", _UTCDATETIME),
    sa.Column("meeting_id", _UUID),
    sa.Column("project_id", _UUID),
    sa.Column("position", _INTEGER),
    sa.Column("time_box_s", _INTEGER, default=300),
    sa.Column("elapsed_s", _FLOAT, default=0.0),
    sa.Column("started_at", _UTCDATETIME),
    sa.Column("ended_at", _UTCDATETIME),
    sa.Column("skipped", _BOOLEAN, default=False),
)


DRAFT = sa.Table(
    "draft",
    _METADATA,
    sa.Column("meeting_id", _UUID),
    sa.Column("project_id", _UUID),
    sa.Column("kind", _AUTOSTRING, default="minute"),
    sa.Column("text", _AUTOSTRING, default=""),
    sa.Column("updated_at", _UTCDATETIME),
)


HISTORY = sa.Table(
    "history",
    _METADATA,
    sa.Column("id", _UUID),
    sa.Column("entity", _AUTOSTRING),
    sa.Column("entity_id", _UUID),
    sa.Column("meeting_id", _UUID),
    sa.Column("who", _AUTOSTRING),
    sa.Column("at", _UTCDATETIME),
    sa.Column("action", _AUTOSTRING),
    sa.Column("changes", _JSON),
)


ITEM = sa.Table(
    "item",
    _METADATA,
    sa.Column("id", _UUID),
    sa.Column("created_at", _UTCDATETIME),
    sa.Column("updated_at", _UTCDATETIME),
    sa.Column("version", _INTEGER, default=1),
    sa.Column("deleted_at", _UTCDATETIME),
    sa.Column("meeting_id", _UUID),
    sa.Column("project_id", _UUID),
    sa.Column("kind", _AUTOSTRING),
    sa.Column("tag", _AUTOSTRING),
    sa.Column("text", _AUTOSTRING),
    sa.Column("category", _AUTOSTRING),
    sa.Column("steps", _AUTOSTRING),
    sa.Column("lead_unit_id", _UUID),
    sa.Column("due", _DATE),
    sa.Column("cadence", _AUTOSTRING),
    sa.Column("actual", _DATE),
    sa.Column("status", _AUTOSTRING),
    sa.Column("created_by", _AUTOSTRING, default=""),
    sa.Column("original_due", _DATE),
    sa.Column("extensions", _INTEGER, default=0),
    sa.Column("escalation", _INTEGER, default=0),
    sa.Column("closed_at", _UTCDATETIME),
    sa.Column("closed_by", _AUTOSTRING),
    sa.Column("closed_note", _AUTOSTRING),
)


ITEM_UNIT = sa.Table(
    "item_unit",
    _METADATA,
    sa.Column("item_id", _UUID),
    sa.Column("unit_id", _UUID),
    sa.Column("position", _INTEGER, default=0),
)


MEETING = sa.Table(
    "meeting",
    _METADATA,
    sa.Column("id", _UUID),
    sa.Column("created_at", _UTCDATETIME),
    sa.Column("updated_at", _UTCDATETIME),
    sa.Column("version", _INTEGER, default=1),
    sa.Column("deleted_at", _UTCDATETIME),
    sa.Column("title", _AUTOSTRING),
    sa.Column("issue_no", _AUTOSTRING),
    sa.Column("date", _DATE),
    sa.Column("starts_at", _UTCDATETIME),
    sa.Column("ends_at", _UTCDATETIME),
    sa.Column("place", _AUTOSTRING),
    sa.Column("chair", _AUTOSTRING),
    sa.Column("attendees", _AUTOSTRING),
    sa.Column("non_voting", _AUTOSTRING),
    sa.Column("absentees", _AUTOSTRING),
    sa.Column("recorder", _AUTOSTRING),
    sa.Column("state", _AUTOSTRING, default="planned"),
    sa.Column("current_position", _INTEGER, default=0),
    sa.Column("kind", _AUTOSTRING, default="meeting"),
)


PROJECT = sa.Table(
    "project",
    _METADATA,
    sa.Column("id", _UUID),
    sa.Column("created_at", _UTCDATETIME),
    sa.Column("updated_at", _UTCDATETIME),
    sa.Column("version", _INTEGER, default=1),
    sa.Column("deleted_at", _UTCDATETIME),
    sa.Column("code", _AUTOSTRING),
    sa.Column("name", _AUTOSTRING),
    sa.Column("category", _AUTOSTRING),
    sa.Column("street_id", _UUID),
    sa.Column("leader", _AUTOSTRING),
    sa.Column("lead_unit_id", _UUID),
    sa.Column("investment_total", _FLOAT),
    sa.Column("investment_year", _FLOAT),
    sa.Column("annual_target", _AUTOSTRING),
    sa.Column("content", _AUTOSTRING),
    sa.Column("planned_start", _DATE),
    sa.Column("planned_end", _DATE),
    sa.Column("status", _AUTOSTRING),
    sa.Column("note", _AUTOSTRING),
    sa.Column("archived_at", _UTCDATETIME),
)


PROJECT_MONTH = sa.Table(
    "project_month",
    _METADATA,
    sa.Column("id", _UUID),
    sa.Column("created_at", _UTCDATETIME),
    sa.Column("updated_at", _UTCDATETIME),
    sa.Column("version", _INTEGER, default=1),
    sa.Column("deleted_at", _UTCDATETIME),
    sa.Column("project_id", _UUID),
    sa.Column("month", _DATE),
    sa.Column("invested", _FLOAT),
    sa.Column("progress_pct", _FLOAT),
    sa.Column("note", _AUTOSTRING),
)


PROJECT_UNIT = sa.Table(
    "project_unit",
    _METADATA,
    sa.Column("project_id", _UUID),
    sa.Column("unit_id", _UUID),
    sa.Column("position", _INTEGER, default=0),
)


UNIT = sa.Table(
    "unit",
    _METADATA,
    sa.Column("id", _UUID),
    sa.Column("created_at", _UTCDATETIME),
    sa.Column("updated_at", _UTCDATETIME),
    sa.Column("version", _INTEGER, default=1),
    sa.Column("deleted_at", _UTCDATETIME),
    sa.Column("name", _AUTOSTRING),
    sa.Column("kind", _AUTOSTRING, default="department"),
    sa.Column("note", _AUTOSTRING),
    sa.Column("merged_into_id", _UUID),
)


UNIT_ALIAS = sa.Table(
    "unit_alias",
    _METADATA,
    sa.Column("id", _UUID),
    sa.Column("unit_id", _UUID),
    sa.Column("alias", _AUTOSTRING),
)
