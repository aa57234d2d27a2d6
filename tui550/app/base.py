"""A screen base with typed access to what every screen uses: the database, settings, events."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.screen import Screen
from textual.worker import get_current_worker

from tui550.app.change_feed import DatabaseChanged
from tui550.core.clock import local_today
from tui550.core.errors import StorageError

if TYPE_CHECKING:
    from textual.app import App

    from tui550.app.main import Tui550App
    from tui550.core.db import Database
    from tui550.core.events import EventLog
    from tui550.core.settings import Settings


T = TypeVar("T")


class AppAccess:
    """Typed access to the app's database, settings, clock and events, for any screen or dialog."""

    if TYPE_CHECKING:
        app: App[Any]  # given by the Screen this is mixed into

    @property
    def tui(self) -> Tui550App:
        # The app is always a Tui550App here; naming the class only for the type checker
        # keeps `base` (imported by every screen) from importing `main`, which imports them.
        return cast("Tui550App", self.app)

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


class AppScreen(AppAccess, Screen[Any]):
    # Set by the live feed when a change came while a full screen covered this one.
    changed_while_hidden = False

    def on_screen_resume(self) -> None:
        if self.changed_while_hidden:
            self.changed_while_hidden = False
            self.post_message(DatabaseChanged())

    def read_in_background(self, read: Callable[[], T], show: Callable[[T], None], *, group: str) -> None:
        """Read off the UI thread, then `show` on it: another client's change must not make
        a keystroke wait. A failed read is dropped; the next change, or coming back, reads again."""

        def run() -> None:
            try:
                value = read()
            except StorageError:
                return
            if not get_current_worker().is_cancelled:
                with contextlib.suppress(RuntimeError):  # the app closed meanwhile
                    self.app.call_from_thread(show, value)

        self.run_worker(run, thread=True, exclusive=True, group=group, exit_on_error=False)
