"""Pilot tests of the ledger in the app: the projects screen, its dialogs, backward
scheduling and meeting preparation, driven by keys and checked against saved rows."""

from __future__ import annotations

from datetime import date

from tests.support.demo import DEMO_DAY
from tui550.app.screens.dialogs import MessageDialog
from tui550.app.screens.meeting import MeetingScreen
from tui550.app.screens.prepare import NewMeetingDialog
from tui550.app.screens.project_dialogs import DeadlinesDialog, ProjectForm, UnitsDialog
from tui550.app.screens.projects import ProjectsScreen
from tui550.app.screens.schedule import ScheduleDialog
from tui550.core.domain import Kind, MeetingState
from tui550.core.scheduling import Phase, get_phase_template
from tui550.core.store import items, meetings, projects
from tui550.core.store.agenda import AgendaRule, plan_agenda
from tui550.core.store.items import history_of


def _project(db, code: str):
    return next(p for p in projects.list_projects(db) if p.code == code)


async def _clear_and_type(pilot, text: str) -> None:
    await pilot.press("home", "ctrl+k", *text)


async def test_backward_schedule_by_keys(make_demo_app, demo_db) -> None:
    app = make_demo_app(open_meeting=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, ProjectsScreen)
        assert app.screen.selected is not None and app.screen.selected.code == "JF-001"
        await pilot.press("b")
        dialog = app.screen
        assert isinstance(dialog, ScheduleDialog)
        await _clear_and_type(pilot, "2027-06-30")
        await pilot.press("tab", "right", "enter")  # the fixed date is 投产
        await pilot.press("tab")
        await _clear_and_type(pilot, "前期手续 60, 开工 0; 主体施工 300天, 竣工验收 30, 投产 30")
        await pilot.pause()
        assert [(p.name, p.latest_end, p.late) for p in dialog.plan] == [
            ("前期手续", date(2026, 7, 4), True),
            ("开工", date(2026, 7, 5), True),
            ("主体施工", date(2027, 5, 1), True),
            ("竣工验收", date(2027, 5, 31), False),
            ("投产", date(2027, 6, 30), False),
        ]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectsScreen)

    project = _project(demo_db, "JF-001")
    made = {d.text: d for d in items.project_deadlines(demo_db, project.id) if "倒排" in d.text}
    assert {text: d.due for text, d in made.items()} == {
        "完成前期手续（倒排工期）": date(2026, 7, 4),
        "完成开工（倒排工期）": date(2026, 7, 5),
        "完成主体施工（倒排工期）": date(2027, 5, 1),
        "完成竣工验收（倒排工期）": date(2027, 5, 31),
        "完成投产（倒排工期）": date(2027, 6, 30),
    }
    assert all(d.kind is Kind.DEADLINE and d.lead_unit == project.lead_unit for d in made.values())
    # No meeting was in progress: they belong to the day's closed ledger-upkeep meeting.
    meeting = meetings.get_meeting(demo_db, next(iter(made.values())).meeting_id)
    assert meeting.state is MeetingState.CLOSED and meeting.date == DEMO_DAY
    assert meeting.title == "台账维护（2026年7月20日）"
    assert get_phase_template(demo_db)[0] == Phase("前期手续", 60)


async def test_bad_schedule_input_creates_nothing(make_demo_app, demo_db) -> None:
    app = make_demo_app(open_meeting=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("p", "b")
        await _clear_and_type(pilot, "某天")
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ScheduleDialog) and not dialog.plan
        assert str(dialog.query_one(".problem").render()).strip()
    assert not [
        d for d in items.project_deadlines(demo_db, _project(demo_db, "JF-001").id) if "倒排" in d.text
    ]


async def test_agenda_by_rule_reordered_with_time_boxes(make_demo_app, demo_db) -> None:
    expected = plan_agenda(demo_db, AgendaRule.ATTENTION, today=DEMO_DAY)
    before = {m.id for m in meetings.list_meetings(demo_db)}
    app = make_demo_app(open_meeting=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        dialog = app.screen
        assert isinstance(dialog, NewMeetingDialog)
        await pilot.press(*["tab"] * 10)  # past the ten header fields to the rule list
        await pilot.press("down")  # overdue and open items first
        await pilot.press("tab", "tab")  # past the value line to the agenda
        await pilot.pause()
        assert [e.project_id for e in dialog.entries] == [e.project_id for e in expected]
        await pilot.press("shift+down", "plus", "plus", "up", "d")
        await pilot.press("f10")
        await pilot.pause()
        # Created prepared, not started: back on the list, on the new meeting.
        assert not isinstance(app.screen, (NewMeetingDialog, MeetingScreen))
        [meeting_id] = {m.id for m in meetings.list_meetings(demo_db)} - before
        assert meetings.get_meeting(demo_db, meeting_id).state is MeetingState.PLANNED

    agenda = meetings.agenda(demo_db, meeting_id)
    want = [expected[0].project_id, *(e.project_id for e in expected[2:])]
    assert [a.project.id for a in agenda] == want
    assert [a.position for a in agenda] == list(range(1, len(want) + 1))
    assert agenda[0].time_box_s == 7 * 60
    assert {a.time_box_s for a in agenda[1:]} == {5 * 60}
    meeting = meetings.get_meeting(demo_db, meeting_id)
    last = next(m for m in meetings.list_meetings(demo_db) if m.date == DEMO_DAY)
    assert meeting.attendees == last.attendees and meeting.chair == last.chair


async def test_agenda_by_street_value(make_demo_app, demo_db) -> None:
    app = make_demo_app(open_meeting=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n", *["tab"] * 10, "down", "down", "tab", *"民主", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NewMeetingDialog)
        street = {p.id: p.street for p in projects.list_projects(demo_db)}
        assert dialog.entries and {street[e.project_id] for e in dialog.entries} == {"民主街道"}


async def test_project_edit_saves_a_new_version(make_demo_app, demo_db) -> None:
    before = _project(demo_db, "JF-001")
    app = make_demo_app(open_meeting=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("p", "e")
        assert isinstance(app.screen, ProjectForm)
        await pilot.press("down", "end", *"-一期")
        await pilot.press("down", "down", "down", "down")  # the lead unit
        await _clear_and_type(pilot, "住建")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectsScreen)
        assert app.screen.selected is not None and app.screen.selected.version == 2

    after = projects.get_project(demo_db, before.id)
    assert after.name == before.name + "-一期" and after.lead_unit is not None
    assert after.lead_unit.name == "区住建局" and after.version == before.version + 1
    update = [h for h in history_of(demo_db, before.id) if h.action == "update"]
    assert update and update[-1].who == "测试员"
    assert update[-1].changes["name"] == [before.name, after.name]


async def test_project_edit_refuses_bad_values_and_conflicts(make_demo_app, demo_db) -> None:
    before = _project(demo_db, "JF-001")
    app = make_demo_app(open_meeting=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("p", "e", *["down"] * 6)  # total investment
        await _clear_and_type(pilot, "很多")
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ProjectForm)
        assert "很多" in str(form.query_one(".problem").render())
        await _clear_and_type(pilot, "90000")
        # Someone else saves the project while the form is open.
        projects.update_project(demo_db, before.id, before.version, leader="赵六")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectsScreen)
    after = projects.get_project(demo_db, before.id)
    assert after.investment_total == before.investment_total and after.leader == "赵六"


async def test_filter_line_and_keys(make_demo_app, demo_db) -> None:
    app = make_demo_app(open_meeting=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, ProjectsScreen) and len(screen.shown) == 30
        await pilot.press("slash", *"街道:民主 改造", "enter")
        assert [p.name for p in screen.shown] == ["民主路棚户区改造"]
        await pilot.press("slash", "home", "ctrl+k", *"单位:住建局 类别:民生")
        await pilot.press("enter")
        names = {p.name for p in screen.shown}
        assert "王褚安置房三期" in names and "新华街老旧小区提质" in names
        assert all(p.category == "民生" for p in screen.shown)
        # Letters typed in the filter are text, not commands.
        await pilot.press("slash", "home", "ctrl+k", "b", "e")
        await pilot.pause()
        assert app.screen is screen and screen.query_one("#filter").value == "be"
        await pilot.press("escape")  # the filter line → the table
        assert screen.table.has_focus and app.screen is screen
        await pilot.press("escape")  # → home
        assert not isinstance(app.screen, ProjectsScreen)


async def test_units_dialog_adds_and_removes_by_name(make_demo_app, demo_db) -> None:
    project = _project(demo_db, "JF-001")
    app = make_demo_app(open_meeting=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("p", "u")
        assert isinstance(app.screen, UnitsDialog)
        await pilot.press(*"财政", "enter")
        await pilot.pause()
        assert [u.name for u in projects.get_project(demo_db, project.id).units][-1] == "区财政局"
        await pilot.press(*"-发改委", "enter")
        await pilot.press(*"焦东", "enter")  # nobody: refused, shown
        await pilot.pause()
        assert "焦东" in str(app.screen.query_one(".problem").render())
        await pilot.press("escape")
    assert [u.name for u in projects.get_project(demo_db, project.id).units] == ["区自然资源局", "区财政局"]


async def test_deadline_added_from_the_ledger(make_demo_app, demo_db) -> None:
    project = _project(demo_db, "JF-001")
    app = make_demo_app(open_meeting=True)
    async with app.run_test(size=(120, 36)) as pilot:
        live = app.screen
        assert isinstance(live, MeetingScreen)
        await pilot.press("f12", "p", "t")
        assert isinstance(app.screen, DeadlinesDialog)
        await pilot.press(*"设备进场 ^2026-10-31 @区住建局", "enter")
        await pilot.press(*"试生产", "enter")  # no date: refused
        await pilot.pause()
        assert str(app.screen.query_one(".problem").render()).strip()
    found = [d for d in items.project_deadlines(demo_db, project.id) if d.text == "设备进场"]
    assert len(found) == 1 and found[0].due == date(2026, 10, 31)
    assert found[0].lead_unit is not None and found[0].lead_unit.name == "区住建局"
    assert found[0].meeting_id == live.meeting_id  # the meeting in progress
    assert not [d for d in items.project_deadlines(demo_db, project.id) if d.text == "试生产"]
