"""The benchmark's app measurements: start-up, capture, project switch, memory, exports.

All of them run on a copy of the generated district (`prepare`) in which the
latest meeting is in progress and its second agenda project carries 1,000 open
items from earlier meetings, so the app opens straight onto the meeting screen
and the switch to that project is the expensive one.

- Start-up: `python -m tui550` as a subprocess with Textual's headless driver,
  from spawn to the meeting screen's first paint (the `project_shown` event of
  `--events`, written after the refresh), against a bare Textual app that
  imports SQLModel, opens the same file, reads one row and paints it
  (`bench/baseline_app.py`), measured alternately in the same run. The package's
  bytecode is compiled first, as an install does.
- Capture and switch: `bench/drive.py` in a subprocess runs the app headless,
  walks the agenda, switches into the heavy project and back, and captures
  items by Enter. Capture is the app's own time (`item_saved` paint_ms: Enter
  to committed to the frame that draws the new row), read from the event log.
  Switch is timed by the harness alone, from the key to the last frame it sets
  off (`drive.py` stamps Textual's frames), so that a layout which sets off
  another is counted; the app's `project_shown` event times something else
  (`drawn_ms`) and is not reported. The harness's frame time for captures is
  reported too, as a check.
- Memory: that process's own peak resident size (`bench/peak_memory.py`: not
  getrusage, which on Linux starts a child at this process's own peak).
"""

from __future__ import annotations

import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
HEAVY_ITEMS = 1000
HEADLESS = "textual.drivers.headless_driver:HeadlessDriver"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        TEXTUAL_DRIVER=HEADLESS,
        TUI550_HOME=str(home),
        TUI550_LANG="zh",
        TUI550_USER="bench",
        PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
    )
    for name in ("TUI550_DB", "TEXTUAL"):
        env.pop(name, None)
    return env


def prepare(source: Path, folder: Path) -> tuple[Path, uuid.UUID]:
    """Copy the district and make its latest meeting the one in progress."""
    from sqlalchemy import insert

    from tui550.core.db import backup_sqlite, open_database
    from tui550.core.models import Item, table_of
    from tui550.core.store import meetings

    work = folder / "work.sqlite"
    backup_sqlite(source, work)
    db = open_database(str(work), who="bench", upgrade=False)
    try:
        listed = sorted(meetings.list_meetings(db), key=lambda m: m.date)
        latest, earlier = listed[-1], listed[:-1] or listed
        agenda = meetings.agenda(db, latest.id)
        heavy = agenda[1 if len(agenda) > 1 else 0].project.id
        now = datetime(2026, 1, 1, tzinfo=UTC)
        rows = []
        for n in range(HEAVY_ITEMS):
            when = earlier[n % len(earlier)]
            due = when.date + timedelta(days=7 + n % 60)
            rows.append(
                {
                    "id": uuid.uuid4(),
                    "meeting_id": when.id,
                    "project_id": heavy,
                    "kind": "issue",
                    "tag": None,
                    "text": f"遗留问题第{n + 1}项：土地手续和拆迁安置资金尚未落实",
                    "category": "土地",
                    "steps": None,
                    "lead_unit_id": None,
                    "due": due,
                    "original_due": due,
                    "actual": None,
                    "status": "open",
                    "created_by": "bench",
                    "extensions": 0,
                    "escalation": 0,
                    "closed_at": None,
                    "closed_by": None,
                    "closed_note": None,
                    "created_at": now + timedelta(seconds=n),
                    "updated_at": now,
                    "version": 1,
                    "deleted_at": None,
                }
            )
        with db.writer.begin() as conn:
            conn.execute(insert(table_of(Item)), rows)
        meetings.start_meeting(db, latest.id)
        meetings.set_position(db, latest.id, 1)
    finally:
        db.close()
    return work, latest.id


def _first_event(path: Path, name: str, proc: subprocess.Popen[bytes], timeout: float = 120.0) -> float:
    """The time stamp of the first `name` event the child writes (polled: the child is
    another process, and this is a harness, not a test)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    continue  # a line being written
                if record.get("event") == name:
                    return float(record["t"])
        if proc.poll() is not None and not path.exists():
            raise RuntimeError(f"child exited with {proc.returncode} before {name}")
        time.sleep(0.005)
    raise TimeoutError(f"no {name} event within {timeout} s")


def _time_child(args: list[str], events: Path, name: str, env: dict[str, str]) -> float:
    events.unlink(missing_ok=True)
    started = time.time()
    proc = subprocess.Popen(
        args,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=str(events.parent),
    )
    try:
        painted = _first_event(events, name, proc)
    finally:
        if proc.poll() is None:
            proc.kill()
        _, err = proc.communicate()
    if painted < started:
        raise RuntimeError(err.decode(errors="replace"))
    return painted - started


def measure_startup(work: Path, folder: Path, rounds: int) -> dict[str, Any]:
    # An installed tui550 has its bytecode written at install time; this checkout may run
    # under PYTHONDONTWRITEBYTECODE, which would compile every module on every start.
    compileall.compile_dir(str(ROOT / "tui550"), quiet=1)
    home = folder / "start-home"
    # Every start backs the district up once its first frame is out (500 MB here). Killed
    # right after that frame, each round would leave the next rounds writing it back to
    # disk behind their timings: a user starts once, so the rounds start with it off.
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "settings.toml").write_text("backups_keep = 0\n", encoding="utf-8")
    env = child_env(home)
    app_args = [sys.executable, "-m", "tui550", "--db", str(work), "--events", str(folder / "start.jsonl")]
    base_args = [sys.executable, str(HERE / "baseline_app.py"), str(work), str(folder / "base.jsonl")]
    app, base = [], []
    # One untimed run of each warms the file cache and the bytecode caches.
    for k in range(rounds + 1):
        a = _time_child(app_args, folder / "start.jsonl", "project_shown", env)
        b = _time_child(base_args, folder / "base.jsonl", "painted", env)
        if k:
            app.append(a)
            base.append(b)
    app_s, base_s = statistics.median(app), statistics.median(base)
    return {
        "startup_ratio": round(app_s / base_s, 3),
        "startup_s": round(app_s, 3),
        "baseline_s": round(base_s, 3),
        "startup_s_p99": round(percentile(app, 0.99), 3),
    }


def run_drive(
    work: Path, meeting_id: uuid.UUID, folder: Path, *, captures: int, switches: int
) -> dict[str, Any]:
    events = folder / "drive.jsonl"
    events.unlink(missing_ok=True)
    out = subprocess.run(
        [
            sys.executable,
            str(HERE / "drive.py"),
            str(work),
            str(meeting_id),
            str(events),
            "--captures",
            str(captures),
            "--switches",
            str(switches),
        ],
        env=child_env(folder / "home"),
        capture_output=True,
        check=False,
        timeout=1800,
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr.decode(errors="replace")[-3000:])
    report = json.loads(out.stdout.decode().strip().splitlines()[-1])
    if not report["collector_on"]:
        raise RuntimeError("the cycle collector was still off at the end of the drive")
    records = [json.loads(line) for line in events.read_text(encoding="utf-8").splitlines()]
    paint = [r["paint_ms"] for r in records if r["event"] == "item_saved"]
    commit = [r["commit_ms"] for r in records if r["event"] == "item_saved"]
    switch_frames = [ms for ms in report["switch_frames_ms"] if ms is not None]
    capture_frames = [ms for ms in report["capture_frames_ms"] if ms is not None]
    return {
        "capture_ms_p50": round(statistics.median(paint), 2),
        "capture_ms_p99": round(percentile(paint, 0.99), 2),
        "capture_commit_ms_p99": round(percentile(commit, 0.99), 2),
        "capture_frames_ms_p50": round(statistics.median(capture_frames), 2),
        "capture_frames_ms_p99": round(percentile(capture_frames, 0.99), 2),
        "switch_ms_p50": round(statistics.median(switch_frames), 2),
        "switch_ms_p99": round(percentile(switch_frames, 0.99), 2),
        "rss_mb": round(report["peak_kb"] / 1024, 1),
        "_counts": {
            "captures": len(paint),
            "switches": len(switch_frames),
            "carried_shown": report["carried_shown"],
        },
    }


def measure_exports(work: Path, folder: Path, rounds: int) -> tuple[dict[str, Any], str | None]:
    """A 60-project meeting with 1,500 items, exported to each format; None where the
    exporters are not part of this checkout yet."""
    keys = {"docx": "export_docx_s", "xlsx": "export_xlsx_s", "md": "export_md_s"}
    try:
        from tui550.core import exporting
    except ImportError:
        return dict.fromkeys(keys.values()), "tui550.core.exporting is not in this checkout"
    from tui550.core.db import open_database

    db = open_database(str(work), who="bench", upgrade=False)
    try:
        meeting_id = _export_meeting(db)
        out: dict[str, Any] = {}
        for fmt, key in keys.items():
            times = []
            for _ in range(max(1, rounds)):
                target = folder / f"export.{fmt}"
                started = time.perf_counter()
                exporting.export_meeting(db, meeting_id, fmt, target, force=True)
                times.append(time.perf_counter() - started)
            out[key] = round(statistics.median(times), 3)
    finally:
        db.close()
    return out, None


def _export_meeting(db: Any) -> uuid.UUID:
    from tui550.core.domain import Kind
    from tui550.core.store import items, meetings, projects

    chosen = projects.list_projects(db)[:60]
    meeting = meetings.create_meeting(
        db, "解放区“550”重点项目调度会（导出测试）", date(2026, 7, 27), project_ids=[p.id for p in chosen]
    )
    kinds = (Kind.MINUTE, Kind.DECISION, Kind.ISSUE, Kind.DEADLINE)
    for n in range(1500):
        project = chosen[n % len(chosen)]
        kind = kinds[n % 4]
        items.capture(
            db,
            meeting_id=meeting.id,
            project_id=project.id,
            kind=kind,
            text=f"第{n + 1}条：协调解决拆迁安置和土地手续问题，确保按期推进",
            lead_unit_id=project.lead_unit.id if project.lead_unit and kind is not Kind.MINUTE else None,
            due=date(2026, 8, 1) + timedelta(days=n % 40) if kind is not Kind.MINUTE else None,
        )
    return meeting.id


def scratch(base: Path) -> Path:
    base.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="run-", dir=base))


def cleanup(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
