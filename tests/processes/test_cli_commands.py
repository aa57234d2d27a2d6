"""The command table: `tui550 --help` lists it without building a command, and running one
imports its module alone."""

from __future__ import annotations

import json
import subprocess
import sys

import typer
import typer.main

from tui550.cli.parser import COMMANDS, build_app, module_commands
from tui550.i18n import t


def _modules_after(args: list[str]) -> tuple[str, set[str]]:
    code = (
        "import atexit, json, sys\n"
        "atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.stderr))\n"
        "from tui550.cli.main import run\n"
        f"run({args!r})\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    return out.stdout, set(json.loads(out.stderr.strip().splitlines()[-1]))


def test_the_table_names_what_each_module_registers() -> None:
    for module in {c.module for c in COMMANDS.values()}:
        scratch = typer.Typer()
        __import__(f"tui550.cli.{module}", fromlist=["register"]).register(scratch)
        registered = set(typer.main.get_group(scratch).commands)
        assert registered == {name for name, c in COMMANDS.items() if c.module == module}, module


def test_a_command_takes_its_help_from_the_table() -> None:
    commands = module_commands("export")
    assert set(commands) == {"export", "dump", "load"}
    assert commands["dump"].help == t(COMMANDS["dump"].help_key)


def test_the_help_lists_every_command_and_builds_none() -> None:
    out, loaded = _modules_after(["--lang", "en", "--help"])
    listed = [line.split()[0] for line in out.split("Commands:")[1].splitlines() if line.strip()]
    assert listed == list(COMMANDS)
    assert "Back up the database" in out
    command_modules = {f"tui550.cli.{c.module}" for c in COMMANDS.values()}
    assert loaded & command_modules == set()
    assert not {"sqlalchemy", "sqlmodel", "textual", "rich"} & loaded


def test_a_command_imports_its_own_module_only() -> None:
    out, loaded = _modules_after(["--lang", "en", "search", "--help"])
    assert out.startswith("Usage: tui550 search")
    command_modules = {f"tui550.cli.{c.module}" for c in COMMANDS.values()}
    assert loaded & command_modules == {"tui550.cli.search"}


def test_the_group_builds_a_command_when_it_is_looked_up() -> None:
    root = typer.main.get_command(build_app())
    assert isinstance(root, typer.core.TyperGroup)
    assert list(root.commands) == list(COMMANDS) and "item" in root.commands
    item = root.commands["item"]
    assert isinstance(item, typer.core.TyperGroup) and "attach" in item.commands
    assert "nope" not in root.commands and root.commands.get("nope") is None
