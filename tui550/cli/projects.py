"""`tui550 projects`: the project ledger kept up from the command line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from tui550.cli.context import get_ctx
from tui550.cli.out import echo
from tui550.core.domain import UnitKind
from tui550.core.errors import UserError
from tui550.core.files import target_for, write_atomic
from tui550.core.month_text import figures_text
from tui550.i18n import t

if TYPE_CHECKING:
    from tui550.core.db import Database
    from tui550.core.domain import ProjectView


def register(app: typer.Typer) -> None:
    projects = typer.Typer(rich_markup_mode=None)
    projects.callback(invoke_without_command=True)(projects_list)
    projects.command("add", help=t("cli.projects.add.help"))(projects_add)
    projects.command("edit", help=t("cli.projects.edit.help"))(projects_edit)
    projects.command("archive", help=t("cli.projects.archive.help"))(projects_archive)
    projects.command("restore", help=t("cli.projects.restore.help"))(projects_restore)
    projects.command("month", help=t("cli.projects.month.help"))(projects_month)
    projects.command("export", help=t("cli.projects.export.help"))(projects_export)
    app.add_typer(projects, name="projects")


def projects_list(
    typer_ctx: typer.Context,
    archived: bool = typer.Option(False, "--all", help=t("cli.projects.all")),
) -> None:
    if typer_ctx.invoked_subcommand is not None:
        return
    from tui550.core.store.projects import list_projects

    rows = list_projects(get_ctx(typer_ctx).open_db(), archived=archived)
    if not rows:
        echo(t("cli.projects.none"))
    for p in rows:
        month = figures_text(p.latest)
        echo(
            t(
                "cli.projects.row",
                id=p.id.hex[:8],
                code=f"{p.code}  " if p.code else "",
                name=p.name,
                lead=p.lead_unit.name if p.lead_unit else "—",
                month=f"  {month}" if month else "",
                archived=f"  [{t('lui.archived')}]" if p.archived else "",
            )
        )


# Each field of the project form is an option of `add` and `edit`, described by its label.
def _field(name: str, *flags: str) -> Any:
    return typer.Option(None, *flags, help=t("cli.projects.field", field=t(f"lui.field.{name}")))


def projects_add(
    typer_ctx: typer.Context,
    name: str = typer.Argument(..., help=t("cli.projects.name")),
    code: str | None = _field("code", "--code"),
    category: str | None = _field("category", "--category"),
    street: str | None = _field("street", "--street"),
    leader: str | None = _field("leader", "--leader"),
    lead_unit: str | None = _field("lead_unit", "--lead"),
    units: str | None = typer.Option(None, "--units", help=t("cli.projects.units")),
    investment_total: str | None = _field("investment_total", "--total"),
    investment_year: str | None = _field("investment_year", "--year-plan"),
    annual_target: str | None = _field("annual_target", "--target"),
    content: str | None = _field("content", "--content"),
    planned_start: str | None = _field("planned_start", "--start"),
    planned_end: str | None = _field("planned_end", "--end"),
    status: str | None = _field("status", "--status"),
) -> None:
    from tui550.core.project_form import BLANK
    from tui550.core.store.projects import add_project

    given = _given(locals())
    db = get_ctx(typer_ctx).open_db()
    changes = _changes(db, BLANK, {**given, "name": name})
    changes.pop("name", None)
    project = add_project(db, name, unit_ids=_unit_ids(db, units), **changes)
    echo(t("cli.projects.saved", name=project.name) + f"  ({project.id.hex[:8]})")


def projects_edit(
    typer_ctx: typer.Context,
    project: str = typer.Argument(..., help=t("cli.projects.project")),
    name: str | None = _field("name", "--name"),
    code: str | None = _field("code", "--code"),
    category: str | None = _field("category", "--category"),
    street: str | None = _field("street", "--street"),
    leader: str | None = _field("leader", "--leader"),
    lead_unit: str | None = _field("lead_unit", "--lead"),
    units: str | None = typer.Option(None, "--units", help=t("cli.projects.units")),
    investment_total: str | None = _field("investment_total", "--total"),
    investment_year: str | None = _field("investment_year", "--year-plan"),
    annual_target: str | None = _field("annual_target", "--target"),
    content: str | None = _field("content", "--content"),
    planned_start: str | None = _field("planned_start", "--start"),
    planned_end: str | None = _field("planned_end", "--end"),
    status: str | None = _field("status", "--status"),
) -> None:
    from tui550.core.store import projects as store

    given = _given(locals())
    db = get_ctx(typer_ctx).open_db()
    view = store.find_project(db, project)
    changes = _changes(db, view, given)
    if changes:
        view = store.update_project(db, view.id, view.version, **changes)
    if units is not None:
        wanted = _unit_ids(db, units)
        view = store.remove_project_units(db, view.id, [u.id for u in view.units if u.id not in wanted])
        have = {x.id for x in view.units}
        view = store.add_project_units(db, view.id, [u for u in wanted if u not in have])
    echo(t("cli.projects.saved", name=view.name))


def _given(options: dict[str, Any]) -> dict[str, str]:
    """The form's fields among a command's options, those given."""
    return {k: v for k, v in options.items() if k in _FORM_OPTIONS and v is not None}


_FORM_OPTIONS = (
    "name",
    "code",
    "category",
    "street",
    "leader",
    "lead_unit",
    "investment_total",
    "investment_year",
    "annual_target",
    "content",
    "planned_start",
    "planned_end",
    "status",
)


def _changes(db: Database, base: ProjectView, given: dict[str, str]) -> dict[str, Any]:
    """The options given, read as the ledger screen's form reads its fields."""
    from tui550.core.project_form import form_changes, form_values
    from tui550.core.store.units import add_units_named, list_units

    named = [(given.get("street", ""), UnitKind.STREET), (given.get("lead_unit", ""), None)]
    added = add_units_named(db, named)
    if added:
        echo(t("lui.units.added", names="、".join(u.name for u in added)))
    return form_changes(base, {**form_values(base), **given}, list_units(db), db.today())


def _unit_ids(db: Database, text: str | None) -> list[Any]:
    if not text:
        return []
    from tui550.core.importing.values import split_units
    from tui550.core.store.units import match_unit

    return list(dict.fromkeys(match_unit(db, name).id for name, _ in split_units(text)))


def projects_archive(
    typer_ctx: typer.Context, project: str = typer.Argument(..., help=t("cli.projects.project"))
) -> None:
    from tui550.core.store.projects import archive_project, find_project

    db = get_ctx(typer_ctx).open_db()
    view = find_project(db, project)
    echo(t("cli.projects.archived", name=archive_project(db, view.id, view.version).name))


def projects_restore(
    typer_ctx: typer.Context, project: str = typer.Argument(..., help=t("cli.projects.project"))
) -> None:
    from tui550.core.store.projects import find_project, restore_project

    db = get_ctx(typer_ctx).open_db()
    view = find_project(db, project)
    echo(t("cli.projects.restored", name=restore_project(db, view.id, view.version).name))


def projects_month(
    typer_ctx: typer.Context,
    project: str = typer.Argument(..., help=t("cli.projects.project")),
    month: str = typer.Argument(..., help=t("cli.projects.month")),
    invested: str = typer.Option("", "--invested", help=t("cli.projects.invested")),
    progress: str = typer.Option("", "--progress", help=t("cli.projects.progress")),
    note: str | None = typer.Option(None, "--note", help=t("cli.projects.note")),
) -> None:
    from tui550.core.project_form import month_figures, parse_month
    from tui550.core.store.project_months import set_month
    from tui550.core.store.projects import find_project

    db = get_ctx(typer_ctx).open_db()
    view = find_project(db, project)
    day = parse_month(month, db.today())
    amount, pct = month_figures(invested, progress)
    figures = set_month(db, view.id, day, invested=amount, progress_pct=pct, note=note)
    echo(t("cli.projects.month_saved", name=view.name, figures=figures_text(figures)))


def projects_export(
    typer_ctx: typer.Context,
    out: Path | None = typer.Option(None, "--out", "-o", help=t("cli.fu.out")),
    force: bool = typer.Option(False, "--force", help=t("cli.export.force")),
    archived: bool = typer.Option(False, "--all", help=t("cli.projects.all")),
) -> None:
    from tui550.core.exporting.ledger_xlsx import render_ledger_xlsx
    from tui550.core.store.projects import list_projects

    ctx = get_ctx(typer_ctx)
    rows = list_projects(ctx.open_db(), archived=archived)
    if not rows:
        raise UserError("cli.projects.none")
    path = write_atomic(
        target_for(out, t("cli.projects.file") + ".xlsx"), render_ledger_xlsx(rows), force=force
    )
    echo(t("cli.fu.written", path=str(path)))
