"""Pilot tests: dates typed on the capture line, checked against saved rows and the list.

The demo meeting is on Monday 20 July 2026 (`DEMO_DAY`)."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input

from tests.support.demo import DEMO_DAY
from tui550.app.screens.meeting import MeetingScreen
from tui550.app.widgets.items import ItemTable
from tui550.core.domain import Kind
from tui550.core.store import items, meetings


def _saved(db):
    meeting = next(m for m in meetings.list_meetings(db) if m.date == DEMO_DAY)
    return items.meeting_items(db, meeting.id)


async def test_a_standing_deadline_is_saved_as_said_and_a_just_past_date_is_refused(
    make_demo_app, demo_db
) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        line = screen.query_one("#line", Input)
        await pilot.press("pagedown")
        # 7月1日 is 19 days before the meeting: refused, the line kept, nothing saved.
        await pilot.press(*"d:完成签约 ^7月1日")
        await pilot.press("enter")
        await pilot.pause()
        assert line.value == "d:完成签约 ^7月1日"
        assert "2026年7月1日" in str(screen.query_one("#preview").render())
        line.value = ""
        await pilot.press(*"d:督查局每周五通报进展 @区督查局 ^每周五")
        assert "下次 2026年7月24日" in str(screen.query_one("#preview").render())
        await pilot.press("enter")
        await pilot.press(*"d:完成竣工验收 ^2027-07-31")
        await pilot.press("enter")
        await pilot.pause()
        captured = screen.query_one("#captured", ItemTable)
        shown = [captured.row_cells(i)[3].plain for i in captured.items]
        assert shown == ["每周五", "2027年7月31日"]
    weekly, dated = _saved(demo_db)
    assert (weekly.kind, weekly.due, weekly.cadence) == (Kind.DECISION, None, "每周五")
    assert not weekly.lacks_owner_or_deadline
    assert (dated.due, dated.cadence) == (date(2027, 7, 31), None)
