"""The exchange file: lossless round trip, merge by UUID, conflicts reported and untouched."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.support.export_helpers import EARLIER
from tui550.core import exchange
from tui550.core.db import Database, open_database
from tui550.core.domain import Kind
from tui550.core.errors import UserError
from tui550.core.store import items

GOLDEN = Path(__file__).parent / "golden"
VOLATILE = {"created_at", "updated_at", "at", "closed_at"}


@pytest.fixture
def other(tmp_path: Path):
    database = open_database(str(tmp_path / "other.sqlite"), who="督查局")
    yield database
    database.close()


def normalise(data: dict[str, Any]) -> dict[str, Any]:
    """Timestamps of the run and the random ids (history, agenda entries) made stable."""
    tables = data["tables"]
    agenda_ids = {r["id"]: f"agenda:{r['meeting_id'][:8]}:{r['position']}" for r in tables["agenda_entry"]}

    def fix(row: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {k: ("<ts>" if k in VOLATILE and v is not None else v) for k, v in row.items()}
        for key in ("id", "entity_id"):
            if out.get(key) in agenda_ids:
                out[key] = agenda_ids[out[key]]
        if "changes" in out and "closed_at" in out["changes"]:
            out["changes"]["closed_at"] = [None, "<ts>"]
        return out

    fixed = {name: [fix(r) for r in rows] for name, rows in tables.items()}
    for r in fixed["history"]:
        r["id"] = "<history>"
    fixed["history"].sort(key=lambda r: json.dumps(r, sort_keys=True, ensure_ascii=False))
    fixed["agenda_entry"].sort(key=lambda r: r["id"])
    return {**data, "tables": fixed}


def test_golden_meeting_dump(demo_db: Database) -> None:
    text = (
        json.dumps(normalise(exchange.dump(demo_db, EARLIER)), ensure_ascii=False, indent=1, sort_keys=True)
        + "\n"
    )
    path = GOLDEN / "demo-meeting.json"
    if os.environ.get("TUI550_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_round_trip_is_lossless(demo_db: Database, other: Database) -> None:
    items.capture(demo_db, meeting_id=EARLIER, project_id=None, kind=Kind.MINUTE, text="含附件")
    first = exchange.to_json(exchange.dump(demo_db))
    report = exchange.load(other, exchange.parse(first))
    assert not report.conflicts and report.added["item"] == 17 and report.added["history"] > 17
    assert report.added["project_month"] > 0  # the ledger's monthly figures travel too
    assert exchange.to_json(exchange.dump(other)) == first
    # Loading the same file again changes nothing.
    again = exchange.load(other, exchange.parse(first))
    assert again.total_added == 0 and not again.conflicts and again.total_same == report.total_added
    assert exchange.to_json(exchange.dump(other)) == first


def test_attachments_travel_as_base64(demo_db: Database, other: Database) -> None:
    from tui550.core.models import Attachment

    payload = bytes(range(256)) * 3
    item = items.meeting_items(demo_db, EARLIER)[0]
    with demo_db.write() as session:
        session.add(
            Attachment(
                item_id=item.id, filename="现场.jpg", mime="image/jpeg", size=len(payload), data=payload
            )
        )
    data = exchange.dump(demo_db, EARLIER)
    assert len(data["tables"]["attachment"]) == 1
    exchange.load(other, exchange.parse(exchange.to_json(data)))
    with other.read() as session:
        from sqlmodel import select

        [row] = session.exec(select(Attachment)).all()
        assert row.data == payload and row.filename == "现场.jpg"


def test_merge_adds_new_skips_same_and_reports_conflicts(demo_db: Database, other: Database) -> None:
    base = exchange.to_json(exchange.dump(demo_db, EARLIER))
    exchange.load(other, exchange.parse(base))
    # The facilitator's laptop adds an item and changes one; the bureau's copy changes the same one.
    target = items.meeting_items(demo_db, EARLIER)[1]
    items.update_item(demo_db, target.id, target.version, text="笔记本上的修改", reason="会后更正")
    theirs = items.get_item(other, target.id)
    items.update_item(other, theirs.id, theirs.version, text="督查局的修改", reason="督查核实")
    added = items.capture(demo_db, meeting_id=EARLIER, project_id=None, kind=Kind.DECISION, text="新增事项")
    laptop = exchange.to_json(exchange.dump(demo_db, EARLIER))

    dry = exchange.load(other, exchange.parse(laptop), dry_run=True)
    assert dry.dry_run and dry.added["item"] == 1
    with pytest.raises(UserError):
        items.get_item(other, added.id)  # the dry run wrote nothing

    report = exchange.load(other, exchange.parse(laptop))
    assert report.added["item"] == 1 and items.get_item(other, added.id).text == "新增事项"
    conflicts = [c for c in report.conflicts if c[0] == "item"]
    assert conflicts == [("item", str(target.id), "here v2, file v2")]
    assert items.get_item(other, target.id).text == "督查局的修改"  # left untouched
    assert report.same["unit"] == 25


@pytest.mark.parametrize(
    "raw, key",
    [
        (b"\xff\xfe", "exchange.not_json"),
        (b"{}", "exchange.not_ours"),
        (b'{"format": "tui550-exchange", "version": 99, "tables": {}}', "exchange.newer"),
        (
            b'{"format": "tui550-exchange", "version": 1, "tables": {"unit": [{"id": "x", "bogus": 1}]}}',
            "exchange.invalid_more tables.unit[0].bogus",
        ),
        (
            b'{"format": "tui550-exchange", "version": 1, "tables": {"unit": [{"id": "nope"}]}}',
            "exchange.invalid_more tables.unit[0].id",
        ),
    ],
)
def test_bad_files_are_refused_before_writing(other: Database, raw: bytes, key: str) -> None:
    with pytest.raises(UserError) as info:
        exchange.load(other, exchange.parse(raw))
    key, _, path = key.partition(" ")
    assert info.value.key == key
    assert info.value.args_.get("path", "") == path
    assert exchange.dump(other)["tables"]["unit"] == []
