"""A bare `tui550` opens the app without Typer; its options mean what Typer's would (that it
never loads Typer: processes/test_import_hygiene.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui550.cli.main import GLOBAL_OPTIONS, bare_options


def test_the_table_matches_the_typer_callback() -> None:
    import typer.core
    import typer.main

    from tui550.cli.parser import build_app

    command = typer.main.get_command(build_app())
    options = [p for p in command.params if isinstance(p, typer.core.TyperOption)]
    assert len(options) == len(command.params)  # the callback takes options only
    typer_options = {
        opt: (p.name, not p.is_flag, p.envvar) for p in options if p.name != "version" for opt in p.opts
    }
    assert typer_options == GLOBAL_OPTIONS


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], {}),
        (["--db", "x.sqlite"], {"db": "x.sqlite"}),
        (["--db=x.sqlite", "--lang", "en", "--debug"], {"db": "x.sqlite", "lang": "en", "debug": True}),
        (["--events", "e.jsonl", "--config=c.toml"], {"events": Path("e.jsonl"), "config": Path("c.toml")}),
        (["--lang", "zh", "--lang", "en"], {"lang": "en"}),  # the last one wins, as in click
    ],
)
def test_bare_command_lines(
    args: list[str], expected: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TUI550_DB", raising=False)
    monkeypatch.delenv("TUI550_SCRIPT", raising=False)
    defaults = {"db": None, "lang": None, "config": None, "events": None, "debug": False, "script": None}
    assert bare_options(args) == defaults | expected


def test_environment_fills_what_the_line_leaves_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUI550_DB", "env.sqlite")
    monkeypatch.setenv("TUI550_SCRIPT", "s.jsonl")
    got = bare_options([])
    assert got is not None and got["db"] == "env.sqlite" and got["script"] == Path("s.jsonl")
    got = bare_options(["--db", "line.sqlite"])
    assert got is not None and got["db"] == "line.sqlite"


@pytest.mark.parametrize(
    "args",
    [
        ["meetings"],
        ["--db", "x", "demo"],
        ["--help"],
        ["-h"],
        ["--version"],
        ["--db"],
        ["--db", "--debug"],
        ["--db="],
        ["--debug=1"],
        ["--bogus"],
        ["-x"],
        ["--lang", "en", "extra"],
    ],
)
def test_anything_else_goes_to_typer(args: list[str]) -> None:
    assert bare_options(args) is None


@given(
    st.lists(
        st.sampled_from([*GLOBAL_OPTIONS, "x", "-", "--", "=", "--db=y", "demo", "--help", ""]), max_size=6
    )
)
def test_bare_options_never_fail(args: list[str]) -> None:
    got = bare_options(args)
    assert got is None or set(got) == {spec[0] for spec in GLOBAL_OPTIONS.values()}
