"""Two writers on one SQLite file: no "database is locked" reaches anyone, no write is
lost, and an item edited in both places is never silently overwritten."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest

from tests.processes.harness import AppProcess, DbCheck, write_script
from tests.support.demo import DEMO_DAY
from tests.support.paths import REPO
from tui550.app.screens.conflict import ConflictDialog
from tui550.app.widgets.items import ItemTable
from tui550.core.db import Database, begin_with_retry, open_database
from tui550.core.domain import Kind
from tui550.core.errors import ConflictError
from tui550.core.store import items, meetings

# Two writers on one SQLite file.
pytestmark = pytest.mark.sqlite_only


class FlakyConnection:
    """A DBAPI connection whose first BEGINs find the write lock taken."""

    def __init__(self, failures: int, message: str = "database is locked") -> None:
        self.failures = failures
        self.message = message
        self.calls = 0

    def execute(self, statement: str) -> None:
        self.calls += 1
        if self.calls <= self.failures:
            raise sqlite3.OperationalError(self.message)


def test_begin_is_retried_when_the_lock_outlasts_the_busy_timeout() -> None:
    conn = FlakyConnection(failures=3)
    begin_with_retry(conn, "BEGIN IMMEDIATE")
    assert conn.calls == 4


def test_begin_gives_up_after_its_attempts_and_other_errors_are_not_retried() -> None:
    with pytest.raises(sqlite3.OperationalError):
        begin_with_retry(FlakyConnection(failures=99), "BEGIN IMMEDIATE", attempts=3)
    io = FlakyConnection(failures=1, message="disk I/O error")
    with pytest.raises(sqlite3.OperationalError):
        begin_with_retry(io, "BEGIN IMMEDIATE")
    assert io.calls == 1


WRITER = textwrap.dedent("""
    import sys, uuid
    from tui550.core.db import open_database
    from tui550.core.domain import Kind
    from tui550.core.store import items, meetings
    db = open_database(sys.argv[1], who=sys.argv[2])
    meeting = uuid.UUID(sys.argv[3])
    for n in range(int(sys.argv[4])):
        items.capture(db, meeting_id=meeting, project_id=None, kind=Kind.MINUTE,
                      text=f"{sys.argv[2]}-{n:04d}")
    print("done")
""")


def test_two_processes_capture_at_once_and_lose_nothing(demo_db: Database, db_path: Path) -> None:
    meeting = next(m for m in meetings.list_meetings(demo_db) if m.date == DEMO_DAY)
    n = 300
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path), who, str(meeting.id), str(n)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        for who in ("甲", "乙")
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0 and out.strip() == "done", err
        assert "locked" not in err
    check = DbCheck(db_path)
    assert check.integrity() == "ok"
    for who in ("甲", "乙"):
        assert sorted(check.texts_like(f"{who}-%")) == [f"{who}-{i:04d}" for i in range(n)]


def test_two_apps_on_one_file(tmp_path: Path) -> None:
    db = tmp_path / "shared.sqlite"
    subprocess.run(
        [sys.executable, "-m", "tui550", "--db", str(db), "demo", "--no-open"],
        check=True,
        env={**__import__("os").environ, "TUI550_HOME": str(tmp_path / "home")},
        capture_output=True,
        cwd=REPO,
    )
    apps = []
    for name in ("左", "右"):
        script = write_script(
            tmp_path / f"{name}.jsonl", [{"submit": f"{name}机-{i:03d} 记录"} for i in range(60)]
        )
        apps.append(AppProcess(tmp_path / "home", db, tmp_path / f"{name}.events", script=script))
    try:
        for app in apps:
            app.start()
        for app in apps:
            app.wait_event("script_done", timeout=120)
            app.wait_event("item_saved", count=60, timeout=60)
    finally:
        for app in apps:
            app.kill()
    check = DbCheck(db)
    assert check.integrity() == "ok"
    for name, app in zip(("左", "右"), apps, strict=True):
        assert len(check.texts_like(f"{name}机-%")) == 60
        assert app.saved_ids() <= check.item_ids()
        assert not app.records("error"), app.records("error")


# --- the same item edited in two places ------------------------------------------------


def _other_session(demo_db: Database) -> Database:
    assert demo_db.path is not None
    return open_database(str(demo_db.path), who="另一台电脑")


async def _capture_and_open_editor(app, pilot, text: str):
    await pilot.press("pagedown")
    app.screen.query_one("#line").value = text
    await pilot.press("enter")
    await pilot.pause()
    table = app.screen.query_one("#captured", ItemTable)
    table.focus()
    item = table.items[0]
    return table, item


@pytest.mark.parametrize("choice", ["theirs", "mine"])
async def test_edit_conflict_is_shown_and_resolved(make_demo_app, demo_db, choice) -> None:
    app = make_demo_app()
    other = _other_session(demo_db)
    async with app.run_test(size=(120, 36)) as pilot:
        table, item = await _capture_and_open_editor(app, pilot, "协调电力接入")
        # Someone else saves the same item first.
        theirs = items.update_item(other, item.id, item.version, text="协调电力接入，月底前送电")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("end", *"我方补充", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConflictDialog)
        assert "协调电力接入，月底前送电" in str(dialog.query_one("#theirs").render())
        assert "我方补充" in str(dialog.query_one("#yours").render())
        assert "另一台电脑" in dialog.theirs_label
        # Nothing was overwritten while the dialog waits.
        assert items.get_item(demo_db, item.id).text == "协调电力接入，月底前送电"
        if choice == "mine":
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ConflictDialog)
        shown = table.items[0].text
    stored = items.get_item(demo_db, item.id)
    if choice == "theirs":
        assert stored.text == "协调电力接入，月底前送电" and stored.version == theirs.version
    else:
        assert stored.text == "协调电力接入我方补充" and stored.version == theirs.version + 1
    assert shown == stored.text
    other.close()


def test_a_stale_version_is_a_conflict_in_storage(demo_db: Database) -> None:
    meeting = next(m for m in meetings.list_meetings(demo_db) if m.date == DEMO_DAY)
    item = items.capture(demo_db, meeting_id=meeting.id, project_id=None, kind=Kind.MINUTE, text="原文")
    other = _other_session(demo_db)
    items.update_item(other, item.id, item.version, text="他们的")
    with pytest.raises(ConflictError):
        items.update_item(demo_db, item.id, item.version, text="我们的")
    assert items.get_item(demo_db, item.id).text == "他们的"
    other.close()
    assert uuid.UUID(str(item.id))
