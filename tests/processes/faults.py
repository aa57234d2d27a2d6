"""Disk trouble on demand, real where the system allows it, injected where not.

- `small_tmpfs`: a real filesystem of a few hundred KB (root only; skipped otherwise),
  for a real "database or disk is full" and a real read-only remount.
- `writer_pragma`: a pragma on every writing connection (`query_only` gives SQLite's own
  "attempt to write a readonly database", `max_page_count` its own "disk is full").
- `sqlite_fails`: every statement fails with an `sqlite3.OperationalError` of our choosing
  ("disk I/O error"), raised where the driver would raise it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from tui550.core.db import Database


@contextlib.contextmanager
def small_tmpfs(parent: Path, size_kb: int = 512) -> Iterator[Path]:
    mount = parent / f"mnt-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small filesystem needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("mount is not permitted here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def remount(mount: Path, mode: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{mode}", str(mount)], check=True)


def fill(folder: Path) -> Path:
    """Fill the filesystem holding `folder`; returns the filler file to delete later."""
    filler = folder / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    block = b"\0" * 4096
    try:
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, block)
    finally:
        os.close(fd)
    return filler


@contextlib.contextmanager
def writer_pragma(db: Database, statement: str) -> Iterator[None]:
    def apply(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(statement)

    event.listen(db.writer, "connect", apply)
    db.writer.dispose()
    try:
        yield
    finally:
        event.remove(db.writer, "connect", apply)
        db.writer.dispose()


@contextlib.contextmanager
def sqlite_fails(db: Database, message: str = "disk I/O error") -> Iterator[None]:
    def fail(*_args: Any) -> None:
        raise sqlite3.OperationalError(message)

    event.listen(db.writer, "before_cursor_execute", fail)
    try:
        yield
    finally:
        event.remove(db.writer, "before_cursor_execute", fail)
