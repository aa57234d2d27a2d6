"""`tui550 search QUERY`: the search the app's dialog uses, on the command line."""

from __future__ import annotations

from typing import Any

import typer

from tui550.cli.context import get_ctx
from tui550.cli.out import echo, echo_json
from tui550.i18n import t


def register(app: typer.Typer) -> None:
    app.command("search")(search_command)


def search_command(
    typer_ctx: typer.Context,
    query: str = typer.Argument(..., help=t("search.arg.query")),
    as_json: bool = typer.Option(False, "--json", help=t("search.opt.json")),
    limit: int = typer.Option(50, "--limit", min=1, max=10_000, help=t("search.opt.limit")),
) -> None:
    from tui550.core.search import search

    ctx = get_ctx(typer_ctx)
    db = ctx.open_db()
    hits = search(db, query, limit=limit, today=db.today())
    if as_json:
        echo_json([_jsonable(h) for h in hits])
        return
    if not hits:
        echo(t("search.none", query=query), err=True)
        return
    for hit in hits:
        label = t(f"kind.{hit.kind.value}") if hit.kind else t(f"search.entity.{hit.entity}")
        if hit.overdue:
            label += "·" + t("search.overdue")
        when = hit.meeting_date.isoformat() if hit.meeting_date else "-"
        where = hit.project_name or "-"
        # Plain text: user text is printed as typed, never read as markup.
        echo(f"{label}  {when}  {where}  {hit.snippet}")


def _jsonable(hit: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in hit.__slots__:
        value = getattr(hit, name)
        if name == "spans":
            value = [list(s) for s in value]
        elif value is not None and not isinstance(value, str | bool | int):
            value = getattr(value, "value", None) or (
                value.isoformat() if hasattr(value, "isoformat") else str(value)
            )
        out[name] = value
    return out
