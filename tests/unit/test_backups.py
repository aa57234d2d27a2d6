"""Backups: kept to `backups_keep`, 0600; `tui550 backup` and `tui550 restore` (asks first,
refuses without a terminal or --yes, and backs up what it replaces). The app makes them when
a meeting starts and closes: screens/test_app_backups.py."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from tests.support.cli import call
from tui550.core.backups import backup_database, backups_dir, list_backups, prune, restore_database
from tui550.core.db import Database, open_database

# SQLite files are copied; a server's backup is the exchange dump (test_backup_server.py).
pytestmark = pytest.mark.sqlite_only


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _units(path: Path) -> set[str]:
    with sqlite3.connect(path) as con:
        return {r[0] for r in con.execute("select name from unit")}


def test_backup_is_consistent_private_and_pruned(demo_db: Database, db_path: Path) -> None:
    made = [backup_database(demo_db, "start", keep=3) for _ in range(5)]
    kept = list_backups(db_path)
    assert kept == made[-3:]
    assert _mode(backups_dir(db_path)) == 0o700
    for path in kept:
        assert _mode(path) == 0o600
        with sqlite3.connect(path) as con:
            assert con.execute("pragma integrity_check").fetchone() == ("ok",)
        assert not Path(str(path) + "-wal").exists()
    assert _units(kept[-1]) == _units(db_path)
    assert backup_database(demo_db, "start", keep=0) is None  # backups turned off


def test_prune_leaves_other_databases_backups_alone(demo_db: Database, db_path: Path) -> None:
    backup_database(demo_db, "start", keep=5)
    stranger = backups_dir(db_path) / "other-20260101-000000-000000-start.sqlite"
    stranger.write_bytes(b"")
    prune(db_path, 1)
    assert stranger.exists()


def test_cli_backup_out_and_force(demo_db: Database, db_path: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "copy.sqlite"
    code, stdout, err = call(["--db", str(db_path), "backup", "--out", str(out)], capsys)
    assert code == 0 and str(out) in stdout, err
    assert _mode(out) == 0o600 and _units(out) == _units(db_path)
    code, _, err = call(["--lang", "en", "--db", str(db_path), "backup", "--out", str(out)], capsys)
    assert code == 1 and "already exists" in err and len(err.strip().splitlines()) == 2
    code, _, _ = call(["--db", str(db_path), "backup", "--out", str(out), "--force"], capsys)
    assert code == 0
    code, stdout, _ = call(["--db", str(db_path), "backup"], capsys)
    assert code == 0 and len(list_backups(db_path)) == 1


def test_cli_restore_needs_yes_without_a_terminal(demo_db, db_path: Path, tmp_path: Path, capsys) -> None:
    backup = backup_database(demo_db, "start", keep=5)
    assert backup is not None
    code, _, err = call(["--lang", "en", "--db", str(db_path), "restore", str(backup)], capsys)
    assert code == 1 and "--yes" in err


def test_cli_restore_round_trip(demo_db: Database, db_path: Path, capsys) -> None:
    from tui550.core.store.units import add_unit

    backup = backup_database(demo_db, "start", keep=5)
    assert backup is not None
    add_unit(demo_db, "恢复后应消失的单位")
    assert "恢复后应消失的单位" in _units(db_path)
    code, _, err = call(["--db", str(db_path), "restore", str(backup), "--yes"], capsys)
    assert code == 0, err
    assert "恢复后应消失的单位" not in _units(db_path)
    # What it replaced is kept, and the running connection sees the restored content.
    before = [p for p in list_backups(db_path) if p.name.endswith("before-restore.sqlite")]
    assert len(before) == 1 and "恢复后应消失的单位" in _units(before[0])
    from tui550.core.store.units import find_unit

    demo_db.unit_cache.clear()
    assert find_unit(demo_db, "恢复后应消失的单位") is None
    with sqlite3.connect(db_path) as con:
        assert con.execute("pragma integrity_check").fetchone() == ("ok",)


def test_restore_refuses_what_is_not_a_backup(
    demo_db: Database, db_path: Path, tmp_path: Path, capsys
) -> None:
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as con:
        con.execute("create table t(x)")
    before = db_path.read_bytes()
    for source in (foreign, tmp_path / "missing.sqlite", db_path):
        code, _, err = call(["--db", str(db_path), "restore", str(source), "--yes"], capsys)
        assert code == 1 and len(err.strip().splitlines()) == 2, err
    assert db_path.read_bytes() == before


def test_restore_into_a_new_file(demo_db: Database, tmp_path: Path) -> None:
    backup = backup_database(demo_db, "start", keep=5)
    assert backup is not None
    target = tmp_path / "fresh" / "new.sqlite"
    target.parent.mkdir()
    assert restore_database(target, backup) is None
    assert _mode(target) == 0o600
    open_database(str(target)).close()
