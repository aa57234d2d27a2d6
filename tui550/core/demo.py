"""The bundled demo: a realistic "550" meeting, dated relative to today.

The previous meeting was two weeks ago; its decisions and issues are open now,
some overdue, some due within days, one closed, so that every light shows.
Ids are derived from names, so the demo is the same on every machine (snapshot
tests rely on that).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlmodel import select

from tui550.core.db import Database
from tui550.core.demo_data import DEPARTMENTS, EARLIER, LEADERS, PROJECTS, STREETS
from tui550.core.demo_mark import DEMO_MARK
from tui550.core.domain import Kind, MeetingView, Status, Tag, UnitKind
from tui550.core.models import Meeting, Project, ProjectMonth, ProjectUnit, Setting, Unit, UnitAlias
from tui550.core.store import items, meetings
from tui550.core.store.rows import record_history

_NS = uuid.UUID("5c0b5de2-5550-4550-8550-000000000550")


def demo_id(*parts: str) -> uuid.UUID:
    return uuid.uuid5(_NS, ":".join(parts))


def build_demo(db: Database, today: date, *, time_box_s: int = 240) -> MeetingView:
    """Fill an empty database with the demo; return the meeting of `today`."""
    unit_ids: dict[str, uuid.UUID] = {}
    with db.write() as session:
        for name in STREETS:
            unit_ids[name] = demo_id("unit", name)
            session.add(Unit(id=unit_ids[name], name=name, kind=UnitKind.STREET.value))
        for name, _aliases in DEPARTMENTS:
            unit_ids[name] = demo_id("unit", name)
            session.add(Unit(id=unit_ids[name], name=name, kind=UnitKind.DEPARTMENT.value))
        session.flush()
        for name, aliases in DEPARTMENTS:
            for alias in aliases:
                session.add(UnitAlias(id=demo_id("alias", alias), unit_id=unit_ids[name], alias=alias))
        project_ids: dict[str, uuid.UUID] = {}
        for n, (code, name, category, street, lead, units, total, year, target) in enumerate(PROJECTS):
            pid = demo_id("project", code)
            project_ids[code] = pid
            session.add(
                Project(
                    id=pid,
                    code=code,
                    name=name,
                    category=category,
                    street_id=unit_ids[street],
                    leader=LEADERS[n % len(LEADERS)],
                    lead_unit_id=unit_ids[lead],
                    investment_total=total,
                    investment_year=year,
                    annual_target=target,
                    planned_start=date(today.year, 3, 1) if n % 3 else date(today.year - 1, 9, 1),
                    planned_end=date(today.year + 1, 6, 30) if n % 2 else date(today.year, 12, 31),
                    status="在建" if n % 5 else "前期",
                )
            )
            session.flush()
            for i, unit in enumerate(units):
                session.add(ProjectUnit(project_id=pid, unit_id=unit_ids[unit], position=i))
            # Last month's figures, as the monthly ledger reported them (a few are late).
            if year and n % 4 != 3:
                month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
                session.add(
                    ProjectMonth(
                        id=demo_id("month", code),
                        project_id=pid,
                        month=month,
                        invested=round(year / 12 * (0.6 + (n % 5) / 5)),
                        progress_pct=float(15 + n * 7 % 70),
                    )
                )
        # Mark the database as the demo's, so `tui550 demo` never overwrites a real one.
        session.add(Setting(key=DEMO_MARK, value=True))
        record_history(session, db, entity="database", entity_id=_NS, action="demo")

    earlier_day = today - timedelta(days=14)
    earlier = meetings.create_meeting(
        db,
        "解放区“550”重点项目调度会",
        earlier_day,
        meeting_id=demo_id("meeting", "earlier"),
        project_ids=[project_ids[c] for c, *_ in PROJECTS[:16]],
        time_box_s=time_box_s,
        starts_at=_at(earlier_day, 9),
        issue_no="第13期",
        place="区委三楼会议室",
        chair="区委书记 周立新",
        attendees="区委副书记、区长 韩文博；区领导 孙海涛、郑丽华、马国栋",
        non_voting="各街道、区直有关部门主要负责人",
        absentees="区领导 何志远（出差）",
        recorder="区政府办 赵敏",
    )
    for n, (code, kind, text, lead, co, due_in, issue_category, status) in enumerate(EARLIER):
        item = items.capture(
            db,
            meeting_id=earlier.id,
            project_id=project_ids[code],
            kind=Kind(kind),
            text=text,
            lead_unit_id=unit_ids[lead],
            co_unit_ids=[unit_ids[c] for c in co],
            due=today + timedelta(days=due_in) if due_in is not None else None,
            category=issue_category,
            item_id=demo_id("item", str(n)),
        )
        if status != Status.OPEN.value:
            extra: dict[str, Any] = {}
            if status == Status.CLOSED.value:
                extra = {
                    "closed_by": "区督查局 钱峰",
                    "closed_note": "现场核验完成，同意销号",
                    "closed_at": _at(today - timedelta(days=8), 16),
                    "actual": today - timedelta(days=9),
                }
            items.update_item(
                db,
                item.id,
                item.version,
                meeting_id=earlier.id,
                action="status",
                status=Status(status),
                **extra,
            )
    items.capture(
        db,
        meeting_id=earlier.id,
        project_id=None,
        kind=Kind.MINUTE,
        tag=Tag.REMARK,
        text="会议强调，要抢抓二三季度施工黄金期，倒排工期、挂图作战。",
        item_id=demo_id("item", "earlier-general"),
    )
    with db.write() as session:
        row = session.get(Meeting, earlier.id)
        assert row is not None
        row.state = "closed"
        row.ends_at = _at(earlier_day, 11, 30)
        session.add(row)

    return meetings.create_meeting(
        db,
        "解放区“550”重点项目调度会",
        today,
        meeting_id=demo_id("meeting", "today"),
        project_ids=[project_ids[c] for c, *_ in PROJECTS],
        time_box_s=time_box_s,
        starts_at=_at(today, 9),
        issue_no="第14期",
        place="区委三楼会议室",
        chair="区委书记 周立新",
        attendees="区委副书记、区长 韩文博；区领导 孙海涛、郑丽华、马国栋、何志远",
        non_voting="各街道、区直有关部门主要负责人",
        recorder="区政府办 赵敏",
    )


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    # Meeting times are district (UTC+8) times; stored in UTC.
    return datetime.combine(day, time(hour, minute), tzinfo=UTC) - timedelta(hours=8)


def is_empty(db: Database) -> bool:
    with db.read() as session:
        return (
            session.exec(select(Unit.id).limit(1)).first() is None
            and session.exec(select(Meeting.id).limit(1)).first() is None
        )
