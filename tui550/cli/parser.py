"""The Typer app: the global options' callback, and every command, loaded when it runs.

Loaded only when the command line is more than a bare `tui550` (`tui550.cli.main`).

`COMMANDS` names each command, the module that defines it (`register(app)`) and its one-line
help. The root group reads that table to list the commands and imports a command's module only
when that command is run or its help is asked for, so a command module imports what its commands
need at its top and `tui550 --help` or `tui550 meetings` does not pay for every other command's.
What opens a database (the store, SQLModel) or prints a table (rich) stays inside the commands
that do it: a command's own `--help` needs neither (`docs/imports.md`).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Any, NamedTuple

import typer
import typer.core
import typer.main

from tui550 import __version__
from tui550.cli.context import global_context
from tui550.cli.opening import open_default
from tui550.cli.typer_text import localise, localised_context
from tui550.core import cycle_collector
from tui550.i18n import t


class Command(NamedTuple):
    module: str  # under tui550.cli, defining `register(app)`
    help_key: str


# In the order `tui550 --help` lists them; a feature adds its commands here.
COMMANDS: dict[str, Command] = {
    "demo": Command("demo_meetings", "cli.demo.help"),
    "meetings": Command("demo_meetings", "cli.meetings.help"),
    "report": Command("followup.commands", "cli.report.help"),
    "wallchart": Command("followup.commands", "cli.wall.help"),
    "search": Command("search", "search.help"),
    "export": Command("export", "cli.export.help"),
    "dump": Command("export", "cli.dump.help"),
    "load": Command("export", "cli.load.help"),
    "template": Command("ledger", "ledger.template.help"),
    "backup": Command("backup_restore", "cli.backup.help"),
    "restore": Command("backup_restore", "cli.restore.help"),
    "view": Command("view", "cli.view.help"),
    "serve": Command("view", "cli.serve.help"),
    "meeting": Command("meeting_life", "cli.meeting.help"),
    "item": Command("followup.commands", "cli.item.help"),
    "import": Command("ledger", "ledger.import.help"),
    "units": Command("ledger", "ledger.units.help"),
    "projects": Command("projects", "cli.projects.help"),
}


def module_commands(module: str) -> dict[str, Any]:
    """The click commands `tui550.cli.<module>` registers, with their help from `COMMANDS`."""
    scratch = typer.Typer(rich_markup_mode=None)
    importlib.import_module(f"tui550.cli.{module}").register(scratch)
    commands = dict(typer.main.get_group(scratch).commands)
    for name, command in commands.items():
        command.help = t(COMMANDS[name].help_key)
        localise(command)
    return commands


class BuiltOnUse(MutableMapping[str, Any]):
    """The root's commands: every name of `COMMANDS`, each built (its module imported) the
    first time it is looked up. Listing the names builds none."""

    def __init__(self) -> None:
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in COMMANDS:
                raise KeyError(name)
            self._built.update(module_commands(COMMANDS[name].module))
        return self._built[name]

    def __contains__(self, name: object) -> bool:
        return name in COMMANDS

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)

    def __setitem__(self, name: str, command: Any) -> None:
        raise TypeError(f"{name}: a command is added to COMMANDS, not to the group")

    def __delitem__(self, name: str) -> None:
        raise TypeError(f"{name}: a command is removed from COMMANDS, not from the group")


class CommandsOnDemand(typer.core.TyperGroup):
    """The root group: its commands are `COMMANDS`, built when used (`BuiltOnUse`)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.commands = BuiltOnUse()
        self.context_class = localised_context(self.context_class)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        # Each command's first line, cut as Typer's own listing cuts it, from the table alone.
        limit = formatter.width - 6 - max(map(len, COMMANDS))
        rows = [
            (
                name,
                typer.core.TyperCommand(
                    name, help=t(command.help_key), rich_markup_mode=None
                ).get_short_help_str(limit),
            )
            for name, command in COMMANDS.items()
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def build_app() -> typer.Typer:
    app = typer.Typer(
        cls=CommandsOnDemand,
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

    return app


def run_typer(args: list[str]) -> None:
    try:
        typer.main.get_command(build_app())(args=args, prog_name="tui550", standalone_mode=False)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        sys.exit(1)
