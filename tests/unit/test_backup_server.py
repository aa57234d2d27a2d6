"""On PostgreSQL the backup is the exchange dump (SQLite files are copied: test_backups.py)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tui550.core.backups import backup_database
from tui550.core.db import Database


def test_a_server_backup_is_the_exchange_dump(demo_db: Database, tmp_path: Path) -> None:
    from tui550.core.exchange import dump, to_json

    if demo_db.path is not None:
        pytest.skip("the server backup; SQLite files are copied (tests above)")
    assert backup_database(demo_db, "meeting-start", keep=3) is None  # only asked-for dumps
    written = backup_database(demo_db, "manual", keep=3, out=tmp_path / "district.json")
    assert written is not None and stat.S_IMODE(written.stat().st_mode) == 0o600
    assert written.read_bytes() == to_json(dump(demo_db))
