"""Runs the app headless on the benchmark's meeting and drives it like a facilitator:
walk the agenda, switch into the heavy project and back, capture items by Enter.
The app writes its own timings to the event log; this prints the process's peak
memory and what the parent needs to read that log, as one JSON line.

    python bench/drive.py DATABASE MEETING_ID EVENTS [--captures N] [--switches N]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import resource
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


async def drive(args: argparse.Namespace) -> dict[str, object]:
    # As `tui550` starts (tui550.cli.main.run): the cycle collector is held off until the
    # app's first paint, which freezes the start-up objects and turns it back on.
    gc.disable()
    from tui550.app.main import make_app
    from tui550.app.screens.meeting import MeetingScreen
    from tui550.app.widgets.items import ItemTable
    from tui550.core.db import open_database
    from tui550.core.events import EventLog
    from tui550.core.settings import Settings

    db = open_database(args.database, who="bench", upgrade=False)
    settings = Settings(lang="zh", user="bench", path=Path(args.events).with_name("settings.toml"))
    events = EventLog(Path(args.events))
    app = make_app(db, settings, meeting_id=uuid.UUID(args.meeting), events=events)
    heavy = 2
    shown = 0
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        for _ in range(len(screen.entries) + 1):  # the whole agenda, once
            await pilot.press("pagedown")
            await pilot.pause()
        for _ in range(args.switches):
            screen.show_position(heavy - 1)
            await pilot.pause()
            await pilot.press("pagedown")  # into the project carrying 1,000 items
            await pilot.pause()
        shown = len(screen.query_one("#carried", ItemTable).items)
        line = screen.capture_bar.line
        for n in range(args.captures):
            line.value = f"第{n + 1}条：区住建局牵头协调土地手续 @区住建局 ^7月底"
            await pilot.press("enter")
            await pilot.pause()
        await app.workers.wait_for_complete()
    events.close()
    db.close()
    return {"maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            "heavy_position": heavy, "carried_shown": shown}


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
