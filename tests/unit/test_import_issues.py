"""Importing an existing issue list (问题清单) into a meeting."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from tests.support.ledger_files import ledger_rows, write_csv, write_xlsx
from tui550.core.db import Database
from tui550.core.domain import Kind, MeetingState, Status
from tui550.core.importing import import_ledger
from tui550.core.store import items, meetings

HEADER = ["序号", "项目名称", "存在问题", "问题类型", "责任单位", "解决措施", "完成时限", "状态"]


def _ledger(db: Database, tmp_path: Path) -> None:
    assert import_ledger(db, "projects", write_xlsx(tmp_path / "l.xlsx", ledger_rows(3))).ok


def test_issues_go_to_a_synthetic_import_meeting(db: Database, tmp_path: Path) -> None:
    _ledger(db, tmp_path)
    rows: list[list[Any]] = [
        ["问题清单"],
        HEADER,
        [
            1,
            "测试项目0001",
            "土地指标未落实",
            "土地",
            "区自然资源局、区住建局（配合）",
            "协调市局",
            "2026年7月底",
            "推进中",
        ],
        [2, "测试项目0002", "资金缺口3000万元", "资金", "区财政局", None, "2026.8", ""],
        [3, "测试项目0003", "已解决的问题", "前期手续", "区发改委", None, None, "已销号"],
    ]
    path = write_csv(tmp_path / "问题清单.csv", rows, "gbk")
    report = import_ledger(db, "issues", path, today=date(2026, 7, 10))
    assert report.ok and report.written and len(report.added) == 3
    meeting = meetings.get_meeting(db, report.meeting_id)  # type: ignore[arg-type]
    assert meeting.state is MeetingState.CLOSED and "问题清单.csv" in meeting.title
    assert meeting.date == date(2026, 7, 10)
    found = {i.text: i for i in items.meeting_items(db, meeting.id)}
    land = found["土地指标未落实"]
    assert land.kind is Kind.ISSUE and land.status is Status.IN_PROGRESS
    assert land.lead_unit is not None and land.lead_unit.name == "区自然资源局"
    assert [u.name for u in land.co_units] == ["区住建局"]
    assert land.due == date(2026, 7, 31) and land.category == "土地" and land.steps == "协调市局"
    funds = found["资金缺口3000万元"]
    assert funds.status is Status.OPEN and funds.due == date(2026, 8, 31)
    assert found["已解决的问题"].status is Status.CLOSED

    # Re-import: the same issues are updated, not added again.
    rows[2][7] = "已报完成"
    rows[3][6] = "2026年9月"
    again = import_ledger(
        db, "issues", write_csv(tmp_path / "问题清单.csv", rows, "gbk"), meeting_id=meeting.id
    )
    assert again.added == [] and len(again.updated) == 2 and again.unchanged == ["已解决的问题"]
    current = {i.text: i for i in items.meeting_items(db, meeting.id)}
    assert len(current) == 3 and current["土地指标未落实"].status is Status.REPORTED
    history = items.history_of(db, land.id)
    assert history[-1].changes["status"] == ["in_progress", "reported"]


def test_unknown_project_and_missing_text_are_problems(db: Database, tmp_path: Path) -> None:
    _ledger(db, tmp_path)
    rows: list[list[Any]] = [
        HEADER,
        [1, "没有这个项目", "问题甲", "", "区财政局", "", "", ""],
        [2, "测试项目0001", "", "", "区财政局", "", "", ""],
        [3, "测试项目0001", "问题乙", "", "区财政局", "", "某天", "看情况"],
    ]
    report = import_ledger(db, "issues", write_xlsx(tmp_path / "i.xlsx", rows, merge_title=False))
    assert not report.written
    assert {(p.row, p.key) for p in report.problems} == {
        (2, "import.unknown_project"),
        (3, "import.no_text"),
        (4, "import.bad_date"),
        (4, "import.bad_status"),
    }
    assert len(meetings.list_meetings(db)) == 0


def test_a_standing_deadline_in_the_list_is_kept_as_written(db: Database, tmp_path: Path) -> None:
    _ledger(db, tmp_path)
    rows: list[list[Any]] = [
        HEADER,
        [1, "测试项目0001", "每月通报征收进度", "其他", "区督查局", None, "每月底前", ""],
        [2, "测试项目0002", "常态化巡查工地", "其他", "区住建局", None, "2026年8月31日", ""],
    ]
    report = import_ledger(
        db, "issues", write_csv(tmp_path / "问题清单.csv", rows, "utf-8"), today=date(2026, 7, 10)
    )
    assert report.ok and len(report.added) == 2
    found = {i.text: i for i in items.meeting_items(db, report.meeting_id)}  # type: ignore[arg-type]
    monthly, patrol = found["每月通报征收进度"], found["常态化巡查工地"]
    assert (monthly.due, monthly.cadence) == (None, "每月底前")
    assert (patrol.due, patrol.cadence) == (date(2026, 8, 31), None)
    # Re-imported with the two swapped: each item holds one of them, never both.
    rows[1][6], rows[2][6] = "2026年9月30日", "长期坚持"
    again = import_ledger(
        db, "issues", write_csv(tmp_path / "问题清单.csv", rows, "utf-8"), meeting_id=report.meeting_id
    )
    assert len(again.updated) == 2
    found = {i.text: i for i in items.meeting_items(db, report.meeting_id)}  # type: ignore[arg-type]
    assert (found["每月通报征收进度"].due, found["每月通报征收进度"].cadence) == (date(2026, 9, 30), None)
    assert (found["常态化巡查工地"].due, found["常态化巡查工地"].cadence) == (None, "长期坚持")
