"""Supervision queries (督查): the open-items board, accountability by unit, the trend,
and the figures of the 落实情况通报.

Built for big databases: filters go into SQL, rows are read as plain columns (no
ORM objects, never the history table), co-units come in one query over the same
filter, and only the computed parts (light, lateness, escalation, badge) are
done in Python, with the rules of `tui550.core.followup`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

from tui550.core.clock import local_today, zone
from tui550.core.db import Database
from tui550.core.domain import (
    OPEN_STATUSES,
    TRACKED_KINDS,
    ItemView,
    Kind,
    Light,
    Status,
    Tag,
    UnitView,
)
from tui550.core.followup import (
    Escalation,
    Rules,
    carried,
    days_late,
    escalation,
    item_light,
    stop_date,
)
from tui550.core.followup_views import (
    FollowupReport,
    ReportUnit,
    SupervisionRow,
    TrendPoint,
    UnitAccount,
)
from tui550.core.models import Item, ItemUnit, Meeting, Project, UTCDateTime, table_of
from tui550.core.store._common import units_by_id
from tui550.core.store.followup import rules_for

_ITEM = table_of(Item)
_LINK = table_of(ItemUnit)
_MEETING = table_of(Meeting)
_PROJECT = table_of(Project)


def _local_date(moment: datetime | None, tz: str) -> date | None:
    return moment.astimezone(zone(tz)).date() if moment is not None else None


def _day_start_utc(day: date, tz: str) -> datetime:
    """The UTC instant the district's `day` begins."""
    return datetime.combine(day, time(0), tzinfo=zone(tz))


def meeting_dates(db: Database) -> list[date]:
    """Dates of all live meetings, sorted (meetings are few: hundreds)."""
    with db.read() as session:
        return sorted(session.execute(
            sa.select(_MEETING.c.date).where(_MEETING.c.deleted_at.is_(None))).scalars())


def _conditions(
    *, open_only: bool, unit_id: uuid.UUID | None = None, lead_only: bool = False,
    project_id: uuid.UUID | None = None, category: str | None = None,
    kinds: Iterable[Kind] = TRACKED_KINDS, since: date | None = None,
    meeting_id: uuid.UUID | None = None, street_id: uuid.UUID | None = None,
) -> list[Any]:
    conds: list[Any] = [_ITEM.c.deleted_at.is_(None),
                        _ITEM.c.kind.in_(sorted(Kind(k).value for k in kinds))]
    if open_only:
        conds.append(_ITEM.c.status.in_(sorted(s.value for s in OPEN_STATUSES)))
    if unit_id is not None:
        lead = _ITEM.c.lead_unit_id == unit_id
        conds.append(lead if lead_only else sa.or_(
            lead, _ITEM.c.id.in_(sa.select(_LINK.c.item_id).where(_LINK.c.unit_id == unit_id))))
    if project_id is not None:
        conds.append(_ITEM.c.project_id == project_id)
    if category is not None:
        conds.append(_ITEM.c.category == category)
    if since is not None:
        conds.append(_MEETING.c.date >= since)
    if meeting_id is not None:
        conds.append(_ITEM.c.meeting_id == meeting_id)
    if street_id is not None:
        conds.append(_PROJECT.c.street_id == street_id)
    return conds


def _light_condition(light: Light, today: date, yellow_days: int) -> Any:
    """A superset of the items of this light, for SQL; the exact test is done after."""
    soon = today + timedelta(days=yellow_days)
    due = _ITEM.c.due
    reported = _ITEM.c.status == Status.REPORTED.value
    if light is Light.RED:
        return due < today
    if light is Light.YELLOW:
        return sa.and_(due >= today, due <= soon, sa.not_(reported))
    if light is Light.GREEN:
        return sa.or_(due.is_(None), due > soon, reported)
    return _ITEM.c.status == Status.CLOSED.value


def supervision_rows(
    db: Database,
    *,
    unit_id: uuid.UUID | None = None,
    project_id: uuid.UUID | None = None,
    category: str | None = None,
    light: Light | None = None,
    min_escalation: Escalation | None = None,
    kinds: Iterable[Kind] = TRACKED_KINDS,
    since: date | None = None,
    meeting_id: uuid.UUID | None = None,
    lead_only: bool = False,
    now: datetime | None = None,
    rules: Rules | None = None,
    limit: int | None = None,
) -> list[SupervisionRow]:
    """All open items (filtered by unit as lead or co-unit unless `lead_only`, project,
    category, light, escalation), most urgent first: highest escalation, then most
    days overdue, then earliest due date (undated last), then oldest."""
    rules = rules_for(db, rules)
    today = local_today(rules.tz, now)
    conds = _conditions(open_only=True, unit_id=unit_id, lead_only=lead_only,
                        project_id=project_id, category=category, kinds=kinds, since=since,
                        meeting_id=meeting_id)
    if light is not None:
        conds.append(_light_condition(Light(light), today, rules.yellow_days))
    joined = _ITEM.join(_MEETING, _MEETING.c.id == _ITEM.c.meeting_id) \
        .outerjoin(_PROJECT, _PROJECT.c.id == _ITEM.c.project_id)
    query = sa.select(_ITEM, _MEETING.c.date.label("meeting_date"),
                      _PROJECT.c.name.label("project_name")).select_from(joined).where(*conds)
    with db.read() as session:
        rows = session.execute(query).mappings().all()
        co: dict[uuid.UUID, list[uuid.UUID]] = {}
        if rows:
            ids = sa.select(_ITEM.c.id).select_from(joined).where(*conds)
            for item_id, unit in session.execute(
                sa.select(_LINK.c.item_id, _LINK.c.unit_id).where(_LINK.c.item_id.in_(ids))
                .order_by(_LINK.c.item_id, _LINK.c.position)
            ):
                co.setdefault(item_id, []).append(unit)
        units = units_by_id(session, db, [r["lead_unit_id"] for r in rows]
                            + [u for us in co.values() for u in us])
    dates = meeting_dates(db)
    out: list[SupervisionRow] = []
    for r in rows:
        row = _supervision_row(r, co.get(r["id"], ()), units, dates, today, rules)
        if light is not None and row.light is not Light(light):
            continue
        if min_escalation is not None and row.escalation < min_escalation:
            continue
        out.append(row)
    out.sort(key=urgency)
    return out[:limit] if limit is not None else out


def urgency(row: SupervisionRow) -> tuple[Any, ...]:
    due = row.item.due
    return (-row.escalation, -row.days_overdue, due is None, due or date.max, row.item.created_at)


def _item_view(r: Any, co: Sequence[uuid.UUID], units: dict[Any, UnitView]) -> ItemView:
    return ItemView(
        id=r["id"], kind=Kind(r["kind"]), text=r["text"], meeting_id=r["meeting_id"],
        project_id=r["project_id"], tag=Tag(r["tag"]) if r["tag"] else None,
        category=r["category"], steps=r["steps"],
        lead_unit=units.get(r["lead_unit_id"]) if r["lead_unit_id"] else None,
        co_units=tuple(units[u] for u in co if u in units), due=r["due"], actual=r["actual"],
        status=Status(r["status"]) if r["status"] else None, created_at=r["created_at"],
        updated_at=r["updated_at"], version=r["version"], created_by=r["created_by"],
        deleted=r["deleted_at"] is not None,
    )


def _supervision_row(r: Any, co: Sequence[uuid.UUID], units: dict[Any, UnitView],
                     dates: Sequence[date], today: date, rules: Rules) -> SupervisionRow:
    item = _item_view(r, co, units)
    closed_on = _local_date(r["closed_at"], rules.tz)
    late = days_late(item.due, stop_date(item.status, item.actual, closed_on, today))
    return SupervisionRow(
        item=item, project_name=r["project_name"], meeting_date=r["meeting_date"],
        light=item_light(item.status, item.due, item.actual, today, rules.yellow_days),
        days_overdue=late,
        escalation=escalation(item.status, late, r["extensions"], r["escalation"], rules),
        carried=carried(r["meeting_date"], dates, closed_on or today),
        extensions=r["extensions"], original_due=r["original_due"],
    )


def unit_accountability(
    db: Database,
    *,
    unit_id: uuid.UUID | None = None,
    since: date | None = None,
    meeting_id: uuid.UUID | None = None,
    now: datetime | None = None,
    rules: Rules | None = None,
) -> list[UnitAccount]:
    """Per lead unit: assigned, closed, reported, overdue now, average days late and items
    extended `escalate_extensions` times or more; worst closing rate first.

    Items count for their lead unit (牵头单位), the one accountable; items with no lead
    unit are gathered under `unit=None`. Average days late is over the items that are
    or were late (closed late: until their actual or closing day; still open: until today).
    """
    rules = rules_for(db, rules)
    today = local_today(rules.tz, now)
    conds = _conditions(open_only=False, unit_id=unit_id, lead_only=True, since=since,
                        meeting_id=meeting_id)
    query = sa.select(_ITEM.c.lead_unit_id, _ITEM.c.status, _ITEM.c.due, _ITEM.c.actual,
                      _ITEM.c.closed_at, _ITEM.c.extensions) \
        .select_from(_ITEM.join(_MEETING, _MEETING.c.id == _ITEM.c.meeting_id)).where(*conds)
    groups: dict[uuid.UUID | None, list[Any]] = {}
    with db.read() as session:
        for row in session.execute(query):
            groups.setdefault(row.lead_unit_id, []).append(row)
        units = units_by_id(session, db, [u for u in groups if u is not None])
    accounts = [_account(units.get(u) if u else None, rows, today, rules)
                for u, rows in groups.items()]
    accounts.sort(key=lambda a: (a.unit is None, a.closing_rate, -a.overdue_now,
                                 a.unit.name if a.unit else ""))
    return accounts


def _account(unit: UnitView | None, rows: Sequence[Any], today: date, rules: Rules) -> UnitAccount:
    closed = reported = overdue = repeated = 0
    late: list[int] = []
    for r in rows:
        status = Status(r.status) if r.status else None
        closed += status is Status.CLOSED
        reported += status is Status.REPORTED
        repeated += rules.escalate_extensions > 0 and r.extensions >= rules.escalate_extensions
        if status is not Status.CLOSED and \
                item_light(status, r.due, r.actual, today, rules.yellow_days) is Light.RED:
            overdue += 1
        days = days_late(r.due, stop_date(status, r.actual, _local_date(r.closed_at, rules.tz), today))
        if days:
            late.append(days)
    return UnitAccount(unit=unit, assigned=len(rows), closed=closed, reported=reported,
                       overdue_now=overdue,
                       avg_days_late=round(sum(late) / len(late), 1) if late else None,
                       repeated_extensions=repeated, late_items=len(late),
                       late_days=sum(late))


def total_account(accounts: Iterable[UnitAccount]) -> UnitAccount:
    accounts = list(accounts)
    late_n = sum(a.late_items for a in accounts)
    late_sum = sum(a.late_days for a in accounts)
    return UnitAccount(
        unit=None, assigned=sum(a.assigned for a in accounts),
        closed=sum(a.closed for a in accounts), reported=sum(a.reported for a in accounts),
        overdue_now=sum(a.overdue_now for a in accounts),
        avg_days_late=round(late_sum / late_n, 1) if late_n else None,
        repeated_extensions=sum(a.repeated_extensions for a in accounts), late_items=late_n,
        late_days=late_sum)


def open_trend(
    db: Database, last: int = 6, *, unit_id: uuid.UUID | None = None,
    now: datetime | None = None, rules: Rules | None = None,
) -> list[TrendPoint]:
    """Open and overdue tracked items as of each of the last `last` meetings (up to today).

    "Open at D": raised at a meeting on or before D and not closed by the end of D.
    "Overdue at D": open at D and due before D. Due dates are today's (after any
    extension): the history is not replayed, so that this stays one count a meeting.
    """
    rules = rules_for(db, rules)
    today = local_today(rules.tz, now)
    with db.read() as session:
        meetings = session.execute(
            sa.select(_MEETING.c.id, _MEETING.c.date, _MEETING.c.title)
            .where(_MEETING.c.deleted_at.is_(None), _MEETING.c.date <= today)
            .order_by(_MEETING.c.date.desc(), _MEETING.c.created_at.desc()).limit(max(0, last))
        ).all()
        points = []
        raised = _MEETING.alias("raised")
        closed_when = sa.func.coalesce(_ITEM.c.closed_at, _ITEM.c.updated_at, type_=UTCDateTime)
        for meeting_id, day, title in reversed(meetings):
            end = _day_start_utc(day + timedelta(days=1), rules.tz)
            conds = _conditions(open_only=False, unit_id=unit_id)
            conds += [raised.c.date <= day,
                      sa.or_(_ITEM.c.status != Status.CLOSED.value, closed_when >= end)]
            open_n, overdue_n = session.execute(
                sa.select(sa.func.count(), sa.func.count(sa.case((_ITEM.c.due < day, 1))))
                .select_from(_ITEM.join(raised, raised.c.id == _ITEM.c.meeting_id)).where(*conds)
            ).one()
            points.append(TrendPoint(meeting_id=meeting_id, date=day, title=title,
                                     open=open_n, overdue=overdue_n))
    return points


def followup_report(
    db: Database,
    *,
    unit_id: uuid.UUID | None = None,
    since: date | None = None,
    meeting_id: uuid.UUID | None = None,
    district: str = "",
    office: str = "",
    now: datetime | None = None,
    rules: Rules | None = None,
) -> FollowupReport:
    """The 落实情况通报's model: per lead unit, the figures and the overdue items."""
    rules = rules_for(db, rules)
    accounts = unit_accountability(db, unit_id=unit_id, since=since, meeting_id=meeting_id,
                                   now=now, rules=rules)
    open_rows = supervision_rows(db, unit_id=unit_id, lead_only=True, since=since,
                                 meeting_id=meeting_id, now=now, rules=rules)
    by_unit: dict[uuid.UUID | None, list[SupervisionRow]] = {}
    for row in open_rows:
        if row.light is not Light.RED:
            continue
        lead = row.item.lead_unit.id if row.item.lead_unit else None
        by_unit.setdefault(lead, []).append(row)
    title = day = unit_name = None
    with db.read() as session:
        if meeting_id is not None:
            meeting = session.get(Meeting, meeting_id)
            if meeting is not None:
                title, day = meeting.title, meeting.date
        if unit_id is not None:
            unit = units_by_id(session, db, [unit_id]).get(unit_id)
            unit_name = unit.name if unit else None
    return FollowupReport(
        today=local_today(rules.tz, now), since=since, meeting_title=title, meeting_date=day,
        unit_filter=unit_name, district=district, office=office,
        total=total_account(accounts),
        units=tuple(ReportUnit(account=a, overdue=tuple(by_unit.get(a.unit.id if a.unit else None, ())))
                    for a in accounts),
        open_items=tuple(open_rows),
    )
