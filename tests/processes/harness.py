"""Run the real app as a subprocess in a pseudo-terminal, drive it, kill it.

`AppProcess` starts `python -m tui550 ...` on a pty (so Textual runs exactly as in
a terminal), optionally with a script of capture commands (`--script`, see
tui550.app.script) and an `--events` log that says what the app reported saved.
Tests wait on that log, never on the clock. `DbCheck` reads the database the
way an auditor would, with plain sqlite3.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pty
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support.paths import REPO


def wait_for(condition: Callable[[], Any], timeout: float = 60.0, what: str = "condition") -> Any:
    """Poll until `condition()` is truthy; the timeout only bounds a failing test."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def write_script(path: Path, commands: Iterable[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in commands), encoding="utf-8")
    return path


@dataclass
class AppProcess:
    home: Path
    db: Path
    events: Path
    script: Path | None = None
    command: tuple[str, ...] = ("demo",)
    size: tuple[int, int] = (120, 36)
    env: dict[str, str] = field(default_factory=dict)
    proc: subprocess.Popen[bytes] | None = field(default=None, init=False)
    _master: int = field(default=-1, init=False)
    _screen: bytearray = field(default_factory=bytearray, init=False)

    def start(self) -> AppProcess:
        master, slave = pty.openpty()
        cols, rows = self.size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        args = [sys.executable, "-m", "tui550", "--db", str(self.db), "--events", str(self.events)]
        if self.script is not None:
            args += ["--script", str(self.script)]
        env = {
            **os.environ,
            "TUI550_HOME": str(self.home),
            "TERM": "xterm-256color",
            "PYTHONPATH": str(REPO),
            **self.env,
        }
        self.proc = subprocess.Popen(
            [*args, *self.command],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self._master = master
        # The terminal's output must be read or the app blocks writing it.
        threading.Thread(target=self._drain, daemon=True).start()
        return self

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self._master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self._screen += chunk
            del self._screen[:-200_000]

    def output(self) -> str:
        return self._screen.decode("utf-8", "replace")

    def records(self, event: str | None = None) -> list[dict[str, Any]]:
        if not self.events.exists():
            return []
        out = []
        for line in self.events.read_text(encoding="utf-8").splitlines():
            with contextlib.suppress(json.JSONDecodeError):  # a kill can cut the last line
                record = json.loads(line)
                if event is None or record.get("event") == event:
                    out.append(record)
        return out

    def saved_ids(self) -> set[str]:
        return {r["id"] for r in self.records("item_saved")}

    def wait_event(self, event: str, count: int = 1, timeout: float = 60.0) -> list[dict[str, Any]]:
        def ready() -> list[dict[str, Any]] | None:
            self._check_alive()
            found = self.records(event)
            return found if len(found) >= count else None

        return wait_for(ready, timeout, what=f"{count} x {event}")

    def _check_alive(self) -> None:
        assert self.proc is not None
        if self.proc.poll() is not None:
            raise AssertionError(f"the app exited ({self.proc.returncode}):\n{self.output()[-3000:]}")

    def keys(self, data: bytes) -> None:
        os.write(self._master, data)

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=30)
        if self._master >= 0:
            with contextlib.suppress(OSError):
                os.close(self._master)
            self._master = -1

    def __enter__(self) -> AppProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.kill()


class DbCheck:
    """Read-only questions about a database file, asked with plain sqlite3."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _query(self, sql: str, *params: object) -> list[tuple[Any, ...]]:
        con = sqlite3.connect(self.path, timeout=30)
        try:
            return con.execute(sql, params).fetchall()
        finally:
            con.close()

    def integrity(self) -> str:
        return str(self._query("pragma integrity_check")[0][0])

    def item_ids(self) -> set[str]:
        import uuid

        return {str(uuid.UUID(r[0])) for r in self._query("select id from item")}

    def texts_like(self, pattern: str) -> list[str]:
        return [r[0] for r in self._query("select text from item where text like ?", pattern)]

    def duplicate_texts(self, pattern: str) -> list[tuple[str, int]]:
        return [
            (r[0], r[1])
            for r in self._query(
                "select text, count(*) from item where text like ? group by text having count(*) > 1", pattern
            )
        ]

    def draft(self) -> str:
        rows = self._query("select text from draft")
        return str(rows[0][0]) if rows else ""
