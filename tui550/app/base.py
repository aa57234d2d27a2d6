"""A screen base with typed access to what every screen uses: the database, settings, events."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, cast

from textual.screen import Screen

from tui550.core.clock import local_today

if TYPE_CHECKING:
    from tui550.app.main import Tui550App
    from tui550.core.db import Database
    from tui550.core.events import EventLog
    from tui550.core.settings import Settings


class AppScreen(Screen[Any]):
    @property
    def tui(self) -> Tui550App:
        from tui550.app.main import Tui550App

        return cast(Tui550App, self.app)

    @property
    def db(self) -> Database:
        return self.tui.db

    @property
    def settings(self) -> Settings:
        return self.tui.settings

    def today(self) -> date:
        return local_today(self.settings.tz, self.tui.clock.now())

    @property
    def events(self) -> EventLog:
        return self.tui.events
