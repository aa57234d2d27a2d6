"""Disk trouble: every way a write can fail arrives as a StorageError that says why,
nothing half-written stays behind, and the same item saves exactly once when the
disk is back. Real failures (a full or read-only tmpfs, a removed folder) where the
system allows them, SQLite's own errors through pragmas, and an injected I/O error."""

from __future__ import annotations

import contextlib
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from tests.processes.faults import fill, remount, small_tmpfs, sqlite_fails, writer_pragma
from tests.support.demo import DEMO_DAY
from tests.support.waits import until, workers_done
from tui550.app.widgets.items import ItemTable
from tui550.core.db import Database, open_database
from tui550.core.demo import build_demo
from tui550.core.domain import Kind
from tui550.core.errors import StorageError
from tui550.core.store import drafts, items, meetings

# The disk under a SQLite file fails.
pytestmark = pytest.mark.sqlite_only

# Long enough to need new pages, so that a "full" database cannot take it.
LONG = "这一条很长，" * 1500


def _meeting(db: Database) -> uuid.UUID:
    return next(m for m in meetings.list_meetings(db) if m.date == DEMO_DAY).id


def _capture(db: Database, item_id: uuid.UUID, text: str = "断电前的最后一条" + LONG) -> None:
    items.capture(db, meeting_id=_meeting(db), project_id=None, kind=Kind.MINUTE, text=text, item_id=item_id)


def _count(db: Database, item_id: uuid.UUID) -> int:
    with sqlite3.connect(str(db.path)) as con:
        return int(con.execute("select count(*) from item where id = ?", (item_id.hex,)).fetchone()[0])


def _fails_then_saves_once(db: Database, trouble: AbstractContextManager[object], reason: str) -> None:
    item_id = uuid.uuid4()
    with trouble, pytest.raises(StorageError) as failure:
        _capture(db, item_id)
    assert reason in str(failure.value.args_["reason"])
    assert failure.value.message("en").startswith("Cannot write to the database")
    assert _count(db, item_id) == 0
    _capture(db, item_id)
    _capture(db, item_id)  # the retry after a lost answer: still one row
    assert _count(db, item_id) == 1
    with sqlite3.connect(str(db.path)) as con:
        assert con.execute("pragma integrity_check").fetchone() == ("ok",)


@pytest.fixture
def demo(demo_db: Database) -> Database:
    return demo_db


READONLY = "attempt to write a readonly database"
INJECTED: dict[str, tuple[Callable[[Database], AbstractContextManager[object]], str]] = {
    "readonly": (lambda db: writer_pragma(db, "PRAGMA query_only=ON"), READONLY),
    # max_page_count cannot shrink a file, only stop it growing: a long text needs new pages.
    "full": (lambda db: writer_pragma(db, "PRAGMA max_page_count=1"), "database or disk is full"),
    "io": (lambda db: sqlite_fails(db, "disk I/O error"), "disk I/O error"),
}


@pytest.mark.parametrize("case", sorted(INJECTED))
def test_sqlite_failures_become_storage_errors(demo: Database, case: str) -> None:
    make, reason = INJECTED[case]
    _fails_then_saves_once(demo, make(demo), reason)


def test_folder_removed_and_back(tmp_path: Path) -> None:
    folder = tmp_path / "stick"
    folder.mkdir()
    db = open_database(str(folder / "m.sqlite"))
    build_demo(db, DEMO_DAY)
    away = tmp_path / "away"

    class Unplugged:
        def __enter__(self) -> None:
            folder.rename(away)

        def __exit__(self, *exc: object) -> None:
            away.rename(folder)

    # Writing on into the unlinked file would "succeed" and be lost: it must fail instead.
    _fails_then_saves_once(db, Unplugged(), "No such file or directory")
    db.close()


@pytest.fixture
def mounted(tmp_path: Path) -> Iterator[tuple[Path, Database]]:
    # Building the demo grows the WAL to several megabytes before its checkpoint.
    with small_tmpfs(tmp_path, 16 * 1024) as mount:
        db = open_database(str(mount / "m.sqlite"))
        build_demo(db, DEMO_DAY)
        # An empty WAL, so that the next write needs fresh blocks of a full disk.
        with contextlib.closing(sqlite3.connect(str(mount / "m.sqlite"))) as con:
            con.execute("pragma wal_checkpoint(TRUNCATE)")
        yield mount, db
        db.close()


def test_real_disk_full(mounted: tuple[Path, Database]) -> None:
    mount, db = mounted

    class Full:
        filler: Path

        def __enter__(self) -> None:
            self.filler = fill(mount)

        def __exit__(self, *exc: object) -> None:
            self.filler.unlink()

    # Page-sized writes may still fit in the last free blocks: write enough to need more.
    big = "满" * 40_000
    item_id = uuid.uuid4()
    with Full(), pytest.raises(StorageError) as failure:
        _capture(db, item_id, big)
    assert "full" in str(failure.value.args_["reason"])
    _capture(db, item_id, big)
    assert _count(db, item_id) == 1


def test_real_read_only_remount(mounted: tuple[Path, Database]) -> None:
    mount, db = mounted

    class ReadOnly:
        def __enter__(self) -> None:
            # A filesystem with files open for writing cannot become read-only; the app's
            # pooled connections close here and reopen on the next write.
            db.close()
            remount(mount, "ro")

        def __exit__(self, *exc: object) -> None:
            remount(mount, "rw")

    item_id = uuid.uuid4()
    with ReadOnly(), pytest.raises(StorageError) as failure:
        _capture(db, item_id)
    reason = str(failure.value.args_["reason"])
    assert "readonly" in reason or "read-only" in reason or "I/O" in reason, reason
    _capture(db, item_id)
    assert _count(db, item_id) == 1


def test_draft_survives_a_failed_write(demo: Database) -> None:
    meeting = _meeting(demo)
    drafts.save_draft(demo, meeting, None, "minute", "写到一半")
    with writer_pragma(demo, "PRAGMA query_only=ON"), pytest.raises(StorageError):
        drafts.save_draft(demo, meeting, None, "minute", "写到一半又加了几个字")
    draft = drafts.load_draft(demo, meeting)
    assert draft is not None and draft.text == "写到一半"


def test_a_saved_capture_clears_the_draft_in_the_same_transaction(demo: Database) -> None:
    meeting = _meeting(demo)
    drafts.save_draft(demo, meeting, None, "minute", "马上要回车的一句")
    items.capture(
        demo, meeting_id=meeting, project_id=None, kind=Kind.MINUTE, text="马上要回车的一句", clear_draft=True
    )
    assert drafts.load_draft(demo, meeting) is None


# --- on screen ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", ["readonly", "full", "io", "removed"])
async def test_banner_keeps_line_and_draft_then_retries(make_demo_app, demo_db, case, tmp_path) -> None:
    app = make_demo_app()
    path = demo_db.path
    assert path is not None
    if case == "removed":
        folder = path.parent
        away = folder.with_name(folder.name + "-away")

        class Unplugged:
            def __enter__(self) -> None:
                folder.rename(away)

            def __exit__(self, *exc: object) -> None:
                away.rename(folder)

        trouble: AbstractContextManager[object] = Unplugged()
        reason = "No such file"
    else:
        make, reason = INJECTED[case]
        trouble = make(demo_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        line = screen.query_one("#line")
        line.value = "要保住的一句" + LONG  # long enough to need new pages when the disk is "full"
        screen._flush_draft()
        await workers_done(app)
        with trouble:
            await pilot.press("enter")
            await pilot.pause()
            banner = screen.query_one("#banner")
            assert banner.display and reason in str(banner.render())
            assert line.value == "要保住的一句" + LONG and screen.query_one("#capture").has_class("-unsaved")
            assert screen.query_one("#captured", ItemTable).items == []
        # The disk is back: the automatic retry saves it once and clears the banner.
        await until(pilot, lambda: not banner.display, "the automatic retry")
        assert line.value == ""
        assert [i.text for i in screen.query_one("#captured", ItemTable).items] == ["要保住的一句" + LONG]
        await pilot.press("enter")  # an extra Enter on the empty line saves nothing
    saved = items.meeting_items(demo_db, _meeting(demo_db))
    assert [i.text for i in saved] == ["要保住的一句" + LONG]
    assert drafts.load_draft(demo_db, _meeting(demo_db)) is None
