"""Merging the names of one unit, and aliases."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from tui550.core.db import Database
from tui550.core.domain import Kind
from tui550.core.errors import UserError
from tui550.core.models import ItemUnit, ProjectUnit, Unit
from tui550.core.store import items, meetings, projects, units


def test_merge_moves_every_link_and_keeps_names(db: Database) -> None:
    keep = units.add_unit(db, "区住建局")
    short = units.add_unit(db, "住建局", aliases=["建设局"])
    long = units.add_unit(db, "区住房和城乡建设局")
    other = units.add_unit(db, "区财政局")
    p1 = projects.add_project(db, "甲", lead_unit_id=short.id, unit_ids=[long.id, other.id])
    p2 = projects.add_project(db, "乙", lead_unit_id=other.id, unit_ids=[keep.id, short.id])
    m = meetings.create_meeting(db, "会", date(2026, 7, 5), project_ids=[p1.id])
    issue = items.capture(
        db,
        meeting_id=m.id,
        project_id=p1.id,
        kind=Kind.ISSUE,
        text="问题",
        lead_unit_id=long.id,
        co_unit_ids=[short.id, other.id],
    )
    merged = units.merge_units(db, keep.id, [short.id, long.id])
    assert set(merged.aliases) == {"住建局", "建设局", "区住房和城乡建设局"}
    assert [u.name for u in units.list_units(db)] == sorted(["区住建局", "区财政局"])
    found = units.find_unit(db, "建设局")
    assert found is not None and found.id == keep.id
    v1, v2 = projects.get_project(db, p1.id), projects.get_project(db, p2.id)
    assert v1.lead_unit is not None and v1.lead_unit.id == keep.id
    assert [u.id for u in v1.units] == [other.id]
    assert [u.id for u in v2.units] == [keep.id]  # not listed twice
    assert v1.version == p1.version + 1
    moved = items.get_item(db, issue.id)
    assert moved.lead_unit is not None and moved.lead_unit.id == keep.id
    assert [u.id for u in moved.co_units] == [other.id]
    with db.read() as session:
        row = session.get(Unit, short.id)
        assert row is not None and row.merged_into_id == keep.id
        assert not session.exec(select(ProjectUnit).where(ProjectUnit.unit_id == short.id)).all()
        assert not session.exec(select(ItemUnit).where(ItemUnit.unit_id == long.id)).all()
    assert [h.action for h in items.history_of(db, short.id)] == ["create", "merge"]
    assert "merge_units" in [h.action for h in items.history_of(db, issue.id)]
    with pytest.raises(UserError):
        units.merge_units(db, keep.id, [short.id])  # already merged
    with pytest.raises(UserError):
        units.merge_units(db, keep.id, [keep.id])


def test_aliases(db: Database) -> None:
    a = units.add_unit(db, "区发改委")
    b = units.add_unit(db, "区财政局")
    assert units.add_alias(db, a.id, "发改委").aliases == ("发改委",)
    found = units.find_unit(db, "发改委")
    assert found is not None and found.id == a.id
    assert units.add_alias(db, a.id, "发改委").aliases == ("发改委",)  # again: nothing new
    with pytest.raises(UserError) as err:
        units.add_alias(db, b.id, "发 改 委")
    assert err.value.key == "ledger.unit.name_taken.alias"
