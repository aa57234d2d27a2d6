"""Supervision queries (督查): the open-items board, accountability by unit, the trend,
and the figures of the 落实情况通报.

Built for big databases: filters go into SQL, rows are read as plain columns (no
ORM objects, never the history table), co-units come in one query over the same
filter, and only the computed parts (light, lateness, escalation, badge) are
done in Python, with the rules of `tui550.core.followup.rules`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.expression import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from tui550.core.cadence import due_by
from tui550.core.clock import local_today, zone
from tui550.core.coltypes import UTCDateTime
from tui550.core.db import Database
from tui550.core.domain import (
    OPEN_STATUSES,
    TRACKED_KINDS,
    ItemView,
    Kind,
    Light,
    MeetingKind,
    MeetingState,
    Status,
    Tag,
    UnitView,
)
from tui550.core.followup.rules import (
    Escalation,
    Rules,
    carried,
    days_late,
    escalation,
    escalation_steps,
    extensions_escalating,
    item_light,
    stop_date,
)
from tui550.core.followup.views import (
    FollowupReport,
    ReportUnit,
    SupervisionRow,
    TrendPoint,
    UnitAccount,
)
from tui550.core.lights import yellow_window
from tui550.core.store import _tables, models
from tui550.core.store._bulk import items_with_evidence
from tui550.core.store.due_order import due_order
from tui550.core.store.followup import rules_for
from tui550.core.store.rows import units_by_id
from tui550.core.text import printable

# Read before a meeting's first frame (its carried items' figures): Core tables, no ORM.
_ITEM = _tables.ITEM
_LINK = _tables.ITEM_UNIT
_MEETING = _tables.MEETING
_PROJECT = _tables.PROJECT
_CHUNK = 500


def _local_date(moment: datetime | None, tz: str) -> date | None:
    return moment.astimezone(zone(tz)).date() if moment is not None else None


def _day_start_utc(day: date, tz: str) -> datetime:
    """The UTC instant the district's `day` begins."""
    return datetime.combine(day, time(0), tzinfo=zone(tz))


def held_agenda_dates(db: Database, project_ids: Iterable[uuid.UUID | None]) -> dict[uuid.UUID, list[date]]:
    """Per project, the dates of the meetings held (started or closed; not a planned meeting,
    an upkeep or an import record) that had it on their agenda, sorted: what the follow-up
    count counts (`followup.carried`)."""
    wanted = [p for p in set(project_ids) if p is not None]
    out: dict[uuid.UUID, list[date]] = {}
    if not wanted:
        return out
    agenda = _tables.AGENDA_ENTRY
    with db.read() as session:
        for start in range(0, len(wanted), _CHUNK):
            rows = session.execute(
                sa.select(agenda.c.project_id, _MEETING.c.date)
                .distinct()
                .select_from(agenda.join(_MEETING, _MEETING.c.id == agenda.c.meeting_id))
                .where(
                    agenda.c.project_id.in_(wanted[start : start + _CHUNK]),
                    agenda.c.deleted_at.is_(None),
                    _MEETING.c.deleted_at.is_(None),
                    _MEETING.c.kind == MeetingKind.MEETING.value,
                    _MEETING.c.state != MeetingState.PLANNED.value,
                )
            )
            for project_id, day in rows:
                out.setdefault(project_id, []).append(day)
    for days in out.values():
        days.sort()
    return out


def meeting_day(db: Database, meeting_id: uuid.UUID | None) -> date | None:
    if meeting_id is None:
        return None
    with db.read() as session:
        return session.execute(sa.select(_MEETING.c.date).where(_MEETING.c.id == meeting_id)).scalar()


def _unindexed(column: Any) -> Any:
    return UnaryExpression(column, operator=custom_op("+"), type_=column.type)


def _conditions(
    *,
    open_only: bool,
    unit_id: uuid.UUID | None = None,
    lead_only: bool = False,
    project_id: uuid.UUID | None = None,
    category: str | None = None,
    kinds: Iterable[Kind] = TRACKED_KINDS,
    since: date | None = None,
    meeting_id: uuid.UUID | None = None,
    street_id: uuid.UUID | None = None,
    by_id: bool = False,
) -> list[Any]:
    """The conditions on items; `by_id` when the query names its items by id (SQLite only)."""
    # Named items are found by their primary key. Without statistics SQLite would rather
    # walk the board index on these three columns, over every open item of the district
    # for a handful named; its unary + leaves each value as it is and keeps the index out
    # of the plan.
    plain = _unindexed if by_id else (lambda column: column)
    conds: list[Any] = [
        plain(_ITEM.c.deleted_at).is_(None),
        plain(_ITEM.c.kind).in_(sorted(Kind(k).value for k in kinds)),
    ]
    if open_only:
        conds.append(plain(_ITEM.c.status).in_(sorted(s.value for s in OPEN_STATUSES)))
    if unit_id is not None:
        lead = _ITEM.c.lead_unit_id == unit_id
        conds.append(
            lead
            if lead_only
            else sa.or_(lead, _ITEM.c.id.in_(sa.select(_LINK.c.item_id).where(_LINK.c.unit_id == unit_id)))
        )
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


def _days(db: Database, later: Any, earlier: Any) -> Any:
    """Whole days from `earlier` to `later` (dates), as SQL."""
    if db.dialect == "sqlite":
        return sa.cast(sa.func.julianday(later) - sa.func.julianday(earlier), sa.Integer)
    return later - earlier


def _as_int(condition: Any) -> Any:
    return sa.cast(condition, sa.Integer)


def _open_figures(db: Database, today: date, rules: Rules) -> tuple[Any, Any]:
    """SQL for an open item's days late and the day lateness stops at (`followup.days_late`
    and `stop_date`; `tests/unit/test_rules_in_sql.py` checks the two agree), so that the board
    filters, sorts and pages in the database instead of building every row in Python.

    Each expression names `late` once or a few times only: SQLite repeats a nested
    expression wherever it appears, and the date functions are the cost."""
    day = sa.literal(today, sa.Date())
    due, status = _ITEM.c.due, _ITEM.c.status
    reported = status == Status.REPORTED.value
    stop = sa.case((reported, sa.func.coalesce(_ITEM.c.actual, day)), else_=day)
    late = (
        sa.func.max(_days(db, stop, sa.func.coalesce(due, stop)), 0)
        if db.dialect == "sqlite"
        else sa.func.greatest(_days(db, stop, sa.func.coalesce(due, stop)), 0)
    )
    return late, stop


def _level(db: Database, inner: Any, rules: Rules) -> Any:
    """`followup.escalation` of an open item as SQL, built from the same ladder."""
    late = inner.c.late
    base = sa.case(*((late >= days, int(level)) for days, level in escalation_steps(rules)), else_=0)
    threshold = extensions_escalating(rules)
    extended = _as_int(inner.c.extensions >= threshold) if threshold is not None else sa.literal(0)
    manual = sa.case((inner.c.escalation > 0, inner.c.escalation), else_=0)
    top = int(Escalation.RED)
    total = base + extended + manual
    return sa.func.min(total, top) if db.dialect == "sqlite" else sa.func.least(total, top)


def _light_is(light: Light, stop: Any, today: date, rules: Rules) -> Any:
    """`followup.item_light` of an open item as a condition on plain columns (no date
    arithmetic), with the bounds of `lights.yellow_window`.

    A standing cadence (每周五) is never red; it is yellow when its next occurrence is
    within the yellow days. Which cadences those are today is worked out by
    `core.cadence.due_by`, so SQL only compares the stored words with that list."""
    due = _ITEM.c.due
    red = sa.and_(due.is_not(None), stop > due)
    if light is Light.RED:
        return red
    first, last = yellow_window(today, rules.yellow_days)
    not_reported = _ITEM.c.status != Status.REPORTED.value
    dated_yellow = sa.and_(
        not_reported, due >= sa.literal(first, sa.Date()), due <= sa.literal(last, sa.Date())
    )
    standing_yellow = sa.and_(
        due.is_(None), not_reported, sa.func.coalesce(_ITEM.c.cadence, "").in_(due_by(first, last))
    )
    if light is Light.YELLOW:
        return sa.or_(dated_yellow, standing_yellow)
    if light is Light.GREEN:
        return sa.and_(sa.not_(red), sa.or_(due.is_(None), sa.not_(dated_yellow)), sa.not_(standing_yellow))
    return sa.false()


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _text_condition(db: Database, session: Any, text: str) -> Any:
    """Narrow by what the user typed: a unit (name or alias, lead or co-unit), the
    project's name or code, or the item's text."""
    needle = text.strip().lower()
    units = units_by_id(session, db, [])
    matching = [
        u.id
        for u in units.values()
        if needle in u.name.lower() or any(needle in a.lower() for a in u.aliases)
    ]
    pattern = _like(text.strip())
    conds = [
        _PROJECT.c.name.like(pattern, escape="\\"),
        _PROJECT.c.code.like(pattern, escape="\\"),
        _ITEM.c.text.like(pattern, escape="\\"),
    ]
    if matching:
        conds += [
            _ITEM.c.lead_unit_id.in_(matching),
            _ITEM.c.id.in_(sa.select(_LINK.c.item_id).where(_LINK.c.unit_id.in_(matching))),
        ]
    return sa.or_(*conds)


_JOINED = _ITEM.join(_MEETING, _MEETING.c.id == _ITEM.c.meeting_id).outerjoin(
    _PROJECT, _PROJECT.c.id == _ITEM.c.project_id
)


def _board(
    db: Database,
    session: Any,
    today: date,
    rules: Rules,
    *,
    unit_id: uuid.UUID | None,
    project_id: uuid.UUID | None,
    category: str | None,
    light: Light | None,
    min_escalation: Escalation | None,
    kinds: Iterable[Kind],
    since: date | None,
    meeting_id: uuid.UUID | None,
    lead_only: bool,
    exclude_meeting_id: uuid.UUID | None,
    item_ids: Sequence[uuid.UUID] | None,
    text: str | None,
) -> Any:
    """The open items in scope as (id, level, late), cheap columns only, sorted by urgency."""
    late, stop = _open_figures(db, today, rules)
    conds = _conditions(
        open_only=True,
        unit_id=unit_id,
        lead_only=lead_only,
        project_id=project_id,
        category=category,
        kinds=kinds,
        since=since,
        meeting_id=meeting_id,
        by_id=item_ids is not None and db.dialect == "sqlite",
    )
    source: Any = _ITEM
    if since is not None:
        source = source.join(_MEETING, _MEETING.c.id == _ITEM.c.meeting_id)
    if exclude_meeting_id is not None:
        conds.append(_ITEM.c.meeting_id != exclude_meeting_id)
    if item_ids is not None:
        conds.append(_ITEM.c.id.in_(list(item_ids)))
    if text and text.strip():
        source = source.outerjoin(_PROJECT, _PROJECT.c.id == _ITEM.c.project_id)
        conds.append(_text_condition(db, session, text))
    if light is not None:
        conds.append(_light_is(Light(light), stop, today, rules))
    # Materialized, so that `late` (date arithmetic, the costly part) is computed once
    # a row; inlined, SQLite would repeat it in every expression that names it.
    inner = (
        sa.select(
            _ITEM.c.id,
            _ITEM.c.due,
            _ITEM.c.cadence,
            _ITEM.c.created_at,
            _ITEM.c.extensions,
            _ITEM.c.escalation,
            late.label("late"),
        )
        .select_from(source)
        .where(*conds)
        .cte("board")
        .prefix_with("MATERIALIZED")
    )
    level = _level(db, inner, rules)
    query = sa.select(inner.c.id, inner.c.late, level.label("level"))
    if min_escalation is not None:
        query = query.where(level >= int(min_escalation))
    return query.order_by(
        sa.desc("level"),
        inner.c.late.desc(),
        *due_order(inner.c.due, inner.c.cadence, today),
        inner.c.created_at,
        inner.c.id,
    )


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
    exclude_meeting_id: uuid.UUID | None = None,
    item_ids: Sequence[uuid.UUID] | None = None,
    text: str | None = None,
    now: datetime | None = None,
    rules: Rules | None = None,
    limit: int | None = None,
    offset: int = 0,
    seen_from: uuid.UUID | None = None,
) -> list[SupervisionRow]:
    """All open items (filtered by unit as lead or co-unit unless `lead_only`, project,
    category, light, escalation, typed text), most urgent first: highest escalation,
    then most days overdue, then the earliest date each is lit by (a standing cadence at
    its next occurrence, `cadence.due_order`; undated last), then oldest.

    Shown on a meeting's screen (`seen_from`), an item's follow-up count stops before that
    meeting's date; elsewhere it runs to today (or the day the item was closed).

    Filtering, sorting and paging (`limit`, `offset`) happen in SQL on cheap columns;
    only the rows of the page are built, so a page costs the same on any database."""
    rules = rules_for(db, rules)
    today = local_today(rules.tz, now or db.clock.now())
    with db.read() as session:
        board = _board(
            db,
            session,
            today,
            rules,
            unit_id=unit_id,
            project_id=project_id,
            category=category,
            light=light,
            min_escalation=min_escalation,
            kinds=kinds,
            since=since,
            meeting_id=meeting_id,
            lead_only=lead_only,
            exclude_meeting_id=exclude_meeting_id,
            item_ids=item_ids,
            text=text,
        )
        if limit is not None:
            board = board.limit(max(0, limit))
        if offset > 0:
            board = board.offset(offset)
        ids = [r.id for r in session.execute(board)]
        if not ids:
            return []
        rows: dict[uuid.UUID, Any] = {}
        co: dict[uuid.UUID, list[uuid.UUID]] = {}
        # In chunks: an export asks for every open item, and SQL limits bound parameters.
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            rows.update(
                (r["id"], r)
                for r in session.execute(
                    sa.select(
                        _ITEM, _MEETING.c.date.label("meeting_date"), _PROJECT.c.name.label("project_name")
                    )
                    .select_from(_JOINED)
                    .where(_ITEM.c.id.in_(chunk))
                ).mappings()
            )
            for item_id, unit in session.execute(
                sa.select(_LINK.c.item_id, _LINK.c.unit_id)
                .where(_LINK.c.item_id.in_(chunk))
                .order_by(_LINK.c.item_id, _LINK.c.position)
            ):
                co.setdefault(item_id, []).append(unit)
        units = units_by_id(
            session, db, [r["lead_unit_id"] for r in rows.values()] + [u for us in co.values() for u in us]
        )
        evidence = items_with_evidence(session)
    dates = held_agenda_dates(db, (r["project_id"] for r in rows.values()))
    before = meeting_day(db, seen_from)
    return [
        _supervision_row(
            rows[i],
            co.get(i, ()),
            units,
            dates.get(rows[i]["project_id"], []),
            today,
            rules,
            i in evidence,
            before,
        )
        for i in ids
    ]


def supervision_count(
    db: Database,
    *,
    unit_id: uuid.UUID | None = None,
    project_id: uuid.UUID | None = None,
    category: str | None = None,
    light: Light | None = None,
    min_escalation: Escalation | None = None,
    kinds: Iterable[Kind] = TRACKED_KINDS,
    lead_only: bool = False,
    text: str | None = None,
    now: datetime | None = None,
    rules: Rules | None = None,
) -> int:
    """How many open items `supervision_rows` would list with the same filters."""
    rules = rules_for(db, rules)
    today = local_today(rules.tz, now or db.clock.now())
    with db.read() as session:
        if min_escalation is None:
            # Without an escalation filter no lateness is needed: count the index entries.
            _, stop = _open_figures(db, today, rules)
            conds = _conditions(
                open_only=True,
                unit_id=unit_id,
                lead_only=lead_only,
                project_id=project_id,
                category=category,
                kinds=kinds,
            )
            source: Any = _ITEM
            if text and text.strip():
                source = source.outerjoin(_PROJECT, _PROJECT.c.id == _ITEM.c.project_id)
                conds.append(_text_condition(db, session, text))
            if light is not None:
                conds.append(_light_is(Light(light), stop, today, rules))
            return int(
                session.execute(sa.select(sa.func.count()).select_from(source).where(*conds)).scalar_one()
            )
        board = _board(
            db,
            session,
            today,
            rules,
            unit_id=unit_id,
            project_id=project_id,
            category=category,
            light=light,
            min_escalation=min_escalation,
            kinds=kinds,
            since=None,
            meeting_id=None,
            lead_only=lead_only,
            exclude_meeting_id=None,
            item_ids=None,
            text=text,
        ).order_by(None)
        return int(session.execute(sa.select(sa.func.count()).select_from(board.subquery())).scalar_one())


def categories(db: Database) -> list[str]:
    """The categories used by open items, for the supervision screen's filter."""
    with db.read() as session:
        return sorted(
            session.execute(
                sa.select(_ITEM.c.category)
                .distinct()
                .where(_ITEM.c.category.is_not(None), _ITEM.c.deleted_at.is_(None))
            ).scalars()
        )


def urgency(row: SupervisionRow, today: date) -> tuple[Any, ...]:
    """The board's order on `today` (`_board` sorts so in SQL)."""
    return (-row.escalation, -row.days_overdue, *row.item.deadline_order(today), row.item.created_at)


def _item_view(
    r: Any, co: Sequence[uuid.UUID], units: dict[Any, UnitView], evidence: bool = False
) -> ItemView:
    return ItemView(
        id=r["id"],
        kind=Kind(r["kind"]),
        text=printable(r["text"]),
        meeting_id=r["meeting_id"],
        project_id=r["project_id"],
        tag=Tag(r["tag"]) if r["tag"] else None,
        category=r["category"] and printable(r["category"]),
        steps=r["steps"] and printable(r["steps"]),
        lead_unit=units.get(r["lead_unit_id"]) if r["lead_unit_id"] else None,
        co_units=tuple(units[u] for u in co if u in units),
        due=r["due"],
        actual=r["actual"],
        status=Status(r["status"]) if r["status"] else None,
        created_at=r["created_at"],
        updated_at=r["updated_at"],
        version=r["version"],
        created_by=r["created_by"],
        deleted=r["deleted_at"] is not None,
        cadence=r["cadence"],
        evidence=evidence,
    )


def _supervision_row(
    r: Any,
    co: Sequence[uuid.UUID],
    units: dict[Any, UnitView],
    dates: Sequence[date],
    today: date,
    rules: Rules,
    evidence: bool = False,
    before: date | None = None,
) -> SupervisionRow:
    item = _item_view(r, co, units, evidence)
    closed_on = _local_date(r["closed_at"], rules.tz)
    until = closed_on or today
    if before is not None:
        until = min(until, before - timedelta(days=1))
    late = days_late(item.due, stop_date(item.status, item.actual, closed_on, today))
    return SupervisionRow(
        item=item,
        project_name=r["project_name"],
        meeting_date=r["meeting_date"],
        light=item_light(item.status, item.due_on(today), item.actual, today, rules.yellow_days),
        days_overdue=late,
        escalation=escalation(item.status, late, r["extensions"], r["escalation"], rules),
        carried=carried(r["meeting_date"], dates, until),
        extensions=r["extensions"],
        original_due=r["original_due"],
    )


def unit_accountability(
    db: Database,
    *,
    unit_id: uuid.UUID | None = None,
    since: date | None = None,
    meeting_id: uuid.UUID | None = None,
    now: datetime | None = None,
    rules: Rules | None = None,
    with_co_units: bool = False,
) -> list[UnitAccount]:
    """Per lead unit: assigned, closed, reported, overdue now, average days late and items
    extended `escalate_extensions` times or more; worst closing rate first.

    Items count for their lead unit (牵头单位), the one accountable; items with no lead
    unit are gathered under `unit=None`. With `with_co_units`, apart, each unit's items as
    a co-unit (配合单位): assigned, closed, overdue; a unit that is only ever a co-unit then
    has an account too.
    Average days late is over the items that are or were late (closed late: until their
    actual or closing day; still open: until today).
    """
    rules = rules_for(db, rules)
    today = local_today(rules.tz, now or db.clock.now())
    day = sa.literal(today, sa.Date())
    status, due, actual = _ITEM.c.status, _ITEM.c.due, _ITEM.c.actual
    done = status.in_([Status.REPORTED.value, Status.CLOSED.value])
    # Lateness stops at the actual date once done. A closed item without one stops at
    # its local closing day, which SQL cannot tell: those rare rows are added below.
    unknown_stop = sa.and_(status == Status.CLOSED.value, actual.is_(None))
    stop = sa.case((done, sa.func.coalesce(actual, day)), else_=day)
    late = sa.case((sa.and_(sa.not_(unknown_stop), due.is_not(None), stop > due), _days(db, stop, due)))
    overdue = sa.or_(
        sa.and_(status.in_([Status.OPEN.value, Status.IN_PROGRESS.value]), due < day),
        sa.and_(status == Status.REPORTED.value, due.is_not(None), sa.func.coalesce(actual, day) > due),
    )
    repeated = (
        sa.case((_ITEM.c.extensions >= rules.escalate_extensions, 1), else_=0)
        if rules.escalate_extensions > 0
        else sa.literal(0)
    )
    conds = _conditions(open_only=False, unit_id=unit_id, lead_only=True, since=since, meeting_id=meeting_id)
    # Names every status so that the covering board index is searched, not the rows.
    conds.append(status.in_(sorted(s.value for s in Status)))
    joined: Any = _ITEM if since is None else _ITEM.join(_MEETING, _MEETING.c.id == _ITEM.c.meeting_id)
    query = (
        sa.select(
            _ITEM.c.lead_unit_id,
            sa.func.count(),
            sa.func.sum(sa.case((status == Status.CLOSED.value, 1), else_=0)),
            sa.func.sum(sa.case((status == Status.REPORTED.value, 1), else_=0)),
            sa.func.sum(sa.case((overdue, 1), else_=0)),
            sa.func.sum(repeated),
            sa.func.count(late),
            sa.func.coalesce(sa.func.sum(late), 0),
        )
        .select_from(joined)
        .where(*conds)
        .group_by(_ITEM.c.lead_unit_id)
    )
    figures: dict[uuid.UUID | None, list[int]] = {}
    with db.read() as session:
        for lead, *numbers in session.execute(query):
            figures[lead] = [int(n or 0) for n in numbers]
        for lead, due_day, closed_at in session.execute(
            sa.select(_ITEM.c.lead_unit_id, due, _ITEM.c.closed_at)
            .select_from(joined)
            .where(*conds, unknown_stop, due.is_not(None))
        ):
            days = days_late(due_day, _local_date(closed_at, rules.tz) or today)
            if days:
                figures[lead][5] += 1
                figures[lead][6] += days
        # The same items through their co-units: a unit that only assists is still accounted.
        co_figures: dict[uuid.UUID | None, list[int]] = {}
        if with_co_units:
            co_conds = _conditions(open_only=False, since=since, meeting_id=meeting_id)
            co_conds.append(status.in_(sorted(s.value for s in Status)))
            if unit_id is not None:
                co_conds.append(_LINK.c.unit_id == unit_id)
            co_query = (
                sa.select(
                    _LINK.c.unit_id,
                    sa.func.count(),
                    sa.func.sum(sa.case((status == Status.CLOSED.value, 1), else_=0)),
                    sa.func.sum(sa.case((overdue, 1), else_=0)),
                )
                .select_from(joined.join(_LINK, _LINK.c.item_id == _ITEM.c.id))
                .where(*co_conds)
                .group_by(_LINK.c.unit_id)
            )
            for u, *numbers in session.execute(co_query):
                co_figures[u] = [int(n or 0) for n in numbers]
                figures.setdefault(u, [0] * 7)
        units = units_by_id(session, db, [u for u in figures if u is not None])
    accounts = [
        UnitAccount(
            unit=units.get(u) if u else None,
            assigned=n,
            closed=closed,
            reported=reported,
            overdue_now=overdue_n,
            avg_days_late=round(late_sum / late_n, 1) if late_n else None,
            repeated_extensions=repeated_n,
            late_items=late_n,
            late_days=late_sum,
            co_assigned=co_figures.get(u, [0, 0, 0])[0],
            co_closed=co_figures.get(u, [0, 0, 0])[1],
            co_overdue=co_figures.get(u, [0, 0, 0])[2],
        )
        for u, (n, closed, reported, overdue_n, repeated_n, late_n, late_sum) in figures.items()
    ]
    accounts.sort(
        key=lambda a: (a.unit is None, a.closing_rate, -a.overdue_now, a.unit.name if a.unit else "")
    )
    return accounts


def total_account(accounts: Iterable[UnitAccount]) -> UnitAccount:
    accounts = list(accounts)
    late_n = sum(a.late_items for a in accounts)
    late_sum = sum(a.late_days for a in accounts)
    return UnitAccount(
        unit=None,
        assigned=sum(a.assigned for a in accounts),
        closed=sum(a.closed for a in accounts),
        reported=sum(a.reported for a in accounts),
        overdue_now=sum(a.overdue_now for a in accounts),
        avg_days_late=round(late_sum / late_n, 1) if late_n else None,
        repeated_extensions=sum(a.repeated_extensions for a in accounts),
        late_items=late_n,
        late_days=late_sum,
    )  # co-unit figures count items again: no total of them


def open_trend(
    db: Database,
    last: int = 6,
    *,
    unit_id: uuid.UUID | None = None,
    now: datetime | None = None,
    rules: Rules | None = None,
) -> list[TrendPoint]:
    """Open and overdue tracked items as of each of the last `last` meetings (up to today).

    "Open at D": raised at a meeting on or before D and not closed by the end of D.
    "Overdue at D": open at D and due before D. Due dates are today's (after any
    extension): the history is not replayed, so that this stays one count a meeting.
    """
    rules = rules_for(db, rules)
    today = local_today(rules.tz, now or db.clock.now())
    with db.read() as session:
        meetings = session.execute(
            sa.select(_MEETING.c.id, _MEETING.c.date, _MEETING.c.title)
            .where(_MEETING.c.deleted_at.is_(None), _MEETING.c.date <= today)
            .order_by(_MEETING.c.date.desc(), _MEETING.c.created_at.desc())
            .limit(max(0, last))
        ).all()
        chosen = list(reversed(meetings))
        if not chosen:
            return []
        # One pass over the items, two sums a meeting, instead of a query a meeting.
        closed_when = sa.func.coalesce(_ITEM.c.closed_at, _ITEM.c.updated_at, type_=UTCDateTime)
        sums = []
        for _, day, _ in chosen:
            end = _day_start_utc(day + timedelta(days=1), rules.tz)
            raised = _ITEM.c.meeting_id.in_(sa.select(_MEETING.c.id).where(_MEETING.c.date <= day))
            still_open = sa.and_(raised, sa.or_(_ITEM.c.status != Status.CLOSED.value, closed_when >= end))
            sums.append(sa.func.sum(sa.case((still_open, 1), else_=0)))
            sums.append(sa.func.sum(sa.case((sa.and_(still_open, _ITEM.c.due < day), 1), else_=0)))
        figures = session.execute(
            sa.select(*sums).where(*_conditions(open_only=False, unit_id=unit_id))
        ).one()
        points = [
            TrendPoint(
                meeting_id=meeting_id,
                date=day,
                title=title,
                open=int(figures[2 * n] or 0),
                overdue=int(figures[2 * n + 1] or 0),
            )
            for n, (meeting_id, day, title) in enumerate(chosen)
        ]
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
    accounts = unit_accountability(
        db, unit_id=unit_id, since=since, meeting_id=meeting_id, now=now, rules=rules, with_co_units=True
    )
    open_rows = supervision_rows(
        db, unit_id=unit_id, lead_only=True, since=since, meeting_id=meeting_id, now=now, rules=rules
    )
    by_unit: dict[uuid.UUID | None, list[SupervisionRow]] = {}
    for row in open_rows:
        if row.light is not Light.RED:
            continue
        lead = row.item.lead_unit.id if row.item.lead_unit else None
        by_unit.setdefault(lead, []).append(row)
    title = day = unit_name = None
    with db.read() as session:
        if meeting_id is not None:
            meeting = session.get(models.Meeting, meeting_id)
            if meeting is not None:
                title, day = meeting.title, meeting.date
        if unit_id is not None:
            unit = units_by_id(session, db, [unit_id]).get(unit_id)
            unit_name = unit.name if unit else None
    return FollowupReport(
        today=local_today(rules.tz, now or db.clock.now()),
        since=since,
        meeting_title=title,
        meeting_date=day,
        unit_filter=unit_name,
        district=district,
        office=office,
        total=total_account(accounts),
        units=tuple(
            ReportUnit(account=a, overdue=tuple(by_unit.get(a.unit.id if a.unit else None, ())))
            for a in accounts
        ),
        open_items=tuple(open_rows),
    )
