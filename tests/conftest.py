"""Shared fixtures: every test gets its own folder for settings and data (TUI550_HOME),
so nothing reads or writes a real user's files.

Storage tests take `db` (or `db_url`), which runs them twice: on a SQLite file
and on a fresh PostgreSQL database. The PostgreSQL one is copied (CREATE DATABASE
... TEMPLATE) from a database migrated once per test session, then emptied and
reused by the next test, so each test starts from an empty schema at head without
migrating again. Without TUI550_TEST_PG_URL (`bash .ci/services start`
writes it to .ci/.pg-env) the PostgreSQL runs skip.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.demo import DEMO_DAY
from tests.support.pg_server import PgServer
from tui550.core.db import Database, open_database
from tui550.i18n import set_language

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("TUI550_HOME", str(home))
    for var in ("TUI550_DB", "TUI550_LANG", "TUI550_USER", "TUI550_TZ"):
        monkeypatch.delenv(var, raising=False)
    set_language("zh")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    url = os.environ.get("TUI550_TEST_PG_URL")
    if not url:
        pytest.skip("no PostgreSQL server (TUI550_TEST_PG_URL unset; run bash .ci/services start)")
    server = PgServer(url)
    yield server
    server.close()


@pytest.fixture(scope="session")
def pg_template(pg_server: PgServer) -> str:
    """A database migrated to head once per session (per xdist worker), copied by each test."""
    name = pg_server.create()
    open_database(pg_server.url(name)).close()
    return name


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    open_database(str(path)).close()
    return path


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "t.sqlite"


# The app's screens (modules named `test_app*` and `test_snapshots*`) are tested on SQLite
# only: what they show comes through the same storage functions, which the storage tests
# run on both backends. Any other module that needs one backend says so with `sqlite_only`
# (the command-line tests that hand the CLI a database file by its path, for instance).
SCREEN_TEST_PREFIXES = ("test_app", "test_snapshots")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        screens = metafunc.module.__name__.rsplit(".", 1)[-1].startswith(SCREEN_TEST_PREFIXES)
        if not screens and metafunc.definition.get_closest_marker("sqlite_only") is None:
            metafunc.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def db_url(backend: str, db_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """Where a test's database lives, on each backend; the schema is at head."""
    if backend == "sqlite":
        shutil.copyfile(request.getfixturevalue("sqlite_template"), db_path)
        db_path.chmod(0o600)
        yield str(db_path)
        return
    server: PgServer = request.getfixturevalue("pg_server")
    name = server.reuse(template=request.getfixturevalue("pg_template"))
    yield server.url(name)
    server.give_back(name)


@pytest.fixture
def empty_db_url(backend: str, db_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """An empty database on each backend, for tests of creating the schema."""
    if backend == "sqlite":
        yield str(db_path)
        return
    server: PgServer = request.getfixturevalue("pg_server")
    name = server.create()
    yield server.url(name)
    server.drop(name)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url, who="测试员")
    yield database
    database.close()


@pytest.fixture
def sqlite_db(db_path: Path) -> Iterator[Database]:
    """For the few tests of SQLite itself (pragmas, file modes)."""
    database = open_database(str(db_path), who="测试员")
    yield database
    database.close()


@pytest.fixture
def demo_db(db: Database) -> Database:
    from tui550.core.demo import build_demo

    build_demo(db, DEMO_DAY)
    return db


@pytest.fixture
def frozen_clock():
    from datetime import UTC, datetime

    from tui550.core.clock import FrozenClock

    # 09:30 in the district (UTC+8) on the demo day.
    return FrozenClock(datetime(DEMO_DAY.year, DEMO_DAY.month, DEMO_DAY.day, 1, 30, tzinfo=UTC))


@pytest.fixture
def make_demo_app(demo_db: Database, frozen_clock, tmp_path: Path):
    """Build the app on the demo meeting, frozen at 09:30 on the demo day."""
    from tui550.app.main import make_app
    from tui550.core.events import EventLog
    from tui550.core.settings import Settings
    from tui550.core.store import meetings

    def build(lang: str = "zh", *, open_meeting: bool = True, events_path: Path | None = None):
        meeting = next(m for m in meetings.list_meetings(demo_db) if m.date == DEMO_DAY)
        settings = Settings(lang=lang, user="测试员", path=tmp_path / "settings.toml")
        return make_app(
            demo_db,
            settings,
            meeting_id=meeting.id if open_meeting else None,
            clock=frozen_clock,
            events=EventLog(events_path),
        )

    return build


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Long runs (`slow`) only when asked for with `-m slow`: CI stays within its budget."""
    if "slow" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="long run: select it with -m slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def _hypothesis_profiles() -> None:
    """`ci` (the default) tries 2,000 examples a property, `full` 10,000 (HYPOTHESIS_PROFILE=full).
    Tests that fix their own `max_examples` keep it."""
    import os

    from hypothesis import HealthCheck, settings

    quiet = [HealthCheck.too_slow, HealthCheck.data_too_large]
    settings.register_profile("ci", max_examples=2000, deadline=None, suppress_health_check=quiet)
    settings.register_profile("full", max_examples=10_000, deadline=None, suppress_health_check=quiet)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


_hypothesis_profiles()
