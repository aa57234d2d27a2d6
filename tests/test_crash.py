"""kill -9 mid-meeting: the app runs in a real terminal (tmux), is killed, and reopened.

Every item the app reported saved (the --events log) must be in the database,
exactly once, and the half-typed line must come back from its draft.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def _wait(condition, timeout: float = 60.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


class Terminal:
    def __init__(self, tmp: Path, db: Path, events: Path) -> None:
        self.name = f"t550-{uuid.uuid4().hex[:8]}"
        self.env = {**os.environ, "TUI550_HOME": str(tmp / "home"), "TERM": "xterm-256color"}
        self.cmd = [sys.executable, "-m", "tui550", "--db", str(db), "--events", str(events), "demo"]
        self.events = events

    def start(self) -> None:
        subprocess.run(["tmux", "-L", self.name, "new-session", "-d", "-s", "m", "-x", "120", "-y", "36",
                        " ".join(map(_quote, self.cmd))], env=self.env, check=True)

    def keys(self, *keys: str, literal: bool = False) -> None:
        args = ["tmux", "-L", self.name, "send-keys", "-t", "m"] + (["-l"] if literal else [])
        subprocess.run([*args, *keys], check=True)

    def screen(self) -> str:
        return subprocess.run(["tmux", "-L", self.name, "capture-pane", "-p", "-t", "m"],
                              capture_output=True, text=True).stdout

    def pid(self) -> int:
        out = subprocess.run(["tmux", "-L", self.name, "list-panes", "-t", "m", "-F", "#{pane_pid}"],
                             capture_output=True, text=True).stdout.strip()
        return int(out)

    def records(self) -> list[dict]:
        if not self.events.exists():
            return []
        lines = self.events.read_text(encoding="utf-8").splitlines()
        out = []
        for line in lines:
            with contextlib.suppress(json.JSONDecodeError):  # the kill may cut the last line
                out.append(json.loads(line))
        return out

    def kill(self) -> None:
        try:
            pid = self.pid()
        except ValueError:
            return  # already gone
        # The pane runs the app itself (exec'd by the shell) or a shell around it.
        for child in [*_children(pid), pid]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGKILL)
        subprocess.run(["tmux", "-L", self.name, "kill-server"], check=False)


def _quote(part: str) -> str:
    return "'" + part.replace("'", "'\\''") + "'"


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    pids = [int(p) for p in out.split()]
    return [c for p in pids for c in _children(p)] + pids


def test_kill_9_loses_nothing_confirmed_and_restores_the_draft(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite"
    events = tmp_path / "events.jsonl"
    term = Terminal(tmp_path, db, events)
    term.start()
    try:
        _wait(lambda: any(r["event"] == "project_shown" for r in term.records()), what="first paint")
        term.keys("PageDown")
        texts = [f"第{n}条记录 @民主街道 ^7月底" for n in range(1, 6)]
        for n, text in enumerate(texts, start=1):
            term.keys(text, literal=True)
            term.keys("Enter")
            _wait(lambda n=n: len([r for r in term.records() if r["event"] == "item_saved"]) >= n,
                  what=f"item {n} saved")
        term.keys("写了一半的话", literal=True)
        _wait(lambda: _draft(db) == "写了一半的话", what="draft saved")
        term.kill()
        saved_ids = {r["id"] for r in term.records() if r["event"] == "item_saved"}
        assert len(saved_ids) == 5
        con = sqlite3.connect(db)
        assert con.execute("pragma integrity_check").fetchone() == ("ok",)
        rows = con.execute("select id, text from item where text like '第%条记录'").fetchall()
        con.close()
        assert sorted(r[1] for r in rows) == sorted(t.split(" @")[0] for t in texts)
        assert {uuid.UUID(r[0]) for r in rows} == {uuid.UUID(i) for i in saved_ids}

        again = Terminal(tmp_path, db, tmp_path / "events2.jsonl")
        again.start()
        try:
            expected = ("写了一半的话", "第5条记录", "第 1 / 30 项")
            _wait(lambda: all(part in again.screen() for part in expected),
                  what="the same project, its items and the draft on screen")
        finally:
            again.kill()
    finally:
        term.kill()


def _draft(db: Path) -> str | None:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            row = con.execute("select text from draft").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None
