"""Pilot tests of search in the app: results as you type, jumping to an item in this
meeting or in a closed one (read-only), filters, the palette, and typing ahead.

The app's modules are imported inside the tests: their key labels are made in the
language current at import, and the English snapshots must not get Chinese ones."""

from __future__ import annotations

from tests.support.demo import DEMO_DAY
from tests.support.waits import settle
from tui550.core.domain import MeetingState
from tui550.core.store import items, meetings


def _today(db):
    return next(m for m in meetings.list_meetings(db) if m.date == DEMO_DAY)


def _earlier(db):
    return next(m for m in meetings.list_meetings(db) if m.date != DEMO_DAY)


async def test_search_and_jump_within_the_meeting(make_demo_app, demo_db) -> None:
    from tui550.app.screens.meeting import MeetingScreen
    from tui550.app.screens.search import SearchScreen
    from tui550.app.widgets.items import ItemTable

    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        meeting_screen = app.screen
        assert isinstance(meeting_screen, MeetingScreen)
        await pilot.press("pagedown", "pagedown", *"区财政局落实补偿资金3000万元", "enter")
        await pilot.press("ctrl+o")  # back to the meeting-level page
        assert meeting_screen.position == 0
        await pilot.press("ctrl+f")
        search = app.screen
        assert isinstance(search, SearchScreen)
        await pilot.press(*"补偿资金")
        # Typing is not held up by the query: the box has the text before any result.
        assert search.text == "补偿资金"
        await settle(pilot)
        assert [h.title for h in search.hits][:2] == [
            "区财政局落实补偿资金3000万元",
            "区财政局筹措安置补偿资金到位",
        ]
        first = search.hits[0]
        assert [first.snippet[s:e] for s, e in first.spans] == ["补偿资金"]
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is meeting_screen and meeting_screen.position == 2
        table = meeting_screen.query_one("#captured", ItemTable)
        assert table.has_focus and table.selected() is not None
        assert table.selected().id == first.id


async def test_a_closed_meeting_opens_read_only(make_demo_app, demo_db) -> None:
    from tui550.app.screens.meeting import MeetingScreen
    from tui550.app.widgets.items import ItemTable

    earlier = _earlier(demo_db)
    before = meetings.get_meeting(demo_db, earlier.id)
    count = len(items.meeting_items(demo_db, earlier.id))
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        live = app.screen
        await pilot.press("ctrl+f", *"环评批复")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        viewer = app.screen
        assert isinstance(viewer, MeetingScreen) and viewer is not live and viewer.read_only
        assert viewer.meeting_id == earlier.id
        assert viewer.entry is not None and viewer.entry.project.code == "JF-008"
        assert not viewer.capture_bar.display
        table = viewer.query_one("#captured", ItemTable)
        selected = table.selected()
        assert table.has_focus and selected is not None and selected.text == "环评批复尚未取得"
        # Nothing here writes: kind keys, timer, delete, Enter are refused or do nothing.
        await pilot.press("f3", "f6", "d", "pagedown", "enter", "f10")
        assert isinstance(app.screen, MeetingScreen) and app.screen is viewer
        await pilot.press("f12")
        await pilot.pause()
        assert app.screen is live
    after = meetings.get_meeting(demo_db, earlier.id)
    assert after.state is MeetingState.CLOSED and after.version == before.version
    assert after.current_position == before.current_position
    assert len(items.meeting_items(demo_db, earlier.id)) == count


async def test_filters_from_the_home_screen_and_the_palette(make_demo_app, demo_db) -> None:
    from tui550.app.screens.home import HomeScreen
    from tui550.app.screens.search import SearchScreen

    app = make_demo_app(open_meeting=False)
    async with app.run_test(size=(120, 36)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+p", *"搜索")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        search = app.screen
        assert isinstance(search, SearchScreen)
        await pilot.press(*"类型:问题 逾期")
        await settle(pilot)
        assert search.hits and all(
            h.kind is not None and h.kind.value == "issue" and h.overdue for h in search.hits
        )
        assert {h.title for h in search.hits} == {
            "剩余17户拆迁安置协议未签订",
            "环评批复尚未取得",
            "施工人员和机械投入不足，进度滞后",
        }
        # A unit hit narrows the search to that unit's items instead of going anywhere.
        await pilot.press(*["backspace"] * 10, *"财政局")
        await settle(pilot)
        assert search.hits[0].entity == "unit"
        await pilot.press("enter")
        await settle(pilot)
        assert search.text == "单位:区财政局 "
        assert search.hits and all(h.entity == "item" for h in search.hits)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_typing_ahead_drops_stale_results_and_enter_waits_for_the_last(make_demo_app, demo_db) -> None:
    from tui550.app.screens.meeting import MeetingScreen
    from tui550.app.screens.search import SearchScreen

    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        live = app.screen
        await pilot.press("ctrl+f", *"冷库")
        search = app.screen
        assert isinstance(search, SearchScreen)
        await settle(pilot)
        shown = list(search.hits)
        assert shown and search.shown_for == "冷库"
        search._show("冷", [], 1.0)  # a result for older text arrives late: ignored
        assert search.hits == shown and search.shown_for == "冷库"
        await pilot.press(*"设备", "enter")  # Enter before the results: acts on them when they come
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen) and app.screen is not live
        assert app.screen.entry is not None and app.screen.entry.project.code == "JF-013"


async def test_the_meeting_in_progress_opens_live_from_home(make_demo_app, demo_db) -> None:
    from tui550.app.screens.meeting import MeetingScreen

    today = _today(demo_db)
    meetings.start_meeting(demo_db, today.id)
    items.capture(
        demo_db,
        meeting_id=today.id,
        project_id=None,
        kind=items.Kind.MINUTE,
        text="会议开始，先听取各项目汇报",
    )
    app = make_demo_app(open_meeting=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+f", *"听取各项目", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and not screen.read_only
        assert screen.capture_bar.display and screen.position == 0


async def test_an_item_shown_before_its_list_has_focus_stays_selected_through_a_resize(make_demo_app) -> None:
    """A search result is selected as its list is asked for focus; the list's first resize
    may come before the focus does, and must not move the cursor to the newest row."""
    from textual import events

    from tui550.app.widgets.items import ItemTable

    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        table = app.screen.query_one("#carried", ItemTable)
        assert len(table.items) >= 2 and not table.has_focus
        first = table.items[0]
        table.select(first.id)
        table.on_resize(events.Resize(table.size, table.virtual_size, table.container_size))
        assert table.selected() == first
