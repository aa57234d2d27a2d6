"""`tui550 meeting start|delete|undelete`, `tui550 meetings` with its records apart, and a
bare `tui550` that finds a meeting left running in the demo database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.support.cli import call
from tui550.core.db import open_database
from tui550.core.domain import Kind, MeetingState
from tui550.core.store import items, meetings
from tui550.core.store.upkeep_meeting import meeting_for_ledger_edits


@pytest.fixture
def real(tmp_path: Path) -> Path:
    path = tmp_path / "tui550.sqlite"
    db = open_database(str(path), who="测试员")
    held = meetings.start_meeting(
        db, meetings.create_meeting(db, "第14期调度会", date(2026, 7, 6), issue_no="第14期").id
    )
    items.capture(db, meeting_id=held.id, project_id=None, kind=Kind.MINUTE, text="讲话")
    meetings.close_meeting(db, held.id)
    meetings.create_meeting(db, "第15期调度会", date(2026, 7, 20), issue_no="第15期")
    upkeep = meeting_for_ledger_edits(db, date(2026, 7, 10))
    items.capture(db, meeting_id=upkeep.id, project_id=None, kind=Kind.DEADLINE, text="节点")
    db.close()
    return path


def _db(path: Path):
    return open_database(str(path), who="测试员")


def test_meetings_lists_issue_numbers_and_keeps_records_apart(real: Path, capsys) -> None:
    code, out, _ = call(["--db", str(real), "meetings"], capsys)
    assert code == 0
    listed, records = out.split("台账维护与清单导入记录")
    assert "第14期" in listed and "第15期" in listed and "台账维护（" not in listed
    assert "台账维护（" in records and "第1" not in records


def test_start_a_prepared_meeting_then_a_second_is_refused(real: Path, capsys) -> None:
    code, out, _ = call(["--db", str(real), "meeting", "start", "2026-07-20", "--no-open"], capsys)
    assert code == 0 and "第15期调度会" in out
    db = _db(real)
    other = meetings.create_meeting(db, "专题会", date(2026, 7, 21))
    db.close()
    code, _, err = call(["--db", str(real), "meeting", "start", other.short_id, "--no-open"], capsys)
    assert code == 1 and "第15期调度会" in err and "--alongside" in err
    code, _, _ = call(
        ["--db", str(real), "meeting", "start", other.short_id, "--no-open", "--alongside"], capsys
    )
    assert code == 0
    db = _db(real)
    assert meetings.get_meeting(db, other.id).state is MeetingState.IN_PROGRESS
    db.close()


def test_delete_needs_yes_when_it_holds_items_and_undelete_brings_it_back(real: Path, capsys) -> None:
    db = _db(real)
    held = meetings.select_meeting(db, "2026-07-06")
    db.close()
    code, _, err = call(["--db", str(real), "meeting", "delete", "latest"], capsys)
    assert code == 1 and "1 条事项" in err and "--yes" in err  # not a terminal: no prompt
    code, out, _ = call(["--db", str(real), "meeting", "delete", "latest", "--yes"], capsys)
    assert code == 0 and f"tui550 meeting undelete {held.short_id}" in out
    code, _, err = call(
        ["--db", str(real), "export", "latest", "-f", "md", "--out", str(real.parent / "x.md")], capsys
    )
    assert code == 1  # nothing held with items is left
    code, out, _ = call(["--db", str(real), "meeting", "undelete", held.short_id], capsys)
    assert code == 0 and "1 条事项" in out
    db = _db(real)
    assert meetings.select_meeting(db, "latest").id == held.id
    db.close()


def test_a_meeting_running_in_the_demo_is_pointed_to(tmp_path: Path, capsys) -> None:
    from tui550.cli.context import Ctx
    from tui550.cli.opening import demo_notice
    from tui550.core.settings import Settings

    real = tmp_path / "tui550.sqlite"
    ctx = Ctx(
        settings=Settings(lang="zh", user="t", path=None), db_arg=str(real), events_path=None, debug=False
    )
    assert demo_notice(ctx) is None  # no demo database
    code, _, _ = call(["--db", str(tmp_path / "demo.sqlite"), "demo", "--no-open"], capsys)
    assert code == 0
    assert demo_notice(ctx) is None  # the demo's meeting is prepared, not running
    demo = _db(tmp_path / "demo.sqlite")
    running = meetings.start_meeting(demo, meetings.list_meetings(demo)[0].id)
    demo.close()
    notice = demo_notice(ctx)
    assert notice is not None and running.title in notice and "tui550 demo" in notice
