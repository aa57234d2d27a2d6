"""The read-only view's App: one screen, no command palette, no key that writes.

Apart from Tui550App on purpose: that one's bindings open screens that edit
(supervision, wall chart), and a view served to browsers must offer none.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from textual.app import App

from tui550.app.change_feed import DatabaseChanged, LiveFeed
from tui550.app.commands import BindingList, bindings
from tui550.app.screens.view import ViewScreen
from tui550.app.theme import THEMES
from tui550.core.clock import Clock
from tui550.core.db import Database
from tui550.core.followup.rules import Rules
from tui550.core.settings import Settings
from tui550.i18n import set_language


class ViewApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "tui550 view"
    BINDINGS: ClassVar[BindingList] = bindings("view")
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        db: Database,
        settings: Settings,
        meeting_id: uuid.UUID,
        *,
        follow_current: bool = False,
        clock: Clock | None = None,
        source_label: str | None = None,
    ) -> None:
        super().__init__()
        # Shown instead of the database's name or address (a wall served to a hall).
        self.source_label = source_label
        self.db = db
        self.settings = settings
        # One clock for the screens and the store: a clock given here is the database's too.
        if clock is not None:
            db.clock = clock
        self.clock = db.clock
        # Likewise the rules the store judges by are those of the settings the app runs with.
        db.rules = Rules.from_settings(settings)
        self.meeting_id = meeting_id
        self.follow_current = follow_current
        self.live = LiveFeed(self, db)
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = settings.theme if settings.theme in self.available_themes else THEMES[0].name

    def on_mount(self) -> None:
        self.live.start()
        self.push_screen(ViewScreen(self.meeting_id, follow_current=self.follow_current))

    def on_unmount(self) -> None:
        self.live.close()

    def on_database_changed(self, message: DatabaseChanged) -> None:
        self.live.forward(message)


def make_view_app(
    db: Database,
    settings: Settings,
    meeting_id: uuid.UUID,
    *,
    follow_current: bool = False,
    clock: Clock | None = None,
    source_label: str | None = None,
) -> ViewApp:
    """The one way to build the view: the CLI, `serve` (through the CLI) and the tests."""
    set_language(settings.lang)
    return ViewApp(
        db, settings, meeting_id, follow_current=follow_current, clock=clock, source_label=source_label
    )
