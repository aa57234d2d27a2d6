"""kill -9 mid-meeting: the app is killed and reopened, again and again.

Every item the app reported saved (the --events log) must be in the database,
exactly once, the database must pass `PRAGMA integrity_check`, and the
half-typed line must come back from its draft. One test types real keys in tmux;
the kill loop drives captures through the scripted input (`--script`, the same
`submit_line` that Enter calls) in a pseudo-terminal, because it must be fast
enough for hundreds of kills. Set TUI550_KILLS to change the slow run's count.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.processes.harness import AppProcess, DbCheck, wait_for, write_script

_wait = wait_for
needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Terminal:
    def __init__(self, tmp: Path, db: Path, events: Path) -> None:
        self.name = f"t550-{uuid.uuid4().hex[:8]}"
        self.env = {**os.environ, "TUI550_HOME": str(tmp / "home"), "TERM": "xterm-256color"}
        self.cmd = [sys.executable, "-m", "tui550", "--db", str(db), "--events", str(events), "demo"]
        self.events = events

    def start(self) -> None:
        subprocess.run(
            [
                "tmux",
                "-L",
                self.name,
                "new-session",
                "-d",
                "-s",
                "m",
                "-x",
                "120",
                "-y",
                "36",
                " ".join(map(_quote, self.cmd)),
            ],
            env=self.env,
            check=True,
        )

    def keys(self, *keys: str, literal: bool = False) -> None:
        args = ["tmux", "-L", self.name, "send-keys", "-t", "m"] + (["-l"] if literal else [])
        subprocess.run([*args, *keys], check=True)

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "-L", self.name, "capture-pane", "-p", "-t", "m"], capture_output=True, text=True
        ).stdout

    def pid(self) -> int:
        out = subprocess.run(
            ["tmux", "-L", self.name, "list-panes", "-t", "m", "-F", "#{pane_pid}"],
            capture_output=True,
            text=True,
        ).stdout.strip()
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


@needs_tmux
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

            def saved(n: int = n) -> bool:
                return len([r for r in term.records() if r["event"] == "item_saved"]) >= n

            _wait(saved, what=f"item {n} saved")
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
            try:
                _wait(
                    lambda: all(part in again.screen() for part in expected),
                    what="the same project, its items and the draft on screen",
                )
            except AssertionError as exc:
                raise AssertionError(f"{exc}; the screen showed:\n{again.screen()}") from None
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


# --- the kill loop ---------------------------------------------------------------------

TEMPLATES = (
    "崩溃{k:03d}-{n:02d} 现场记录",
    "d:崩溃{k:03d}-{n:02d} 落实整改 @民主街道 ^7月底",
    "p:崩溃{k:03d}-{n:02d} 主体施工",
    "i:崩溃{k:03d}-{n:02d} 资金缺口 @区财政局 ^8月15日",
)
MARK = "崩溃%"


def crash_script(rng: random.Random, k: int, items: int) -> list[dict[str, object]]:
    """Captures, half-typed lines, page turns and pauses, in a random order."""
    commands: list[dict[str, object]] = []
    for n in range(items):
        roll = rng.random()
        if roll < 0.15:
            commands.append({"type": f"草稿{k:03d}-{n:02d} 还没说完"})
        elif roll < 0.2:
            commands.append({"action": rng.choice(("next_project", "previous_project"))})
        elif roll < 0.25:
            commands.append({"pause": rng.uniform(0.05, 0.6)})  # long enough for a draft to save
        commands.append({"submit": rng.choice(TEMPLATES).format(k=k, n=n)})
    commands.append({"type": f"草稿{k:03d}-末 还没说完"})
    return commands


@dataclass
class KillStats:
    kills: int = 0
    reported: int = 0
    lost: int = 0
    duplicates: int = 0
    drafts_restored: int = 0
    drafts_checked: int = 0
    mid_script: int = 0
    drafts_nonempty: int = 0

    def line(self) -> str:
        return (
            f"kills={self.kills} reported_saved={self.reported} lost={self.lost} "
            f"duplicates={self.duplicates} drafts_restored={self.drafts_restored}/"
            f"{self.drafts_checked} nonempty_drafts_at_kill={self.drafts_nonempty} "
            f"killed_mid_script={self.mid_script}"
        )


def kill_loop(tmp: Path, kills: int, seed: int = 550) -> KillStats:
    rng = random.Random(seed)
    db = tmp / "crash.sqlite"
    check = DbCheck(db)
    stats = KillStats()
    draft_at_kill: str | None = None
    reported: set[str] = set()
    for k in range(kills):
        commands = crash_script(rng, k, rng.randint(5, 40))
        script = write_script(tmp / f"script-{k}.jsonl", commands)
        submits = sum("submit" in c for c in commands)
        app = AppProcess(tmp / "home", db, tmp / f"events-{k}.jsonl", script=script)
        with app:
            opened = app.wait_event("meeting_opened")[0]
            if draft_at_kill is not None:
                stats.drafts_checked += 1
                assert opened["draft"] == draft_at_kill, f"run {k}: the draft did not come back"
                stats.drafts_restored += 1
            # The random point: right after a random save is reported (so the kill lands amid
            # writes however slow the machine), or at a random time, up to well after the last.
            if k % 2 == 0:
                app.wait_event("item_saved", count=rng.randint(1, submits))
            else:
                time.sleep(rng.uniform(0, 1.2))
            done = bool(app.records("script_done"))
        stats.kills += 1
        stats.mid_script += not done
        reported |= app.saved_ids()
        assert check.integrity() == "ok", f"run {k}: integrity check failed"
        missing = reported - check.item_ids()
        stats.lost += len(missing)
        stats.duplicates += sum(n - 1 for _, n in check.duplicate_texts(MARK))
        assert not missing, f"run {k}: reported saved but not in the database: {missing}"
        assert stats.duplicates == 0, f"run {k}: {check.duplicate_texts(MARK)}"
        draft_at_kill = check.draft()
        stats.drafts_nonempty += bool(draft_at_kill)
        # A saved line never comes back as a draft, where one more Enter would save it twice.
        if draft_at_kill.startswith(("崩溃", "d:崩溃", "p:崩溃", "i:崩溃")):
            marker = draft_at_kill.split(":")[-1].split()[0]
            assert not check.texts_like(f"{marker}%"), f"run {k}: saved line restored as draft"
    stats.reported = len(reported)
    return stats


def test_kill_loop_few(tmp_path: Path) -> None:
    stats = kill_loop(tmp_path, kills=int(os.environ.get("TUI550_KILLS_CI", "4")))
    print("\n" + stats.line())
    assert stats.lost == 0 and stats.duplicates == 0 and stats.reported > 0


@pytest.mark.slow
def test_kill_loop_full(tmp_path: Path) -> None:
    stats = kill_loop(tmp_path, kills=int(os.environ.get("TUI550_KILLS", "200")), seed=20260720)
    print("\n" + stats.line())
    assert stats.kills >= 200 or "TUI550_KILLS" in os.environ
    assert stats.lost == 0 and stats.duplicates == 0 and stats.mid_script > 0
