"""A project's monthly figures: investment completed in the month and 形象进度 (percent).

One row per project and month, updated in place (with history) when the month's figures
are entered again, whether typed in the ledger screen, on the command line or imported.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import select as core_select
from sqlmodel import Session, select

from tui550.core.clock import utcnow
from tui550.core.db import Database
from tui550.core.domain import MonthFigures
from tui550.core.errors import UserError
from tui550.core.store import _tables, models
from tui550.core.store.rows import Executor, record_history
from tui550.core.text import gate


def month_start(day: date) -> date:
    return day.replace(day=1)


def check_figures(invested: float | None, progress_pct: float | None) -> None:
    if invested is not None and invested < 0:
        raise UserError("project.month.bad_invested", "project.month.remedy", value=f"{invested:g}")
    if progress_pct is not None and not 0 <= progress_pct <= 100:
        raise UserError("project.month.bad_progress", "project.month.remedy", value=f"{progress_pct:g}")


def set_month(
    db: Database,
    project_id: uuid.UUID,
    month: date,
    *,
    invested: float | None,
    progress_pct: float | None,
    note: str | None = None,
) -> MonthFigures:
    """Enter (or correct) one month's figures of a project."""
    check_figures(invested, progress_pct)
    with db.write() as session:
        write_month(session, db, project_id, month_start(month), invested, progress_pct, note)
    figures = project_months(db, project_id)
    return next(f for f in figures if f.month == month_start(month))


def write_month(
    session: Session,
    db: Database,
    project_id: uuid.UUID,
    month: date,
    invested: float | None,
    progress_pct: float | None,
    note: str | None = None,
) -> bool:
    """The write of `set_month` inside a caller's transaction (the import's); False if unchanged."""
    note = gate("note", note).strip() or None if note else None
    row = session.exec(
        select(models.ProjectMonth).where(
            models.ProjectMonth.project_id == project_id, models.ProjectMonth.month == month
        )
    ).first()
    values: dict[str, Any] = {"invested": invested, "progress_pct": progress_pct, "note": note}
    if row is None:
        project = session.get(models.Project, project_id)
        if project is None or project.deleted_at is not None:
            raise UserError("project.unknown", id=str(project_id))
        row = models.ProjectMonth(project_id=project_id, month=month, **values)
        session.add(row)
        session.flush()
        changes: dict[str, tuple[Any, Any]] = {k: (None, v) for k, v in values.items() if v is not None}
    else:
        changes = {k: (getattr(row, k), v) for k, v in values.items() if getattr(row, k) != v}
        if not changes:
            return False
        for key, value in values.items():
            setattr(row, key, value)
        row.version += 1
        row.updated_at = utcnow()
        row.deleted_at = None
        session.add(row)
    record_history(
        session,
        db,
        entity="project",
        entity_id=project_id,
        action="month",
        changes={"month": (None, month.isoformat()), **changes},
    )
    return True


def project_months(db: Database, project_id: uuid.UUID) -> list[MonthFigures]:
    """Every month with figures, oldest first, each with the year's total up to it."""
    with db.read() as session:
        return figures_by_project(session, [project_id]).get(project_id, [])


def figures_by_project(session: Executor, project_ids: Iterable[uuid.UUID]) -> dict[Any, list[MonthFigures]]:
    ids = list(project_ids)
    if not ids:
        return {}
    table = _tables.PROJECT_MONTH  # Core: the card of a meeting's first frame shows them
    rows = session.execute(
        core_select(table.c.project_id, table.c.month, table.c.invested, table.c.progress_pct, table.c.note)
        .where(table.c.project_id.in_(ids), table.c.deleted_at.is_(None))
        .order_by(table.c.project_id, table.c.month)
    )
    out: dict[Any, list[MonthFigures]] = {}
    total: dict[tuple[Any, int], float] = {}
    for r in rows:
        year_key = (r.project_id, r.month.year)
        if r.invested is not None:
            total[year_key] = total.get(year_key, 0.0) + r.invested
        out.setdefault(r.project_id, []).append(
            MonthFigures(
                month=r.month,
                invested=r.invested,
                year_invested=total.get(year_key),
                progress_pct=r.progress_pct,
                note=r.note,
            )
        )
    return out
