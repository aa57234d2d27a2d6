"""Search: Chinese queries of every length, filters in both languages, and an index
that follows captures, edits and deletes (kept by the database's own triggers)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui550.core.db import Database, open_database
from tui550.core.domain import Kind, Status, Tag, UnitKind
from tui550.core.search import match_spans, parse_query, search, snippet
from tui550.core.store import items, meetings, projects, units

DAY = date(2026, 7, 20)


def build_world(db: Database) -> dict:
    zj = units.add_unit(db, "区住建局", aliases=["住建局", "区住房和城乡建设局"])
    cz = units.add_unit(db, "区财政局")
    ms = units.add_unit(db, "民生街道", UnitKind.STREET)
    p1 = projects.add_project(db, "民主路棚户区改造", code="JF-002", lead_unit_id=zj.id)
    p2 = projects.add_project(db, "焦西物流园二期", code="JF-004", lead_unit_id=cz.id)
    old = meetings.create_meeting(db, "第13期调度会", DAY - timedelta(days=14), project_ids=[p1.id, p2.id])
    new = meetings.create_meeting(db, "第14期调度会", DAY, project_ids=[p1.id, p2.id])
    cap = items.capture
    ids = {
        "issue_old": cap(
            db,
            meeting_id=old.id,
            project_id=p1.id,
            kind=Kind.ISSUE,
            text="拆迁安置资金缺口约3000万元，需区财政局协调",
            lead_unit_id=cz.id,
            co_unit_ids=[ms.id],
            due=DAY - timedelta(days=3),
            category="资金",
        ).id,
        "decision": cap(
            db,
            meeting_id=old.id,
            project_id=p2.id,
            kind=Kind.DECISION,
            text="由区住建局牵头，7月31日前完成土地手续",
            lead_unit_id=zj.id,
            due=DAY + timedelta(days=11),
        ).id,
        "minute": cap(
            db,
            meeting_id=new.id,
            project_id=p1.id,
            kind=Kind.MINUTE,
            tag=Tag.PROGRESS,
            text="民生街道已完成拆迁签约率85%，PPP模式融资方案已报批",
        ).id,
        "general": cap(
            db, meeting_id=new.id, project_id=None, kind=Kind.MINUTE, text="会议强调，倒排工期、挂图作战"
        ).id,
    }
    return {"units": (zj, cz, ms), "projects": (p1, p2), "meetings": (old, new), "ids": ids}


@pytest.fixture
def world(db: Database) -> dict:
    """A world of one's own, for tests that change it."""
    return build_world(db)


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, Path, dict]]:
    """One world for the tests that only read (building it costs a few dozen commits)."""
    path = tmp_path_factory.mktemp("search") / "s.sqlite"
    database = open_database(str(path), who="测试员")
    yield database, path, build_world(database)
    database.close()


def found(db: Database, text: str, **kw: Any) -> list[uuid.UUID]:
    return [h.id for h in search(db, text, today=DAY, **kw) if h.entity == "item"]


def test_parse_query_terms_filters_and_quotes() -> None:
    q = parse_query('拆迁  类型:问题 unit:住建局 项目：棚户区 逾期 "逾期 说明" PPP')
    assert q.terms == ("拆迁", "逾期 说明", "ppp")
    assert q.kinds == frozenset({Kind.ISSUE}) and q.units == ("住建局",)
    assert q.projects == ("棚户区",) and q.overdue
    assert parse_query("kind:iss").kinds == frozenset({Kind.ISSUE})  # while typing
    assert parse_query("kind:nothing").kinds == frozenset()
    assert parse_query("kind: 资金").kinds is None and parse_query("kind: 资金").terms == ("资金",)
    assert parse_query("note:abc").terms == ("note:abc",)
    assert parse_query("   ").empty and parse_query("").empty


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("拆", {"issue_old", "minute"}),  # one character
        ("资金", {"issue_old"}),  # two
        ("土地", {"decision"}),
        ("倒排工", {"general"}),  # three
        ("拆迁安置资金缺口", {"issue_old"}),  # eight
        ("拆迁安置资金缺额", set()),  # eight, absent
        ("ppp模式", {"minute"}),  # mixed, ASCII case ignored
        ("PPP", {"minute"}),
        ("3000万", {"issue_old"}),
        ("85%，", {"minute"}),  # punctuation is text too
        ("拆迁 民生", {"minute"}),  # every term must match
        ("7月31日", {"decision"}),
    ],
)
def test_chinese_queries_of_every_length(shared: tuple, text: str, expected: set) -> None:
    db, _, world = shared
    ids = world["ids"]
    got = set(found(db, text))
    assert got == {ids[k] for k in expected}


def test_hit_carries_what_the_app_needs_to_jump(shared: tuple) -> None:
    db, _, world = shared
    (hit,) = [h for h in search(db, "资金缺口", today=DAY) if h.entity == "item"]
    old = world["meetings"][0]
    assert hit.kind is Kind.ISSUE and hit.meeting_id == old.id and hit.meeting_date == old.date
    assert hit.meeting_title == "第13期调度会" and hit.project_name == "民主路棚户区改造"
    assert hit.project_id == world["projects"][0].id and hit.overdue and hit.status is Status.OPEN
    assert [hit.snippet[s:e] for s, e in hit.spans] == ["资金缺口"]


def test_units_projects_and_meetings_come_first(shared: tuple) -> None:
    db, _, _world = shared
    hits = search(db, "住建局", today=DAY)
    assert hits[0].entity == "unit" and hits[0].title == "区住建局"
    assert {h.entity for h in hits} == {"unit", "item"}
    assert [h.entity for h in search(db, "棚户区", today=DAY)] == ["project"]
    (meeting,) = search(db, "第14期", today=DAY)
    assert meeting.entity == "meeting" and meeting.meeting_date == DAY
    assert search(db, "住房和城乡", today=DAY)[0].title == "区住建局"  # by alias


def test_newest_first_and_limit(shared: tuple) -> None:
    db, _, world = shared
    ids = world["ids"]
    assert found(db, "拆") == [ids["minute"], ids["issue_old"]]
    assert len(search(db, "拆", limit=1, today=DAY)) == 1
    assert search(db, "拆", limit=0, today=DAY) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kind:issue", {"issue_old"}),
        ("类型:问题", {"issue_old"}),
        ("类型:纪要 拆迁", {"minute"}),
        ("type:decision", {"decision"}),
        ("unit:财政局", {"issue_old"}),
        ("单位:民生", {"issue_old"}),  # lead or co-unit
        ("单位:区住房和城乡建设局", {"decision"}),  # alias
        ("project:JF-004", {"decision"}),
        ("项目:棚户区 拆迁", {"issue_old", "minute"}),
        ("overdue", {"issue_old"}),
        ("逾期", {"issue_old"}),
        ("逾期 土地", set()),
        ("unit:没有这个单位", set()),
        ("项目:不存在", set()),
        ("kind:nothing 拆迁", set()),
    ],
)
def test_filters_in_both_languages(shared: tuple, text: str, expected: set) -> None:
    db, _, world = shared
    ids = world["ids"]
    hits = search(db, text, today=DAY)
    assert all(h.entity == "item" for h in hits)
    assert {h.id for h in hits} == {ids[k] for k in expected}


def test_index_follows_capture_edit_delete_restore(db: Database, world: dict) -> None:
    _old, new = world["meetings"]
    item = items.capture(db, meeting_id=new.id, project_id=None, kind=Kind.MINUTE, text="征收补偿争议")
    assert found(db, "补偿") == [item.id]
    edited = items.update_item(db, item.id, item.version, text="安置房分配方案")
    assert found(db, "补偿") == [] and found(db, "分配") == [item.id]
    # A field that is not text leaves the index as it was.
    rekinded = items.rekind_item(db, item.id, edited.version, Kind.ISSUE)
    assert found(db, "kind:issue 分配") == [item.id]
    items.delete_item(db, item.id, rekinded.version)
    assert found(db, "分配") == [] and found(db, "配") == []
    restored = items.restore_item(db, item.id, rekinded.version + 1)
    assert found(db, "分配") == [restored.id]


def test_a_huge_paste_is_indexed_by_its_head_in_linear_time(db: Database, world: dict) -> None:
    """A 1 MB paste saves at once on both backends (0006: PostgreSQL's grams were n²)."""
    import threading

    _old, new = world["meetings"]
    text = "前段有征迁二字" + "长" * 350_000 + "末尾的孤词"
    saved: list[uuid.UUID] = []
    worker = threading.Thread(
        target=lambda: saved.append(
            items.capture(db, meeting_id=new.id, project_id=None, kind=Kind.MINUTE, text=text).id
        )
    )
    worker.start()
    worker.join(60)  # linear: well under a second; the n² function took tens of minutes
    assert not worker.is_alive() and saved
    assert found(db, "征迁") == saved
    assert found(db, "孤词") == []  # beyond the indexed head, as on SQLite


def test_index_follows_projects_and_units(db: Database, world: dict) -> None:
    p1 = world["projects"][0]
    with db.write() as session:
        from tui550.core.models import Project, UnitAlias

        row = session.get(Project, p1.id)
        assert row is not None
        row.name = "民主路城中村改造"
        session.add(row)
        session.add(UnitAlias(unit_id=world["units"][1].id, alias="财政"))
    assert [h.title for h in search(db, "城中村", today=DAY)] == ["民主路城中村改造"]
    assert search(db, "棚户区", today=DAY) == []
    assert [h.title for h in search(db, "财政", today=DAY) if h.entity == "unit"] == ["区财政局"]


def test_filter_markers_follow_units_project_kind_and_status(db: Database, world: dict) -> None:
    """Filters are answered from index markers (migration 0005): they must follow every
    change of an item's co-units, lead unit, project, kind and status."""
    zj, cz, ms = world["units"]
    p1, p2 = world["projects"]
    _old, new = world["meetings"]
    item = items.capture(
        db,
        meeting_id=new.id,
        project_id=p1.id,
        kind=Kind.ISSUE,
        text="管网迁改滞后",
        lead_unit_id=zj.id,
        co_unit_ids=[ms.id],
        due=DAY - timedelta(days=1),
    )
    assert found(db, "单位:民生 管网") == [item.id] and found(db, "单位:财政 管网") == []
    assert found(db, "逾期 管网") == [item.id]
    changed = items.update_item(db, item.id, item.version, co_unit_ids=[cz.id], project_id=p2.id)
    assert found(db, "单位:民生 管网") == [] and found(db, "单位:财政 管网") == [item.id]
    assert found(db, "项目:棚户区 管网") == [] and found(db, "项目:JF-004 管网") == [item.id]
    changed = items.update_item(db, item.id, changed.version, lead_unit_id=None)
    assert found(db, "单位:住建局 管网") == []
    changed = items.update_item(db, item.id, changed.version, status=Status.CLOSED)
    assert found(db, "逾期 管网") == [] and found(db, "kind:issue 管网") == [item.id]
    items.rekind_item(db, item.id, changed.version, Kind.MINUTE)
    assert found(db, "kind:issue 管网") == [] and found(db, "类型:纪要 管网") == [item.id]
    # Another process removing a co-unit row directly: the trigger still follows.
    from sqlalchemy import delete

    from tui550.core.models import ItemUnit, table_of

    links = table_of(ItemUnit)
    with db.writer.begin() as conn:
        conn.execute(delete(links).where(links.c.item_id == item.id))
    assert found(db, "单位:财政 管网") == []


def test_filters_are_one_index_walk(shared: tuple) -> None:
    """A unit or project filter with a term goes through the text index alone."""
    from tui550.core import search_sql

    db, _, world = shared
    seen: list[str] = []
    real = search_sql._sqlite_item_rows

    def spy(conn, b, *args):
        rows = real(conn, b, *args)
        seen.append(b.params.get("match", ""))
        return rows

    search_sql._sqlite_item_rows = spy
    try:
        search(db, "单位:住建局 土地", today=DAY)
        search(db, "项目:棚户区 类型:问题 逾期", today=DAY)
    finally:
        search_sql._sqlite_item_rows = real
    zj = world["units"][0]
    assert f'"u{zj.id.hex}"' in seen[0] and '"土地"' in seen[0]
    assert '"kissue"' in seen[1] and '"xopen"' in seen[1] and f'"p{world["projects"][0].id.hex}"' in seen[1]


def test_another_process_writing_is_indexed_too(db: Database, world: dict) -> None:
    """A write that bypasses tui550's functions (another program, an administrator)
    is indexed by the database's own triggers."""
    from sqlalchemy import update

    from tui550.core.models import Item, table_of

    old = world["meetings"][0]
    item = table_of(Item)
    with db.writer.begin() as conn:
        conn.execute(
            update(item)
            .where(item.c.id == world["ids"]["decision"])
            .values(text="由区住建局牵头，办结规划许可")
        )
    assert found(db, "规划许可") == [world["ids"]["decision"]]
    assert found(db, "土地手续") == []
    assert old.id  # the meeting still exists


def test_existing_database_is_backfilled_by_the_migration(tmp_path: Path) -> None:
    import uuid

    import sqlalchemy as sa
    from alembic import command
    from sqlalchemy import create_engine

    from tui550.core.clock import utcnow
    from tui550.core.migrate import alembic_config
    from tui550.core.models import Item, table_of

    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    config = alembic_config()
    meeting_id, now = uuid.uuid4(), utcnow()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
    # Written as rows of the old schema, through its own tables: the models have columns
    # that later revisions add.
    with engine.begin() as conn:
        old = sa.MetaData()
        meeting = sa.Table("meeting", old, autoload_with=conn)
        conn.execute(
            meeting.insert(),
            {
                "id": meeting_id.hex,
                "created_at": now.replace(tzinfo=None),
                "updated_at": now.replace(tzinfo=None),
                "version": 1,
                "title": "旧会议",
                "date": DAY,
                "state": "planned",
                "current_position": 0,
            },
        )
        old_columns = {c["name"] for c in sa.inspect(conn).get_columns("item")}
        for item in (
            Item(meeting_id=meeting_id, kind="issue", text="土地征收手续未办结", status="open"),
            Item(meeting_id=meeting_id, kind="minute", text="已删除的土地记录", deleted_at=now),
        ):
            row = {k: v for k, v in item.model_dump().items() if k in old_columns}
            conn.execute(sa.insert(table_of(Item)), row)
    engine.dispose()
    db = open_database(str(path))
    try:
        hits = search(db, "土地", today=DAY)
        assert [h.title for h in hits] == ["土地征收手续未办结"]
        assert [h.title for h in search(db, "类型:问题 土地", today=DAY)] == ["土地征收手续未办结"]
        assert hits[0].meeting_title == "旧会议"
    finally:
        db.close()


def test_snippet_window_and_spans() -> None:
    text = "甲" * 100 + "拆迁" + "乙" * 100
    shown, spans = snippet(text, ["拆迁"], width=40)
    assert shown.startswith("…") and shown.endswith("…") and len(shown) == 42
    assert [shown[s:e] for s, e in spans] == ["拆迁"]
    assert match_spans("AbcABC", ["abc"]) == ((0, 6),)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(max_size=40)
    | st.lists(
        st.sampled_from(
            [
                '"',
                "“",
                "”",
                ":",
                "：",
                "kind:",
                "类型:",
                "unit:",
                "项目:",
                "逾期",
                "拆迁",
                "%",
                "_",
                "*",
                "AND",
                "OR",
                "NEAR(",
                "'",
                "\\",
                " ",
                "\x00",
                "a",
            ]
        ),
        max_size=12,
    ).map("".join)
)
def test_any_query_never_raises(shared: tuple, text: str) -> None:
    query = parse_query(text)
    hits = search(shared[0], text, today=DAY)
    for hit in hits:
        for start, end in hit.spans:
            assert 0 <= start < end <= len(hit.snippet)
    if query.empty:
        assert hits == []


def test_cli_plain_and_json(shared: tuple, capsys: pytest.CaptureFixture) -> None:
    from tui550.cli.main import run

    _, db_path, world = shared

    def call(*args: str) -> tuple[int, str, str]:
        with pytest.raises(SystemExit) as exit_info:
            run(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return int(exit_info.value.code or 0), out, err

    code, out, _ = call("search", "资金缺口")
    assert code == 0
    (line,) = out.strip().splitlines()
    assert line.startswith("问题·逾期  2026-07-06  民主路棚户区改造  拆迁安置资金缺口")
    code, out, _ = call("search", "拆", "--json", "--limit", "1")
    (hit,) = json.loads(out)
    assert hit["entity"] == "item" and hit["id"] == str(world["ids"]["minute"])
    assert hit["meeting_date"] == "2026-07-20" and hit["spans"] == [[7, 8]]
    code, out, err = call("search", "没有的内容")
    assert code == 0 and out == "" and "没有找到" in err


def test_facets_migration_downgrades_and_upgrades_again(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from tui550.core.migrate import alembic_config

    path = tmp_path / "round.sqlite"
    db = open_database(str(path))
    world = build_world(db)
    db.close()
    engine = create_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0002")
        assert (
            conn.exec_driver_sql(
                "SELECT count(*) FROM search_ngram WHERE search_ngram MATCH '拆迁'"
            ).scalar_one()
            == 2
        )
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    engine.dispose()
    db = open_database(str(path))
    try:
        assert found(db, "单位:民生 拆迁") == [world["ids"]["issue_old"]]
    finally:
        db.close()
