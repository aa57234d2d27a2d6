"""Follow-up writes: report, close (销号), return (退回), extend (延期), escalate (督办),
evidence files; and finding an item by the id people type.

Each write is one transaction that checks the transition against the row it
updates (`tui550.core.followup.rules` holds the rules) and appends a history row with
who, when, the meeting, the changed fields and the reason or note.
"""

from __future__ import annotations

import hashlib
import mimetypes
import uuid
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import String, cast, insert, select

from tui550.core.clock import local_today, utcnow
from tui550.core.db import Database
from tui550.core.domain import TRACKED_KINDS, ItemView, Kind, Status
from tui550.core.errors import UserError
from tui550.core.files import check_input, read_input
from tui550.core.followup.rules import Action, Rules, check_extension, next_status
from tui550.core.followup.views import Evidence
from tui550.core.store import _tables, models
from tui550.core.store.items import get_item, item_views
from tui550.core.store.rows import apply_update, record_history
from tui550.core.text import NAME_MAX, gate, one_line

Change = tuple[dict[str, Any], dict[str, tuple[Any, Any]]]


def rules_for(db: Database, rules: Rules | None = None) -> Rules:
    """The caller's rules, or the database's (from the settings it was opened with)."""
    return rules or db.rules


def _required(text: str | None, key: str) -> str:
    cleaned = one_line(gate("note", text or ""))
    if not cleaned:
        raise UserError(key, f"{key}.remedy")
    return cleaned


def _transition(
    db: Database,
    item_id: uuid.UUID,
    version: int,
    action: Action,
    build: Callable[[models.Item], Change],
    meeting_id: uuid.UUID | None,
) -> ItemView:
    with db.write() as session:
        row = session.get(models.Item, item_id)
        if row is None or row.deleted_at is not None:
            raise UserError("item.unknown", id=str(item_id))
        if Kind(row.kind) not in TRACKED_KINDS:
            raise UserError("followup.untracked", "followup.untracked.remedy")
        status = next_status(Status(row.status) if row.status else None, action)
        values, extra = build(row)
        if status.value != row.status:
            values["status"] = status.value
        updated = apply_update(
            session,
            db,
            models.Item,
            item_id,
            version,
            values,
            entity="item",
            meeting_id=meeting_id,
            action=action.value,
            extra=extra,
        )
        session.flush()
        return item_views(session, db, [updated])[0]


def start_item(
    db: Database, item_id: uuid.UUID, version: int, *, meeting_id: uuid.UUID | None = None
) -> ItemView:
    """Open → in progress (推进中)."""
    return _transition(db, item_id, version, Action.START, lambda row: ({}, {}), meeting_id)


def report_done(
    db: Database,
    item_id: uuid.UUID,
    version: int,
    *,
    actual: date | None = None,
    note: str | None = None,
    meeting_id: uuid.UUID | None = None,
    now: datetime | None = None,
    rules: Rules | None = None,
) -> ItemView:
    """The unit reports the item done (报完成), on `actual` (default: today, local)."""
    today = local_today(rules_for(db, rules).tz, now or db.clock.now())
    day = actual or today
    if day > today:
        raise UserError(
            "followup.report.future",
            "followup.report.future.remedy",
            actual=day.isoformat(),
            today=today.isoformat(),
        )
    extra = {"note": (None, one_line(gate("note", note)))} if note and one_line(note) else {}
    return _transition(db, item_id, version, Action.REPORT, lambda row: ({"actual": day}, extra), meeting_id)


def close_item(
    db: Database,
    item_id: uuid.UUID,
    version: int,
    *,
    note: str,
    verifier: str,
    meeting_id: uuid.UUID | None = None,
    now: datetime | None = None,
) -> ItemView:
    """销号: the supervision bureau verified a reported item; who and how are kept."""
    note = _required(note, "followup.close.no_note")
    verifier = _required(verifier, "followup.close.no_verifier")
    moment = now or utcnow()
    return _transition(
        db,
        item_id,
        version,
        Action.CLOSE,
        lambda row: ({"closed_at": moment, "closed_by": verifier, "closed_note": note}, {}),
        meeting_id,
    )


def return_item(
    db: Database,
    item_id: uuid.UUID,
    version: int,
    *,
    reason: str,
    meeting_id: uuid.UUID | None = None,
) -> ItemView:
    """退回: a reported item goes back to in progress, with the reason in its history."""
    reason = _required(reason, "followup.return.no_reason")
    return _transition(
        db,
        item_id,
        version,
        Action.RETURN,
        lambda row: ({"actual": None}, {"reason": (None, reason)}),
        meeting_id,
    )


def extend_item(
    db: Database,
    item_id: uuid.UUID,
    version: int,
    *,
    new_due: date,
    reason: str,
    meeting_id: uuid.UUID,
) -> ItemView:
    """延期 agreed by a meeting: the new date, the reason; the first promise is kept."""
    reason = _required(reason, "followup.extend.no_reason")
    with db.read() as session:
        meeting = session.get(models.Meeting, meeting_id)
        if meeting is None or meeting.deleted_at is not None:
            raise UserError("meeting.unknown", "meeting.select.remedy", selector=str(meeting_id))

    def build(row: models.Item) -> Change:
        check_extension(row.due, new_due)
        values = {
            "due": new_due,
            "extensions": row.extensions + 1,
            "original_due": row.original_due or row.due,
        }
        return values, {"reason": (None, reason)}

    return _transition(db, item_id, version, Action.EXTEND, build, meeting_id)


def escalate_item(
    db: Database,
    item_id: uuid.UUID,
    version: int,
    *,
    reason: str,
    levels: int = 1,
    meeting_id: uuid.UUID | None = None,
) -> ItemView:
    """督办 by hand: raise (or with negative `levels`, lower) the manual escalation."""
    reason = _required(reason, "followup.escalate.no_reason")

    def build(row: models.Item) -> Change:
        level = min(3, max(0, row.escalation + levels))
        if level == row.escalation:
            raise UserError("followup.escalate.limit", "followup.escalate.limit.remedy", level=row.escalation)
        return {"escalation": level}, {"reason": (None, reason)}

    return _transition(db, item_id, version, Action.ESCALATE, build, meeting_id)


def item_extras(db: Database, item_id: uuid.UUID) -> dict[str, Any]:
    """The follow-up fields ItemView does not carry (first promise, extensions, closing)."""
    with db.read() as session:
        row = session.get(models.Item, item_id)
        if row is None:
            raise UserError("item.unknown", id=str(item_id))
        return {
            "original_due": row.original_due,
            "extensions": row.extensions,
            "escalation": row.escalation,
            "closed_at": row.closed_at,
            "closed_by": row.closed_by,
            "closed_note": row.closed_note,
        }


def find_item(db: Database, selector: str) -> ItemView:
    """An item by full UUID or an unambiguous prefix of at least 6 hex digits."""
    raw = selector.strip().lower()
    try:
        return _live(db, uuid.UUID(raw))
    except ValueError:
        pass
    prefix = raw.replace("-", "")
    if len(prefix) < 6 or any(c not in "0123456789abcdef" for c in prefix):
        raise UserError("followup.item.bad_id", "followup.item.bad_id.remedy", selector=selector)
    # SQLite keeps UUIDs as 32 hex digits; PostgreSQL prints them with hyphens.
    pattern = prefix
    if db.dialect != "sqlite":
        pattern = "-".join(
            p for p in (prefix[:8], prefix[8:12], prefix[12:16], prefix[16:20], prefix[20:]) if p
        )
    table = _tables.ITEM
    with db.read() as session:
        ids = (
            session.execute(
                select(table.c.id)
                .where(cast(table.c.id, String).like(pattern + "%"), table.c.deleted_at.is_(None))
                .limit(6)
            )
            .scalars()
            .all()
        )
    if not ids:
        raise UserError("item.unknown", "followup.item.bad_id.remedy", id=selector)
    if len(ids) > 1:
        listing = ", ".join(sorted(i.hex[:10] for i in ids))
        raise UserError(
            "followup.item.ambiguous", "followup.item.bad_id.remedy", selector=selector, listing=listing
        )
    return _live(db, ids[0])


def _live(db: Database, item_id: uuid.UUID) -> ItemView:
    item = get_item(db, item_id)
    if item.deleted:
        raise UserError("item.unknown", id=str(item_id))
    return item


# --- evidence --------------------------------------------------------------------------


def attach_evidence(
    db: Database, item_id: uuid.UUID, path: str | Path, *, rules: Rules | None = None, follow: bool = False
) -> Evidence:
    """Store a file with the item (photo or document from an on-site check).

    Only a regular file is read, and a symbolic link only with `follow`: what is
    stored must be the file the user named, not what a link points at."""
    limit = rules_for(db, rules).evidence_max_bytes
    source = Path(path)
    size = check_input(source, follow=follow).st_size
    if size > limit:
        raise UserError(
            "followup.evidence.too_big",
            "followup.evidence.too_big.remedy",
            path=source.name,
            size=_mb(size),
            limit=_mb(limit),
        )
    try:
        # At most one byte past the limit is read: a file growing while read is refused too.
        data = read_input(source, follow=follow, limit=limit)
    except UserError as exc:
        if exc.key != "files.input_too_big":
            raise
        raise UserError(
            "followup.evidence.too_big",
            "followup.evidence.too_big.remedy",
            path=source.name,
            size=_mb(limit + 1),
            limit=_mb(limit),
        ) from None
    name = one_line(gate("filename", source.name[:NAME_MAX])) or "evidence"
    mime = mimetypes.guess_type(name)[0]
    digest = hashlib.sha256(data).hexdigest()
    new_id, now = uuid.uuid4(), utcnow()
    with db.write() as session:
        row = session.get(models.Item, item_id)
        if row is None or row.deleted_at is not None:
            raise UserError("item.unknown", id=str(item_id))
        session.execute(
            insert(models.table_of(models.Attachment)),
            {
                "id": new_id,
                "item_id": item_id,
                "filename": name,
                "mime": mime,
                "size": len(data),
                "sha256": digest,
                "data": data,
                "created_at": now,
                "created_by": db.who,
            },
        )
        record_history(
            session,
            db,
            entity="item",
            entity_id=item_id,
            action="attach",
            changes={"evidence": (None, f"{name} ({digest[:12]})")},
            at=now,
        )
    return Evidence(
        id=new_id,
        item_id=item_id,
        filename=name,
        mime=mime,
        size=len(data),
        sha256=digest,
        created_at=now,
        created_by=db.who,
    )


def list_evidence(db: Database, item_id: uuid.UUID) -> list[Evidence]:
    """The item's files, oldest first, without their bytes."""
    table = models.table_of(models.Attachment)
    with db.read() as session:
        rows = session.execute(
            select(
                table.c.id,
                table.c.item_id,
                table.c.filename,
                table.c.mime,
                table.c.size,
                table.c.sha256,
                table.c.created_at,
                table.c.created_by,
            )
            .where(table.c.item_id == item_id, table.c.deleted_at.is_(None))
            .order_by(table.c.created_at)
        ).all()
    return [Evidence(*r) for r in rows]


def read_evidence(db: Database, evidence_id: uuid.UUID) -> bytes:
    with db.read() as session:
        row = session.get(models.Attachment, evidence_id)
        if row is None or row.deleted_at is not None:
            raise UserError("followup.evidence.unknown", id=str(evidence_id))
        return bytes(row.data)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


__all__ = [
    "attach_evidence",
    "close_item",
    "escalate_item",
    "extend_item",
    "find_item",
    "item_extras",
    "list_evidence",
    "read_evidence",
    "report_done",
    "return_item",
    "rules_for",
    "start_item",
]
