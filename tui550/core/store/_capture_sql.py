"""A capture's rows written as SQL of our own on SQLite: the write every Enter waits for.

Through SQLAlchemy's statements, the writes of a capture (the item, its co-units, its
history row, the emptied draft) cost about 1.3 ms of Python on top of SQLite's own 2 ms:
building each statement and its cache key, and the type processing of every value. Here
the SQL is fixed and the values are encoded as the models' column types store them on
SQLite (UUIDs as 32 hex digits, timestamps as naive UTC with microseconds, dates in ISO
form, JSON as text). It runs on the connection of `Database.transaction`, so the
transaction, SQLAlchemy's events and the error handling are those of every other write.
`tests/test_storage.py` writes the same capture both ways and compares the stored rows.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.engine import Connection

# The columns `items.capture` gives a new item; the others keep their NULL.
ITEM_COLUMNS = ("id", "meeting_id", "project_id", "kind", "tag", "text", "category", "steps",
                "lead_unit_id", "due", "cadence", "actual", "status", "original_due", "created_by",
                "created_at", "updated_at", "version", "extensions", "escalation")
HISTORY_COLUMNS = ("id", "entity", "entity_id", "meeting_id", "who", "at", "action", "changes")

_ITEM = (f"INSERT INTO item ({', '.join(ITEM_COLUMNS)}) VALUES ({', '.join('?' * len(ITEM_COLUMNS))})"
         " ON CONFLICT (id) DO NOTHING")
_LINK = "INSERT INTO item_unit (item_id, unit_id, position) VALUES (?, ?, ?)"
_HISTORY = (f"INSERT INTO history ({', '.join(HISTORY_COLUMNS)})"
            f" VALUES ({', '.join('?' * len(HISTORY_COLUMNS))})")
_DRAFT = "UPDATE draft SET text = '', updated_at = ? WHERE meeting_id = ?"


def sqlite_value(value: Any) -> Any:
    """`value` as the models' column types store it on SQLite."""
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, datetime):
        if value.tzinfo is None:  # as UTCDateTime refuses them
            raise ValueError("timestamps must be timezone-aware")
        v = value.astimezone(UTC)
        return (f"{v.year:04d}-{v.month:02d}-{v.day:02d} "
                f"{v.hour:02d}:{v.minute:02d}:{v.second:02d}.{v.microsecond:06d}")
    if isinstance(value, date):
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    return value


def write_capture(conn: Connection, item: Mapping[str, Any], co_units: Sequence[uuid.UUID],
                  history: Mapping[str, Any], clear_draft: bool) -> bool:
    """Write a captured item, its co-units (in order), its history row and, if asked, empty
    its meeting's draft. False if an item with its id is stored already (a retry)."""
    if not conn.exec_driver_sql(_ITEM, tuple(sqlite_value(item[c]) for c in ITEM_COLUMNS)).rowcount:
        return False
    if co_units:
        conn.exec_driver_sql(_LINK, [(item["id"].hex, u.hex, i) for i, u in enumerate(co_units)])
    conn.exec_driver_sql(_HISTORY, tuple(
        json.dumps(history[c]) if c == "changes" else sqlite_value(history[c])
        for c in HISTORY_COLUMNS))
    if clear_draft:
        conn.exec_driver_sql(_DRAFT, (sqlite_value(item["created_at"]), item["meeting_id"].hex))
    return True
