"""`tui550 backup` and `tui550 restore`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from tui550.cli.context import get_ctx
from tui550.cli.out import echo
from tui550.cli.progress import progress
from tui550.core.backups import (
    backup_database,
    backup_path,
    backups_dir,
    check_backup_file,
    prune,
    restore_database,
)
from tui550.core.db import sqlite_path, to_url
from tui550.core.errors import UserError
from tui550.core.files import check_target, private_folder
from tui550.i18n import t


def register(app: typer.Typer) -> None:
    app.command("backup")(backup_command)
    app.command("restore")(restore_command)


def backup_command(
    typer_ctx: typer.Context,
    out: Path | None = typer.Option(None, "--out", help=t("cli.backup.out")),
    force: bool = typer.Option(False, "--force", help=t("cli.backup.force")),
) -> None:
    ctx = get_ctx(typer_ctx)
    if out is not None:
        out = out.expanduser()
        # Refused before the database is opened: a wrong --out changes nothing.
        check_target(out, force)
    db = ctx.open_db()
    try:
        path = db.path
        if out is None and path is not None:
            # Asked for by name: made even when routine backups are off (backups_keep = 0).
            private_folder(backups_dir(path))
            out = backup_path(path, "manual")
        with progress(t("progress.backup")) as shown:
            written = backup_database(
                db, "manual", keep=ctx.settings.backups_keep, out=out, force=force, progress=shown
            )
        if path is not None and ctx.settings.backups_keep > 0:
            prune(path, ctx.settings.backups_keep)
    finally:
        db.close()
    echo(t("cli.backup.done", path=str(written)))


def restore_command(
    typer_ctx: typer.Context,
    file: Path = typer.Argument(..., help=t("cli.restore.file")),
    yes: bool = typer.Option(False, "--yes", help=t("cli.restore.yes")),
) -> None:
    ctx = get_ctx(typer_ctx)
    target = sqlite_path(to_url(ctx.db_location()))
    if target is None:
        raise UserError("backup.server_unsupported", "backup.server_unsupported.remedy")
    source = file.expanduser()
    check_backup_file(source)
    if not yes:
        if not sys.stdin.isatty():
            raise UserError("restore.needs_yes", "restore.needs_yes.remedy")
        if not typer.confirm(t("cli.restore.confirm", source=str(source), target=str(target))):
            echo(t("cli.restore.cancelled"))
            raise typer.Exit(1)
    with progress(t("progress.restore")) as shown:
        before = restore_database(target, source, progress=shown)
    # Opening checks the restored file and brings an older backup up to this version.
    ctx.open_db(str(target)).close()
    if before is not None:
        echo(t("cli.restore.done", source=str(source), backup=str(before)))
    else:
        echo(t("cli.restore.done_new", source=str(source)))
