"""The meetings list and the new-meeting form, driven by real keys; each test checks the
rows saved."""

from __future__ import annotations

import uuid

from textual.widgets import DataTable, Input, Static

from tests.support.demo import DEMO_DAY
from tui550.app.screens.dialogs import ChoiceDialog, LineDialog
from tui550.app.screens.home import HomeScreen
from tui550.app.screens.item_dialogs import EditItemDialog
from tui550.app.screens.meeting import MeetingScreen
from tui550.app.screens.prepare import NewMeetingDialog
from tui550.core.demo import demo_id
from tui550.core.domain import Kind, MeetingKind, MeetingState
from tui550.core.store import items, meetings
from tui550.core.store.upkeep_meeting import meeting_for_ledger_edits

TODAY = demo_id("meeting", "today")  # the demo's meeting of the day: prepared, 第14期
EARLIER = demo_id("meeting", "earlier")  # closed, with items


async def _on_row(pilot, meeting_id: uuid.UUID) -> HomeScreen:
    screen = pilot.app.screen
    assert isinstance(screen, HomeScreen)
    await pilot.pause()
    screen.query_one(DataTable).move_cursor(row=(screen._keys or []).index(str(meeting_id)))
    return screen


async def test_enter_moves_through_the_form_and_only_f10_creates_a_planned_meeting(
    make_demo_app, demo_db
) -> None:
    before = {m.id for m in meetings.list_meetings(demo_db)}
    app = make_demo_app(open_meeting=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        dialog = app.screen
        assert isinstance(dialog, NewMeetingDialog)
        assert dialog.query_one("#f-issue_no", Input).value == "第15期"  # after 第14期
        await pilot.press("enter", "enter", "enter")  # title, date, time: on to the place
        assert dialog.focused is dialog.query_one("#f-place", Input)
        # Keys typed right after an Enter land in the next field (the chair), and a further
        # Enter only moves on again.
        await pilot.press("enter", "ctrl+u", *"区委书记 周立新", "enter")
        assert app.screen is dialog and {m.id for m in meetings.list_meetings(demo_db)} == before
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    [made] = [m for m in meetings.list_meetings(demo_db) if m.id not in before]
    assert (made.state, made.chair, made.issue_no, made.starts_at is not None) == (
        MeetingState.PLANNED,
        "区委书记 周立新",
        "第15期",
        True,
    )


async def test_s_starts_a_prepared_meeting_and_a_second_only_when_confirmed(make_demo_app, demo_db) -> None:
    other = meetings.create_meeting(demo_db, "专题调度会", DEMO_DAY)
    app = make_demo_app(open_meeting=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await _on_row(pilot, TODAY)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen) and app.screen.meeting_id == TODAY
        assert meetings.get_meeting(demo_db, TODAY).state is MeetingState.IN_PROGRESS
        await pilot.press("f12")  # back to the list; the meeting stays in progress
        await pilot.pause()
        await _on_row(pilot, other.id)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # the first choice is Cancel
        await pilot.pause()
        assert meetings.get_meeting(demo_db, other.id).state is MeetingState.PLANNED
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("down", "enter")  # start alongside
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen) and app.screen.meeting_id == other.id
    assert meetings.get_meeting(demo_db, other.id).state is MeetingState.IN_PROGRESS


async def test_delete_names_the_item_count_and_ctrl_z_restores(make_demo_app, demo_db) -> None:
    count = meetings.get_meeting(demo_db, EARLIER).item_count
    assert count > 0
    app = make_demo_app(open_meeting=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await _on_row(pilot, EARLIER)
        await pilot.press("d")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog) and str(count) in dialog.title_text
        await pilot.press("down", "enter")
        await pilot.pause()
        assert str(EARLIER) not in (app.screen._keys or [])
        assert items.meeting_items(demo_db, EARLIER) == []
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert str(EARLIER) in (app.screen._keys or [])
    assert len(items.meeting_items(demo_db, EARLIER)) == count


async def test_an_empty_meeting_is_deleted_without_asking(make_demo_app, demo_db) -> None:
    empty = meetings.create_meeting(demo_db, "多建的会", DEMO_DAY)
    app = make_demo_app(open_meeting=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await _on_row(pilot, empty.id)
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert all(m.id != empty.id for m in meetings.list_meetings(demo_db))


async def test_a_closed_meeting_opens_read_only_and_is_amended_with_a_reason(make_demo_app, demo_db) -> None:
    general = next(i for i in items.meeting_items(demo_db, EARLIER) if i.project_id is None)
    ends_at = meetings.get_meeting(demo_db, EARLIER).ends_at
    app = make_demo_app(open_meeting=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await _on_row(pilot, EARLIER)
        await pilot.press("enter")  # read-only: E changes nothing
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen) and app.screen.read_only
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("f12")
        await pilot.pause()
        await _on_row(pilot, EARLIER)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, LineDialog)
        await pilot.press(*"补记会议强调内容", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.amend_reason == "补记会议强调内容"
        assert "补记会议强调内容" in str(screen.query_one("#title", Static).render())
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditItemDialog)
        await pilot.press("end", *"已更正", "enter")
        await pilot.pause()
    fixed = items.get_item(demo_db, general.id)
    assert fixed.text == general.text + "已更正"
    last = items.history_of(demo_db, general.id)[-1]
    assert last.who == "测试员" and last.changes["reason"] == [None, "补记会议强调内容"]
    after = meetings.get_meeting(demo_db, EARLIER)
    assert after.state is MeetingState.CLOSED and after.ends_at == ends_at


async def test_records_are_listed_apart_from_meetings(make_demo_app, demo_db) -> None:
    upkeep = meeting_for_ledger_edits(demo_db, DEMO_DAY)
    items.capture(demo_db, meeting_id=upkeep.id, project_id=None, kind=Kind.DEADLINE, text="节点")
    app = make_demo_app(open_meeting=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        assert str(upkeep.id) not in (screen._keys or []) and str(TODAY) in (screen._keys or [])
        await pilot.press("r")
        await pilot.pause()
        assert screen._keys == [str(upkeep.id)]
        assert meetings.get_meeting(demo_db, upkeep.id).kind is MeetingKind.UPKEEP
        await pilot.press("r")
        await pilot.pause()
        assert str(TODAY) in (screen._keys or [])


async def test_the_demo_database_is_named_in_the_header(make_demo_app) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert str(app.screen.query_one("#title", Static).render()).startswith(" 演示 ")


def test_a_row_starts_with_the_id_and_ends_with_the_title(demo_db) -> None:
    from tui550.app.screens.home import row_cells
    from tui550.i18n import set_language

    set_language("zh")
    meeting = meetings.get_meeting(demo_db, EARLIER)
    cells = [c.plain for c in row_cells(meeting, records=False)]
    assert cells[:4] == [meeting.short_id, meeting.date.isoformat(), "第13期", "已结束"]
    assert cells[-1] == meeting.title
    upkeep = meeting_for_ledger_edits(demo_db, DEMO_DAY)
    assert [c.plain for c in row_cells(upkeep, records=True)][2] == "台账维护"


async def test_the_forms_own_button_creates(make_demo_app, demo_db) -> None:
    before = {m.id for m in meetings.list_meetings(demo_db)}
    app = make_demo_app(open_meeting=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, NewMeetingDialog)
        await pilot.click("#create")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    [made] = [m for m in meetings.list_meetings(demo_db) if m.id not in before]
    assert made.state is MeetingState.PLANNED and len(meetings.agenda(demo_db, made.id)) == 30
