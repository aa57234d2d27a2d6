"""`tui550 view` and `tui550 serve` on the command line: meetings, addresses, refusals."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from tests.conftest import DEMO_DAY
from tui550.cli.main import run
from tui550.cli.view import choose_meeting, is_loopback, view_command
from tui550.core.db import Database
from tui550.core.store import meetings


@pytest.fixture
def backend() -> str:
    return "sqlite"


def call(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        run(args)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def test_no_meeting_is_a_two_line_refusal(db_path: Path, capsys) -> None:
    for command in ("view", "serve"):
        code, _, err = call(["--db", str(db_path), command], capsys)
        assert code == 1 and len(err.strip().splitlines()) == 2 and "Traceback" not in err


def test_a_bad_port_is_refused(db_path: Path, capsys) -> None:
    code, _, err = call(["--db", str(db_path), "serve", "--port", "70000"], capsys)
    assert code == 1 and "70000" in err


def test_the_meeting_in_progress_comes_first_then_the_latest(demo_db: Database) -> None:
    listed = meetings.list_meetings(demo_db)
    today = next(m for m in listed if m.date == DEMO_DAY)
    latest = max(listed, key=lambda m: m.date)
    assert choose_meeting(demo_db, None) == (latest.id, True)
    meetings.start_meeting(demo_db, today.id)
    assert choose_meeting(demo_db, None) == (today.id, True)
    earlier = min(listed, key=lambda m: m.date)
    assert choose_meeting(demo_db, earlier.date.isoformat()) == (earlier.id, False)


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.0.0.2", True),
    ("0.0.0.0", False), ("192.168.1.20", False), ("::", False), ("example.lan", False),
])
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_the_served_command_is_the_view_and_never_holds_the_address(monkeypatch) -> None:
    from tui550.cli.context import Ctx
    from tui550.core.settings import Settings

    ctx = Ctx(settings=Settings(lang="zh"), db_arg="postgresql://u:s3cret@db.lan/x",
              events_path=None, debug=False)
    command = view_command(ctx, "2026-07-20; rm -rf ~")
    words = shlex.split(command)
    assert words[words.index("view") + 1] == "2026-07-20; rm -rf ~"  # one quoted argument
    assert "s3cret" not in command and "db.lan" not in command
    assert "serve" not in words


def test_serve_warns_off_loopback_and_passes_the_database_by_environment(
        demo_db: Database, db_path: Path, monkeypatch, capsys) -> None:
    from tui550.app import web

    started: list[tuple[str, str, int]] = []

    def fake_serve(self: web.ViewServer, debug: bool = False) -> None:
        started.append((self.command, self.host, self.port))

    monkeypatch.setattr(web.ViewServer, "serve", fake_serve)
    monkeypatch.delenv("TUI550_DB", raising=False)
    code, _, err = call(["--db", str(db_path), "serve", "--host", "0.0.0.0", "--port", "8600"], capsys)
    assert code == 0 and "0.0.0.0" in err
    assert started and started[0][1:] == ("0.0.0.0", 8600) and " view" in started[0][0]
    import os

    assert os.environ["TUI550_DB"].endswith(db_path.name)
    code, _, err = call(["--db", str(db_path), "serve"], capsys)
    assert code == 0 and err == "" and started[-1][1:] == ("127.0.0.1", 8550)
