"""The real app on a pseudo-terminal, keys written as a remote link delivers them: several
in one write. Checked against the saved rows and the line (its draft)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.processes.harness import AppProcess, DbCheck, wait_for

PAGE_DOWN = b"\x1b[6~"
F7 = b"\x1b[18~"
ENTER = b"\r"
ESCAPE = b"\x1b"
CTRL_U = b"\x15"


def _project_of(db: Path, text: str) -> str | None:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        row = con.execute(
            "select p.name from item i join project p on p.id = i.project_id where i.text = ?", (text,)
        ).fetchone()
    finally:
        con.close()
    return row[0] if row else None


def test_bursts_land_where_they_were_typed(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite"
    with AppProcess(home=tmp_path / "home", db=db, events=tmp_path / "events.jsonl") as app:
        app.wait_event("project_shown")
        app.keys(PAGE_DOWN)
        first = app.wait_event("project_shown", 2)[-1]["project"]

        # A line, Enter and PageDown in one write: saved on the project shown at the Enter.
        app.keys("一次写入的记录".encode() + ENTER + PAGE_DOWN)
        app.wait_event("item_saved")
        second = app.wait_event("project_shown", 3)[-1]["project"]
        assert second != first
        assert _project_of(db, "一次写入的记录") == first

        # F7, F7 and text in one write: the text is on the line (saved as its draft).
        app.keys(F7 + F7 + "幕布之后".encode())
        wait_for(lambda: DbCheck(db).draft() == "幕布之后", what="the typed text as the draft")

        # A bracketed paste carrying BEL and a clipboard write: text only, no dialog opens
        # (Ctrl+G would), so the Enter behind it saves the whole line here.
        paste = "粘贴\x07文字\x1b]52;c;ZXZpbA==\x07末尾".encode()
        app.keys(b"\x1b[200~" + paste + b"\x1b[201~" + ENTER)
        app.wait_event("item_saved", 2)
        assert _project_of(db, "幕布之后粘贴文字末尾") == second


def test_esc_in_one_write_with_the_next_item_cancels_the_unknown_unit_dialog(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite"
    env = {"TUI550_LANG": "zh"}
    with AppProcess(home=tmp_path / "home", db=db, events=tmp_path / "events.jsonl", env=env) as app:
        app.wait_event("project_shown")
        app.keys(PAGE_DOWN)
        shown = app.wait_event("project_shown", 2)[-1]["project"]
        app.keys("协调用地 @不存在单位 ^7月底".encode() + ENTER)
        wait_for(lambda: "不认识的单位：不存在单位" in app.output(), what="the unknown-unit dialog")
        # Esc, Ctrl+U and the next item in one write. Read as one Alt+Ctrl+U, the Escape was
        # lost: the item went into the dialog's filter, and its Enter picked a choice there.
        app.keys(ESCAPE + CTRL_U + "第二项".encode() + ENTER)
        app.wait_event("item_saved")
        assert _project_of(db, "第二项") == shown
    check = DbCheck(db)
    assert check.texts_like("协调用地%") == []
    assert check.texts_like("第二项") == ["第二项"]
