"""Pilot tests: following up items from earlier meetings by keys, in the meeting and on
the supervision screen, checked against saved statuses and history rows."""

from __future__ import annotations

from datetime import date

from tests.support.demo import DEMO_DAY
from tui550.app.screens.carried import FormDialog
from tui550.app.screens.meeting import MeetingScreen
from tui550.app.widgets.items import ItemTable
from tui550.core.domain import Status
from tui550.core.store import followup, items, meetings


def _today_meeting(db):
    return next(m for m in meetings.list_meetings(db) if m.date == DEMO_DAY)


async def test_carried_items_are_updated_by_keys_in_the_meeting(make_demo_app, demo_db) -> None:
    app = make_demo_app()
    meeting = _today_meeting(demo_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", "pagedown")  # JF-002: an overdue issue and a decision
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        carried = screen.query_one("#carried", ItemTable)
        assert [i.text for i in carried.items] == [
            "剩余17户拆迁安置协议未签订",
            "区财政局筹措安置补偿资金到位",
        ]
        issue, decision = carried.items
        row = carried.info[issue.id]
        # Raised at the one earlier meeting: no meeting since has followed it up before today's.
        assert (row.days_overdue, row.carried, int(row.escalation)) == (4, 0, 1)
        follow = carried.row_cells(issue)[-1].plain
        assert "蓝督" in follow and "推进中" in follow and "跟踪" not in follow

        # Letters type into the capture line until the list has the focus.
        await pilot.press("r")
        assert items.get_item(demo_db, issue.id).status is Status.IN_PROGRESS
        await pilot.press("backspace", "tab")
        assert screen.focused is carried
        carried.move_cursor(row=0)
        await pilot.press("r")
        await pilot.pause()
        assert items.get_item(demo_db, issue.id).status is Status.REPORTED

        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"现场核验已签约", "enter")
        await pilot.press("ctrl+u", *"区督查局 钱峰", "enter")
        await pilot.pause()
        assert items.get_item(demo_db, issue.id).status is Status.CLOSED
        extras = followup.item_extras(demo_db, issue.id)
        assert (extras["closed_by"], extras["closed_note"]) == ("区督查局 钱峰", "现场核验已签约")
        assert [i.id for i in carried.items] == [decision.id]  # closed items leave the list

        carried.focus()
        carried.move_cursor(row=0)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press(*"8月底")
        await pilot.pause()
        assert "2026-08-31" in str(app.screen.query_one("#form-preview").render())
        await pilot.press("enter", *"资金分两批拨付", "enter")
        await pilot.pause()
        saved = items.get_item(demo_db, decision.id)
        assert saved.due == date(2026, 8, 31)
        assert followup.item_extras(demo_db, decision.id)["extensions"] == 1

        await pilot.press("u")
        await pilot.pause()
        await pilot.press(*"群众反映强烈", "enter")
        await pilot.pause()
        assert followup.item_extras(demo_db, decision.id)["escalation"] == 1
        assert "蓝督" in carried.row_cells(decision)[-1].plain

    issue_history = items.history_of(demo_db, issue.id)
    assert [h.action for h in issue_history][-2:] == ["report", "close"]
    assert all(h.meeting_id == meeting.id for h in issue_history[-2:])
    actions = {h.action: h for h in items.history_of(demo_db, decision.id)}
    assert actions["extend"].meeting_id == meeting.id
    assert actions["extend"].changes["reason"] == [None, "资金分两批拨付"]
    assert actions["escalate"].changes["reason"] == [None, "群众反映强烈"]


async def test_refused_follow_up_says_why_and_changes_nothing(make_demo_app, demo_db) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", "pagedown")
        carried = app.screen.query_one("#carried", ItemTable)
        carried.focus()
        carried.move_cursor(row=1)  # the decision is open: it cannot be closed yet
        decision = carried.items[1]
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"核验", "enter", "enter")
        await pilot.pause()
        assert items.get_item(demo_db, decision.id).status is Status.OPEN
        await pilot.press("x")
        await pilot.pause()
        await pilot.press(*"2026-07-25", "enter", *"理由", "enter")  # before the due date
        await pilot.pause()
        assert items.get_item(demo_db, decision.id).due == decision.due
        assert [h.action for h in items.history_of(demo_db, decision.id)] == ["create"]


async def test_supervision_screen_filters_acts_and_shows_units(make_demo_app, demo_db) -> None:
    from textual.widgets import DataTable, TabbedContent

    from tui550.app.screens.dialogs import MessageDialog
    from tui550.app.screens.supervision import SupervisionScreen

    app = make_demo_app()
    meeting = _today_meeting(demo_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SupervisionScreen)
        assert screen.total == 14 and len(screen.rows) == 14  # the demo's open items
        assert screen.rows[0].item.text == "环评批复尚未取得"  # 9 days late: most urgent
        await pilot.press("f2")  # red lights only
        assert {r.light.value for r in screen.rows} == {"red"} and screen.total == 4
        await pilot.press("f2", "f2", "f2")  # yellow, green, all
        assert screen.total == 14
        screen.query_one("#sv-filter").focus()
        await pilot.press(*"住建局")
        screen.apply_text("住建局")  # what the pause after typing does
        assert screen.rows and all(
            "区住建局" in {u.name for u in (r.item.lead_unit, *r.item.co_units) if u} for r in screen.rows
        )
        await pilot.press("enter")  # back to the list
        assert screen.focused is screen.query_one("#sv-table", DataTable)
        target = screen.rows[0].item
        await pilot.press("u")
        await pilot.pause()
        await pilot.press(*"进度严重滞后", "enter")
        await pilot.pause()
        assert followup.item_extras(demo_db, target.id)["escalation"] == 1
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog)
        assert "进度严重滞后" in app.screen.body.plain
        await pilot.press("escape")
        await pilot.press("f5")
        await pilot.pause()
        assert screen.query_one(TabbedContent).active == "sv-accounts"
        units_table = screen.query_one("#sv-units", DataTable)
        assert units_table.row_count >= 10
        assert "█" in units_table.get_row_at(0)[4].plain or units_table.get_row_at(0)[3].plain == "0%"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
    escalated = [h for h in items.history_of(demo_db, target.id) if h.action == "escalate"]
    assert escalated and escalated[0].meeting_id == meeting.id


async def test_wall_chart_screen(make_demo_app) -> None:
    from textual.widgets import DataTable

    from tui550.app.screens.wallchart import WallChartScreen

    app = make_demo_app(open_meeting=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+l")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WallChartScreen) and screen.chart is not None
        table = screen.query_one("#wc-table", DataTable)
        assert table.row_count == 2  # the demo's two milestones, on two projects
        assert screen.chart.today_index == 3
        await pilot.press("f4")  # every item with a deadline
        assert table.row_count > 2
        rows = table.row_count
        screen.query_one("#wc-filter").focus()
        await pilot.press(*"JF-002")
        assert 0 < table.row_count < rows
        await pilot.press("f5")
        assert screen.chart.today_index is None or screen.chart.today_index == 6
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, WallChartScreen)


async def test_the_wall_chart_screen_marks_a_recurring_item(make_demo_app, demo_db) -> None:
    from textual.widgets import DataTable

    from tui550.app.screens.wallchart import WallChartScreen
    from tui550.core.domain import Kind

    meeting = _today_meeting(demo_db)
    project = meetings.agenda(demo_db, meeting.id)[2].project
    items.capture(
        demo_db,
        meeting_id=meeting.id,
        project_id=project.id,
        kind=Kind.DEADLINE,
        text="周报",
        cadence="每周五",
    )
    app = make_demo_app(open_meeting=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+l")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WallChartScreen) and screen.chart is not None
        table = screen.query_one("#wc-table", DataTable)
        month = screen.chart.today_index
        assert month is not None
        # This week's Friday (24 July) is in this month: the row shows it recurring.
        cells = [str(cell) for cell in table.get_row(str(project.id))]
        assert cells[2 + month] == "↻"
        assert "↻" in str(screen.query_one("#wc-filters").render())
