"""The ledger commands: import projects and issue lists, blank templates, units."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from tui550.cli.context import get_ctx
from tui550.cli.out import echo
from tui550.cli.progress import progress
from tui550.core.db import Database
from tui550.core.domain import UnitView
from tui550.core.errors import UserError
from tui550.core.files import target_for, write_atomic
from tui550.i18n import t

if TYPE_CHECKING:
    from tui550.core.importing.rows import Problem


def register(app: typer.Typer) -> None:
    imp = typer.Typer(no_args_is_help=True, rich_markup_mode=None)
    imp.command("projects", help=t("ledger.import.projects.help"))(import_projects)
    imp.command("issues", help=t("ledger.import.issues.help"))(import_issues)
    app.add_typer(imp, name="import")
    app.command("template")(template_command)
    units = typer.Typer(rich_markup_mode=None)
    units.callback(invoke_without_command=True)(units_list)
    units.command("merge", help=t("ledger.units.merge.help"))(units_merge)
    units.command("alias", help=t("ledger.units.alias.help"))(units_alias)
    units.command("unalias", help=t("ledger.units.unalias.help"))(units_unalias)
    units.command("rename", help=t("ledger.units.rename.help"))(units_rename)
    app.add_typer(units, name="units")


_SHEET = typer.Option(None, "--sheet", help=t("ledger.import.sheet"))
_DRY = typer.Option(False, "--dry-run", help=t("ledger.import.dry_run"))
_SKIP = typer.Option(False, "--skip-bad", help=t("ledger.import.skip_bad"))
_AS_OF = typer.Option(None, "--as-of", metavar="YYYY-MM-DD", help=t("ledger.import.as_of"))


def import_projects(
    typer_ctx: typer.Context,
    file: Path = typer.Argument(..., help=t("ledger.import.file")),
    sheet: str | None = _SHEET,
    dry_run: bool = _DRY,
    skip_bad: bool = _SKIP,
    as_of: str | None = _AS_OF,
) -> None:
    _run_import(typer_ctx, "projects", file, sheet, dry_run, skip_bad, None, as_of)


def import_issues(
    typer_ctx: typer.Context,
    file: Path = typer.Argument(..., help=t("ledger.import.file")),
    sheet: str | None = _SHEET,
    dry_run: bool = _DRY,
    skip_bad: bool = _SKIP,
    meeting: str | None = typer.Option(None, "--meeting", help=t("ledger.import.meeting")),
    as_of: str | None = _AS_OF,
) -> None:
    _run_import(typer_ctx, "issues", file, sheet, dry_run, skip_bad, meeting, as_of)


def _run_import(
    typer_ctx: typer.Context,
    kind: str,
    file: Path,
    sheet: str | None,
    dry_run: bool,
    skip_bad: bool,
    meeting: str | None,
    as_of: str | None,
) -> None:
    from tui550.core.importing import import_ledger
    from tui550.core.store.meetings import select_meeting

    try:
        today = date.fromisoformat(as_of.strip()) if as_of else None
    except ValueError:
        raise UserError("ledger.import.bad_as_of", "ledger.import.bad_as_of.remedy", value=as_of) from None
    ctx = get_ctx(typer_ctx)
    db = ctx.open_db()
    meeting_id = select_meeting(db, meeting).id if meeting else None
    with progress(t("progress.import.read")) as shown:

        def step(stage: str, count: int) -> None:
            if stage == "write" and shown.what != t("progress.import.write"):
                shown.stage(t("progress.import.write"))
            shown(count)

        report = import_ledger(
            db,
            kind,
            file,
            sheet=sheet,
            dry_run=dry_run,
            skip_bad=skip_bad,
            meeting_id=meeting_id,
            progress=step,
            today=today,
        )
    echo = typer.echo
    where = (
        t("ledger.import.sheet_of", sheet=report.sheet)
        if report.sheet
        else (t("ledger.import.encoding_of", encoding=report.encoding) if report.encoding else "")
    )
    echo(t("ledger.import.file_line", path=str(report.path), where=where, row=report.header_row))
    if report.reference is not None:
        echo(t("ledger.import.reference", date=report.reference.isoformat()))
    echo(
        t(
            "ledger.import.used",
            columns="；".join(
                f"{letter} {header}→{t('ledger.field.' + name)}" for letter, header, name in report.used
            ),
        )
    )
    if report.ignored:
        echo(t("ledger.import.ignored", columns="；".join(f"{c} {h}" for c, h in report.ignored)))
    echo(t("ledger.import.counted", rows=report.rows_read, records=report.records, skipped=report.skipped))
    _listed(report.warnings, lambda w: t("ledger.import.warning", where=_where(w), message=_message(w)))
    if report.problems and not skip_bad and not dry_run:
        _listed(report.problems, lambda p: _where(p) + _message(p), err=True)
        raise UserError("ledger.import.failed", "ledger.import.failed.remedy", count=len(report.problems))
    noun = t(f"ledger.import.noun.{kind}")
    for name in report.added:
        echo(f"+ {name}")
    for name, fields in report.updated:
        echo(f"~ {name}（{'、'.join(t('ledger.field.' + f) for f in fields)}）")
    for name in report.unchanged:
        echo(f"= {name}")
    for month in sorted(set(report.months)):
        echo(
            t(
                "ledger.import.months",
                count=report.months.count(month),
                month=f"{month.year}-{month.month:02d}",
            )
        )
    if report.units_added:
        echo(t("ledger.import.units_added", units="、".join(report.units_added)))
    row_key = "ledger.import.skipped_row" if skip_bad else "ledger.import.bad_row"
    _listed(report.problems, lambda p: t(row_key, where=_where(p), message=_message(p)), err=True)
    key = "ledger.import.would" if dry_run else "ledger.import.done"
    echo(
        t(
            key,
            noun=noun,
            added=len(report.added),
            updated=len(report.updated),
            unchanged=len(report.unchanged),
            bad=len(report.problems),
            seconds=f"{report.seconds:.2f}",
        )
    )
    if report.meeting_title:
        echo(t("ledger.import.meeting_made", title=report.meeting_title))
    if dry_run and report.problems and not skip_bad:
        # The real run would write nothing: the dry run says so by its exit code too.
        raise UserError("ledger.import.dry_failed", "ledger.import.failed.remedy", count=len(report.problems))


# Problems and notes listed one a line; the rest are counted, so that a file with a
# problem on every row says so in a screenful, not in a million lines.
SHOWN = 20


def _listed(problems: list[Problem], line: Callable[[Problem], str], *, err: bool = False) -> None:
    for problem in problems[:SHOWN]:
        echo(line(problem), err=err)
    if len(problems) > SHOWN:
        echo(t("ledger.import.more_problems", count=len(problems) - SHOWN), err=err)


def _where(problem: object) -> str:
    row, column = getattr(problem, "row", None), getattr(problem, "column", None)
    if row is None:
        return ""
    if column:
        return t("ledger.import.at_cell", row=row, column=column)
    return t("ledger.import.at_row", row=row)


def _message(problem: object) -> str:
    return t(getattr(problem, "key", ""), **getattr(problem, "args", {}))


def template_command(
    kind: str = typer.Argument(..., help=t("ledger.template.kind"), metavar="projects|issues"),
    out: Path | None = typer.Option(None, "--out", help=t("ledger.opt.out")),
    force: bool = typer.Option(False, "--force", help=t("ledger.opt.force")),
) -> None:
    from tui550.core.importing.template import template_bytes

    if kind not in ("projects", "issues"):
        raise UserError("ledger.template.bad_kind", "ledger.template.bad_kind.remedy", kind=kind)
    target = target_for(out, t(f"ledger.template.file.{kind}"))
    # The name says the format: a .csv gets a CSV header line, anything else a workbook.
    fmt = "csv" if target.suffix.lower() == ".csv" else "xlsx"
    write_atomic(target, template_bytes(kind, fmt), force=force)
    echo(t("ledger.template.written", path=str(target)))


def _pick_unit(db: Database, text: str) -> uuid.UUID:
    """A unit by what the matcher finds, or by the id prefix `tui550 units` prints."""
    from tui550.core.store.units import list_units
    from tui550.core.unit_names import match, resolve_unit

    units = list_units(db)
    if not isinstance(match(text, units), UnitView):
        prefix = text.strip().replace("-", "").lower()
        by_id = [u for u in units if u.id.hex.startswith(prefix)] if len(prefix) >= 4 else []
        if len(by_id) == 1:
            return by_id[0].id
    return resolve_unit(text, units).id


def units_list(typer_ctx: typer.Context) -> None:
    if typer_ctx.invoked_subcommand is not None:
        return
    from tui550.core.store.units import list_units

    rows = list_units(get_ctx(typer_ctx).open_db())
    if not rows:
        echo(t("ledger.units.none"))
        return
    for unit in rows:
        aliases = t("ledger.units.aliases", aliases="、".join(unit.aliases)) if unit.aliases else ""
        echo(f"{unit.id.hex[:8]}  {unit.name}  [{t('ledger.unit_kind.' + unit.kind.value)}]{aliases}")


def units_merge(
    typer_ctx: typer.Context,
    keep: str = typer.Argument(..., help=t("ledger.units.keep")),
    others: list[str] = typer.Argument(..., help=t("ledger.units.others")),
) -> None:
    from tui550.core.store.units import merge_units

    db = get_ctx(typer_ctx).open_db()
    keep_id = _pick_unit(db, keep)
    merge_ids = [_pick_unit(db, o) for o in others]
    unit = merge_units(db, keep_id, merge_ids)
    echo(t("ledger.units.merged", name=unit.name, aliases="、".join(unit.aliases)))


def units_alias(
    typer_ctx: typer.Context,
    unit: str = typer.Argument(..., help=t("ledger.units.unit")),
    alias: str = typer.Argument(..., help=t("ledger.units.alias")),
) -> None:
    from tui550.core.store.units import add_alias

    db = get_ctx(typer_ctx).open_db()
    view = add_alias(db, _pick_unit(db, unit), alias)
    echo(t("ledger.units.merged", name=view.name, aliases="、".join(view.aliases)))


def units_unalias(
    typer_ctx: typer.Context,
    unit: str = typer.Argument(..., help=t("ledger.units.unit")),
    alias: str = typer.Argument(..., help=t("ledger.units.old_alias")),
) -> None:
    from tui550.core.store.units import remove_alias

    db = get_ctx(typer_ctx).open_db()
    view = remove_alias(db, _pick_unit(db, unit), alias)
    echo(t("ledger.units.merged", name=view.name, aliases="、".join(view.aliases)))


def units_rename(
    typer_ctx: typer.Context,
    unit: str = typer.Argument(..., help=t("ledger.units.unit")),
    new_name: str = typer.Argument(..., help=t("ledger.units.new_name")),
) -> None:
    from tui550.core.store.units import rename_unit

    db = get_ctx(typer_ctx).open_db()
    view = rename_unit(db, _pick_unit(db, unit), new_name)
    echo(t("ledger.units.merged", name=view.name, aliases="、".join(view.aliases)))
