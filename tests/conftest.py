"""Shared fixtures: every test gets its own folder for settings and data (TUI550_HOME),
so nothing reads or writes a real user's files."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tui550.core.db import Database, open_database
from tui550.i18n import set_language

DEMO_DAY = date(2026, 7, 20)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("TUI550_HOME", str(home))
    for var in ("TUI550_DB", "TUI550_LANG", "TUI550_USER", "TUI550_TZ"):
        monkeypatch.delenv(var, raising=False)
    set_language("zh")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "t.sqlite"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(str(db_path), who="测试员")
    yield database
    database.close()


@pytest.fixture
def demo_db(db: Database) -> Database:
    from tui550.core.demo import build_demo

    build_demo(db, DEMO_DAY)
    return db
