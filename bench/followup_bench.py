"""Time the supervision queries on a large database (100,000 items by default).

    PYTHONPATH=. python bench/followup_bench.py [--items N] [--db PATH] [--repeat K]

The database is made with bulk inserts (a few seconds), shaped like a district
after a few years of weekly meetings: hundreds of projects, dozens of units,
a quarter of the items minutes, the rest decisions, issues and deadlines in
every status, some extended, some escalated by hand, a third with co-units.
Each query is run `--repeat` times and the median and worst are printed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

TODAY = date(2026, 7, 20)
NOW = datetime(2026, 7, 20, 2, 0, tzinfo=UTC)
CATEGORIES = ("前期手续", "土地", "资金", "拆迁安置", "市场对接", "人员机械")


def build(path: Path, n_items: int, seed: int = 550) -> None:
    from sqlalchemy import insert

    from tui550.core.db import open_database
    from tui550.core.models import Item, ItemUnit, Meeting, Project, Unit, table_of

    rng = random.Random(seed)
    db = open_database(str(path), who="bench")
    stamp = datetime(2024, 1, 1, tzinfo=UTC)
    units = [
        {
            "id": uuid.uuid4(),
            "name": f"单位{n:02d}",
            "kind": "street" if n < 9 else "department",
            "created_at": stamp,
            "updated_at": stamp,
            "version": 1,
        }
        for n in range(40)
    ]
    projects = [
        {
            "id": uuid.uuid4(),
            "code": f"JF-{n:03d}",
            "name": f"重点项目{n:03d}",
            "street_id": units[n % 9]["id"],
            "lead_unit_id": rng.choice(units)["id"],
            "created_at": stamp,
            "updated_at": stamp,
            "version": 1,
        }
        for n in range(400)
    ]
    meeting_days = [TODAY - timedelta(days=7 * k) for k in range(80)][::-1]
    meetings: list[dict[str, Any]] = [
        {
            "id": uuid.uuid4(),
            "title": f"第{n + 1}期调度会",
            "date": d,
            "state": "closed",
            "current_position": 0,
            "created_at": stamp,
            "updated_at": stamp,
            "version": 1,
        }
        for n, d in enumerate(meeting_days)
    ]
    items: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    kinds = ("minute", "decision", "issue", "deadline")
    statuses = ("open", "in_progress", "reported", "closed", "closed")
    for _ in range(n_items):
        meeting = rng.choice(meetings)
        kind = rng.choice(kinds)
        tracked = kind != "minute"
        dated = tracked and rng.random() < 0.9
        due = meeting["date"] + timedelta(days=rng.randint(3, 120)) if dated else None
        status = rng.choice(statuses) if tracked else None
        actual = None
        if status in ("reported", "closed") and due is not None:
            actual = min(TODAY, due + timedelta(days=rng.randint(-20, 25)))
        extensions = rng.choice((0, 0, 0, 0, 1, 2, 3)) if tracked else 0
        item_id = uuid.uuid4()
        items.append(
            {
                "id": item_id,
                "meeting_id": meeting["id"],
                "project_id": rng.choice(projects)["id"],
                "kind": kind,
                "tag": "progress" if not tracked else None,
                "text": f"事项{len(items)} 协调推进征迁与手续办理",
                "category": rng.choice(CATEGORIES),
                "lead_unit_id": rng.choice(units)["id"],
                "due": due,
                "actual": actual,
                "status": status,
                "created_by": "bench",
                "original_due": due,
                "extensions": extensions,
                "escalation": 1 if rng.random() < 0.03 else 0,
                "closed_at": stamp if status == "closed" else None,
                "closed_by": "督查局" if status == "closed" else None,
                "created_at": datetime.combine(meeting["date"], datetime.min.time(), tzinfo=UTC),
                "updated_at": stamp,
                "version": 1,
            }
        )
        if rng.random() < 0.3:
            for pos, unit in enumerate(rng.sample(units, 2)):
                if unit["id"] != items[-1]["lead_unit_id"]:
                    links.append({"item_id": item_id, "unit_id": unit["id"], "position": pos})
    with db.write() as session:
        session.execute(insert(table_of(Unit)), units)
        session.execute(insert(table_of(Project)), projects)
        session.execute(insert(table_of(Meeting)), meetings)
        for start in range(0, len(items), 10_000):
            session.execute(insert(table_of(Item)), items[start : start + 10_000])
        session.execute(insert(table_of(ItemUnit)), links)
    db.close()


def timed(name: str, repeat: int, run: Callable[[], Any]) -> None:
    # CPU time too: on a shared machine the wall clock also counts other processes.
    times, cpu = [], []
    result: Any = None
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = run()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    size = len(result) if hasattr(result, "__len__") else result
    print(
        f"{name:<46} wall median {statistics.median(times):7.1f} ms, worst {max(times):7.1f}"
        f" | cpu median {statistics.median(cpu):7.1f} ms   ({size})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None, help="reuse or create this file")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from tui550.core.db import open_database
    from tui550.core.domain import Light
    from tui550.core.followup.rules import Escalation
    from tui550.core.store import supervision, wallchart

    folder = tempfile.mkdtemp(prefix="tui550-bench-")
    path = args.db or Path(folder) / "bench.sqlite"
    if not path.exists():
        started = time.perf_counter()
        build(path, args.items)
        print(f"built {args.items} items in {time.perf_counter() - started:.1f} s: {path}")
    db = open_database(str(path), who="bench")
    some_unit = next(iter(supervision.unit_accountability(db, now=NOW))).unit
    unit_id = some_unit.id if some_unit else None
    r = args.repeat
    timed("supervision first page (50)", r, lambda: supervision.supervision_rows(db, now=NOW, limit=50))
    timed("supervision count", r, lambda: supervision.supervision_count(db, now=NOW))
    timed(
        "supervision page 40 (offset 2000)",
        r,
        lambda: supervision.supervision_rows(db, now=NOW, limit=50, offset=2000),
    )
    timed(
        "supervision red lights, first page",
        r,
        lambda: supervision.supervision_rows(db, now=NOW, light=Light.RED, limit=50),
    )
    timed(
        "supervision escalation >= yellow, first page",
        r,
        lambda: supervision.supervision_rows(db, now=NOW, min_escalation=Escalation.YELLOW, limit=50),
    )
    timed(
        "supervision one unit, first page",
        r,
        lambda: supervision.supervision_rows(db, now=NOW, unit_id=unit_id, limit=50),
    )
    timed(
        "supervision typed text '项目01', first page",
        r,
        lambda: supervision.supervision_rows(db, now=NOW, text="项目01", limit=50),
    )
    timed("accountability by unit", r, lambda: supervision.unit_accountability(db, now=NOW))
    timed("trend of the last 6 meetings", r, lambda: supervision.open_trend(db, 6, now=NOW))
    timed(
        "wall chart, deadlines, 12 months",
        r,
        lambda: wallchart.wall_chart(db, now=NOW, start=date(2026, 1, 1), end=date(2026, 12, 31)).rows,
    )
    db.close()


if __name__ == "__main__":
    main()
