"""Backward scheduling (倒排工期): from a fixed completion date back to today.

`plan_backwards` is pure: given the date a phase must end by (竣工 or 投产) and
the phase template, it says when each phase must start and end at the latest,
and flags those whose latest start has already passed. `create_backward_deadlines`
writes the result as the project's deadlines (时间节点). The template is editable
and kept in the database's `setting` table, so every laptop plans the same way.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlmodel import col, select

from tui550.core.db import Database
from tui550.core.domain import Kind, Status
from tui550.core.errors import UserError
from tui550.core.models import Item, Project
from tui550.core.store.district_settings import get_setting, put_setting
from tui550.core.store.rows import apply_update, record_history
from tui550.i18n import t

SETTING_KEY = "schedule.phases"
MAX_DAYS = 3650


@dataclass(frozen=True, slots=True)
class Phase:
    name: str
    days: int  # 0 for a milestone that is a single day


@dataclass(frozen=True, slots=True)
class PlannedPhase:
    name: str
    days: int
    latest_start: date
    latest_end: date
    late: bool  # the latest start is already behind us


DEFAULT_PHASES: tuple[Phase, ...] = (
    Phase("前期手续", 90),
    Phase("开工", 0),
    Phase("主体施工", 365),
    Phase("竣工验收", 30),
    Phase("投产", 30),
)
# Which phase a fixed date is the end of, by what the user calls the date.
ANCHORS = {"竣工": "竣工验收", "completion": "竣工验收", "投产": "投产", "production": "投产"}


def check_phases(phases: Sequence[Phase]) -> tuple[Phase, ...]:
    names: set[str] = set()
    out = []
    for phase in phases:
        name = phase.name.strip()
        if not name or name in names:
            raise UserError("schedule.bad_phase_name", "schedule.phases.remedy", name=name)
        if not isinstance(phase.days, int) or not 0 <= phase.days <= MAX_DAYS:
            raise UserError("schedule.bad_days", "schedule.phases.remedy", name=name, days=phase.days)
        names.add(name)
        out.append(Phase(name, phase.days))
    if not out:
        raise UserError("schedule.no_phases", "schedule.phases.remedy")
    return tuple(out)


def plan_backwards(
    end: date, phases: Sequence[Phase], *, today: date, anchor: str | None = None
) -> list[PlannedPhase]:
    """Each phase's latest start and end, in template order.

    `anchor` names the phase that must be finished by `end` (default: the last).
    Phases up to it are laid back to back going backwards (a phase ends the day
    before the next one starts); phases after it follow it forwards.
    """
    phases = check_phases(phases)
    anchor_name = ANCHORS.get(anchor or "", anchor) if anchor else phases[-1].name
    index = next((i for i, p in enumerate(phases) if p.name == anchor_name), None)
    if index is None:
        raise UserError("schedule.bad_anchor", "schedule.phases.remedy", name=str(anchor))
    spans: dict[int, tuple[date, date]] = {}
    finish = end
    for i in range(index, -1, -1):
        start = finish - timedelta(days=max(phases[i].days - 1, 0))
        spans[i] = (start, finish)
        finish = start - timedelta(days=1)
    begin = end + timedelta(days=1)
    for i in range(index + 1, len(phases)):
        finish = begin + timedelta(days=max(phases[i].days - 1, 0))
        spans[i] = (begin, finish)
        begin = finish + timedelta(days=1)
    return [
        PlannedPhase(p.name, p.days, spans[i][0], spans[i][1], today > spans[i][0])
        for i, p in enumerate(phases)
    ]


def phases_text(phases: Sequence[Phase]) -> str:
    """The template as one editable line: 前期手续 90，开工 0，主体施工 365."""
    return "，".join(f"{p.name} {p.days}" for p in phases)


_PHASE = re.compile(r"^(?P<name>.*?)\s*[:：]?\s*(?P<days>\d+)\s*(?:天|日|d|days?)?$", re.IGNORECASE)


def parse_phases_text(text: str) -> tuple[Phase, ...]:
    """Read `phases_text` back: phases split by commas or semicolons, each a name and days."""
    phases = []
    for part in re.split(r"[,，;；、\n]", unicodedata.normalize("NFKC", text)):
        part = part.strip()
        if not part:
            continue
        m = _PHASE.match(part)
        if m is None or not m.group("name").strip():
            raise UserError("lui.schedule.bad_phase", "lui.schedule.phases.remedy", part=part)
        days = int(m.group("days"))
        if days > MAX_DAYS:
            raise UserError("schedule.bad_days", "schedule.phases.remedy", name=m.group("name"), days=days)
        phases.append(Phase(m.group("name").strip(), days))
    return check_phases(phases)


def get_phase_template(db: Database) -> tuple[Phase, ...]:
    raw = get_setting(db, SETTING_KEY)
    if not raw:
        return DEFAULT_PHASES
    try:
        return check_phases([Phase(str(name), int(days)) for name, days in raw])
    except (TypeError, ValueError, UserError):
        return DEFAULT_PHASES  # a damaged setting must not stop planning


def save_phase_template(db: Database, phases: Sequence[Phase]) -> tuple[Phase, ...]:
    checked = check_phases(phases)
    put_setting(db, SETTING_KEY, [[p.name, p.days] for p in checked])
    return checked


def deadline_text(phase: str) -> str:
    return t("schedule.deadline_text", phase=phase)


def create_backward_deadlines(
    db: Database,
    project_id: uuid.UUID,
    meeting_id: uuid.UUID,
    end: date,
    *,
    today: date,
    anchor: str | None = None,
    phases: Sequence[Phase] | None = None,
) -> list[tuple[uuid.UUID, PlannedPhase]]:
    """Write the plan as the project's deadlines, owned by its lead unit; return (item id, phase).

    Running it again (a new completion date) moves the due dates of the
    deadlines it made before instead of adding new ones; each move is history.
    """

    plan = plan_backwards(end, phases or get_phase_template(db), today=today, anchor=anchor)
    out: list[tuple[uuid.UUID, PlannedPhase]] = []
    with db.write() as session:
        project = session.get(Project, project_id)
        if project is None or project.deleted_at is not None:
            raise UserError("project.unknown", id=str(project_id))
        existing = {
            i.text: i
            for i in session.exec(
                select(Item).where(
                    Item.project_id == project_id,
                    Item.kind == Kind.DEADLINE.value,
                    col(Item.deleted_at).is_(None),
                )
            )
        }
        for phase in plan:
            text = deadline_text(phase.name)
            found = existing.get(text)
            if found is not None:
                if found.due != phase.latest_end and found.status != Status.CLOSED.value:
                    apply_update(
                        session,
                        db,
                        Item,
                        found.id,
                        found.version,
                        {"due": phase.latest_end},
                        entity="item",
                        meeting_id=meeting_id,
                        action="replan",
                    )
                out.append((found.id, phase))
                continue
            values: dict[str, Any] = {
                "meeting_id": meeting_id,
                "project_id": project_id,
                "kind": Kind.DEADLINE.value,
                "text": text,
                "lead_unit_id": project.lead_unit_id,
                "due": phase.latest_end,
                "original_due": phase.latest_end,
                "status": Status.OPEN.value,
                "created_by": db.who,
                "steps": None,
            }
            item = Item(**values)
            session.add(item)
            session.flush()
            record_history(
                session,
                db,
                entity="item",
                entity_id=item.id,
                action="create",
                changes={k: (None, v) for k, v in values.items() if v is not None},
                meeting_id=meeting_id,
            )
            out.append((item.id, phase))
    return out
