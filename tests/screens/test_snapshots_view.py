"""Snapshot of the read-only view (`tui550 view`) on a project with carried and captured items."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.demo import DEMO_DAY
from tui550.app.viewapp import make_view_app
from tui550.core.domain import Kind
from tui550.core.settings import Settings
from tui550.core.store import items, meetings


@pytest.fixture
def backend() -> str:
    """Screens are tested on SQLite; the storage tests cover PostgreSQL."""
    return "sqlite"


def test_view_screen(snap_compare, demo_db, frozen_clock) -> None:
    meeting = next(m for m in meetings.list_meetings(demo_db) if m.date == DEMO_DAY)
    meetings.start_meeting(demo_db, meeting.id)
    entry = meetings.agenda(demo_db, meeting.id)[1]
    meetings.set_position(demo_db, meeting.id, 2)
    for kind, text in (
        (Kind.MINUTE, "主体结构施工至六层"),
        (Kind.DECISION, "区财政局本月底前筹措补偿资金"),
        (Kind.ISSUE, "[red]剩余17户[/red] 签约滞后"),
    ):
        items.capture(demo_db, meeting_id=meeting.id, project_id=entry.project.id, kind=kind, text=text)
    settings = Settings(lang="zh", user="观众", path=Path(demo_db.url[10:]).with_name("s.toml"))
    app = make_view_app(demo_db, settings, meeting.id, clock=frozen_clock)
    assert snap_compare(app, terminal_size=(120, 36))
