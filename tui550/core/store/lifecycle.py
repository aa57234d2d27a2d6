"""A meeting's life beyond running it: the next issue number, deleting and restoring a
meeting with its items, and the rule that a closed meeting changes only with a reason.

Deleting is soft: the meeting, its agenda and its live items are marked with one and
the same moment, and restoring brings back exactly what that moment marked (an item
deleted on its own before stays deleted). A closed meeting keeps its closing time when
amended; each amended item's history row carries the reason and the user.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy import select as core_select

from tui550.core.clock import utcnow
from tui550.core.db import Database
from tui550.core.domain import MeetingKind, MeetingState, MeetingView
from tui550.core.errors import UserError
from tui550.core.store import _tables, meetings, models
from tui550.core.store.rows import Executor, apply_update, history_row, record_history
from tui550.core.text import gate, one_line

_MEETING, _AGENDA, _ITEM = _tables.MEETING, _tables.AGENDA_ENTRY, _tables.ITEM
# A run of digits (ASCII or full-width) in an issue number: 第14期, 2026-14, ２３.
_NUMBER = re.compile(r"[0-9０-９]+")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def following_issue_no(previous: str | None) -> str | None:
    """The issue number after `previous`: its last number plus one, the rest kept
    (第14期 → 第15期, 2026-09 → 2026-10). None when there is no number to follow."""
    if not previous:
        return None
    runs = list(_NUMBER.finditer(previous))
    if not runs:
        return None
    found = runs[-1]
    digits = found.group()
    full_width = digits != digits.translate(_FULL_WIDTH)
    value = str(int(digits.translate(_FULL_WIDTH)) + 1).zfill(len(digits))
    if full_width:
        value = value.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return previous[: found.start()] + value + previous[found.end() :]


def next_issue_no(db: Database) -> str | None:
    """The number that follows the latest meeting's (by date) that has one."""
    with db.read() as session:
        previous = session.execute(
            core_select(_MEETING.c.issue_no)
            .where(
                _MEETING.c.kind == MeetingKind.MEETING.value,
                _MEETING.c.deleted_at.is_(None),
                _MEETING.c.issue_no.is_not(None),
                _MEETING.c.issue_no != "",
            )
            .order_by(_MEETING.c.date.desc(), _MEETING.c.created_at.desc())
            .limit(1)
        ).scalar()
    return following_issue_no(previous)


def delete_meeting(db: Database, meeting_id: uuid.UUID, version: int) -> int:
    """Soft-delete a meeting read at `version` with its agenda and live items; returns
    how many items went with it."""
    now = utcnow()
    with db.write() as session:
        ids = list(
            session.execute(
                core_select(_ITEM.c.id).where(_ITEM.c.meeting_id == meeting_id, _ITEM.c.deleted_at.is_(None))
            ).scalars()
        )
        apply_update(
            session,
            db,
            models.Meeting,
            meeting_id,
            version,
            {"deleted_at": now},
            entity="meeting",
            meeting_id=meeting_id,
            action="delete",
            extra={"items": (None, len(ids))},
        )
        _mark(session, db, meeting_id, ids, was=None, now=now, action="delete")
    return len(ids)


def restore_meeting(db: Database, meeting_id: uuid.UUID) -> MeetingView:
    """Undo `delete_meeting`: the meeting and what its deletion marked come back."""
    with db.write() as session:
        row = session.execute(core_select(_MEETING).where(_MEETING.c.id == meeting_id)).first()
        if row is None:
            raise UserError("meeting.unknown", "meeting.select.remedy", selector=str(meeting_id))
        if row.deleted_at is None:
            raise UserError("meeting.not_deleted", "meeting.not_deleted.remedy", title=row.title)
        if row.state == MeetingState.IN_PROGRESS.value and row.kind == MeetingKind.MEETING.value:
            running = meetings.meeting_in_progress(db)
            if running is not None:
                raise UserError(
                    "meeting.another_running",
                    "meeting.restore_running.remedy",
                    title=running.title,
                    id=running.short_id,
                )
        ids = list(
            session.execute(
                core_select(_ITEM.c.id).where(
                    _ITEM.c.meeting_id == meeting_id, _ITEM.c.deleted_at == row.deleted_at
                )
            ).scalars()
        )
        apply_update(
            session,
            db,
            models.Meeting,
            meeting_id,
            row.version,
            {"deleted_at": None},
            entity="meeting",
            meeting_id=meeting_id,
            action="restore",
            extra={"items": (None, len(ids))},
        )
        _mark(session, db, meeting_id, ids, was=row.deleted_at, now=None, action="restore")
    return meetings.get_meeting(db, meeting_id)


def _mark(
    session: Executor,
    db: Database,
    meeting_id: uuid.UUID,
    item_ids: list[uuid.UUID],
    *,
    was: Any,
    now: Any,
    action: str,
) -> None:
    """Set `deleted_at` to `now` on the meeting's agenda and on `item_ids` (rows whose
    `deleted_at` is `was`), with a history row per item."""
    stamp = utcnow()
    agenda_rows = _AGENDA.c.deleted_at.is_(None) if was is None else _AGENDA.c.deleted_at == was
    session.execute(
        update(_AGENDA)
        .where(_AGENDA.c.meeting_id == meeting_id, agenda_rows)
        .values(deleted_at=now, updated_at=stamp, version=_AGENDA.c.version + 1)
    )
    for start in range(0, len(item_ids), 500):  # bound parameters are limited
        chunk = item_ids[start : start + 500]
        session.execute(
            update(_ITEM)
            .where(_ITEM.c.id.in_(chunk))
            .values(deleted_at=now, updated_at=stamp, version=_ITEM.c.version + 1)
        )
    if item_ids:
        session.execute(
            insert(models.table_of(models.History)),
            [
                history_row(
                    db,
                    entity="item",
                    entity_id=i,
                    action=action,
                    meeting_id=meeting_id,
                    changes={"deleted_at": (was, now)},
                    at=stamp,
                )
                for i in item_ids
            ],
        )


def deleted_meeting(db: Database, selector: str) -> MeetingView:
    """A deleted meeting by id or id prefix (at least 4 hex digits), to restore it."""
    prefix = selector.strip().replace("-", "").lower()
    if len(prefix) < 4 or any(c not in "0123456789abcdef" for c in prefix):
        raise UserError("meeting.unknown", "meeting.deleted.remedy", selector=selector)
    with db.read() as session:
        rows = [
            r
            for r in session.execute(core_select(_MEETING).where(_MEETING.c.deleted_at.is_not(None)))
            if r.id.hex.startswith(prefix)
        ]
    if len(rows) != 1:
        key = "meeting.unknown" if not rows else "meeting.ambiguous"
        raise UserError(
            key,
            "meeting.deleted.remedy",
            selector=selector,
            listing="; ".join(f"{r.id.hex[:8]} {r.title}" for r in rows),
        )
    return meetings._view(rows[0])


def amend_reason(db: Database, session: Executor, item_id: uuid.UUID, reason: str | None) -> str | None:
    """The reason an edit of this item's meeting needs: required (and returned cleaned) when
    the item belongs to a closed meeting; None otherwise. Records of upkeep and imports are
    kept by their own screens and need none."""
    row = session.execute(
        core_select(_MEETING.c.state, _MEETING.c.kind, _MEETING.c.title)
        .select_from(_ITEM.join(_MEETING, _MEETING.c.id == _ITEM.c.meeting_id))
        .where(_ITEM.c.id == item_id)
    ).first()
    if row is None or row.state != MeetingState.CLOSED.value or row.kind != MeetingKind.MEETING.value:
        return None
    cleaned = _reason(reason)
    if not cleaned:
        raise UserError("meeting.amend.no_reason", "meeting.amend.no_reason.remedy", title=row.title)
    return cleaned


def begin_amendment(db: Database, meeting_id: uuid.UUID, reason: str) -> str:
    """Open a closed meeting for amendment with a reason (asked once); returns it cleaned."""
    meeting = meetings.get_meeting(db, meeting_id)
    if meeting.state is not MeetingState.CLOSED:
        raise UserError("meeting.amend.not_closed", "meeting.amend.not_closed.remedy", title=meeting.title)
    cleaned = _reason(reason)
    if not cleaned:
        raise UserError("meeting.amend.no_reason", "meeting.amend.no_reason.remedy", title=meeting.title)
    with db.write() as session:
        # The meeting's own history notes that an amendment began, and why.
        record_history(
            session,
            db,
            entity="meeting",
            entity_id=meeting_id,
            action="amend",
            changes={"reason": (None, cleaned)},
            meeting_id=meeting_id,
        )
    return cleaned


def _reason(text: str | None) -> str:
    """A reason is a note: one line, held to the note's limit."""
    return one_line(gate("note", text or "")).strip()
