"""The command line: exit codes and one-line messages for every bad path."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tests.support.cli import call


def test_version(capsys) -> None:
    code, out, _ = call(["--version"], capsys)
    assert code == 0 and out.startswith("tui550 ")


def test_missing_folder(tmp_path: Path, capsys) -> None:
    code, _, err = call(["--db", str(tmp_path / "nope" / "x.sqlite"), "meetings"], capsys)
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 2 and "文件夹不存在" in lines[0] and "Traceback" not in err
    assert not (tmp_path / "nope").exists()


def test_not_a_database_is_left_untouched(tmp_path: Path, capsys) -> None:
    path = tmp_path / "junk.sqlite"
    payload = os.urandom(5000)
    path.write_bytes(payload)
    code, _, err = call(["--lang", "en", "--db", str(path), "meetings"], capsys)
    assert code == 1 and "Not a database file" in err
    assert path.read_bytes() == payload


def test_foreign_sqlite_is_refused_and_untouched(tmp_path: Path, capsys) -> None:
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("create table notes(x)")
    con.commit()
    con.close()
    before = path.read_bytes()
    code, _, err = call(["--db", str(path), "meetings"], capsys)
    assert code == 1 and "其他程序" in err
    assert path.read_bytes() == before


def test_newer_schema_is_refused(tmp_path: Path, capsys, db_path: Path) -> None:
    from tui550.core.db import open_database

    open_database(str(db_path)).close()
    con = sqlite3.connect(db_path)
    con.execute("update alembic_version set version_num='9999'")
    con.commit()
    con.close()
    before = db_path.read_bytes()
    code, _, err = call(["--db", str(db_path), "meetings"], capsys)
    assert code == 1 and "9999" in err
    assert db_path.read_bytes() == before


def test_path_is_a_folder(tmp_path: Path, capsys) -> None:
    code, _, err = call(["--db", str(tmp_path), "meetings"], capsys)
    assert code == 1 and len(err.strip().splitlines()) == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_no_permission(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    code, _, err = call(["--db", str(folder / "x.sqlite"), "meetings"], capsys)
    assert code == 1 and "权限" in err


def test_usage_error_exit_2(capsys) -> None:
    code, _, _ = call(["no-such-command"], capsys)
    assert code == 2
    code, _, err = call(["--lang", "fr", "meetings"], capsys)
    assert code == 1 and "fr" in err


def test_demo_no_open_then_meetings(tmp_path: Path, capsys) -> None:
    path = tmp_path / "demo.sqlite"
    code, out, _ = call(["--db", str(path), "demo", "--no-open"], capsys)
    assert code == 0 and str(path) in out
    code, out, _ = call(["--lang", "en", "--db", str(path), "meetings"], capsys)
    assert code == 0
    assert "解放区“550”重点项目调度会" in out and "closed" in out and "planned" in out
    # Reopening keeps it; --reset recreates it.
    code, _, _ = call(["--db", str(path), "demo", "--no-open"], capsys)
    assert code == 0
    code, _, _ = call(["--db", str(path), "demo", "--reset", "--no-open"], capsys)
    assert code == 0


def test_demo_refuses_a_real_database(tmp_path: Path, capsys, db_path: Path) -> None:
    from tui550.core.db import open_database
    from tui550.core.store.units import add_unit

    db = open_database(str(db_path))
    add_unit(db, "真实单位")
    db.close()
    for args in (["demo", "--no-open"], ["demo", "--reset", "--no-open"]):
        code, _, err = call(["--db", str(db_path), *args], capsys)
        assert code == 1 and "演示" in err
    db = open_database(str(db_path))
    from tui550.core.store.units import find_unit

    assert find_unit(db, "真实单位") is not None
