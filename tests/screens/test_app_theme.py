"""The app starts in the chosen theme, styled by it from the first frame, and can change it."""

from __future__ import annotations

import dataclasses

import pytest
from textual.color import Color

from tests.support.waits import until
from tui550.app.screens.meeting import MeetingScreen
from tui550.app.theme import PROJECTOR, PROJECTOR_LIGHT


@pytest.mark.parametrize("theme", [PROJECTOR, PROJECTOR_LIGHT], ids=lambda t: t.name)
async def test_the_app_starts_styled_by_its_theme(make_demo_app, theme) -> None:
    from tui550.app.main import make_app

    base = make_demo_app()
    app = make_app(
        base.db,
        dataclasses.replace(base.settings, theme=theme.name),
        meeting_id=base.start_meeting_id,
        clock=base.clock,
    )
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.theme == theme.name
        assert app.has_class(f"-theme-{theme.name}")
        assert app.has_class("-dark-mode") is theme.dark
        assert app.has_class("-light-mode") is not theme.dark
        assert app.get_css_variables()["background"] == theme.background
        assert app.screen.styles.background == Color.parse(theme.background)
        assert app.screen.query_one("#capture").styles.background.a > 0


async def test_changing_the_theme_restyles_and_is_remembered(make_demo_app) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert app.screen.styles.background == Color.parse(PROJECTOR.background)
        app.theme = PROJECTOR_LIGHT.name
        await pilot.pause()
        assert app.screen.styles.background == Color.parse(PROJECTOR_LIGHT.background)
        assert app.has_class("-light-mode") and not app.has_class(f"-theme-{PROJECTOR.name}")
        await until(pilot, lambda: app.settings.theme == PROJECTOR_LIGHT.name, "the theme saved")
