"""A hand-made follow-up dataset, built through the store functions.

Today is 2026-07-10 in the district (NOW is noon there). Expected figures:
区住建局 leads 4 items (1 closed, 3 overdue; late 1, 10, 20 and 5 days → average 9),
区财政局 leads 4 (1 closed, none overdue, 1 extended twice).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from tui550.core.db import Database, open_database
from tui550.core.domain import ItemView, Kind, UnitKind
from tui550.core.store import followup, items, meetings, projects, units

NOW = datetime(2026, 7, 10, 4, 0, tzinfo=UTC)
TODAY = date(2026, 7, 10)


@dataclass
class Data:
    a: object
    b: object
    c: object
    p1: object
    p2: object
    p3: object
    m1: object
    m2: object
    m3: object
    i: dict[str, ItemView]


def build(db: Database) -> Data:
    a = units.add_unit(db, "区住建局", aliases=["住建局"])
    b = units.add_unit(db, "焦西街道", UnitKind.STREET)
    c = units.add_unit(db, "区财政局")
    p1 = projects.add_project(db, "焦西物流园二期", code="JF-001", street_id=b.id, lead_unit_id=a.id)
    p2 = projects.add_project(db, "民主路棚户区改造", code="JF-002", street_id=b.id, lead_unit_id=c.id)
    p3 = projects.add_project(db, "数字经济产业园", code="JF-003", lead_unit_id=c.id)
    # Each meeting has every project on its agenda, and all three were held.
    held = [p1.id, p2.id, p3.id]
    m1 = meetings.create_meeting(db, "第1期调度会", date(2026, 6, 1), project_ids=held)
    m2 = meetings.create_meeting(db, "第2期调度会", date(2026, 6, 15), project_ids=held)
    m3 = meetings.create_meeting(db, "第3期调度会", date(2026, 7, 1), project_ids=held)
    for m in (m1, m2):
        meetings.start_meeting(db, m.id)
        meetings.close_meeting(db, m.id)
    meetings.start_meeting(db, m3.id)

    def cap(key: str, meeting, project, kind: Kind, lead, due: date | None, **kw) -> None:
        i[key] = items.capture(
            db,
            meeting_id=meeting.id,
            project_id=project.id,
            kind=kind,
            text=kw.pop("text", key),
            lead_unit_id=lead.id,
            due=due,
            **kw,
        )

    i: dict[str, ItemView] = {}
    cap("i1", m1, p1, Kind.ISSUE, a, date(2026, 7, 9), category="土地")
    cap("i2", m1, p1, Kind.DECISION, a, date(2026, 6, 30))
    cap("i3", m1, p1, Kind.DEADLINE, a, date(2026, 6, 20), text="主体封顶")
    cap("i4", m1, p2, Kind.ISSUE, c, date(2026, 7, 12), co_unit_ids=[a.id], category="资金")
    cap("i5", m1, p2, Kind.DECISION, c, None)
    cap("i6", m1, p2, Kind.DEADLINE, c, date(2026, 7, 5), text="完成拆迁")
    cap("i7", m1, p3, Kind.ISSUE, c, date(2026, 8, 30), text="[red]=SUM(A1)|<b>x</b>")
    cap("i8", m2, p1, Kind.DECISION, a, date(2026, 6, 20))
    items.capture(db, meeting_id=m1.id, project_id=p1.id, kind=Kind.MINUTE, text="纪要不计")

    # i6: done on 07-04, closed on 07-06 (on time). i8: done 06-25, closed 07-02 (5 days late).
    r = followup.report_done(db, i["i6"].id, i["i6"].version, actual=date(2026, 7, 4), now=NOW)
    i["i6"] = followup.close_item(
        db, r.id, r.version, note="现场核验", verifier="督查局 钱峰", now=datetime(2026, 7, 6, 2, tzinfo=UTC)
    )
    r = followup.report_done(db, i["i8"].id, i["i8"].version, actual=date(2026, 6, 25), now=NOW)
    i["i8"] = followup.close_item(
        db, r.id, r.version, note="资料核验", verifier="督查局 钱峰", now=datetime(2026, 7, 2, 2, tzinfo=UTC)
    )
    # i7: extended twice, agreed at meetings 2 and 3.
    e = followup.extend_item(
        db, i["i7"].id, i["i7"].version, new_due=date(2026, 9, 10), reason="资金未到位", meeting_id=m2.id
    )
    i["i7"] = followup.extend_item(
        db, e.id, e.version, new_due=date(2026, 9, 20), reason="再次延期", meeting_id=m3.id
    )
    return Data(a, b, c, p1, p2, p3, m1, m2, m3, i)


def make_template(folder: Path) -> tuple[Path, Data]:
    """Build the dataset once; tests copy the file (building costs a second of fsyncs)."""
    path = folder / "followup-template.sqlite"
    database = open_database(str(path), who="测试员")
    data = build(database)
    database.close()
    return path, data


def copy_of(template: Path, folder: Path) -> Database:
    target = folder / "followup.sqlite"
    shutil.copyfile(template, target)
    return open_database(str(target), who="测试员")
