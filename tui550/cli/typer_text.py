"""Typer's own words (help headings, "Show this message and exit.", usage errors) in the
interface language.

Typer writes them as fixed English text, so they are put into our language where they
are written: the help formatter of every command's context, and the usage error that
`tui550.cli.main` shows. Each phrase is a string key (`typer.*`) like any other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from tui550.cli.out import echo
from tui550.i18n import t

# Phrases inside help rows; the key's text replaces the English.
_IN_ROWS = {
    "Show this message and exit.": "typer.help_option",
    "[required]": "typer.required",
    "[default: ": "typer.default",
    "[env var: ": "typer.env_var",
}
_IN_USAGE = {"[OPTIONS]": "typer.options_metavar", "COMMAND [ARGS]...": "typer.command_metavar"}
_HEADINGS = {"Options": "typer.options", "Arguments": "typer.arguments", "Commands": "typer.commands"}

# Usage errors, English pattern → key; named groups become the key's arguments.
_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), key)
    for pattern, key in (
        (r"No such option: (?P<name>\S+)(?: Did you mean (?P<hint>\S+)\?)?$", "typer.no_such_option"),
        # Click names one close command, or several ('meeting', 'meetings').
        (
            r"No such command '(?P<name>[^']*)'\.(?: Did you mean (?P<hint>'[^']*'(?:, '[^']*')*)\?)?$",
            "typer.no_such_command",
        ),
        (r"Missing command\.$", "typer.missing_command"),
        (r"Missing argument '(?P<name>.*)'\.$", "typer.missing_argument"),
        (r"Missing option '(?P<name>.*)'\.$", "typer.missing_option"),
        (r"Option '(?P<name>.*)' requires an argument\.$", "typer.needs_value"),
        (r"Got unexpected extra arguments? \((?P<name>.*)\)$", "typer.extra_arguments"),
        (r"Invalid value for (?P<name>.*?): (?P<reason>.*)$", "typer.invalid_value"),
    )
)


def _phrases(text: str) -> str:
    for english, key in _IN_ROWS.items():
        if english in text:
            text = text.replace(english, t(key))
    return text


def localise(command: Any) -> Any:
    """Give ``command`` and every subcommand a context whose help is in our language."""
    context = localised_context(type(command).context_class)

    def walk(cmd: Any) -> None:
        cmd.context_class = context
        for sub in getattr(cmd, "commands", {}).values():
            walk(sub)

    walk(command)
    return command


def localised_context(base_context: Any) -> Any:
    """``base_context`` with a help formatter that writes in our language."""
    base_formatter = base_context.formatter_class

    class Formatter(base_formatter):  # type: ignore[misc, valid-type]
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            for english, key in _IN_USAGE.items():
                args = args.replace(english, t(key))
            super().write_usage(prog, args, t("typer.usage") if prefix is None else prefix)

        def write_heading(self, heading: str) -> None:
            self.write(f"{'':>{self.current_indent}}{heading}{t('typer.heading_end')}\n")

        def write_dl(self, rows: Sequence[tuple[str, str]], *a: Any, **k: Any) -> None:
            super().write_dl([(term, _phrases(text)) for term, text in rows], *a, **k)

        @contextmanager
        def section(self, name: str) -> Iterator[None]:
            with super().section(t(_HEADINGS[name]) if name in _HEADINGS else name):
                yield

    class Context(base_context):
        formatter_class = Formatter

    return Context


def usage_error_text(message: str) -> str:
    for pattern, key in _ERRORS:
        if m := pattern.match(message):
            args = {k: v or "" for k, v in m.groupdict().items()}
            if args.get("hint"):
                names = re.findall(r"'([^']*)'", args["hint"]) or [args["hint"]]
                args["hint"] = t("typer.did_you_mean", name=", ".join(names))
            return t(key, **args)
    return message


def show_usage_error(exc: Any) -> None:
    """A usage error as Typer shows it (usage line, a hint, the error), in our language;
    what the user typed is quoted in it, so it is shown, never sent (`cli.out.echo`)."""
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        echo(ctx.get_usage(), err=True)
        if ctx.command.get_help_option(ctx) is not None:
            echo(t("typer.try_help", command=f"{ctx.command_path} {ctx.help_option_names[0]}"), err=True)
        echo(err=True)
    echo(t("typer.error", message=usage_error_text(exc.format_message())), err=True)
