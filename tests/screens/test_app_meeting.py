"""Pilot tests: real key presses on the meeting screen, checked against saved rows."""

from __future__ import annotations

from datetime import date

from textual import events
from textual.widgets import Input

from tests.support.demo import DEMO_DAY
from tests.support.waits import until, workers_done
from tui550.app.screens.meeting import MeetingScreen
from tui550.app.widgets.items import ItemTable
from tui550.core.domain import Kind, MeetingState, Status, Tag
from tui550.core.errors import StorageError
from tui550.core.store import drafts, items, meetings, units


def _meeting(db):
    return next(m for m in meetings.list_meetings(db) if m.date == DEMO_DAY)


def _saved(db):
    return items.meeting_items(db, _meeting(db).id)


async def _type(pilot, text: str) -> None:
    await pilot.press(*text)


async def test_a_short_meeting_by_keys(make_demo_app, demo_db) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.position == 0
        await _type(pilot, "会议强调，要抢抓施工黄金期")
        await pilot.press("enter")
        await pilot.press("pagedown")  # project 1
        await pilot.press("f4")
        await _type(pilot, "规划许可证办理滞后 @自然资源 @发改委 ^7月底 #前期")
        await pilot.press("enter")
        await _type(pilot, "d:区自然资源局本周内完成规划许可审批 @区自然资源局 ^本周五")
        await pilot.press("enter")
        await pilot.press("f2")
        await _type(pilot, "p:主体结构施工至六层")
        await pilot.press("enter")
        await pilot.press("pagedown")  # project 2
        await pilot.press("f5")
        await _type(pilot, "完成剩余17户签约 @民主街道 ^2026-08-15")
        await pilot.press("enter")
        await pilot.pause()
        captured = screen.query_one("#captured", ItemTable)
        assert [i.text for i in captured.items] == ["完成剩余17户签约"]

    saved = _saved(demo_db)
    assert len(saved) == 5
    general, issue, decision, minute, deadline = saved
    assert general.project_id is None and general.kind is Kind.MINUTE
    agenda = meetings.agenda(demo_db, _meeting(demo_db).id)
    assert issue.project_id == agenda[0].project.id and deadline.project_id == agenda[1].project.id
    assert issue.kind is Kind.ISSUE and issue.lead_unit and issue.lead_unit.name == "区自然资源局"
    assert [u.name for u in issue.co_units] == ["区发改委"]
    assert issue.due == date(2026, 7, 31) and issue.category == "前期手续"
    assert issue.status is Status.OPEN
    assert decision.kind is Kind.DECISION and decision.due == date(2026, 7, 24)  # 本周五 from Mon 7-20
    assert minute.kind is Kind.MINUTE and minute.tag is Tag.PROGRESS
    assert deadline.kind is Kind.DEADLINE and deadline.due == date(2026, 8, 15)
    assert all(i.created_by == "测试员" for i in saved)
    assert meetings.get_meeting(demo_db, _meeting(demo_db).id).current_position == 2


async def test_edit_rekind_delete_undo_and_history(make_demo_app, demo_db) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown")
        await _type(pilot, "协调电力接入")
        await pilot.press("enter")
        await pilot.press("escape")  # leave the line for the list
        table = app.screen.query_one("#captured", ItemTable)
        assert app.focused is table
        await pilot.press("k")  # re-kind → choose decision (first offered after minute)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        # The edit dialog opens to ask for an owner and date.
        await pilot.press("end", *" @区发改委 ^8月10日", "enter")
        await pilot.pause()
        item = _saved(demo_db)[0]
        assert item.kind is Kind.DECISION and item.lead_unit and item.lead_unit.name == "区发改委"
        assert item.due == date(2026, 8, 10) and item.text == "协调电力接入"
        table.focus()
        await pilot.press("d")
        await pilot.pause()
        assert _saved(demo_db) == [] and table.items == []
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [i.text for i in _saved(demo_db)] == ["协调电力接入"]
        assert [i.text for i in table.items] == ["协调电力接入"]
    actions = [h.action for h in items.history_of(demo_db, item.id)]
    assert actions[:2] == ["create", "rekind"] and actions[-2:] == ["delete", "restore"]
    assert set(actions[2:-2]) == {"update"}


async def test_refusals_keep_the_text_and_save_nothing(make_demo_app, demo_db) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        line = app.screen.query_one("#line")
        await pilot.press("enter")
        await _type(pilot, "@民主街道 ^7月底")
        await pilot.press("enter")
        assert line.value == "@民主街道 ^7月底"
        line.value = ""
        await _type(pilot, "推进征收 ^2月30日")
        await pilot.press("enter")
        await pilot.pause()
        assert line.value == "推进征收 ^2月30日"
        assert "2月30日" in str(app.screen.query_one("#preview").render())
    assert _saved(demo_db) == []


async def test_keys_typed_before_a_save_is_shown_start_the_next_item(make_demo_app, demo_db) -> None:
    """Keys can reach the line before the screen has handled the Enter before them (a
    slow frame, a fast typist): each Enter saves exactly what was typed before it, and
    nothing typed after it is lost."""
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        line = app.screen.query_one("#line")
        # A burst, as a slow frame leaves it: every key is queued before any is handled.
        for key in [*"第一句", "enter", *"第二句", "enter", *"第三"]:
            app.post_message(events.Key(key, "\r" if key == "enter" else key))
        await until(
            pilot,
            lambda: len(_saved(demo_db)) >= 2 and line.value == "第三",
            "the two saves and the rest of the line",
        )
        assert [i.text for i in _saved(demo_db)] == ["第一句", "第二句"]
        assert line.value == "第三"
        await pilot.press("enter")
        await pilot.pause()
        assert [i.text for i in _saved(demo_db)] == ["第一句", "第二句", "第三"]
        assert line.value == ""


async def test_markup_and_escapes_are_text(make_demo_app, demo_db) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        app.screen.query_one("#line").value = "[red]红[/] [link=x]链接[/link] \x1b]52;c;ZXZpbA==\x07 [bold"
        await pilot.press("enter")
        await pilot.pause()
        table = app.screen.query_one("#captured", ItemTable)
        cell = table.get_row_at(0)[1]
        assert cell.plain.startswith("[red]红[/] [link=x]链接[/link]")
    saved = _saved(demo_db)[0]
    assert "\x1b" not in saved.text and "\x07" not in saved.text
    assert saved.text.startswith("[red]红[/] [link=x]链接[/link] ]52;c;ZXZpbA==")


async def test_multiline_paste_is_one_item(make_demo_app, demo_db) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        line = app.screen.query_one("#line")
        line.post_message(events.Paste("第一行\n第二行\r\n\n第三行"))
        await pilot.pause()
        assert line.value == "第一行 第二行 第三行"
        await pilot.press("enter")
    assert [i.text for i in _saved(demo_db)] == ["第一行 第二行 第三行"]


async def test_unknown_unit_can_be_created_in_place(make_demo_app, demo_db) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await _type(pilot, "d:组建工作专班 @区城投公司 ^8月1日")
        await pilot.press("enter")
        await pilot.pause()
        assert _saved(demo_db) == []  # nothing saved while the dialog asks
        await pilot.press("enter")  # the first choice: create it
        await pilot.pause()
    saved = _saved(demo_db)
    assert len(saved) == 1 and saved[0].lead_unit and saved[0].lead_unit.name == "区城投公司"
    assert units.find_unit(demo_db, "区城投公司") is not None


async def test_disk_failure_keeps_the_line_then_saves_once(make_demo_app, demo_db, monkeypatch) -> None:
    app = make_demo_app()
    real_capture = items.capture
    attempts: list[object] = []

    def broken(*args, **kwargs):
        attempts.append(kwargs.get("item_id"))
        raise StorageError("error.storage", "error.storage.remedy", reason="disk I/O error")

    async with app.run_test(size=(120, 36)) as pilot:
        monkeypatch.setattr(items, "capture", broken)
        await _type(pilot, "磁盘故障时的记录")
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#line").value == "磁盘故障时的记录"
        assert screen.query_one("#banner").display
        assert screen.query_one("#capture").has_class("-unsaved")
        assert screen.query_one("#captured", ItemTable).items == []
        monkeypatch.setattr(items, "capture", real_capture)
        await pilot.press("enter")
        await pilot.pause()
        assert not screen.query_one("#banner").display
        assert screen.query_one("#line").value == ""
    saved = _saved(demo_db)
    assert [i.text for i in saved] == ["磁盘故障时的记录"] and saved[0].id == attempts[0]


async def test_resize_loses_nothing(make_demo_app, demo_db) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown")
        await _type(pilot, "第一条")
        await pilot.press("enter")
        await _type(pilot, "正在输入")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert app.screen.query_one("#line").value == "正在输入"
        assert [i.text for i in app.screen.query_one("#captured", ItemTable).items] == ["第一条"]


async def test_a_list_shows_its_scrollbar_only_while_it_has_focus(make_demo_app) -> None:
    """A scrollbar nobody scrolls is not drawn at every capture; the column stays
    reserved, so focusing the list does not re-wrap its rows."""
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown")
        for n in range(14):  # more than the list shows
            await _type(pilot, f"第{n}条")
            await pilot.press("enter")
        await pilot.pause()
        table = app.screen.query_one("#captured", ItemTable)
        width = table.scrollable_content_region.width
        assert table.max_scroll_y > 0 and not table.vertical_scrollbar.region  # not drawn
        await pilot.press("escape")  # into the list
        await pilot.pause()
        assert table.has_focus and table.vertical_scrollbar.region.height > 0
        assert table.scrollable_content_region.width == width


async def test_resume_restores_position_timer_and_draft(make_demo_app, demo_db, frozen_clock) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", "pagedown", "pagedown")
        frozen_clock.ticks += 75
        await _type(pilot, "半句话")
        await pilot.pause(0.6)  # past the draft delay: the draft timer fires
        await workers_done(app)
        await pilot.press("f6")  # pause: the timer is saved
        await workers_done(app)
    meeting = _meeting(demo_db)
    assert meeting.current_position == 3 and meeting.state is MeetingState.IN_PROGRESS
    draft = drafts.load_draft(demo_db, meeting.id)
    assert draft is not None and draft.text == "半句话"
    assert meetings.agenda(demo_db, meeting.id)[2].elapsed_s == 75

    again = make_demo_app()
    async with again.run_test(size=(120, 36)) as pilot:
        screen = again.screen
        assert isinstance(screen, MeetingScreen) and screen.position == 3
        assert screen.query_one("#line", Input).value == "半句话"
        assert 74 <= screen.timer.elapsed() <= 76


async def test_countdown_turns_yellow_then_red(make_demo_app, frozen_clock) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown")
        digits = app.screen.query_one("#countdown")
        box = app.screen.entry.time_box_s
        frozen_clock.ticks += box * 0.75
        app.screen.tick()
        assert digits.has_class("-warn") and not digits.has_class("-over")
        frozen_clock.ticks += box * 0.5
        app.screen.tick()
        assert digits.has_class("-over")
        await pilot.press("f6")
        assert digits.has_class("-paused")


async def test_curtain_and_jump(make_demo_app) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f7")
        assert app.screen.has_class("-curtain")
        assert not app.screen.query_one("#body").display or app.screen.query_one("#curtain").display
        await pilot.press("f7")
        assert not app.screen.has_class("-curtain")
        await pilot.press("ctrl+g")
        await pilot.pause()
        await _type(pilot, "中医院")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.entry.project.name == "解放区中医院门诊楼"


async def test_close_meeting_after_review(make_demo_app, demo_db) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", "f3")
        await _type(pilot, "尽快完成招标")
        await pilot.press("enter")
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("end", *" @区发改委 ^8月1日", "enter")
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
    meeting = _meeting(demo_db)
    assert meeting.state is MeetingState.CLOSED and meeting.ends_at is not None
    item = _saved(demo_db)[0]
    assert item.lead_unit and item.lead_unit.name == "区发改委" and item.due == date(2026, 8, 1)


async def test_events_log_reports_saves_with_timings(make_demo_app, tmp_path) -> None:
    import json

    path = tmp_path / "events.jsonl"
    app = make_demo_app(events_path=path)
    async with app.run_test(size=(120, 36)) as pilot:
        await _type(pilot, "记录")
        await pilot.press("enter")
        await pilot.press("pagedown")
        await pilot.pause()
    app.events.close()
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    saved = [r for r in records if r["event"] == "item_saved"]
    assert len(saved) == 1 and saved[0]["commit_ms"] <= saved[0]["paint_ms"]
    assert any(r["event"] == "project_shown" and r["position"] == 1 for r in records)


async def test_language_switch_saves_and_asks_for_a_fresh_start(make_demo_app, demo_db) -> None:
    from tui550.app.main import RELAUNCH
    from tui550.core.settings import load_settings

    app = make_demo_app("zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", "pagedown")
        await _type(pilot, "换语言前")
        await pilot.press("ctrl+t")
        await pilot.pause()
    assert app.return_value == RELAUNCH
    assert load_settings(app.settings.path, environ={}).lang == "en"
    meeting = _meeting(demo_db)
    assert meeting.current_position == 2
    draft = drafts.load_draft(demo_db, meeting.id)
    assert draft is not None and draft.text == "换语言前"


async def test_export_from_the_meeting_writes_a_file_in_a_worker(make_demo_app, demo_db) -> None:
    from tui550.app.screens.export import export_folder

    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", "f3", *"区住建局牵头推进 @区住建局 ^8月1日", "enter")
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("down", "enter")  # the second format: the xlsx lists
        await workers_done(app)
        await pilot.pause()
    written = list(export_folder().glob("*.xlsx"))
    assert len(written) == 1 and "清单" in written[0].name
    from openpyxl import load_workbook

    book = load_workbook(written[0])
    assert "任务落实清单" in book.sheetnames
    rows = [[c.value for c in row] for row in book["任务落实清单"].iter_rows()]
    assert any("区住建局牵头推进" in str(row) for row in rows)


async def test_take_next_moves_a_later_project_up_and_adds_a_new_one(make_demo_app, demo_db) -> None:
    from tui550.core.store import projects

    extra = projects.add_project(demo_db, "临时增加的应急项目")
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press(*"中医院", "enter")
        await pilot.pause()
        assert app.screen.position == 1
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press(*"应急项目", "enter")
        await pilot.pause()
        await pilot.press("pagedown")
        assert app.screen.entry.project.id == extra.id
        await pilot.press("pagedown")
        assert app.screen.entry.project.name == "解放区中医院门诊楼"
    agenda = meetings.agenda(demo_db, _meeting(demo_db).id)
    assert len(agenda) == 31
    names = [a.project.name for a in agenda[:3]]
    assert names == ["焦作智能装备产业园", "临时增加的应急项目", "解放区中医院门诊楼"]


async def test_enter_on_the_home_list_opens_the_meeting(make_demo_app, demo_db) -> None:
    app = make_demo_app(open_meeting=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("enter")  # the list has focus: its own Enter selects the row
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.meeting.date == DEMO_DAY
