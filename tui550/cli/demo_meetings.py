"""The everyday commands: open the app, the demo, list meetings."""

from __future__ import annotations

from pathlib import Path

import typer

from tui550.cli.context import Ctx, get_ctx
from tui550.cli.opening import open_app
from tui550.cli.out import echo, shown
from tui550.core.clock import local_today
from tui550.core.db import sqlite_path, to_url
from tui550.core.domain import Kind, MeetingKind, MeetingState, MeetingView
from tui550.core.errors import UserError
from tui550.core.secrets import redact
from tui550.i18n import t


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
    app.command("meetings")(meetings_command)


def demo(
    typer_ctx: typer.Context,
    reset: bool = typer.Option(False, "--reset", help=t("cli.demo.reset")),
    no_open: bool = typer.Option(False, "--no-open", help=t("cli.demo.no_open")),
) -> None:
    from tui550.core.demo import build_demo, is_empty
    from tui550.core.demo_mark import is_demo
    from tui550.core.store.meetings import list_meetings, meeting_in_progress, start_meeting

    ctx = get_ctx(typer_ctx)
    location = ctx.db_arg or str(_demo_path(ctx))
    path = sqlite_path(to_url(location))
    if reset:
        if path is not None and path.exists():
            db = ctx.open_db(location)
            if not (is_demo(db) or is_empty(db)):
                raise UserError("cli.demo.not_demo", "cli.demo.not_demo.remedy", path=str(path))
            db.close()
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        elif path is None:
            raise UserError("cli.demo.not_demo", "cli.demo.not_demo.remedy", path=redact(location))
    db = ctx.open_db(location)
    if is_empty(db):
        meeting = build_demo(db, local_today(ctx.settings.tz))
    elif not is_demo(db):
        raise UserError("cli.demo.not_demo", "cli.demo.not_demo.remedy", path=db.shown_url)
    else:
        # The meeting left running in it (one prepared and started inside the demo, too),
        # or else the newest meeting.
        meeting = meeting_in_progress(db) or max(
            (m for m in list_meetings(db) if m.kind is MeetingKind.MEETING), key=lambda m: m.date
        )
    if no_open:
        echo(t("cli.demo.written", path=db.shown_url))
        return
    if meeting.state is MeetingState.CLOSED:
        open_app(ctx, db, None)  # the demo's meeting was closed: its list, to look back at it
        return
    meeting = start_meeting(db, meeting.id)
    open_app(ctx, db, meeting.id)


def _demo_path(ctx: Ctx) -> Path:
    from tui550.core.demo_mark import demo_location

    return demo_location(Path(ctx.db_location()))


def meetings_command(typer_ctx: typer.Context) -> None:
    from rich.console import Console
    from rich.table import Table

    from tui550.core.store.meetings import list_meetings

    ctx = get_ctx(typer_ctx)
    rows = list_meetings(ctx.open_db())
    if not rows:
        echo(t("cli.meetings.none"))
        return

    def table_of(views: list[MeetingView], third: str) -> Table:
        table = Table(box=None, pad_edge=False)
        for key in ("cli.col.id", "cli.col.date", third, "cli.col.title", "cli.col.state"):
            table.add_column(t(key))
        for kind in Kind:
            table.add_column(t(f"kind.{kind.value}"), justify="right")
        for m in views:
            label = m.issue_no or "" if m.kind is MeetingKind.MEETING else t(f"kind.meeting.{m.kind.value}")
            table.add_row(
                m.short_id,
                m.date.isoformat(),
                shown(label),
                shown(m.title),
                t(f"state.{m.state.value}"),
                *(str(m.counts.get(k.value, 0)) for k in Kind),
            )
        return table

    console = Console()
    if not console.is_terminal:
        # Piped output is read by programs and people alike: never cut a title short.
        console = Console(width=1000)
    held = [m for m in rows if m.kind is MeetingKind.MEETING]
    records = [m for m in rows if m.kind is not MeetingKind.MEETING]
    if held:
        console.print(table_of(held, "home.col.issue_no"))
    if records:
        # Kept apart: they hold items, but were never meetings.
        console.print(shown(t("cli.meetings.records")), style="bold")
        console.print(table_of(records, "home.col.kind"))
