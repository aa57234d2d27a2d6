"""Captured items (minutes, decisions, issues, deadlines): capture, change, find.

`capture` is the one call on the Enter key path: one short transaction, durable
on return. Everything else that screens show is read back from the database, so
the wall only ever shows what is saved.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, insert, update
from sqlalchemy import select as core_select
from sqlalchemy.dialects import sqlite
from sqlmodel import col, select

from tui550.core.cadence import one_deadline
from tui550.core.clock import utcnow
from tui550.core.db import Database
from tui550.core.domain import (
    OPEN_STATUSES,
    TRACKED_KINDS,
    HistoryEntry,
    ItemView,
    Kind,
    Status,
    Tag,
)
from tui550.core.errors import UserError
from tui550.core.followup.rules import Action
from tui550.core.history_labels import ids_in
from tui550.core.store import _tables, models
from tui550.core.store._bulk import COLUMNS, bulk_item_views, views_of
from tui550.core.store._capture_sql import write_capture
from tui550.core.store.due_order import due_order
from tui550.core.store.lifecycle import amend_reason
from tui550.core.store.rows import (
    Executor,
    apply_update,
    history_row,
    record_history,
    units_by_id,
)
from tui550.core.text import clean_fields, gate

EDITABLE = (
    "kind",
    "tag",
    "text",
    "category",
    "steps",
    "lead_unit_id",
    "due",
    "cadence",
    "actual",
    "status",
    "project_id",
)
# Set by follow-up actions (销号, 延期, 督办), not typed on the capture line.
FOLLOW_UP = ("closed_at", "closed_by", "closed_note", "extensions", "escalation", "original_due")


def capture(
    db: Database,
    *,
    meeting_id: uuid.UUID,
    project_id: uuid.UUID | None,
    kind: Kind,
    text: str,
    tag: Tag | None = None,
    category: str | None = None,
    steps: str | None = None,
    lead_unit_id: uuid.UUID | None = None,
    co_unit_ids: Sequence[uuid.UUID] = (),
    due: date | None = None,
    cadence: str | None = None,
    actual: date | None = None,
    item_id: uuid.UUID | None = None,
    clear_draft: bool = False,
) -> ItemView:
    """Save one captured item and return it as stored.

    `clear_draft` empties the meeting's draft in the same transaction: a kill
    right after the commit must not bring the saved line back as a draft, where
    one more Enter would save it twice.

    `item_id` lets a caller that retries (after a disk error or a lost
    connection) save the same item exactly once: a second call with an id that
    is already stored returns the stored item instead of adding another.
    """
    text = gate("text", text).strip()
    if not text:
        raise UserError("item.empty", "item.empty.remedy")
    kind = Kind(kind)
    status = Status.OPEN.value if kind in TRACKED_KINDS else None
    if kind is Kind.MINUTE and tag is None:
        tag = Tag.REMARK
    new_id = item_id or uuid.uuid4()
    now = utcnow()
    co = [u for u in dict.fromkeys(co_unit_ids) if u != lead_unit_id]
    row: dict[str, Any] = {
        "id": new_id,
        "meeting_id": meeting_id,
        "project_id": project_id,
        "kind": kind.value,
        "tag": tag.value if tag and kind is Kind.MINUTE else None,
        "text": text,
        "category": gate("category", category) if category else None,
        "steps": gate("steps", steps) if steps else None,
        "lead_unit_id": lead_unit_id,
        "due": due,
        "cadence": gate("cadence", cadence) if cadence and due is None else None,
        "actual": actual,
        "status": status,
        "original_due": due,
        "created_by": db.who,
        "created_at": now,
        "updated_at": now,
        "version": 1,
        "extensions": 0,
        "escalation": 0,
    }
    changes = {k: (None, row[k]) for k in EDITABLE if row.get(k) is not None}
    if co:
        changes["co_units"] = (None, co)
    history = history_row(
        db, entity="item", entity_id=new_id, action="create", changes=changes, meeting_id=meeting_id, at=now
    )
    # On a bare connection, not the ORM's unit of work or its session, and on SQLite as SQL of
    # our own (`_capture_sql`): this is the one call a keystroke waits for.
    with db.transaction() as conn:
        # One write whether or not the id is new: a retry finds its item already there.
        if db.dialect == "sqlite":
            inserted = write_capture(conn, row, co, history, clear_draft)
        else:
            inserted = _write_capture(conn, db, row, co, history, clear_draft)
        if not inserted:
            table = _tables.ITEM
            existing = conn.execute(core_select(table).where(table.c.id == new_id)).one()
            return item_views(conn, db, [existing])[0]
        # Most captures name no unit: skip the unit cache (on a server, two round trips when cold).
        units = units_by_id(conn, db, [lead_unit_id, *co]) if lead_unit_id or co else {}
    return ItemView(
        id=new_id,
        kind=kind,
        text=text,
        meeting_id=meeting_id,
        project_id=project_id,
        tag=Tag(row["tag"]) if row["tag"] else None,
        category=category,
        steps=row["steps"],
        lead_unit=units.get(lead_unit_id) if lead_unit_id else None,
        co_units=tuple(units[u] for u in co if u in units),
        due=due,
        actual=actual,
        status=Status(status) if status else None,
        created_at=now,
        updated_at=now,
        version=1,
        created_by=db.who,
        cadence=row["cadence"],
    )


def _write_capture(
    conn: Executor,
    db: Database,
    row: dict[str, Any],
    co: list[uuid.UUID],
    history: dict[str, Any],
    clear_draft: bool,
) -> bool:
    """`_capture_sql.write_capture` through SQLAlchemy's statements (a server database)."""
    if not conn.execute(_insert_new(db, models.table_of(models.Item)), row).rowcount:  # type: ignore[attr-defined]
        return False
    if co:
        conn.execute(
            insert(models.table_of(models.ItemUnit)),
            [{"item_id": row["id"], "unit_id": u, "position": i} for i, u in enumerate(co)],
        )
    conn.execute(insert(models.table_of(models.History)), history)
    if clear_draft:
        draft = models.table_of(models.Draft)
        conn.execute(
            update(draft)
            .where(draft.c.meeting_id == row["meeting_id"])
            .values(text="", updated_at=row["created_at"])
        )
    return True


def _insert_new(db: Database, table: Any) -> Any:
    """INSERT that does nothing if the id is stored already (both backends say ON CONFLICT)."""
    if db.dialect == "sqlite":
        return sqlite.insert(table).on_conflict_do_nothing(index_elements=[table.c.id])

    from sqlalchemy.dialects import postgresql

    return postgresql.insert(table).on_conflict_do_nothing(index_elements=[table.c.id])


def item_views(session: Executor, db: Database, rows: Iterable[Any]) -> list[ItemView]:
    """Views of item rows: ORM `Item`s or Core rows of the item table (same attribute names)."""

    rows = list(rows)
    links = _tables.ITEM_UNIT
    found: Iterable[Any] = (
        session.execute(
            core_select(links.c.item_id, links.c.unit_id)
            .where(links.c.item_id.in_([r.id for r in rows]))
            .order_by(links.c.position)
        )
        if rows
        else []
    )
    return views_of(session, db, [tuple(getattr(r, name) for name in COLUMNS) for r in rows], found)


def get_item(db: Database, item_id: uuid.UUID) -> ItemView:
    with db.read() as session:
        row = session.get(models.Item, item_id)
        if row is None:
            raise UserError("item.unknown", id=str(item_id))
        return item_views(session, db, [row])[0]


def items_for(
    db: Database, meeting_id: uuid.UUID, project_id: uuid.UUID | None, *, limit: int | None = None
) -> list[ItemView]:
    """What this meeting captured for one project (None: the meeting as a whole), oldest first.

    With `limit`, the newest `limit` items (still oldest first), so that a long
    list costs the same to show as a short one.
    """

    table = _tables.ITEM
    with db.read() as session:
        newest_first = bulk_item_views(
            session,
            db,
            table.c.meeting_id == meeting_id,
            table.c.project_id.is_(None) if project_id is None else table.c.project_id == project_id,
            table.c.deleted_at.is_(None),
            order_by=(table.c.created_at.desc(),),
            limit=limit,
        )
    return newest_first[::-1]


def meeting_items(db: Database, meeting_id: uuid.UUID) -> list[ItemView]:
    """Every live item of a meeting, oldest first (for exports and the closing review).

    Read in bulk (`_bulk`): a long meeting has thousands of items, and an export
    must not spend its time decoding them.
    """

    table = _tables.ITEM
    with db.read() as session:
        return bulk_item_views(
            session,
            db,
            table.c.meeting_id == meeting_id,
            table.c.deleted_at.is_(None),
            order_by=(table.c.created_at,),
        )


def open_items_for(
    db: Database,
    project_id: uuid.UUID,
    *,
    excluding_meeting: uuid.UUID | None = None,
    limit: int | None = None,
    today: date | None = None,
) -> list[ItemView]:
    """A project's decisions, issues and deadlines still open, from earlier meetings first;
    with `excluding_meeting`, those that meeting's wall carries over (`carried_into`).

    Sorted by deadline on `today` (default: the database's today): the date each is lit
    by, a standing cadence at its next occurrence (`cadence.due_order`), undated last;
    then by age. With `limit`, only the first `limit` of that order: a project that
    carries a thousand open items must not cost a thousand rows to show
    (`count_open_items` gives the total).
    """

    table = _tables.ITEM
    conditions: list[Any] = [
        table.c.project_id == project_id,
        table.c.status.in_([s.value for s in OPEN_STATUSES]),
        table.c.deleted_at.is_(None),
    ]
    if excluding_meeting is not None:
        conditions.append(carried_into(excluding_meeting))
    with db.read() as session:
        return bulk_item_views(
            session,
            db,
            *conditions,
            limit=limit,
            order_by=(*due_order(table.c.due, table.c.cadence, today or db.today()), table.c.created_at),
        )


def items_fingerprint(db: Database, meeting_id: uuid.UUID, project_id: uuid.UUID | None) -> tuple[Any, ...]:
    """What changes whenever a project's lists on a meeting's wall may: how many items it
    has and when the latest was written (a soft delete writes too). For the general page
    (None), the meeting's items under no project. One indexed aggregate, far cheaper than
    reading the lists: a screen that read them ahead checks with it that they still hold."""

    table = _tables.ITEM
    where = (
        table.c.project_id == project_id
        if project_id is not None
        else (table.c.meeting_id == meeting_id) & table.c.project_id.is_(None)
    )
    with db.read() as session:
        row = session.execute(
            core_select(func.count(), func.max(table.c.updated_at), func.max(table.c.version)).where(where)
        ).one()
    return tuple(row)


def carried_into(meeting_id: uuid.UUID) -> Any:
    """Which items a meeting's wall carries over (往期): those of other meetings and records
    dated on or before its date. "Earlier" is by meeting date, so a meeting entered after
    the fact never lists items raised later as its past."""
    item, meeting = _tables.ITEM, _tables.MEETING
    this = meeting.alias("this_meeting")
    its_date = core_select(this.c.date).where(this.c.id == meeting_id).scalar_subquery()
    return (item.c.meeting_id != meeting_id) & item.c.meeting_id.in_(
        core_select(meeting.c.id).where(meeting.c.date <= its_date)
    )


def count_open_items(
    db: Database, project_id: uuid.UUID, *, excluding_meeting: uuid.UUID | None = None
) -> int:
    with db.read() as session:
        sub = _open_query(project_id, excluding_meeting).subquery()
        return int(session.exec(select(func.count()).select_from(sub)).one())


def _open_query(project_id: uuid.UUID, excluding_meeting: uuid.UUID | None) -> Any:
    table = _tables.ITEM  # counted before a meeting's first frame (a project carrying many)
    query = core_select(table.c.id).where(
        table.c.project_id == project_id,
        table.c.status.in_([s.value for s in OPEN_STATUSES]),
        table.c.deleted_at.is_(None),
    )
    if excluding_meeting is not None:
        query = query.where(carried_into(excluding_meeting))
    return query


def project_deadlines(db: Database, project_id: uuid.UUID, today: date | None = None) -> list[ItemView]:
    """Every live deadline (时间节点) of a project from any meeting, by deadline on `today`
    (`cadence.due_order`: a cadence at its next occurrence, undated last)."""
    with db.read() as session:
        rows = session.exec(
            select(models.Item).where(
                models.Item.project_id == project_id,
                models.Item.kind == Kind.DEADLINE.value,
                col(models.Item.deleted_at).is_(None),
            )
        ).all()
        views = item_views(session, db, rows)
    today = today or db.today()
    return sorted(views, key=lambda i: (*i.deadline_order(today), i.created_at))


def open_items_for_projects(
    db: Database,
    project_ids: Sequence[uuid.UUID],
    *,
    excluding_meeting: uuid.UUID | None = None,
    today: date | None = None,
) -> list[ItemView]:
    """`open_items_for` for a whole agenda in one query (exports: the carried-over items).

    In agenda order, then by deadline on `today` (`cadence.due_order`), then by age.
    """
    if not project_ids:
        return []

    table = _tables.ITEM
    conditions: list[Any] = [
        table.c.project_id.in_(list(project_ids)),
        table.c.status.in_([s.value for s in OPEN_STATUSES]),
        table.c.deleted_at.is_(None),
    ]
    if excluding_meeting is not None:
        conditions.append(carried_into(excluding_meeting))
    with db.read() as session:
        views = bulk_item_views(session, db, *conditions)
    rank: dict[uuid.UUID | None, int] = {pid: n for n, pid in enumerate(project_ids)}
    today = today or db.today()
    return sorted(
        views, key=lambda i: (rank.get(i.project_id, len(rank)), *i.deadline_order(today), i.created_at)
    )


def update_item(
    db: Database,
    item_id: uuid.UUID,
    version: int,
    *,
    meeting_id: uuid.UUID | None = None,
    co_unit_ids: Sequence[uuid.UUID] | None = None,
    action: str = "update",
    reason: str | None = None,
    **values: Any,
) -> ItemView:
    """Change fields of an item read at `version`; a stale version is a ConflictError.

    An item of a closed meeting changes only with a `reason` (amending the meeting),
    which its history row keeps."""
    unknown = set(values) - set(EDITABLE) - set(FOLLOW_UP)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    values = clean_fields(values)
    if "text" in values:
        values["text"] = str(values["text"]).strip()
        if not values["text"]:
            raise UserError("item.empty", "item.empty.remedy")
    for key in ("kind", "tag", "status"):
        if key in values and values[key] is not None:
            values[key] = str(getattr(values[key], "value", values[key]))
    values = one_deadline(values)
    with db.write() as session:
        why = _amendment(session, db, item_id, reason)
        row = apply_update(
            session,
            db,
            models.Item,
            item_id,
            version,
            values,
            entity="item",
            meeting_id=meeting_id,
            action=action,
            extra=why,
        )
        if co_unit_ids is not None:
            link_rows = select(models.ItemUnit).where(models.ItemUnit.item_id == item_id)
            old = [link.unit_id for link in session.exec(link_rows.order_by(col(models.ItemUnit.position)))]
            if old != list(co_unit_ids):
                for link in session.exec(select(models.ItemUnit).where(models.ItemUnit.item_id == item_id)):
                    session.delete(link)
                session.flush()
                for i, unit_id in enumerate(dict.fromkeys(co_unit_ids)):
                    session.add(models.ItemUnit(item_id=item_id, unit_id=unit_id, position=i))
                record_history(
                    session,
                    db,
                    entity="item",
                    entity_id=item_id,
                    action=action,
                    changes={"co_units": (old, list(co_unit_ids)), **(why or {})},
                    meeting_id=meeting_id,
                )
        session.flush()
        return item_views(session, db, [row])[0]


def rekind_item(
    db: Database,
    item_id: uuid.UUID,
    version: int,
    kind: Kind,
    *,
    meeting_id: uuid.UUID | None = None,
    reason: str | None = None,
) -> ItemView:
    """Keep the text; give the item the status and tag its new kind needs."""
    kind = Kind(kind)
    values: dict[str, Any] = {"kind": kind.value}
    current = get_item(db, item_id)
    if kind in TRACKED_KINDS:
        values["tag"] = None
        if current.status is None:
            values["status"] = Status.OPEN.value
    else:
        values["status"] = None
        values["tag"] = (current.tag or Tag.REMARK).value
    return update_item(db, item_id, version, meeting_id=meeting_id, action="rekind", reason=reason, **values)


def delete_item(
    db: Database,
    item_id: uuid.UUID,
    version: int,
    *,
    meeting_id: uuid.UUID | None = None,
    reason: str | None = None,
) -> None:
    """Soft: the row stays, marked deleted, and can be restored."""
    with db.write() as session:
        why = _amendment(session, db, item_id, reason)
        apply_update(
            session,
            db,
            models.Item,
            item_id,
            version,
            {"deleted_at": utcnow()},
            entity="item",
            meeting_id=meeting_id,
            action="delete",
            extra=why,
        )


def restore_item(
    db: Database,
    item_id: uuid.UUID,
    version: int,
    *,
    meeting_id: uuid.UUID | None = None,
    reason: str | None = None,
) -> ItemView:
    with db.write() as session:
        why = _amendment(session, db, item_id, reason)
        row = apply_update(
            session,
            db,
            models.Item,
            item_id,
            version,
            {"deleted_at": None},
            entity="item",
            meeting_id=meeting_id,
            action="restore",
            extra=why,
        )
        return item_views(session, db, [row])[0]


def _amendment(
    session: Executor, db: Database, item_id: uuid.UUID, reason: str | None
) -> dict[str, tuple[Any, Any]] | None:
    """The history entry of an amendment's reason, for an item of a closed meeting
    (which refuses a change without one)."""
    why = amend_reason(db, session, item_id, reason)
    return {"reason": (None, why)} if why is not None else None


def _history_entry(h: models.History) -> HistoryEntry:
    return HistoryEntry(
        at=h.at,
        who=h.who,
        action=h.action,
        entity=h.entity,
        entity_id=h.entity_id,
        meeting_id=h.meeting_id,
        changes=dict(h.changes),
    )


def history_of(db: Database, entity_id: uuid.UUID) -> list[HistoryEntry]:
    with db.read() as session:
        rows = session.exec(
            select(models.History)
            .where(models.History.entity_id == entity_id)
            .order_by(col(models.History.at))
        ).all()
    return [_history_entry(h) for h in rows]


def latest_followups(db: Database, item_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, HistoryEntry]:
    """Each item's most recent follow-up (start, report, close, return, extend, escalate)."""

    actions = [a.value for a in Action]
    ids = list(dict.fromkeys(item_ids))
    if not ids:
        return {}
    latest: dict[uuid.UUID, HistoryEntry] = {}
    with db.read() as session:
        for start in range(0, len(ids), 500):  # bound the IN list
            rows = session.exec(
                select(models.History)
                .where(
                    col(models.History.entity_id).in_(ids[start : start + 500]),
                    col(models.History.action).in_(actions),
                )
                .order_by(col(models.History.at))
            ).all()
            for h in rows:
                latest[h.entity_id] = _history_entry(h)
    return latest


def history_names(db: Database, entries: Iterable[HistoryEntry]) -> dict[uuid.UUID, str]:
    """The names of the units and projects a history's changes name by id, merged or
    deleted ones included: the history shows names, not ids."""

    wanted = {
        i
        for e in entries
        for field, values in e.changes.items()
        for value in values
        for i in ids_in(field, value)
    }
    if not wanted:
        return {}
    names: dict[uuid.UUID, str] = {}
    with db.read() as session:
        for unit in session.exec(select(models.Unit).where(col(models.Unit.id).in_(wanted))):
            names[unit.id] = unit.name
        for project in session.exec(select(models.Project).where(col(models.Project.id).in_(wanted))):
            names[project.id] = project.name
    return names
