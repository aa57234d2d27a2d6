"""Snapshots of the screens the room sees, at projector and laptop sizes, in both languages.

Time is frozen (09:30 on the demo day) and the demo's ids are derived from names,
so a snapshot changes only when what the screen shows changes.
Update them with `pytest tests/screens/test_snapshots.py --snapshot-update` and review the diff.
"""

from __future__ import annotations

import pytest

SIZES = [(120, 36), (80, 24)]
LANGS = ["zh", "en"]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_meeting_screen(snap_compare, make_demo_app, lang, size) -> None:
    async def run_before(pilot) -> None:
        await pilot.press("pagedown", "pagedown")
        await pilot.press(*"d:区财政局筹措补偿资金 @区财政局 @民主街道 ^7月底")
        await pilot.press("enter")
        await pilot.press(*"剩余17户签约 @民主街道 ^本周五")

    assert snap_compare(make_demo_app(lang), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_home_screen(snap_compare, make_demo_app, lang, size) -> None:
    assert snap_compare(make_demo_app(lang, open_meeting=False), terminal_size=size)


@pytest.mark.parametrize("lang", LANGS)
def test_guide_screen(snap_compare, make_demo_app, lang) -> None:
    assert snap_compare(make_demo_app(lang), terminal_size=(120, 36), press=["f11"])


@pytest.mark.parametrize("lang", LANGS)
def test_general_page_and_unknown_unit_dialog(snap_compare, make_demo_app, lang) -> None:
    async def run_before(pilot) -> None:
        await pilot.press(*"组建专班 @区城投公司", "enter")

    assert snap_compare(make_demo_app(lang), terminal_size=(120, 36), run_before=run_before)


def test_curtain(snap_compare, make_demo_app) -> None:
    assert snap_compare(make_demo_app("zh"), terminal_size=(120, 36), press=["pagedown", "f7"])


def test_close_review(snap_compare, make_demo_app) -> None:
    async def run_before(pilot) -> None:
        await pilot.press("pagedown", "f3", *"尽快完成招标", "enter", "f10")

    assert snap_compare(make_demo_app("zh"), terminal_size=(120, 36), run_before=run_before)
