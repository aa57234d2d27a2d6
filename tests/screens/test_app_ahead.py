"""Reading ahead: PageDown shows lists read while the previous project was discussed, but
never stale ones; and a change notice reaches only the screens in view."""

from __future__ import annotations

import threading

import pytest
from textual.widgets import DataTable

from tests.support.demo import DEMO_DAY
from tests.support.waits import until, workers_done
from tui550.app.change_feed import DatabaseChanged
from tui550.app.screens.home import HomeScreen
from tui550.app.screens.meeting import MeetingScreen
from tui550.app.widgets.items import ItemTable
from tui550.core import running_meeting as meeting_state
from tui550.core.db import Database, open_database
from tui550.core.domain import Kind
from tui550.core.store import items, meetings


@pytest.fixture
def backend() -> str:
    return "sqlite"


def _meeting(db: Database):
    return next(m for m in meetings.list_meetings(db) if m.date == DEMO_DAY)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The projects whose lists are read on the UI thread at a switch."""
    seen: list[object] = []
    read = meeting_state.read_project

    def counted(db, meeting_id, project_id, **kwargs):
        if threading.current_thread() is threading.main_thread():  # not the reads ahead
            seen.append(project_id)
        return read(db, meeting_id, project_id, **kwargs)

    monkeypatch.setattr(meeting_state, "read_project", counted)
    return seen


async def _on_first_project(app, pilot) -> MeetingScreen:
    """The meeting on its first project, with the neighbours' lists read (in a thread)."""
    screen = app.screen
    assert isinstance(screen, MeetingScreen)
    await pilot.press("pagedown")
    await workers_done(app)
    return screen


async def test_pagedown_shows_the_lists_read_ahead(make_demo_app, reads) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _on_first_project(app, pilot)
        reads.clear()
        await pilot.press("pagedown")
        assert screen.position == 2
        assert reads == []  # nothing read at the switch: the fingerprint held
        carried = screen.query_one("#carried", ItemTable)
        assert screen.project_id is not None
        fresh = items.open_items_for(
            screen.db, screen.project_id, excluding_meeting=screen.meeting_id, limit=len(carried.items) + 1
        )
        assert [i.id for i in carried.items] == [i.id for i in fresh]


async def test_a_change_after_the_read_ahead_is_shown(make_demo_app, demo_db, reads) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _on_first_project(app, pilot)
        next_project = screen.entries[1].project.id
        other = open_database(demo_db.url, who="乙")
        try:
            items.capture(
                other,
                meeting_id=screen.meeting_id,
                project_id=next_project,
                kind=Kind.DECISION,
                text="乙刚记下的议定事项",
            )
        finally:
            other.close()
        reads.clear()
        await pilot.press("pagedown")  # before any change notice can have arrived
        assert reads == [next_project]  # the fingerprint changed: read again
        captured = screen.query_one("#captured", ItemTable)
        assert [i.text for i in captured.items] == ["乙刚记下的议定事项"]


async def test_a_screen_under_a_full_screen_reads_when_it_comes_back(make_demo_app, demo_db) -> None:
    app = make_demo_app(open_meeting=False)
    async with app.run_test(size=(120, 36)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        app.open_meeting(_meeting(demo_db).id)
        await pilot.pause()
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen) and app.screen_stack[-2] is home
        app.live.forward(DatabaseChanged())
        assert home.changed_while_hidden and not meeting.changed_while_hidden
        app.pop_screen()
        await until(
            pilot,
            lambda: app.screen is home and not home.changed_while_hidden,
            "the home screen to take the change it missed",
        )


async def test_a_switch_saves_its_position_even_when_the_app_quits_at_once(make_demo_app, demo_db) -> None:
    """The switch's writes wait for its frame; one quit before that frame still saves."""
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _on_first_project(app, pilot)
        assert meetings.get_meeting(demo_db, screen.meeting_id).current_position == 1
        screen.show_position(3)  # no frame drawn before the quit
        assert screen._pending_writes
        app.exit()
    assert meetings.get_meeting(demo_db, _meeting(demo_db).id).current_position == 3


async def test_switches_faster_than_frames_save_every_timer_and_the_last_position(
    make_demo_app, demo_db
) -> None:
    """Three switches before one frame: their writes add up and land in order."""
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _on_first_project(app, pilot)
        for position in (2, 3, 4):
            screen.show_position(position)
        await pilot.pause()
        await workers_done(app)
        meeting_id = screen.meeting_id
        assert meetings.get_meeting(demo_db, meeting_id).current_position == 4
        agenda = meetings.agenda(demo_db, meeting_id)
        assert all(e.started_at is not None for e in agenda[:4])
        assert all(e.ended_at is not None for e in agenda[:3]) and agenda[3].ended_at is None


async def test_a_meeting_opened_at_start_has_no_home_under_it_until_left(make_demo_app, demo_db) -> None:
    """The home screen is not made under the wall at start-up; leaving the meeting makes it."""
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        assert isinstance(app.screen, MeetingScreen)
        assert not any(isinstance(s, HomeScreen) for s in app.screen_stack)
        await pilot.press("pagedown", "f12")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, HomeScreen) and app.screen.query_one("#meetings", DataTable).row_count
            ),
            "the home screen and its meetings",
        )
        assert len(app.screen_stack) == 2
        assert meetings.get_meeting(demo_db, _meeting(demo_db).id).current_position == 1
        await pilot.press("enter")  # the meeting in progress is listed first: open it again
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen) and app.screen.position == 1
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 2
