"""The PostgreSQL server restarts mid-meeting: the captures it could not take wait in the
outbox and are saved once it is back, and other screens' change watchers reconnect.

A restart cuts every connection to the server, so this runs alone, after the rest
(`.ci/test` runs `-m pg_restart` with TUI550_TEST_PG_RESTART set)."""

from __future__ import annotations

import os
import subprocess
import threading
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.support.pg_server import PgServer
from tui550.core.changes import ChangeWatcher
from tui550.core.db import open_database
from tui550.core.domain import Kind
from tui550.core.errors import StorageError
from tui550.core.outbox import Outbox
from tui550.core.store import items, meetings, projects


@pytest.mark.pg_restart
def test_captures_survive_a_server_restart(pg_server: PgServer, pg_template: str, tmp_path: Path) -> None:
    """A meeting goes on while the server restarts: 0 captures lost, 0 saved twice."""
    restart = os.environ.get("TUI550_TEST_PG_RESTART")
    if not restart:
        pytest.skip("restarts the server: run alone with TUI550_TEST_PG_RESTART (see .ci/test)")
    name = pg_server.create(template=pg_template)
    db = open_database(pg_server.url(name))
    project = projects.add_project(db, "焦南物流园")
    meeting = meetings.create_meeting(db, "调度会", date(2026, 7, 5), project_ids=[project.id])
    box = Outbox(tmp_path / "outbox.sqlite")
    other_screen = open_database(pg_server.url(name))
    watcher = ChangeWatcher(other_screen)
    warmed_up = threading.Event()
    restarted = threading.Event()
    made: list[uuid.UUID] = []
    kept: list[uuid.UUID] = []

    def facilitator() -> None:
        n = 0
        # Capture before, during and after the restart; at least 300 in all.
        while not restarted.is_set() or n < 300:
            kwargs: dict[str, Any] = {
                "meeting_id": meeting.id,
                "project_id": project.id,
                "kind": Kind.MINUTE,
                "text": f"第{n}条",
                "item_id": uuid.uuid4(),
            }
            made.append(kwargs["item_id"])
            try:
                items.capture(db, **kwargs)
            except StorageError:
                kept.append(box.put(kwargs, db))
            n += 1
            if n == 50:
                warmed_up.set()

    worker = threading.Thread(target=facilitator)
    worker.start()
    assert warmed_up.wait(60)
    subprocess.run(restart, shell=True, check=True, timeout=120)
    restarted.set()
    worker.join(120)
    assert not worker.is_alive()
    assert kept, "no capture met the restart: the test proved nothing"
    assert box.flush(db) == len(kept) and len(box) == 0
    stored = items.meeting_items(db, meeting.id)
    assert len(stored) == len(made)  # none lost, none twice
    assert {i.id for i in stored} == set(made)
    assert sorted(i.text for i in stored) == sorted(f"第{n}条" for n in range(len(made)))
    # The other screen's watcher lost its connection too; it comes back by itself.
    watcher.wait(0)
    items.capture(db, meeting_id=meeting.id, project_id=project.id, kind=Kind.MINUTE, text="恢复后")
    assert watcher.wait(5.0)
    watcher.close()
    other_screen.close()
    box.close()
    db.close()
    pg_server.drop(name)
