"""Corrupt and foreign databases are refused with a clear message and left byte-identical,
together with any -wal/-shm beside them; a WAL left by a killed tui550 is recovered."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.cli import call
from tests.support.demo import DEMO_DAY
from tui550.core.db import inspect_sqlite, open_database

# Broken and foreign files are SQLite's.
pytestmark = pytest.mark.sqlite_only


def _ours(path: Path) -> bytes:
    from tui550.core.demo import build_demo

    db = open_database(str(path))
    build_demo(db, DEMO_DAY)
    db.close()
    return path.read_bytes()


def truncated(path: Path) -> None:
    whole = _ours(path)
    path.write_bytes(whole[: len(whole) // 3])


def truncated_mid_page(path: Path) -> None:
    whole = _ours(path)
    path.write_bytes(whole[: 4096 * 2 + 100])


def header_then_garbage(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(20_000))


def valid_header_garbage_pages(path: Path) -> None:
    whole = _ours(path)
    path.write_bytes(whole[:100] + os.urandom(len(whole) - 100))


def random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(4096 * 3))


def text_file(path: Path) -> None:
    path.write_text("项目名称,牵头单位\n解放区中医院门诊楼,区卫健委\n", encoding="utf-8")


def foreign_in_wal_mode_with_leftovers(path: Path) -> None:
    """Another program's database, killed mid-write: its -wal still holds committed pages."""
    con = sqlite3.connect(path)
    con.execute("pragma journal_mode=wal")
    con.execute("pragma wal_autocheckpoint=0")
    con.execute("create table notes(body text)")
    con.executemany("insert into notes values (?)", [("x" * 500,)] * 50)
    con.commit()
    # Copy the files while the connection is open: exactly what a kill leaves behind.
    for suffix in ("", "-wal", "-shm"):
        shutil.copy(str(path) + suffix, str(path) + suffix + ".keep")
    con.close()
    for suffix in ("", "-wal", "-shm"):
        os.replace(str(path) + suffix + ".keep", str(path) + suffix)


def ours_with_garbage_wal(path: Path) -> None:
    _ours(path)
    Path(str(path) + "-wal").write_bytes(os.urandom(8192))


BROKEN: dict[str, tuple[Callable[[Path], None], str]] = {
    "truncated": (truncated, "Not a database file"),
    "truncated_mid_page": (truncated_mid_page, "Not a database file"),
    "header_then_garbage": (header_then_garbage, "Not a database file"),
    "valid_header_garbage_pages": (valid_header_garbage_pages, "Not a database file"),
    "random_bytes": (random_bytes, "Not a database file"),
    "text_file": (text_file, "Not a database file"),
    "foreign_wal": (foreign_in_wal_mode_with_leftovers, "another program"),
}


def _files(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.parent.glob(path.name + "*"))}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_refused_clearly_and_left_untouched(tmp_path: Path, capsys, case: str) -> None:
    path = tmp_path / "broken.sqlite"
    make, message = BROKEN[case]
    make(path)
    before = _files(path)
    code, _, err = call(["--lang", "en", "--db", str(path), "meetings"], capsys)
    assert code == 1, err
    lines = err.strip().splitlines()
    assert len(lines) == 2 and message in lines[0] and "Traceback" not in err
    assert _files(path) == before


def test_a_garbage_wal_beside_our_database_is_ignored_not_fatal(tmp_path: Path) -> None:
    # SQLite checks WAL frame checksums: frames that do not verify are not replayed.
    path = tmp_path / "m.sqlite"
    ours_with_garbage_wal(path)
    db = open_database(str(path))
    from tui550.core.store import meetings

    assert len(meetings.list_meetings(db)) >= 2
    db.close()
    with sqlite3.connect(path) as con:
        assert con.execute("pragma integrity_check").fetchone() == ("ok",)


def test_inspect_never_writes(tmp_path: Path) -> None:
    path = tmp_path / "f.sqlite"
    foreign_in_wal_mode_with_leftovers(path)
    before = _files(path)
    assert inspect_sqlite(path)[0] == "foreign"
    assert _files(path) == before
