"""A capture's rows written as SQL of our own on SQLite: the write every Enter waits for.

Through SQLAlchemy's statements, the writes of a capture (the item, its co-units, its
history row, the emptied draft) add Python work of more than half SQLite's own time:
building each statement and its cache key, and the type processing of every value. Here
the SQL is built once, at import, from the columns of the generated Core tables (`_tables`),
and the values are encoded as the models' column types store them on SQLite (UUIDs as 32
hex digits, timestamps as naive UTC with microseconds, dates in ISO form, JSON as text).
It runs on the connection of `Database.transaction`, so the transaction, SQLAlchemy's
events and the error handling are those of every other write.
`tests/unit/test_storage.py` writes the same capture both ways and compares the stored rows.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from tui550.core.store._tables import DRAFT, HISTORY, ITEM, ITEM_UNIT

# Every column of the tables, in their order; a value the capture does not give takes the
# column's plain default, or NULL, as SQLAlchemy's statement for the same row would.
ITEM_COLUMNS = tuple(ITEM.c.keys())
HISTORY_COLUMNS = tuple(HISTORY.c.keys())
_HISTORY_JSON = frozenset(c.name for c in HISTORY.c if isinstance(c.type, sa.JSON))
_ITEM_DEFAULTS = {
    c.name: c.default.arg  # type: ignore[attr-defined]
    for c in ITEM.c
    if c.default is not None and c.default.is_scalar
}


def _insert(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


_ITEM = _insert(ITEM.name, ITEM_COLUMNS) + " ON CONFLICT (id) DO NOTHING"
_LINK = _insert(ITEM_UNIT.name, ("item_id", "unit_id", "position"))
_HISTORY = _insert(HISTORY.name, HISTORY_COLUMNS)
_DRAFT = f"UPDATE {DRAFT.name} SET text = '', updated_at = ? WHERE meeting_id = ?"


def sqlite_value(value: Any) -> Any:
    """`value` as the models' column types store it on SQLite."""
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, datetime):
        if value.tzinfo is None:  # as UTCDateTime refuses them
            raise ValueError("timestamps must be timezone-aware")
        v = value.astimezone(UTC)
        return (
            f"{v.year:04d}-{v.month:02d}-{v.day:02d} "
            f"{v.hour:02d}:{v.minute:02d}:{v.second:02d}.{v.microsecond:06d}"
        )
    if isinstance(value, date):
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    return value


def write_capture(
    conn: Connection,
    item: Mapping[str, Any],
    co_units: Sequence[uuid.UUID],
    history: Mapping[str, Any],
    clear_draft: bool,
) -> bool:
    """Write a captured item, its co-units (in order), its history row and, if asked, empty
    its meeting's draft. False if an item with its id is stored already (a retry)."""
    values = tuple(sqlite_value(item[c] if c in item else _ITEM_DEFAULTS.get(c)) for c in ITEM_COLUMNS)
    if not conn.exec_driver_sql(_ITEM, values).rowcount:
        return False
    if co_units:
        conn.exec_driver_sql(_LINK, [(item["id"].hex, u.hex, i) for i, u in enumerate(co_units)])
    conn.exec_driver_sql(
        _HISTORY,
        tuple(
            json.dumps(history[c]) if c in _HISTORY_JSON else sqlite_value(history[c])
            for c in HISTORY_COLUMNS
        ),
    )
    if clear_draft:
        conn.exec_driver_sql(_DRAFT, (sqlite_value(item["created_at"]), item["meeting_id"].hex))
    return True
