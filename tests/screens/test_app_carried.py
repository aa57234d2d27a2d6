"""A project carrying many open items shows the most urgent ones and the total,
so that switching to it costs the same as to any other project."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Static

from tests.support.demo import DEMO_DAY
from tests.support.waits import workers_done
from tui550.core.domain import Kind
from tui550.core.store import items, meetings


async def test_many_carried_items_are_cut_to_the_most_urgent(make_demo_app, demo_db) -> None:
    # Imported here: key labels are made in the language current at import.
    from tui550.app.change_feed import refresh_meeting
    from tui550.app.screens.meeting import MeetingScreen
    from tui550.app.widgets.items import ItemTable
    from tui550.core.running_meeting import CARRIED_SHOWN

    earlier = next(m for m in meetings.list_meetings(demo_db) if m.date != DEMO_DAY)
    project = meetings.agenda(demo_db, earlier.id)[1].project  # JF-002, also 2nd today
    before = items.count_open_items(demo_db, project.id)
    extra = CARRIED_SHOWN + 10
    for n in range(extra):
        items.capture(
            demo_db,
            meeting_id=earlier.id,
            project_id=project.id,
            kind=Kind.ISSUE,
            text=f"遗留问题{n}",
            due=DEMO_DAY + timedelta(days=100 - n),
        )
    total = before + extra
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.entry is not None
        assert screen.entry.project.id == project.id
        carried = screen.query_one("#carried", ItemTable)
        assert len(carried.items) == CARRIED_SHOWN
        dues = [i.due for i in carried.items if i.due is not None]
        # Nearest due first: the overdue ones stay visible.
        assert len(dues) == len(carried.items) and dues == sorted(dues)
        assert "剩余17户拆迁安置协议未签订" in [i.text for i in carried.items]
        title = str(screen.query_one("#carried-title", Static).render())
        assert f"{total}" in title and f"{CARRIED_SHOWN}" in title
        # A live refresh (another client saved something) keeps the same cut and title.
        items.capture(
            demo_db,
            meeting_id=earlier.id,
            project_id=project.id,
            kind=Kind.ISSUE,
            text="另一台电脑记下的",
            due=DEMO_DAY + timedelta(days=200),
        )
        refresh_meeting(screen)
        await workers_done(app)
        await pilot.pause()
        assert len(carried.items) == CARRIED_SHOWN
        assert [i.due for i in carried.items] == dues
        title = str(screen.query_one("#carried-title", Static).render())
        assert f"{total + 1}" in title and f"{CARRIED_SHOWN}" in title


async def test_a_carried_list_too_long_for_the_room_shows_its_most_urgent_first(
    make_demo_app, demo_db
) -> None:
    from tui550.app.widgets.items import ItemTable

    earlier = next(m for m in meetings.list_meetings(demo_db) if m.date != DEMO_DAY)
    project = meetings.agenda(demo_db, earlier.id)[1].project
    for n in range(4):  # more than the small room's carried rows
        items.capture(
            demo_db,
            meeting_id=earlier.id,
            project_id=project.id,
            kind=Kind.ISSUE,
            text=f"遗留问题{n}",
            due=DEMO_DAY + timedelta(days=30 + n),
        )
    app = make_demo_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("pagedown", "pagedown")
        await workers_done(app)
        carried = app.screen.query_one("#carried", ItemTable)
        assert len(carried.items) >= 2 and carried.max_scroll_y > 0  # cut by the small room
        assert carried.scroll_y == 0 and carried.cursor_row == 0
        dues = [i.due for i in carried.items if i.due]
        assert dues == sorted(dues)  # earliest (most overdue) first
