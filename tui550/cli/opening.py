"""Opening the app: on a meeting in progress, or on the home screen.

Kept apart from the commands and free of Typer: a bare `tui550` comes here without
loading Typer at all (see `tui550.cli.main.bare_options`).
"""

from __future__ import annotations

import os
import sys
import uuid
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui550.cli.context import Ctx
    from tui550.core.db import Database


def open_app(ctx: Ctx, db: Database, meeting_id: uuid.UUID | None) -> None:
    from tui550.app.main import RELAUNCH, make_app

    events = ctx.events()
    app = make_app(db, ctx.settings, meeting_id=meeting_id, events=events,
                   script=ctx.script_path)
    result = app.run()
    events.close()
    if result == RELAUNCH:
        # The language changed. Every label is made in the interface language when the
        # code loads, so start afresh: the same command, which resumes where it was.
        db.close()
        args = _without_lang(sys.argv[1:])
        os.execv(sys.executable, [sys.executable, "-m", "tui550", "--lang", app.settings.lang, *args])


def _without_lang(args: list[str]) -> list[str]:
    out: list[str] = []
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("--lang="):
            out.append(arg)
    return out


def open_default(ctx: Ctx) -> None:
    """Resume a meeting in progress exactly where it was; otherwise the home screen."""
    from tui550.core.store.meetings import meeting_in_progress

    db = ctx.open_db()
    current = meeting_in_progress(db)
    open_app(ctx, db, current.id if current else None)
