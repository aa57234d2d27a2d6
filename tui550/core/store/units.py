"""Units: streets, departments, companies, with the short and long names people use."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import delete as core_delete
from sqlalchemy import select as core_select

from tui550.core.clock import utcnow
from tui550.core.db import Database
from tui550.core.domain import UnitKind, UnitView
from tui550.core.errors import UserError
from tui550.core.store import _tables, models
from tui550.core.store.rows import record_history, units_by_id
from tui550.core.store.unit_merge import merge_in_session
from tui550.core.text import gate, normalise_name


def list_units(db: Database) -> list[UnitView]:
    """Live units (not deleted, not merged away), by name."""
    with db.read() as session:
        table = _tables.UNIT  # Core: read before a meeting's first frame
        live = set(
            session.execute(
                core_select(table.c.id).where(table.c.deleted_at.is_(None), table.c.merged_into_id.is_(None))
            ).scalars()
        )
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
        record_history(
            session,
            db,
            entity="unit",
            entity_id=unit.id,
            action="create",
            changes={"name": (None, name), "kind": (None, kind.value)},
        )
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


def match_unit(
    db: Database, name: str, *, prefer: UnitKind | None = None, only: UnitKind | None = None
) -> UnitView:
    """The live unit ``name`` finds, as every door finds it (`unit_names.resolve_unit`)."""
    # The matcher brings the capture line's parser: loaded when a name is looked up,
    # not by a meeting's first frame, which reads units by id.
    from tui550.core.unit_names import resolve_unit

    return resolve_unit(name, list_units(db), prefer=prefer, only=only)


def add_units_named(db: Database, names: Iterable[tuple[str, UnitKind | None]]) -> list[UnitView]:
    """Add the units a project form names that no unit answers to and none resembles.

    A name the matcher finds, or that is ambiguous, or close to a unit's (a typo: 住建 for
    a ledger's 区住建局) is left for the form to report; only a plainly new name is added,
    as the import adds the units a ledger names. `None` guesses the kind from the name.
    """
    from tui550.core.unit_names import match, unit_kind_for

    added = []
    for name, kind in names:
        name = gate("name", name).strip()
        found = match(name, list_units(db)) if name else None
        if found is not None and not isinstance(found, UnitView) and found.key == "parse.unit.unknown":
            added.append(add_unit(db, name, kind or UnitKind(unit_kind_for(name))))
    return added


def _refuse_clash(db: Database, unit_id: uuid.UUID, name: str) -> None:
    from tui550.core.unit_names import name_clash

    clash = name_clash(name, list_units(db), own=unit_id)
    if clash is not None:
        raise UserError(
            "ledger.unit.name_taken." + clash.how,
            "ledger.unit.alias_taken.remedy",
            alias=name,
            owner=clash.owner.name,
        )


def add_alias(db: Database, unit_id: uuid.UUID, alias: str) -> UnitView:
    """Another name for a unit; refused if it names, or would find, a different unit."""
    alias = gate("alias", alias).strip()
    if not alias:
        raise UserError("ledger.unit.empty_alias")
    unit = get_unit(db, unit_id)
    key = normalise_name(alias)
    if key in {normalise_name(n) for n in (unit.name, *unit.aliases)}:
        return unit  # already one of its names
    _refuse_clash(db, unit_id, alias)
    with db.write() as session:
        session.add(models.UnitAlias(unit_id=unit_id, alias=alias))
        record_history(
            session,
            db,
            entity="unit",
            entity_id=unit_id,
            action="alias",
            changes={"aliases": (list(unit.aliases), [*unit.aliases, alias])},
        )
    db.unit_cache.clear()
    return get_unit(db, unit_id)


def remove_alias(db: Database, unit_id: uuid.UUID, alias: str) -> UnitView:
    """Take a registered alias off a unit (its name stays: rename to change that)."""
    unit = get_unit(db, unit_id)
    key = normalise_name(alias)
    gone = [a for a in unit.aliases if normalise_name(a) == key]
    if not gone:
        raise UserError("ledger.unit.no_alias", "ledger.unit.no_such.remedy", alias=alias, name=unit.name)
    table = _tables.UNIT_ALIAS
    with db.write() as session:
        session.execute(core_delete(table).where(table.c.unit_id == unit_id, table.c.alias.in_(gone)))
        record_history(
            session,
            db,
            entity="unit",
            entity_id=unit_id,
            action="unalias",
            changes={"aliases": (list(unit.aliases), [a for a in unit.aliases if a not in gone])},
        )
    db.unit_cache.clear()
    return get_unit(db, unit_id)


def rename_unit(db: Database, unit_id: uuid.UUID, new_name: str) -> UnitView:
    """A new name for a unit; the old one stays as an alias, so old lines still find it."""
    new_name = gate("name", new_name).strip()
    if not new_name:
        raise UserError("unit.empty_name")
    unit = get_unit(db, unit_id)
    if new_name == unit.name:
        return unit
    _refuse_clash(db, unit_id, new_name)
    key = normalise_name(new_name)
    table = _tables.UNIT_ALIAS
    with db.write() as session:
        row = session.get(models.Unit, unit_id)
        if row is None:
            raise UserError("ledger.unit.unknown", id=str(unit_id))
        # The new name may have been an alias of this unit: it is the name now.
        session.execute(
            core_delete(table).where(
                table.c.unit_id == unit_id,
                table.c.alias.in_([a for a in unit.aliases if normalise_name(a) == key]),
            )
        )
        if normalise_name(unit.name) != key:
            session.add(models.UnitAlias(unit_id=unit_id, alias=unit.name))
        row.name = new_name
        row.version += 1
        row.updated_at = utcnow()
        session.add(row)
        record_history(
            session,
            db,
            entity="unit",
            entity_id=unit_id,
            action="rename",
            changes={"name": (unit.name, new_name)},
        )
    db.unit_cache.clear()
    return get_unit(db, unit_id)


def merge_units(db: Database, keep_id: uuid.UUID, merge_ids: Iterable[uuid.UUID]) -> UnitView:
    """Make several units one (区住建局 = 住建局 = 区住房和城乡建设局), chosen by the user.

    Every link moves to the kept unit (projects' lead and street, responsible
    units, items' lead and co-units); the merged unit's names become aliases of
    the kept one; the merged row stays, marked `merged_into_id`, so history that
    names it still resolves. All in one transaction, with history.
    """

    merge = [u for u in dict.fromkeys(merge_ids) if u != keep_id]
    if not merge:
        raise UserError("ledger.unit.merge_nothing", "ledger.unit.merge_nothing.remedy")
    with db.write() as session:
        merge_in_session(session, db, keep_id, merge)
    db.unit_cache.clear()
    return get_unit(db, keep_id)
