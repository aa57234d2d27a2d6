"""Captures held on this computer while a shared database server is away.

On PostgreSQL the server can vanish mid-meeting (a restart, the network). The
meeting must go on: a capture the server cannot take goes into the outbox
(`tui550.core.outbox`, a local SQLite file committed before the room sees the
item), shows in the list marked "not yet saved", and the line is free for the
next one. While anything waits, new captures queue behind it, so the server
receives them in the order they were spoken. A flush in a worker thread saves
them, each exactly once (by its UUID), when the server is back.

A local SQLite database has no such mode: there, a failed write is a disk
problem, and the line stays unsaved on screen until the disk is back.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from tui550.core.outbox import Outbox, default_path

if TYPE_CHECKING:
    from tui550.core.db import Database
    from tui550.core.domain import ItemView
    from tui550.core.outbox import Outbox


class HeldCaptures:
    """The app's outbox for one server database, and the held items as shown."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._box: Outbox | None = None
        # What the screen shows for each held capture until the server has it.
        self.views: dict[uuid.UUID, ItemView] = {}

    @property
    def box(self) -> Outbox:
        if self._box is None:
            self._box = Outbox()
        return self._box

    def waiting(self) -> int:
        """How many captures for this database wait (0 without touching the disk if none were held)."""
        if self._box is None and not default_path().exists():
            return 0
        return len(self.box.pending(self.db))

    def hold(self, capture_kwargs: dict[str, Any], view: ItemView) -> None:
        """Keep a capture durably on this computer (raises OSError or sqlite3.Error if it cannot)."""
        self.box.put(capture_kwargs, self.db)
        self.views[view.id] = view

    def flush(self) -> list[ItemView]:
        """Save what waits, in order; for a worker thread. Returns the items the server now has.

        `views` is left alone here: the UI thread reads it, and calls `saved` with the result.
        """
        saved: list[ItemView] = []
        self.box.flush(self.db, saved=saved)
        return saved

    def saved(self, items: list[ItemView]) -> None:
        for item in items:
            self.views.pop(item.id, None)

    def shown_for(self, meeting_id: uuid.UUID, project_id: uuid.UUID | None) -> list[ItemView]:
        return [v for v in self.views.values() if v.meeting_id == meeting_id and v.project_id == project_id]

    def close(self) -> None:
        if self._box is not None:
            self._box.close()
