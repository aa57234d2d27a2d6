"""The import as one call: read, check, plan, write (or not), and report."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from pathlib import Path
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session

from tui550.core.clock import utcnow, zh_date
from tui550.core.db import Database
from tui550.core.domain import MeetingKind, MeetingState
from tui550.core.errors import UserError
from tui550.core.importing.headers import HEADER_SCAN_ROWS, Header, column_letter, find_header
from tui550.core.importing.reading import Row, Table, open_table
from tui550.core.importing.rows import IssueRecord, Problem, ProjectRecord, RowParser
from tui550.core.importing.write_issues import IssuePlan, plan_issues, write_issues
from tui550.core.importing.write_projects import ProjectPlan, _history, plan_projects, write_projects
from tui550.core.models import History, Meeting, table_of
from tui550.i18n import t

KINDS = ("projects", "issues")
PROGRESS_EVERY = 5000
# Data rows one file may hold: a district's ledger is a few thousand rows; a file of a
# million is a mistake (or worse), refused as soon as its row past this is read.
MAX_ROWS = 50_000

# progress(stage, count): stage is "read" (rows read so far) or "write" (records written).
ProgressFn = Callable[[str, int], None]


@dataclass
class ImportReport:
    kind: str
    path: Path
    fmt: str
    sheet: str | None
    encoding: str | None
    header_row: int = 0
    reference: date | None = None  # what relative dates (12月底) were read against
    months: list[date] = field(default_factory=list)  # the month of each project's figures
    used: list[tuple[str, str, str]] = field(default_factory=list)  # letter, header, field
    ignored: list[tuple[str, str]] = field(default_factory=list)  # letter, header
    rows_read: int = 0
    records: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    updated: list[tuple[str, list[str]]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    units_added: list[str] = field(default_factory=list)
    dry_run: bool = False
    written: bool = False
    meeting_id: uuid.UUID | None = None
    meeting_title: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems


def import_ledger(
    db: Database,
    kind: str,
    path: Path,
    *,
    sheet: str | None = None,
    dry_run: bool = False,
    skip_bad: bool = False,
    meeting_id: uuid.UUID | None = None,
    progress: ProgressFn | None = None,
    today: date | None = None,
) -> ImportReport:
    """Import `path` as a ledger of `kind` ("projects" or "issues").

    File-level trouble (not a spreadsheet, damaged, no header) raises UserError.
    Row-level problems come back in the report; unless `skip_bad`, any of them
    means nothing was written. Relative dates in the file (12月底) are read against
    `today` (default: the district's today), which the report keeps as `reference`.
    """
    if kind not in KINDS:
        raise ValueError(kind)
    started = time.perf_counter()
    today = today or db.today()
    table = open_table(Path(path), sheet)
    try:
        report, records = _read(table, kind, sheet, progress, today)
    finally:
        table.close()
    report.dry_run = dry_run
    if dry_run or (report.problems and not skip_bad):
        # Planning finds the problems only the database can tell (duplicates, unknown
        # projects); it runs even when nothing will be written, so every problem is listed.
        with db.read() as session:
            plan = _plan(session, kind, records)
            _fill(report, plan)
        report.seconds = time.perf_counter() - started
        return report
    with db.write() as session:
        plan = _plan(session, kind, records)
        records.clear()  # the plan holds what is written; the parsed rows can go
        _fill(report, plan)
        if report.problems and not skip_bad:
            session.rollback()
            report.seconds = time.perf_counter() - started
            return report
        if isinstance(plan, ProjectPlan):
            write_projects(session, db, plan, (lambda n: progress("write", n)) if progress else None)
        else:
            if meeting_id is None:
                meeting_id, report.meeting_title = _import_meeting(session, db, Path(path), today)
            report.meeting_id = meeting_id
            write_issues(session, db, plan, meeting_id)
    report.written = True
    report.seconds = time.perf_counter() - started
    return report


def _plan(session: Session, kind: str, records: list[Any]) -> ProjectPlan | IssuePlan:
    return plan_projects(session, records) if kind == "projects" else plan_issues(session, records)


def _fill(report: ImportReport, plan: ProjectPlan | IssuePlan) -> None:
    report.problems.extend(plan.problems)
    report.problems.sort(key=lambda p: (p.row or 0, p.column or ""))
    report.added = plan.added_names
    report.updated = plan.updated
    report.unchanged = plan.unchanged
    report.units_added = sorted(name for name, _ in plan.units.new.values())
    if isinstance(plan, ProjectPlan):
        report.months = [month for _, month, _, _ in plan.months]


def _read(
    table: Table, kind: str, sheet: str | None, progress: ProgressFn | None, today: date
) -> tuple[ImportReport, list[Any]]:
    candidates = [sheet] if sheet is not None or table.fmt != "xlsx" else list(table.sheets)
    header: Header | None = None
    rows: Iterator[Row] = iter(())
    head: list[Row] = []
    for name in candidates:
        table.sheet = name
        rows = table.rows()
        head = [row for _, row in zip(range(HEADER_SCAN_ROWS), rows, strict=False)]
        header = find_header(kind, [(r.number, r.values) for r in head])
        if header is not None:
            break
    if header is None:
        raise UserError("import.no_header", f"import.no_header.{kind}.remedy", path=str(table.path))
    report = ImportReport(
        kind=kind,
        path=table.path,
        fmt=table.fmt,
        sheet=table.sheet,
        encoding=table.encoding,
        header_row=header.row,
        reference=today,
    )
    report.used = [
        (column_letter(c), header.names.get(c, ""), f)
        for f, c in sorted(header.columns.items(), key=lambda fc: fc[1])
    ]
    report.ignored = [(column_letter(c), header.names.get(c, "")) for c in header.ignored]
    parser = RowParser(kind, header, today)
    records: list[ProjectRecord | IssueRecord] = []
    parse = parser.project if kind == "projects" else parser.issue
    for row in chain(head, rows):
        if row.number <= header.row:
            continue
        report.rows_read += 1
        if report.rows_read > MAX_ROWS:
            raise UserError(
                "import.too_many_rows", "import.too_big.remedy", path=str(table.path), limit=MAX_ROWS
            )
        if progress and report.rows_read % PROGRESS_EVERY == 0:
            progress("read", report.rows_read)
        if parser.skip(row.number, row.values):
            continue
        record = parse(row.number, row.values, row.uncached)
        if record is not None:
            records.append(record)
    report.records = len(records)
    report.skipped = parser.skipped
    report.problems = parser.problems
    report.warnings = parser.warnings
    if not records and not report.problems:
        raise UserError("import.no_rows", "import.no_rows.remedy", path=str(table.path))
    return report, records


def _import_meeting(session: Session, db: Database, path: Path, today: date | None) -> tuple[uuid.UUID, str]:
    """The synthetic meeting an imported issue list belongs to: closed, dated today."""

    day = today or db.today()
    title = t("import.meeting_title", file=path.name, date=zh_date(day))
    now = utcnow()
    meeting_id = uuid.uuid4()
    session.execute(
        insert(table_of(Meeting)),
        {
            "id": meeting_id,
            "title": title,
            "date": day,
            "state": MeetingState.CLOSED.value,
            "current_position": 0,
            "created_at": now,
            "updated_at": now,
            "version": 1,
            "deleted_at": None,
            "issue_no": None,
            "starts_at": None,
            "ends_at": None,
            "place": None,
            "chair": None,
            "attendees": None,
            "non_voting": None,
            "absentees": None,
            "recorder": None,
            "kind": MeetingKind.IMPORT.value,
        },
    )
    session.execute(
        insert(table_of(History)),
        _history(
            db,
            meeting_id,
            "import",
            now,
            {"title": [None, title], "date": [None, day.isoformat()]},
            meeting_id,
            entity="meeting",
        ),
    )
    return meeting_id, title
