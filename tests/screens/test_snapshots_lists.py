"""Snapshots of the selected row (after Esc and Up) in both themes, at projector and laptop
sizes, in both languages: the row, its ► mark and the list's keys in the footer.

Update them with `pytest tests/screens/test_snapshots_lists.py --snapshot-update` and look at them.
"""

from __future__ import annotations

import dataclasses

import pytest

from tui550.app.theme import PROJECTOR, PROJECTOR_LIGHT

SIZES = [(120, 36), (80, 24)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("theme", [PROJECTOR.name, PROJECTOR_LIGHT.name])
def test_selected_row(snap_compare, make_demo_app, theme, lang, size) -> None:
    from tui550.app.main import make_app

    base = make_demo_app(lang)
    app = make_app(
        base.db,
        dataclasses.replace(base.settings, theme=theme),
        meeting_id=base.start_meeting_id,
        clock=base.clock,
    )

    async def run_before(pilot) -> None:
        await pilot.press("pagedown", "pagedown")
        await pilot.press("f3", *"区财政局筹措补偿资金 @区财政局 @民主街道 @区住建局 ^7月底", "enter")
        for line in ("剩余17户签约，由民主街道牵头，区住建局配合，本周五前完成", "纪要二条", "纪要三条"):
            await pilot.press("f2", *line, "enter")
        await pilot.press("escape", "up", "up")

    assert snap_compare(app, terminal_size=size, run_before=run_before)
