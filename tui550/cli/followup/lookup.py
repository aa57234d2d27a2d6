"""The item a follow-up command names, with the context and database it is read from.

Shared by `item ...` and `item attach` (`tui550.cli.evidence`), so neither imports the other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui550.cli.context import Ctx, get_ctx

if TYPE_CHECKING:
    import typer

    from tui550.core.db import Database
    from tui550.core.domain import ItemView


def item_context(typer_ctx: typer.Context, selector: str) -> tuple[Ctx, Database, ItemView]:
    from tui550.core.store.followup import find_item

    ctx = get_ctx(typer_ctx)
    db = ctx.open_db()
    return ctx, db, find_item(db, selector)
