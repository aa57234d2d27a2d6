"""Runs the app headless on the benchmark's meeting and drives it like a facilitator:
walk the agenda, switch into the heavy project and back, capture items by Enter.
The app writes its own timings to the event log; this prints the process's own
peak memory (`bench/peak_memory.py`), the frame timings below and what the parent
needs to read that log, as one JSON line.

Frames: Textual's headless driver skips turning a screen update into terminal
output, and the app's "painted" callbacks can run before a layout that another
layout set off. So this harness also times the frames themselves: every screen
update is rendered to the bytes a terminal would get, and stamped with the
agenda position the wall showed. A key's frames are those after it that follow
each other within `CHAIN_S`; the last of them is when the screen stood still.

A switch (the one definition, docs/performance.md) runs from the PageDown handed
to the app to the last frame of the chain that begins with the first frame
showing the new project. A frame something else drew just after the key is not
the switch's: taken for its first frame, it could end the chain before the
switch's own frame was drawn. The meeting timer is paused for the run so that
its countdown draws nothing between keys. Before each switch the harness waits
a second on the previous project, as a meeting does for minutes.

    python bench/drive.py DATABASE MEETING_ID EVENTS [--captures N] [--switches N]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import sys
import time
import uuid
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.peak_memory import own_peak_kb

CHAIN_S = 0.03  # a layout that sets off another is drawn within a few frames of it
QUIET_S = 0.06  # no frame for this long: the screen stands still
DWELL_S = 1.0  # past the change watcher's notice of the switch's own writes and the re-read


class Frame(NamedTuple):
    at: float  # perf_counter once rendered to terminal bytes
    position: int | None  # the agenda position on the wall (None: not the meeting screen)


def stamp_frames(frames: list[Frame]) -> None:
    from textual._compositor import CompositorUpdate
    from textual.app import App

    display = App._display

    def timed(self: App[Any], screen: Any, renderable: Any) -> None:
        if renderable is not None and not self._batch_count:
            if isinstance(renderable, CompositorUpdate):
                renderable.render_segments(self.console)  # what a terminal would be sent
            frames.append(Frame(time.perf_counter(), getattr(screen, "position", None)))
        display(self, screen, renderable)

    App._display = timed  # type: ignore[method-assign]


def key_ms(frames: list[Frame], pressed: float, *, shows: int | None = None) -> float | None:
    """From the key to the last frame of the chain it set off; with `shows`, a chain that
    begins at the first frame showing that agenda position."""
    after = [f for f in frames if f.at >= pressed]
    start = next((n for n, f in enumerate(after) if shows is None or f.position == shows), None)
    if start is None:
        return None
    last = after[start].at
    for f in after[start + 1 :]:
        if f.at - last > CHAIN_S:
            break
        last = f.at
    return (last - pressed) * 1000


async def drive(args: argparse.Namespace) -> dict[str, object]:
    # As `tui550` starts (tui550.cli.main.run): the cycle collector is held off until the
    # app's first paint, which freezes the start-up objects and turns it back on. The hold
    # goes through the policy's own call: switched off any other way, the collector would
    # stay off for the whole run and the peak would count every cycle the meeting made.
    from tui550.core import cycle_collector

    cycle_collector.hold_for_start_up()
    from tui550.app.main import make_app
    from tui550.app.screens.meeting import MeetingScreen
    from tui550.app.widgets.items import ItemTable
    from tui550.core.db import open_database
    from tui550.core.events import EventLog
    from tui550.core.settings import Settings

    frames: list[Frame] = []
    stamp_frames(frames)
    db = open_database(args.database, who="bench", upgrade=False)
    settings = Settings(lang="zh", user="bench", path=Path(args.events).with_name("settings.toml"))
    events = EventLog(Path(args.events))
    app = make_app(db, settings, meeting_id=uuid.UUID(args.meeting), events=events)
    heavy = 2
    shown = 0
    switch_frames: list[float | None] = []
    capture_frames: list[float | None] = []
    async with app.run_test(size=(120, 36)) as pilot:

        async def settle() -> None:
            await pilot.pause()
            while True:
                seen = len(frames)
                await pilot.pause(QUIET_S)
                if len(frames) == seen:
                    return

        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        for _ in range(len(screen.entries) + 1):  # the whole agenda, once
            await pilot.press("pagedown")
            await pilot.pause()
        if screen.timer.running:
            screen.action_toggle_timer()
        for _ in range(args.switches):
            screen.show_position(heavy - 1)
            await settle()
            # A facilitator stays minutes on a project: let the app's background work for
            # it (reading ahead, the live re-read after its own writes) finish first.
            await app.workers.wait_for_complete()
            await pilot.pause(DWELL_S)
            pressed = time.perf_counter()
            await pilot.press("pagedown")  # into the project carrying 1,000 items
            await settle()
            switch_frames.append(key_ms(frames, pressed, shows=heavy))
        shown = len(screen.query_one("#carried", ItemTable).items)
        line = screen.capture_bar.line
        for n in range(args.captures):
            line.value = f"第{n + 1}条：区住建局牵头协调土地手续 @区住建局 ^7月底"
            await settle()
            pressed = time.perf_counter()
            await pilot.press("enter")
            await settle()
            capture_frames.append(key_ms(frames, pressed))
        await app.workers.wait_for_complete()
        # On, or off only for a key's frame (the app's own hold).
        collector_on = gc.isenabled() or app.collector.held
    events.close()
    db.close()
    return {
        "peak_kb": own_peak_kb(),
        "collector_on": collector_on,
        "carried_shown": shown,
        "switch_frames_ms": switch_frames,
        "capture_frames_ms": capture_frames,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("database")
    parser.add_argument("meeting")
    parser.add_argument("events")
    parser.add_argument("--captures", type=int, default=100)
    parser.add_argument("--switches", type=int, default=40)
    print(json.dumps(asyncio.run(drive(parser.parse_args()))))


if __name__ == "__main__":
    main()
