"""Hostile and huge pastes on the meeting screen: escape sequences go whole, a megabyte is
one item, and the screen still renders (the parsers and stores behind it: unit/test_bad_input.py)."""

from __future__ import annotations

from pathlib import Path

from textual import events

from tests.support.demo import DEMO_DAY
from tui550.core.text import clean_pasted, one_line

HOSTILE_LINE = (
    "[red]红[/] [link=http://x]链接[/link] \x1b]52;c;ZXZpbA==\x07 \x1b]0;标题\x07 "
    "\x1b[2J مرحبا \u202e倒序\u202c e\u0301 👩\u200d👩\u200d👧 =SUM(A1) \x00尾"
)


async def test_hostile_and_huge_pastes_on_screen(make_demo_app, demo_db) -> None:
    from tui550.app.widgets.items import ItemTable
    from tui550.core.store import items, meetings

    big = "大" * 350_000  # ≈ 1 MB as UTF-8
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        line = app.screen.query_one("#line")
        app.post_message(events.Paste(HOSTILE_LINE + "\n第二行"))
        await pilot.pause()
        # A paste's escape sequences go whole (the clipboard write and the title with them).
        assert line.value == one_line(clean_pasted(HOSTILE_LINE + "\n第二行"))
        assert "52;c" not in line.value and "标题" not in line.value
        await pilot.press("enter")
        await pilot.pause()
        app.post_message(events.Paste(big))
        await pilot.pause()
        assert line.value == big
        await pilot.press("enter")
        await pilot.pause()
        table = app.screen.query_one("#captured", ItemTable)
        assert len(table.items) == 2
        assert app.screen.query_one("#banner").display is False
        app.save_screenshot(str(Path(demo_db.path).with_name("shot.svg")))  # the screen still renders
    meeting = next(m for m in meetings.list_meetings(demo_db) if m.date == DEMO_DAY)
    saved = [i.text for i in items.meeting_items(demo_db, meeting.id)]
    assert saved == [one_line(clean_pasted(HOSTILE_LINE + "\n第二行")), big]
