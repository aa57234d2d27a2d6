"""Running the command line in the test's own process."""

from __future__ import annotations

import pytest

from tui550.cli.main import run


def call(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """`tui550 args`: its exit code, standard output and standard error."""
    with pytest.raises(SystemExit) as exit_info:
        run(args)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def messages(err: str) -> list[str]:
    """stderr without the progress lines that long work prints when it is not a terminal."""
    return [line for line in err.strip().splitlines() if not line.startswith("进度 · ")]
