"""Meetings and their agendas: create, start, walk, close, and find again.

Deleting, restoring, amending and the next issue number are in `lifecycle`."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from tui550.core.clock import utcnow
from tui550.core.db import Database
from tui550.core.domain import AgendaView, MeetingKind, MeetingState, MeetingView
from tui550.core.errors import ConflictError, UserError
from tui550.core.store import _tables, district_settings, models
from tui550.core.store.projects import project_views
from tui550.core.store.rows import apply_update, record_history
from tui550.core.text import clean_fields, gate, printable

_MEETING_FIELDS = (
    "title",
    "issue_no",
    "date",
    "starts_at",
    "ends_at",
    "place",
    "chair",
    "attendees",
    "non_voting",
    "absentees",
    "recorder",
)


def create_meeting(
    db: Database,
    title: str,
    day: date,
    *,
    project_ids: Sequence[uuid.UUID] = (),
    time_box_s: int = 300,
    time_boxes: Mapping[uuid.UUID, int] | None = None,
    starts_at: datetime | None = None,
    issue_no: str | None = None,
    place: str | None = None,
    chair: str | None = None,
    attendees: str | None = None,
    non_voting: str | None = None,
    absentees: str | None = None,
    recorder: str | None = None,
    meeting_id: uuid.UUID | None = None,
    kind: MeetingKind = MeetingKind.MEETING,
) -> MeetingView:
    """A meeting prepared (planned): it is started on its day (`start_meeting`)."""
    title = gate("title", title).strip()
    if not title:
        raise UserError("meeting.empty_title")
    values: dict[str, Any] = {
        "title": title,
        "date": day,
        "starts_at": starts_at,
        "issue_no": issue_no,
        "place": place,
        "chair": chair,
        "attendees": attendees,
        "non_voting": non_voting,
        "absentees": absentees,
        "recorder": recorder,
    }
    boxes = time_boxes or {}  # per project, overriding `time_box_s`
    values = clean_fields(values)
    with db.write() as session:
        meeting = models.Meeting(**values, id=meeting_id or uuid.uuid4(), kind=kind.value)
        session.add(meeting)
        session.flush()
        for position, project_id in enumerate(dict.fromkeys(project_ids), start=1):
            session.add(
                models.AgendaEntry(
                    meeting_id=meeting.id,
                    project_id=project_id,
                    position=position,
                    time_box_s=int(boxes.get(project_id, time_box_s)),
                )
            )
        record_history(
            session,
            db,
            entity="meeting",
            entity_id=meeting.id,
            action="create",
            changes={k: (None, v) for k, v in values.items() if v is not None},
            meeting_id=meeting.id,
        )
        new_id = meeting.id
    return get_meeting(db, new_id)


# The reads a meeting's first frame waits for (`meeting_in_progress`, `get_meeting`,
# `agenda`) are Core statements on `_tables`: they need neither the table classes nor the
# mappers (the first ORM query of a process sets up every one), which load after that frame.
_MEETING, _AGENDA, _PROJECT, _ITEM = _tables.MEETING, _tables.AGENDA_ENTRY, _tables.PROJECT, _tables.ITEM


def _view(meeting: Any, counts: dict[str, int] | None = None) -> MeetingView:
    """The view of a `Meeting` or of a row of its table (the same names)."""
    return MeetingView(
        id=meeting.id,
        title=printable(meeting.title),
        issue_no=meeting.issue_no,
        date=meeting.date,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        place=meeting.place,
        chair=meeting.chair,
        attendees=meeting.attendees,
        non_voting=meeting.non_voting,
        absentees=meeting.absentees,
        recorder=meeting.recorder,
        state=MeetingState(meeting.state),
        current_position=meeting.current_position,
        version=meeting.version,
        counts=counts or {},
        kind=MeetingKind(meeting.kind),
    )


def get_meeting(db: Database, meeting_id: uuid.UUID) -> MeetingView:
    with db.read() as session:
        meeting = session.execute(core_select(_MEETING).where(_MEETING.c.id == meeting_id)).first()
        if meeting is None or meeting.deleted_at is not None:
            raise UserError("meeting.unknown", "meeting.select.remedy", selector=str(meeting_id))
        return _view(meeting, _counts(session, [meeting.id]).get(meeting.id))


def _counts(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[str, int]]:
    out: dict[uuid.UUID, dict[str, int]] = {}
    if not ids:
        return out
    rows = session.execute(
        core_select(_ITEM.c.meeting_id, _ITEM.c.kind, func.count())
        .where(_ITEM.c.meeting_id.in_(ids), _ITEM.c.deleted_at.is_(None))
        .group_by(_ITEM.c.meeting_id, _ITEM.c.kind)
    )
    for meeting_id, kind, n in rows:
        out.setdefault(meeting_id, {})[kind] = n
    return out


def list_meetings(db: Database) -> list[MeetingView]:
    """Every live meeting and record (`MeetingView.kind`): in-progress first, then newest first."""
    with db.read() as session:
        rows = session.exec(
            select(models.Meeting)
            .where(col(models.Meeting.deleted_at).is_(None))
            .order_by(col(models.Meeting.date).desc(), col(models.Meeting.created_at).desc())
        ).all()
        counts = _counts(session, [m.id for m in rows])
        views = [_view(m, counts.get(m.id)) for m in rows]
    return sorted(views, key=lambda m: m.state is not MeetingState.IN_PROGRESS)


def meeting_labels(db: Database, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, tuple[date, str | None]]:
    """Date and issue number of the given meetings: what a list names an item's origin by,
    without the item counts `list_meetings` spends a scan of every item on."""
    wanted = list(set(ids))
    if not wanted:
        return {}
    with db.read() as session:
        rows = session.execute(
            select(col(models.Meeting.id), col(models.Meeting.date), col(models.Meeting.issue_no)).where(
                col(models.Meeting.id).in_(wanted)
            )
        ).all()
    return {mid: (day, issue_no) for mid, day, issue_no in rows}


def meeting_in_progress(db: Database) -> MeetingView | None:
    with db.read() as session:
        row = session.execute(
            core_select(_MEETING)
            .where(
                _MEETING.c.state == MeetingState.IN_PROGRESS.value,
                _MEETING.c.kind == MeetingKind.MEETING.value,
                _MEETING.c.deleted_at.is_(None),
            )
            .order_by(_MEETING.c.updated_at.desc())
            .limit(1)
        ).first()
        return _view(row) if row else None


def select_meeting(db: Database, selector: str) -> MeetingView:
    """A meeting by id (or an unambiguous prefix of at least 4 hex digits), date, or `latest`."""
    selector = selector.strip()
    meetings = list_meetings(db)
    if selector == "latest":
        return latest_meeting(meetings)
    try:
        day = date.fromisoformat(selector)
    except ValueError:
        day = None
    if day is not None:
        found = [m for m in meetings if m.date == day]
        if len(found) == 1:
            return found[0]
        if not found:
            raise UserError("meeting.none_on_date", "meeting.select.remedy", date=selector)
        listing = "; ".join(f"{m.short_id} {m.title}" for m in found)
        raise UserError("meeting.several_on_date", "meeting.select.remedy", date=selector, listing=listing)
    prefix = selector.replace("-", "").lower()
    if len(prefix) >= 4 and all(c in "0123456789abcdef" for c in prefix):
        found = [m for m in meetings if m.id.hex.startswith(prefix)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            listing = "; ".join(f"{m.short_id} {m.title}" for m in found)
            raise UserError("meeting.ambiguous", "meeting.select.remedy", selector=selector, listing=listing)
    raise UserError("meeting.unknown", "meeting.select.remedy", selector=selector)


def latest_meeting(meetings: Sequence[MeetingView]) -> MeetingView:
    """The meeting most recently held that holds items: in progress or closed, by date (on a
    tie, in the order given: in progress first). Never a planned or empty meeting, nor the
    record of ledger upkeep or an import."""
    held = [
        m
        for m in meetings
        if m.kind is MeetingKind.MEETING and m.state is not MeetingState.PLANNED and m.item_count > 0
    ]
    if not held:
        raise UserError("meeting.none_held", "meeting.none_held.remedy")
    return max(held, key=lambda m: m.date)


def agenda(db: Database, meeting_id: uuid.UUID) -> list[AgendaView]:
    with db.read() as session:
        entries = session.execute(
            core_select(_AGENDA)
            .where(_AGENDA.c.meeting_id == meeting_id, _AGENDA.c.deleted_at.is_(None))
            .order_by(_AGENDA.c.position)
        ).all()
        projects = session.execute(
            core_select(_PROJECT).where(_PROJECT.c.id.in_([e.project_id for e in entries]))
        ).all()
        views = {p.id: p for p in project_views(session, db, projects)}
    return [
        AgendaView(
            id=e.id,
            position=e.position,
            project=views[e.project_id],
            time_box_s=e.time_box_s,
            elapsed_s=e.elapsed_s,
            started_at=e.started_at,
            ended_at=e.ended_at,
            skipped=e.skipped,
        )
        for e in entries
    ]


def start_meeting(db: Database, meeting_id: uuid.UUID, *, alongside: bool = False) -> MeetingView:
    """Planned → in progress (start time recorded once); resuming one in progress is a no-op.

    While another meeting is in progress, starting a second is refused unless the caller
    has had the user confirm it (`alongside`): `tui550` resumes only one of them.
    """
    current = get_meeting(db, meeting_id)
    if current.kind is not MeetingKind.MEETING:
        raise UserError("meeting.not_a_meeting", "meeting.not_a_meeting.remedy", title=current.title)
    if current.state is MeetingState.CLOSED:
        raise UserError("meeting.closed", "meeting.closed.remedy", title=current.title)
    if current.state is MeetingState.IN_PROGRESS:
        return current
    running = meeting_in_progress(db)
    if running is not None and not alongside:
        raise UserError(
            "meeting.another_running",
            "meeting.another_running.remedy",
            title=running.title,
            id=running.short_id,
        )
    try:
        with db.write() as session:
            apply_update(
                session,
                db,
                models.Meeting,
                meeting_id,
                current.version,
                {"state": MeetingState.IN_PROGRESS.value, "starts_at": current.starts_at or utcnow()},
                entity="meeting",
                meeting_id=meeting_id,
                action="start",
            )
    except ConflictError:
        # Two laptops opened it at once and the other one started it: that is the same result.
        again = get_meeting(db, meeting_id)
        if again.state is not MeetingState.IN_PROGRESS:
            raise
        return again
    return get_meeting(db, meeting_id)


def close_meeting(db: Database, meeting_id: uuid.UUID) -> MeetingView:
    current = get_meeting(db, meeting_id)
    with db.write() as session:
        apply_update(
            session,
            db,
            models.Meeting,
            meeting_id,
            current.version,
            {"state": MeetingState.CLOSED.value, "ends_at": utcnow()},
            entity="meeting",
            meeting_id=meeting_id,
            action="close",
        )
    return get_meeting(db, meeting_id)


def reopen_meeting(db: Database, meeting_id: uuid.UUID) -> MeetingView:
    """Undo a close made by mistake (closed → in progress, the end time cleared)."""
    current = get_meeting(db, meeting_id)
    if current.state is not MeetingState.CLOSED:
        return current
    with db.write() as session:
        apply_update(
            session,
            db,
            models.Meeting,
            meeting_id,
            current.version,
            {"state": MeetingState.IN_PROGRESS.value, "ends_at": None},
            entity="meeting",
            meeting_id=meeting_id,
            action="reopen",
        )
    return get_meeting(db, meeting_id)


def set_position(db: Database, meeting_id: uuid.UUID, position: int) -> None:
    """Where the wall is: saved on every move so a restart resumes on the same project.

    Not versioned: the facilitator's own moves always win, and they are not history.
    """
    with db.write() as session:
        meeting = session.get(models.Meeting, meeting_id)
        if meeting is not None:
            meeting.current_position = position
            session.add(meeting)


def save_timer(
    db: Database,
    entry_id: uuid.UUID,
    *,
    elapsed_s: float,
    started_at: datetime | None = None,
    ended_at: datetime | None = None,
    skipped: bool | None = None,
) -> None:
    """A project's actual time; called when leaving it, pausing, and periodically."""
    with db.write() as session:
        entry = session.get(models.AgendaEntry, entry_id)
        if entry is None:
            return
        entry.elapsed_s = elapsed_s
        if started_at is not None and entry.started_at is None:
            entry.started_at = started_at
        if ended_at is not None:
            entry.ended_at = ended_at
        if skipped is not None:
            entry.skipped = skipped
        entry.updated_at = utcnow()
        session.add(entry)


def _curtain_key(meeting_id: uuid.UUID) -> str:
    return f"curtain.{meeting_id}"


def set_curtain(db: Database, meeting_id: uuid.UUID, down: bool) -> None:
    """The facilitator's curtain (the wall blanked to title and clock), for every view of it."""

    district_settings.put_setting(db, _curtain_key(meeting_id), down)


def curtain_down(db: Database, meeting_id: uuid.UUID) -> bool:
    return bool(district_settings.get_setting(db, _curtain_key(meeting_id), False))
