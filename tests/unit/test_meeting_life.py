"""A meeting's life in the store: prepared, started, closed, amended, deleted and restored,
and which meeting `latest` names. Every test runs on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui550.core.db import Database
from tui550.core.domain import Kind, MeetingKind, MeetingState, UnitKind
from tui550.core.errors import UserError
from tui550.core.store import items, lifecycle, meetings, projects, units
from tui550.core.store.upkeep_meeting import meeting_for_ledger_edits


@pytest.fixture
def project(db: Database):
    street = units.add_unit(db, "焦西街道", UnitKind.STREET)
    return projects.add_project(db, "焦西物流园二期", lead_unit_id=street.id)


def test_a_new_meeting_is_prepared_and_started_on_its_day(db: Database, project) -> None:
    m = meetings.create_meeting(db, "调度会", date(2026, 7, 5), project_ids=[project.id])
    assert m.state is MeetingState.PLANNED and m.starts_at is None and m.kind is MeetingKind.MEETING
    assert meetings.meeting_in_progress(db) is None  # prepared is not running
    started = meetings.start_meeting(db, m.id)
    assert started.state is MeetingState.IN_PROGRESS and started.starts_at is not None
    assert meetings.start_meeting(db, m.id) == started  # resuming is no change
    closed = meetings.close_meeting(db, m.id)
    assert closed.state is MeetingState.CLOSED and closed.ends_at is not None


def test_a_second_meeting_in_progress_is_refused_unless_confirmed(db: Database, project) -> None:
    first = meetings.start_meeting(db, meetings.create_meeting(db, "第一个", date(2026, 7, 5)).id)
    second = meetings.create_meeting(db, "第二个", date(2026, 7, 5))
    with pytest.raises(UserError) as refused:
        meetings.start_meeting(db, second.id)
    assert refused.value.key == "meeting.another_running" and "第一个" in refused.value.message()
    assert meetings.get_meeting(db, second.id).state is MeetingState.PLANNED
    assert meetings.start_meeting(db, second.id, alongside=True).state is MeetingState.IN_PROGRESS
    assert meetings.get_meeting(db, first.id).state is MeetingState.IN_PROGRESS


def test_records_are_not_meetings_to_run(db: Database) -> None:
    upkeep = meeting_for_ledger_edits(db, date(2026, 7, 5))
    assert upkeep.kind is MeetingKind.UPKEEP and upkeep.state is MeetingState.CLOSED
    with pytest.raises(UserError) as refused:
        meetings.start_meeting(db, upkeep.id)
    assert refused.value.key == "meeting.not_a_meeting"


@pytest.mark.parametrize(
    ("previous", "following"),
    [
        ("第14期", "第15期"),
        ("2026年第9期", "2026年第10期"),
        ("2026-09", "2026-10"),
        ("第０９期", "第１０期"),
        ("第十四期", None),
        ("", None),
        (None, None),
    ],
)
def test_the_issue_number_follows_the_last(previous: str | None, following: str | None) -> None:
    assert lifecycle.following_issue_no(previous) == following


def test_next_issue_number_reads_the_latest_meeting_by_date(db: Database) -> None:
    assert lifecycle.next_issue_no(db) is None
    meetings.create_meeting(db, "调度会", date(2026, 7, 5), issue_no="第14期")
    meetings.create_meeting(db, "补录的早期会议", date(2026, 6, 1), issue_no="第12期")
    meetings.create_meeting(db, "未编号", date(2026, 7, 6))
    assert lifecycle.next_issue_no(db) == "第15期"


def test_delete_takes_the_items_and_restore_brings_back_only_them(db: Database, project) -> None:
    m = meetings.start_meeting(
        db, meetings.create_meeting(db, "调度会", date(2026, 7, 5), project_ids=[project.id]).id
    )
    kept = [
        items.capture(db, meeting_id=m.id, project_id=project.id, kind=Kind.ISSUE, text=f"问题{n}")
        for n in range(3)
    ]
    gone = items.capture(db, meeting_id=m.id, project_id=None, kind=Kind.MINUTE, text="删掉的")
    items.delete_item(db, gone.id, gone.version, meeting_id=m.id)

    assert lifecycle.delete_meeting(db, m.id, m.version) == 3
    assert all(x.id != m.id for x in meetings.list_meetings(db))
    assert meetings.meeting_in_progress(db) is None
    with pytest.raises(UserError):
        meetings.get_meeting(db, m.id)
    assert items.meeting_items(db, m.id) == []
    assert meetings.agenda(db, m.id) == []
    assert lifecycle.deleted_meeting(db, m.id.hex[:6]).id == m.id

    back = lifecycle.restore_meeting(db, m.id)
    assert back.state is MeetingState.IN_PROGRESS and back.counts == {"issue": 3}
    assert sorted(i.id for i in items.meeting_items(db, m.id)) == sorted(i.id for i in kept)
    assert [e.project.id for e in meetings.agenda(db, m.id)] == [project.id]
    assert items.get_item(db, gone.id).deleted  # deleted on its own before: stays deleted
    actions = [h.action for h in items.history_of(db, m.id)]
    assert actions[-2:] == ["delete", "restore"]
    assert [h.action for h in items.history_of(db, kept[0].id)][-2:] == ["delete", "restore"]
    with pytest.raises(UserError) as again:
        lifecycle.restore_meeting(db, m.id)
    assert again.value.key == "meeting.not_deleted"


def test_a_stale_delete_is_refused(db: Database) -> None:
    from tui550.core.errors import ConflictError

    m = meetings.create_meeting(db, "调度会", date(2026, 7, 5))
    meetings.start_meeting(db, m.id)
    with pytest.raises(ConflictError):
        lifecycle.delete_meeting(db, m.id, m.version)  # read before it was started
    assert meetings.get_meeting(db, m.id).state is MeetingState.IN_PROGRESS


def test_amending_a_closed_meeting_needs_a_reason_and_keeps_its_closing_time(
    db: Database, project, tmp_path: Path
) -> None:
    m = meetings.start_meeting(
        db, meetings.create_meeting(db, "调度会", date(2026, 7, 5), project_ids=[project.id]).id
    )
    item = items.capture(db, meeting_id=m.id, project_id=project.id, kind=Kind.DECISION, text="尽快完成征地")
    closed = meetings.close_meeting(db, m.id)
    with pytest.raises(UserError) as refused:
        items.update_item(db, item.id, item.version, meeting_id=m.id, text="改不了")
    assert refused.value.key == "meeting.amend.no_reason"
    with pytest.raises(UserError):
        items.delete_item(db, item.id, item.version, meeting_id=m.id, reason="  ")
    assert items.get_item(db, item.id).text == "尽快完成征地"
    with pytest.raises(UserError) as not_closed:
        lifecycle.begin_amendment(db, meetings.create_meeting(db, "另一个", date(2026, 7, 6)).id, "x")
    assert not_closed.value.key == "meeting.amend.not_closed"

    reason = lifecycle.begin_amendment(db, m.id, "会上已明确由焦西街道牵头")
    street = units.list_units(db)[0]
    fixed = items.update_item(
        db,
        item.id,
        item.version,
        meeting_id=m.id,
        reason=reason,
        text="7月底前完成征地",
        lead_unit_id=street.id,
    )
    assert fixed.text == "7月底前完成征地" and fixed.lead_unit == street
    last = items.history_of(db, item.id)[-1]
    assert last.who == "测试员" and last.changes["reason"] == [None, reason]
    assert last.changes["text"] == ["尽快完成征地", "7月底前完成征地"]
    assert items.history_of(db, m.id)[-1].action == "amend"
    after = meetings.get_meeting(db, m.id)
    assert after.state is MeetingState.CLOSED and after.ends_at == closed.ends_at

    from tui550.core.exporting import export_meeting

    [path] = export_meeting(db, m.id, "md", tmp_path / "m.md")
    text = path.read_text(encoding="utf-8")
    assert "7月底前完成征地" in text and "尽快完成征地" not in text


def test_latest_is_the_last_held_meeting_with_items(db: Database, project) -> None:
    with pytest.raises(UserError) as none:
        meetings.select_meeting(db, "latest")
    assert none.value.key == "meeting.none_held"
    held = meetings.start_meeting(db, meetings.create_meeting(db, "上次", date(2026, 7, 1)).id)
    items.capture(db, meeting_id=held.id, project_id=None, kind=Kind.MINUTE, text="讲话")
    meetings.close_meeting(db, held.id)
    upkeep = meeting_for_ledger_edits(db, date(2026, 7, 9))
    items.capture(
        db, meeting_id=upkeep.id, project_id=project.id, kind=Kind.DEADLINE, text="节点", due=date(2026, 8, 1)
    )
    meetings.start_meeting(db, meetings.create_meeting(db, "开了没记", date(2026, 7, 8)).id)
    meetings.create_meeting(db, "下次", date(2026, 7, 15))  # prepared, not held
    assert meetings.select_meeting(db, "latest").id == held.id


def test_the_migration_tells_records_from_meetings_and_unstarts_empty_ones(db: Database, project) -> None:
    """Databases from before meeting kinds: upkeep and import records are found by their
    titles (and the upkeep's setting), and a meeting opened but never used is planned again."""
    from alembic import command
    from sqlalchemy import text

    from tui550.core.migrate import alembic_config

    upkeep = meeting_for_ledger_edits(db, date(2026, 7, 1))
    renamed = meeting_for_ledger_edits(db, date(2026, 7, 2))  # the setting names this one
    imported = meetings.create_meeting(db, "问题清单导入：清单.xlsx（2026年7月3日）", date(2026, 7, 3))
    used = meetings.start_meeting(db, meetings.create_meeting(db, "开过的会", date(2026, 7, 4)).id)
    items.capture(db, meeting_id=used.id, project_id=None, kind=Kind.MINUTE, text="讲话")
    meetings.close_meeting(db, used.id)
    empty = meetings.start_meeting(db, meetings.create_meeting(db, "空会", date(2026, 7, 5)).id)
    config = alembic_config()
    with db.writer.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0008")
        conn.execute(
            text("UPDATE meeting SET title = '改过名的记录' WHERE id = :id"),
            {"id": renamed.id.hex if db.dialect == "sqlite" else renamed.id},
        )
        command.upgrade(config, "head")
    db.unit_cache.clear()
    kinds = {m.id: (m.kind, m.state) for m in meetings.list_meetings(db)}
    assert kinds[upkeep.id] == (MeetingKind.UPKEEP, MeetingState.CLOSED)
    assert kinds[renamed.id] == (MeetingKind.UPKEEP, MeetingState.CLOSED)
    assert kinds[imported.id] == (MeetingKind.IMPORT, MeetingState.PLANNED)
    assert kinds[used.id] == (MeetingKind.MEETING, MeetingState.CLOSED)
    assert kinds[empty.id] == (MeetingKind.MEETING, MeetingState.PLANNED)


_NO_DIGITS = st.text(alphabet=st.characters(exclude_categories=["Nd"]), max_size=6)


@given(_NO_DIGITS, st.integers(min_value=0, max_value=10**6), _NO_DIGITS, _NO_DIGITS.filter(bool))
def test_the_following_number_counts_up_the_last_number_only(
    head: str, n: int, tail: str, other: str
) -> None:
    previous = f"{head}7{other}{n}{tail}"
    assert lifecycle.following_issue_no(previous) == f"{head}7{other}{n + 1}{tail}"


@given(st.text(max_size=20))
def test_any_issue_number_text_is_followed_or_left_alone(text: str) -> None:
    following = lifecycle.following_issue_no(text)
    assert following is None or following != text


def test_an_exchange_file_from_before_meeting_kinds_loads_its_meetings_as_meetings(
    db: Database, tmp_path: Path
) -> None:
    from tui550.core import exchange
    from tui550.core.db import open_database

    m = meetings.create_meeting(db, "调度会", date(2026, 7, 5))
    data = exchange.dump(db, m.id)
    for row in data["tables"]["meeting"]:
        del row["kind"]  # as a file written before schema 0009
    other = open_database(str(tmp_path / "other.sqlite"), who="测试员")
    try:
        exchange.load(other, exchange.parse(exchange.to_json(data)))
        assert meetings.get_meeting(other, m.id).kind is MeetingKind.MEETING
    finally:
        other.close()
