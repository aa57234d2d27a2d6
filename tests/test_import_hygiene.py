"""The core never imports Textual, and start-up never imports the heavy exporters."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from datetime import date

import tui550.core


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_core_never_imports_textual() -> None:
    names = [m.name for m in pkgutil.walk_packages(tui550.core.__path__, "tui550.core.")]
    assert "tui550.core.store.items" in names
    loaded = _modules_after("\n".join(f"import {n}" for n in names) + "\nimport tui550.i18n")
    assert not any(m == "textual" or m.startswith("textual.") for m in loaded)
    assert not any(m.startswith("tui550.app") for m in loaded)


def test_opening_a_database_does_not_import_exporters_or_alembic(tmp_path) -> None:
    path = tmp_path / "x.sqlite"
    code = f"from tui550.core.db import open_database; open_database({str(path)!r})"
    subprocess.run([sys.executable, "-c", code], check=True)  # creates and migrates
    loaded = _modules_after(code)  # reopens: the cheap path
    for heavy in ("openpyxl", "docx", "alembic", "textual"):
        assert heavy not in loaded, heavy


def test_the_parsers_and_the_orm_load_after_the_meetings_first_frame(tmp_path) -> None:
    """Compiling the deadline patterns, building the table classes (`core.models`) and
    setting up the ORM's mappers are kept off the start's path (a meeting in progress,
    opened by a new process), and done right after its first frame."""
    from tui550.core.db import open_database
    from tui550.core.demo import build_demo
    from tui550.core.store import meetings

    db = open_database(str(tmp_path / "d.sqlite"))
    meeting = build_demo(db, date(2026, 3, 16))
    meetings.start_meeting(db, meeting.id)
    db.close()
    code = f"""
import asyncio, sys, uuid
from tui550.app.main import make_app
from tui550.app.screens.meeting import MeetingScreen
from tui550.core.db import open_database
from tui550.core.settings import Settings

seen = []
first_paint = MeetingScreen._after_first_paint

def state():
    models = sys.modules.get("tui550.core.models")
    return ("tui550.core.deadlines" in sys.modules, models is not None,
            models is not None and models.Item.__mapper__.configured)

def after_first_paint(self):
    seen.append(state())
    first_paint(self)
    seen.append(state())

MeetingScreen._after_first_paint = after_first_paint
db = open_database({str(tmp_path / "d.sqlite")!r})
app = make_app(db, Settings(lang="zh", user="t", path=None),
               meeting_id=uuid.UUID({str(meeting.id)!r}))

async def main():
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen) and app.screen._painted

asyncio.run(main())
print(seen)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[(False, False, False), (True, True, True)]"
