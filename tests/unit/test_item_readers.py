"""Every road an item is read by gives the same view of it.

An item is turned into an `ItemView` in four places: the capture's answer, the bulk
reads of lists (`_bulk.views_of`), the supervision board's rows and the held row the
meeting shows before a write returns. A field added to the model and the view but
forgotten by one of them would show as empty on that screen only. The items here set
every field of the view away from its default, so a new field fails the first test
until it is set here too, and then the comparison below finds a reader that drops it.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from tests.support.export_helpers import EARLIER
from tui550.core.db import Database
from tui550.core.domain import ItemView, Kind, Tag
from tui550.core.store import followup, items, meetings, supervision, units

# Fields no open list shows away from their default: a deleted item leaves every
# list, and version 0 is the meeting's held row before it is stored.
NOT_ON_OPEN_LISTS = {"deleted"}


def _two_items(db: Database, tmp_path: Path) -> list[ItemView]:
    known = units.list_units(db)
    project = meetings.agenda(db, EARLIER)[0].project.id
    dated = items.capture(
        db,
        meeting_id=EARLIER,
        project_id=project,
        kind=Kind.ISSUE,
        text="征地拆迁资金缺口",
        category="资金",
        steps="分两批拨付",
        lead_unit_id=known[0].id,
        co_unit_ids=[known[1].id],
        due=date(2026, 9, 30),
        actual=date(2026, 7, 18),
    )
    standing = items.capture(
        db,
        meeting_id=EARLIER,
        project_id=project,
        kind=Kind.DECISION,
        text="每周调度一次",
        lead_unit_id=known[0].id,
        cadence="每周五",
    )
    # A tag belongs to minutes, which no supervision list shows.
    minute = items.capture(
        db, meeting_id=EARLIER, project_id=project, kind=Kind.MINUTE, text="主体已封顶", tag=Tag.PROGRESS
    )
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(b"\xff\xd8 on-site photo")
    followup.attach_evidence(db, standing.id, photo)
    return [dated, standing, minute]


def _is_set(value: object, default: object) -> bool:
    return value not in (None, (), False) and value != default


def test_the_items_set_every_field_of_the_view(demo_db: Database, tmp_path: Path) -> None:
    captured = _two_items(demo_db, tmp_path)
    read = {v.id: v for v in items.meeting_items(demo_db, EARLIER)}
    for field in dataclasses.fields(ItemView):
        if field.name in NOT_ON_OPEN_LISTS:
            continue
        values = [getattr(read[v.id], field.name) for v in captured]
        assert any(_is_set(v, field.default) for v in values), f"set {field.name} on one of the items here"


def test_every_reader_gives_the_same_view(demo_db: Database, tmp_path: Path) -> None:
    captured = _two_items(demo_db, tmp_path)
    ids = [v.id for v in captured]
    bulk = {v.id: v for v in items.meeting_items(demo_db, EARLIER) if v.id in ids}
    single = {i: items.get_item(demo_db, i) for i in ids}
    board = {r.item.id: r.item for r in supervision.supervision_rows(demo_db, item_ids=ids)}
    assert set(bulk) == set(single) == set(ids)
    assert set(board) == {v.id for v in captured if v.tracked}
    for view in captured:
        assert bulk[view.id] == single[view.id] == board.get(view.id, single[view.id])
        # The capture's answer is the item as written, before its evidence was attached.
        assert dataclasses.replace(bulk[view.id], evidence=False) == view
