"""The wall chart (挂图作战): every project's milestones on a month timeline.

One row a project, one column a month; each milestone sits in the month of its
due date (the promise) and is marked done (reported or closed), overdue (not
done and past its date, by the district's local date) or due. A standing deadline
(每周五, 每月底前) sits at its next occurrence, the date its light follows, marked as
recurring; 长期坚持 and 常态化, which have none, sit in today's month (in force now).
Items without a due date or a cadence cannot be placed: each row counts them instead.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from tui550.core.cadence import effective_due
from tui550.core.clock import local_today
from tui550.core.db import Database
from tui550.core.domain import Kind, Status
from tui550.core.followup.rules import Rules, item_light
from tui550.core.followup.views import Mark, WallChart, WallMark, WallRow
from tui550.core.models import Item, ItemUnit, Project, table_of
from tui550.core.store.followup import rules_for
from tui550.core.store.rows import units_by_id

_ITEM = table_of(Item)
_LINK = table_of(ItemUnit)
_PROJECT = table_of(Project)


def month_of(day: date) -> date:
    return day.replace(day=1)


def month_range(first: date, last: date) -> tuple[date, ...]:
    months = []
    current = month_of(first)
    while current <= last:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return tuple(months)


def drawn_at(due: date | None, cadence: str | None, today: date) -> date | None:
    """The day an item is drawn at on ``today``: the date its light follows (a cadence's
    next occurrence), today for a cadence that has none (长期坚持), None when undated."""
    day = effective_due(due, cadence, today)
    return today if day is None and cadence is not None else day


def mark_of(status: Status | None, due: date, today: date) -> Mark:
    if status in (Status.REPORTED, Status.CLOSED):
        return Mark.DONE
    return Mark.OVERDUE if today > due else Mark.DUE


def wall_chart(
    db: Database,
    *,
    street_id: uuid.UUID | None = None,
    unit_id: uuid.UUID | None = None,
    kinds: Iterable[Kind] = (Kind.DEADLINE,),
    start: date | None = None,
    end: date | None = None,
    now: datetime | None = None,
    rules: Rules | None = None,
) -> WallChart:
    """The chart model. `unit_id` keeps projects the unit leads and items it leads or
    helps with; `start`/`end` bound the months shown (default: all dated marks and today)."""
    rules = rules_for(db, rules)
    today = local_today(rules.tz, now or db.clock.now())
    conds: list[Any] = [
        _ITEM.c.deleted_at.is_(None),
        _PROJECT.c.deleted_at.is_(None),
        _ITEM.c.kind.in_(sorted(Kind(k).value for k in kinds)),
    ]
    if street_id is not None:
        conds.append(_PROJECT.c.street_id == street_id)
    # Marks outside the window are not shown: leave them in the database (undated
    # items are still read, to be counted on their row).
    if start is not None:
        conds.append(sa.or_(_ITEM.c.due.is_(None), _ITEM.c.due >= month_of(start)))
    if end is not None:
        conds.append(sa.or_(_ITEM.c.due.is_(None), _ITEM.c.due <= end))
    if unit_id is not None:
        conds.append(
            sa.or_(
                _PROJECT.c.lead_unit_id == unit_id,
                _ITEM.c.lead_unit_id == unit_id,
                _ITEM.c.id.in_(sa.select(_LINK.c.item_id).where(_LINK.c.unit_id == unit_id)),
            )
        )
    query = (
        sa.select(
            _ITEM.c.id,
            _ITEM.c.text,
            _ITEM.c.kind,
            _ITEM.c.due,
            _ITEM.c.cadence,
            _ITEM.c.actual,
            _ITEM.c.status,
            _ITEM.c.lead_unit_id,
            _PROJECT.c.id.label("pid"),
            _PROJECT.c.code,
            _PROJECT.c.name,
            _PROJECT.c.street_id,
            _PROJECT.c.lead_unit_id.label("project_lead"),
        )
        .select_from(_ITEM.join(_PROJECT, _PROJECT.c.id == _ITEM.c.project_id))
        .where(*conds)
    )
    with db.read() as session:
        rows = session.execute(query).all()
        wanted = [u for r in rows for u in (r.lead_unit_id, r.street_id, r.project_lead)]
        wanted += [street_id, unit_id]
        units = units_by_id(session, db, [u for u in wanted if u is not None])

    placed = {r.id: drawn_at(r.due, r.cadence, today) for r in rows}
    dated = [day for day in placed.values() if day is not None]
    first = start or min([*dated, today])
    last = end or max([*dated, today])
    months = month_range(first, last) if first <= last else ()
    index = {m: i for i, m in enumerate(months)}
    projects: dict[uuid.UUID, dict[str, object]] = {}
    cells: dict[uuid.UUID, list[list[WallMark]]] = {}
    undated: dict[uuid.UUID, int] = {}
    for r in rows:
        if r.pid not in projects:
            projects[r.pid] = {"code": r.code, "name": r.name, "street": r.street_id, "lead": r.project_lead}
            cells[r.pid] = [[] for _ in months]
            undated[r.pid] = 0
        day = placed[r.id]
        if day is None:
            undated[r.pid] += 1
            continue
        column = index.get(month_of(day))
        if column is None:
            continue
        status = Status(r.status) if r.status else None
        lead = units.get(r.lead_unit_id)
        lit_by = effective_due(r.due, r.cadence, today)
        cells[r.pid][column].append(
            WallMark(
                item_id=r.id,
                text=r.text,
                kind=r.kind,
                due=day,
                actual=r.actual,
                mark=mark_of(status, day, today),
                light=item_light(status, lit_by, r.actual, today, rules.yellow_days),
                unit=lead.name if lead else None,
                cadence=r.cadence if r.due is None else None,
            )
        )

    def name_of(unit: object) -> str | None:
        view = units.get(unit)
        return view.name if view else None

    chart_rows = []
    for pid, info in projects.items():
        row_cells = tuple(tuple(sorted(c, key=lambda m: (m.due, m.text))) for c in cells[pid])
        chart_rows.append(
            WallRow(
                project_id=pid,
                code=info["code"],  # type: ignore[arg-type]
                name=str(info["name"]),
                street=name_of(info["street"]),
                lead_unit=name_of(info["lead"]),
                cells=row_cells,
                undated=undated[pid],
            )
        )
    chart_rows.sort(key=lambda w: (w.code is None, w.code or "", w.name))
    return WallChart(
        months=months,
        today=today,
        today_index=index.get(month_of(today)),
        rows=tuple(chart_rows),
        street_filter=name_of(street_id),
        unit_filter=name_of(unit_id),
    )
