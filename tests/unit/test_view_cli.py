"""`tui550 view` and `tui550 serve` on the command line: meetings, addresses, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import call
from tests.support.demo import DEMO_DAY
from tui550.cli.view import choose_meeting, is_loopback
from tui550.core.db import Database
from tui550.core.store import meetings

pytestmark = pytest.mark.sqlite_only


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
    # Nothing in progress: the latest meeting held (the earlier one; today's is only prepared).
    held = next(m for m in listed if m.date != DEMO_DAY)
    assert choose_meeting(demo_db, None) == (held.id, True)
    meetings.start_meeting(demo_db, today.id)
    assert choose_meeting(demo_db, None) == (today.id, True)
    earlier = min(listed, key=lambda m: m.date)
    assert choose_meeting(demo_db, earlier.date.isoformat()) == (earlier.id, False)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),
        ("192.168.1.20", False),
        ("::", False),
        ("example.lan", False),
    ],
)
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_serve_needs_a_token_off_loopback_and_passes_the_database_by_environment(
    demo_db: Database, db_path: Path, monkeypatch, capsys
) -> None:
    from tui550.app import web

    started: list[web.Hall] = []
    monkeypatch.setattr(web.Hall, "serve", lambda self: started.append(self))
    monkeypatch.delenv("TUI550_DB", raising=False)
    code, _, err = call(["--db", str(db_path), "serve", "--host", "0.0.0.0", "--port", "8600"], capsys)
    hall = started[-1]
    assert code == 0 and "0.0.0.0" in err
    assert (hall.config.host, hall.config.port, hall.config.size) == ("0.0.0.0", 8600, (120, 36))
    token = hall.config.policy.token
    assert token and len(token) >= 16 and hall.urls()[0] == f"http://0.0.0.0:8600/?token={token}"
    # The view gets the database through its environment, never its command line.
    assert hall.wall.env["TUI550_DB"].endswith(db_path.name)
    assert not any(db_path.name in arg for arg in hall.wall.argv)
    assert "TUI550_DB" not in __import__("os").environ
    code, _, err = call(["--db", str(db_path), "serve", "--token", "hall-token-1"], capsys)
    assert code == 0 and err == "" and started[-1].config.policy.token == "hall-token-1"
    code, _, err = call(["--db", str(db_path), "serve"], capsys)
    assert code == 0 and started[-1].config.policy.token is None  # loopback: no token unless asked
    assert started[-1].urls() == ["http://127.0.0.1:8550/"]


@pytest.mark.parametrize(
    "args",
    [
        ["--token", "short"],
        ["--token", "has space in it"],
        ["--token", "a/b?c=dddddd"],
        ["--allow-origin", "https://wall.lan/path"],
        ["--allow-origin", "wall.lan"],
        ["--size", "10000x10000"],
        ["--max-viewers", "0"],
        ["--max-viewers", "999999"],
    ],
)
def test_bad_serve_options_are_two_line_refusals(db_path: Path, capsys, args: list[str]) -> None:
    code, _, err = call(["--db", str(db_path), "serve", *args], capsys)
    assert code == 1 and len(err.strip().splitlines()) == 2 and "Traceback" not in err
