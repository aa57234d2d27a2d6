"""`tui550 meeting start|delete|undelete MEETING`: a meeting's life from the command line."""

from __future__ import annotations

import sys

import typer

from tui550.cli.context import get_ctx
from tui550.cli.opening import open_app
from tui550.cli.out import echo
from tui550.core.errors import UserError
from tui550.core.text import printable
from tui550.i18n import t


def register(app: typer.Typer) -> None:
    group = typer.Typer(rich_markup_mode=None, no_args_is_help=True)
    group.command("start", help=t("cli.meeting.start.help"))(start_command)
    group.command("delete", help=t("cli.meeting.delete.help"))(delete_command)
    group.command("undelete", help=t("cli.meeting.undelete.help"))(undelete_command)
    app.add_typer(group, name="meeting")


def start_command(
    typer_ctx: typer.Context,
    meeting: str = typer.Argument(..., help=t("cli.meeting.arg")),
    alongside: bool = typer.Option(False, "--alongside", help=t("cli.meeting.alongside")),
    no_open: bool = typer.Option(False, "--no-open", help=t("cli.meeting.no_open")),
) -> None:
    from tui550.core.store.meetings import select_meeting, start_meeting

    ctx = get_ctx(typer_ctx)
    db = ctx.open_db()
    started = start_meeting(db, select_meeting(db, meeting).id, alongside=alongside)
    if no_open:
        echo(t("cli.meeting.started", title=started.title, id=started.short_id))
        return
    open_app(ctx, db, started.id)


def delete_command(
    typer_ctx: typer.Context,
    meeting: str = typer.Argument(..., help=t("cli.meeting.arg")),
    yes: bool = typer.Option(False, "--yes", help=t("cli.meeting.yes")),
) -> None:
    from tui550.core.store.lifecycle import delete_meeting
    from tui550.core.store.meetings import select_meeting

    ctx = get_ctx(typer_ctx)
    db = ctx.open_db()
    chosen = select_meeting(db, meeting)
    count = chosen.item_count
    if count and not yes:
        # A meeting with items goes only after a confirmation that names how many.
        if not sys.stdin.isatty():
            raise UserError(
                "cli.meeting.needs_yes", "cli.meeting.needs_yes.remedy", title=chosen.title, count=count
            )
        if not typer.confirm(printable(t("cli.meeting.confirm_delete", title=chosen.title, count=count))):
            echo(t("cli.meeting.kept"))
            raise typer.Exit(1)
    gone = delete_meeting(db, chosen.id, chosen.version)
    echo(t("cli.meeting.deleted", title=chosen.title, count=gone, id=chosen.short_id))


def undelete_command(
    typer_ctx: typer.Context,
    meeting: str = typer.Argument(..., help=t("cli.meeting.deleted_arg")),
) -> None:
    from tui550.core.store.lifecycle import deleted_meeting, restore_meeting

    ctx = get_ctx(typer_ctx)
    db = ctx.open_db()
    back = restore_meeting(db, deleted_meeting(db, meeting).id)
    echo(t("cli.meeting.restored", title=back.title, count=back.item_count))
