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
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Static
from textual.worker import get_current_worker

from tui550.app.widgets.card import ProjectCard
from tui550.app.widgets.header import MeetingHeader
from tui550.app.widgets.items import ItemTable
from tui550.core.changes import SQLITE_INTERVAL_S, ChangeWatcher
from tui550.core.domain import AgendaView, ItemView, MeetingView
from tui550.i18n import t

if TYPE_CHECKING:
    from textual.app import App

    from tui550.app.screens.meeting import MeetingScreen
    from tui550.core.db import Database
    from tui550.core.followup import Rules
    from tui550.core.followup_views import SupervisionRow

# How long one `wait` blocks before the worker looks whether it should stop. A wait that
# sees no change is also the pause in which the WAL is checkpointed.
WAIT_S = 1.0
# Writes that never pause for a whole wait are checkpointed this often all the same.
CHECKPOINT_LATEST_S = 10.0
CAPTURED_LIMIT = 500
# The carried list shows the most urgent open items (nearest due first) and the total:
# a project carrying a thousand items must switch in one frame.
CARRIED_SHOWN = 30
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

    def __init__(self, app: App[Any], db: Database, *, interval: float = SQLITE_INTERVAL_S,
                 quiet: float = WAIT_S) -> None:
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
        self._thread = threading.Thread(target=self._watch, name="tui550-change-watcher",
                                        daemon=True)
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
                due = written_since is not None and self.db.checkpoints_deferred and (
                    not changed or time.monotonic() - written_since >= CHECKPOINT_LATEST_S)
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


# --- reading and showing a meeting's wall --------------------------------------------


@dataclass(frozen=True)
class Wall:
    """What a meeting screen shows, read in one go off the UI thread."""

    meeting: MeetingView
    entries: list[AgendaView]
    position: int
    project_id: uuid.UUID | None
    captured: list[ItemView]
    carried: list[ItemView]
    info: dict[uuid.UUID, SupervisionRow] = field(default_factory=dict)
    # How many the project carries in all, when that is more than `carried` shows.
    carried_total: int | None = None

    @property
    def entry(self) -> AgendaView | None:
        if 1 <= self.position <= len(self.entries):
            return self.entries[self.position - 1]
        return None


@dataclass(frozen=True)
class ProjectItems:
    """One project's lists on a meeting's wall: what a switch to it reads."""

    captured: list[ItemView]
    carried: list[ItemView]
    info: dict[uuid.UUID, SupervisionRow] = field(default_factory=dict)
    carried_total: int | None = None


def read_project(db: Database, meeting_id: uuid.UUID, project_id: uuid.UUID | None, *,
                 now: datetime, rules: Rules) -> ProjectItems:
    """This meeting's captures for the project (or its general page, None), the open items
    it carries from earlier meetings (the most urgent `CARRIED_SHOWN`, and their total when
    there are more) and their supervision figures."""
    from tui550.core.store import items, supervision

    captured = items.items_for(db, meeting_id, project_id, limit=CAPTURED_LIMIT)
    carried: list[ItemView] = []
    info: dict[uuid.UUID, SupervisionRow] = {}
    total: int | None = None
    if project_id is not None:
        carried = items.open_items_for(db, project_id, excluding_meeting=meeting_id, limit=CARRIED_SHOWN)
        if len(carried) >= CARRIED_SHOWN:
            total = items.count_open_items(db, project_id, excluding_meeting=meeting_id)
        if carried:
            rows = supervision.supervision_rows(db, item_ids=[i.id for i in carried], now=now,
                                                rules=rules)
            info = {r.item.id: r for r in rows}
    return ProjectItems(captured, carried, info, total)


def clamp(position: int, entries: Sequence[AgendaView]) -> int:
    return max(0, min(position, len(entries) + 1))


def read_wall(db: Database, meeting_id: uuid.UUID, *, now: datetime, rules: Rules,
              position: int | None = None, project_id: uuid.UUID | None = None) -> Wall:
    """The meeting, its agenda and one project's items.

    With `position` None the project is the one at the meeting's saved position
    (`current_position`: where the facilitator is); otherwise `project_id`.
    """
    from tui550.core.store import meetings

    meeting = meetings.get_meeting(db, meeting_id)
    entries = meetings.agenda(db, meeting_id)
    if position is None:
        position = clamp(meeting.current_position, entries)
        project_id = entries[position - 1].project.id if 1 <= position <= len(entries) else None
    lists = read_project(db, meeting_id, project_id, now=now, rules=rules)
    return Wall(meeting, entries, position, project_id, lists.captured, lists.carried, lists.info,
                lists.carried_total)


def carried_title(shown: int, total: int | None) -> Text:
    """"Carried from earlier meetings (N)", or "(showing S of N)" when the list is cut."""
    if total is None or total <= shown:
        return Text(t("meeting.carried_title", n=shown))
    return Text(t("meeting.carried_title_more", n=total, shown=shown))


def set_items_keeping_selection(table: ItemTable, new: Sequence[ItemView],
                                info: dict[uuid.UUID, SupervisionRow] | None = None) -> bool:
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
            from tui550.core.clock import zh_date

            card.show_project(None, [], screen.today(), screen.settings.yellow_days,
                              general_title=t("meeting.general_title", date=zh_date(wall.meeting.date)))
        else:
            card.show_project(entry.project, wall.carried, screen.today(), screen.settings.yellow_days,
                              year=wall.meeting.date.year)
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
            Text(t("meeting.captured_title", n=len(captured.items))))


def position_text(position: int, entries: Sequence[AgendaView]) -> str:
    if 1 <= position <= len(entries):
        return t("meeting.position", n=position, total=len(entries),
                 name=entries[position - 1].project.name)
    return t("meeting.general_page")


# --- the meeting screen ---------------------------------------------------------------


def refresh_meeting(screen: MeetingScreen) -> None:
    """Re-read the project on the wall in a worker, then show what changed."""
    db, meeting_id, project_id = screen.db, screen.meeting_id, screen.project_id
    position, now = screen.position, screen.tui.clock.now()
    rules = db.rules
    shown = _shown(screen)

    def read() -> None:
        wall = read_wall(db, meeting_id, now=now, rules=rules, position=position, project_id=project_id)
        if not get_current_worker().is_cancelled:
            with contextlib.suppress(RuntimeError):  # the app closed meanwhile
                screen.app.call_from_thread(apply_meeting, screen, wall, shown)

    screen.run_worker(read, thread=True, exclusive=True, group="live-read", exit_on_error=False)


def _shown(screen: MeetingScreen) -> tuple[list[ItemView], list[ItemView]]:
    return (list(screen.query_one("#captured", ItemTable).items),
            list(screen.query_one("#carried", ItemTable).items))


def apply_meeting(screen: MeetingScreen, wall: Wall,
                  shown: tuple[list[ItemView], list[ItemView]]) -> None:
    if not screen.is_attached or wall.project_id != screen.project_id:
        return  # moved meanwhile: showing the new project read it afresh
    if _shown(screen) != shown:
        # The screen changed its lists while we read (a capture, an edit): what we read
        # may predate that save. Read again rather than show an older state.
        refresh_meeting(screen)
        return
    card_changed = _merge_agenda(screen, wall.entries)
    captured = wall.captured
    held = screen.tui.held
    if held is not None and held.views:
        # Held captures are not on the server yet: they stay on screen, after the saved ones.
        on_server = {i.id for i in captured}
        captured = captured + [v for v in held.shown_for(screen.meeting_id, screen.project_id)
                               if v.id not in on_server]
    show_tables(screen, replace(wall, entries=screen.entries, position=screen.position,
                                captured=captured), card_changed=card_changed)


def _merge_agenda(screen: MeetingScreen, fresh: list[AgendaView]) -> bool:
    """Take another client's agenda changes, keeping the project on the wall and the timings
    kept in memory. True if the project on the wall changed (its card needs painting)."""
    old = screen.entries

    def shape(entries: Sequence[AgendaView]) -> list[tuple[uuid.UUID, int, Any]]:
        return [(e.id, e.position, e.project) for e in entries]

    if shape(old) == shape(fresh):
        return False
    current = screen.entry
    if current is not None and all(e.id != current.id for e in fresh):
        return False  # the project on the wall was taken off: the facilitator moves on by hand
    kept = {e.id: e for e in old}
    merged = [replace(e, elapsed_s=kept[e.id].elapsed_s, started_at=kept[e.id].started_at,
                      ended_at=kept[e.id].ended_at, skipped=kept[e.id].skipped)
              if e.id in kept else e for e in fresh]
    if current is not None:
        screen.position = next(e.position for e in merged if e.id == current.id)
    elif screen.position > len(old):
        screen.position = len(merged) + 1  # the closing page stays the closing page
    screen.entries = merged
    screen.query_one(MeetingHeader).position_text = position_text(screen.position, merged)
    moved = screen.entry
    return current is not None and moved is not None and moved.project != current.project
