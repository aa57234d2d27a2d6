"""Time the exports of a large meeting: 60 projects, 1,500 items.

    PYTHONPATH=. python bench/export_bench.py [--runs 5]

Targets: docx and xlsx each at most 1.5 s, md at most 0.2 s (median of the runs,
one export each, including reading the meeting from the database).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from tui550.core.db import Database, open_database
from tui550.core.domain import Kind, MeetingView, Tag
from tui550.core.exporting import export_meeting
from tui550.core.settings import Settings
from tui550.core.store import items, meetings, projects, units

TARGETS = {"docx": 1.5, "xlsx": 1.5, "md": 0.2}
KINDS = (Kind.MINUTE, Kind.DECISION, Kind.ISSUE, Kind.DEADLINE)
TAGS = (Tag.PROGRESS, Tag.PROBLEM, Tag.NEXT, Tag.REMARK)


def build(path: Path, n_projects: int = 60, n_items: int = 1500) -> tuple[Database, MeetingView]:
    db = open_database(str(path), who="bench")
    day = date(2026, 7, 20)
    unit_ids = [units.add_unit(db, f"区测试局{i:02d}").id for i in range(20)]
    project_ids = [
        projects.add_project(
            db,
            f"重点项目{i:03d}号产业园建设工程",
            code=f"B-{i:03d}",
            lead_unit_id=unit_ids[i % 20],
            unit_ids=unit_ids[i % 7 : i % 7 + 3],
        ).id
        for i in range(n_projects)
    ]
    meeting = meetings.create_meeting(
        db,
        "解放区“550”重点项目调度会",
        day,
        project_ids=project_ids,
        chair="区委书记 周立新",
        place="区委三楼会议室",
        attendees="区领导 甲、乙、丙",
        non_voting="各街道、区直有关部门主要负责人",
    )
    for n in range(n_items):
        kind = KINDS[n % 4]
        items.capture(
            db,
            meeting_id=meeting.id,
            project_id=project_ids[n % n_projects],
            kind=kind,
            tag=TAGS[n % 4] if kind is Kind.MINUTE else None,
            text=f"第{n}条：协调解决项目用地、资金和手续问题，确保按期推进。",
            lead_unit_id=unit_ids[n % 20] if kind is not Kind.MINUTE else None,
            co_unit_ids=[unit_ids[(n + 3) % 20]] if kind is not Kind.MINUTE else [],
            due=day + timedelta(days=n % 40 - 10) if kind is not Kind.MINUTE else None,
            steps="倒排工期，每周调度" if kind is Kind.ISSUE else None,
        )
    return db, meeting


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        db, meeting = build(tmp / "bench.sqlite")
        settings = Settings(user="bench")
        print(f"meeting: 60 projects, 1500 items; median of {args.runs} runs")
        ok = True
        for fmt, target in TARGETS.items():
            times, cpu = [], []
            for _ in range(args.runs):
                start, start_cpu = time.perf_counter(), time.process_time()
                export_meeting(
                    db,
                    meeting.id,
                    fmt,
                    tmp / f"out.{fmt}",
                    force=True,
                    settings=settings,
                )
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
            median = statistics.median(times)
            ok &= median <= target
            # CPU time as well: on a busy machine the wall clock says more about the neighbours.
            print(
                f"{fmt:5} median {median:6.3f} s (cpu {statistics.median(cpu):6.3f} s)  "
                f"min {min(times):6.3f} s  target ≤ {target} s  {'ok' if median <= target else 'SLOW'}  "
                f"({(tmp / f'out.{fmt}').stat().st_size} bytes)"
            )
        raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
