"""Waiting in Pilot tests for what the app does on its own real timers (retries, flushes)
and in its workers (searches, live reads)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable


async def until(pilot, condition: Callable[[], object], what: str, limit: float = 30.0) -> None:
    """Let the app run until `condition` holds; fail naming `what` after `limit` seconds."""
    waited = 0.0
    while not condition():
        if waited > limit:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.1)
        waited += 0.1


async def workers_done(app) -> None:
    """Wait for every worker, new ones included, tolerating those cancelled on purpose.

    Live reads are exclusive: another client's change may start a newer read that cancels
    the one a test began, and `wait_for_complete` would raise `WorkerCancelled` for it."""
    from textual.worker import WorkerState

    while running := [w for w in app.workers if w.state in (WorkerState.PENDING, WorkerState.RUNNING)]:
        await asyncio.gather(*(w.wait() for w in running), return_exceptions=True)


async def settle(pilot) -> None:
    """Run the search screen's pending query now and wait for its results (no sleeping on
    the debounce). The screen is imported here: its key labels are made in the language
    current at import."""
    from textual.worker import WorkerCancelled

    from tui550.app.screens.search import SearchScreen

    screen = pilot.app.screen
    if isinstance(screen, SearchScreen):
        screen.run_pending()
    for worker in list(pilot.app.workers):
        with contextlib.suppress(WorkerCancelled):  # superseded by a newer query
            await worker.wait()
    await pilot.pause()
