"""`tui550 view` and `tui550 serve`: the read-only view, in a terminal or in browsers."""

from __future__ import annotations

import ipaddress
import os
import re
import sys
import uuid

import typer

from tui550.cli.context import Ctx, get_ctx
from tui550.core.db import Database, to_url
from tui550.core.errors import UserError
from tui550.i18n import t

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8550
# The projector layout; phones and projectors alike scale this one picture.
DEFAULT_SIZE = "120x36"
MIN_SIZE, MAX_SIZE = (80, 24), (300, 100)
DEFAULT_MAX_VIEWERS = 300
MOST_VIEWERS = 5000
# A token goes into a URL as it is: letters, digits, - and _ only.
TOKEN_RE = re.compile(r"[A-Za-z0-9_\-]{8,128}")


def register(app: typer.Typer) -> None:
    app.command("view")(view)
    app.command("serve")(serve)


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
    served: bool = typer.Option(False, "--served", hidden=True),
) -> None:
    from tui550.app.viewapp import make_view_app

    ctx = get_ctx(typer_ctx)
    db = ctx.open_db()
    meeting_id, follow = choose_meeting(db, meeting)
    # Served to a hall, the status line names no database: not its file, not its server.
    label = t("serve.source") if served else None
    try:
        make_view_app(db, ctx.settings, meeting_id, follow_current=follow, source_label=label).run()
    finally:
        db.close()


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def view_argv(ctx: Ctx, meeting: str | None) -> list[str]:
    """The command of the hall's one view process: `tui550 view`, nothing else.

    The database location goes through the environment (TUI550_DB), not the command
    line, so that a server password never shows in a process list.
    """
    args = [sys.executable, "-m", "tui550", "--lang", ctx.settings.lang]
    if ctx.settings.path is not None:
        args += ["--config", str(ctx.settings.path)]
    args += ["view", "--served"]
    if meeting:
        args += ["--", meeting]
    return args


def parse_size(text: str) -> tuple[int, int]:
    columns, sep, lines = text.lower().replace("×", "x").partition("x")
    limits = {
        "min_columns": MIN_SIZE[0],
        "max_columns": MAX_SIZE[0],
        "min_lines": MIN_SIZE[1],
        "max_lines": MAX_SIZE[1],
    }
    if not (sep and columns.strip().isdigit() and lines.strip().isdigit()):
        raise UserError("cli.serve.bad_size", "cli.serve.bad_size.remedy", size=text, **limits)
    size = int(columns), int(lines)
    if not (MIN_SIZE[0] <= size[0] <= MAX_SIZE[0] and MIN_SIZE[1] <= size[1] <= MAX_SIZE[1]):
        raise UserError("cli.serve.bad_size", "cli.serve.bad_size.remedy", size=text, **limits)
    return size


def serve(
    typer_ctx: typer.Context,
    meeting: str | None = typer.Argument(None, metavar="MEETING", help=t("cli.view.meeting")),
    host: str = typer.Option(DEFAULT_HOST, "--host", help=t("cli.serve.host")),
    port: int = typer.Option(DEFAULT_PORT, "--port", help=t("cli.serve.port")),
    token: str | None = typer.Option(None, "--token", help=t("cli.serve.token")),
    allow_origin: list[str] = typer.Option(
        [], "--allow-origin", metavar="<url>", help=t("cli.serve.allow_origin")
    ),
    max_viewers: int = typer.Option(DEFAULT_MAX_VIEWERS, "--max-viewers", help=t("cli.serve.max_viewers")),
    size: str = typer.Option(DEFAULT_SIZE, "--size", metavar="<cols>x<lines>", help=t("cli.serve.size")),
) -> None:
    try:
        from tui550.app.web import AccessPolicy, Hall, HallConfig, new_token, normal_origin
    except ImportError as exc:
        raise UserError("cli.serve.missing", "cli.serve.missing.remedy") from exc
    if not 0 < port < 65536:
        raise UserError("cli.serve.bad_port", "cli.serve.bad_port.remedy", port=port)
    if token is not None and not TOKEN_RE.fullmatch(token):
        raise UserError("cli.serve.bad_token", "cli.serve.bad_token.remedy")
    for origin in allow_origin:
        if normal_origin(origin) is None:
            raise UserError("cli.serve.bad_origin", "cli.serve.bad_origin.remedy", origin=origin)
    if not 0 < max_viewers <= MOST_VIEWERS:
        raise UserError("cli.serve.bad_max", "cli.serve.bad_max.remedy", count=max_viewers, most=MOST_VIEWERS)
    wall_size = parse_size(size)
    ctx = get_ctx(typer_ctx)
    db = ctx.open_db()
    # Check the meeting once here, so that a wrong MEETING is an error now and not on
    # the wall later.
    choose_meeting(db, meeting)
    db.close()
    if not is_loopback(host):
        token = token or new_token()
        print(t("cli.serve.public", host=host), file=sys.stderr)
    policy = AccessPolicy.build(token=token, origins=allow_origin)
    config = HallConfig(
        host=host, port=port, size=wall_size, max_viewers=max_viewers, policy=policy, lang=ctx.settings.lang
    )
    env = {**os.environ, "TUI550_DB": to_url(ctx.db_location())}
    hall = Hall(config, view_argv(ctx, meeting), env)
    try:
        hall.serve()
    except OSError as exc:
        raise UserError(
            "cli.serve.busy", "cli.serve.busy.remedy", host=host, port=port, reason=exc.strerror or str(exc)
        ) from exc
