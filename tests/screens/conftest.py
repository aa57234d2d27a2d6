"""Screen tests run the Textual app in the test's own process, and no other program."""

from __future__ import annotations

import pytest

from tests.support.kinds import refuse_programs


@pytest.fixture(autouse=True)
def _no_other_program(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_programs(monkeypatch)
