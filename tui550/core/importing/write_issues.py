"""Planning and writing an issue list (问题清单): every issue belongs to a project and a meeting.

An issue is the same issue again when its project and its text match (ignoring
width and spaces); then its category, units, steps, due date and status are
updated with history, and nothing is added twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, col, select

from tui550.core.cadence import one_deadline
from tui550.core.clock import utcnow
from tui550.core.db import Database
from tui550.core.domain import Kind, Status
from tui550.core.importing.rows import IssueRecord, Problem
from tui550.core.importing.unit_index import UnitIndex
from tui550.core.importing.write_projects import WRITE_BATCH, Plan, _history
from tui550.core.models import History, Item, ItemUnit, Project, table_of
from tui550.core.store.rows import apply_update, jsonable, record_history
from tui550.core.text import normalise_name


@dataclass
class IssuePlan(Plan):
    new: list[tuple[dict[str, Any], list[uuid.UUID]]] = field(default_factory=list)
    LINKS = "co_units"

    @property
    def added_names(self) -> list[str]:
        return [values["text"] for values, _ in self.new]


def plan_issues(session: Session, records: Sequence[IssueRecord]) -> IssuePlan:
    plan = IssuePlan(units=UnitIndex.load(session))
    projects = session.exec(select(Project).where(col(Project.deleted_at).is_(None))).all()
    by_code = {normalise_name(p.code): p.id for p in projects if p.code}
    by_name = {normalise_name(p.name): p.id for p in projects}
    existing: dict[tuple[uuid.UUID, str], Item] = {}
    for item in session.exec(
        select(Item).where(
            Item.kind == Kind.ISSUE.value, col(Item.deleted_at).is_(None), col(Item.project_id).is_not(None)
        )
    ):
        existing.setdefault((item.project_id, normalise_name(item.text)), item)  # type: ignore[arg-type]
    co_links: dict[uuid.UUID, list[uuid.UUID]] = {}
    for link in session.exec(select(ItemUnit).order_by(col(ItemUnit.position))):
        co_links.setdefault(link.item_id, []).append(link.unit_id)
    seen: dict[tuple[uuid.UUID, str], int] = {}
    for record in records:
        project_id = None
        if record.project_code:
            project_id = by_code.get(normalise_name(record.project_code))
        if project_id is None and record.project:
            project_id = by_name.get(normalise_name(record.project))
        if project_id is None:
            plan.problems.append(
                Problem(
                    record.row,
                    None,
                    "import.unknown_project",
                    {"project": record.project or record.project_code or ""},
                )
            )
            continue
        key = (project_id, normalise_name(record.text))
        if key in seen:
            plan.problems.append(Problem(record.row, None, "import.duplicate_row", {"first": seen[key]}))
            continue
        seen[key] = record.row
        lead = plan.units.resolve(record.lead_unit) if record.lead_unit else None
        co = [u for u in dict.fromkeys(plan.units.resolve(n) for n in record.units) if u != lead]
        values: dict[str, Any] = {
            "project_id": project_id,
            "text": record.text,
            "category": record.category,
            "steps": record.steps,
            "lead_unit_id": lead,
            "due": record.due,
            "cadence": record.cadence,
            "status": record.status.value if record.status else None,
        }
        found = existing.get(key)
        if found is None:
            plan.new.append(({**values, "status": values["status"] or Status.OPEN.value}, co))
            continue
        # Empty cells keep what is stored; the status column always says where it stands.
        changes = one_deadline(
            {
                k: v
                for k, v in values.items()
                if k not in ("project_id", "text") and (v is not None) and getattr(found, k) != v
            }
        )
        new_co: list[uuid.UUID] | None = co if co and co != co_links.get(found.id, []) else None
        if changes or new_co is not None:
            plan.changed.append((found.id, found.version, found.text, changes, new_co))
        else:
            plan.unchanged.append(found.text)
    return plan


def write_issues(session: Session, db: Database, plan: IssuePlan, meeting_id: uuid.UUID) -> None:
    now = utcnow()
    plan.units.write_new(session, db, now)
    rows: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    history: list[dict[str, Any]] = []

    def flush() -> None:
        if rows:
            session.execute(insert(table_of(Item)), rows)
            session.execute(insert(table_of(History)), history)
        if links:
            session.execute(insert(table_of(ItemUnit)), links)
        rows.clear()
        links.clear()
        history.clear()

    for values, co in plan.new:
        item_id = uuid.uuid4()
        closed = values["status"] == Status.CLOSED.value
        rows.append(
            {
                **values,
                "id": item_id,
                "meeting_id": meeting_id,
                "kind": Kind.ISSUE.value,
                "tag": None,
                "actual": None,
                "created_by": db.who,
                "original_due": values["due"],
                "extensions": 0,
                "escalation": 0,
                "closed_at": now if closed else None,
                "closed_by": db.who if closed else None,
                "closed_note": None,
                "created_at": now,
                "updated_at": now,
                "version": 1,
                "deleted_at": None,
            }
        )
        links.extend({"item_id": item_id, "unit_id": u, "position": i} for i, u in enumerate(co))
        changes = {k: [None, jsonable(v)] for k, v in values.items() if v is not None}
        if co:
            changes["co_units"] = [None, [str(u) for u in co]]
        history.append(_history(db, item_id, "import", now, changes, meeting_id, entity="item"))
        if len(rows) >= WRITE_BATCH:  # only a batch of rows is built at once
            flush()
    flush()
    for item_id, version, _text, values, new_co in plan.changed:
        if values:
            if values.get("status") == Status.CLOSED.value:
                values = {**values, "closed_at": now, "closed_by": db.who}
            apply_update(
                session,
                db,
                Item,
                item_id,
                version,
                values,
                entity="item",
                meeting_id=meeting_id,
                action="import",
            )
        if new_co is not None:
            old = [
                link.unit_id
                for link in session.exec(
                    select(ItemUnit).where(ItemUnit.item_id == item_id).order_by(col(ItemUnit.position))
                )
            ]
            for link in session.exec(select(ItemUnit).where(ItemUnit.item_id == item_id)):
                session.delete(link)
            session.flush()
            for i, unit_id in enumerate(new_co):
                session.add(ItemUnit(item_id=item_id, unit_id=unit_id, position=i))
            record_history(
                session,
                db,
                entity="item",
                entity_id=item_id,
                action="import",
                changes={"co_units": (old, new_co)},
                meeting_id=meeting_id,
            )
