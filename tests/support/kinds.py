"""What the tests of a folder may not do: a test put in the wrong folder fails, naming the
one it belongs in (CONTRIBUTING.md, "Where a test goes")."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from typing import Any

import pytest


def belongs_in(what: str, folder: str) -> Callable[..., Any]:
    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError(f"this test {what}: it belongs in tests/{folder}/")

    return refuse


def refuse_programs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Starting any program (a child tui550, LibreOffice, `python -c`) fails the test."""
    monkeypatch.setattr(subprocess.Popen, "__init__", belongs_in("starts a program", "processes"))
