"""Pilot tests: keys in bursts land where they were typed; pasted text is data; the close
review; what the wall says about itself (paused, the kind, the last save, the card)."""

from __future__ import annotations

from datetime import date

from textual import events
from textual.widgets import DataTable, Input

from tests.support.demo import DEMO_DAY
from tests.support.waits import until
from tui550.app.screens.home import HomeScreen
from tui550.app.screens.meeting import MeetingScreen
from tui550.app.screens.review import CloseReview
from tui550.app.widgets.card import ProjectCard
from tui550.app.widgets.header import MeetingHeader
from tui550.core.domain import Kind, MeetingState
from tui550.core.store import items, meetings


def _meeting(db):
    return next(m for m in meetings.list_meetings(db) if m.date == DEMO_DAY)


def _saved(db):
    return items.meeting_items(db, _meeting(db).id)


def _burst(app, keys: list[str]) -> None:
    """Every key queued before any is handled, as a remote link delivers them."""
    for key in keys:
        app.post_message(events.Key(key, "\r" if key == "enter" else (key if len(key) == 1 else None)))


async def test_enter_and_pagedown_in_one_burst_save_on_the_project_shown(make_demo_app, demo_db) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown")
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        first, second = screen.entries[0].project, screen.entries[1].project
        _burst(app, [*"第一项", "enter", "pagedown", *"第二项", "enter", "pagedown"])
        await until(pilot, lambda: len(_saved(demo_db)) == 2 and screen.position == 3, "both saves")
    saved = _saved(demo_db)
    assert [(i.text, i.project_id) for i in saved] == [("第一项", first.id), ("第二项", second.id)]


async def test_a_kind_key_in_a_burst_applies_to_the_next_line_only(make_demo_app, demo_db) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown")
        _burst(app, [*"纪要一", "enter", "f4", *"问题二", "enter"])
        await until(pilot, lambda: len(_saved(demo_db)) == 2, "both saves")
    assert [(i.text, i.kind) for i in _saved(demo_db)] == [("纪要一", Kind.MINUTE), ("问题二", Kind.ISSUE)]


async def test_typing_after_the_curtain_reaches_the_line(make_demo_app) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        line = app.screen.query_one("#line", Input)
        await pilot.press("f7")
        await pilot.press("f7")
        await pilot.press(*"幕布后")
        assert line.value == "幕布后" and app.focused is line
        _burst(app, ["f7", *"幕布下", "f7", *"再来"])
        await until(pilot, lambda: line.value == "幕布后幕布下再来", "the burst on the line")
        assert not app.screen.has_class("-curtain")


async def test_tab_moves_the_focus_before_the_keys_typed_behind_it(make_demo_app) -> None:
    app = make_demo_app(open_meeting=False)
    async with app.run_test(size=(120, 36)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n")
        await pilot.pause()
        first = app.focused
        assert isinstance(first, Input) and first.id == "f-title"
        before = first.value
        _burst(app, ["tab", *"二号栏", "tab", *"三号栏"])
        await pilot.pause()
        second, third = [app.screen.query_one(f"#f-{name}", Input) for name in ("date", "time")]
        await until(pilot, lambda: third.value.endswith("三号栏"), "the third field's text")
        assert first.value == before
        assert second.value.endswith("二号栏") and "三号栏" not in second.value


async def test_a_paste_holding_control_characters_is_text(make_demo_app, demo_db) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        line = screen.query_one("#line", Input)
        app.post_message(events.Paste("粘贴\x07文字\x1b]52;c;ZXZpbA==\x07末尾\x1b[31m红"))
        await pilot.pause()
        assert app.screen is screen  # no dialog opened
        assert line.value == "粘贴文字末尾红"
        await pilot.press("enter")
        await pilot.pause()
    assert [i.text for i in _saved(demo_db)] == ["粘贴文字末尾红"]


async def test_close_review_names_project_kind_text_and_what_is_missing(make_demo_app, demo_db) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", "f3", *"尽快完成招标", "enter")
        await pilot.press("pagedown", "f4", *"资金缺口 @区财政局", "enter")
        await pilot.pause()
        project_1, project_2 = (e.project.name for e in app.screen.entries[:2])
        await pilot.press("f10")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, CloseReview)
        table = review.query_one(DataTable)
        rows = [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]
        assert rows == [
            [project_1, "议定事项", "尽快完成招标", "责任单位、时限"],
            [project_2, "问题", "资金缺口", "时限"],
        ]
        # Fixed in place: the first row gets its unit and date.
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("end", *" @区发改委 ^8月1日", "enter")
        await pilot.pause()
        assert table.row_count == 1 and str(table.get_row_at(0)[0]) == project_2
        # One is still missing: F10 asks, naming the count; going back closes nothing.
        await pilot.press("f10")
        await pilot.pause()
        assert "仍有 1 项" in str(app.screen.query_one(".title").render())
        await pilot.press("enter")  # the first choice: back to complete it
        await pilot.pause()
        assert app.screen is review and _meeting(demo_db).state is MeetingState.IN_PROGRESS
        await pilot.press("f10", "down", "enter")  # close all the same
        await pilot.pause()
        assert _meeting(demo_db).state is MeetingState.CLOSED
        await pilot.press("ctrl+z")  # undone while the meeting is not left
        await pilot.pause()
        meeting = _meeting(demo_db)
        assert meeting.state is MeetingState.IN_PROGRESS and meeting.ends_at is None
        await pilot.press("f10", "down", "enter", "escape")  # closed, then left: final
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert _meeting(demo_db).state is MeetingState.CLOSED
    fixed = next(i for i in _saved(demo_db) if i.text == "尽快完成招标")
    assert fixed.lead_unit and fixed.lead_unit.name == "区发改委" and fixed.due == date(2026, 8, 1)


async def test_the_wall_says_paused_and_the_kind_a_prefix_chose(make_demo_app) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown")
        header = app.screen.query_one(MeetingHeader)
        paused = header.query_one("#paused")
        assert not paused.display
        await pilot.press("f6")
        assert header.has_class("-paused") and paused.display
        assert str(paused.render()) == "已暂停"
        await pilot.press("f6")
        assert not paused.display
        kind = app.screen.query_one("#kind")
        await pilot.press("f5")
        app.post_message(events.Paste("问题：征地滞后"))  # a full-width colon: no key of its own
        await pilot.pause()
        assert str(kind.render()) == "问题" and kind.has_class("-issue")
        await pilot.press("ctrl+u")
        await pilot.pause()
        assert str(kind.render()) == "时间节点"


async def test_the_saved_note_stays_with_its_project(make_demo_app) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", *"协调电力接入", "enter")
        await pilot.pause()
        preview = app.screen.query_one("#preview")
        assert "已保存" in str(preview.render())
        await pilot.press("pagedown")
        await pilot.pause()
        assert "已保存" not in str(preview.render())


async def test_a_deadline_captured_now_is_on_the_card_at_once(make_demo_app) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", "pagedown", "f5", *"完成剩余17户签约 @民主街道 ^8月15日", "enter")
        await pilot.pause()
        card = app.screen.query_one(ProjectCard)
        assert "完成剩余17户签约" in str(card.render())


async def test_a_closed_meeting_opened_read_only_has_no_running_clock(
    make_demo_app, demo_db, frozen_clock
) -> None:
    meeting = _meeting(demo_db)
    meetings.start_meeting(demo_db, meeting.id)
    meetings.close_meeting(demo_db, meeting.id)
    app = make_demo_app(open_meeting=False)
    async with app.run_test(size=(120, 36)) as pilot:
        app.push_screen(MeetingScreen(meeting.id, read_only=True))
        await pilot.pause()
        await pilot.press("pagedown")
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.entry is not None
        shown = screen.timer.elapsed()
        frozen_clock.ticks += 30
        screen.tick()
        assert not screen.timer.running and screen.timer.elapsed() == shown
        header = screen.query_one(MeetingHeader)
        assert not header.query_one("#countdown").display and not header.has_class("-paused")


async def test_keys_typed_behind_enter_in_a_form_land_in_the_next_field(make_demo_app, demo_db) -> None:
    from tui550.app.screens.carried import FormDialog
    from tui550.app.widgets.items import ItemTable
    from tui550.core.domain import Status
    from tui550.core.store import followup

    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", "pagedown", "escape")
        carried = app.screen.query_one("#carried", ItemTable)
        assert app.focused is carried
        issue = carried.selected()
        await pilot.press("r", "c")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        _burst(app, [*"现场核验", "enter", "ctrl+u", *"钱峰", "enter"])
        await until(pilot, lambda: items.get_item(demo_db, issue.id).status is Status.CLOSED, "the close")
    extras = followup.item_extras(demo_db, issue.id)
    assert (extras["closed_note"], extras["closed_by"]) == ("现场核验", "钱峰")


async def test_editing_keys_in_a_burst_keep_their_place_among_the_characters(make_demo_app, demo_db) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown")
        line = app.screen.query_one("#line", Input)
        # Ctrl+U clears only what was typed before it; Backspace and Left act where they came.
        _burst(
            app,
            [
                *"写错了",
                "ctrl+u",
                *"协调电力x",
                "backspace",
                *"接入",
                "left",
                "left",
                *"专线",
                "end",
                "enter",
            ],
        )
        await until(pilot, lambda: len(_saved(demo_db)) == 1, "the save")
        assert line.value == ""
    assert [i.text for i in _saved(demo_db)] == ["协调电力专线接入"]


async def _ask_about_an_unknown_unit(pilot, app) -> None:
    from tui550.app.screens.dialogs import ChoiceDialog

    await pilot.press(*"协调用地 @不存在单位 ^7月底", "enter")
    await until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the unknown-unit dialog")


async def test_esc_then_enter_in_one_burst_cancels_the_unknown_unit_dialog(make_demo_app, demo_db) -> None:
    from tui550.app.screens.dialogs import ChoiceDialog
    from tui550.core.store import units

    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown")
        await _ask_about_an_unknown_unit(pilot, app)
        dialog = app.screen
        # Esc cancels at once: the Enter behind it submits the line kept on the wall again
        # (which asks again), it does not pick the dialog's first choice (create the unit).
        _burst(app, ["escape", "enter"])
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog) and app.screen is not dialog, "asked")
        assert app.screen.query_one("#filter", Input).value == ""
    assert _saved(demo_db) == []
    assert units.find_unit(demo_db, "不存在单位") is None


async def test_after_cancelling_the_unknown_unit_dialog_one_enter_saves_one_item_here(
    make_demo_app, demo_db
) -> None:
    from tui550.core.store import units

    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown")
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        shown = screen.entries[0].project
        await _ask_about_an_unknown_unit(pilot, app)
        # Esc, then the next item typed at once, as a remote link delivers the keys.
        _burst(app, ["escape", "ctrl+u", *"第二项", "enter"])
        await until(pilot, lambda: len(_saved(demo_db)) == 1, "the save")
        assert app.screen is screen and screen.capture_bar.line.value == ""
        await pilot.press("pagedown")
        await pilot.press(*"第三项", "enter")
        await until(pilot, lambda: len(_saved(demo_db)) == 2, "the second save")
        following = screen.entries[1].project
    assert [(i.text, i.project_id, i.lead_unit) for i in _saved(demo_db)] == [
        ("第二项", shown.id, None),
        ("第三项", following.id, None),
    ]
    assert units.find_unit(demo_db, "不存在单位") is None
