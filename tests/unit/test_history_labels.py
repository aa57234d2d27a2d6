"""An item's history reads in the interface language: field names, kinds and statuses by
their names, units and projects by name, never a stored id."""

from __future__ import annotations

import re
import uuid

import pytest

from tests.support.demo import DEMO_DAY
from tui550.core.domain import Kind
from tui550.core.history_labels import describe, ids_in, value_text
from tui550.core.store import items, meetings, units
from tui550.i18n import set_language

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-")


@pytest.fixture
def zh():
    set_language("zh")
    yield
    set_language("zh")


def test_fields_and_words_in_chinese(zh) -> None:
    unit, project = uuid.uuid4(), uuid.uuid4()
    names = {unit: "区住建局", project: "民主路棚户区改造"}
    assert describe("kind", "minute", "deadline", names) == ("类型", "纪要", "时间节点")
    assert describe("status", "open", "in_progress", names) == ("状态", "待办", "推进中")
    assert describe("project_id", None, str(project), names) == ("项目", "", "民主路棚户区改造")
    assert describe("co_units", [], [str(unit)], names) == ("配合单位", "", "区住建局")
    assert describe("lead_unit_id", str(unit), None, names) == ("牵头单位", "区住建局", "")
    assert describe("due", "2026-07-31", "2027-07-31", names) == ("时限", "2026年7月31日", "2027年7月31日")
    assert describe("escalation", 0, 2, names)[2] == "黄色督办"
    assert describe("deleted", False, True, names) == ("已删除", "否", "是")


def test_in_english_and_for_what_it_does_not_know(zh) -> None:
    set_language("en")
    assert describe("kind", "issue", "decision", {}) == ("kind", "issue", "decision")
    assert describe("due", None, "2027-07-31", {}) == ("due", "", "31 Jul 2027")
    # A unit nobody can name any more shows the start of its id; an unknown field as stored.
    gone = uuid.uuid4()
    assert value_text("lead_unit_id", str(gone), {}) == str(gone)[:8]
    assert describe("colour", "red", "blue", {}) == ("colour", "red", "blue")


def test_ids_in_values() -> None:
    one, two = uuid.uuid4(), uuid.uuid4()
    assert ids_in("co_units", [str(one), str(two)]) == [one, two]
    assert ids_in("project_id", str(one)) == [one]
    assert ids_in("text", str(one)) == []  # a text that looks like an id is text
    assert ids_in("co_units", ["not-an-id"]) == []


def test_a_history_read_from_the_store_names_units_and_projects(demo_db, zh) -> None:
    from tui550.app.screens.item_dialogs import history_text

    meeting = next(m for m in meetings.list_meetings(demo_db) if m.date == DEMO_DAY)
    project = meetings.agenda(demo_db, meeting.id)[0].project
    lead, co = units.find_unit(demo_db, "区住建局"), units.find_unit(demo_db, "民主街道")
    assert lead is not None and co is not None
    item = items.capture(
        demo_db, meeting_id=meeting.id, project_id=project.id, kind=Kind.MINUTE, text="协调电力接入"
    )
    items.update_item(
        demo_db,
        item.id,
        item.version,
        meeting_id=meeting.id,
        kind="deadline",
        lead_unit_id=lead.id,
        co_unit_ids=[co.id],
        status="open",
    )
    names = items.history_names(demo_db, items.history_of(demo_db, item.id))
    assert names[project.id] == project.name and names[lead.id] == "区住建局"
    body = history_text(demo_db, item.id, "Asia/Shanghai").plain
    assert "类型：纪要 → 时间节点" in body
    assert f"项目：{project.name}" in body
    assert "牵头单位：区住建局" in body and "配合单位：民主街道" in body
    assert not UUID.search(body) and "kind:" not in body and "project_id" not in body
