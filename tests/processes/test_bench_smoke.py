"""The benchmark's generator and every measurement, on a tiny district, so they cannot rot."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from bench import gen, run


def test_generate_and_measure_search(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUI550_BENCH_CACHE", str(tmp_path / "cache"))
    size = gen.size_for(items=1500)
    out = tmp_path / "bench.json"
    assert run.main(["--items", "1500", "--rounds", "2", "--json", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    path = gen.database_path(size)
    assert report["database"] == str(path) and path.parent == tmp_path / "cache"
    con = sqlite3.connect(path)
    try:
        assert con.execute("select count(*) from item").fetchone()[0] == 1500
        assert con.execute("select count(*) from project").fetchone()[0] == size.projects
        indexed = con.execute("select count(*) from search_doc where entity = 'item'").fetchone()[0]
        assert indexed == 1500
        # The capture trigger is back after the bulk load.
        assert con.execute("select count(*) from sqlite_master where name = 'item_search_ai'").fetchone()[0]
        # No planner statistics, as in a district's database (the app never runs ANALYZE).
        stats = con.execute("select name from sqlite_master where name like 'sqlite_stat%'").fetchall()
        assert stats == []
    finally:
        con.close()
    results = report["results"]
    for category in run.SEARCH_QUERIES:
        assert results[f"search_{category}_ms_p99"] is not None
        assert report["notes"][f"search_{category}_hits_per_query"] > 0, category
    assert results["search_ms_p99"] == max(results[f"search_{c}_ms_p99"] for c in run.SEARCH_QUERIES)
    assert "search_ms_p99" in run.table(report)
    # The app measurements ran too, on the tiny district (the numbers mean nothing here).
    for key in (
        "startup_ratio",
        "startup_s",
        "baseline_s",
        "capture_ms_p50",
        "capture_ms_p99",
        "switch_ms_p99",
        "rss_mb",
    ):
        assert isinstance(results[key], float) and results[key] > 0, key
    assert report["notes"]["drive"]["captures"] >= 5 and report["notes"]["drive"]["switches"] >= 3
    # The heavy project's carried list is cut to the most urgent ones.
    from tui550.core.running_meeting import CARRIED_SHOWN

    assert report["notes"]["drive"]["carried_shown"] == CARRIED_SHOWN
    try:
        import tui550.core.exporting  # noqa: F401
    except ImportError:
        assert results["export_md_s"] is None and "exports" in report["notes"]
    else:
        assert all(isinstance(results[f"export_{f}_s"], float) for f in ("docx", "xlsx", "md"))
    assert not list((path.parent / "runs").glob("*/work.sqlite"))  # the scratch copy is gone
    # A second run reuses the cached database.
    before = path.stat().st_mtime_ns
    gen.ensure_database(size)
    assert path.stat().st_mtime_ns == before
