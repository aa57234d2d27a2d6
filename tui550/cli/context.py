"""What every command gets: settings, the database URL, the event log."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tui550.core.db import Database, open_database
from tui550.core.events import EventLog
from tui550.core.files import private_folder
from tui550.core.followup.rules import Rules
from tui550.core.settings import Settings, data_dir

if TYPE_CHECKING:
    import typer


@dataclass
class Ctx:
    settings: Settings
    db_arg: str | None
    events_path: Path | None
    debug: bool
    script_path: Path | None = None

    def db_location(self) -> str:
        if self.db_arg:
            return self.db_arg
        folder = data_dir()
        private_folder(folder)
        return str(folder / "tui550.sqlite")

    def open_db(self, location: str | None = None) -> Database:
        s = self.settings
        return open_database(location or self.db_location(), who=s.user, rules=Rules.from_settings(s))

    def events(self) -> EventLog:
        return EventLog(self.events_path)


def get_ctx(ctx: typer.Context) -> Ctx:
    obj = ctx.find_root().obj
    assert isinstance(obj, Ctx)
    return obj
