"""The supervision board filters, sorts and pages in SQL: it must agree with the
rules of `tui550.core.followup.rules`, which build each shown row in Python."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import insert, select

from tui550.core.db import Database
from tui550.core.domain import Light, Status
from tui550.core.followup.rules import Escalation, Rules, days_late, item_light, stop_date
from tui550.core.models import Item, Meeting, Project, Unit, table_of
from tui550.core.store import supervision

TODAY = date(2026, 7, 20)
NOW = datetime(2026, 7, 20, 2, tzinfo=UTC)


def _fill(db: Database, seed: int, n: int = 120) -> None:
    rng = random.Random(seed)
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    common = {"created_at": stamp, "updated_at": stamp, "version": 1}
    units = [{"id": uuid.uuid4(), "name": f"单位{k}", "kind": "department", **common} for k in range(4)]
    project = {"id": uuid.uuid4(), "name": "项目", **common}
    meetings = [
        {
            "id": uuid.uuid4(),
            "title": f"第{k}期",
            "date": TODAY - timedelta(days=14 * k),
            "state": "closed",
            "current_position": 0,
            **common,
        }
        for k in range(5)
    ]
    rows = []
    for k in range(n):
        status = rng.choice(["open", "in_progress", "reported", "closed"])
        due = TODAY + timedelta(days=rng.randint(-30, 10)) if rng.random() < 0.8 else None
        # A standing deadline sorts at its next occurrence (长期坚持 after the dated ones).
        standing = [None, "每周五", "每周一", "每月底前", "每季度末", "长期坚持"]
        cadence = rng.choice(standing) if due is None else None
        actual = None
        if status in ("reported", "closed") and rng.random() < 0.9:
            actual = TODAY - timedelta(days=rng.randint(0, 30))
        rows.append(
            {
                "id": uuid.uuid4(),
                "meeting_id": rng.choice(meetings)["id"],
                "project_id": project["id"],
                "kind": rng.choice(["decision", "issue", "deadline"]),
                "text": f"事项{k}",
                "lead_unit_id": rng.choice(units)["id"] if rng.random() < 0.9 else None,
                "due": due,
                "cadence": cadence,
                "actual": actual,
                "status": status,
                "created_by": "t",
                "extensions": rng.choice([0, 0, 1, 2, 3]),
                "escalation": rng.choice([0, 0, 0, 1, 2]),
                "closed_at": stamp + timedelta(days=rng.randint(0, 200)) if status == "closed" else None,
                "created_at": stamp + timedelta(minutes=rng.randint(0, 5)),  # ties on purpose
                "updated_at": stamp,
                "version": 1,
            }
        )
    with db.write() as session:
        session.execute(insert(table_of(Unit)), units)
        session.execute(insert(table_of(Project)), [project])
        session.execute(insert(table_of(Meeting)), meetings)
        session.execute(insert(table_of(Item)), rows)


@pytest.mark.parametrize("seed", range(4))
def test_board_in_sql_agrees_with_the_rules(db: Database, seed: int) -> None:
    _fill(db, seed)
    rules = Rules(escalate_extensions=2 if seed % 2 else 0)
    everything = supervision.supervision_rows(db, now=NOW, rules=rules)
    assert everything == sorted(everything, key=lambda r: supervision.urgency(r, TODAY))
    standing = [r.item.cadence for r in everything if r.item.cadence and r.escalation == 0]
    assert len(set(standing)) >= 2  # the order above was put to the test
    assert len(everything) == supervision.supervision_count(db, now=NOW, rules=rules)
    for light in Light:
        expected = [r.item.id for r in everything if r.light is light]
        assert [
            r.item.id for r in supervision.supervision_rows(db, now=NOW, rules=rules, light=light)
        ] == expected
        assert supervision.supervision_count(db, now=NOW, rules=rules, light=light) == len(expected)
    for level in Escalation:
        expected = [r.item.id for r in everything if r.escalation >= level]
        got = supervision.supervision_rows(db, now=NOW, rules=rules, min_escalation=level)
        assert [r.item.id for r in got] == expected
        assert supervision.supervision_count(db, now=NOW, rules=rules, min_escalation=level) == len(expected)
    pages = [
        supervision.supervision_rows(db, now=NOW, rules=rules, limit=7, offset=o)
        for o in range(0, len(everything) + 7, 7)
    ]
    assert [r.item.id for page in pages for r in page] == [r.item.id for r in everything]
    # Named items (the carried list's page): the same rows, closed ones still left out.
    with db.read() as session:
        every_id = list(session.execute(select(table_of(Item).c.id)).scalars())
    chosen = set(every_id[::3])
    named = supervision.supervision_rows(db, now=NOW, rules=rules, item_ids=sorted(chosen))
    assert named == [r for r in everything if r.item.id in chosen]


@pytest.mark.sqlite_only
def test_named_items_are_found_by_their_primary_key(db: Database) -> None:
    _fill(db, 0)
    with db.read() as session:
        ids = list(session.execute(select(table_of(Item).c.id).limit(30)).scalars())
        query = supervision._board(
            db,
            session,
            TODAY,
            Rules(),
            unit_id=None,
            project_id=None,
            category=None,
            light=None,
            min_escalation=None,
            kinds=supervision.TRACKED_KINDS,
            since=None,
            meeting_id=None,
            lead_only=False,
            exclude_meeting_id=None,
            item_ids=ids,
            text=None,
        )
        sql = str(query.compile(dialect=session.get_bind().dialect, compile_kwargs={"literal_binds": True}))
        plan = " ".join(
            str(row[-1]) for row in session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql)
        )
    assert "(id=?)" in plan and "ix_item_board" not in plan, plan


@pytest.mark.parametrize("seed", range(4))
def test_accountability_in_sql_agrees_with_the_rules(db: Database, seed: int) -> None:
    _fill(db, seed)
    rules = Rules()
    accounts = {
        a.unit.id if a.unit else None: a for a in supervision.unit_accountability(db, now=NOW, rules=rules)
    }
    with db.read() as session:
        rows = session.execute(table_of(Item).select()).mappings().all()
    for lead in {r["lead_unit_id"] for r in rows}:
        mine = [r for r in rows if r["lead_unit_id"] == lead]
        account = accounts[lead]
        late = []
        for r in mine:
            status = Status(r["status"])
            closed_on = (r["closed_at"] + timedelta(hours=8)).date() if r["closed_at"] else None
            days = days_late(r["due"], stop_date(status, r["actual"], closed_on, TODAY))
            if days:
                late.append(days)
        assert account.assigned == len(mine)
        assert account.closed == sum(r["status"] == "closed" for r in mine)
        assert account.reported == sum(r["status"] == "reported" for r in mine)
        assert account.overdue_now == sum(
            r["status"] != "closed"
            and item_light(Status(r["status"]), r["due"], r["actual"], TODAY, rules.yellow_days) is Light.RED
            for r in mine
        )
        assert account.repeated_extensions == sum(r["extensions"] >= 2 for r in mine)
        assert (account.late_items, account.late_days) == (len(late), sum(late))


def test_typed_text_narrows_by_unit_project_or_text(db: Database) -> None:
    _fill(db, 9)
    rows = supervision.supervision_rows(db, now=NOW)
    unit = next(r.item.lead_unit for r in rows if r.item.lead_unit)
    by_unit = supervision.supervision_rows(db, now=NOW, text=unit.name)
    assert by_unit and all(r.item.lead_unit == unit or unit in r.item.co_units for r in by_unit)
    assert len(supervision.supervision_rows(db, now=NOW, text="项目")) == len(rows)
    assert supervision.supervision_rows(db, now=NOW, text="事项7") == [
        r for r in rows if r.item.text.startswith("事项7")
    ]
    assert supervision.supervision_rows(db, now=NOW, text="%") == []
