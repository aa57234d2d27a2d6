"""Reading ahead: the lists of the projects before and after the one on the wall.

A switch to a project reads its captures, the open items it carries and their
supervision figures: about twenty milliseconds on a district's database, most of
a switch. While the room discusses one project, a thread reads its neighbours'
lists, each with the project's fingerprint (`items.items_fingerprint`) taken
before them. On PageDown the screen takes the fingerprint again, one indexed
aggregate, and shows the lists read ahead if it has not changed; otherwise, or
when nothing was read ahead, it reads them as before. A change made meanwhile
therefore never shows stale lists; a unit renamed meanwhile shows its new name
at the live re-read that follows every change.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from textual.worker import get_current_worker

from tui550.app.live import ProjectItems, read_project
from tui550.core.errors import StorageError
from tui550.core.store import items

if TYPE_CHECKING:
    from tui550.app.screens.meeting import MeetingScreen
    from tui550.core.db import Database
    from tui550.core.followup import Rules

Key = tuple[Any, ...]


class ReadAhead:
    """Lists read ahead for one meeting screen, keyed by project (None: the general page)."""

    def __init__(self, screen: MeetingScreen) -> None:
        self.screen = screen
        self._kept: dict[uuid.UUID | None, tuple[date, Key, ProjectItems]] = {}

    @property
    def db(self) -> Database:
        return self.screen.db

    @property
    def meeting_id(self) -> uuid.UUID:
        return self.screen.meeting_id

    def context(self) -> tuple[datetime, Rules, date]:
        """Now, the follow-up rules and today, as the screen sees them."""
        screen = self.screen
        return screen.tui.clock.now(), screen.followup_rules(), screen.today()

    def lists_for(self, project_id: uuid.UUID | None) -> ProjectItems:
        """The project's lists: the ones read ahead if nothing has changed since."""
        now, rules, today = self.context()
        kept = self._kept.pop(project_id, None)
        if kept is not None and kept[0] == today and \
                kept[1] == items.items_fingerprint(self.db, self.meeting_id, project_id):
            return kept[2]
        return read_project(self.db, self.meeting_id, project_id, now=now, rules=rules)

    def around(self, project_ids: Sequence[uuid.UUID | None]) -> None:
        """Read these projects' lists in a thread (replacing a read still running)."""
        wanted = list(dict.fromkeys(project_ids))
        for stale in set(self._kept) - set(wanted):
            del self._kept[stale]
        if wanted:
            now, rules, today = self.context()
            self.screen.run_worker(lambda: self._read(wanted, now, rules, today), thread=True,
                                   group="read-ahead", exclusive=True, exit_on_error=False)

    def _read(self, project_ids: list[uuid.UUID | None], now: datetime, rules: Rules,
              today: date) -> None:
        worker = get_current_worker()
        for project_id in project_ids:
            if worker.is_cancelled:
                return
            try:
                # The fingerprint first: a write after it makes it differ, never the lists stale.
                key = items.items_fingerprint(self.db, self.meeting_id, project_id)
                lists = read_project(self.db, self.meeting_id, project_id, now=now, rules=rules)
            except StorageError:
                return  # the database is away: the switch will say so when it reads
            with contextlib.suppress(Exception):  # the app may be closing
                self.screen.app.call_from_thread(self._keep, project_id, today, key, lists)

    def _keep(self, project_id: uuid.UUID | None, today: date, key: Key, lists: ProjectItems) -> None:
        self._kept[project_id] = (today, key, lists)
