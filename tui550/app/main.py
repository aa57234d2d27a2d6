"""The app factory and the App class. Screens live in `tui550.app.screens`."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import App
from textual.driver import Driver

from tui550.app.change_feed import DatabaseChanged, LiveFeed
from tui550.app.commands import BY_ID, BindingList, bindings, key_label, keymap_problems, unreachable_keys
from tui550.app.held_captures import HeldCaptures
from tui550.app.palette import CommandsProvider
from tui550.app.theme import THEMES
from tui550.core import cycle_collector
from tui550.core.clock import Clock
from tui550.core.db import Database
from tui550.core.demo_mark import is_demo
from tui550.core.events import EventLog
from tui550.core.followup.rules import Rules
from tui550.core.settings import Settings, remember
from tui550.core.text import clean_pasted
from tui550.i18n import language, set_language, t

RELAUNCH = "relaunch"


class Tui550App(App[str]):
    CSS_PATH = "app.tcss"
    TITLE = "tui550"
    BINDINGS: ClassVar[BindingList] = bindings("app")
    COMMANDS = App.COMMANDS | {CommandsProvider}
    ENABLE_COMMAND_PALETTE = True
    # A screen under 30 lines (80x24) has the class -short: the meeting screen packs its
    # parts tighter there (app.tcss).
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # noqa: RUF012 (typed by Textual)

    def __init__(
        self,
        db: Database,
        settings: Settings,
        *,
        meeting_id: uuid.UUID | None = None,
        events: EventLog | None = None,
        clock: Clock | None = None,
        script: Path | None = None,
        demo: bool = False,
        notice: str | None = None,
    ) -> None:
        super().__init__()
        # The demo database is open: every header says so, lest it be taken for the real one.
        self.demo = demo
        # Said once on the home screen at start (a meeting left running in the demo).
        self.notice = notice
        # Scripted input (tests, benchmarks): see tui550.app.script.
        self.script = script
        # Tests and snapshots freeze time; the app reads it only through `self.clock`, and a
        # clock given here is the store's too (`db.clock`), so both agree on "today".
        if clock is not None:
            db.clock = clock
        self.clock = db.clock
        # Likewise the rules the store judges by are those of the settings the app runs with.
        db.rules = Rules.from_settings(settings)
        self.db = db
        self.settings = settings
        self.events = events or EventLog(None)
        self.start_meeting_id = meeting_id
        self.live = LiveFeed(self, db)
        self.collector = cycle_collector.KeyHold(self.set_timer)
        # On a server database, captures wait on this computer while the server is away.
        self.held = HeldCaptures(db) if db.dialect != "sqlite" else None
        for theme in THEMES:
            self.register_theme(theme)
        self._start_in_theme(settings.theme if settings.theme in self.available_themes else THEMES[0].name)

    def get_driver_class(self) -> type[Driver]:
        driver = super().get_driver_class()
        if f"{driver.__module__}.{driver.__name__}" == "textual.drivers.linux_driver.LinuxDriver":
            from tui550.app.terminal import CleanPasteDriver

            return CleanPasteDriver  # a paste's escape sequences never become keys
        return driver

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Paste) and not event.is_forwarded:
            # Every field gets pasted text cleaned as stored text is, whatever sent it.
            event = events.Paste(clean_pasted(event.text))
        await super().on_event(event)

    def on_mount(self) -> None:
        if self.settings.keymap:
            self.set_keymap(dict(self.settings.keymap))
            self._report_keymap()
        self.live.start()
        # In case no screen gets as far as its first paint (a failed open), all the same.
        self.set_timer(5.0, self.started)
        if self.start_meeting_id is not None:
            # The home screen comes when the meeting is left (`leave_meeting`). Under the
            # wall at start-up it would hold back the first paint: its module, its widgets,
            # and its layout (Textual lays out the screen under the top one).
            self.open_meeting(self.start_meeting_id)
        else:
            from tui550.app.screens.home import HomeScreen

            self.push_screen(HomeScreen())

    def _report_keymap(self) -> None:
        """Say at start which keymap entries do nothing (no such command, an Alt key the
        terminal sends as Esc then the key) and which commands lost their key."""
        unknown, clashes = keymap_problems(self.settings.keymap)
        lines = [t("keymap.unknown", ids="、".join(unknown))] if unknown else []
        lines += [
            t(
                "keymap.clash",
                command=BY_ID[c.command_id].label,
                lost=BY_ID[c.lost_id].label,
                key=key_label({c.command_id: c.key}, c.command_id),
            )
            for c in clashes
        ]
        lines += [
            t("keymap.alt", command=BY_ID[command_id].label, key=key_label({command_id: key}, command_id))
            for command_id, key in unreachable_keys(self.settings.keymap)
        ]
        if lines:
            self.notify("\n".join(lines), title=t("keymap.title"), severity="warning", timeout=15)

    def started(self) -> None:
        """The first screen is painted: the start-up objects are frozen and the cycle
        collector comes back on (`core.cycle_collector` says why)."""
        cycle_collector.start_up_painted(key_held=self.collector.held)

    def on_unmount(self) -> None:
        # A key's hold ends with its frame; one that never came must not outlive the app.
        self.collector.release()
        self.live.close()
        if self.held is not None:
            self.held.close()

    def on_database_changed(self, message: DatabaseChanged) -> None:
        self.live.forward(message)

    def open_meeting(self, meeting_id: uuid.UUID) -> None:
        from tui550.app.screens.meeting import MeetingScreen

        self.push_screen(MeetingScreen(meeting_id))

    def leave_meeting(self) -> None:
        """Back from the meeting on top to the screen under it, or to a new home screen
        when the app opened straight into the meeting."""
        from tui550.app.screens.home import HomeScreen

        stack = self.screen_stack
        if len(stack) > 2 or stack[0].id != "_default":  # something of ours is under it
            self.pop_screen()
        else:
            self.switch_screen(HomeScreen())

    def _start_in_theme(self, name: str) -> None:
        """Start in theme `name` with nothing to restyle.

        Setting `theme` asks Textual to parse every style sheet again and empties its parse
        cache, so the first screen's sheets would be parsed twice more at every start.
        Before anything is parsed, the theme's variables can simply be the sheet's own. A
        theme of the other lightness than Textual's default goes the usual way, which also
        switches the ANSI colour filter."""
        theme = self.get_theme(name)
        if theme is None or theme.dark is not self.current_theme.dark:
            self.theme = name
            return
        self.set_reactive(App.theme, name)
        self.stylesheet.set_variables(self.get_css_variables())
        self.set_class(True, f"-theme-{name}", update=False)  # as a theme change marks the app

    def watch_theme(self, theme: str) -> None:
        if theme != self.settings.theme:
            self._remember(theme=theme)

    def _remember(self, **values: str) -> None:
        # Writing the settings file is I/O: never on the key path.
        def save() -> None:
            try:
                self.settings = remember(self.settings, **values)
            except OSError:
                self.settings = self.settings.with_overrides(**values)

        self.run_worker(save, thread=True, group="settings")

    def action_help_focused(self) -> None:
        from tui550.app.screens.help import FocusHelp

        focused = self.focused
        key = getattr(focused, "HELP_KEY", None) or getattr(self.screen, "HELP_KEY", None)
        self.push_screen(FocusHelp(str(key or "help.general"), self.settings.keymap))

    def action_guide(self) -> None:
        from tui550.app.screens.help import GuideScreen

        if not isinstance(self.screen, GuideScreen):
            self.push_screen(GuideScreen())

    def action_supervision(self) -> None:
        from tui550.app.screens.supervision import SupervisionScreen

        if not isinstance(self.screen, SupervisionScreen):
            self.push_screen(SupervisionScreen(meeting_id=getattr(self.screen, "meeting_id", None)))

    def open_search(self, initial: str = "") -> None:
        """Search every meeting, project, unit and item (from the home or the meeting screen)."""
        # The search screen acts on the meeting screen (it opens a meeting at the item found),
        # so screens reach it through the app and never import it themselves.
        from tui550.app.screens.search import open_search

        open_search(self, initial)

    def action_wallchart(self) -> None:
        from tui550.app.screens.wallchart import WallChartScreen

        if not isinstance(self.screen, WallChartScreen):
            self.push_screen(WallChartScreen())

    def action_quit_app(self) -> None:
        self.exit()

    def action_toggle_language(self) -> None:
        """Labels are made in the interface language when the code loads, so the app
        saves the meeting's position, timer and draft, and the command line starts it
        again in the other language, exactly where it was."""
        from tui550.app.screens.meeting import MeetingScreen

        new = "en" if language() == "zh" else "zh"
        for screen in self.screen_stack:
            if isinstance(screen, MeetingScreen):
                screen.save_now()
        try:
            self.settings = remember(self.settings, lang=new)
        except OSError:
            self.settings = self.settings.with_overrides(lang=new)
        self.exit(RELAUNCH)


def make_app(
    db: Database,
    settings: Settings,
    *,
    meeting_id: uuid.UUID | None = None,
    events: EventLog | None = None,
    clock: Clock | None = None,
    script: Path | None = None,
    notice: str | None = None,
) -> Tui550App:
    """The one way to build the app: the CLI and the tests both call it."""
    set_language(settings.lang)
    return Tui550App(
        db,
        settings,
        meeting_id=meeting_id,
        events=events,
        clock=clock,
        script=script,
        demo=is_demo(db),
        notice=notice,
    )
