"""Big and hostile files are read in bounded memory: `tui550 import` refuses a million CSV
rows, an xlsx bomb or a huge cell under 200 MB, and `load` reads a 30 MB exchange file as a
stream under 100 MB. Each command runs in its own process and its peak is measured there
(the other hostile inputs, in-process: unit/test_hostile_doors.py)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import hostile_inputs as hostile
from tests.support.cli import messages
from tests.support.paths import REPO

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def dbfile(tmp_path: Path) -> str:
    return hostile.exchange_database(tmp_path / "target.sqlite")


def _peak(args: list[str], cwd: Path) -> tuple[int, int, str]:
    """Exit code, peak memory (MB) and stderr of `tui550 args` in its own process.

    The peak is the program's own (`bench.peak_memory`), not the forking test process's."""
    probe = (
        f"import atexit, sys\nsys.path.insert(0, {str(REPO)!r})\n"
        "from bench.peak_memory import own_peak_kb\n"
        "atexit.register(lambda: sys.stderr.write('PEAK_KB=%d\\n' % own_peak_kb()))\n"
        "from tui550.cli.main import run\nrun(sys.argv[1:])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "TUI550_LANG": "zh"},
    )
    err, _, peak = done.stderr.rpartition("PEAK_KB=")
    return done.returncode, int(peak.split()[0]) // 1024, err


@pytest.mark.parametrize("maker", ["csv_many_rows", "xlsx_bomb", "csv_huge_cell"])
def test_import_memory_stays_under_200_mb(tmp_path: Path, dbfile: str, maker: str) -> None:
    path = getattr(hostile, maker)(tmp_path)
    code, rss, err = _peak(["--db", dbfile, "import", "projects", str(path)], tmp_path)
    assert code == 1 and len(messages(err)) == 2, err
    assert rss < 200, f"{maker}: {rss} MB"


def test_load_reads_a_large_file_as_a_stream(tmp_path: Path, dbfile: str) -> None:
    # A 30 MB file read whole (json.loads) peaked at about 130 MB; read as a stream, under 100.
    path = hostile.large_exchange(tmp_path, megabytes=30)
    code, rss, err = _peak(["--db", dbfile, "load", str(path)], tmp_path)
    assert code == 0, err
    assert rss < 100, f"{rss} MB"
    assert sqlite3.connect(dbfile).execute("select count(*) from item").fetchone()[0] > 1000
