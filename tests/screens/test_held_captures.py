"""The meeting goes on while the shared server is away: captures are held on this
computer, marked "not yet saved", and written when it returns, in order, exactly once.

The server is not restarted here (that test runs alone, see processes/test_server_restart.py): the
meeting's database alone turns clients away, which cuts the app's connections the same way.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from tests.support.demo import DEMO_DAY
from tests.support.pg_server import PgServer
from tests.support.waits import until
from tui550.core.db import Database, open_database
from tui550.core.demo import build_demo
from tui550.core.store import items, meetings

pytestmark = pytest.mark.postgres


@pytest.fixture
def shared(pg_server: PgServer, pg_template: str) -> Iterator[tuple[PgServer, str, Database]]:
    name = pg_server.create(template=pg_template)
    db = open_database(pg_server.url(name), who="测试员")
    build_demo(db, DEMO_DAY)
    yield pg_server, name, db
    pg_server.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS true")
    db.close()
    pg_server.drop(name)


def _turn_away(server: PgServer, name: str, away: bool) -> None:
    server.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS {'false' if away else 'true'}")
    if away:
        server.execute(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'")


async def test_captures_during_an_outage_are_held_then_saved_in_order(
    shared, frozen_clock, tmp_path: Path
) -> None:
    from tui550.app.main import make_app
    from tui550.app.widgets.items import ItemTable
    from tui550.core.events import EventLog
    from tui550.core.outbox import Outbox
    from tui550.core.settings import Settings

    server, name, db = shared
    meeting = next(m for m in meetings.list_meetings(db) if m.date == DEMO_DAY)
    events_path = tmp_path / "events.jsonl"
    app = make_app(
        db,
        Settings(lang="zh", user="测试员", path=tmp_path / "settings.toml"),
        meeting_id=meeting.id,
        clock=frozen_clock,
        events=EventLog(events_path),
    )
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown")
        screen = app.screen
        table = screen.query_one("#captured", ItemTable)
        before = len(table.items)
        await pilot.press(*"断开前", "enter")
        _turn_away(server, name, True)
        for n in range(3):
            await pilot.press(*f"断开中{n}", "enter")
            assert screen.query_one("#line", Input).value == ""  # the line is free for the next one
        assert "暂存本机" in str(screen.query_one("#preview").render())  # not "saved"
        banner = screen.query_one("#banner", Static)
        assert banner.display and "3 条记录暂存在本机" in str(banner.render())
        shown = table.items[before:]
        assert [i.text for i in shown] == ["断开前", "断开中0", "断开中1", "断开中2"]
        assert [i.version for i in shown][1:] == [0, 0, 0]  # marked: not yet saved
        assert "未保存" in str(table.get_row_at(len(table.items) - 1)[0])
        box = Outbox()
        assert len(box.pending(db)) == 3  # durable on this computer before the room saw them

        _turn_away(server, name, False)
        await until(pilot, lambda: not banner.display, "the held captures to be saved")
        assert [i.version for i in table.items[before:]] == [1, 1, 1, 1]
        assert "未保存" not in str(table.get_row_at(len(table.items) - 1)[0])
        assert len(box.pending(db)) == 0
        box.close()
    saved = [i.text for i in items.meeting_items(db, meeting.id)]
    assert saved[-4:] == ["断开前", "断开中0", "断开中1", "断开中2"]  # in the order spoken
    assert len(saved) == len(set(saved))  # each exactly once
    log = [json.loads(line) for line in events_path.read_text(encoding="utf-8").splitlines()]
    held = [e["id"] for e in log if e["event"] == "item_held"]
    later = [e["id"] for e in log if e["event"] == "item_saved" and e.get("held")]
    assert len(held) == 3 and later == held


async def test_captures_held_by_an_earlier_run_are_saved_first(shared, frozen_clock, tmp_path: Path) -> None:
    """The app was closed with a capture still held: at the next start it goes to the server
    before anything typed after it."""
    from tui550.app.main import make_app
    from tui550.core.domain import Kind
    from tui550.core.outbox import Outbox
    from tui550.core.settings import Settings

    _server, _name, db = shared
    meeting = next(m for m in meetings.list_meetings(db) if m.date == DEMO_DAY)
    box = Outbox()
    box.put({"meeting_id": meeting.id, "project_id": None, "kind": Kind.MINUTE, "text": "上次暂存的一条"}, db)
    box.close()
    app = make_app(
        db,
        Settings(lang="zh", user="测试员", path=tmp_path / "settings.toml"),
        meeting_id=meeting.id,
        clock=frozen_clock,
    )
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"这次新记的一条", "enter")
        await until(
            pilot,
            lambda: (
                not app.screen.query_one("#banner", Static).display
                and len(items.meeting_items(db, meeting.id)) >= 2
            ),
            "both to be saved",
        )
    saved = [i.text for i in items.meeting_items(db, meeting.id) if i.project_id is None]
    assert saved[-2:] == ["上次暂存的一条", "这次新记的一条"]
