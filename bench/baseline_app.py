"""The start-up baseline: a bare Textual app that imports SQLModel, opens the
benchmark's database, reads one row and paints one line, then writes the time of
that first paint to an event file (as tui550's `--events` does) and exits.

    python bench/baseline_app.py DATABASE EVENTS
"""

from __future__ import annotations

import json
import sys
import time

import sqlmodel
from sqlalchemy import text
from textual.app import App, ComposeResult
from textual.widgets import Static


class Baseline(App[None]):
    def __init__(self, line: str, events: str) -> None:
        super().__init__()
        self.line = line
        self.events = events

    def compose(self) -> ComposeResult:
        yield Static(self.line, markup=False)

    def on_mount(self) -> None:
        self.call_after_refresh(self.painted)

    def painted(self) -> None:
        with open(self.events, "a", encoding="utf-8") as out:
            out.write(json.dumps({"event": "painted", "t": time.time()}) + "\n")
        self.exit()


def main() -> None:
    database, events = sys.argv[1], sys.argv[2]
    engine = sqlmodel.create_engine(f"sqlite:///{database}")
    with engine.connect() as conn:
        title = conn.execute(text("SELECT title FROM meeting ORDER BY date DESC LIMIT 1")).scalar_one()
    Baseline(str(title), events).run()


if __name__ == "__main__":
    main()
