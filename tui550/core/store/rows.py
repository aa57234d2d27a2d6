"""Shared by the store modules: history rows, version checks, row → view conversion."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy import select as core_select
from sqlalchemy.engine import Connection
from sqlmodel import Session

from tui550.core.clock import utcnow
from tui550.core.db import Database
from tui550.core.domain import UnitKind, UnitView
from tui550.core.errors import ConflictError
from tui550.core.store import _tables, models
from tui550.core.text import printable


def jsonable(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


# What runs Core statements: an ORM session, or a bare connection (`Database.transaction`).
Executor = Session | Connection


def history_row(
    db: Database,
    *,
    entity: str,
    entity_id: uuid.UUID,
    action: str,
    changes: Mapping[str, tuple[Any, Any]] | None = None,
    meeting_id: uuid.UUID | None = None,
    at: datetime | None = None,
) -> dict[str, Any]:
    """The `history` row of one change: who, when, and each field's old and new value."""
    return {
        "id": uuid.uuid4(),
        "entity": entity,
        "entity_id": entity_id,
        "meeting_id": meeting_id,
        "who": db.who,
        "at": at or utcnow(),
        "action": action,
        "changes": {k: [jsonable(o), jsonable(n)] for k, (o, n) in (changes or {}).items()},
    }


def record_history(session: Executor, db: Database, **change: Any) -> None:
    """Add the `history` row of one change (`history_row`'s arguments)."""
    session.execute(insert(models.table_of(models.History)), history_row(db, **change))


def apply_update(
    session: Session,
    db: Database,
    model: type[models.Record],
    record_id: uuid.UUID,
    expected_version: int,
    values: Mapping[str, Any],
    *,
    entity: str,
    meeting_id: uuid.UUID | None = None,
    action: str = "update",
    extra: Mapping[str, tuple[Any, Any]] | None = None,
) -> Any:
    """Optimistic update: only if the row still has the version the caller read.

    The version check is in the UPDATE's WHERE clause, so two processes cannot
    both pass it; the loser gets a ConflictError and nothing is overwritten.
    """
    current = session.get(model, record_id)
    if current is None:
        raise ConflictError(entity, None)
    old = {k: getattr(current, k) for k in values}
    now = utcnow()
    table: Any = model
    result = session.execute(
        update(table)
        .where(table.id == record_id, table.version == expected_version)
        .values(**values, version=expected_version + 1, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise ConflictError(entity, current.version)
    session.expire(current)
    changes = {k: (old[k], v) for k, v in values.items() if old[k] != v}
    # What is not a column but belongs to the change (a reason, a note) rides along.
    changes.update(extra or {})
    record_history(
        session,
        db,
        entity=entity,
        entity_id=record_id,
        action=action,
        changes=changes,
        meeting_id=meeting_id,
        at=now,
    )
    return session.get(model, record_id)


def units_by_id(session: Executor, db: Database, wanted: Iterable[uuid.UUID | None]) -> dict[Any, UnitView]:
    """Units are few (hundreds) and read everywhere: cache them on the Database,
    reloading when an id is missing (a unit added by us or by another process)."""
    cache: dict[Any, UnitView] = db.unit_cache
    if any(u is not None and u not in cache for u in wanted) or not cache:
        cache.clear()
        aliases: dict[uuid.UUID, list[str]] = {}
        # Core statements: read before a meeting's first frame, before any ORM query.
        for alias in session.execute(core_select(_tables.UNIT_ALIAS)):
            aliases.setdefault(alias.unit_id, []).append(printable(alias.alias))
        for unit in session.execute(core_select(_tables.UNIT)):
            cache[unit.id] = UnitView(
                id=unit.id,
                name=printable(unit.name),
                kind=UnitKind(unit.kind) if unit.kind in UnitKind._value2member_map_ else UnitKind.OTHER,
                aliases=tuple(sorted(aliases.get(unit.id, ()))),
            )
    return cache
