"""The store is handed one settings object (`Rules`: zone, yellow days, escalation
thresholds) and one clock when the database is opened, and reads "today" only from them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from tui550.core.clock import FrozenClock
from tui550.core.db import Database, open_database
from tui550.core.domain import Kind, Light
from tui550.core.followup.rules import Escalation, Rules
from tui550.core.settings import Settings
from tui550.core.store import meetings, supervision
from tui550.core.store.followup import rules_for
from tui550.core.store.items import capture

# Far from the wall clock, so that a read of the machine's time would be seen.
LATE_EVENING_UTC = datetime(2031, 3, 9, 17, 30, tzinfo=UTC)  # 3月10日 01:30 in Shanghai


def test_the_database_judges_by_the_settings_and_the_clock_it_was_opened_with(db_path: Path) -> None:
    rules = Rules.from_settings(Settings(tz="Asia/Shanghai", yellow_days=5, escalate_red_days=9))
    db = open_database(str(db_path), who="测试员", rules=rules, clock=FrozenClock(LATE_EVENING_UTC))
    try:
        assert (db.tz, db.yellow_days) == ("Asia/Shanghai", 5)
        assert db.today() == date(2031, 3, 10)  # the district's date, not UTC's
        assert rules_for(db) is rules
        assert rules_for(db, Rules()) == Rules()  # a caller's own rules still win
    finally:
        db.close()


def test_the_board_reads_today_from_the_injected_clock(db: Database) -> None:
    db.clock = FrozenClock(LATE_EVENING_UTC)
    meeting = meetings.create_meeting(db, "调度会", date(2031, 2, 1))
    late = capture(
        db, meeting_id=meeting.id, project_id=None, kind=Kind.ISSUE, text="逾期", due=date(2031, 2, 20)
    )
    soon = capture(
        db, meeting_id=meeting.id, project_id=None, kind=Kind.ISSUE, text="临期", due=date(2031, 3, 12)
    )
    rows = {r.item.id: r for r in supervision.supervision_rows(db)}
    assert rows[late.id].light is Light.RED and rows[late.id].days_overdue == 18
    assert rows[late.id].escalation is Escalation.RED
    assert rows[soon.id].light is Light.YELLOW
    assert [r.item.id for r in supervision.supervision_rows(db, light=Light.RED)] == [late.id]


def test_the_app_hands_its_settings_and_its_clock_to_the_store(db: Database) -> None:
    from tui550.app.main import make_app

    make_app(
        db, Settings(user="测试员", yellow_days=6, escalate_red_days=9), clock=FrozenClock(LATE_EVENING_UTC)
    )
    assert (db.rules.yellow_days, db.rules.escalate_red_days) == (6, 9)
    assert db.today() == date(2031, 3, 10)
