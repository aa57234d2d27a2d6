"""Snapshots of the search screen on the demo (120x36, both languages): results with
their matches marked, the overdue mark, and a read-only closed meeting."""

from __future__ import annotations

import pytest

from tests.support.waits import settle


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_search_screen(snap_compare, make_demo_app, lang) -> None:
    async def run_before(pilot) -> None:
        await pilot.press("ctrl+f", *"拆迁")
        await settle(pilot)

    assert snap_compare(make_demo_app(lang), terminal_size=(120, 36), run_before=run_before)


def test_closed_meeting_read_only(snap_compare, make_demo_app) -> None:
    async def run_before(pilot) -> None:
        await pilot.press("ctrl+f", *"环评批复")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_demo_app("zh"), terminal_size=(120, 36), run_before=run_before)
