"""Below the UI: the filter line, the project form, the phase template line, the meeting
that ledger edits belong to, and per-project time boxes."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.demo import DEMO_DAY
from tui550.core.domain import MeetingState
from tui550.core.errors import UserError
from tui550.core.project_filter import filter_projects, parse_filter
from tui550.core.project_form import form_changes, form_values
from tui550.core.scheduling import DEFAULT_PHASES, Phase, parse_phases_text, phases_text
from tui550.core.store import meetings, projects, units
from tui550.core.store.meetings import create_meeting
from tui550.core.store.upkeep_meeting import meeting_for_ledger_edits


def test_filter_words_and_fields(demo_db) -> None:
    every = projects.list_projects(demo_db)
    assert filter_projects(every, "   ") == every
    assert [p.code for p in filter_projects(every, "jf-00 棚户")] == ["JF-002"]
    # Full-width colon, short unit names without 区, several fields at once.
    found = filter_projects(every, "单位：住建局 类别:民生 街道:王褚")
    assert [p.name for p in found] == ["王褚安置房三期"]
    assert {p.status for p in filter_projects(every, "状态:前期")} == {"前期"}
    assert filter_projects(every, "street:") == every  # a prefix still being typed
    assert parse_filter("街道:民主 x").street == ("民主",) and parse_filter("街道:民主 x").words == ("x",)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_filter_never_fails_and_only_narrows(line: str) -> None:
    from tui550.core.domain import ProjectView, UnitKind, UnitView

    unit = UnitView(id=__import__("uuid").uuid4(), name="区住建局", kind=UnitKind.DEPARTMENT)
    p = ProjectView(
        id=unit.id,
        code="A-1",
        name="[red]x[/] =SUM(A1)",
        category="民生",
        street="民主街道",
        leader=None,
        lead_unit=unit,
        units=(),
        investment_total=None,
        investment_year=None,
        annual_target=None,
        content=None,
        planned_start=None,
        planned_end=None,
        status=None,
        version=1,
    )
    assert filter_projects([p], line) in ([], [p])


def test_form_changes_reads_like_the_import(demo_db) -> None:
    project = next(p for p in projects.list_projects(demo_db) if p.code == "JF-001")
    unit_list = units.list_units(demo_db)
    values = form_values(project)
    assert form_changes(project, values, unit_list) == {}
    values.update(
        lead_unit="住建", street="民主", investment_total="9亿元", planned_end="2027年6月", status=""
    )
    changes = form_changes(project, values, unit_list)
    names = {u.id: u.name for u in unit_list}
    assert names[changes["lead_unit_id"]] == "区住建局" and names[changes["street_id"]] == "民主街道"
    assert changes["investment_total"] == 90000 and changes["planned_end"] == date(2027, 6, 30)
    assert changes["status"] is None and set(changes) == {
        "lead_unit_id",
        "street_id",
        "investment_total",
        "planned_end",
        "status",
    }


@pytest.mark.parametrize(
    ("field", "value", "key"),
    [
        ("investment_year", "很多", "lui.form.bad_number"),
        ("planned_start", "明年吧", "lui.form.bad_date"),
        ("planned_start", "2028-01-01", "lui.form.start_after_end"),
        ("lead_unit", "焦东", "parse.unit.unknown_suggest"),
        ("name", "  ", "project.empty_name"),
    ],
)
def test_form_refuses_with_the_field_named(demo_db, field: str, value: str, key: str) -> None:
    project = next(p for p in projects.list_projects(demo_db) if p.code == "JF-001")
    values = {**form_values(project), field: value}
    with pytest.raises(UserError) as caught:
        form_changes(project, values, units.list_units(demo_db))
    assert caught.value.key == key and caught.value.remedy


def test_phase_template_line_round_trips() -> None:
    assert parse_phases_text(phases_text(DEFAULT_PHASES)) == DEFAULT_PHASES
    assert parse_phases_text("前期 30天；开工：0\n主体 200 days") == (
        Phase("前期", 30),
        Phase("开工", 0),
        Phase("主体", 200),
    )
    for bad in ("前期", "前期 30, 前期 40", "", "前期 99999"):
        with pytest.raises(UserError):
            parse_phases_text(bad)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(alphabet="前期开工主体竣工验收投产ab x", min_size=1, max_size=8)
            .map(str.strip)
            .filter(bool),
            st.integers(0, 3650),
        ),
        min_size=1,
        max_size=6,
        unique_by=lambda p: p[0],
    )
)
def test_any_template_line_round_trips(phases: list[tuple[str, int]]) -> None:
    template = tuple(Phase(n, d) for n, d in phases)
    assert parse_phases_text(phases_text(template)) == template


def test_ledger_edits_go_to_the_meeting_in_progress_else_one_upkeep_meeting_a_day(demo_db) -> None:
    first = meeting_for_ledger_edits(demo_db, DEMO_DAY)
    assert first.state is MeetingState.CLOSED and first.date == DEMO_DAY
    assert meeting_for_ledger_edits(demo_db, DEMO_DAY).id == first.id
    tomorrow = meeting_for_ledger_edits(demo_db, date(2026, 7, 21))
    assert tomorrow.id != first.id
    live = next(
        m
        for m in meetings.list_meetings(demo_db)
        if m.date == DEMO_DAY and m.state is not MeetingState.CLOSED and m.id != first.id
    )
    meetings.start_meeting(demo_db, live.id)
    assert meeting_for_ledger_edits(demo_db, DEMO_DAY).id == live.id
    # Upkeep meetings hold no attendance, so preparing the next meeting passes them over.
    from tui550.core.store.agenda import copy_attendance_from_last

    copied = copy_attendance_from_last(demo_db)
    assert copied is not None and copied.meeting_id not in (first.id, tomorrow.id)


def test_create_meeting_with_time_boxes_per_project(demo_db) -> None:
    ids = [p.id for p in projects.list_projects(demo_db)[:3]]
    made = create_meeting(
        demo_db, "专题调度会", DEMO_DAY, project_ids=ids, time_box_s=300, time_boxes={ids[1]: 600}
    )
    assert [a.time_box_s for a in meetings.agenda(demo_db, made.id)] == [300, 600, 300]
