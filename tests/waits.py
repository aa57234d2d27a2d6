"""Waiting in Pilot tests for what the app does on its own real timers (retries, flushes)."""

from __future__ import annotations

from collections.abc import Callable


async def until(pilot, condition: Callable[[], object], what: str, limit: float = 30.0) -> None:
    """Let the app run until `condition` holds; fail naming `what` after `limit` seconds."""
    waited = 0.0
    while not condition():
        if waited > limit:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.1)
        waited += 0.1
