"""`tui550 item attach`: attach a file to an item, list its files, get them back."""

from __future__ import annotations

from pathlib import Path

import typer

from tui550.cli.followup.lookup import item_context
from tui550.cli.out import echo
from tui550.core.clock import to_local
from tui550.core.errors import UserError
from tui550.i18n import t


def item_attach(
    typer_ctx: typer.Context,
    item_id: str = typer.Argument(..., metavar="ITEM_ID", help=t("cli.item.id")),
    path: Path | None = typer.Argument(None, metavar="FILE", help=t("cli.attach.file")),
    list_files: bool = typer.Option(False, "--list", help=t("cli.attach.list")),
    extract: bool = typer.Option(False, "--extract", help=t("cli.attach.extract")),
    out: Path | None = typer.Option(None, "--out", "-o", help=t("cli.attach.out")),
    force: bool = typer.Option(False, "--force", help=t("cli.export.force")),
    follow: bool = typer.Option(False, "--follow", help=t("cli.item.attach.follow")),
) -> None:
    if (path is not None) + list_files + extract != 1:
        raise UserError("cli.attach.one_of", "cli.attach.one_of.remedy")
    ctx, db, item = item_context(typer_ctx, item_id)
    if list_files:
        from tui550.core.store.followup import list_evidence

        files = list_evidence(db, item.id)
        if not files:
            echo(t("cli.attach.none"))
        for e in files:
            when = to_local(e.created_at, db.tz).strftime("%Y-%m-%d %H:%M")
            echo(
                t(
                    "cli.attach.row",
                    id=e.id.hex[:8],
                    name=e.filename,
                    size=e.size,
                    sha=e.sha256[:12],
                    when=when,
                    who=e.created_by,
                )
            )
        return
    if extract:
        from tui550.core.evidence_files import extract_evidence

        for written in extract_evidence(db, item.id, out, force=force):
            echo(t("cli.fu.written", path=str(written)))
        return
    from tui550.core.store.followup import attach_evidence

    assert path is not None
    evidence = attach_evidence(db, item.id, path, rules=ctx.rules(), follow=follow)
    echo(t("cli.item.attached", name=evidence.filename, size=evidence.size, sha=evidence.sha256[:12]))
