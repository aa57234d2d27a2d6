"""The read-only view: what the facilitator's wall shows, for a second projector or a
remote room (`tui550 view`, and in browsers through `tui550 serve`).

It follows the meeting's saved position (`current_position`, written on every
move of the facilitator) through the change feed. It has no capture line and
no key that writes: the only way it touches the database is by reading.
"""

from __future__ import annotations

import contextlib
import uuid
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from tui550.app.change_feed import position_text, show_tables
from tui550.app.widgets.card import ProjectCard
from tui550.app.widgets.header import MeetingHeader
from tui550.app.widgets.items import ItemTable
from tui550.core.clock import local_today, to_local
from tui550.core.demo_mark import is_demo
from tui550.core.errors import StorageError
from tui550.core.running_meeting import Wall, read_wall
from tui550.core.secrets import redact, scrub
from tui550.core.store.meetings import meeting_in_progress
from tui550.i18n import t

if TYPE_CHECKING:
    from datetime import date

    from tui550.app.viewapp import ViewApp
    from tui550.core.db import Database
    from tui550.core.settings import Settings

# While the database cannot be read, try again this often (the change feed may be down too).
RETRY_S = 5.0


def source_text(db: Database) -> str:
    """Where the data comes from, safe for a projector: a file's name, or a server URL
    without its password."""
    path = db.path
    return path.name if path is not None else redact(db.url)


class ViewScreen(Screen[None]):
    AUTO_FOCUS = None
    DEFAULT_CSS = """
    ViewScreen #body { height: 1fr; }
    ViewScreen .section { height: 1; padding: 0 1; background: $panel; color: $primary;
                          text-style: bold; }
    ViewScreen #carried { height: auto; max-height: 9; }
    ViewScreen #view-status { dock: bottom; height: 1; padding: 0 1; background: $panel;
                              color: $foreground; }
    ViewScreen #view-status.-lost { background: $error; text-style: bold; }
    ViewScreen { layers: base curtain; }
    ViewScreen #curtain { display: none; layer: curtain; position: absolute; offset: 0 0;
                          width: 100%; height: 100%; background: $background; align: center middle; }
    ViewScreen.-curtain #curtain { display: block; }
    ViewScreen.-curtain #body, ViewScreen.-curtain MeetingHeader { display: none; }
    ViewScreen #curtain Static { width: 100%; height: 3; content-align: center middle;
                                 text-style: bold; }
    ViewScreen #curtain-clock { color: $primary; }
    """

    def __init__(self, meeting_id: uuid.UUID, *, follow_current: bool = False) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        # Without a MEETING argument the view moves on to whichever meeting is in progress.
        self.follow_current = follow_current
        self.wall: Wall | None = None
        self.lost = False

    @property
    def viewer(self) -> ViewApp:
        return cast("ViewApp", self.app)

    @property
    def db(self) -> Database:
        return self.viewer.db

    @property
    def settings(self) -> Settings:
        return self.viewer.settings

    def today(self) -> date:
        return local_today(self.settings.tz, self.viewer.clock.now())

    # --- layout ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        today = self.today()
        yield MeetingHeader(self.settings.tz, demo=is_demo(self.db))
        with Vertical(id="body"):
            yield ProjectCard(id="card")
            yield Static(id="carried-title", classes="section", markup=False)
            yield self._table(
                ItemTable(carried=True, today=today, yellow_days=self.settings.yellow_days, id="carried")
            )
            yield Static(id="captured-title", classes="section", markup=False)
            yield self._table(ItemTable(today=today, yellow_days=self.settings.yellow_days, id="captured"))
        yield Static(id="view-status", markup=False)
        with Vertical(id="curtain"):  # as the facilitator's wall shows it (F7 there)
            yield Static(id="curtain-title", markup=False)
            yield Static(id="curtain-clock", markup=False)

    @staticmethod
    def _table(table: ItemTable) -> ItemTable:
        table.can_focus = False  # nothing to select: no cursor, no keys
        return table

    def on_mount(self) -> None:
        self.query_one(MeetingHeader).show_timer(0, 0, False, visible=False)
        self._show_status()
        # The first read on the UI thread, so the first frame already shows the project.
        try:
            self.apply(self._read(self.meeting_id))
        except StorageError as exc:
            self.show_lost(exc)
        self.set_interval(RETRY_S, self._retry)
        self.set_interval(1.0, self._paint_curtain)

    # --- reading -----------------------------------------------------------------------
    def _read(self, meeting_id: uuid.UUID) -> Wall:
        if self.follow_current:
            current = meeting_in_progress(self.db)
            if current is not None:
                meeting_id = current.id
        return read_wall(self.db, meeting_id, now=self.viewer.clock.now(), rules=self.db.rules)

    def on_database_changed(self, _message: object) -> None:
        self.refresh_view()

    def _retry(self) -> None:
        if self.lost:
            self.refresh_view()

    def refresh_view(self) -> None:
        meeting_id = self.meeting_id

        def read() -> None:
            try:
                wall: Wall | StorageError = self._read(meeting_id)
            except StorageError as exc:
                wall = exc
            if not get_current_worker().is_cancelled:
                with contextlib.suppress(RuntimeError):  # the app closed meanwhile
                    self.app.call_from_thread(self._show, wall)

        self.run_worker(read, thread=True, exclusive=True, group="view-read", exit_on_error=False)

    def _show(self, wall: Wall | StorageError) -> None:
        if not self.is_attached:
            return
        if isinstance(wall, StorageError):
            self.show_lost(wall)
        else:
            self.apply(wall)

    # --- showing -----------------------------------------------------------------------
    def apply(self, wall: Wall) -> None:
        old = self.wall
        self.wall = wall
        self.meeting_id = wall.meeting.id
        header = self.query_one(MeetingHeader)
        header.title = wall.meeting.title
        header.position_text = position_text(wall.position, wall.entries)
        entry, old_entry = wall.entry, old.entry if old else None
        card_changed = (
            old is None
            or wall.project_id != old.project_id
            or (entry.project if entry else None) != (old_entry.project if old_entry else None)
            or wall.meeting.date != old.meeting.date
        )
        if card_changed:
            # Another project: start from its newest rows, as the facilitator's wall does.
            for table in self.query(ItemTable):
                table.set_items([])
        show_tables(self, wall, card_changed=card_changed)
        if wall.curtain != self.has_class("-curtain"):
            self.set_class(wall.curtain, "-curtain")
            self._paint_curtain()
        if self.lost:
            self.lost = False
            self._show_status()

    def _paint_curtain(self) -> None:
        if not self.has_class("-curtain") or self.wall is None:
            return

        now = to_local(self.viewer.clock.now(), self.settings.tz)
        self.query_one("#curtain-title", Static).update(Text(self.wall.meeting.title))
        self.query_one("#curtain-clock", Static).update(Text(now.strftime("%H:%M")))

    def show_lost(self, exc: StorageError) -> None:
        self.lost = True
        self._show_status(str(exc.args_.get("reason", "")))

    def _show_status(self, reason: str = "") -> None:
        status = self.query_one("#view-status", Static)
        source = self.viewer.source_label or source_text(self.db)
        status.set_class(self.lost, "-lost")
        if self.lost:
            status.update(Text(scrub(t("view.lost", source=source, reason=reason))))
        else:
            status.update(Text(t("view.status", source=source)))
