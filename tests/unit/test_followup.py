"""Follow-up rules and storage: transitions, lights, escalation, badge, evidence,
supervision queries, accountability and trend, against a hand-made dataset."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.unit.followup_data import NOW, TODAY, copy_of, make_template
from tui550.core.db import Database
from tui550.core.domain import Kind, Light, Status
from tui550.core.errors import ConflictError, UserError
from tui550.core.followup.rules import (
    Action,
    Escalation,
    Rules,
    carried,
    closing_rate,
    due_date_warnings,
    escalation,
    item_light,
    next_status,
)
from tui550.core.store import followup, items, supervision


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory):
    return make_template(tmp_path_factory.mktemp("followup"))


@pytest.fixture
def db(template, tmp_path):
    database = copy_of(template[0], tmp_path)
    yield database
    database.close()


@pytest.fixture
def data(db: Database, template):
    return template[1]


# --- pure rules ------------------------------------------------------------------------


def test_transitions_table() -> None:
    assert next_status(Status.OPEN, Action.START) is Status.IN_PROGRESS
    assert next_status(Status.OPEN, Action.REPORT) is Status.REPORTED
    assert next_status(Status.IN_PROGRESS, Action.REPORT) is Status.REPORTED
    assert next_status(Status.REPORTED, Action.CLOSE) is Status.CLOSED
    assert next_status(Status.REPORTED, Action.RETURN) is Status.IN_PROGRESS
    assert next_status(Status.IN_PROGRESS, Action.EXTEND) is Status.IN_PROGRESS
    illegal = [
        (Status.OPEN, Action.CLOSE),
        (Status.IN_PROGRESS, Action.RETURN),
        (Status.CLOSED, Action.EXTEND),
        (Status.CLOSED, Action.REPORT),
        (Status.REPORTED, Action.START),
        (Status.REPORTED, Action.EXTEND),
        (Status.CLOSED, Action.ESCALATE),
    ]
    for status, action in illegal:
        with pytest.raises(UserError) as err:
            next_status(status, action)
        assert err.value.key == "followup.illegal" and err.value.remedy_text()
    with pytest.raises(UserError) as err:
        next_status(Status.OPEN, Action.CLOSE)
    assert "报完成" in (err.value.remedy_text("zh") or "")
    assert "待办" in err.value.message("zh")
    with pytest.raises(UserError) as err:
        next_status(None, Action.REPORT)
    assert err.value.key == "followup.untracked"


def test_escalation_thresholds() -> None:
    rules = Rules(escalate_yellow_days=7, escalate_red_days=15, escalate_extensions=2)
    assert escalation(Status.OPEN, 0, 0, 0, rules) is Escalation.NONE
    assert escalation(Status.OPEN, 1, 0, 0, rules) is Escalation.BLUE
    assert escalation(Status.OPEN, 6, 0, 0, rules) is Escalation.BLUE
    assert escalation(Status.OPEN, 7, 0, 0, rules) is Escalation.YELLOW
    assert escalation(Status.OPEN, 15, 0, 0, rules) is Escalation.RED
    assert escalation(Status.OPEN, 0, 2, 0, rules) is Escalation.BLUE
    assert escalation(Status.OPEN, 8, 2, 0, rules) is Escalation.RED
    assert escalation(Status.OPEN, 0, 0, 2, rules) is Escalation.YELLOW
    assert escalation(Status.OPEN, 40, 5, 3, rules) is Escalation.RED
    assert escalation(Status.CLOSED, 40, 5, 3, rules) is Escalation.NONE


def test_lights_and_badge() -> None:
    today = date(2026, 7, 10)
    assert item_light(Status.OPEN, date(2026, 7, 9), None, today, 3) is Light.RED
    assert item_light(Status.OPEN, date(2026, 7, 10), None, today, 3) is Light.YELLOW
    assert item_light(Status.OPEN, date(2026, 7, 13), None, today, 3) is Light.YELLOW
    assert item_light(Status.OPEN, date(2026, 7, 14), None, today, 3) is Light.GREEN
    assert item_light(Status.OPEN, None, None, today, 3) is Light.GREEN
    assert item_light(Status.CLOSED, date(2026, 1, 1), None, today, 3) is Light.GREY
    assert item_light(Status.REPORTED, date(2026, 7, 5), date(2026, 7, 4), today, 3) is Light.GREEN
    assert item_light(Status.REPORTED, date(2026, 7, 5), date(2026, 7, 6), today, 3) is Light.RED
    dates = [date(2026, 6, 1), date(2026, 6, 15), date(2026, 6, 15), date(2026, 7, 1)]
    assert carried(date(2026, 6, 1), dates, today) == 3
    assert carried(date(2026, 6, 15), dates, date(2026, 6, 30)) == 0
    assert carried(date(2026, 7, 1), dates, date(2026, 6, 1)) == 0
    assert closing_rate(22, 6) == 27 and closing_rate(0, 0) == 0 and closing_rate(8, 1) == 13


def test_due_date_warnings() -> None:
    assert due_date_warnings(None, TODAY) == ()
    assert due_date_warnings(date(2026, 7, 9), TODAY) == ("followup.warn.past",)
    assert due_date_warnings(date(2026, 6, 1), TODAY, date(2026, 6, 15)) == (
        "followup.warn.before_meeting",
        "followup.warn.past",
    )
    assert due_date_warnings(TODAY, TODAY) == ()


@given(st.dates(), st.one_of(st.none(), st.dates()), st.integers(0, 50), st.integers(0, 9))
def test_escalation_never_crashes_and_is_bounded(today, due, ext, manual) -> None:
    for status in Status:
        late = 0 if due is None or today <= due else (today - due).days
        level = escalation(status, late, ext, manual, Rules())
        assert Escalation.NONE <= level <= Escalation.RED
        item_light(status, due, None, today, 3)


# --- writes ----------------------------------------------------------------------------


def test_report_close_with_history(db: Database, data) -> None:
    item = data.i["i1"]
    started = followup.start_item(db, item.id, item.version, meeting_id=data.m3.id)
    assert started.status is Status.IN_PROGRESS
    reported = followup.report_done(db, started.id, started.version, note="已完成", now=NOW)
    assert reported.status is Status.REPORTED and reported.actual == TODAY
    with pytest.raises(UserError) as err:
        followup.close_item(db, reported.id, reported.version, note=" ", verifier="钱峰")
    assert err.value.key == "followup.close.no_note"
    with pytest.raises(UserError) as err:
        followup.close_item(db, reported.id, reported.version, note="核验", verifier="")
    assert err.value.key == "followup.close.no_verifier"
    closed = followup.close_item(
        db,
        reported.id,
        reported.version,
        note="现场察看，已完工",
        verifier="督查局 钱峰",
        meeting_id=data.m3.id,
        now=NOW,
    )
    assert closed.status is Status.CLOSED
    extras = followup.item_extras(db, closed.id)
    assert extras["closed_by"] == "督查局 钱峰" and extras["closed_at"] == NOW
    history = items.history_of(db, item.id)
    assert [h.action for h in history] == ["create", "start", "report", "close"]
    assert history[2].changes["note"] == [None, "已完成"]
    assert history[3].changes["status"] == ["reported", "closed"]
    assert history[3].who == "测试员" and history[3].meeting_id == data.m3.id
    with pytest.raises(UserError):
        followup.return_item(db, closed.id, closed.version, reason="x")


def test_return_needs_a_reason_and_clears_actual(db: Database, data) -> None:
    item = data.i["i2"]
    reported = followup.report_done(db, item.id, item.version, now=NOW)
    with pytest.raises(UserError) as err:
        followup.return_item(db, reported.id, reported.version, reason="")
    assert err.value.key == "followup.return.no_reason"
    back = followup.return_item(db, reported.id, reported.version, reason="现场未完工")
    assert back.status is Status.IN_PROGRESS and back.actual is None
    assert items.history_of(db, item.id)[-1].changes["reason"] == [None, "现场未完工"]
    with pytest.raises(ConflictError):
        followup.report_done(db, item.id, item.version, now=NOW)


def test_extension_rules(db: Database, data) -> None:
    i7 = data.i["i7"]
    assert i7.due == date(2026, 9, 20)
    extras = followup.item_extras(db, i7.id)
    assert extras["original_due"] == date(2026, 8, 30) and extras["extensions"] == 2
    last = items.history_of(db, i7.id)[-1]
    assert last.action == "extend" and last.meeting_id == data.m3.id
    assert last.changes["due"] == ["2026-09-10", "2026-09-20"]
    with pytest.raises(UserError) as err:
        followup.extend_item(
            db, i7.id, i7.version, new_due=date(2026, 9, 1), reason="提前", meeting_id=data.m3.id
        )
    assert err.value.key == "followup.extend.not_later"
    i5 = data.i["i5"]
    with pytest.raises(UserError) as err:
        followup.extend_item(
            db, i5.id, i5.version, new_due=date(2026, 9, 1), reason="x", meeting_id=data.m3.id
        )
    assert err.value.key == "followup.extend.undated"
    with pytest.raises(UserError) as err:
        followup.extend_item(
            db, i7.id, i7.version, new_due=date(2026, 10, 1), reason="", meeting_id=data.m3.id
        )
    assert err.value.key == "followup.extend.no_reason"


def test_report_date_cannot_be_future_and_minutes_are_untracked(db: Database, data) -> None:
    i4 = data.i["i4"]
    with pytest.raises(UserError) as err:
        followup.report_done(db, i4.id, i4.version, actual=date(2026, 7, 11), now=NOW)
    assert err.value.key == "followup.report.future"
    minute = next(x for x in items.meeting_items(db, data.m1.id) if x.kind is Kind.MINUTE)
    with pytest.raises(UserError) as err:
        followup.report_done(db, minute.id, minute.version, now=NOW)
    assert err.value.key == "followup.untracked"


def test_manual_escalation(db: Database, data) -> None:
    i4 = data.i["i4"]
    up = followup.escalate_item(db, i4.id, i4.version, reason="群众反映强烈")
    rows = {r.item.id: r for r in supervision.supervision_rows(db, now=NOW)}
    assert rows[i4.id].escalation is Escalation.BLUE
    down = followup.escalate_item(db, up.id, up.version, reason="已落实", levels=-1)
    with pytest.raises(UserError) as err:
        followup.escalate_item(db, down.id, down.version, reason="x", levels=-1)
    assert err.value.key == "followup.escalate.limit"


def test_find_item_by_prefix(db: Database, data) -> None:
    item = data.i["i3"]
    assert followup.find_item(db, item.id.hex[:8]).id == item.id
    assert followup.find_item(db, str(item.id).upper()).id == item.id
    for bad in ("abc", "zzzzzzzz", "000000"):
        with pytest.raises(UserError):
            followup.find_item(db, bad)


def test_evidence(db: Database, data, tmp_path) -> None:
    photo = tmp_path / "现场照片.jpg"
    payload = bytes(range(256)) * 40
    photo.write_bytes(payload)
    item = data.i["i1"]
    ev = followup.attach_evidence(db, item.id, photo)
    assert ev.size == len(payload) and ev.mime == "image/jpeg" and ev.filename == "现场照片.jpg"
    assert [e.id for e in followup.list_evidence(db, item.id)] == [ev.id]
    assert followup.read_evidence(db, ev.id) == payload
    assert items.history_of(db, item.id)[-1].action == "attach"
    with pytest.raises(UserError) as err:
        followup.attach_evidence(db, item.id, photo, rules=Rules(evidence_max_bytes=1000))
    assert err.value.key == "followup.evidence.too_big" and "MB" in err.value.message()
    with pytest.raises(UserError) as err:
        followup.attach_evidence(db, item.id, tmp_path / "none.pdf")
    assert err.value.key == "files.no_input"
    assert len(followup.list_evidence(db, item.id)) == 1


# --- queries ---------------------------------------------------------------------------


def test_supervision_rows_sorted_by_urgency(db: Database, data) -> None:
    rows = supervision.supervision_rows(db, now=NOW)
    names = {v.id: k for k, v in data.i.items()}
    assert [names[r.item.id] for r in rows] == ["i3", "i2", "i1", "i7", "i4", "i5"]
    by = {names[r.item.id]: r for r in rows}
    assert (by["i3"].light, by["i3"].days_overdue, by["i3"].escalation) == (Light.RED, 20, Escalation.RED)
    assert (by["i2"].days_overdue, by["i2"].escalation) == (10, Escalation.YELLOW)
    assert (by["i1"].days_overdue, by["i1"].escalation) == (1, Escalation.BLUE)
    assert (by["i7"].light, by["i7"].escalation, by["i7"].extensions) == (Light.GREEN, Escalation.BLUE, 2)
    assert by["i4"].light is Light.YELLOW and by["i5"].light is Light.GREEN
    assert by["i1"].carried == 2 and by["i1"].project_name == "焦西物流园二期"
    assert by["i4"].item.co_units[0].name == "区住建局"


def test_supervision_filters(db: Database, data) -> None:
    names = {v.id: k for k, v in data.i.items()}

    def q(**kw) -> list[str]:
        return [names[r.item.id] for r in supervision.supervision_rows(db, now=NOW, **kw)]

    assert q(unit_id=data.a.id) == ["i3", "i2", "i1", "i4"]
    assert q(unit_id=data.a.id, lead_only=True) == ["i3", "i2", "i1"]
    assert q(light=Light.RED) == ["i3", "i2", "i1"]
    assert q(light=Light.YELLOW) == ["i4"]
    assert q(light=Light.GREEN) == ["i7", "i5"]
    assert q(light=Light.GREY) == []
    assert q(min_escalation=Escalation.YELLOW) == ["i3", "i2"]
    assert q(project_id=data.p2.id) == ["i4", "i5"]
    assert q(category="土地") == ["i1"]
    assert q(kinds=[Kind.DEADLINE]) == ["i3"]
    assert q(limit=2) == ["i3", "i2"]


@pytest.mark.parametrize(
    ("utc_time", "tz", "light", "late"),
    [
        (datetime(2026, 7, 9, 15, 59, tzinfo=UTC), "Asia/Shanghai", Light.YELLOW, 0),  # 23:59 local
        (datetime(2026, 7, 9, 16, 1, tzinfo=UTC), "Asia/Shanghai", Light.RED, 1),  # 00:01 local
        (datetime(2026, 7, 9, 16, 1, tzinfo=UTC), "UTC", Light.YELLOW, 0),
    ],
)
def test_overdue_follows_the_district_date_at_midnight(db: Database, data, utc_time, tz, light, late) -> None:
    rows = supervision.supervision_rows(db, now=utc_time, rules=Rules(tz=tz))
    row = next(r for r in rows if r.item.id == data.i["i1"].id)
    assert (row.light, row.days_overdue) == (light, late)


def test_accountability_by_unit(db: Database, data) -> None:
    accounts = {a.unit.name: a for a in supervision.unit_accountability(db, now=NOW) if a.unit}
    a, c = accounts["区住建局"], accounts["区财政局"]
    assert (a.assigned, a.closed, a.closing_rate, a.overdue_now) == (4, 1, 25, 3)
    assert (a.avg_days_late, a.repeated_extensions, a.late_items) == (9.0, 0, 4)
    assert (c.assigned, c.closed, c.overdue_now, c.avg_days_late, c.repeated_extensions) == (4, 1, 0, None, 1)
    only = supervision.unit_accountability(db, unit_id=data.a.id, now=NOW)
    assert [x.unit.name for x in only if x.unit] == ["区住建局"]
    since = supervision.unit_accountability(db, since=date(2026, 6, 10), now=NOW)
    assert [(x.unit.name, x.assigned) for x in since if x.unit] == [("区住建局", 1)]
    total = supervision.total_account(supervision.unit_accountability(db, now=NOW))
    assert (total.assigned, total.closed, total.closing_rate, total.avg_days_late) == (8, 2, 25, 9.0)


def test_trend_as_of_each_meeting(db: Database, data) -> None:
    points = supervision.open_trend(db, last=3, now=NOW)
    assert [(p.date, p.open, p.overdue) for p in points] == [
        (date(2026, 6, 1), 7, 0),
        (date(2026, 6, 15), 8, 0),
        (date(2026, 7, 1), 8, 3),
    ]
    assert [p.open for p in supervision.open_trend(db, last=1, now=NOW)] == [8]
    # Closings count from the day after: at a meeting on 07-06 i6 would be gone.
    assert supervision.open_trend(db, last=2, unit_id=data.c.id, now=NOW)[-1].open == 4
