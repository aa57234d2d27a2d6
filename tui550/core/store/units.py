"""Units: streets, departments, companies, with the short and long names people use."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import select as core_select

from tui550.core.db import Database
from tui550.core.domain import UnitKind, UnitView
from tui550.core.errors import UserError
from tui550.core.store import _tables, models
from tui550.core.store._common import record_history, units_by_id
from tui550.core.text import gate, normalise_name


def list_units(db: Database) -> list[UnitView]:
    """Live units (not deleted, not merged away), by name."""
    with db.read() as session:
        table = _tables.UNIT  # Core: read before a meeting's first frame
        live = set(session.execute(
            core_select(table.c.id).where(table.c.deleted_at.is_(None),
                                          table.c.merged_into_id.is_(None))).scalars())
        cache = units_by_id(session, db, live)
    return sorted((cache[i] for i in live), key=lambda u: u.name)


def add_unit(
    db: Database, name: str, kind: UnitKind = UnitKind.DEPARTMENT, aliases: Iterable[str] = ()
) -> UnitView:
    name = gate("name", name).strip()
    if not name:
        raise UserError("unit.empty_name")
    if find_unit(db, name) is not None:
        raise UserError("unit.exists", name=name)
    with db.write() as session:
        unit = models.Unit(name=name, kind=kind.value)
        session.add(unit)
        session.flush()
        for alias in aliases:
            alias = gate("alias", alias).strip()
            if alias and alias != name:
                session.add(models.UnitAlias(unit_id=unit.id, alias=alias))
        record_history(session, db, entity="unit", entity_id=unit.id, action="create",
                       changes={"name": (None, name), "kind": (None, kind.value)})
        unit_id = unit.id
    db.unit_cache.clear()
    with db.read() as session:
        return units_by_id(session, db, [unit_id])[unit_id]


def find_unit(db: Database, name: str) -> UnitView | None:
    """A live unit by exact name or alias, ignoring width and spaces."""
    key = normalise_name(name)
    for unit in list_units(db):
        if normalise_name(unit.name) == key or any(normalise_name(a) == key for a in unit.aliases):
            return unit
    return None


def ensure_unit(db: Database, name: str, kind: UnitKind = UnitKind.DEPARTMENT) -> UnitView:
    return find_unit(db, name) or add_unit(db, name, kind)


def get_unit(db: Database, unit_id: uuid.UUID) -> UnitView:
    with db.read() as session:
        return units_by_id(session, db, [unit_id])[unit_id]


def add_alias(db: Database, unit_id: uuid.UUID, alias: str) -> UnitView:
    """Another name for a unit; refused if it already names a different unit."""
    alias = gate("alias", alias).strip()
    if not alias:
        raise UserError("ledger.unit.empty_alias")
    unit = get_unit(db, unit_id)
    owner = find_unit(db, alias)
    if owner is not None and owner.id != unit_id:
        raise UserError("ledger.unit.alias_taken", "ledger.unit.alias_taken.remedy", alias=alias,
                        owner=owner.name)
    if owner is not None:
        return unit  # already one of its names
    with db.write() as session:
        session.add(models.UnitAlias(unit_id=unit_id, alias=alias))
        record_history(session, db, entity="unit", entity_id=unit_id, action="alias",
                       changes={"aliases": (list(unit.aliases), [*unit.aliases, alias])})
    db.unit_cache.clear()
    return get_unit(db, unit_id)


def merge_units(db: Database, keep_id: uuid.UUID, merge_ids: Iterable[uuid.UUID]) -> UnitView:
    """Make several units one (区住建局 = 住建局 = 区住房和城乡建设局), chosen by the user.

    Every link moves to the kept unit (projects' lead and street, responsible
    units, items' lead and co-units); the merged unit's names become aliases of
    the kept one; the merged row stays, marked `merged_into_id`, so history that
    names it still resolves. All in one transaction, with history.
    """
    from tui550.core.store.unit_merge import merge_in_session

    merge = [u for u in dict.fromkeys(merge_ids) if u != keep_id]
    if not merge:
        raise UserError("ledger.unit.merge_nothing", "ledger.unit.merge_nothing.remedy")
    with db.write() as session:
        merge_in_session(session, db, keep_id, merge)
    db.unit_cache.clear()
    return get_unit(db, keep_id)
