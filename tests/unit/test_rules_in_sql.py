"""The light and escalation rules have one definition (`core.lights`, `core.followup`);
the supervision board's SQL is built from it. Here both judge every case: each status,
due dates around the yellow window and the escalation thresholds, standing cadences,
reported items done early and late, extensions and manual bumps, under two sets of rules."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import insert

from tui550.core.cadence import SPELLINGS, effective_due
from tui550.core.db import Database
from tui550.core.domain import Light, Status
from tui550.core.followup.rules import Escalation, Rules, days_late, escalation, item_light, stop_date
from tui550.core.models import Item, Meeting, Project, table_of
from tui550.core.store import supervision

TODAY = date(2026, 7, 20)  # a Monday: the weekly cadences fall on every offset of the week
NOW = datetime(2026, 7, 20, 2, tzinfo=UTC)
RULES = [Rules(), Rules(yellow_days=1, escalate_yellow_days=3, escalate_red_days=4, escalate_extensions=0)]


def _offsets(rules: Rules) -> set[int]:
    """Due offsets from today on both sides of every boundary the rules draw."""
    edges = {0, rules.yellow_days, -rules.escalate_yellow_days, -rules.escalate_red_days, -1}
    return {e + d for e in edges for d in (-1, 0, 1)}


def _cases(rules: Rules) -> list[dict[str, object]]:
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    dues: list[tuple[date | None, str | None]] = [(None, None)]
    dues += [(TODAY + timedelta(days=o), None) for o in sorted(_offsets(rules))]
    dues += [(None, words) for words in SPELLINGS]
    rows = []
    for (due, cadence), status, extensions, manual in itertools.product(
        dues, [s.value for s in Status], [0, 1, 2, 3], [0, 1, 2]
    ):
        actuals: list[date | None] = [None]
        if status in ("reported", "closed") and due is not None:
            actuals += [due - timedelta(days=1), due + timedelta(days=1)]
        for actual in actuals:
            rows.append(
                {
                    "id": uuid.uuid4(),
                    "kind": "issue",
                    "text": "事项",
                    "due": due,
                    "cadence": cadence,
                    "actual": actual,
                    "status": status,
                    "extensions": extensions,
                    "escalation": manual,
                    "created_by": "t",
                    "created_at": stamp,
                    "updated_at": stamp,
                    "version": 1,
                    "closed_at": stamp if status == "closed" else None,
                }
            )
    return rows


def _expected(row: dict[str, object], rules: Rules) -> tuple[Light, Escalation]:
    status_value, cadence = row["status"], row["cadence"]
    extensions, manual = row["extensions"], row["escalation"]
    due, actual = row["due"], row["actual"]
    assert isinstance(status_value, str)
    assert cadence is None or isinstance(cadence, str)
    assert isinstance(extensions, int) and isinstance(manual, int)
    assert due is None or isinstance(due, date)
    assert actual is None or isinstance(actual, date)
    status = Status(status_value)
    shown = effective_due(due, cadence, TODAY)
    closed_on = date(2026, 1, 1) if status is Status.CLOSED else None
    late = days_late(due, stop_date(status, actual, closed_on, TODAY))
    return (
        item_light(status, shown, actual, TODAY, rules.yellow_days),
        escalation(status, late, extensions, manual, rules),
    )


@pytest.mark.parametrize("rules", RULES, ids=["defaults", "tight"])
def test_the_boards_sql_judges_every_case_as_the_rules_do(db: Database, rules: Rules) -> None:
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    common = {"created_at": stamp, "updated_at": stamp, "version": 1}
    meeting = {
        "id": uuid.uuid4(),
        "title": "第1期",
        "date": TODAY - timedelta(days=30),
        "state": "closed",
        "current_position": 0,
        **common,
    }
    project = {"id": uuid.uuid4(), "name": "项目", **common}
    rows = _cases(rules)
    for row in rows:
        row.update(meeting_id=meeting["id"], project_id=project["id"])
    with db.write() as session:
        session.execute(insert(table_of(Project)), [project])
        session.execute(insert(table_of(Meeting)), [meeting])
        session.execute(insert(table_of(Item)), rows)
    expected = {row["id"]: _expected(row, rules) for row in rows if row["status"] != "closed"}
    lights = {lit for lit, _ in expected.values()}
    levels = {level for _, level in expected.values()}
    assert lights == {Light.RED, Light.YELLOW, Light.GREEN}  # every light is reached
    assert levels == set(Escalation)  # and every level
    for lit in Light:
        found = {r.item.id for r in supervision.supervision_rows(db, now=NOW, rules=rules, light=lit)}
        assert found == {i for i, (want, _) in expected.items() if want is lit}, lit
        assert supervision.supervision_count(db, now=NOW, rules=rules, light=lit) == len(found)
    for level in Escalation:
        found = {
            r.item.id for r in supervision.supervision_rows(db, now=NOW, rules=rules, min_escalation=level)
        }
        assert found == {i for i, (_, want) in expected.items() if want >= level}, level
