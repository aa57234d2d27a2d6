"""How long importing a ledger takes, and how much memory it needs.

    PYTHONPATH=. python bench/import_bench.py [--projects 2000] [--rows 50000]

Writes a messy 2,000-project .xlsx (title rows, subtotal, units in one cell,
text dates, amounts with units), imports it into a new database, re-imports it
(all unchanged), then reads a 100,000-row .xlsx as a dry run. Prints seconds
and the peak resident memory.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.peak_memory import own_peak_mb
from tests.support.ledger_files import ledger_rows, project_row
from tui550.core.db import open_database
from tui550.core.importing import import_ledger


def write_big_xlsx(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("台账")
    for row in ledger_rows(0):
        sheet.append(row)
    for n in range(1, rows + 1):
        sheet.append(project_row(n))
    book.save(path)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=2000)
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        ledger = base / "ledger.xlsx"
        write_big_xlsx(ledger, args.projects)
        db = open_database(str(base / "bench.sqlite"), who="bench")
        started = time.perf_counter()
        report = import_ledger(db, "projects", ledger)
        first = time.perf_counter() - started
        assert report.written and len(report.added) == args.projects, report.problems[:3]
        started = time.perf_counter()
        again = import_ledger(db, "projects", ledger)
        second = time.perf_counter() - started
        assert len(again.unchanged) == args.projects
        print(f"import {args.projects} projects (xlsx): {first:.2f} s")
        print(f"re-import, all unchanged:        {second:.2f} s")
        print(f"peak memory so far:              {own_peak_mb():.0f} MB")
        if args.rows:
            big = base / "big.xlsx"
            write_big_xlsx(big, args.rows)
            started = time.perf_counter()
            report = import_ledger(db, "projects", big, dry_run=True)
            print(
                f"dry run of {args.rows} rows (xlsx): {time.perf_counter() - started:.2f} s, "
                f"{report.records} records"
            )
            print(f"peak memory:                     {own_peak_mb():.0f} MB")
        db.close()


if __name__ == "__main__":
    main()
