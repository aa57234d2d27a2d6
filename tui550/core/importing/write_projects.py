"""Planning and writing a project ledger: match, compare, then write in one transaction.

Projects are matched by code, else by name (ignoring width and spaces). An empty
cell never erases what the database holds: a partial re-import must not wipe
dates someone typed in later. Updates go through the versioned update with a
history row each; new projects are inserted in bulk, which is what makes a
2,000-project ledger import in about a second.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, insert
from sqlmodel import Session, col, select

from tui550.core.clock import utcnow
from tui550.core.db import Database
from tui550.core.importing.rows import Problem, ProjectRecord
from tui550.core.importing.unit_index import UnitIndex
from tui550.core.models import History, Project, ProjectUnit, table_of
from tui550.core.store.project_months import write_month
from tui550.core.store.projects import EDITABLE
from tui550.core.store.rows import apply_update, jsonable, record_history
from tui550.core.text import normalise_name

# An import compares and writes exactly the fields an edit may change.
COMPARED = EDITABLE


@dataclass
class Plan:
    """What an import would do, shared by projects and issues: `changed` holds
    (id, version, name, changed values, new unit links or None if unchanged)."""

    changed: list[tuple[uuid.UUID, int, str, dict[str, Any], list[uuid.UUID] | None]] = field(
        default_factory=list
    )
    unchanged: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    units: UnitIndex = field(default_factory=UnitIndex)
    LINKS = "units"  # how a change of the unit links is reported

    @property
    def updated(self) -> list[tuple[str, list[str]]]:
        return [
            (name, sorted(values) + ([self.LINKS] if links is not None else []))
            for _, _, name, values, links in self.changed
        ]


@dataclass
class ProjectPlan(Plan):
    new: list[tuple[uuid.UUID, dict[str, Any], list[uuid.UUID]]] = field(default_factory=list)
    # (project id, month, investment completed, 形象进度 %) from the ledger's month columns
    months: list[tuple[uuid.UUID, date, float | None, float | None]] = field(default_factory=list)

    @property
    def added_names(self) -> list[str]:
        return [values["name"] for _, values, _ in self.new]


def plan_projects(session: Session, records: Sequence[ProjectRecord]) -> ProjectPlan:
    plan = ProjectPlan(units=UnitIndex.load(session))
    existing = session.exec(select(Project).where(col(Project.deleted_at).is_(None))).all()
    by_code = {normalise_name(p.code): p for p in existing if p.code}
    by_name = {normalise_name(p.name): p for p in existing}
    links: dict[uuid.UUID, list[uuid.UUID]] = {}
    for link in session.exec(select(ProjectUnit).order_by(col(ProjectUnit.position))):
        links.setdefault(link.project_id, []).append(link.unit_id)
    seen: dict[tuple[str, str], int] = {}
    matched: dict[uuid.UUID, int] = {}
    for record in records:
        code_key = normalise_name(record.code) if record.code else None
        name_key = normalise_name(record.name)
        key = ("code", code_key) if code_key else ("name", name_key)
        match = (by_code.get(code_key) if code_key else None) or by_name.get(name_key)
        first = seen.get(key) or (matched.get(match.id) if match is not None else None)
        if first is not None:
            plan.problems.append(Problem(record.row, None, "import.duplicate_row", {"first": first}))
            continue
        seen[key] = record.row
        if match is not None:
            matched[match.id] = record.row
        values = dict(record.values, name=record.name)
        if record.code:
            values["code"] = record.code
        if record.street:
            values["street_id"] = plan.units.resolve(record.street, "street")
        if record.lead_unit:
            values["lead_unit_id"] = plan.units.resolve(record.lead_unit)
        unit_ids = None
        if record.units is not None:
            unit_ids = list(dict.fromkeys(plan.units.resolve(n) for n in record.units))
            unit_ids = [u for u in unit_ids if u != values.get("lead_unit_id")]
        if match is None:
            new_id = uuid.uuid4()
            plan.new.append((new_id, values, unit_ids or []))
            if record.month is not None:
                plan.months.append((new_id, *record.month))
            continue
        if record.month is not None:
            plan.months.append((match.id, *record.month))
        changes = {k: v for k, v in values.items() if getattr(match, k) != v}
        if unit_ids is not None and unit_ids == links.get(match.id, []):
            unit_ids = None
        if changes or unit_ids is not None:
            plan.changed.append((match.id, match.version, match.name, changes, unit_ids))
        else:
            plan.unchanged.append(match.name)
    return plan


WRITE_BATCH = 2000


def write_projects(
    session: Session, db: Database, plan: ProjectPlan, progress: Callable[[int], None] | None = None
) -> None:
    now = utcnow()
    plan.units.write_new(session, db, now)
    base = {k: None for k in COMPARED}
    # In batches: the rows of a batch (and their history) are all that is built at once.
    for start in range(0, len(plan.new), WRITE_BATCH):
        batch = plan.new[start : start + WRITE_BATCH]
        rows = [
            {
                **base,
                **values,
                "id": pid,
                "created_at": now,
                "updated_at": now,
                "version": 1,
                "deleted_at": None,
            }
            for pid, values, _ in batch
        ]
        session.execute(insert(table_of(Project)), rows)
        unit_rows = [
            {"project_id": pid, "unit_id": u, "position": i}
            for pid, _, units in batch
            for i, u in enumerate(units)
        ]
        if unit_rows:
            session.execute(insert(table_of(ProjectUnit)), unit_rows)
        session.execute(
            insert(table_of(History)),
            [
                _history(
                    db,
                    pid,
                    "import",
                    now,
                    {k: [None, jsonable(v)] for k, v in values.items() if v is not None}
                    | ({"units": [None, [str(u) for u in units]]} if units else {}),
                )
                for pid, values, units in batch
            ],
        )
        if progress:
            progress(start + len(batch))
    for done, (pid, version, _name, values, unit_ids) in enumerate(plan.changed, start=1):
        if values:
            apply_update(session, db, Project, pid, version, values, entity="project", action="import")
        if unit_ids is not None:
            _replace_units(session, db, pid, unit_ids)
        if progress and done % 200 == 0:
            progress(len(plan.new) + done)
    for pid, month, invested, pct in plan.months:
        write_month(session, db, pid, month, invested, pct)


def _replace_units(session: Session, db: Database, project_id: uuid.UUID, unit_ids: list[uuid.UUID]) -> None:
    old = [
        link.unit_id
        for link in session.exec(
            select(ProjectUnit)
            .where(ProjectUnit.project_id == project_id)
            .order_by(col(ProjectUnit.position))
        )
    ]
    session.execute(delete(table_of(ProjectUnit)).where(table_of(ProjectUnit).c.project_id == project_id))
    if unit_ids:
        session.execute(
            insert(table_of(ProjectUnit)),
            [{"project_id": project_id, "unit_id": u, "position": i} for i, u in enumerate(unit_ids)],
        )
    record_history(
        session,
        db,
        entity="project",
        entity_id=project_id,
        action="import",
        changes={"units": (old, unit_ids)},
    )


def _history(
    db: Database,
    entity_id: uuid.UUID,
    action: str,
    at: datetime,
    changes: dict[str, list[Any]],
    meeting_id: uuid.UUID | None = None,
    entity: str = "project",
) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "entity": entity,
        "entity_id": entity_id,
        "meeting_id": meeting_id,
        "who": db.who,
        "at": at,
        "action": action,
        "changes": changes,
    }
