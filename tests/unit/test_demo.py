from __future__ import annotations

from tests.support.demo import DEMO_DAY
from tui550.core.db import Database
from tui550.core.demo import build_demo
from tui550.core.demo_mark import is_demo
from tui550.core.domain import Light, MeetingState, Status
from tui550.core.lights import light
from tui550.core.store import items, meetings, units


def test_demo_contents(demo_db: Database) -> None:
    all_meetings = meetings.list_meetings(demo_db)
    assert len(all_meetings) == 2
    today = next(m for m in all_meetings if m.date == DEMO_DAY)
    earlier = next(m for m in all_meetings if m.date != DEMO_DAY)
    assert (DEMO_DAY - earlier.date).days == 14 and earlier.state is MeetingState.CLOSED
    agenda = meetings.agenda(demo_db, today.id)
    assert len(agenda) == 30
    assert all(a.project.lead_unit and a.project.units and a.project.leader for a in agenda)
    streets = {u.name for u in units.list_units(demo_db) if u.kind.value == "street"}
    assert {"民生街道", "七百间街道", "王褚街道"} <= streets and len(streets) == 9
    assert is_demo(demo_db)


def test_demo_lights_are_meaningful_on_its_day(demo_db: Database) -> None:
    earlier = next(m for m in meetings.list_meetings(demo_db) if m.date != DEMO_DAY)
    tracked = [i for i in items.meeting_items(demo_db, earlier.id) if i.tracked]
    lights = [light(i.status, i.due, DEMO_DAY) for i in tracked]
    assert lights.count(Light.RED) >= 3
    assert lights.count(Light.YELLOW) >= 2
    assert lights.count(Light.GREEN) >= 3
    assert [i.status for i in tracked].count(Status.CLOSED) == 1


def test_demo_is_the_same_every_time(tmp_path) -> None:
    from tui550.core.db import open_database

    ids = []
    for name in ("a.sqlite", "b.sqlite"):
        db = open_database(str(tmp_path / name))
        build_demo(db, DEMO_DAY)
        ids.append([m.id for m in meetings.list_meetings(db)])
        db.close()
    assert ids[0] == ids[1]
