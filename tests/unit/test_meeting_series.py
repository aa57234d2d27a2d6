"""Three meetings entered out of date order (the second one backdated), with an upkeep
record, an import record and a prepared meeting among them: what each meeting's wall
carries over (往期), the follow-up count (跟踪N次) and the agenda's overdue counts, against
values worked out by hand in the comments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from tui550.core.db import Database
from tui550.core.domain import ItemView, Kind, MeetingKind, MeetingView, ProjectView, UnitKind
from tui550.core.store import agenda, items, meetings, projects, supervision, units
from tui550.core.store.upkeep_meeting import meeting_for_ledger_edits

# 10:00 in the district on 10 July 2026.
NOW = datetime(2026, 7, 10, 2, tzinfo=UTC)


@dataclass
class Series:
    m1: MeetingView
    m2: MeetingView
    m3: MeetingView
    p: ProjectView
    q: ProjectView
    i: dict[str, ItemView]


def _held(db: Database, title: str, day: date, agenda_ids: list, captures: list) -> MeetingView:
    m = meetings.create_meeting(db, title, day, project_ids=agenda_ids)
    meetings.start_meeting(db, m.id)
    for capture in captures:
        capture(m)
    return meetings.close_meeting(db, m.id)


@pytest.fixture
def series(db: Database) -> Series:
    street = units.add_unit(db, "焦西街道", UnitKind.STREET)
    p = projects.add_project(db, "焦西物流园二期", lead_unit_id=street.id)
    q = projects.add_project(db, "民主路棚户区改造", lead_unit_id=street.id)
    i: dict[str, ItemView] = {}

    def cap(key: str, project, kind: Kind, due: date):
        def run(m: MeetingView) -> None:
            i[key] = items.capture(
                db,
                meeting_id=m.id,
                project_id=project.id,
                kind=kind,
                text=key,
                lead_unit_id=street.id,
                due=due,
            )

        return run

    # Entered in this order: the first meeting, the third (held on its day), then the
    # second, entered afterwards with its real, earlier date.
    m1 = _held(
        db,
        "第1期",
        date(2026, 6, 1),
        [p.id, q.id],
        [cap("A", p, Kind.ISSUE, date(2026, 6, 10)), cap("B", q, Kind.DECISION, date(2026, 7, 20))],
    )
    m3 = _held(db, "第3期", date(2026, 7, 1), [p.id], [cap("C", p, Kind.ISSUE, date(2026, 7, 15))])
    m2 = _held(db, "第2期", date(2026, 6, 15), [p.id, q.id], [])
    # Between them: a ledger-upkeep record (a deadline D on 6-20), an empty issue-list
    # import record, and a meeting prepared for 6-25 that was never held.
    upkeep = meeting_for_ledger_edits(db, date(2026, 6, 20))
    i["D"] = items.capture(
        db,
        meeting_id=upkeep.id,
        project_id=p.id,
        kind=Kind.DEADLINE,
        text="D",
        lead_unit_id=street.id,
        due=date(2026, 6, 18),
    )
    imported = meetings.create_meeting(
        db, "问题清单导入", date(2026, 6, 22), kind=MeetingKind.IMPORT, project_ids=[p.id]
    )
    meetings.close_meeting(db, imported.id)
    meetings.create_meeting(db, "未开的会", date(2026, 6, 25), project_ids=[p.id, q.id])
    return Series(m1, m2, m3, p, q, i)


def _texts(views: list[ItemView]) -> list[str]:
    return sorted(v.text for v in views)


def test_a_meeting_carries_over_only_items_raised_by_its_date(db: Database, series: Series) -> None:
    s = series
    # 第2期 (6-15): only A (第1期, 6-01). C (第3期, 7-01) and D (upkeep, 6-20) came later.
    assert _texts(items.open_items_for(db, s.p.id, excluding_meeting=s.m2.id)) == ["A"]
    assert items.count_open_items(db, s.p.id, excluding_meeting=s.m2.id) == 1
    # 第3期 (7-01): A and D; C is its own.
    assert _texts(items.open_items_for(db, s.p.id, excluding_meeting=s.m3.id)) == ["A", "D"]
    both = items.open_items_for_projects(db, [s.p.id, s.q.id], excluding_meeting=s.m2.id)
    assert _texts(both) == ["A", "B"]
    # 第1期 (6-01) had nothing before it.
    assert items.open_items_for(db, s.p.id, excluding_meeting=s.m1.id) == []


def _counts(db: Database, s: Series, seen_from=None) -> dict[str, int]:
    rows = supervision.supervision_rows(
        db, item_ids=[v.id for v in s.i.values()], now=NOW, seen_from=seen_from
    )
    return {r.item.text: r.carried for r in rows}


def test_the_follow_up_count_is_of_meetings_held_with_the_project_on_the_agenda(
    db: Database, series: Series
) -> None:
    s = series
    # Held meetings with 焦西 (p) on the agenda: 6-01, 6-15, 7-01; with 民主路 (q): 6-01, 6-15.
    # The upkeep and import records and the meeting never held do not count.
    # On the supervision list (to today, 7-10):
    #   A (raised 6-01): 6-15, 7-01 → 2.   B (q, raised 6-01): 6-15 → 1.
    #   C (raised 7-01): none after → 0.  D (raised 6-20): 7-01 → 1.
    assert _counts(db, s) == {"A": 2, "B": 1, "C": 0, "D": 1}
    # On 第3期's wall (7-01), only meetings before it count: A: 6-15 → 1; D: none → 0.
    on_m3 = _counts(db, s, seen_from=s.m3.id)
    assert (on_m3["A"], on_m3["D"]) == (1, 0)
    # On 第2期's wall (6-15): A was raised at the only meeting before → 0.
    assert _counts(db, s, seen_from=s.m2.id)["A"] == 0


def test_the_count_stops_when_the_item_closes_and_before_the_meeting_on_screen() -> None:
    from tui550.core.followup.rules import carried

    held = [date(2026, 6, 1), date(2026, 6, 15), date(2026, 7, 1)]
    assert carried(date(2026, 6, 1), held, until=date(2026, 6, 20)) == 1  # closed on 6-20
    assert carried(date(2026, 6, 1), held, until=date(2026, 7, 1)) == 2
    assert carried(date(2026, 6, 1), held, until=date(2026, 6, 30)) == 1  # seen from 7-01
    assert carried(date(2026, 7, 1), held, until=date(2026, 6, 30)) == 0  # raised later


def test_the_agenda_counts_open_and_overdue_items_on_the_meetings_date(db: Database, series: Series) -> None:
    s = series
    # Planned on 第2期's date (6-15): p has A (due 6-10: overdue); C and D were raised later.
    # q has B (due 7-20).
    on_m2 = {
        e.project_id: (e.open_items, e.overdue_items) for e in agenda.plan_agenda(db, today=date(2026, 6, 15))
    }
    assert on_m2 == {s.p.id: (1, 1), s.q.id: (1, 0)}
    # On 第3期's date (7-01): p has A, C and D; overdue: A (6-10) and D (6-18), not C (7-15).
    on_m3 = {
        e.project_id: (e.open_items, e.overdue_items) for e in agenda.plan_agenda(db, today=date(2026, 7, 1))
    }
    assert on_m3 == {s.p.id: (3, 2), s.q.id: (1, 0)}
    # Today (7-25) B is overdue too: the day decides, not the clock.
    late = {e.project_id: e.overdue_items for e in agenda.plan_agenda(db, today=date(2026, 7, 25))}
    assert late == {s.p.id: 3, s.q.id: 1}
