"""Progress of long work (import, load, backup, restore, dump) on stderr.

On a terminal: Rich's progress bar, with the count done, the total when it is
known, and the time left; it disappears when the work ends. Otherwise (a log, a
pipe, a test): a plain line now and then, each starting with the same marker so
that a reader can tell them from the two-line messages of a refusal.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tui550.i18n import t

# A plain line at most this often (seconds): a log shows the work moving, not every step.
PLAIN_EVERY = 2.0


class Reporter:
    """Called as `report(done, total)` by the core's progress callbacks."""

    def __init__(self, what: str, bar: Any | None) -> None:
        self.what = what
        self._bar = bar
        self._task: Any = bar.add_task(what, total=None) if bar is not None else None
        self._last = time.monotonic()

    def __call__(self, done: int, total: int | None = None) -> None:
        if self._bar is not None:
            self._bar.update(self._task, completed=done, total=total)
            return
        now = time.monotonic()
        if now - self._last >= PLAIN_EVERY:
            self._last = now
            counted = f"{done}/{total}" if total else str(done)
            print(t("progress.line", what=self.what, counted=counted), file=sys.stderr, flush=True)

    def stage(self, what: str) -> None:
        """The same bar, now counting another step of the work."""
        self.what = what
        if self._bar is not None:
            self._bar.update(self._task, description=what, completed=0, total=None)


@contextmanager
def progress(what: str) -> Iterator[Reporter]:
    if not sys.stderr.isatty():
        yield Reporter(what, None)
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        yield Reporter(what, bar)
