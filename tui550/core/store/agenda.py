"""Preparing a meeting: choose and order the agenda, time boxes, attendance from last time.

`plan_agenda` only reads and proposes; the editing functions change an existing
meeting's agenda. Positions stay 1..n without gaps, and when the meeting is in
progress the wall keeps showing the same project while entries move around it.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from tui550.core.clock import utcnow
from tui550.core.db import Database
from tui550.core.domain import OPEN_STATUSES, AgendaView, MeetingState
from tui550.core.errors import UserError
from tui550.core.models import AgendaEntry, Item, Meeting, Project, ProjectUnit
from tui550.core.store.meetings import agenda
from tui550.core.store.rows import record_history, units_by_id
from tui550.core.text import normalise_name

MAX_TIME_BOX_S = 4 * 3600


class AgendaRule(StrEnum):
    ALL = "all"
    ATTENTION = "attention"  # projects with overdue, then open items first
    STREET = "street"
    UNIT = "unit"
    CATEGORY = "category"


@dataclass(frozen=True, slots=True)
class PlannedEntry:
    project_id: uuid.UUID
    name: str
    time_box_s: int
    open_items: int
    overdue_items: int


@dataclass(frozen=True, slots=True)
class Attendance:
    meeting_id: uuid.UUID
    attendees: str | None
    non_voting: str | None
    chair: str | None
    place: str | None


def plan_agenda(
    db: Database,
    rule: AgendaRule | str = AgendaRule.ALL,
    *,
    street: str | None = None,
    unit_id: uuid.UUID | None = None,
    category: str | None = None,
    time_box_minutes: int = 5,
    time_boxes: Mapping[uuid.UUID, int] | None = None,
    today: date | None = None,
) -> list[PlannedEntry]:
    """The projects to discuss, in order, each with its time box in seconds.

    street/unit/category with their rule keep only the matching projects;
    without a value the rule groups all projects by it. Within a group the
    ledger order (code, then name) holds. `time_boxes` overrides the default
    (`time_box_minutes`, from settings) for single projects. `today` is the meeting's
    date: open and overdue items are counted as they stand on it (`item_counts`).
    """
    rule = AgendaRule(rule)
    day = today or db.today()
    with db.read() as session:
        projects = session.exec(
            select(Project).where(  # an archived project is off the agenda
                col(Project.deleted_at).is_(None), col(Project.archived_at).is_(None)
            )
        ).all()
        counts = _item_counts(session, day)
        units = units_by_id(session, db, {p.lead_unit_id for p in projects} | {p.street_id for p in projects})
        members: dict[uuid.UUID, set[uuid.UUID]] = {}
        if rule is AgendaRule.UNIT:
            for link in session.exec(select(ProjectUnit)):
                members.setdefault(link.project_id, set()).add(link.unit_id)

    def ledger_key(p: Project) -> tuple[bool, str, str]:
        return (p.code is None, p.code or "", p.name)

    def street_name(p: Project) -> str:
        return units[p.street_id].name if p.street_id in units else ""

    chosen = sorted(projects, key=ledger_key)
    if rule is AgendaRule.ATTENTION:

        def attention(p: Project) -> tuple[int, int, int]:
            open_n, overdue_n = counts.get(p.id, (0, 0))
            group = 0 if overdue_n else (1 if open_n else 2)
            return (group, -overdue_n, -open_n)

        chosen.sort(key=attention)
    elif rule is AgendaRule.STREET:
        if street:
            wanted = normalise_name(street)
            chosen = [p for p in chosen if normalise_name(street_name(p)) == wanted]
        else:
            chosen.sort(key=lambda p: (street_name(p) == "", street_name(p)))
    elif rule is AgendaRule.UNIT:
        if unit_id:
            chosen = [p for p in chosen if p.lead_unit_id == unit_id or unit_id in members.get(p.id, ())]
        else:

            def lead_name(p: Project) -> str:
                return units[p.lead_unit_id].name if p.lead_unit_id in units else ""

            chosen.sort(key=lambda p: (lead_name(p) == "", lead_name(p)))
    elif rule is AgendaRule.CATEGORY:
        if category:
            chosen = [p for p in chosen if (p.category or "").strip() == category.strip()]
        else:
            chosen.sort(key=lambda p: (not p.category, p.category or ""))
    default_s = max(1, time_box_minutes) * 60
    boxes = time_boxes or {}
    return [
        PlannedEntry(p.id, p.name, int(boxes.get(p.id, default_s)), *counts.get(p.id, (0, 0))) for p in chosen
    ]


def item_counts(db: Database, today: date) -> dict[uuid.UUID, tuple[int, int]]:
    """Per project: (open tracked items, of which overdue); projects without any are absent."""
    with db.read() as session:
        return _item_counts(session, today)


def _item_counts(session: Session, today: date) -> dict[uuid.UUID, tuple[int, int]]:
    """Per project: open tracked items raised on or before `today` (a meeting's date, so a
    meeting prepared after the fact does not count later ones), and how many of them are
    overdue on that day (due before it)."""
    raised_by_then = select(Meeting.id).where(col(Meeting.date) <= today)
    rows = session.exec(
        select(Item.project_id, func.count(), func.sum(case((col(Item.due) < today, 1), else_=0)))
        .where(
            col(Item.project_id).is_not(None),
            col(Item.deleted_at).is_(None),
            col(Item.status).in_([s.value for s in OPEN_STATUSES]),
            col(Item.meeting_id).in_(raised_by_then),
        )
        .group_by(col(Item.project_id))
    )
    return {pid: (int(n), int(late or 0)) for pid, n, late in rows if pid is not None}


def copy_attendance_from_last(db: Database, *, excluding: uuid.UUID | None = None) -> Attendance | None:
    """Who attended, sat in, chaired, and where, at the latest meeting that recorded any of it.

    Meetings without attendance (the synthetic ones made by imports) are passed over.
    """
    with db.read() as session:
        query = (
            select(Meeting)
            .where(col(Meeting.deleted_at).is_(None))
            .order_by(col(Meeting.date).desc(), col(Meeting.created_at).desc())
        )
        for m in session.exec(query):
            if m.id == excluding:
                continue
            if any((m.attendees, m.non_voting, m.chair, m.place)):
                return Attendance(m.id, m.attendees, m.non_voting, m.chair, m.place)
    return None


def _live_entries(session: Session, meeting_id: uuid.UUID) -> list[AgendaEntry]:
    return list(
        session.exec(
            select(AgendaEntry)
            .where(AgendaEntry.meeting_id == meeting_id, col(AgendaEntry.deleted_at).is_(None))
            .order_by(col(AgendaEntry.position), col(AgendaEntry.created_at))
        ).all()
    )


def _open_meeting(session: Session, meeting_id: uuid.UUID) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.deleted_at is not None:
        raise UserError("meeting.unknown", "meeting.select.remedy", selector=str(meeting_id))
    if meeting.state == MeetingState.CLOSED.value:
        raise UserError("meeting.closed", "meeting.closed.remedy", title=meeting.title)
    return meeting


def _renumber(
    session: Session, meeting: Meeting, entries: list[AgendaEntry], current: AgendaEntry | None
) -> None:
    now = utcnow()
    for position, entry in enumerate(entries, start=1):
        if entry.position != position:
            entry.position = position
            entry.updated_at = now
            session.add(entry)
    if current is not None and current in entries:
        meeting.current_position = entries.index(current) + 1
        session.add(meeting)


def _current(meeting: Meeting, entries: list[AgendaEntry]) -> AgendaEntry | None:
    index = meeting.current_position - 1
    return entries[index] if 0 <= index < len(entries) else None


def add_to_agenda(
    db: Database,
    meeting_id: uuid.UUID,
    project_id: uuid.UUID,
    position: int | None = None,
    *,
    time_box_s: int | None = None,
) -> AgendaView:
    """Put a project on the agenda at `position` (1-based; None: at the end)."""

    with db.write() as session:
        meeting = _open_meeting(session, meeting_id)
        project = session.get(Project, project_id)
        if project is None or project.deleted_at is not None:
            raise UserError("project.unknown", id=str(project_id))
        entries = _live_entries(session, meeting_id)
        if any(e.project_id == project_id for e in entries):
            raise UserError("agenda.already", "agenda.already.remedy", name=project.name)
        current = _current(meeting, entries)
        box = time_box_s if time_box_s is not None else (entries[-1].time_box_s if entries else 300)
        _check_box(box)
        entry = AgendaEntry(meeting_id=meeting_id, project_id=project_id, position=0, time_box_s=box)
        at = len(entries) if position is None else min(max(position, 1), len(entries) + 1) - 1
        entries.insert(at, entry)
        session.add(entry)
        session.flush()
        _renumber(session, meeting, entries, current)
        record_history(
            session,
            db,
            entity="agenda_entry",
            entity_id=entry.id,
            action="create",
            changes={"project_id": (None, project_id), "position": (None, at + 1)},
            meeting_id=meeting_id,
        )
        entry_id = entry.id
    return next(e for e in agenda(db, meeting_id) if e.id == entry_id)


def move_agenda_entry(db: Database, entry_id: uuid.UUID, new_position: int) -> list[AgendaView]:
    """Move an entry to `new_position` (clamped to 1..n); returns the whole agenda."""

    with db.write() as session:
        entry = _entry(session, entry_id)
        meeting = _open_meeting(session, entry.meeting_id)
        entries = _live_entries(session, entry.meeting_id)
        current = _current(meeting, entries)
        old = entries.index(entry) + 1
        entries.remove(entry)
        target = min(max(new_position, 1), len(entries) + 1)
        entries.insert(target - 1, entry)
        _renumber(session, meeting, entries, current)
        if old != target:
            record_history(
                session,
                db,
                entity="agenda_entry",
                entity_id=entry_id,
                action="move",
                changes={"position": (old, target)},
                meeting_id=entry.meeting_id,
            )
        meeting_id = entry.meeting_id
    return agenda(db, meeting_id)


def remove_from_agenda(db: Database, entry_id: uuid.UUID) -> list[AgendaView]:
    """Take a project off the agenda (soft: the entry and what was captured stay)."""

    with db.write() as session:
        entry = _entry(session, entry_id)
        meeting = _open_meeting(session, entry.meeting_id)
        entries = _live_entries(session, entry.meeting_id)
        current = _current(meeting, entries)
        entries.remove(entry)
        entry.deleted_at = utcnow()
        session.add(entry)
        if current is entry:
            # The wall was on it: stay at the same place, now the next project (or the last).
            meeting.current_position = min(meeting.current_position, len(entries))
            session.add(meeting)
            current = None
        _renumber(session, meeting, entries, current)
        record_history(
            session,
            db,
            entity="agenda_entry",
            entity_id=entry_id,
            action="delete",
            changes={"deleted": (False, True)},
            meeting_id=entry.meeting_id,
        )
        meeting_id = entry.meeting_id
    return agenda(db, meeting_id)


def set_time_box(db: Database, entry_id: uuid.UUID, seconds: int) -> AgendaView:
    _check_box(seconds)
    with db.write() as session:
        entry = _entry(session, entry_id)
        old = entry.time_box_s
        entry.time_box_s = int(seconds)
        entry.updated_at = utcnow()
        session.add(entry)
        if old != seconds:
            record_history(
                session,
                db,
                entity="agenda_entry",
                entity_id=entry_id,
                action="time_box",
                changes={"time_box_s": (old, int(seconds))},
                meeting_id=entry.meeting_id,
            )
        meeting_id = entry.meeting_id
    return next(e for e in agenda(db, meeting_id) if e.id == entry_id)


def _check_box(seconds: int) -> None:
    if not 0 < int(seconds) <= MAX_TIME_BOX_S:
        raise UserError("agenda.bad_time_box", "agenda.bad_time_box.remedy", seconds=seconds)


def _entry(session: Session, entry_id: uuid.UUID) -> AgendaEntry:
    entry = session.get(AgendaEntry, entry_id)
    if entry is None or entry.deleted_at is not None:
        raise UserError("agenda.unknown", id=str(entry_id))
    return entry
