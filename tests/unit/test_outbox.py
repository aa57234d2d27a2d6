"""The outbox keeps captures the database could not take, and saves each exactly once (through
a restart of the server: processes/test_server_restart.py)."""

from __future__ import annotations

import threading
import uuid
from datetime import date
from pathlib import Path

import pytest

from tests.support.pg_server import PgServer
from tui550.core.db import Database, open_database
from tui550.core.domain import Kind, Tag
from tui550.core.errors import StorageError
from tui550.core.outbox import Outbox, capture_or_keep
from tui550.core.store import items, meetings, projects, units


@pytest.fixture
def setup(db: Database):
    unit = units.add_unit(db, "区住建局")
    project = projects.add_project(db, "民主街道老旧小区改造")
    meeting = meetings.create_meeting(db, "调度会", date(2026, 7, 5), project_ids=[project.id])
    return meeting, project, unit


def _all_items(db: Database, meeting_id: uuid.UUID) -> list[items.ItemView]:
    return items.meeting_items(db, meeting_id)


def test_put_then_flush_saves_in_order_exactly_once(db: Database, setup, tmp_path: Path) -> None:
    meeting, project, unit = setup
    box = Outbox(tmp_path / "outbox.sqlite")
    assert (tmp_path / "outbox.sqlite").stat().st_mode & 0o777 == 0o600
    wanted = [
        {
            "meeting_id": meeting.id,
            "project_id": project.id,
            "kind": Kind.MINUTE,
            "text": "一",
            "tag": Tag.PROBLEM,
        },
        {
            "meeting_id": meeting.id,
            "project_id": project.id,
            "kind": Kind.ISSUE,
            "text": "二",
            "lead_unit_id": unit.id,
            "co_unit_ids": [],
            "due": date(2026, 7, 31),
            "category": "土地",
        },
        {"meeting_id": meeting.id, "project_id": None, "kind": Kind.DECISION, "text": "三"},
    ]
    ids = [box.put(kwargs, db) for kwargs in wanted]
    assert box.put({**wanted[0], "item_id": ids[0]}, db) == ids[0]  # the same capture once
    pending = box.pending(db)
    assert [p["text"] for p in pending] == ["一", "二", "三"]
    assert pending[1]["due"] == date(2026, 7, 31) and pending[1]["kind"] is Kind.ISSUE
    assert pending[0]["tag"] is Tag.PROBLEM and pending[0]["item_id"] == ids[0]
    saved: list[items.ItemView] = []
    assert box.flush(db, saved=saved) == 3
    assert [i.id for i in saved] == ids and len(box) == 0
    assert box.flush(db) == 0
    stored = _all_items(db, meeting.id)
    assert [i.text for i in stored] == ["一", "二", "三"]
    assert stored[1].lead_unit is not None and stored[1].lead_unit.id == unit.id
    # Kept again by mistake (a crash after the save, before the outbox forgot it): still once.
    box.put({**wanted[1], "item_id": ids[1]}, db)
    assert box.flush(db) == 1
    assert len(_all_items(db, meeting.id)) == 3
    box.close()


def test_entries_wait_for_their_own_database(db: Database, setup, tmp_path: Path) -> None:
    meeting, project, _ = setup
    other = open_database(str(tmp_path / "other.sqlite"))
    box = Outbox(tmp_path / "outbox.sqlite")
    box.put(
        {"meeting_id": meeting.id, "project_id": project.id, "kind": Kind.MINUTE, "text": "只属于原库"}, db
    )
    assert box.flush(other) == 0 and box.pending(other) == []
    assert box.flush(db) == 1
    other.close()
    box.close()


def test_an_entry_refused_for_good_does_not_block_the_rest(db: Database, setup, tmp_path: Path) -> None:
    meeting, project, _ = setup
    box = Outbox(tmp_path / "outbox.sqlite")
    box.put({"meeting_id": meeting.id, "project_id": project.id, "kind": Kind.MINUTE, "text": " \x00 "}, db)
    box.put({"meeting_id": meeting.id, "project_id": project.id, "kind": Kind.MINUTE, "text": "后一条"}, db)
    assert box.flush(db) == 1
    assert [i.text for i in _all_items(db, meeting.id)] == ["后一条"]
    [(kept, why)] = box.failed()
    assert why == "item.empty" and kept["text"] == " \x00 "
    box.close()


@pytest.mark.postgres
def test_a_database_that_turns_clients_away_keeps_captures_until_it_is_back(
    pg_server: PgServer, pg_template: str, tmp_path: Path
) -> None:
    """Without restarting the shared server: this database alone refuses connections."""
    name = pg_server.create(template=pg_template)
    db = open_database(pg_server.url(name))
    project = projects.add_project(db, "王褚街道安置房")
    meeting = meetings.create_meeting(db, "调度会", date(2026, 7, 5), project_ids=[project.id])
    box = Outbox(tmp_path / "outbox.sqlite")
    kwargs = {"meeting_id": meeting.id, "project_id": project.id, "kind": Kind.MINUTE}
    assert capture_or_keep(db, box, **kwargs, text="断开前") is not None

    pg_server.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS false")
    pg_server.execute(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'")
    kept = [capture_or_keep(db, box, **kwargs, text=f"断开中{n}") for n in range(3)]
    assert kept == [None, None, None] and len(box) == 3
    with pytest.raises(StorageError) as err:
        items.meeting_items(db, meeting.id)
    assert err.value.key == "error.storage.read"
    password = pg_server.base.password
    assert password is not None and password not in err.value.message("en")
    assert box.flush(db) == 0 and len(box) == 3  # still away: nothing lost, order kept

    pg_server.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS true")
    stop = threading.Event()
    flushed: list[str] = []

    def saved(views: list[items.ItemView]) -> None:
        flushed.extend(v.text for v in views)
        stop.set()

    loop = threading.Thread(
        target=box.retry_loop, args=(db, stop), kwargs={"interval": 0.05, "on_saved": saved}
    )
    loop.start()
    loop.join(30)
    stop.set()  # ends the loop if the assertion below is about to fail
    assert not loop.is_alive() and flushed == ["断开中0", "断开中1", "断开中2"]
    assert [i.text for i in items.meeting_items(db, meeting.id)] == [
        "断开前",
        "断开中0",
        "断开中1",
        "断开中2",
    ]
    box.close()
    db.close()
    pg_server.drop(name)
