"""The running meeting without a screen: sequences of key events against the saved rows.

Each test applies events to `RunningMeeting` in the order keys would arrive (an Enter
carries the `Where` taken when it arrived) and then asks the database what was saved."""

from __future__ import annotations

import pytest

from tests.support.demo import DEMO_DAY
from tui550.core.clock import Clock
from tui550.core.db import Database
from tui550.core.domain import Kind
from tui550.core.errors import StorageError
from tui550.core.followup.rules import Rules
from tui550.core.running_meeting import RunningMeeting, read_ahead, read_wall
from tui550.core.store import items, meetings


def _open(db: Database) -> RunningMeeting:
    meeting = next(m for m in meetings.list_meetings(db) if m.date == DEMO_DAY)
    meeting = meetings.start_meeting(db, meeting.id)
    return RunningMeeting(db, meeting, meetings.agenda(db, meeting.id), clock=Clock())


def _move(state: RunningMeeting, position: int):
    return state.move(position, now=state.clock.now(), rules=Rules(), today=DEMO_DAY)


def _enter(state: RunningMeeting, where, text: str, kind: Kind = Kind.MINUTE):
    return state.capture(where, kind=kind, text=text)


def _texts_on(db: Database, state: RunningMeeting, position: int) -> list[str]:
    project = state.entries[position - 1].project.id
    return [i.text for i in items.items_for(db, state.meeting_id, project)]


def _run_writes(state: RunningMeeting) -> None:
    for write in state.take_writes():
        write()


def test_enter_then_pagedown_in_one_burst_saves_on_the_project_shown_at_the_enter(demo_db) -> None:
    state = _open(demo_db)
    _move(state, 1)
    at_enter = state.where()  # the Enter arrives: it carries the project on the wall
    _move(state, 2)  # the PageDown behind it is applied before the Enter is handled
    item, change = _enter(state, at_enter, "第一项的记录")
    assert item.project_id == state.entries[0].project.id
    assert change.elsewhere == state.entries[0].project.name and not change.captured
    assert item not in state.captured  # the wall shows project 2, which did not get it
    assert _texts_on(demo_db, state, 1) == ["第一项的记录"] and _texts_on(demo_db, state, 2) == []
    _move(state, 1)
    assert [i.text for i in state.captured] == ["第一项的记录"]


def test_a_burst_of_lines_and_page_keys_is_applied_in_order(demo_db) -> None:
    state = _open(demo_db)
    enters = []
    for n in range(1, 4):  # PageDown, a line, Enter; PageDown, a line, Enter; ...
        _move(state, state.position + 1)
        enters.append((state.where(), f"第{n}项"))
    _move(state, state.position + 1)
    for where, text in enters:  # the Enters handled after every key of the burst
        _enter(state, where, text)
    assert [_texts_on(demo_db, state, n) for n in (1, 2, 3, 4)] == [["第1项"], ["第2项"], ["第3项"], []]
    _run_writes(state)
    assert meetings.get_meeting(demo_db, state.meeting_id).current_position == 4


def test_enter_during_a_read_ahead_never_shows_the_lists_read_before_it(demo_db) -> None:
    state = _open(demo_db)
    _move(state, 1)
    next_project = state.entries[1].project.id
    # A thread reads project 2's lists ahead ...
    key, lists = read_ahead(demo_db, state.meeting_id, next_project, now=state.clock.now(), rules=Rules())
    # ... while an Enter pressed on project 2 (a burst) is saved before they are kept.
    _move(state, 2)
    where = state.where()
    _move(state, 1)
    _enter(state, where, "读取期间保存的记录")
    state.keep(next_project, DEMO_DAY, key, lists)
    _move(state, 2)
    assert [i.text for i in state.captured] == ["读取期间保存的记录"]


def test_another_clients_change_between_two_keys_is_merged_and_nothing_lost(demo_db) -> None:
    state = _open(demo_db)
    _move(state, 1)
    _enter(state, state.where(), "我方第一条")
    token = state.token()  # a live read begins
    project = state.project_id
    items.capture(
        demo_db, meeting_id=state.meeting_id, project_id=project, kind=Kind.ISSUE, text="另一台电脑记录的问题"
    )
    wall = read_wall(
        demo_db,
        state.meeting_id,
        now=state.clock.now(),
        rules=Rules(),
        position=state.position,
        project_id=project,
    )
    change = state.merge(wall, token)
    assert change is not None and change.captured
    _enter(state, state.where(), "我方第二条")
    assert [i.text for i in state.captured] == ["我方第一条", "另一台电脑记录的问题", "我方第二条"]
    assert _texts_on(demo_db, state, 1) == [i.text for i in state.captured]


def test_a_live_read_overtaken_by_a_key_is_refused(demo_db) -> None:
    state = _open(demo_db)
    _move(state, 1)
    token = state.token()
    wall = read_wall(
        demo_db,
        state.meeting_id,
        now=state.clock.now(),
        rules=Rules(),
        position=state.position,
        project_id=state.project_id,
    )
    _enter(state, state.where(), "读取之后的记录")  # saved after the read: the read is older
    assert state.merge(wall, token) is None
    assert [i.text for i in state.captured] == ["读取之后的记录"]


def test_a_disk_failure_mid_burst_keeps_what_was_saved_and_changes_nothing_else(
    demo_db, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = _open(demo_db)
    _move(state, 1)
    first = state.where()
    _move(state, 2)
    second = state.where()
    _move(state, 3)
    _enter(state, first, "磁盘故障前")
    real = items.capture

    def broken(*args, **kwargs):
        raise StorageError("error.storage", "error.storage.remedy", reason="disk I/O error")

    monkeypatch.setattr(items, "capture", broken)
    shown = list(state.captured)
    with pytest.raises(StorageError):
        _enter(state, second, "磁盘故障时")
    assert state.captured == shown and state.position == 3
    monkeypatch.setattr(items, "capture", real)
    _enter(state, second, "磁盘故障时")  # the retry carries the same Where
    assert [_texts_on(demo_db, state, n) for n in (1, 2, 3)] == [["磁盘故障前"], ["磁盘故障时"], []]


def test_switch_saves_run_in_the_order_made(demo_db) -> None:
    state = _open(demo_db)
    for position in (1, 2, 3, 2):
        _move(state, position)
    writes = state.take_writes()
    assert state.take_writes() == []
    for write in writes:
        write()
    assert meetings.get_meeting(demo_db, state.meeting_id).current_position == 2
    started = [e for e in meetings.agenda(demo_db, state.meeting_id) if e.started_at is not None]
    assert [e.position for e in started] == [1, 2, 3]


def test_a_deadline_captured_here_is_on_the_card(demo_db) -> None:
    state = _open(demo_db)
    _move(state, 2)
    item, change = _enter(state, state.where(), "完成剩余签约", Kind.DEADLINE)
    assert change.captured and change.carried  # the card is drawn again
    assert item in state.card_deadlines()


def test_pause_stops_the_timer_and_is_saved(demo_db) -> None:
    state = _open(demo_db)
    _move(state, 1)
    assert state.timer.running
    change = state.toggle_timer()
    assert change.timer and state.paused and not state.timer.running
    _move(state, 2)
    assert not state.timer.running  # paused stays paused on the next project
    _run_writes(state)
