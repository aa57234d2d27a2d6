"""Live updates: another client's write reaches every open screen within a second or so.

`LiveFeed` runs a `core.changes.ChangeWatcher` in a thread of its own (its `wait`
blocks) and posts `DatabaseChanged` to the app, which hands a copy to each
screen on its stack. A screen then re-reads what it shows off the UI thread
(`read_wall`) and, back on it, changes only what differs (`apply_wall`): the
capture line is never touched, and the selected row stays selected, so a
refresh never disturbs someone typing or choosing.

Our own writes are seen too (the watcher has a connection of its own); their
re-read finds what is already shown and changes nothing.
"""

from __future__ import annotations

import contextlib
import threading
import time
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Static
from textual.worker import get_current_worker

from tui550.app.widgets.card import ProjectCard
from tui550.app.widgets.items import ItemTable
from tui550.core.changes import SQLITE_INTERVAL_S, ChangeWatcher
from tui550.core.clock import zh_date
from tui550.core.domain import AgendaView, ItemView
from tui550.core.running_meeting import Wall, read_wall
from tui550.i18n import t

if TYPE_CHECKING:
    from textual.app import App

    from tui550.app.screens.meeting import MeetingScreen
    from tui550.core.db import Database
    from tui550.core.followup.views import SupervisionRow

# How long one `wait` blocks before the worker looks whether it should stop. A wait that
# sees no change is also the pause in which the WAL is checkpointed.
WAIT_S = 1.0
# Writes that never pause for a whole wait are checkpointed this often all the same.
CHECKPOINT_LATEST_S = 10.0
# A meeting screen re-reads after this long without a keystroke or a save.
LIVE_QUIET_S = 0.5


class DatabaseChanged(Message, bubble=False):
    """Another client (or this one) committed a write: re-read what you show.

    It does not bubble: the app hands a copy to each screen, which must not come back.
    """

    def __init__(self, tables: frozenset[str] = frozenset()) -> None:
        super().__init__()
        self.tables = tables


class LiveFeed:
    """The app's change watcher: started on mount, closed on exit."""

    def __init__(
        self, app: App[Any], db: Database, *, interval: float = SQLITE_INTERVAL_S, quiet: float = WAIT_S
    ) -> None:
        self.app = app
        self.db = db
        self.interval = interval
        self.quiet = quiet
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._watcher: ChangeWatcher | None = None
        self._thread: threading.Thread | None = None
        # Set once the watcher has its connection: writes from then on are seen.
        self.ready = threading.Event()

    def start(self) -> None:
        # A plain daemon thread rather than a Textual worker: it runs for the app's whole
        # life, and `app.workers.wait_for_complete()` (used to wait for saves) must not
        # wait for it. Posting a message to the app is safe from any thread.
        # It also checkpoints the WAL when saving pauses, so no commit on the key path
        # has to (`Database.defer_checkpoints`).
        self.db.defer_checkpoints()
        self._thread = threading.Thread(target=self._watch, name="tui550-change-watcher", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        with self._lock:
            watcher = self._watcher
        if watcher is not None:
            watcher.close()  # ends a running wait within its interval

    def _watch(self) -> None:
        # Made in the thread: connecting to a server may take seconds.
        watcher = ChangeWatcher(self.db, interval=self.interval)
        with self._lock:
            self._watcher = watcher
        self.ready.set()
        if self._stop.is_set():  # closed while connecting
            watcher.close()
            return
        written_since: float | None = None  # the first change not yet checkpointed
        try:
            while not self._stop.is_set():
                changed = watcher.wait(self.quiet)
                if self._stop.is_set():
                    break
                if changed:
                    self.app.post_message(DatabaseChanged(frozenset(watcher.tables)))
                    written_since = written_since or time.monotonic()
                due = (
                    written_since is not None
                    and self.db.checkpoints_deferred
                    and (not changed or time.monotonic() - written_since >= CHECKPOINT_LATEST_S)
                )
                if due and self.db.checkpoint():
                    written_since = None
        finally:
            watcher.close()

    def forward(self, message: DatabaseChanged) -> None:
        """On the UI thread: the screens in view re-read (a dialog's parent too); one hidden
        under a full screen re-reads when it is back in view (`AppScreen.on_screen_resume`).

        A message to a hidden screen is not free: Textual repaints the screen just under
        the top one whenever it handles one, and then the whole top screen with it, a
        full frame for nothing after every save."""
        in_view = True
        for screen in reversed(self.app.screen_stack):
            if in_view:
                screen.post_message(DatabaseChanged(message.tables))
            else:
                screen.changed_while_hidden = True
            in_view = in_view and isinstance(screen, ModalScreen)


# --- showing a meeting's wall -------------------------------------------------------


def carried_title(shown: int, total: int | None) -> Text:
    """ "Carried from earlier meetings (N)", or "(showing S of N)" when the list is cut."""
    if total is None or total <= shown:
        return Text(t("meeting.carried_title", n=shown))
    return Text(t("meeting.carried_title_more", n=total, shown=shown))


def set_items_keeping_selection(
    table: ItemTable, new: Sequence[ItemView], info: dict[uuid.UUID, SupervisionRow] | None = None
) -> bool:
    """Show `new` unless it is what the table shows; the selected item stays selected."""
    if list(new) == table.items and (info is None or info == table.info):
        return False
    chosen = table.selected() if table.has_focus else None
    table.set_items(new, info)
    if chosen is not None:
        table.select(chosen.id)
    return True


def show_tables(screen: Any, wall: Wall, *, card_changed: bool) -> None:
    """Card, carried and captured lists of a meeting or view screen, where they differ."""
    card = screen.query_one(ProjectCard)
    carried = screen.query_one("#carried", ItemTable)
    captured = screen.query_one("#captured", ItemTable)
    carried.year = captured.year = wall.meeting.date.year
    carried_changed = set_items_keeping_selection(carried, wall.carried, wall.info)
    if card_changed or carried_changed:
        entry = wall.entry
        if entry is None:
            card.show_project(
                None,
                [],
                screen.today(),
                screen.settings.yellow_days,
                general_title=t("meeting.general_title", date=zh_date(wall.meeting.date)),
            )
        else:
            card.show_project(
                entry.project,
                wall.carried,
                screen.today(),
                screen.settings.yellow_days,
                year=wall.meeting.date.year,
            )
    # Only what changed is touched: an update asks for a new layout, and a refresh that
    # changes nothing must not cost the screen a frame. A cut list's total may change alone.
    if card_changed or carried_changed or wall.carried_total is not None:
        carried.display = bool(carried.items)
        title = screen.query_one("#carried-title", Static)
        title.display = bool(carried.items)
        text = carried_title(len(carried.items), wall.carried_total)
        if text.plain != str(title.render()):
            title.update(text)
    if set_items_keeping_selection(captured, wall.captured) or card_changed:
        screen.query_one("#captured-title", Static).update(
            Text(t("meeting.captured_title", n=len(captured.items)))
        )


def position_text(position: int, entries: Sequence[AgendaView]) -> str:
    if 1 <= position <= len(entries):
        return t("meeting.position", n=position, total=len(entries), name=entries[position - 1].project.name)
    return t("meeting.general_page")


# --- the meeting screen ---------------------------------------------------------------


def refresh_meeting(screen: MeetingScreen) -> None:
    """Re-read the project on the wall in a worker; the meeting's state takes what changed
    (`RunningMeeting.merge`), unless a key changed it meanwhile: then it is read again."""
    state = screen.state
    db, meeting_id, project_id, position = state.db, state.meeting_id, state.project_id, state.position
    now, rules, token = screen.tui.clock.now(), db.rules, state.token()

    def read() -> None:
        wall = read_wall(db, meeting_id, now=now, rules=rules, position=position, project_id=project_id)
        if not get_current_worker().is_cancelled:
            with contextlib.suppress(RuntimeError):  # the app closed meanwhile
                screen.app.call_from_thread(apply_meeting, screen, wall, token)

    screen.run_worker(read, thread=True, exclusive=True, group="live-read", exit_on_error=False)


def apply_meeting(screen: MeetingScreen, wall: Wall, token: tuple[Any, ...]) -> None:
    if not screen.is_attached:
        return
    change = screen.state.merge(wall, token)
    if change is None:
        if token[1] == screen.state.project_id:
            # A capture or an edit here overtook the read: what was read may predate it.
            refresh_meeting(screen)
        return  # moved meanwhile: showing the new project read it afresh
    screen.draw(change)
