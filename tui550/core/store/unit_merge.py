"""The work of `units.merge_units`, inside one transaction: move every link, keep every name."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, update
from sqlmodel import Session, select

from tui550.core.clock import utcnow
from tui550.core.db import Database
from tui550.core.errors import UserError
from tui550.core.store import models
from tui550.core.store.rows import record_history
from tui550.core.text import normalise_name


def merge_in_session(session: Session, db: Database, keep_id: uuid.UUID, merge: list[uuid.UUID]) -> None:
    keep = session.get(models.Unit, keep_id)
    if keep is None or keep.deleted_at is not None:
        raise UserError("ledger.unit.unknown", id=str(keep_id))
    if keep.merged_into_id is not None:
        raise UserError("ledger.unit.already_merged", "ledger.unit.merge_nothing.remedy", name=keep.name)
    merged = []
    for unit_id in merge:
        unit = session.get(models.Unit, unit_id)
        if unit is None or unit.deleted_at is not None:
            raise UserError("ledger.unit.unknown", id=str(unit_id))
        if unit.merged_into_id is not None:
            raise UserError("ledger.unit.already_merged", "ledger.unit.merge_nothing.remedy", name=unit.name)
        merged.append(unit)
    now = utcnow()
    for unit in merged:
        _move_projects(session, db, unit.id, keep_id, now)
        _move_items(session, db, unit.id, keep_id, now)
        _move_names(session, unit, keep)
        # Units merged into this one earlier now forward straight to the kept unit.
        session.execute(
            update(models.table_of(models.Unit))
            .where(models.table_of(models.Unit).c.merged_into_id == unit.id)
            .values(merged_into_id=keep_id)
        )
        session.execute(
            update(models.table_of(models.Unit))
            .where(models.table_of(models.Unit).c.id == unit.id)
            .values(merged_into_id=keep_id, version=unit.version + 1, updated_at=now)
        )
        record_history(
            session,
            db,
            entity="unit",
            entity_id=unit.id,
            action="merge",
            changes={"merged_into_id": (None, keep_id)},
            at=now,
        )
    record_history(
        session,
        db,
        entity="unit",
        entity_id=keep_id,
        action="merge",
        changes={"merged": (None, [u.name for u in merged])},
        at=now,
    )


def _move_names(session: Session, unit: models.Unit, keep: models.Unit) -> None:
    taken = {normalise_name(keep.name)} | {
        normalise_name(a.alias)
        for a in session.exec(select(models.UnitAlias).where(models.UnitAlias.unit_id == keep.id))
    }
    for alias in session.exec(select(models.UnitAlias).where(models.UnitAlias.unit_id == unit.id)).all():
        if normalise_name(alias.alias) in taken:
            session.delete(alias)
        else:
            alias.unit_id = keep.id
            session.add(alias)
            taken.add(normalise_name(alias.alias))
    session.flush()
    if normalise_name(unit.name) not in taken:
        existing = session.exec(select(models.UnitAlias).where(models.UnitAlias.alias == unit.name)).first()
        if existing is None:
            session.add(models.UnitAlias(unit_id=keep.id, alias=unit.name))
        session.flush()


def _bump(
    session: Session,
    db: Database,
    model: Any,
    row_id: uuid.UUID,
    values: dict[str, Any],
    changes: dict[str, tuple[Any, Any]],
    entity: str,
    now: Any,
) -> None:
    # Versions move on, so an editor holding the old version gets a conflict, not a silent revert.
    table = models.table_of(model)
    session.execute(
        update(table)
        .where(table.c.id == row_id)
        .values(**values, version=table.c.version + 1, updated_at=now)
    )
    record_history(
        session, db, entity=entity, entity_id=row_id, action="merge_units", changes=changes, at=now
    )


def _move_projects(session: Session, db: Database, old: uuid.UUID, new: uuid.UUID, now: Any) -> None:
    projects = session.exec(
        select(models.Project).where((models.Project.lead_unit_id == old) | (models.Project.street_id == old))
    ).all()
    for p in projects:
        values = {k: new for k in ("lead_unit_id", "street_id") if getattr(p, k) == old}
        _bump(session, db, models.Project, p.id, values, {k: (old, new) for k in values}, "project", now)
        if "lead_unit_id" in values:  # the lead unit is never also a responsible unit
            links = models.table_of(models.ProjectUnit)
            session.execute(delete(links).where(links.c.project_id == p.id, links.c.unit_id == new))
    session.expire_all()
    links = models.table_of(models.ProjectUnit)
    for link in session.exec(select(models.ProjectUnit).where(models.ProjectUnit.unit_id == old)).all():
        has_new = session.exec(
            select(models.ProjectUnit).where(
                models.ProjectUnit.project_id == link.project_id, models.ProjectUnit.unit_id == new
            )
        ).first()
        project = session.get(models.Project, link.project_id)
        session.execute(delete(links).where(links.c.project_id == link.project_id, links.c.unit_id == old))
        # The lead unit is never also listed as a responsible unit.
        if has_new is None and (project is None or project.lead_unit_id != new):
            session.execute(
                links.insert().values(project_id=link.project_id, unit_id=new, position=link.position)
            )
        record_history(
            session,
            db,
            entity="project",
            entity_id=link.project_id,
            action="merge_units",
            changes={"unit": (old, new)},
            at=now,
        )


def _move_items(session: Session, db: Database, old: uuid.UUID, new: uuid.UUID, now: Any) -> None:
    for lead in session.exec(select(models.Item).where(models.Item.lead_unit_id == old)).all():
        _bump(
            session,
            db,
            models.Item,
            lead.id,
            {"lead_unit_id": new},
            {"lead_unit_id": (old, new)},
            "item",
            now,
        )
        co = models.table_of(models.ItemUnit)
        session.execute(delete(co).where(co.c.item_id == lead.id, co.c.unit_id == new))
    session.expire_all()
    links = models.table_of(models.ItemUnit)
    for link in session.exec(select(models.ItemUnit).where(models.ItemUnit.unit_id == old)).all():
        has_new = session.exec(
            select(models.ItemUnit).where(
                models.ItemUnit.item_id == link.item_id, models.ItemUnit.unit_id == new
            )
        ).first()
        item = session.get(models.Item, link.item_id)
        session.execute(delete(links).where(links.c.item_id == link.item_id, links.c.unit_id == old))
        if has_new is None and (item is None or item.lead_unit_id != new):
            session.execute(links.insert().values(item_id=link.item_id, unit_id=new, position=link.position))
        record_history(
            session,
            db,
            entity="item",
            entity_id=link.item_id,
            action="merge_units",
            changes={"co_unit": (old, new)},
            at=now,
        )
