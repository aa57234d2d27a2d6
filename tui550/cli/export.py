"""`tui550 export`, `tui550 dump` and `tui550 load`: minutes, lists and the exchange file."""

from __future__ import annotations

from pathlib import Path

import typer

from tui550.cli.context import get_ctx
from tui550.cli.out import echo
from tui550.cli.progress import progress
from tui550.core.files import target_for, write_atomic
from tui550.i18n import t


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)
    app.command("dump")(dump_command)
    app.command("load")(load_command)


def export_command(
    typer_ctx: typer.Context,
    meeting: str = typer.Argument(..., help=t("cli.export.meeting")),
    fmt: str = typer.Option(..., "--format", "-f", help=t("cli.export.format")),
    out: Path | None = typer.Option(None, "--out", "-o", help=t("cli.export.out")),
    force: bool = typer.Option(False, "--force", help=t("cli.export.force")),
    unit: str | None = typer.Option(None, "--unit", help=t("cli.export.unit")),
    split_by_unit: bool = typer.Option(False, "--split-by-unit", help=t("cli.export.split")),
) -> None:
    from tui550.core.exporting import export_meeting
    from tui550.core.store.meetings import select_meeting

    ctx = get_ctx(typer_ctx)
    db = ctx.open_db()
    chosen = select_meeting(db, meeting)
    for path in export_meeting(
        db, chosen.id, fmt, out, force=force, unit=unit, settings=ctx.settings, split_by_unit=split_by_unit
    ):
        echo(t("cli.export.written", path=str(path)))


def dump_command(
    typer_ctx: typer.Context,
    meeting: str | None = typer.Argument(None, help=t("cli.dump.meeting")),
    out: Path = typer.Option(..., "--out", "-o", help=t("cli.dump.out")),
    force: bool = typer.Option(False, "--force", help=t("cli.export.force")),
) -> None:
    from tui550.core.exchange import dump, to_json
    from tui550.core.exporting import default_name
    from tui550.core.store.meetings import select_meeting

    ctx = get_ctx(typer_ctx)
    db = ctx.open_db()
    chosen = select_meeting(db, meeting) if meeting is not None else None
    with progress(t("progress.dump")) as shown:
        data = to_json(dump(db, chosen.id if chosen else None, progress=shown))
    name = default_name(chosen.title, chosen.date, "json") if chosen else "tui550.json"
    path = write_atomic(target_for(out, name), data, force=force)
    echo(t("cli.export.written", path=str(path)))


def load_command(
    typer_ctx: typer.Context,
    file: Path = typer.Argument(..., help=t("cli.load.file")),
    dry_run: bool = typer.Option(False, "--dry-run", help=t("cli.load.dry_run")),
) -> None:
    from tui550.core.exchange import check_file, load

    ctx = get_ctx(typer_ctx)
    # The whole file is checked before the database is opened; it is read as a stream,
    # once to check and once more to write, so its size does not decide the memory used.
    incoming = check_file(file)
    with progress(t("progress.load")) as shown:
        report = load(ctx.open_db(), incoming, dry_run=dry_run, progress=shown)
    for table in sorted(set(report.added) | set(report.same)):
        echo(
            t("cli.load.table", table=table, added=report.added.get(table, 0), same=report.same.get(table, 0))
        )
    for table, key, detail in report.conflicts:
        echo(t("cli.load.conflict", table=table, key=key, detail=detail or "-"))
    summary = "cli.load.summary_dry" if dry_run else "cli.load.summary"
    echo(t(summary, added=report.total_added, same=report.total_same, conflicts=len(report.conflicts)))
