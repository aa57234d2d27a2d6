"""Snapshots of the meetings list's records view and of a closed meeting being amended."""

from __future__ import annotations

from datetime import date

import pytest

from tests.support.demo import DEMO_DAY
from tui550.core.demo import demo_id
from tui550.core.domain import Kind, MeetingKind
from tui550.core.store import items, meetings

LANGS = ["zh", "en"]


@pytest.mark.parametrize("lang", LANGS)
def test_records_apart_at_80_columns(snap_compare, make_demo_app, demo_db, lang) -> None:
    # Fixed ids, as the snapshot shows them.
    for key, title, day, kind in (
        ("upkeep", "台账维护（2026年7月20日）", DEMO_DAY, MeetingKind.UPKEEP),
        ("import", "问题清单导入：清单.xlsx（2026年7月10日）", date(2026, 7, 10), MeetingKind.IMPORT),
    ):
        record = meetings.create_meeting(demo_db, title, day, kind=kind, meeting_id=demo_id("snapshot", key))
        meetings.close_meeting(demo_db, record.id)
    items.capture(
        demo_db,
        meeting_id=demo_id("snapshot", "upkeep"),
        project_id=None,
        kind=Kind.DEADLINE,
        text="节点",
        item_id=demo_id("snapshot", "item"),
    )
    assert snap_compare(make_demo_app(lang, open_meeting=False), terminal_size=(80, 24), press=["r"])


@pytest.mark.parametrize("lang", LANGS)
def test_amending_a_closed_meeting(snap_compare, make_demo_app, lang) -> None:
    async def run_before(pilot) -> None:
        screen = pilot.app.screen
        await pilot.pause()
        table = screen.query_one("DataTable")
        table.move_cursor(row=screen._keys.index(str(demo_id("meeting", "earlier"))))
        await pilot.press("a", *"补记责任单位", "enter")
        await pilot.pause()

    assert snap_compare(
        make_demo_app(lang, open_meeting=False), terminal_size=(120, 36), run_before=run_before
    )
