"""The tables a meeting's first frame reads, as Core tables: names and types, nothing else.

Building the ORM's table classes (`tui550.core.models`: pydantic fields, columns,
mappers) costs some 70-110 ms, and every start paid it before its first frame. The reads
that frame waits for (the meeting, its agenda and projects, the units, the draft, the
project's items and their supervision figures) need only each table's columns and their
types, which decode the values exactly as the ORM's tables do. So they read through
these, and the models load in the pause after the frame (`store.prepare_orm`).

Writes keep the models' tables, with their defaults. A test keeps every table here
equal, column by column and type by type, to the model's.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel.sql.sqltypes import AutoString

from tui550.core.coltypes import UTCDateTime

_METADATA = sa.MetaData()
_ID, _TEXT, _INT, _FLOAT, _DAY, _FLAG = (sa.Uuid(), AutoString(), sa.Integer(), sa.Float(),
                                         sa.Date(), sa.Boolean())
_AT = UTCDateTime(timezone=True)
_RECORD = (("id", _ID), ("created_at", _AT), ("updated_at", _AT), ("version", _INT),
           ("deleted_at", _AT))


def _table(name: str, *columns: tuple[str, Any]) -> sa.Table:
    return sa.Table(name, _METADATA, *(sa.Column(n, t) for n, t in columns))


UNIT = _table("unit", *_RECORD, ("name", _TEXT), ("kind", _TEXT), ("note", _TEXT),
              ("merged_into_id", _ID))
UNIT_ALIAS = _table("unit_alias", ("id", _ID), ("unit_id", _ID), ("alias", _TEXT))
PROJECT = _table(
    "project", *_RECORD, ("code", _TEXT), ("name", _TEXT), ("category", _TEXT), ("street_id", _ID),
    ("leader", _TEXT), ("lead_unit_id", _ID), ("investment_total", _FLOAT),
    ("investment_year", _FLOAT), ("annual_target", _TEXT), ("content", _TEXT),
    ("planned_start", _DAY), ("planned_end", _DAY), ("status", _TEXT), ("note", _TEXT))
PROJECT_UNIT = _table("project_unit", ("project_id", _ID), ("unit_id", _ID), ("position", _INT))
MEETING = _table(
    "meeting", *_RECORD, ("title", _TEXT), ("issue_no", _TEXT), ("date", _DAY),
    ("starts_at", _AT), ("ends_at", _AT), ("place", _TEXT), ("chair", _TEXT),
    ("attendees", _TEXT), ("non_voting", _TEXT), ("absentees", _TEXT), ("recorder", _TEXT),
    ("state", _TEXT), ("current_position", _INT))
AGENDA_ENTRY = _table(
    "agenda_entry", *_RECORD, ("meeting_id", _ID), ("project_id", _ID), ("position", _INT),
    ("time_box_s", _INT), ("elapsed_s", _FLOAT), ("started_at", _AT), ("ended_at", _AT),
    ("skipped", _FLAG))
ITEM = _table(
    "item", *_RECORD, ("meeting_id", _ID), ("project_id", _ID), ("kind", _TEXT), ("tag", _TEXT),
    ("text", _TEXT), ("category", _TEXT), ("steps", _TEXT), ("lead_unit_id", _ID), ("due", _DAY),
    ("cadence", _TEXT), ("actual", _DAY), ("status", _TEXT), ("created_by", _TEXT), ("original_due", _DAY),
    ("extensions", _INT), ("escalation", _INT), ("closed_at", _AT), ("closed_by", _TEXT),
    ("closed_note", _TEXT))
ITEM_UNIT = _table("item_unit", ("item_id", _ID), ("unit_id", _ID), ("position", _INT))
DRAFT = _table("draft", ("meeting_id", _ID), ("project_id", _ID), ("kind", _TEXT), ("text", _TEXT),
               ("updated_at", _AT))
