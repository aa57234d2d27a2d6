"""Where a standing deadline (每周五, 每月底前, 长期坚持) stands in every list sorted by
deadline and on the wall chart: at the date its light follows, among the dated items,
on both backends."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from tui550.core.cadence import SPELLINGS, due_order, effective_due
from tui550.core.db import Database
from tui550.core.domain import ItemView, Kind
from tui550.core.running_meeting import read_project
from tui550.core.store import items, meetings, projects, units
from tui550.core.store.supervision import supervision_rows

DEC3 = date(2026, 12, 3)  # a Thursday
NOW = datetime(2026, 12, 3, 2, tzinfo=UTC)  # 10:00 in the district

# Captured in this order at the last meeting; each is a decision of 区督查局.
CARRIED: list[tuple[str, dict[str, Any]]] = [
    ("年底前完成", {"due": date(2026, 12, 31)}),
    ("长期坚持巡查", {"cadence": "长期坚持"}),
    ("尽快协调", {}),
    ("每月底前报送", {"cadence": "每月底前"}),
    ("下周一开工", {"due": date(2026, 12, 7)}),
    ("每周五通报", {"cadence": "每周五"}),
]
# On 3 December: 每周五 is the 4th, 每月底前 the 31st (after 年底前完成, captured first),
# 长期坚持 has no date but is a deadline, the undated come last.
BY_DEADLINE = ["每周五通报", "下周一开工", "年底前完成", "每月底前报送", "长期坚持巡查", "尽快协调"]


def _carried(db: Database, kind: Kind = Kind.DECISION) -> tuple[Any, Any, Any]:
    lead = units.add_unit(db, "区督查局")
    project = projects.add_project(db, "焦西物流园二期", lead_unit_id=lead.id)
    last = meetings.create_meeting(db, "第一期", DEC3 - timedelta(days=7), project_ids=[project.id])
    this = meetings.create_meeting(db, "第二期", DEC3, project_ids=[project.id])
    for text, deadline in CARRIED:
        at: dict[str, Any] = {"meeting_id": last.id, "project_id": project.id, "lead_unit_id": lead.id}
        items.capture(db, kind=kind, text=text, **at, **deadline)
    return project, last, this


def test_the_order_is_the_lights_date_then_standing_then_undated() -> None:
    assert due_order(None, "每周五", DEC3) < due_order(date(2026, 12, 7), None, DEC3)
    assert due_order(date(2027, 6, 1), None, DEC3) < due_order(None, "长期坚持", DEC3)
    assert due_order(None, "长期坚持", DEC3) < due_order(None, None, DEC3)
    assert due_order(None, "每月底前", DEC3)[:2] == (False, effective_due(None, "每月底前", DEC3))


def test_the_meetings_carried_list_and_the_lists_of_a_project(db: Database) -> None:
    project, _, this = _carried(db)
    carried = read_project(db, this.id, project.id, now=NOW, rules=db.rules).carried
    assert [i.text for i in carried] == BY_DEADLINE
    page = items.open_items_for(db, project.id, excluding_meeting=this.id, limit=3, today=DEC3)
    assert [i.text for i in page] == BY_DEADLINE[:3]
    agenda = items.open_items_for_projects(db, [project.id], excluding_meeting=this.id, today=DEC3)
    assert [i.text for i in agenda] == BY_DEADLINE
    # On 8 December 下周一开工 (the 7th) is overdue, and 每周五 falls on the 11th.
    later = items.open_items_for(db, project.id, today=date(2026, 12, 8))
    assert [i.text for i in later][:3] == ["下周一开工", "每周五通报", "年底前完成"]


def test_the_supervision_board_and_the_follow_up_lists(db: Database) -> None:
    _carried(db)
    rows = supervision_rows(db, now=NOW)
    assert [r.item.text for r in rows] == BY_DEADLINE
    assert [r.item.text for r in supervision_rows(db, now=NOW, limit=2, offset=1)] == BY_DEADLINE[1:3]


def test_a_projects_milestones(db: Database) -> None:
    project, _, _ = _carried(db, Kind.DEADLINE)
    assert [i.text for i in items.project_deadlines(db, project.id, today=DEC3)] == BY_DEADLINE


def test_the_exported_lists(db: Database) -> None:
    from tui550.core.exporting.common import build_minutes

    project, _, this = _carried(db)
    items.capture(db, meeting_id=this.id, project_id=project.id, kind=Kind.MINUTE, text="本期纪要")
    tasks = build_minutes(db, this.id, today=DEC3).tables["tasks"]
    column = tasks.columns.index("完成时限")
    assert [row.cells[column] for row in tasks.rows][:5] == [
        "每周五",
        date(2026, 12, 7),
        date(2026, 12, 31),
        "每月底前",
        "长期坚持",
    ]


def test_sql_sorts_every_spelling_as_python_does(db: Database) -> None:
    """Every stored cadence word, on days across a month's and a quarter's end."""
    lead = units.add_unit(db, "区督查局")
    project = projects.add_project(db, "项目", lead_unit_id=lead.id)
    meeting = meetings.create_meeting(db, "调度会", date(2026, 9, 1), project_ids=[project.id])
    for n, words in enumerate([*sorted(SPELLINGS), None, None]):
        due = date(2026, 9, 28) + timedelta(days=n % 9) if words is None else None
        items.capture(
            db,
            meeting_id=meeting.id,
            project_id=project.id,
            kind=Kind.ISSUE,
            text=f"事项{n}",
            cadence=words,
            due=due if n % 2 else None,
        )
    for today in (date(2026, 9, 27), date(2026, 9, 30), date(2026, 10, 1), date(2026, 12, 31)):
        read = items.open_items_for(db, project.id, today=today)

        def key(item: ItemView, day: date = today) -> tuple[Any, ...]:
            return (*item.deadline_order(day), item.created_at)

        assert [i.id for i in read] == [i.id for i in sorted(read, key=key)]


# --- the wall chart --------------------------------------------------------------------


def test_the_wall_chart_draws_a_cadence_at_its_next_occurrence(db: Database) -> None:
    from tui550.core.domain import Light
    from tui550.core.followup.views import Mark
    from tui550.core.store.wallchart import wall_chart

    _carried(db, Kind.DEADLINE)
    chart = wall_chart(db, now=NOW)
    assert chart.months == (date(2026, 12, 1),)
    [row] = chart.rows
    assert row.undated == 1  # 尽快协调 alone: a cadence is a deadline
    [december] = row.cells
    marks = {m.text: m for m in december}
    assert [m.text for m in december] == [
        "长期坚持巡查",
        "每周五通报",
        "下周一开工",
        "年底前完成",
        "每月底前报送",
    ]
    weekly, standing, monthly = marks["每周五通报"], marks["长期坚持巡查"], marks["每月底前报送"]
    assert (weekly.due, weekly.cadence, weekly.dated) == (date(2026, 12, 4), "每周五", True)
    assert (weekly.mark, weekly.light) == (Mark.DUE, Light.YELLOW)  # Friday is tomorrow
    assert (standing.due, standing.cadence, standing.dated) == (DEC3, "长期坚持", False)
    assert standing.light is Light.GREEN
    assert (monthly.due, monthly.cadence) == (date(2026, 12, 31), "每月底前")
    assert marks["年底前完成"].cadence is None and marks["年底前完成"].dated
    # Looked at in January, they recur: this month's Friday and month's end.
    later = wall_chart(db, now=datetime(2027, 1, 6, 2, tzinfo=UTC), start=date(2027, 1, 1))
    january = {m.text: m.due for m in later.rows[0].cells[0]}
    assert january["每周五通报"] == date(2027, 1, 8) and january["每月底前报送"] == date(2027, 1, 31)
    assert january["长期坚持巡查"] == date(2027, 1, 6) and "年底前完成" not in january


def test_the_wall_chart_exports_name_the_cadence_with_its_mark(db: Database) -> None:
    import io

    from openpyxl import load_workbook

    from tui550.core.reporting.wallchart_render import render_wall_html, render_wall_xlsx
    from tui550.core.store.wallchart import wall_chart

    _carried(db, Kind.DEADLINE)
    chart = wall_chart(db, now=NOW)
    page = render_wall_html(chart, "解放区", "zh")
    assert "○ 每周五通报 ↻每周五 12/4" in page and "○ 长期坚持巡查 ↻长期坚持<" in page
    assert "○ 年底前完成 12/31" in page and "↻ 周期性事项，标在下次时限" in page
    assert "↻ recurring, drawn at its next date" in render_wall_html(chart, "", "en")
    sheet = load_workbook(io.BytesIO(render_wall_xlsx(chart, "解放区", "zh"))).active
    cell = str(sheet.cell(row=5, column=4).value)
    assert "○ 每周五通报 ↻每周五 12/4" in cell.splitlines()
    assert "○ 每月底前报送 ↻每月底前 12/31" in cell.splitlines()
    legend = {c.value for row in sheet.iter_rows() for c in row}
    assert "↻ 周期性事项，标在下次时限" in legend
