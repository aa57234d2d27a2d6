"""Files are private and the app stays off the network: the database (with its -wal
and -shm), backups, the event log and the settings file are created 0600, and a whole
meeting runs with every socket operation failing."""

from __future__ import annotations

import socket
import stat
from pathlib import Path

import pytest

from tests.support.waits import workers_done
from tui550.core.backups import list_backups
from tui550.core.events import EventLog
from tui550.core.settings import Settings, remember
from tui550.core.store import drafts, items, meetings


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.sqlite_only
def test_files_are_created_private(tmp_path: Path, demo_db, db_path: Path) -> None:
    # (The usual umask 022 would make them 0644: the 0600 is ours.)
    meeting = meetings.list_meetings(demo_db)[0]
    drafts.save_draft(demo_db, meeting.id, None, "minute", "草稿")
    for suffix in ("", "-wal", "-shm"):
        assert _mode(Path(str(db_path) + suffix)) == 0o600, suffix
    log = EventLog(tmp_path / "events.jsonl")
    log.emit("x")
    log.close()
    assert _mode(tmp_path / "events.jsonl") == 0o600
    saved = remember(Settings(path=tmp_path / "config" / "settings.toml"), lang="en")
    assert saved.lang == "en" and _mode(tmp_path / "config" / "settings.toml") == 0o600


class NoNetwork(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to reach a network fails loudly; the event loop's own socketpair,
    made before the test starts, is left alone."""
    attempts: list[str] = []

    def refuse(name: str):
        def fail(*args, **kwargs):
            attempts.append(name)
            raise NoNetwork(f"socket.{name} called")

        return fail

    for name in ("connect", "connect_ex", "bind", "listen", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse(name))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "create_server", refuse("create_server"))
    return attempts


@pytest.mark.sqlite_only
async def test_a_short_meeting_opens_no_socket(make_demo_app, demo_db, db_path, no_network) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown")
        await pilot.press(*"d:本周内完成图纸审查 @民主街道 ^本周五", "enter")
        await pilot.press("pagedown")
        await pilot.press(*"主体结构封顶", "enter")
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        await workers_done(app)
    assert no_network == []
    meeting = next(
        m
        for m in meetings.list_meetings(demo_db)
        if m.state.value == "closed" and items.meeting_items(demo_db, m.id)
    )
    saved = [i.text for i in items.meeting_items(demo_db, meeting.id)]
    assert saved == ["本周内完成图纸审查", "主体结构封顶"]
    for backup in list_backups(db_path):
        assert _mode(backup) == 0o600
