"""`tui550`: global options, the command modules, and the exit-code contract.

Exit codes: 0 success, 1 user error (two lines on stderr: cause, remedy), 2 usage.
The language of help and messages is decided before Typer parses, from
`--lang`, TUI550_LANG, the settings file, then the locale.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
from pathlib import Path

import typer

from tui550 import __version__
from tui550.core.errors import UserError
from tui550.core.settings import load_settings, remember
from tui550.i18n import set_language, t

# Each module defines `register(app)`; a feature adds its module here.
COMMAND_MODULES = ("basic", "followup", "search", "export", "ledger", "durable", "view")


def _early_language(argv: list[str]) -> tuple[str, Path | None]:
    config: Path | None = None
    lang: str | None = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
        elif arg == "--config" and i + 1 < len(argv):
            config = Path(argv[i + 1])
        elif arg.startswith("--config="):
            config = Path(arg.split("=", 1)[1])
    if lang not in ("zh", "en"):
        lang = load_settings(config).lang
    return lang, config


def build_app() -> typer.Typer:
    app = typer.Typer(add_completion=False, help=t("cli.help"), rich_markup_mode=None,
                      context_settings={"help_option_names": ["-h", "--help"]})

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
        from tui550.cli.context import Ctx

        if version:
            typer.echo(f"tui550 {__version__}")
            raise typer.Exit(0)
        settings = load_settings(config)
        if lang is not None:
            if lang not in ("zh", "en"):
                raise UserError("cli.bad_lang", "cli.bad_lang.remedy", lang=lang)
            if lang != settings.lang:
                try:
                    settings = remember(settings, lang=lang)
                except OSError:
                    settings = settings.with_overrides(lang=lang)
        set_language(settings.lang)
        ctx.obj = Ctx(settings=settings, db_arg=db, events_path=events, debug=debug,
                      script_path=script)
        if ctx.invoked_subcommand is None:
            from tui550.cli.basic import open_default

            open_default(ctx.obj)
        else:
            gc.enable()

    for name in COMMAND_MODULES:
        importlib.import_module(f"tui550.cli.{name}").register(app)
    return app


def run(argv: list[str] | None = None) -> None:
    # Start-up makes a million long-lived objects (modules, classes, SQLAlchemy's and
    # Textual's tables); collecting cycles while they are made only costs time. A
    # command turns collection back on before it runs; the app, once its first screen
    # is painted (`Tui550App.started`); and whatever happens, it is on again at the end.
    gc.disable()
    try:
        _run(argv)
    finally:
        gc.enable()


def _run(argv: list[str] | None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    lang, _ = _early_language(args)
    set_language(lang)
    debug = "--debug" in args
    try:
        build_app()(args=args, prog_name="tui550", standalone_mode=False)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        sys.exit(1)
    except UserError as exc:
        if debug:
            raise
        from tui550.core.db import scrub

        _fail(scrub(exc.message()), exc.remedy_text())
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        if _is_usage_error(exc):
            exc.show()  # type: ignore[attr-defined]
            sys.exit(exc.exit_code)  # type: ignore[attr-defined]
        if debug or os.environ.get("TUI550_DEBUG"):
            raise
        from tui550.core.db import scrub

        _fail(t("error.unexpected", reason=scrub(f"{type(exc).__name__}: {exc}")),
              t("error.unexpected.remedy"))
    sys.exit(0)


def _is_usage_error(exc: Exception) -> bool:
    # Typer bundles its own click; its usage errors are recognised by shape, not by a
    # private import path.
    return callable(getattr(exc, "show", None)) and isinstance(getattr(exc, "exit_code", None), int)


def _fail(cause: str, remedy: str | None) -> None:
    print(cause, file=sys.stderr)
    if remedy:
        print(remedy, file=sys.stderr)
    sys.exit(1)
