"""Snapshots of the ledger's screens at projector size, in both languages (demo data,
time frozen at 09:30 on the demo day). Update with `--snapshot-update` and review the SVGs."""

from __future__ import annotations

import pytest

# Footer labels are made when a screen's module loads (switching language restarts the
# app). Loading the screens here, at collection and in Chinese like the other test
# modules do, keeps the snapshots the same whichever test of a worker runs first.
import tui550.app.screens.home
import tui550.app.screens.prepare
import tui550.app.screens.projects
import tui550.app.screens.schedule  # noqa: F401

LANGS = ["zh", "en"]


@pytest.mark.parametrize("lang", LANGS)
def test_projects_screen(snap_compare, make_demo_app, lang) -> None:
    assert snap_compare(make_demo_app(lang, open_meeting=False), terminal_size=(120, 36), press=["p", "down"])


@pytest.mark.parametrize("lang", LANGS)
def test_meeting_preparation(snap_compare, make_demo_app, lang) -> None:
    async def run_before(pilot) -> None:
        await pilot.press("n", *["tab"] * 10, "down", "tab", "tab", "shift+down", "plus")

    assert snap_compare(
        make_demo_app(lang, open_meeting=False), terminal_size=(120, 36), run_before=run_before
    )


@pytest.mark.parametrize("lang", LANGS)
def test_backward_schedule(snap_compare, make_demo_app, lang) -> None:
    async def run_before(pilot) -> None:
        await pilot.press("p", "b")
        # A blinking cursor is caught on or off depending on the machine's load.
        pilot.app.screen.query_one("#end").cursor_blink = False
        await pilot.pause()

    assert snap_compare(
        make_demo_app(lang, open_meeting=False), terminal_size=(120, 36), run_before=run_before
    )
