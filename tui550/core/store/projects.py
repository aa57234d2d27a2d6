"""Projects (重点项目): the ledger the agenda is made from."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from tui550.core.clock import utcnow
from tui550.core.db import Database
from tui550.core.domain import ProjectView
from tui550.core.errors import UserError
from tui550.core.store import _tables, models
from tui550.core.store.project_months import figures_by_project
from tui550.core.store.rows import apply_update, record_history, units_by_id
from tui550.core.text import clean_fields, clean_text, gate, printable

# A project's fields that an edit or an import may change (the ledger's columns).
EDITABLE = (
    "code",
    "name",
    "category",
    "street_id",
    "leader",
    "lead_unit_id",
    "investment_total",
    "investment_year",
    "annual_target",
    "content",
    "planned_start",
    "planned_end",
    "status",
    "note",
)


def add_project(
    db: Database,
    name: str,
    *,
    unit_ids: Sequence[uuid.UUID] = (),
    code: str | None = None,
    category: str | None = None,
    street_id: uuid.UUID | None = None,
    leader: str | None = None,
    lead_unit_id: uuid.UUID | None = None,
    investment_total: float | None = None,
    investment_year: float | None = None,
    annual_target: str | None = None,
    content: str | None = None,
    planned_start: date | None = None,
    planned_end: date | None = None,
    status: str | None = None,
) -> ProjectView:
    name = gate("name", name).strip()
    if not name:
        raise UserError("project.empty_name")
    values: dict[str, Any] = {
        "code": code,
        "name": name,
        "category": category,
        "street_id": street_id,
        "leader": leader,
        "lead_unit_id": lead_unit_id,
        "investment_total": investment_total,
        "investment_year": investment_year,
        "annual_target": annual_target,
        "content": content,
        "planned_start": planned_start,
        "planned_end": planned_end,
        "status": status,
    }
    values = clean_fields(values)
    with db.write() as session:
        project = models.Project(**values)
        session.add(project)
        session.flush()
        for i, unit_id in enumerate(dict.fromkeys(unit_ids)):
            session.add(models.ProjectUnit(project_id=project.id, unit_id=unit_id, position=i))
        record_history(
            session,
            db,
            entity="project",
            entity_id=project.id,
            action="create",
            changes={k: (None, v) for k, v in values.items() if v is not None},
        )
        project_id = project.id
    return get_project(db, project_id)


def get_project(db: Database, project_id: uuid.UUID) -> ProjectView:
    with db.read() as session:
        project = session.get(models.Project, project_id)
        if project is None:
            raise UserError("project.unknown", id=str(project_id))
        return project_views(session, db, [project])[0]


def list_projects(db: Database, *, archived: bool = False) -> list[ProjectView]:
    """The live projects (with `archived`, the archived ones too), by code and name."""
    with db.read() as session:
        query = select(models.Project).where(col(models.Project.deleted_at).is_(None))
        if not archived:
            query = query.where(col(models.Project.archived_at).is_(None))
        rows = session.exec(query.order_by(col(models.Project.code), col(models.Project.name))).all()
        return project_views(session, db, rows)


def archive_project(db: Database, project_id: uuid.UUID, version: int) -> ProjectView:
    """Take a project off the ledger's list and the agenda; its items and history stay."""
    return _set_archived(db, project_id, version, utcnow())


def restore_project(db: Database, project_id: uuid.UUID, version: int) -> ProjectView:
    return _set_archived(db, project_id, version, None)


def _set_archived(db: Database, project_id: uuid.UUID, version: int, when: Any) -> ProjectView:
    with db.write() as session:
        apply_update(
            session,
            db,
            models.Project,
            project_id,
            version,
            {"archived_at": when},
            entity="project",
            action="archive" if when else "restore",
        )
    return get_project(db, project_id)


def project_views(session: Session, db: Database, rows: Iterable[Any]) -> list[ProjectView]:
    """Views of `Project`s or of rows of their table (the same names)."""
    rows = list(rows)
    links: dict[uuid.UUID, list[uuid.UUID]] = {}
    if rows:
        ids = [p.id for p in rows]
        table = _tables.PROJECT_UNIT
        for link in session.execute(  # Core: read before a meeting's first frame (`agenda`)
            core_select(table).where(table.c.project_id.in_(ids)).order_by(table.c.position)
        ):
            links.setdefault(link.project_id, []).append(link.unit_id)
    wanted = {u for p in rows for u in (p.lead_unit_id, p.street_id, *links.get(p.id, ()))}
    units = units_by_id(session, db, wanted)
    months = figures_by_project(session, [p.id for p in rows])
    return [
        ProjectView(
            id=p.id,
            code=p.code and printable(p.code),
            name=printable(p.name),
            category=p.category and printable(p.category),
            street=units[p.street_id].name if p.street_id in units else None,
            leader=p.leader and printable(p.leader),
            lead_unit=units.get(p.lead_unit_id) if p.lead_unit_id else None,
            units=tuple(units[u] for u in links.get(p.id, ()) if u in units),
            investment_total=p.investment_total,
            investment_year=p.investment_year,
            annual_target=p.annual_target and printable(p.annual_target),
            content=p.content and printable(p.content),
            planned_start=p.planned_start,
            planned_end=p.planned_end,
            status=p.status,
            version=p.version,
            archived=p.archived_at is not None,
            latest=months[p.id][-1] if p.id in months else None,
        )
        for p in rows
    ]


def update_project(db: Database, project_id: uuid.UUID, version: int, **fields: Any) -> ProjectView:
    """Change a project's fields, read at `version`; a stale version is a ConflictError."""

    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for key in ("name", "code", "category", "leader", "annual_target", "content", "status", "note"):
        if isinstance(fields.get(key), str):
            fields[key] = gate(key, fields[key]).strip() or None
    if "name" in fields and not fields["name"]:
        raise UserError("project.empty_name")
    with db.write() as session:
        apply_update(session, db, models.Project, project_id, version, fields, entity="project")
    return get_project(db, project_id)


def add_project_units(db: Database, project_id: uuid.UUID, unit_ids: Sequence[uuid.UUID]) -> ProjectView:
    """Add responsible units (责任单位) after those already listed; ones present are left as they are."""
    with db.write() as session:
        links = session.exec(
            select(models.ProjectUnit)
            .where(models.ProjectUnit.project_id == project_id)
            .order_by(col(models.ProjectUnit.position))
        ).all()
        old = [link.unit_id for link in links]
        added = [u for u in dict.fromkeys(unit_ids) if u not in old]
        start = max((link.position for link in links), default=-1) + 1
        for i, unit_id in enumerate(added):
            session.add(models.ProjectUnit(project_id=project_id, unit_id=unit_id, position=start + i))
        if added:
            record_history(
                session,
                db,
                entity="project",
                entity_id=project_id,
                action="units",
                changes={"units": (old, old + added)},
            )
    return get_project(db, project_id)


def remove_project_units(db: Database, project_id: uuid.UUID, unit_ids: Sequence[uuid.UUID]) -> ProjectView:
    with db.write() as session:
        links = session.exec(
            select(models.ProjectUnit)
            .where(models.ProjectUnit.project_id == project_id)
            .order_by(col(models.ProjectUnit.position))
        ).all()
        old = [link.unit_id for link in links]
        gone = set(unit_ids)
        for link in links:
            if link.unit_id in gone:
                session.delete(link)
        if gone & set(old):
            record_history(
                session,
                db,
                entity="project",
                entity_id=project_id,
                action="units",
                changes={"units": (old, [u for u in old if u not in gone])},
            )
    return get_project(db, project_id)


def find_project(db: Database, text: str) -> ProjectView:
    """A project as people name it on the command line: its code, its full name, the
    id prefix `tui550 projects` prints, or a part of the name only one project has."""
    wanted = clean_text(text).strip()
    every = list_projects(db, archived=True)
    for test in (
        lambda p: p.code == wanted,
        lambda p: p.name == wanted,
        lambda p: len(wanted) >= 4 and p.id.hex.startswith(wanted.lower().replace("-", "")),
        lambda p: bool(wanted) and wanted in p.name,
    ):
        found = [p for p in every if test(p)]
        if len(found) == 1:
            return found[0]
        if found:
            raise UserError(
                "project.ambiguous",
                "project.pick.remedy",
                name=wanted,
                options=" / ".join(p.name for p in found[:5]),
            )
    raise UserError("project.not_found", "project.pick.remedy", name=wanted)
