"""Backups of the database: when a meeting starts and closes, and on demand.

SQLite files are copied with SQLite's backup API (consistent while the app
writes), into `backups/` beside the database, 0600 in a 0700 folder, keeping the
newest `backups_keep`. A restore copies the chosen backup into the live file
through the same API (so a -wal beside it can never be replayed onto the wrong
pages), after backing up what it replaces.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from tui550.core.db import Database, backup_sqlite, copy_pages, inspect_sqlite, known_revisions
from tui550.core.errors import UserError
from tui550.core.files import TEMP_PREFIX, check_input, private_folder, write_atomic
from tui550.core.settings import data_dir

SUFFIX = ".sqlite"
# progress(done, total): pages copied, or tables dumped on a server.
Progress = Callable[[int, int], None]


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")


def backup_path(db_path: Path, reason: str) -> Path:
    return backups_dir(db_path) / f"{db_path.stem}-{_stamp()}-{reason}{SUFFIX}"


def list_backups(db_path: Path) -> list[Path]:
    """This database's backups, oldest first (the names sort by time)."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    prefix = f"{db_path.stem}-"
    return sorted(
        p for p in folder.iterdir() if p.name.startswith(prefix) and p.name.endswith(SUFFIX) and p.is_file()
    )


def prune(db_path: Path, keep: int) -> list[Path]:
    """Remove all but the newest `keep` backups; returns what was removed."""
    backups = list_backups(db_path)
    removed = backups[:-keep] if keep > 0 else backups
    for old in removed:
        old.unlink(missing_ok=True)
    # A copy cut short by a crash stays as a hidden temp file; clear those that are
    # clearly abandoned (another process may be writing a fresh one right now).
    folder = backups_dir(db_path)
    if folder.is_dir():
        cutoff = time.time() - 3600
        for tmp in folder.glob(f"{TEMP_PREFIX}*.tmp"):
            with contextlib.suppress(OSError):
                if tmp.stat().st_mtime < cutoff:
                    tmp.unlink()
    return removed


def backup_database(
    db: Database,
    reason: str,
    *,
    keep: int,
    out: Path | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> Path | None:
    """Back the database up; None when backups are turned off (keep = 0) and no `out`."""
    path = db.path
    if path is None:
        return _dump_server(db, reason, out, force, progress)
    if out is not None:
        return backup_sqlite(path, out, force=force, progress=progress)
    if keep <= 0:
        return None
    private_folder(backups_dir(path))
    target = backup_sqlite(path, backup_path(path, reason))
    prune(path, keep)
    return target


def _dump_server(
    db: Database, reason: str, out: Path | None, force: bool, progress: Progress | None
) -> Path | None:
    """On a server the backup is the exchange dump (the whole database as JSON, loadable
    with `tui550 load`). Only asked-for backups are made: a dump of a district's
    years of meetings at every meeting start would be slow, and the server has its own."""
    if out is None and reason != "manual":
        return None
    from tui550.core.exchange import dump, to_json

    if out is None:
        out = private_folder(data_dir() / "backups") / f"tui550-{_stamp()}-{reason}.json"
    return write_atomic(out, to_json(dump(db, progress=progress)), force=force)


def check_backup_file(source: Path) -> None:
    """Refuse anything that is not a tui550 database this version can open."""
    check_input(source)
    state, revision = inspect_sqlite(source)
    if state == "corrupt":
        raise UserError("db.not_database", "restore.source.remedy", path=str(source))
    if state in ("foreign", "new"):
        raise UserError("db.foreign", "restore.source.remedy", path=str(source))
    if revision not in known_revisions():
        raise UserError("db.newer", "db.newer.remedy", path=str(source), revision=str(revision))


def restore_database(db_path: Path, source: Path, progress: Progress | None = None) -> Path | None:
    """Replace the database's content with `source`; returns the backup of what it had."""

    check_backup_file(source)
    if source.resolve() == db_path.resolve():
        raise UserError("restore.same_file", "restore.source.remedy", path=str(source))
    before: Path | None = None
    if db_path.exists() and db_path.stat().st_size > 0:
        private_folder(backups_dir(db_path))
        # Kept whatever `backups_keep` says: a restore must always be undoable.
        before = backup_sqlite(db_path, backup_path(db_path, "before-restore"))
    else:
        fd = os.open(db_path, os.O_WRONLY | os.O_CREAT, 0o600)
        os.close(fd)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(db_path, timeout=10)
    try:
        copy_pages(src, dst, progress)
    finally:
        dst.close()
        src.close()
    return before
