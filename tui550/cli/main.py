"""`tui550`: global options, the command modules, and the exit-code contract.

Exit codes: 0 success, 1 user error (two lines on stderr: cause, remedy), 2 usage.
The language of help and messages is decided before Typer parses, from
`--lang`, TUI550_LANG, the settings file, then the locale.

A bare `tui550` (global options only, the way a meeting is opened) does not load Typer:
importing it, importing every command module and turning them into click commands
was a noticeable share of the start. `bare_options` reads that simple form; anything
else (a command, help, a missing value, an unknown option) goes to Typer as before, and
a test keeps `GLOBAL_OPTIONS` equal to the Typer callback's options.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from tui550.cli.context import global_context
from tui550.cli.opening import open_default
from tui550.core import cycle_collector
from tui550.core.errors import UserError
from tui550.core.secrets import scrub
from tui550.core.settings import load_settings
from tui550.core.text import printable
from tui550.i18n import set_language, t


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


# The options of `tui550` itself: (parameter, takes a value, environment variable).
GLOBAL_OPTIONS: dict[str, tuple[str, bool, str | None]] = {
    "--db": ("db", True, "TUI550_DB"),
    "--lang": ("lang", True, None),
    "--config": ("config", True, None),
    "--events": ("events", True, None),
    "--debug": ("debug", False, None),
    "--script": ("script", True, "TUI550_SCRIPT"),
}
PATH_OPTIONS = ("config", "events", "script")


def bare_options(args: list[str]) -> dict[str, Any] | None:
    """The options of a bare `tui550 [--db X] [--lang L] ...`, as the Typer callback gets
    them; None for anything else, which Typer then parses (and reports, if wrong)."""
    found: dict[str, Any] = {}
    rest = list(args)
    while rest:
        name, eq, value = rest.pop(0).partition("=")
        spec = GLOBAL_OPTIONS.get(name)
        if spec is None:
            return None
        key, takes_value, _ = spec
        if not takes_value:
            if eq:
                return None
            found[key] = True
            continue
        if not eq:
            if not rest or rest[0].startswith("-"):
                return None
            value = rest.pop(0)
        if not value:
            return None
        found[key] = value
    for key, takes_value, envvar in GLOBAL_OPTIONS.values():
        if key not in found:
            found[key] = (os.environ.get(envvar) or None) if envvar else (None if takes_value else False)
    for key in PATH_OPTIONS:
        if found[key] is not None:
            found[key] = Path(found[key])
    return found


def global_options_first(args: list[str]) -> list[str]:
    """`tui550 meetings --db X` as `tui550 --db X meetings`: global options may follow the
    command. Click only knows them before it, so they are moved there (with their values);
    everything after a bare `--` is left as typed."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest += args[i:]
            break
        name, eq, _ = arg.partition("=")
        spec = GLOBAL_OPTIONS.get(name)
        if spec is not None and spec[1] and not eq and i + 1 < len(args) and args[i + 1] != "--":
            front += args[i : i + 2]
            i += 2
            continue
        (front if spec is not None else rest).append(arg)
        i += 1
    return front + rest


def run(argv: list[str] | None = None) -> None:
    cycle_collector.hold_for_start_up()
    try:
        _run(argv)
    finally:
        cycle_collector.process_ends()


def _run(argv: list[str] | None) -> None:
    args = global_options_first(list(sys.argv[1:] if argv is None else argv))
    lang, _ = _early_language(args)
    set_language(lang)
    debug = "--debug" in args
    try:
        options = bare_options(args)
        if options is None:
            _run_typer(args)
        else:
            open_default(global_context(**options))
    except UserError as exc:
        if debug:
            raise
        _fail(scrub(exc.message()), exc.remedy_text())
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        if _is_usage_error(exc):
            from tui550.cli.typer_text import show_usage_error

            show_usage_error(exc)
            sys.exit(exc.exit_code)  # type: ignore[attr-defined]
        if debug or os.environ.get("TUI550_DEBUG"):
            raise
        _fail(
            t("error.unexpected", reason=scrub(f"{type(exc).__name__}: {exc}")), t("error.unexpected.remedy")
        )
    sys.exit(0)


def _run_typer(args: list[str]) -> None:
    from tui550.cli.parser import run_typer

    run_typer(args)


def _is_usage_error(exc: Exception) -> bool:
    # Typer bundles its own click; its usage errors are recognised by shape, not by a
    # private import path.
    return callable(getattr(exc, "show", None)) and isinstance(getattr(exc, "exit_code", None), int)


def _fail(cause: str, remedy: str | None) -> None:
    # A message may quote stored text (a unit's name, a file's): shown, never sent.
    print(printable(cause), file=sys.stderr)
    if remedy:
        print(printable(remedy), file=sys.stderr)
    sys.exit(1)
