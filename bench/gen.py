"""The benchmark's district: a generated database the size of years of meetings.

Full size: 2,000 projects, 300 weekly meetings, 500,000 items of Chinese text
built from the district's vocabulary (streets, departments, 拆迁/土地/资金/手续
problems, dates written the way the room says them). `--quick` is a tenth.

Rows go in through bulk Core inserts (executemany) in a few big transactions,
not through `capture()`: the point is the size, and the triggers of migration
0002 still index every row exactly as they index a captured one. The result is
cached outside the repository (`$TUI550_BENCH_CACHE`, else the platform's
cache folder), keyed by size, generator version and schema revision, so a
second run starts at once. Everything is drawn from a seeded generator: the
same size gives the same database.

    python -m bench.gen [--quick] [--items N] [--force]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

GEN_VERSION = 1
FULL = (2000, 300, 500_000)

STREETS = (
    "民生街道",
    "民主街道",
    "新华街道",
    "焦西街道",
    "焦南街道",
    "焦北街道",
    "七百间街道",
    "上白作街道",
    "王褚街道",
)
DEPARTMENTS = (
    ("区发改委", ("发改委",)),
    ("区住建局", ("住建局", "区住房和城乡建设局")),
    ("区财政局", ("财政局",)),
    ("区自然资源局", ("自然资源局",)),
    ("区城管局", ("城管局",)),
    ("区工信局", ("工信局",)),
    ("区商务局", ("商务局",)),
    ("区招商中心", ("招商中心",)),
    ("区督查局", ("督查局",)),
    ("区生态环境分局", ("环保分局",)),
    ("区市场监管局", ("市场监管局",)),
    ("区人社局", ("人社局",)),
    ("区教育局", ("教育局",)),
    ("区卫健委", ("卫健委",)),
    ("区文广旅局", ("文广旅局",)),
    ("区应急管理局", ("应急局",)),
)
PLACES = (
    "解放大道",
    "民主路",
    "焦西",
    "焦南",
    "焦北",
    "王褚",
    "七百间",
    "上白作",
    "新华街",
    "民生路",
    "太行路",
    "建设路",
    "人民路",
    "丰收路",
    "塔南路",
    "中原路",
    "工业路",
    "山阳路",
    "焦东路",
    "和平街",
    "自由路",
    "站前路",
    "南通路",
    "映湖路",
    "龙源湖",
    "缝山",
    "百间房",
    "李河",
    "东于村",
    "西冯封",
)
TYPES = (
    "棚户区改造",
    "老旧小区提质",
    "安置房",
    "智能装备产业园",
    "物流园",
    "污水管网",
    "道路改造",
    "学校扩建",
    "医院门诊楼",
    "冷链仓储中心",
    "城市综合体",
    "口袋公园",
    "智慧停车场",
    "供热管网",
    "电池材料",
    "数字经济产业园",
    "农贸市场升级",
    "历史街区更新",
    "雨污分流",
    "养老服务中心",
    "体育公园",
    "人才公寓",
    "商业街区",
    "标准化厂房",
    "供水管网",
    "幼儿园",
    "社区服务中心",
    "城市书房",
    "应急指挥中心",
    "电商产业园",
)
PHASES = ("", "一期", "二期", "三期", "四期", "五期")
CATEGORIES = ("产业", "民生", "基础设施", "社会事业", "文旅")
ISSUE_CATEGORIES = ("前期手续", "土地", "资金", "拆迁安置", "市场对接", "人员机械")
PEOPLE = ("王建华", "李明远", "张国强", "刘晓燕", "陈志刚", "杨秀梅", "赵敏", "孙海涛", "郑丽华", "马国栋")

PROGRESS = (
    "已完成投资{n}万元，占年度计划的{p}%",
    "主体结构已封顶，正在进行二次结构施工",
    "{unit}已完成土地组卷上报，等待省厅批复",
    "拆迁签约率达到{p}%，剩余{k}户正在做工作",
    "施工图审查已通过，{m}月{d}日前完成招标",
    "桩基施工完成{p}%，现场人员机械{k}台套",
    "征地补偿资金已拨付{n}万元",
    "安置房主体完工，正在进行外墙保温施工",
    "设备进场调试，计划{m}月底试生产",
    "前期手续已办结立项、规划许可，施工许可正在办理",
)
PROBLEMS = (
    "拆迁安置资金缺口约{n}万元，需{unit}协调解决",
    "土地手续尚未办结，影响开工",
    "剩余{k}户拆迁安置协议未签订",
    "项目融资未落实，银行授信审批缓慢",
    "施工许可证办理滞后，{unit}需加快审批",
    "土地征收补偿标准存在争议，群众意见较大",
    "地下管线迁改未完成，影响道路施工",
    "环评批复未取得，{unit}正在技术审查",
    "专项债资金到位率仅{p}%",
    "用电增容手续未办理，设备无法调试",
    "拆迁安置资金缺口较大，土地征收手续办理进度慢",
)
NEXT = (
    "下步将倒排工期、挂图作战，确保{m}月{d}日前完工",
    "加快推进拆迁扫尾，{m}月底前完成清表",
    "积极对接{unit}，争取资金尽快到位",
    "协调{unit}加快办理前期手续",
    "全力抢抓施工黄金期，增加人员机械投入",
)
DECISIONS = (
    "由{unit}牵头，{street}配合，{m}月{d}日前完成拆迁安置",
    "{unit}负责落实资金{n}万元，本月底前拨付到位",
    "{unit}牵头协调土地手续，两周内办结",
    "区督查局跟踪督办，每周报告进展",
    "{street}负责做好群众工作，{m}月{d}日前完成签约",
    "{unit}加快审批，{m}月{d}日前办结施工许可",
)
DEADLINES = (
    "主体结构封顶",
    "完成拆迁安置",
    "取得施工许可证",
    "土地摘牌",
    "设备进场",
    "竣工验收",
    "开工建设",
    "完成招标",
    "资金拨付到位",
    "试生产",
)


@dataclass(frozen=True)
class Size:
    projects: int
    meetings: int
    items: int

    @property
    def label(self) -> str:
        return f"p{self.projects}-m{self.meetings}-i{self.items}"


def size_for(quick: bool = False, items: int | None = None) -> Size:
    projects, meetings, total = FULL
    if quick:
        projects, meetings, total = projects // 10, meetings // 10, total // 10
    if items is not None:
        scale = items / total
        projects, meetings, total = max(10, int(projects * scale)), max(3, int(meetings * scale)), items
    return Size(projects, meetings, total)


def cache_dir() -> Path:
    env = os.environ.get("TUI550_BENCH_CACHE")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("tui550")) / "bench"


def database_path(size: Size, folder: Path | None = None) -> Path:
    from tui550.core.db import head_revision

    folder = folder or cache_dir()
    return folder / f"bench-{size.label}-g{GEN_VERSION}-r{head_revision()}.sqlite"


def ensure_database(size: Size, *, folder: Path | None = None, force: bool = False, log: Any = None) -> Path:
    """The cached database of this size, generated first if missing."""
    path = database_path(size, folder)
    if path.exists() and not force:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    older = None if force else _older_revision(path)
    if older is not None:
        _upgrade_copy(older, partial, log=log)
    else:
        generate(partial, size, log=log)
    os.replace(partial, path)
    return path


def _older_revision(path: Path) -> Path | None:
    """The same district cached under an earlier schema revision, if any."""
    stem = path.name.rsplit("-r", 1)[0]
    found = sorted(p for p in path.parent.glob(f"{stem}-r*.sqlite") if p != path)
    return found[-1] if found else None


def _upgrade_copy(source: Path, target: Path, *, log: Any = None) -> None:
    """Copy a cached database and migrate it (minutes) instead of generating it again
    (tens of minutes): the migrations' backfills are what a real upgrade runs too."""
    from tui550.core.db import backup_sqlite, open_database

    started = time.perf_counter()
    backup_sqlite(source, target)
    # Opening migrates. No ANALYZE after it: see `generate`.
    open_database(str(target), who="bench").close()
    for stale in target.parent.glob(target.name + ".before-*.bak"):
        stale.unlink()
    if log:
        log(f"upgraded {source.name} in {time.perf_counter() - started:.0f} s")


def _fill(rng: random.Random, template: str, units: list[str], day: date) -> str:
    due = day + timedelta(days=rng.randint(5, 60))
    return template.format(
        n=rng.choice((80, 150, 300, 450, 600, 1200, 2500, 3000, 8000)),
        p=rng.randint(20, 98),
        k=rng.randint(2, 60),
        m=due.month,
        d=due.day,
        unit=rng.choice(units),
        street=rng.choice(STREETS),
    )


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _batches(rows: Iterator[dict[str, Any]], n: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


def generate(path: Path, size: Size, *, seed: int = 550, log: Any = None) -> None:
    from sqlalchemy import insert

    from tui550.core.db import open_database
    from tui550.core.models import (
        AgendaEntry,
        Item,
        ItemUnit,
        Meeting,
        Project,
        ProjectUnit,
        Unit,
        UnitAlias,
        table_of,
    )

    started = time.perf_counter()
    rng = random.Random(seed)
    db = open_database(str(path), who="bench")
    now = datetime(2026, 1, 1, tzinfo=UTC)
    stamp = {"created_at": now, "updated_at": now, "version": 1, "deleted_at": None}
    _bulk_mode(db)
    try:
        with db.writer.begin() as conn:
            unit_ids: dict[str, uuid.UUID] = {}
            units = [(name, "street", ()) for name in STREETS] + [
                (name, "department", aliases) for name, aliases in DEPARTMENTS
            ]
            for name, _kind, _aliases in units:
                unit_ids[name] = _uuid(rng)
            conn.execute(
                insert(table_of(Unit)),
                [
                    {"id": unit_ids[n], "name": n, "kind": k, "note": None, "merged_into_id": None, **stamp}
                    for n, k, _ in units
                ],
            )
            conn.execute(
                insert(table_of(UnitAlias)),
                [{"id": _uuid(rng), "unit_id": unit_ids[n], "alias": a} for n, _, al in units for a in al],
            )
            departments = [n for n, _ in DEPARTMENTS]
            names = [f"{p}{t}{ph}" for p in PLACES for t in TYPES for ph in PHASES]
            rng.shuffle(names)
            if size.projects > len(names):
                raise ValueError(f"at most {len(names)} projects")
            projects: list[tuple[uuid.UUID, str, str]] = []
            project_rows, link_rows = [], []
            for i, name in enumerate(names[: size.projects]):
                pid, street, lead = _uuid(rng), rng.choice(STREETS), rng.choice(departments)
                projects.append((pid, street, lead))
                project_rows.append(
                    {
                        "id": pid,
                        "code": f"JF-{i + 1:04d}",
                        "name": name,
                        "category": rng.choice(CATEGORIES),
                        "street_id": unit_ids[street],
                        "leader": rng.choice(PEOPLE),
                        "lead_unit_id": unit_ids[lead],
                        "investment_total": float(rng.randint(10, 1000) * 100),
                        "investment_year": None,
                        "annual_target": None,
                        "content": None,
                        "planned_start": None,
                        "planned_end": None,
                        "status": "在建",
                        "note": None,
                        **stamp,
                    }
                )
                link_rows += [
                    {"project_id": pid, "unit_id": unit_ids[u], "position": j}
                    for j, u in enumerate(dict.fromkeys((street, rng.choice(departments))))
                ]
            conn.execute(insert(table_of(Project)), project_rows)
            conn.execute(insert(table_of(ProjectUnit)), link_rows)
            # A full-text insert fired row by row from executemany flushes the index once
            # per statement (≈ 0.2 ms, fine for a capture, minutes for a bulk load). So the
            # capture trigger is off during the load, and each meeting's items are indexed
            # by one UPDATE that fires the edit trigger for all of them in one statement.
            capture_trigger = conn.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE name = 'item_search_ai'"
            ).scalar_one()
            conn.exec_driver_sql("DROP TRIGGER item_search_ai")
        first = date(2026, 7, 20) - timedelta(weeks=size.meetings - 1)
        per_meeting = size.items // size.meetings
        for m in range(size.meetings):
            day = first + timedelta(weeks=m)
            mid = _uuid(rng)
            agenda = rng.sample(projects, min(len(projects), 50))
            count = per_meeting + (size.items % size.meetings if m == size.meetings - 1 else 0)
            with db.writer.begin() as conn:
                conn.execute(
                    insert(table_of(Meeting)),
                    [
                        {
                            "id": mid,
                            "title": f"解放区“550”重点项目调度会（第{m + 1}期）",
                            "issue_no": f"第{m + 1}期",
                            "date": day,
                            "starts_at": None,
                            "ends_at": None,
                            "place": "区委三楼会议室",
                            "chair": None,
                            "attendees": None,
                            "non_voting": None,
                            "absentees": None,
                            "recorder": None,
                            "state": "closed" if m < size.meetings - 1 else "planned",
                            "current_position": 0,
                            **stamp,
                        }
                    ],
                )
                conn.execute(
                    insert(table_of(AgendaEntry)),
                    [
                        {
                            "id": _uuid(rng),
                            "meeting_id": mid,
                            "project_id": p[0],
                            "position": i + 1,
                            "time_box_s": 300,
                            "elapsed_s": 0.0,
                            "started_at": None,
                            "ended_at": None,
                            "skipped": False,
                            **stamp,
                        }
                        for i, p in enumerate(agenda)
                    ],
                )
                last = conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM item").scalar_one()
                co_rows: list[dict[str, Any]] = []
                rows = _items(rng, mid, day, agenda, count, unit_ids, departments, co_rows)
                for batch in _batches(rows, 5000):
                    conn.execute(insert(table_of(Item)), batch)
                if co_rows:
                    conn.execute(insert(table_of(ItemUnit)), co_rows)
                conn.exec_driver_sql("UPDATE item SET text = text WHERE rowid > ?", (last,))
            if log and (m + 1) % max(1, size.meetings // 10) == 0:
                log(f"  {m + 1}/{size.meetings} meetings, {time.perf_counter() - started:.0f} s")
        with db.writer.begin() as conn:
            conn.exec_driver_sql(capture_trigger)
            # One segment per index after a bulk load: what a long-lived database converges to.
            conn.exec_driver_sql("INSERT INTO search_ngram(search_ngram) VALUES ('optimize')")
        # No ANALYZE: the app never runs it, so a district's database has no planner
        # statistics, and the benchmark's queries must be planned as they are there.
    finally:
        db.close()
    if log:
        log(f"generated {size.label} in {time.perf_counter() - started:.0f} s: {path}")


def _bulk_mode(db: Any) -> None:
    """A half-written file is thrown away (it is renamed into place only when done),
    so the load needs no fsync; a big page cache keeps the index's pages in memory."""
    from sqlalchemy import event

    @event.listens_for(db.writer, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA synchronous=OFF")
        dbapi_connection.execute("PRAGMA cache_size=-400000")

    db.writer.dispose()


def _items(
    rng: random.Random,
    meeting_id: uuid.UUID,
    day: date,
    agenda: list[tuple[uuid.UUID, str, str]],
    count: int,
    unit_ids: dict[str, uuid.UUID],
    departments: list[str],
    co_rows: list[dict[str, Any]],
) -> Iterator[dict[str, Any]]:
    age = (date(2026, 7, 20) - day).days
    base = datetime(day.year, day.month, day.day, 1, 0, tzinfo=UTC)
    for n in range(count):
        pid, street, lead = agenda[n % len(agenda)]
        units = [lead, street, *rng.sample(departments, 2)]
        roll = rng.random()
        row: dict[str, Any] = {
            "id": _uuid(rng),
            "meeting_id": meeting_id,
            "project_id": pid if n % 40 else None,
            "tag": None,
            "category": None,
            "steps": None,
            "lead_unit_id": None,
            "due": None,
            "actual": None,
            "status": None,
            "created_by": "bench",
            "original_due": None,
            "extensions": 0,
            "escalation": 0,
            "closed_at": None,
            "closed_by": None,
            "closed_note": None,
            "created_at": base + timedelta(seconds=n),
            "updated_at": base,
            "version": 1,
            "deleted_at": None,
        }
        if roll < 0.5:
            tag, pool = rng.choice((("progress", PROGRESS), ("problem", PROBLEMS), ("next", NEXT)))
            row.update(kind="minute", tag=tag, text=_fill(rng, rng.choice(pool), units, day))
        else:
            if roll < 0.7:
                row.update(kind="decision", text=_fill(rng, rng.choice(DECISIONS), units, day))
            elif roll < 0.9:
                row.update(
                    kind="issue",
                    text=_fill(rng, rng.choice(PROBLEMS), units, day),
                    category=rng.choice(ISSUE_CATEGORIES),
                )
            else:
                row.update(kind="deadline", text=rng.choice(DEADLINES))
            due = day + timedelta(days=rng.randint(5, 60))
            # Old meetings' items are mostly closed; recent ones open, some overdue.
            closed = rng.random() < min(0.97, age / 200)
            row.update(
                due=due,
                original_due=due,
                lead_unit_id=unit_ids[rng.choice(units[:2])],
                status="closed" if closed else rng.choice(("open", "in_progress", "reported")),
            )
            if rng.random() < 0.3:
                co_rows.append({"item_id": row["id"], "unit_id": unit_ids[units[2]], "position": 0})
        yield row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="a tenth of the full size")
    parser.add_argument("--items", type=int, help="scale everything to this many items")
    parser.add_argument("--force", action="store_true", help="regenerate even if cached")
    args = parser.parse_args(argv)
    size = size_for(args.quick, args.items)
    path = ensure_database(size, force=args.force, log=lambda s: print(s, file=sys.stderr))
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
