"""The capture line's unsent text, one draft per meeting, saved when typing pauses."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from tui550.core.clock import utcnow
from tui550.core.db import Database
from tui550.core.store import _tables, models
from tui550.core.text import TEXT_MAX, clean_text


@dataclass(frozen=True, slots=True)
class DraftView:
    meeting_id: uuid.UUID
    project_id: uuid.UUID | None
    kind: str
    text: str


def save_draft(
    db: Database, meeting_id: uuid.UUID, project_id: uuid.UUID | None, kind: str, text: str
) -> None:
    with db.write() as session:
        draft = session.get(models.Draft, meeting_id) or models.Draft(meeting_id=meeting_id)
        draft.project_id = project_id
        draft.kind = kind
        # A draft is kept, never refused: past the limit, what fits (the capture refuses).
        draft.text = clean_text(text[:TEXT_MAX])
        draft.updated_at = utcnow()
        session.add(draft)


def load_draft(db: Database, meeting_id: uuid.UUID) -> DraftView | None:
    table = _tables.DRAFT  # Core: read before a meeting's first frame
    with db.read() as session:
        draft = session.execute(select(table).where(table.c.meeting_id == meeting_id)).first()
        if draft is None or not draft.text:
            return None
        return DraftView(draft.meeting_id, draft.project_id, draft.kind, draft.text)


def clear_draft(db: Database, meeting_id: uuid.UUID) -> None:
    save_draft(db, meeting_id, None, "minute", "")
