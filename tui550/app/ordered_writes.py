"""A screen's background writes, run off the UI thread one at a time, in the order made.

The meeting screen saves its position and timers in the background so that no key waits for
the disk. Those writes often touch the same row twice in quick succession: two PageDowns save
positions 2 and 3, a project's timer is saved when it starts and again when it ends. Separate
thread workers may commit in either order, and then the older value wins (the meeting reopens
on the wrong project). A line keeps the order: one worker drains it, and `flush` runs what is
left on the caller's thread when the screen goes.
"""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from tui550.core.errors import StorageError

if TYPE_CHECKING:
    from textual.dom import DOMNode

Write = Callable[[], object]


class WriteLine:
    def __init__(self, owner: DOMNode, group: str = "writes") -> None:
        self._owner = owner
        self._group = group
        self._queue: deque[Write] = deque()
        # `_state` guards the queue and is held for an instant: the UI thread takes it to add
        # a write. `_running` is held while a write runs, so that writes never overlap.
        self._state = threading.Lock()
        self._running = threading.Lock()
        self._draining = False

    def put(self, *writes: Write) -> None:
        """Queue writes to run after those already queued; never waits for the disk."""
        if not writes:
            return
        with self._state:
            self._queue.extend(writes)
            if self._draining:
                return
            self._draining = True
        self._owner.run_worker(self._drain, thread=True, group=self._group, exit_on_error=False)

    def flush(self, *writes: Write) -> None:
        """Run every queued write, then `writes`, now, on this thread, after the one
        running (if any)."""
        with self._running:
            with self._state:
                waiting = [*self._queue, *writes]
                self._queue.clear()
            for write in waiting:
                _run(write)

    def _drain(self) -> None:
        while True:
            with self._running:
                with self._state:
                    if not self._queue:
                        self._draining = False
                        return
                    write = self._queue.popleft()
                _run(write)


def _run(write: Write) -> None:
    # A failed background save is not a keystroke's failure: the next switch or timer save
    # writes the state again, and the capture path reports storage errors on its own.
    with contextlib.suppress(StorageError):
        write()
