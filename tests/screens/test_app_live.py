"""Live updates: another client's write shows on open screens within 2 s, and the read-only
view follows the facilitator. Two Database objects on one SQLite file stand for two laptops."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.demo import DEMO_DAY
from tui550.app.screens.meeting import MeetingScreen
from tui550.app.screens.view import ViewScreen
from tui550.app.viewapp import make_view_app
from tui550.app.widgets.header import MeetingHeader
from tui550.app.widgets.items import ItemTable
from tui550.core.db import Database, open_database
from tui550.core.domain import Kind
from tui550.core.settings import Settings
from tui550.core.store import items, meetings

DEADLINE_S = 2.0


@pytest.fixture
def backend() -> str:
    """Screens are tested on SQLite; the storage tests cover PostgreSQL."""
    return "sqlite"


@pytest.fixture
def other(demo_db: Database) -> Iterator[Database]:
    """A second client on the same database file."""
    second = open_database(demo_db.url, who="乙")
    yield second
    second.close()


def _meeting(db: Database):
    return next(m for m in meetings.list_meetings(db) if m.date == DEMO_DAY)


async def _until(pilot, condition: Callable[[], bool], deadline_s: float = DEADLINE_S) -> float:
    """Let the app run until `condition` holds; the seconds it took. Fails past the deadline."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > deadline_s:
            raise AssertionError(f"not seen within {deadline_s} s")
        await pilot.pause(0.05)
    return time.monotonic() - started


async def test_another_clients_capture_shows_and_the_typed_line_is_untouched(
    make_demo_app, demo_db, other
) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        await pilot.press("pagedown")
        await pilot.press(*"正在输入的半句话", "left", "left")
        line = screen.capture_bar.line
        before = (line.value, line.cursor_position)
        assert before == ("正在输入的半句话", 6)
        captured = screen.query_one("#captured", ItemTable)
        items.capture(
            other,
            meeting_id=screen.meeting_id,
            project_id=screen.project_id,
            kind=Kind.DECISION,
            text="乙在另一台电脑上记录的议定事项",
        )
        took = await _until(pilot, lambda: any(i.text.startswith("乙在另一台") for i in captured.items))
        assert took < DEADLINE_S
        assert (line.value, line.cursor_position) == before
        assert screen.focused is line
        title = str(screen.query_one("#captured-title").render())
        assert "1" in title
        # A capture for another project does not show here.
        project_2 = screen.entries[1].project.id
        items.capture(
            other, meeting_id=screen.meeting_id, project_id=project_2, kind=Kind.MINUTE, text="别的项目"
        )
        await pilot.press(*"再")
        await _until(pilot, lambda: line.value == "正在输入的半再句话")
        # A later capture for this project shows; the refresh that brings it saw the other too.
        items.capture(
            other,
            meeting_id=screen.meeting_id,
            project_id=screen.project_id,
            kind=Kind.MINUTE,
            text="乙的第二条",
        )
        await _until(pilot, lambda: len(captured.items) == 2)
        assert [i.text for i in captured.items] == ["乙在另一台电脑上记录的议定事项", "乙的第二条"]
        assert (line.value, line.cursor_position) == ("正在输入的半再句话", 7)


async def test_the_selected_row_stays_selected(make_demo_app, demo_db, other) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        await pilot.press("pagedown")
        for text in ("第一条", "第二条", "第三条"):
            await pilot.press(*text, "enter")
        captured = screen.query_one("#captured", ItemTable)
        await _until(pilot, lambda: len(captured.items) == 3)
        await pilot.press("escape", "up", "up")  # the list, newest selected; up to the first
        assert screen.focused is captured and captured.selected().text == "第一条"
        items.capture(
            other,
            meeting_id=screen.meeting_id,
            project_id=screen.project_id,
            kind=Kind.MINUTE,
            text="第四条（乙）",
        )
        await _until(pilot, lambda: len(captured.items) == 4)
        assert captured.selected().text == "第一条"


async def test_another_clients_agenda_change_keeps_the_project_on_the_wall(
    make_demo_app, demo_db, other
) -> None:
    from tui550.core.store import agenda

    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        await pilot.press("pagedown", "pagedown")  # project 2
        shown = screen.entry.project.name
        last = screen.entries[-1]
        agenda.move_agenda_entry(other, last.id, 1)  # the last project is taken first
        await _until(pilot, lambda: screen.entries[0].id == last.id)
        assert screen.position == 3 and screen.entry.project.name == shown
        assert f"第 3 / {len(screen.entries)} 项" in screen.query_one(MeetingHeader).position_text


async def test_home_lists_a_meeting_another_client_made(make_demo_app, demo_db, other) -> None:
    from textual.widgets import DataTable

    app = make_demo_app(open_meeting=False)
    async with app.run_test(size=(120, 36)) as pilot:
        table = app.screen.query_one(DataTable)
        rows = table.row_count
        table.move_cursor(row=1)
        chosen = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        meetings.create_meeting(other, "另一台电脑新建的会议", DEMO_DAY.replace(day=1))
        await _until(pilot, lambda: table.row_count == rows + 1)
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == chosen


# --- the read-only view -------------------------------------------------------------------


@pytest.fixture
def make_view(demo_db: Database, frozen_clock):
    def build(lang: str = "zh"):
        meeting = _meeting(demo_db)
        settings = Settings(lang=lang, user="观众", path=Path(demo_db.url[10:]).with_name("s.toml"))
        return make_view_app(demo_db, settings, meeting.id, clock=frozen_clock)

    return build


async def test_the_view_follows_the_facilitators_position(make_view, demo_db, other) -> None:
    meeting = _meeting(demo_db)
    entries = meetings.agenda(demo_db, meeting.id)
    app = make_view()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, ViewScreen)
        header = screen.query_one(MeetingHeader)
        assert header.position_text == "会议总体"
        meetings.set_position(other, meeting.id, 2)
        await _until(pilot, lambda: entries[1].project.name in header.position_text)
        card = str(screen.query_one("#card").render())
        assert entries[1].project.name in card
        items.capture(
            other,
            meeting_id=meeting.id,
            project_id=entries[1].project.id,
            kind=Kind.ISSUE,
            text="乙记录的问题",
        )
        captured = screen.query_one("#captured", ItemTable)
        await _until(pilot, lambda: [i.text for i in captured.items] == ["乙记录的问题"])
        meetings.set_position(other, meeting.id, 3)
        await _until(pilot, lambda: entries[2].project.name in header.position_text)
        assert captured.items == []


async def test_the_view_has_no_way_to_write(make_view, demo_db) -> None:
    meeting = _meeting(demo_db)
    before = (items.meeting_items(demo_db, meeting.id), meetings.get_meeting(demo_db, meeting.id))
    app = make_view()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"abc 输入", "enter", "escape", "e", "d", "delete", "k", "r", "c", "x", "u")
        await pilot.press(
            "f2",
            "f3",
            "f4",
            "f5",
            "f6",
            "f8",
            "f9",
            "f10",
            "f12",
            "pagedown",
            "ctrl+n",
            "ctrl+z",
            "ctrl+r",
            "ctrl+l",
            "ctrl+p",
            "ctrl+t",
            "tab",
        )
        await pilot.pause()
        assert isinstance(app.screen, ViewScreen) and len(app.screen_stack) == 2
        assert app.screen.focused is None
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running
    assert (items.meeting_items(demo_db, meeting.id), meetings.get_meeting(demo_db, meeting.id)) == before


async def test_the_view_shows_only_a_redacted_server_address() -> None:
    from tui550.app.screens.view import source_text

    class Fake:
        path = None
        url = "postgresql://leader:s3cret-Pw@db.example:5432/district"

    shown = source_text(Fake())  # type: ignore[arg-type]
    assert "s3cret-Pw" not in shown and "db.example" in shown


async def test_supervision_and_wall_chart_follow_another_client(make_demo_app, demo_db, other) -> None:
    from datetime import timedelta

    from textual.widgets import DataTable

    from tui550.app.screens.supervision import SupervisionScreen
    from tui550.app.screens.wallchart import WallChartScreen

    meeting = _meeting(demo_db)
    app = make_demo_app(open_meeting=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SupervisionScreen)
        table = screen.query_one("#sv-table", DataTable)
        table.move_cursor(row=2, animate=False)
        chosen = screen.rows[2].item.id
        total = screen.total
        items.capture(
            other,
            meeting_id=meeting.id,
            project_id=None,
            kind=Kind.ISSUE,
            text="乙录入的督办问题",
            due=DEMO_DAY - timedelta(days=30),
        )
        took = await _until(pilot, lambda: screen.total == total + 1)
        assert took < DEADLINE_S
        assert screen.rows[0].item.text == "乙录入的督办问题"  # 30 days late: on top
        assert screen.rows[table.cursor_row].item.id == chosen  # the selection stays put
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("ctrl+l")
        await pilot.pause()
        chart = app.screen
        assert isinstance(chart, WallChartScreen)
        rows = chart.query_one("#wc-table", DataTable).row_count
        project = meetings.agenda(other, meeting.id)[-1].project
        items.capture(
            other,
            meeting_id=meeting.id,
            project_id=project.id,
            kind=Kind.DEADLINE,
            text="乙定的时间节点",
            due=DEMO_DAY + timedelta(days=20),
        )
        took = await _until(pilot, lambda: chart.query_one("#wc-table", DataTable).row_count == rows + 1)
        assert took < DEADLINE_S


async def test_a_lost_database_shows_in_the_status_line_without_its_password(
    make_view, demo_db, monkeypatch
) -> None:
    from tui550.app.screens import view as view_module
    from tui550.core.errors import StorageError

    app = make_view()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        status = screen.query_one("#view-status")

        real = view_module.read_wall
        down = [True]

        def read_wall(*args, **kwargs):
            if down[0]:
                raise StorageError(
                    "error.storage.read",
                    "error.storage.read.remedy",
                    reason="connection to postgresql://leader:s3cret-Pw@db.lan failed",
                )
            return real(*args, **kwargs)

        monkeypatch.setattr(view_module, "read_wall", read_wall)
        screen.refresh_view()
        await _until(pilot, lambda: screen.lost)
        shown = str(status.render())
        assert status.has_class("-lost") and "s3cret-Pw" not in shown and "***" in shown
        down[0] = False
        screen.refresh_view()
        await _until(pilot, lambda: not screen.lost)
        assert not status.has_class("-lost")


def test_the_feed_checkpoints_when_writes_pause(demo_db: Database) -> None:
    """The app's commits leave the WAL alone; its change feed checkpoints in a pause."""
    import threading

    from tui550.app.change_feed import LiveFeed

    class Posts:
        def post_message(self, _message: object) -> bool:
            return True

    done = threading.Event()
    checkpoint = demo_db.checkpoint

    def spied() -> bool:
        ok = checkpoint()
        done.set()
        return ok

    demo_db.checkpoint = spied  # type: ignore[method-assign]
    feed = LiveFeed(Posts(), demo_db, interval=0.02, quiet=0.1)  # type: ignore[arg-type]
    feed.start()
    try:
        assert demo_db.checkpoints_deferred
        assert feed.ready.wait(10)
        m = _meeting(demo_db)
        item = items.capture(demo_db, meeting_id=m.id, project_id=None, kind=Kind.MINUTE, text="会后检查点")
        assert done.wait(10), "no checkpoint after the writes paused"
    finally:
        feed.close()
    import sqlite3

    con = sqlite3.connect(f"file:{demo_db.path}?immutable=1", uri=True)
    try:
        assert con.execute("select text from item where id = ?", (item.id.hex,)).fetchone() == ("会后检查点",)
    finally:
        con.close()
