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


@pytest.fixture
def frozen_clock():
    from datetime import UTC, datetime

    from tui550.core.clock import FrozenClock

    # 09:30 in the district (UTC+8) on the demo day.
    return FrozenClock(datetime(DEMO_DAY.year, DEMO_DAY.month, DEMO_DAY.day, 1, 30, tzinfo=UTC))


@pytest.fixture
def make_demo_app(demo_db: Database, frozen_clock):
    """Build the app on the demo meeting, frozen at 09:30 on the demo day."""
    from tui550.app.main import make_app
    from tui550.core.events import EventLog
    from tui550.core.settings import Settings
    from tui550.core.store import meetings

    def build(lang: str = "zh", *, open_meeting: bool = True, events_path: Path | None = None):
        meeting = next(m for m in meetings.list_meetings(demo_db) if m.date == DEMO_DAY)
        settings = Settings(lang=lang, user="测试员", path=Path(demo_db.url[10:]).with_name("s.toml"))
        return make_app(demo_db, settings, meeting_id=meeting.id if open_meeting else None,
                        clock=frozen_clock, events=EventLog(events_path))

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
