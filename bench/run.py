"""The project's benchmark: `python bench/run.py [--quick] [--json PATH]`.

Builds (or reuses, see `bench/gen.py`) a generated district database, runs each
measurement, prints a table and optionally writes the numbers as JSON. Every
measurement is a function `measure_<name>(ctx) -> dict[str, float | None]`
listed in `MEASUREMENTS`; the ones not written yet return None for their keys
and show as "-". Targets are checked and shown beside the numbers.

The app measurements (start-up, capture, switch, memory, exports) are in
`bench/app_bench.py`.

Search: the first 50 results of 1-, 2-, 4- and 8-character Chinese queries and
of filter queries, each category timed over many rounds (after one warm-up
round, as the app's search dialog is warm after its first keystroke), p50 and
p99 in milliseconds; `search_ms_p99` is the worst category.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    # Run as a script: make the checkout importable (bench.gen, tui550).
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.gen import Size, ensure_database, size_for

# The generated district's "today": its last meeting's date.
TODAY = date(2026, 7, 20)

SEARCH_QUERIES: dict[str, tuple[str, ...]] = {
    "1char": ("拆", "地", "金", "街", "局"),
    "2char": ("拆迁", "街道", "土地", "资金", "手续"),
    "4char": ("拆迁安置", "土地手续", "资金缺口", "前期手续", "施工许可"),
    "8char": (
        "拆迁安置资金缺口",
        "土地征收补偿标准",
        "地下管线迁改未完",
        "专项债资金到位率",
        "用电增容手续未办",
    ),
    "filter": ("类型:问题 资金", "kind:decision 土地", "单位:住建局 拆迁", "项目:焦西 资金", "逾期 手续"),
}

# Targets on a 2-core machine. Not a pass/fail test: shown beside the numbers.
TARGETS: dict[str, float] = {
    "search_ms_p99": 50.0,
    "startup_ratio": 1.3,
    "capture_ms_p99": 25.0,
    "switch_ms_p99": 35.0,
    "export_docx_s": 1.5,
    "export_xlsx_s": 1.5,
    "export_md_s": 0.2,
    "rss_mb": 150.0,
}


@dataclass
class Context:
    size: Size
    db_path: Path
    quick: bool
    rounds: int
    # Start-up is timed app and baseline in turns. The machine's speed swings from second to
    # second (one pair's ratio ranged 0.84-1.84 in a single run): 10 pairs left the ratio's
    # median about 0.1 either way from one run to the next; 30 should leave about 0.06.
    startup_rounds: int = 30
    # Capture's p99 of 200 was the second or third slowest Enter, which one stall of the disk
    # or the machine decides (the same code gave 19.4-25.2 ms); of 500 it is the fifth.
    captures: int = 500
    switches: int = 60
    notes: dict[str, Any] = field(default_factory=dict)
    folder: Path | None = None
    work: Path | None = None
    meeting_id: Any = None
    drive: dict[str, Any] | None = None


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def measure_search(ctx: Context) -> dict[str, float | None]:
    from tui550.core.db import open_database
    from tui550.core.search import search

    db = open_database(str(ctx.db_path), upgrade=False)
    out: dict[str, float | None] = {}
    try:
        for queries in SEARCH_QUERIES.values():  # warm-up: imports, statement caches
            for text in queries:
                search(db, text, limit=50, today=TODAY)
        worst = 0.0
        for category, queries in SEARCH_QUERIES.items():
            times: list[float] = []
            found = 0
            for _ in range(ctx.rounds):
                for text in queries:
                    start = time.perf_counter()
                    hits = search(db, text, limit=50, today=TODAY)
                    times.append((time.perf_counter() - start) * 1000)
                    found += len(hits)
            p99 = _percentile(times, 0.99)
            out[f"search_{category}_ms_p50"] = round(statistics.median(times), 2)
            out[f"search_{category}_ms_p99"] = round(p99, 2)
            ctx.notes[f"search_{category}_hits_per_query"] = found / len(times)
            worst = max(worst, p99)
        out["search_ms_p99"] = round(worst, 2)
    finally:
        db.close()
    return out


def _work(ctx: Context) -> tuple[Path, Any]:
    """The copy of the district with a meeting in progress, made once per run."""
    from bench import app_bench

    if ctx.work is None:
        ctx.folder = app_bench.scratch(ctx.db_path.parent / "runs")
        ctx.work, ctx.meeting_id = app_bench.prepare(ctx.db_path, ctx.folder)
    return ctx.work, ctx.meeting_id


def measure_startup(ctx: Context) -> dict[str, float | None]:
    from bench import app_bench

    work, _ = _work(ctx)
    assert ctx.folder is not None
    return app_bench.measure_startup(work, ctx.folder, ctx.startup_rounds)


def _drive(ctx: Context) -> dict[str, Any]:
    from bench import app_bench

    if ctx.drive is None:
        work, meeting_id = _work(ctx)
        assert ctx.folder is not None
        ctx.drive = app_bench.run_drive(
            work, meeting_id, ctx.folder, captures=ctx.captures, switches=ctx.switches
        )
        ctx.notes["drive"] = ctx.drive.pop("_counts")
    return ctx.drive


def measure_capture(ctx: Context) -> dict[str, float | None]:
    drive = _drive(ctx)
    return {
        k: drive[k]
        for k in (
            "capture_ms_p50",
            "capture_ms_p99",
            "capture_commit_ms_p99",
            "capture_frames_ms_p50",
            "capture_frames_ms_p99",
        )
    }


def measure_switch(ctx: Context) -> dict[str, float | None]:
    drive = _drive(ctx)
    return {k: drive[k] for k in ("switch_ms_p50", "switch_ms_p99")}


def measure_exports(ctx: Context) -> dict[str, float | None]:
    from bench import app_bench

    work, _ = _work(ctx)
    assert ctx.folder is not None
    out, note = app_bench.measure_exports(work, ctx.folder, 1 if ctx.quick else 3)
    if note:
        ctx.notes["exports"] = note
    return out


def measure_rss(ctx: Context) -> dict[str, float | None]:
    return {"rss_mb": _drive(ctx)["rss_mb"]}


MEASUREMENTS: tuple[Callable[[Context], dict[str, float | None]], ...] = (
    measure_search,
    measure_startup,
    measure_capture,
    measure_switch,
    measure_exports,
    measure_rss,
)


def run(
    size: Size, *, quick: bool = False, rounds: int | None = None, log: Callable[[str], None] | None = None
) -> dict[str, Any]:
    started = time.perf_counter()
    path = ensure_database(size, log=log)
    ctx = Context(size=size, db_path=path, quick=quick, rounds=rounds or (20 if quick else 40))
    if quick or rounds is not None:
        # A quick run (or a smoke test's few rounds) scales the app measurements down too.
        few = rounds or 20
        ctx.startup_rounds, ctx.captures, ctx.switches = max(1, few // 4), max(5, few * 2), max(3, few)
    results: dict[str, float | None] = {}
    from bench import app_bench

    try:
        for measure in MEASUREMENTS:
            results.update(measure(ctx))
    finally:
        if ctx.folder is not None:
            app_bench.cleanup(ctx.folder)
    return {
        "size": {"projects": size.projects, "meetings": size.meetings, "items": size.items},
        "load": _load(),
        "database": str(path),
        "cpus": os.cpu_count(),
        "seconds": round(time.perf_counter() - started, 1),
        "results": results,
        "targets": {
            k: {"limit": v, "ok": results.get(k) is not None and results[k] <= v}  # type: ignore[operator]
            for k, v in TARGETS.items()
        },
        "notes": ctx.notes,
    }


def _load() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def table(report: dict[str, Any]) -> str:
    size = report["size"]
    lines = [
        f"tui550 benchmark: {size['projects']} projects, {size['meetings']} meetings, "
        f"{size['items']} items ({report['cpus']} CPUs, load {report.get('load')})",
        "",
    ]
    width = max(len(k) for k in report["results"])
    for key, value in report["results"].items():
        target = report["targets"].get(key)
        verdict = "" if target is None else ("n/a" if value is None else "ok" if target["ok"] else "MISSED")
        mark = "" if target is None else f"  <= {target['limit']:g}  {verdict}"
        shown = "-" if value is None else f"{value:g}"
        lines.append(f"{key:<{width}}  {shown:>10}{mark}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="tui550 benchmark")
    parser.add_argument("--quick", action="store_true", help="a tenth of the full size")
    parser.add_argument("--items", type=int, help="scale everything to this many items")
    parser.add_argument("--rounds", type=int, help="rounds per query category")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args(argv)
    report = run(
        size_for(args.quick, args.items),
        quick=args.quick,
        rounds=args.rounds,
        log=lambda s: print(s, file=sys.stderr),
    )
    print(table(report))
    if args.json:
        tmp = args.json.with_name(args.json.name + ".tmp")
        tmp.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
