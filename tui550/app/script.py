"""Scripted input for tests and benchmarks (hidden `--script FILE`, env TUI550_SCRIPT).

The file (or FIFO) holds one JSON object a line:

    {"type": "半句话"}              the capture line now reads this (drafts follow as for typing)
    {"submit": "第1条 @民主街道"}    the line reads this, then Enter: `submit_line`, as a key would
    {"action": "next_project"}     a screen action, as its key binding would run it
    {"pause": 0.5}                 the reader waits, as a facilitator between lines would

Lines are read in a thread and run one at a time on the UI thread through the
same methods as keys, so there is no second way to write: a crash test that
drives captures this way proves the path a facilitator's Enter takes. It exists
because driving a terminal key by key is too slow for hundreds of kill -9 runs.
"""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui550.app.screens.meeting import MeetingScreen


def run_command(screen: MeetingScreen, command: dict[str, Any]) -> Awaitable[bool] | None:
    line = screen.capture_bar.line
    if "type" in command:
        line.value = str(command["type"])
        line.cursor_position = len(line.value)
    elif "submit" in command:
        text = str(command["submit"])
        line.value = text
        screen.submit_line(text, time.perf_counter())
    elif "action" in command:
        return screen.app.run_action(str(command["action"]), screen)
    return None


async def _run(screen: MeetingScreen, command: dict[str, Any]) -> None:
    pending = run_command(screen, command)
    if pending is not None:
        await pending


def read_script(screen: MeetingScreen, path: Path) -> None:
    """Run in a thread worker: block on the file (a FIFO waits for its writer)."""
    app = screen.app
    with path.open(encoding="utf-8") as source:
        for raw in source:
            raw = raw.strip()
            if not raw:
                continue
            try:
                command = json.loads(raw)
            except json.JSONDecodeError:
                screen.events.emit("script_error", line=raw[:200])
                continue
            if isinstance(command, dict) and "pause" in command:
                time.sleep(float(command["pause"]))
            elif isinstance(command, dict):
                app.call_from_thread(_run, screen, command)  # type: ignore[arg-type]
    screen.events.emit("script_done")
