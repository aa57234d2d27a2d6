"""`tui550 view` and `tui550 serve`: the read-only view, in a terminal or in browsers."""

from __future__ import annotations

import ipaddress
import os
import shlex
import sys
import uuid

import typer

from tui550.cli.context import Ctx, get_ctx
from tui550.core.db import Database, to_url
from tui550.core.errors import UserError
from tui550.i18n import t

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8550


def register(app: typer.Typer) -> None:
    app.command("view", help=t("cli.view.help"))(view)
    app.command("serve", help=t("cli.serve.help"))(serve)


def choose_meeting(db: Database, selector: str | None) -> tuple[uuid.UUID, bool]:
    """The meeting to show, and whether to move on when another meeting starts.

    A MEETING given is kept; without one, the meeting in progress, else the latest,
    and the view follows whichever meeting is in progress later on.
    """
    from tui550.core.store.meetings import meeting_in_progress, select_meeting

    if selector:
        return select_meeting(db, selector).id, False
    current = meeting_in_progress(db)
    return (current.id if current else select_meeting(db, "latest").id), True


def view(
    typer_ctx: typer.Context,
    meeting: str | None = typer.Argument(None, metavar="MEETING", help=t("cli.view.meeting")),
) -> None:
    from tui550.app.viewapp import make_view_app

    ctx = get_ctx(typer_ctx)
    db = ctx.open_db()
    meeting_id, follow = choose_meeting(db, meeting)
    try:
        make_view_app(db, ctx.settings, meeting_id, follow_current=follow).run()
    finally:
        db.close()


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def view_command(ctx: Ctx, meeting: str | None) -> str:
    """The shell command each browser connection runs: `tui550 view`, nothing else.

    The database location goes through the environment (TUI550_DB), not the command
    line, so that a server password never shows in a process list.
    """
    args = [sys.executable, "-m", "tui550", "--lang", ctx.settings.lang]
    if ctx.settings.path is not None:
        args += ["--config", str(ctx.settings.path)]
    args.append("view")
    if meeting:
        args.append(meeting)
    # exec: the shell that textual-serve starts becomes the view, one process per viewer.
    return ("exec " if os.name == "posix" else "") + shlex.join(args)


def serve(
    typer_ctx: typer.Context,
    meeting: str | None = typer.Argument(None, metavar="MEETING", help=t("cli.view.meeting")),
    host: str = typer.Option(DEFAULT_HOST, "--host", help=t("cli.serve.host")),
    port: int = typer.Option(DEFAULT_PORT, "--port", help=t("cli.serve.port")),
) -> None:
    try:
        from tui550.app.web import ViewServer
    except ImportError as exc:
        raise UserError("cli.serve.missing", "cli.serve.missing.remedy") from exc
    if not 0 < port < 65536:
        raise UserError("cli.serve.bad_port", "cli.serve.bad_port.remedy", port=port)
    ctx = get_ctx(typer_ctx)
    db = ctx.open_db()
    # Check the meeting once here, so that a wrong MEETING is an error now and not in
    # every browser later.
    choose_meeting(db, meeting)
    db.close()
    if not is_loopback(host):
        print(t("cli.serve.public", host=host), file=sys.stderr)
    os.environ["TUI550_DB"] = to_url(ctx.db_location())
    server = ViewServer(view_command(ctx, meeting), host=host, port=port)
    try:
        server.serve()
    except OSError as exc:
        raise UserError("cli.serve.busy", "cli.serve.busy.remedy", host=host, port=port,
                        reason=exc.strerror or str(exc)) from exc
