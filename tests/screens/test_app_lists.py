"""The item lists as the room sees them: the selected row stands out in both themes and in a
16-colour terminal, the footer shows the list's keys, five captures fit at 80x24, and the
edit and history dialogs speak the room's language."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from rich.color import ColorSystem
from rich.style import Style

from tests.support.demo import DEMO_DAY
from tui550.app.theme import PROJECTOR, PROJECTOR_LIGHT
from tui550.core.domain import Kind
from tui550.core.store import items, meetings


def _bg(style: Style | None, system: ColorSystem) -> object:
    colour = style.bgcolor if style is not None else None
    return None if colour is None else colour.downgrade(system).get_truecolor()


def _row_look(table, y: int, system: ColorSystem) -> set[tuple[object, bool]]:
    """The backgrounds and boldness a line of the list is drawn with, in `system` colours."""
    strip = table.render_line(y)
    return {(_bg(s.style, system), bool(s.style and s.style.bold)) for s in strip if s.text.strip()}


def _themed_app(make_demo_app, theme: str, lang: str = "zh"):
    from tui550.app.main import make_app

    base = make_demo_app(lang)
    return make_app(
        base.db,
        dataclasses.replace(base.settings, theme=theme),
        meeting_id=base.start_meeting_id,
        clock=base.clock,
    )


@pytest.mark.parametrize("theme", [PROJECTOR.name, PROJECTOR_LIGHT.name])
@pytest.mark.parametrize(
    "system",
    [ColorSystem.TRUECOLOR, ColorSystem.EIGHT_BIT, ColorSystem.STANDARD],
    ids=["truecolor", "256", "16"],
)
async def test_moving_the_cursor_changes_how_the_rows_are_drawn(make_demo_app, theme, system) -> None:
    from tui550.app.widgets.items import CURSOR_MARK, ItemTable

    app = _themed_app(make_demo_app, theme)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown")
        for line in ("纪要一条", "纪要二条", "纪要三条"):
            await pilot.press(*line, "enter")
        await pilot.press("escape")
        await pilot.pause()
        table = app.screen.query_one("#captured", ItemTable)
        assert app.focused is table and table.cursor_row == 2
        first, second, third = (table._starts[n] + 1 for n in range(3))  # + the header
        selected, plain = _row_look(table, third, system), _row_look(table, second, system)
        assert selected.isdisjoint(plain)  # another background (and bold) on every cell
        assert table.render_line(third).text.startswith(CURSOR_MARK)
        assert not table.render_line(second).text.startswith(CURSOR_MARK)

        await pilot.press("up")
        assert _row_look(table, second, system) == selected
        assert _row_look(table, third, system) == plain
        assert _row_look(table, first, system) == plain

        await pilot.press("i")  # back to the line: no row is drawn selected
        assert app.focused is not table
        assert _row_look(table, second, system) == plain


async def test_the_footer_shows_the_lists_keys_while_a_list_has_focus(make_demo_app) -> None:
    from tui550.app.widgets.footer import footer_entries

    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", *"协调电力接入", "enter")
        on_line = [keys for keys, _, _ in footer_entries(app.screen)]
        assert "pgdn" in on_line and "e" not in on_line

        await pilot.press("escape")
        await pilot.pause()
        shown = {keys: label for keys, label, _ in footer_entries(app.screen)}
        assert list(shown)[:5] == ["e", "k", "d/del", "h", "esc/i"]
        assert shown["e"] == "修改" and shown["esc/i"] == "返回输入行"
        assert "pgdn" not in shown and "f1" in shown  # the line's keys give way

        await pilot.press("escape")  # Esc, as the footer says, goes back to the line
        await pilot.pause()
        assert app.focused is app.screen.capture_bar.line
        assert "e" not in [keys for keys, _, _ in footer_entries(app.screen)]


async def test_five_captured_rows_are_visible_at_80x24(make_demo_app, demo_db) -> None:
    from tui550.app.widgets.items import ItemTable

    app = make_demo_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("pagedown", "pagedown")  # a project with items carried from before
        for n in range(7):
            await pilot.press(*f"第{n}条纪要", "enter")
        await pilot.pause()
        screen = app.screen
        assert screen.has_class("-short")
        assert screen.query_one("#carried", ItemTable).display  # the carried list is there too
        captured = screen.query_one("#captured", ItemTable)
        top, rows = captured.scroll_offset.y, captured.scrollable_content_region.height - 1
        visible = [
            n
            for n, start in enumerate(captured._starts)
            if start >= top and start + captured._heights[n] <= top + rows
        ]
        assert len(visible) >= 5
        assert visible[-1] == len(captured.items) - 1  # the newest among them


async def test_the_edit_dialog_previews_shows_the_date_as_said_and_says_it_saved(
    make_demo_app, demo_db
) -> None:
    from textual.widgets import Input, Static

    from tui550.app.screens.item_dialogs import EditItemDialog

    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", "f3", *"区财政局筹措补偿资金 @区财政局 ^2027-03-31", "enter")
        await pilot.press("escape", "e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, EditItemDialog)
        line = dialog.query_one("#line", Input)
        # Not ISO; the year written because it is not the meeting's.
        assert line.value == "d: 区财政局筹措补偿资金 @区财政局 ^2027年3月31日"
        preview = dialog.query_one("#edit-preview", Static)
        assert "区财政局筹措补偿资金" in str(preview.render())

        await pilot.press("home", *["right"] * 13, *"到位")  # typed into the text, nothing replaced
        await pilot.pause()
        assert line.value == "d: 区财政局筹措补偿资金到位 @区财政局 ^2027年3月31日"
        assert "区财政局筹措补偿资金到位" in str(preview.render())
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, EditItemDialog)
        assert any("已保存修改" in n.message for n in app._notifications)

    today = next(m for m in meetings.list_meetings(demo_db) if m.date == DEMO_DAY)
    [saved] = [i for i in items.meeting_items(demo_db, today.id) if i.kind is Kind.DECISION]
    assert saved.text == "区财政局筹措补偿资金到位" and saved.due == date(2027, 3, 31)


async def test_editing_an_overdue_item_keeps_its_passed_date(make_demo_app, demo_db) -> None:
    from tui550.app.widgets.items import ItemTable

    earlier = next(m for m in meetings.list_meetings(demo_db) if m.date != DEMO_DAY)
    project = meetings.agenda(demo_db, earlier.id)[0].project
    passed = DEMO_DAY - timedelta(days=3)
    old = items.capture(
        demo_db,
        meeting_id=earlier.id,
        project_id=project.id,
        kind=Kind.ISSUE,
        text="规划许可逾期未办",
        due=passed,
    )
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown")
        await pilot.pause()
        carried = app.screen.query_one("#carried", ItemTable)
        carried.focus()
        carried.select(old.id)
        assert carried.selected() is not None and carried.selected().id == old.id
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#line").value == "i: 规划许可逾期未办 ^7月17日"  # as said
        await pilot.press(*" @区住建局", "enter")  # typed at the end: a unit, the date left as it was
        await pilot.pause()

    now = items.get_item(demo_db, old.id)
    assert now.lead_unit is not None and now.lead_unit.name == "区住建局" and now.due == passed


async def test_history_names_fields_kinds_and_units(make_demo_app) -> None:
    from tui550.app.screens.dialogs import MessageDialog
    from tui550.app.screens.item_dialogs import EditItemDialog

    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", *"协调电力接入 @区住建局", "enter")
        await pilot.press("escape", "k", "enter")  # re-kind it: a decision
        await pilot.pause()
        assert isinstance(app.screen, EditItemDialog)  # a decision without a date asks for one
        await pilot.press("escape", "h")
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog)
        body = app.screen.body.plain
    assert "类型：纪要 → 议定事项" in body
    assert "牵头单位：区住建局" in body and "项目：" in body
    assert "kind" not in body and "project_id" not in body
