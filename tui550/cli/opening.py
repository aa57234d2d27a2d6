"""Opening the app: on a meeting in progress, or on the home screen.

Kept apart from the commands and free of Typer: a bare `tui550` comes here without
loading Typer at all (see `tui550.cli.main.bare_options`).
"""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from tui550.core.db import Database, sqlite_path, to_url
from tui550.core.errors import UserError
from tui550.i18n import t

if TYPE_CHECKING:
    from tui550.cli.context import Ctx


def open_app(ctx: Ctx, db: Database, meeting_id: uuid.UUID | None, *, notice: str | None = None) -> None:
    from tui550.app.main import RELAUNCH, make_app

    events = ctx.events()
    app = make_app(
        db, ctx.settings, meeting_id=meeting_id, events=events, script=ctx.script_path, notice=notice
    )
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
    """Resume a meeting in progress exactly where it was; otherwise the home screen, which
    says so if a meeting is in progress in the demo database (`tui550 demo` resumes it)."""
    from tui550.core.store.meetings import meeting_in_progress

    db = ctx.open_db()
    current = meeting_in_progress(db)
    notice = None if current is not None else demo_notice(ctx)
    open_app(ctx, db, current.id if current else None, notice=notice)


def demo_notice(ctx: Ctx) -> str | None:
    """What to say when the real database has no meeting in progress but the demo's has:
    a meeting prepared and started inside the demo lives there, not here."""
    from tui550.core.demo_mark import demo_location, is_demo
    from tui550.core.store.meetings import meeting_in_progress

    real = sqlite_path(to_url(ctx.db_location()))
    if real is None:
        return None
    path = demo_location(Path(real))
    if path == Path(real) or not path.exists():
        return None
    try:
        demo = ctx.open_db(str(path))
    except UserError:  # a damaged or newer file is for `tui550 demo` to report
        return None
    try:
        running = meeting_in_progress(demo) if is_demo(demo) else None
    finally:
        demo.close()
    return None if running is None else t("home.demo_running", title=running.title)
