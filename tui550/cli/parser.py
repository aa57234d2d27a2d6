"""The Typer app: the global options' callback and every command module.

Loaded only when the command line is more than a bare `tui550` (`tui550.cli.main`).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import typer

from tui550 import __version__
from tui550.cli.context import global_context
from tui550.cli.opening import open_default
from tui550.cli.typer_text import localise
from tui550.core import cycle_collector
from tui550.i18n import t

# Each module defines `register(app)`; a feature adds its module here.
COMMAND_MODULES = (
    "demo_meetings",
    "meeting_life",
    "followup.commands",
    "search",
    "export",
    "ledger",
    "projects",
    "backup_restore",
    "view",
)


def build_app() -> typer.Typer:
    app = typer.Typer(
        add_completion=False,
        help=t("cli.help"),
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @app.callback(invoke_without_command=True)
    def main(
        ctx: typer.Context,
        db: str | None = typer.Option(None, "--db", envvar="TUI550_DB", help=t("cli.opt.db")),
        lang: str | None = typer.Option(None, "--lang", help=t("cli.opt.lang")),
        config: Path | None = typer.Option(None, "--config", help=t("cli.opt.config")),
        events: Path | None = typer.Option(None, "--events", help=t("cli.opt.events")),
        debug: bool = typer.Option(False, "--debug", help=t("cli.opt.debug")),
        version: bool = typer.Option(False, "--version", help=t("cli.opt.version")),
        script: Path | None = typer.Option(None, "--script", envvar="TUI550_SCRIPT", hidden=True),
    ) -> None:
        if version:
            typer.echo(f"tui550 {__version__}")
            raise typer.Exit(0)
        ctx.obj = global_context(db=db, lang=lang, config=config, events=events, debug=debug, script=script)
        if ctx.invoked_subcommand is None:
            open_default(ctx.obj)
        else:
            cycle_collector.command_started()

    for name in COMMAND_MODULES:
        importlib.import_module(f"tui550.cli.{name}").register(app)
    return app


def run_typer(args: list[str]) -> None:
    try:
        localise(typer.main.get_command(build_app()))(args=args, prog_name="tui550", standalone_mode=False)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        sys.exit(1)
