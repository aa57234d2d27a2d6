"""Dates as the room reads them: the just-past rule, the year shown when it is not the
meeting's, and standing deadlines (每周五, 长期坚持) stored, lit and exported as said."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui550.core.cadence import SPELLINGS, due_by, next_occurrence, parse_cadence
from tui550.core.day_text import day_label, due_label
from tui550.core.db import Database, head_revision, open_database
from tui550.core.deadlines import JUST_PAST_DAYS, parse_deadline
from tui550.core.domain import Kind, Light, MeetingView, ProjectView, Status
from tui550.core.lights import light
from tui550.core.quickadd import parse_quickadd, render_quickadd
from tui550.core.store import items, meetings, projects, units
from tui550.core.store.supervision import supervision_count, supervision_rows
from tui550.i18n import t

PAST = "parse.deadline.past"
DEC3 = date(2026, 12, 3)  # a Thursday


# --- the just-past rule ----------------------------------------------------------------

JUST_PAST: list[tuple[str, date, date | tuple[str, date]]] = [
    # Said on 3 December: a day of this month or last month is the one just gone.
    ("12月1日", DEC3, (PAST, date(2026, 12, 1))),
    ("12/1", DEC3, (PAST, date(2026, 12, 1))),
    ("12-2", DEC3, (PAST, date(2026, 12, 2))),
    ("12月3日", DEC3, DEC3),
    ("11月底", DEC3, (PAST, date(2026, 11, 30))),
    ("11月2日", DEC3, (PAST, date(2026, 11, 2))),  # 31 days back: still refused
    ("11月1日", DEC3, date(2027, 11, 1)),  # 32 days back: next year
    ("1月5日", DEC3, date(2027, 1, 5)),  # further back: rolls forward
    ("2027年12月1日", DEC3, date(2027, 12, 1)),  # the year typed says it
    ("明年12月1日", DEC3, date(2027, 12, 1)),
    ("2026年12月1日", DEC3, (PAST, date(2026, 12, 1))),
    # Across the year boundary: 28 December said on 5 January is the one just gone.
    ("12月28日", date(2027, 1, 5), (PAST, date(2026, 12, 28))),
    ("12/28", date(2027, 1, 5), (PAST, date(2026, 12, 28))),
    ("12月5日", date(2027, 1, 5), (PAST, date(2026, 12, 5))),  # 31 days
    ("12月4日", date(2027, 1, 5), date(2027, 12, 4)),  # 32 days: next December
    ("1月5日", date(2027, 1, 5), date(2027, 1, 5)),
    # 29 February: refused just after it, and rolled to the next leap year later on.
    ("2月29日", date(2028, 3, 5), (PAST, date(2028, 2, 29))),
    ("2月29日", date(2028, 3, 31), (PAST, date(2028, 2, 29))),  # 31 days
    ("2月29日", date(2028, 4, 1), date(2032, 2, 29)),  # 32 days
    ("2月29日", date(2027, 3, 5), date(2028, 2, 29)),  # no 29 February just before
    ("三季度末", date(2026, 10, 8), (PAST, date(2026, 9, 30))),
    ("三季度末", date(2026, 11, 8), date(2027, 9, 30)),
]


@pytest.mark.parametrize("phrase, ref, expected", JUST_PAST)
def test_just_past_is_refused_with_the_date_it_would_be(
    phrase: str, ref: date, expected: date | tuple[str, date]
) -> None:
    result = parse_deadline(phrase, ref)
    if isinstance(expected, date):
        assert result.date == expected, result
        return
    key, gone = expected
    assert 1 <= (ref - gone).days <= JUST_PAST_DAYS
    assert result.date is None and result.key == key
    assert result.args["date"] == gone
    # The refusal names the date it would be, in both languages.
    assert f"{gone.year}年{gone.month}月{gone.day}日" in t(key, "zh", **result.args)
    assert gone.isoformat() in t(key, "en", **result.args)


def test_the_quick_add_line_refuses_a_just_past_date_and_keeps_it_unsaved() -> None:
    q = parse_quickadd("d: 完成签约 ^12月1日", DEC3, [])
    assert q.due is None and q.cadence is None
    [problem] = q.problems
    assert problem.key == PAST and problem.args["date"] == date(2026, 12, 1)
    assert "^12月1日" in render_quickadd(q)  # the token goes back on the line as typed


@settings(max_examples=500, deadline=None)
@given(st.dates(date(2000, 1, 1), date(2090, 12, 31)), st.integers(1, 12), st.integers(1, 31))
def test_a_month_day_is_never_before_ref_unless_refused(ref: date, month: int, day: int) -> None:
    for phrase in (f"{month}月{day}日", f"{month}/{day}", f"{month}月底"):
        result = parse_deadline(phrase, ref)
        if result.date is not None:
            assert result.date >= ref and result.key is None
        elif result.key == PAST:
            gone = result.args["date"]
            assert 1 <= (ref - gone).days <= JUST_PAST_DAYS
        else:
            assert result.key == "parse.deadline.impossible"


# --- the year shown when it is not the meeting's ----------------------------------------

YEARS = [
    (date(2027, 7, 31), 2026, "zh", "2027年7月31日"),
    (date(2027, 7, 31), 2026, "en", "31 Jul 2027"),
    (date(2026, 7, 31), 2026, "zh", "7月31日"),
    (date(2026, 7, 31), 2026, "en", "31 Jul"),
    (date(2025, 12, 1), 2026, "zh", "2025年12月1日"),
    (date(2026, 1, 5), 2026, "en", "5 Jan"),
]


@pytest.mark.parametrize("day, year, lang, shown", YEARS)
def test_the_year_is_shown_only_when_it_is_not_the_year_in_view(
    day: date, year: int, lang: str, shown: str
) -> None:
    assert day_label(day, year, lang) == shown


def test_a_due_label_is_the_date_or_the_cadence_as_said() -> None:
    assert due_label(date(2027, 7, 31), None, 2026, "zh") == "2027年7月31日"
    assert due_label(None, "每周五", 2026, "en") == "每周五"
    assert due_label(None, None, 2026, "zh") == ""


# --- cadences ----------------------------------------------------------------------------

CADENCES = [
    # phrase, stored as, next occurrence from DEC3 (Thursday 3 December 2026)
    ("长期坚持", "长期坚持", None),
    ("常态化", "常态化", None),
    ("每周五", "每周五", date(2026, 12, 4)),
    ("每周四", "每周四", DEC3),  # today counts
    ("每周三", "每周三", date(2026, 12, 9)),
    ("每星期日", "每星期日", date(2026, 12, 6)),
    ("每周 五", "每周五", date(2026, 12, 4)),
    ("每月底前", "每月底前", date(2026, 12, 31)),
    ("每月底", "每月底", date(2026, 12, 31)),
    ("每季度末", "每季度末", date(2026, 12, 31)),
]


@pytest.mark.parametrize("phrase, stored, nxt", CADENCES)
def test_a_cadence_is_kept_as_said_with_its_next_occurrence(
    phrase: str, stored: str, nxt: date | None
) -> None:
    assert parse_cadence(phrase) == stored
    assert next_occurrence(stored, DEC3) == nxt


@pytest.mark.parametrize("phrase", ["每周", "每月", "每天", "定期", "7月31日", "", "每周八"])
def test_other_phrases_are_not_cadences(phrase: str) -> None:
    assert parse_cadence(phrase) is None


@settings(max_examples=500, deadline=None)
@given(st.text(), st.dates(date(1990, 1, 1), date(2090, 12, 31)))
def test_any_text_after_the_caret_is_a_cadence_a_date_or_a_refusal(phrase: str, ref: date) -> None:
    words = parse_cadence(phrase)
    assert words is None or words in SPELLINGS
    q = parse_quickadd(f"d: 事项 ^{phrase}", ref, [])
    assert q.due is None or q.due >= ref
    assert q.cadence is None or q.cadence in SPELLINGS
    assert q.cadence_next is None or q.cadence_next >= ref


def test_next_occurrences_across_months_and_quarters() -> None:
    assert next_occurrence("每月底前", date(2027, 2, 28)) == date(2027, 2, 28)
    assert next_occurrence("每月底前", date(2028, 2, 1)) == date(2028, 2, 29)
    assert next_occurrence("每季度末", date(2026, 7, 1)) == date(2026, 9, 30)
    assert next_occurrence("每季度末", date(2026, 3, 31)) == date(2026, 3, 31)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(SPELLINGS)), st.dates(date(2000, 1, 1), date(2090, 12, 31)))
def test_a_cadence_falls_due_on_or_after_ref_and_is_never_red(words: str, ref: date) -> None:
    nxt = next_occurrence(words, ref)
    assert nxt is None or ref <= nxt <= ref + timedelta(days=92)
    assert light(Status.OPEN, nxt, ref) is not Light.RED
    assert (words in due_by(ref, ref + timedelta(days=3))) == (
        nxt is not None and nxt <= ref + timedelta(days=3)
    )


def test_quick_add_takes_a_cadence_and_previews_its_next_date() -> None:
    q = parse_quickadd("d: 督查局每周五通报进展 ^每周五", DEC3, [])
    assert q.problems == () and q.due is None and q.cadence == "每周五"
    lines = [t(key, "zh", **args) for key, args in q.understood()]
    assert "时限：每周五（常设，下次 2026年12月4日）" in lines
    assert render_quickadd(q) == "d: 督查局每周五通报进展 ^每周五"
    standing = parse_quickadd("d: 巡查 ^长期坚持", DEC3, [])
    assert standing.cadence == "长期坚持"
    last = [t(k, "en", **a) for k, a in standing.understood()][-1]
    assert last == "Due: 长期坚持 (standing, no fixed date)"
    twice = parse_quickadd("d: 巡查 ^每周五 ^12月31日", DEC3, [])
    assert twice.cadence == "每周五" and [p.key for p in twice.problems] == ["parse.due.duplicate"]
    assert parse_quickadd("d: 巡查 ^每月", DEC3, []).problems[0].key == "parse.deadline.recurring"


# --- stored, lit, not missing, exported ---------------------------------------------------


def _meeting(db: Database) -> tuple[MeetingView, ProjectView]:
    unit = units.add_unit(db, "区督查局")
    project = projects.add_project(db, "焦西物流园二期", lead_unit_id=unit.id)
    meeting = meetings.create_meeting(db, "调度会", DEC3, project_ids=[project.id])
    return meeting, project


def test_a_cadence_is_stored_never_missing_and_lit_by_its_next_occurrence(db: Database) -> None:
    meeting, project = _meeting(db)
    lead = units.list_units(db)[0].id
    weekly = items.capture(
        db,
        meeting_id=meeting.id,
        project_id=project.id,
        kind=Kind.DECISION,
        text="督查局通报进展",
        lead_unit_id=lead,
        cadence="每周五",
    )
    standing = items.capture(
        db,
        meeting_id=meeting.id,
        project_id=project.id,
        kind=Kind.DECISION,
        text="常态化巡查",
        lead_unit_id=lead,
        cadence="常态化",
    )
    undated = items.capture(
        db,
        meeting_id=meeting.id,
        project_id=project.id,
        kind=Kind.DECISION,
        text="尽快完成",
        lead_unit_id=lead,
    )
    stored = {i.id: i for i in items.meeting_items(db, meeting.id)}
    assert stored[weekly.id].cadence == "每周五" and stored[weekly.id].due is None
    assert not stored[weekly.id].lacks_owner_or_deadline
    assert not stored[standing.id].lacks_owner_or_deadline
    assert stored[undated.id].lacks_owner_or_deadline
    # Thursday: Friday is tomorrow, within the yellow days; 常态化 stays green.
    assert light(weekly.status, stored[weekly.id].due_on(DEC3), DEC3) is Light.YELLOW
    assert stored[standing.id].due_on(DEC3) is None
    # The board lights them the same way, in Python and in SQL.
    from datetime import datetime

    from tui550.core.clock import zone

    now = datetime(2026, 12, 3, 10, 0, tzinfo=zone("Asia/Shanghai"))
    rows = {r.item.id: r for r in supervision_rows(db, now=now)}
    assert rows[weekly.id].light is Light.YELLOW and rows[weekly.id].days_overdue == 0
    assert rows[standing.id].light is Light.GREEN
    yellow = {r.item.id for r in supervision_rows(db, light=Light.YELLOW, now=now)}
    green = {r.item.id for r in supervision_rows(db, light=Light.GREEN, now=now)}
    assert weekly.id in yellow and weekly.id not in green
    assert {standing.id, undated.id} <= green
    assert supervision_count(db, light=Light.RED, now=now) == 0
    # A week later (a Monday) Friday is four days off: green.
    monday = now + timedelta(days=4)
    assert weekly.id in {r.item.id for r in supervision_rows(db, light=Light.GREEN, now=monday)}


def test_a_date_and_a_cadence_replace_each_other_on_edit(db: Database) -> None:
    meeting, project = _meeting(db)
    item = items.capture(
        db, meeting_id=meeting.id, project_id=project.id, kind=Kind.ISSUE, text="通报", cadence="每月底前"
    )
    dated = items.update_item(db, item.id, item.version, due=date(2027, 1, 31))
    assert (dated.due, dated.cadence) == (date(2027, 1, 31), None)
    back = items.update_item(db, dated.id, dated.version, cadence="每季度末")
    assert (back.due, back.cadence) == (None, "每季度末")


def test_exports_print_the_cadence_in_the_deadline_column(db: Database, tmp_path: Path) -> None:
    from tui550.core.exporting import export_meeting
    from tui550.core.exporting.common import build_minutes

    meeting, project = _meeting(db)
    lead = units.list_units(db)[0].id
    items.capture(
        db,
        meeting_id=meeting.id,
        project_id=project.id,
        kind=Kind.DECISION,
        text="督查局通报进展",
        lead_unit_id=lead,
        cadence="每周五",
    )
    items.capture(
        db,
        meeting_id=meeting.id,
        project_id=project.id,
        kind=Kind.ISSUE,
        text="手续办理滞后",
        lead_unit_id=lead,
        cadence="长期坚持",
    )
    doc = build_minutes(db, meeting.id, today=DEC3)
    tasks, issues = doc.tables["tasks"], doc.tables["issues"]
    assert tasks.rows[0].cells[tasks.columns.index("完成时限")] == "每周五"
    assert issues.rows[0].cells[issues.columns.index("完成时限")] == "长期坚持"
    [md] = export_meeting(db, meeting.id, "md", tmp_path, today=DEC3)
    text = md.read_text(encoding="utf-8")
    assert "完成时限：每周五）" in text and "| 每周五 |" in text and "| 长期坚持 |" in text
    import openpyxl

    [xlsx] = export_meeting(db, meeting.id, "xlsx", tmp_path, today=DEC3)
    values = {
        c.value for ws in openpyxl.load_workbook(xlsx).worksheets for row in ws.iter_rows() for c in row
    }
    assert {"每周五", "长期坚持"} <= values
    import docx

    [path] = export_meeting(db, meeting.id, "docx", tmp_path, today=DEC3)
    document = docx.Document(str(path))
    body = "\n".join(p.text for p in document.paragraphs)
    cells = {c.text for table in document.tables for row in table.rows for c in row.cells}
    assert "完成时限：每周五" in body and {"每周五", "长期坚持"} <= cells


# --- the migration -------------------------------------------------------------------------


def test_a_database_of_the_previous_head_upgrades_with_its_items(tmp_path: Path) -> None:
    """Made at head, taken down to 0006 (the column goes), then opened: the upgrade adds
    the column empty and every item keeps its values."""
    from alembic import command
    from sqlalchemy import create_engine

    from tui550.core.demo import build_demo
    from tui550.core.migrate import alembic_config

    path = tmp_path / "old.sqlite"
    db = open_database(str(path))
    build_demo(db, DEC3)
    db.close()
    engine = create_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0006")
    engine.dispose()
    con = sqlite3.connect(path)
    columns = {r[1] for r in con.execute("pragma table_info(item)")}
    before = con.execute("select id, text, due, status, version from item order by id").fetchall()
    con.close()
    assert "cadence" not in columns and before

    db = open_database(str(path))
    try:
        assert db.dialect == "sqlite"
    finally:
        db.close()
    con = sqlite3.connect(path)
    try:
        assert con.execute("select version_num from alembic_version").fetchone() == (head_revision(),)
        after = con.execute("select id, text, due, status, version from item order by id").fetchall()
        assert after == before
        assert con.execute("select count(*) from item where cadence is not null").fetchone() == (0,)
        assert con.execute("pragma integrity_check").fetchone() == ("ok",)
    finally:
        con.close()
