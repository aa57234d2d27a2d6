"""What every command gets: settings, the database URL, the event log, from the global options."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tui550.core.db import Database, open_database
from tui550.core.errors import UserError
from tui550.core.events import EventLog
from tui550.core.files import private_folder
from tui550.core.followup.rules import Rules
from tui550.core.settings import Settings, data_dir, load_settings
from tui550.i18n import set_language

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

    def rules(self) -> Rules:
        """The follow-up rules of these settings (zone, yellow days, escalation)."""
        return Rules.from_settings(self.settings)

    def open_db(self, location: str | None = None) -> Database:
        return open_database(location or self.db_location(), who=self.settings.user, rules=self.rules())

    def events(self) -> EventLog:
        return EventLog(self.events_path)


def global_context(
    *,
    db: str | None,
    lang: str | None,
    config: Path | None,
    events: Path | None,
    debug: bool,
    script: Path | None,
) -> Ctx:
    """What the global options mean for every command: settings, language, database."""
    settings = load_settings(config)
    if lang is not None:
        if lang not in ("zh", "en"):
            raise UserError("cli.bad_lang", "cli.bad_lang.remedy", lang=lang)
        # For this run only: the language is remembered when it is switched in the app.
        settings = settings.with_overrides(lang=lang)
    set_language(settings.lang)
    return Ctx(settings=settings, db_arg=db, events_path=events, debug=debug, script_path=script)


def get_ctx(ctx: typer.Context) -> Ctx:
    obj = ctx.find_root().obj
    assert isinstance(obj, Ctx)
    return obj
