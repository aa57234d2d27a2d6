"""Preparing a meeting: agenda rules, editing the agenda, attendance, project edits."""

from __future__ import annotations

from datetime import date

import pytest

from tui550.core.db import Database
from tui550.core.domain import Kind, MeetingState
from tui550.core.errors import ConflictError, UserError
from tui550.core.store import agenda as ag
from tui550.core.store import items, meetings, projects, units

TODAY = date(2026, 7, 20)


@pytest.fixture
def ledger(db: Database):
    west = units.add_unit(db, "焦西街道")
    south = units.add_unit(db, "焦南街道")
    housing = units.add_unit(db, "区住建局")
    money = units.add_unit(db, "区财政局")
    a = projects.add_project(
        db, "甲", code="A1", category="产业", street_id=south.id, lead_unit_id=housing.id
    )
    b = projects.add_project(
        db, "乙", code="A2", category="民生", street_id=west.id, lead_unit_id=money.id, unit_ids=[housing.id]
    )
    c = projects.add_project(db, "丙", code="A3", category="产业", street_id=west.id, lead_unit_id=money.id)
    old = meetings.create_meeting(
        db,
        "上次",
        date(2026, 7, 6),
        project_ids=[a.id, b.id, c.id],
        attendees="区领导",
        chair="张三",
        place="三楼会议室",
        non_voting="各街道",
    )
    items.capture(db, meeting_id=old.id, project_id=b.id, kind=Kind.ISSUE, text="逾期", due=date(2026, 7, 10))
    items.capture(
        db, meeting_id=old.id, project_id=c.id, kind=Kind.DECISION, text="未到期", due=date(2026, 8, 1)
    )
    return a, b, c, housing, old


def test_rules(db: Database, ledger) -> None:
    a, b, c, housing, _ = ledger
    ids = lambda plan: [e.project_id for e in plan]  # noqa: E731
    assert ids(ag.plan_agenda(db, "all", today=TODAY)) == [a.id, b.id, c.id]
    attention = ag.plan_agenda(db, "attention", today=TODAY)
    assert ids(attention) == [b.id, c.id, a.id]
    assert (attention[0].open_items, attention[0].overdue_items) == (1, 1)
    assert ids(ag.plan_agenda(db, "street", street="焦西街道", today=TODAY)) == [b.id, c.id]
    assert ids(ag.plan_agenda(db, "street", today=TODAY)) == [a.id, b.id, c.id]  # 焦南 < 焦西
    assert ids(ag.plan_agenda(db, "unit", unit_id=housing.id, today=TODAY)) == [a.id, b.id]
    assert ids(ag.plan_agenda(db, "category", category="产业", today=TODAY)) == [a.id, c.id]
    boxes = ag.plan_agenda(db, "all", time_box_minutes=4, time_boxes={b.id: 600}, today=TODAY)
    assert [e.time_box_s for e in boxes] == [240, 600, 240]


def test_attendance_copied_from_the_last_meeting_that_has_it(db: Database, ledger) -> None:
    *_, old = ledger
    meetings.create_meeting(db, "导入", date(2026, 7, 15))
    got = ag.copy_attendance_from_last(db)
    assert got is not None and got.meeting_id == old.id
    assert (got.attendees, got.chair, got.place, got.non_voting) == ("区领导", "张三", "三楼会议室", "各街道")


def test_editing_an_agenda_keeps_the_wall_on_its_project(db: Database, ledger) -> None:
    a, _b, _c, _, old = ledger
    d = projects.add_project(db, "丁")
    meetings.start_meeting(db, old.id)
    meetings.set_position(db, old.id, 2)  # the wall shows 乙
    entry = ag.add_to_agenda(db, old.id, d.id, position=1, time_box_s=120)
    assert entry.position == 1 and entry.time_box_s == 120
    names = lambda: [e.project.name for e in meetings.agenda(db, old.id)]  # noqa: E731
    assert names() == ["丁", "甲", "乙", "丙"]
    assert meetings.get_meeting(db, old.id).current_position == 3
    with pytest.raises(UserError):
        ag.add_to_agenda(db, old.id, d.id)
    moved = ag.move_agenda_entry(db, entry.id, 99)
    assert [e.project.name for e in moved] == ["甲", "乙", "丙", "丁"]
    assert [e.position for e in moved] == [1, 2, 3, 4]
    assert meetings.get_meeting(db, old.id).current_position == 2
    assert ag.set_time_box(db, entry.id, 90).time_box_s == 90
    with pytest.raises(UserError):
        ag.set_time_box(db, entry.id, 0)
    left = ag.remove_from_agenda(db, moved[0].id)
    assert [e.project.name for e in left] == ["乙", "丙", "丁"]
    assert meetings.get_meeting(db, old.id).current_position == 1
    assert [h.action for h in items.history_of(db, entry.id)] == ["create", "move", "time_box"]
    closed = meetings.close_meeting(db, old.id)
    assert closed.state is MeetingState.CLOSED
    with pytest.raises(UserError):
        ag.add_to_agenda(db, old.id, a.id)


def test_project_edits(db: Database, ledger) -> None:
    a, _b, _, housing, _ = ledger
    money = units.find_unit(db, "区财政局")
    assert money is not None
    changed = projects.update_project(db, a.id, a.version, name=" 甲（新） ", planned_end=date(2027, 6, 30))
    assert changed.name == "甲（新）" and changed.version == a.version + 1
    with pytest.raises(ConflictError):
        projects.update_project(db, a.id, a.version, leader="李四")
    with pytest.raises(UserError):
        projects.update_project(db, a.id, changed.version, name="  ")
    with_units = projects.add_project_units(db, a.id, [money.id, housing.id, money.id])
    assert [u.name for u in with_units.units] == ["区财政局", "区住建局"]
    fewer = projects.remove_project_units(db, a.id, [money.id])
    assert [u.name for u in fewer.units] == ["区住建局"]
    actions = [h.action for h in items.history_of(db, a.id)]
    assert actions == ["create", "update", "units", "units"]
