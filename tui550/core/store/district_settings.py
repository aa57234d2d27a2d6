"""District-wide values kept in the database's `setting` table (shared by every laptop)."""

from __future__ import annotations

import uuid
from typing import Any

from tui550.core.clock import utcnow
from tui550.core.db import Database
from tui550.core.store import models
from tui550.core.store.rows import jsonable, record_history


def get_setting(db: Database, key: str, default: Any = None) -> Any:
    with db.read() as session:
        row = session.get(models.Setting, key)
        return default if row is None else row.value


def put_setting(db: Database, key: str, value: Any) -> None:
    value = jsonable(value)
    with db.write() as session:
        row = session.get(models.Setting, key)
        old = None if row is None else row.value
        if row is None:
            row = models.Setting(key=key, value=value)
        else:
            row.value = value
            row.updated_at = utcnow()
        session.add(row)
        # Settings have no UUID of their own; history is keyed by a name-derived one.
        record_history(
            session,
            db,
            entity="setting",
            entity_id=uuid.uuid5(uuid.NAMESPACE_URL, key),
            action="update",
            changes={key: (old, value)},
        )
