"""Backward scheduling (倒排工期): the pure plan and the deadlines it writes."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from tui550.core.db import Database
from tui550.core.domain import Kind, Status
from tui550.core.errors import UserError
from tui550.core.scheduling import (
    DEFAULT_PHASES,
    Phase,
    create_backward_deadlines,
    get_phase_template,
    plan_backwards,
    save_phase_template,
)
from tui550.core.store import items, meetings, projects, units

PHASES = (
    Phase("前期手续", 30),
    Phase("开工", 0),
    Phase("主体施工", 100),
    Phase("竣工验收", 10),
    Phase("投产", 20),
)


def test_plan_back_to_back_from_the_end() -> None:
    plan = plan_backwards(date(2026, 12, 31), PHASES, today=date(2026, 7, 25))
    assert plan[0].latest_start == date(2026, 7, 24) and plan[1].latest_start == date(2026, 8, 23)
    # Each phase ends the day before the next starts, the last ends on the fixed date.
    assert plan[-1].latest_end == date(2026, 12, 31)
    assert plan[-1].latest_start == date(2026, 12, 12)
    for before, after in itertools.pairwise(plan):
        assert (after.latest_start - before.latest_end).days == 1
    for phase in plan:
        assert (phase.latest_end - phase.latest_start).days == max(phase.days - 1, 0)
    assert [p.late for p in plan] == [True, False, False, False, False]


def test_anchor_on_completion_lays_later_phases_forward() -> None:
    plan = plan_backwards(date(2026, 10, 31), PHASES, today=date(2026, 1, 1), anchor="竣工")
    by_name = {p.name: p for p in plan}
    assert by_name["竣工验收"].latest_end == date(2026, 10, 31)
    production = by_name["投产"]
    assert production.latest_start == date(2026, 11, 1) and production.latest_end == date(2026, 11, 20)
    assert not any(p.late for p in plan)
    with pytest.raises(UserError):
        plan_backwards(date(2026, 10, 31), PHASES, today=date(2026, 1, 1), anchor="没有")


def test_bad_templates_are_refused() -> None:
    for phases in ([], [Phase("", 3)], [Phase("甲", 3), Phase("甲", 4)], [Phase("甲", -1)]):
        with pytest.raises(UserError):
            plan_backwards(date(2026, 1, 1), phases, today=date(2026, 1, 1))


def test_template_is_saved_in_settings(db: Database) -> None:
    assert get_phase_template(db) == DEFAULT_PHASES
    save_phase_template(db, PHASES)
    assert get_phase_template(db) == PHASES


def test_deadlines_written_and_moved_on_replanning(db: Database) -> None:
    lead = units.add_unit(db, "区工信局")
    project = projects.add_project(db, "产业园", lead_unit_id=lead.id)
    m = meetings.create_meeting(db, "会", date(2026, 7, 5), project_ids=[project.id])
    made = create_backward_deadlines(
        db, project.id, m.id, date(2026, 12, 31), today=date(2026, 7, 30), phases=PHASES
    )
    assert [p.name for _, p in made] == [p.name for p in PHASES]
    late = [p.name for _, p in made if p.late]
    assert late == ["前期手续"]
    deadlines = items.items_for(db, m.id, project.id)
    assert len(deadlines) == 5 and all(d.kind is Kind.DEADLINE and d.status is Status.OPEN for d in deadlines)
    assert all(d.lead_unit and d.lead_unit.id == lead.id for d in deadlines)
    assert {d.due for d in deadlines} == {p.latest_end for _, p in made}
    again = create_backward_deadlines(
        db, project.id, m.id, date(2027, 3, 31), today=date(2026, 7, 5), phases=PHASES
    )
    assert [i for i, _ in again] == [i for i, _ in made]
    assert len(items.items_for(db, m.id, project.id)) == 5
    last = items.get_item(db, again[-1][0])
    assert last.due == date(2027, 3, 31) and last.version == 2
