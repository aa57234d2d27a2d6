"""Unit tests run the code in the test's own process: neither another program nor the
Textual app."""

from __future__ import annotations

import pytest
from textual.app import App

from tests.support.kinds import belongs_in, refuse_programs


@pytest.fixture(autouse=True)
def _in_this_process_only(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_programs(monkeypatch)
    monkeypatch.setattr(App, "run_test", belongs_in("runs the app under Pilot", "screens"))
    monkeypatch.setattr(App, "run", belongs_in("runs the app", "screens"))
