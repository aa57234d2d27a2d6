"""Finding units by any of their names inside one import transaction, and adding new ones."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, col, select

from tui550.core.db import Database
from tui550.core.models import Unit, UnitAlias, table_of
from tui550.core.quickadd import UnitRef, match_unit
from tui550.core.store.rows import record_history
from tui550.core.text import clean_text, normalise_name
from tui550.core.unit_names import unit_kind_for


@dataclass
class UnitIndex:
    """Live units by normalised name and alias; merged units forward to the one they joined."""

    ids: dict[str, uuid.UUID] = field(default_factory=dict)
    new: dict[uuid.UUID, tuple[str, str]] = field(default_factory=dict)  # id -> (name, kind)
    # The live units as the capture line's matcher sees them: a name not written exactly
    # (住建局 for 区住建局, 自然资源 for 区自然资源局) finds its unit as `@name` would.
    refs: list[UnitRef] = field(default_factory=list)

    @classmethod
    def load(cls, session: Session) -> UnitIndex:
        index = cls()
        units = {u.id: u for u in session.exec(select(Unit).where(col(Unit.deleted_at).is_(None)))}

        def live(unit_id: uuid.UUID) -> uuid.UUID | None:
            seen: set[uuid.UUID] = set()
            while unit_id in units and units[unit_id].merged_into_id is not None and unit_id not in seen:
                seen.add(unit_id)
                unit_id = units[unit_id].merged_into_id  # type: ignore[assignment]
            return unit_id if unit_id in units else None

        # Live names first, so that a live unit's own name wins over anyone's alias.
        for unit in sorted(units.values(), key=lambda u: u.merged_into_id is not None):
            target = live(unit.id)
            if target is not None:
                index.ids.setdefault(normalise_name(unit.name), target)
        aliases: dict[uuid.UUID, list[str]] = {}
        for alias in session.exec(select(UnitAlias)):
            target = live(alias.unit_id)
            if target is not None:
                index.ids.setdefault(normalise_name(alias.alias), target)
                aliases.setdefault(alias.unit_id, []).append(alias.alias)
        index.refs = [
            UnitRef(id=u.id, name=u.name, aliases=tuple(aliases.get(u.id, ())))
            for u in units.values()
            if u.merged_into_id is None
        ]
        return index

    def resolve(self, name: str, kind: str | None = None) -> uuid.UUID:
        """The unit called `name`, planned as new if nobody has that name yet."""
        key = normalise_name(name)
        found = self.ids.get(key)
        if found is None and self.refs:
            matched = match_unit(name, self.refs)
            if isinstance(matched, UnitRef):
                found = self.ids[key] = matched.id  # type: ignore[assignment]
        if found is None:
            found = uuid.uuid4()
            self.ids[key] = found
            clean = clean_text(name).strip()
            self.new[found] = (clean, kind or unit_kind_for(clean))
        return found

    def write_new(self, session: Session, db: Database, now: datetime) -> None:
        if not self.new:
            return
        rows: list[dict[str, Any]] = [
            {
                "id": uid,
                "name": name,
                "kind": kind,
                "note": None,
                "merged_into_id": None,
                "created_at": now,
                "updated_at": now,
                "version": 1,
                "deleted_at": None,
            }
            for uid, (name, kind) in self.new.items()
        ]
        session.execute(insert(table_of(Unit)), rows)
        for row in rows:
            record_history(
                session,
                db,
                entity="unit",
                entity_id=row["id"],
                action="import",
                changes={"name": (None, row["name"]), "kind": (None, row["kind"])},
                at=now,
            )
        db.unit_cache.clear()
