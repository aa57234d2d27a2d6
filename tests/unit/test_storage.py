"""Storage functions, on a temporary SQLite file and on a fresh PostgreSQL database."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from tui550.core.db import Database, open_database
from tui550.core.domain import Kind, MeetingState, Status, Tag, UnitKind
from tui550.core.errors import ConflictError, UserError
from tui550.core.store import drafts, items, meetings, projects, units


@pytest.fixture
def meeting(db: Database):
    street = units.add_unit(db, "焦西街道", UnitKind.STREET)
    dept = units.add_unit(db, "区自然资源局", aliases=["自然资源局"])
    project = projects.add_project(
        db, "焦西物流园二期", lead_unit_id=dept.id, unit_ids=[street.id], street_id=street.id
    )
    m = meetings.create_meeting(db, "调度会", date(2026, 7, 5), project_ids=[project.id])
    return m, project, street, dept


def test_pragmas_wal_foreign_keys_and_file_mode(sqlite_db: Database, db_path) -> None:
    with sqlite_db.writer.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        busy_timeout = conn.exec_driver_sql("PRAGMA busy_timeout").scalar()
        assert busy_timeout is not None and busy_timeout >= 5000
    assert db_path.stat().st_mode & 0o777 == 0o600


def test_capture_is_committed_and_read_back(db: Database, meeting, db_url: str) -> None:
    m, project, street, dept = meeting
    item = items.capture(
        db,
        meeting_id=m.id,
        project_id=project.id,
        kind=Kind.ISSUE,
        text="征地拆迁进度滞后",
        lead_unit_id=street.id,
        co_unit_ids=[dept.id],
        due=date(2026, 7, 31),
        category="拆迁安置",
    )
    assert item.status is Status.OPEN and item.version == 1 and item.created_by == "测试员"
    # Another client (another process, in effect) sees it at once.
    other = open_database(db_url)
    try:
        assert items.get_item(other, item.id).text == "征地拆迁进度滞后"
    finally:
        other.close()
    assert items.get_item(db, item.id) == item
    assert [i.id for i in items.items_for(db, m.id, project.id)] == [item.id]
    assert item.co_units[0].name == "区自然资源局" and item.lead_unit and item.lead_unit.name == "焦西街道"
    assert item.created_at.tzinfo is not None


def test_capture_strips_control_characters_and_keeps_markup(db: Database, meeting) -> None:
    m, project, *_ = meeting
    item = items.capture(
        db, meeting_id=m.id, project_id=project.id, kind=Kind.MINUTE, text="[red]红[/] \x1b[31m\x07 a=1\u202e"
    )
    assert item.text == "[red]红[/] [31m a=1"
    assert item.tag is Tag.REMARK and item.status is None


def test_empty_text_refused(db: Database, meeting) -> None:
    m, project, *_ = meeting
    with pytest.raises(UserError) as err:
        items.capture(db, meeting_id=m.id, project_id=project.id, kind=Kind.MINUTE, text=" \x00 ")
    assert err.value.key == "item.empty"


def test_capture_with_same_id_is_saved_once(db: Database, meeting) -> None:
    m, project, *_ = meeting
    item_id = uuid.uuid4()
    first = items.capture(
        db, meeting_id=m.id, project_id=project.id, kind=Kind.DECISION, text="一次", item_id=item_id
    )
    again = items.capture(
        db, meeting_id=m.id, project_id=project.id, kind=Kind.DECISION, text="一次", item_id=item_id
    )
    assert first.id == again.id
    assert len(items.items_for(db, m.id, project.id)) == 1


def test_update_checks_version_and_records_history(db: Database, meeting) -> None:
    m, project, *_ = meeting
    item = items.capture(db, meeting_id=m.id, project_id=project.id, kind=Kind.DECISION, text="甲")
    changed = items.update_item(db, item.id, item.version, text="乙", due=date(2026, 8, 1), meeting_id=m.id)
    assert changed.version == 2 and changed.text == "乙"
    with pytest.raises(ConflictError) as err:
        items.update_item(db, item.id, item.version, text="丙")
    assert err.value.current_version == 2
    assert items.get_item(db, item.id).text == "乙"
    history = items.history_of(db, item.id)
    assert [h.action for h in history] == ["create", "update"]
    assert history[1].changes["text"] == ["甲", "乙"]
    assert history[1].changes["due"] == [None, "2026-08-01"]
    assert history[1].who == "测试员" and history[1].meeting_id == m.id


def test_soft_delete_and_restore(db: Database, meeting) -> None:
    m, project, *_ = meeting
    item = items.capture(db, meeting_id=m.id, project_id=project.id, kind=Kind.MINUTE, text="删")
    items.delete_item(db, item.id, item.version)
    assert items.items_for(db, m.id, project.id) == []
    deleted = items.get_item(db, item.id)
    assert deleted.deleted
    restored = items.restore_item(db, item.id, deleted.version)
    assert not restored.deleted and items.items_for(db, m.id, project.id)[0].id == item.id


def test_rekind_keeps_text_and_sets_status(db: Database, meeting) -> None:
    m, project, *_ = meeting
    item = items.capture(db, meeting_id=m.id, project_id=project.id, kind=Kind.MINUTE, text="改")
    issue = items.rekind_item(db, item.id, item.version, Kind.ISSUE)
    assert issue.kind is Kind.ISSUE and issue.status is Status.OPEN and issue.text == "改"
    minute = items.rekind_item(db, issue.id, issue.version, Kind.MINUTE)
    assert minute.status is None and minute.tag is Tag.REMARK


def test_open_items_from_earlier_meetings(db: Database, meeting) -> None:
    m, project, *_ = meeting
    items.capture(
        db, meeting_id=m.id, project_id=project.id, kind=Kind.ISSUE, text="晚", due=date(2026, 9, 1)
    )
    items.capture(
        db, meeting_id=m.id, project_id=project.id, kind=Kind.ISSUE, text="早", due=date(2026, 7, 10)
    )
    items.capture(db, meeting_id=m.id, project_id=project.id, kind=Kind.DECISION, text="无期")
    items.capture(db, meeting_id=m.id, project_id=project.id, kind=Kind.MINUTE, text="纪要")
    closed = items.capture(db, meeting_id=m.id, project_id=project.id, kind=Kind.ISSUE, text="关")
    items.update_item(db, closed.id, closed.version, status=Status.CLOSED)
    later = meetings.create_meeting(db, "下次", date(2026, 7, 19), project_ids=[project.id])
    carried = items.open_items_for(db, project.id, excluding_meeting=later.id)
    assert [i.text for i in carried] == ["早", "晚", "无期"]
    assert items.open_items_for(db, project.id, excluding_meeting=m.id) == []


def test_meeting_life_and_selection(db: Database, meeting) -> None:
    m, *_ = meeting
    started = meetings.start_meeting(db, m.id)
    assert started.state is MeetingState.IN_PROGRESS and started.starts_at is not None
    assert meetings.meeting_in_progress(db) == meetings.get_meeting(db, m.id)
    assert meetings.select_meeting(db, "2026-07-05").id == m.id
    assert meetings.select_meeting(db, m.id.hex[:6]).id == m.id
    assert meetings.select_meeting(db, str(m.id)).id == m.id
    with pytest.raises(UserError) as empty:
        meetings.select_meeting(db, "latest")  # started, but nothing captured yet
    assert empty.value.key == "meeting.none_held"
    items.capture(db, meeting_id=m.id, project_id=None, kind=Kind.MINUTE, text="开场")
    assert meetings.select_meeting(db, "latest").id == m.id
    meetings.create_meeting(db, "同日另一个", date(2026, 7, 5))
    with pytest.raises(UserError) as err:
        meetings.select_meeting(db, "2026-07-05")
    assert err.value.key == "meeting.several_on_date" and "调度会" in err.value.message()
    with pytest.raises(UserError):
        meetings.select_meeting(db, "2030-01-01")
    with pytest.raises(UserError):
        meetings.select_meeting(db, "nonsense")
    closed = meetings.close_meeting(db, m.id)
    assert closed.state is MeetingState.CLOSED and closed.ends_at is not None
    assert meetings.meeting_in_progress(db) is None
    with pytest.raises(UserError):
        meetings.start_meeting(db, m.id)


def test_position_timer_and_agenda(db: Database, meeting) -> None:
    m, project, *_ = meeting
    entry = meetings.agenda(db, m.id)[0]
    assert entry.project.id == project.id and entry.position == 1
    meetings.set_position(db, m.id, 1)
    start = datetime(2026, 7, 5, 1, tzinfo=UTC)
    meetings.save_timer(db, entry.id, elapsed_s=93.5, started_at=start)
    again = meetings.agenda(db, m.id)[0]
    assert again.elapsed_s == 93.5 and again.started_at == start
    assert meetings.get_meeting(db, m.id).current_position == 1


def test_drafts(db: Database, meeting) -> None:
    m, project, *_ = meeting
    assert drafts.load_draft(db, m.id) is None
    drafts.save_draft(db, m.id, project.id, "issue", "拆迁\x1b安置 @焦西")
    draft = drafts.load_draft(db, m.id)
    assert draft is not None and draft.text == "拆迁安置 @焦西" and draft.project_id == project.id
    drafts.clear_draft(db, m.id)
    assert drafts.load_draft(db, m.id) is None


def test_units_by_alias_and_width(db: Database) -> None:
    units.add_unit(db, "区住建局", aliases=["住建局", "区住房和城乡建设局"])
    assert units.find_unit(db, "住建局") is not None
    assert units.find_unit(db, "区住房和城乡建设局 ") is not None
    with pytest.raises(UserError):
        units.add_unit(db, "住建局")


def test_naive_timestamps_are_refused(db: Database, meeting) -> None:
    m, *_ = meeting
    entry = meetings.agenda(db, m.id)[0]
    with pytest.raises(Exception, match="timezone-aware"):
        meetings.save_timer(db, entry.id, elapsed_s=1, started_at=datetime(2026, 7, 5, 9))


@pytest.mark.parametrize("named_links_max", [5000, 0], ids=["links-by-id", "links-joined"])
def test_bulk_reads_give_the_same_views_as_single_reads(
    db: Database, meeting, named_links_max, monkeypatch
) -> None:
    """Exports read items through `_bulk` (raw columns, decoded by hand); screens read
    one at a time through the ORM. Both must give equal views, field for field, whether
    the co-units are looked up by the items' ids (a few thousand) or joined (more)."""
    from tui550.core.store import _bulk

    monkeypatch.setattr(_bulk, "NAMED_LINKS_MAX", named_links_max)
    m, project, street, dept = meeting
    made = [
        items.capture(
            db,
            meeting_id=m.id,
            project_id=project.id,
            kind=Kind.ISSUE,
            text="有单位",
            lead_unit_id=dept.id,
            co_unit_ids=[street.id],
            due=date(2026, 7, 31),
            category="拆迁安置",
        ),
        items.capture(
            db, meeting_id=m.id, project_id=project.id, kind=Kind.MINUTE, text="纪要", tag=Tag.PROGRESS
        ),
        items.capture(db, meeting_id=m.id, project_id=None, kind=Kind.DECISION, text="总体"),
    ]
    reported = items.update_item(
        db, made[0].id, made[0].version, status=Status.REPORTED, actual=date(2026, 7, 20)
    )
    bulk = items.meeting_items(db, m.id)
    assert bulk == [items.get_item(db, i.id) for i in made]
    assert bulk[0].status is Status.REPORTED and bulk[0].actual == date(2026, 7, 20)
    assert bulk[0].updated_at == reported.updated_at and bulk[0].updated_at.tzinfo is not None
    assert [u.name for u in bulk[0].co_units] == ["焦西街道"] and bulk[0].lead_unit == dept
    later = meetings.create_meeting(db, "下次", date(2026, 7, 19), project_ids=[project.id])
    carried = items.open_items_for_projects(db, [project.id], excluding_meeting=later.id)
    assert carried == [items.get_item(db, made[0].id)]
    assert items.open_items_for(db, project.id, excluding_meeting=later.id, limit=1) == carried
    own = [items.get_item(db, i.id) for i in made[:2]]
    assert items.items_for(db, m.id, project.id) == own
    assert items.items_for(db, m.id, project.id, limit=1) == own[1:]  # the newest, oldest first
    assert items.items_for(db, m.id, None) == [items.get_item(db, made[2].id)]


def _in_main_file(path, item_id: uuid.UUID) -> bool:
    """Whether the item is in the database file itself, not only in its WAL."""
    import sqlite3

    con = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    try:
        return con.execute("select count(*) from item where id = ?", (item_id.hex,)).fetchone()[0] == 1
    finally:
        con.close()


@pytest.mark.sqlite_only
def test_deferred_checkpoints_leave_the_wal_until_checkpoint(db: Database, meeting) -> None:
    """Commits on the key path never copy the WAL into the file; `checkpoint` does, later."""
    m, project, *_ = meeting
    db.defer_checkpoints()
    with db.writer.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # still durable
    item = items.capture(db, meeting_id=m.id, project_id=project.id, kind=Kind.MINUTE, text="先进WAL")
    assert not _in_main_file(db.path, item.id)
    assert db.checkpoint()
    assert _in_main_file(db.path, item.id)
    assert items.get_item(db, item.id).text == "先进WAL"


def test_the_fingerprint_follows_every_kind_of_write(db: Database, meeting) -> None:
    meeting, project_view, *_ = meeting
    project = project_view.id
    before = items.items_fingerprint(db, meeting.id, project)
    item = items.capture(db, meeting_id=meeting.id, project_id=project, kind=Kind.ISSUE, text="新问题")
    added = items.items_fingerprint(db, meeting.id, project)
    assert added != before
    changed = items.update_item(db, item.id, item.version, text="改过的问题")
    edited = items.items_fingerprint(db, meeting.id, project)
    assert edited != added
    items.delete_item(db, item.id, changed.version)
    assert items.items_fingerprint(db, meeting.id, project) != edited
    # The general page has its own: the meeting's items under no project.
    general = items.items_fingerprint(db, meeting.id, None)
    items.capture(db, meeting_id=meeting.id, project_id=None, kind=Kind.MINUTE, text="会议强调")
    assert items.items_fingerprint(db, meeting.id, None) != general


def test_a_capture_written_as_our_sql_is_stored_as_sqlalchemy_stores_it(sqlite_db: Database) -> None:
    """The SQLite capture path (`_capture_sql`) encodes every value itself: each stored
    value, as SQLite keeps it, must be what SQLAlchemy's statements store for the same
    capture."""
    import sqlite3

    from tui550.core.store import _capture_sql
    from tui550.core.store.rows import history_row

    street = units.add_unit(sqlite_db, "焦西街道", UnitKind.STREET)
    dept = units.add_unit(sqlite_db, "区自然资源局")
    project = projects.add_project(sqlite_db, "焦西物流园二期", lead_unit_id=dept.id)
    m = meetings.create_meeting(sqlite_db, "调度会", date(2026, 7, 5), project_ids=[project.id])
    at = datetime(2026, 7, 5, 1, 2, 3, 0, tzinfo=UTC)  # no microseconds: still six digits
    written = {}
    for way in ("ours", "sqlalchemy"):
        drafts.save_draft(sqlite_db, m.id, project.id, "issue", "写到一半")
        item_id = uuid.uuid4()
        row = {
            "id": item_id,
            "meeting_id": m.id,
            "project_id": project.id,
            "kind": "issue",
            "tag": None,
            "text": "征地补偿款未到位 [red]'\"",
            "category": "资金",
            "steps": None,
            "lead_unit_id": dept.id,
            "due": date(2026, 12, 4),
            "cadence": None,
            "actual": None,
            "status": "open",
            "original_due": date(2026, 12, 4),
            "created_by": "测试员",
            "created_at": at,
            "updated_at": at,
            "version": 1,
            "extensions": 0,
            "escalation": 0,
        }
        assert set(row) < set(_capture_sql.ITEM_COLUMNS)  # the rest: defaults or NULL
        history = history_row(
            sqlite_db,
            entity="item",
            entity_id=item_id,
            action="create",
            changes={"text": (None, row["text"]), "due": (None, row["due"])},
            meeting_id=m.id,
            at=at,
        )
        with sqlite_db.transaction() as conn:
            if way == "ours":
                assert _capture_sql.write_capture(conn, row, [street.id], history, True)
            else:
                assert items._write_capture(conn, sqlite_db, row, [street.id], history, True)
        raw = sqlite3.connect(str(sqlite_db.path))
        try:
            written[way] = (
                raw.execute("SELECT * FROM item WHERE id = ?", (item_id.hex,)).fetchone()[1:],
                raw.execute(
                    "SELECT unit_id, position FROM item_unit WHERE item_id = ?", (item_id.hex,)
                ).fetchall(),
                raw.execute(
                    "SELECT entity, meeting_id, who, at, action, changes FROM history WHERE entity_id = ?",
                    (item_id.hex,),
                ).fetchall(),
                raw.execute(
                    "SELECT text, updated_at FROM draft WHERE meeting_id = ?", (m.id.hex,)
                ).fetchall(),
            )
        finally:
            raw.close()
    assert written["ours"] == written["sqlalchemy"]
    assert written["ours"][3] == [("", "2026-07-05 01:02:03.000000")]
    # And it reads back as captured.
    assert items.get_item(sqlite_db, item_id).text == row["text"]
