"""A database of the first released schema (revision 0001, rows in every table) opens
with today's code: upgraded through every revision that exists, every row intact."""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from pathlib import Path

from tui550.core.db import head_revision, known_revisions, open_database

FIXTURE = Path(__file__).parent / "fixtures" / "schema_0001.sqlite"


def _rows(path: Path, only: set[str] | None = None) -> dict[str, list[dict[str, object]]]:
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    try:
        tables = [
            r[0]
            for r in con.execute(
                "select name from sqlite_master where type='table' and name != 'alembic_version' "
                "and name not like 'sqlite_%' order by name"
            )
            if only is None or r[0] in only
        ]
        return {t: [dict(r) for r in con.execute(f"select * from {t} order by rowid")] for t in tables}
    finally:
        con.close()


def test_fixture_is_revision_0001_with_rows_everywhere() -> None:
    con = sqlite3.connect(f"file:{FIXTURE}?mode=ro", uri=True)
    assert con.execute("select version_num from alembic_version").fetchone() == ("0001",)
    con.close()
    assert known_revisions()[0] == "0001"
    empty = [table for table, rows in _rows(FIXTURE).items() if not rows]
    assert empty == []


def test_upgrade_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copyfile(FIXTURE, path)
    before = _rows(path)
    db = open_database(str(path))
    try:
        from tui550.core.store import drafts, items, meetings

        meeting = meetings.list_meetings(db)[0]
        assert meeting.title == "解放区“550”重点项目调度会"
        item = items.meeting_items(db, meeting.id)[0]
        assert item.text == "区发改委牵头，7月底前完成可研批复 [red]原样[/]"
        assert item.lead_unit is not None and item.lead_unit.name == "区发改委"
        assert [u.name for u in item.co_units] == ["民主街道"]
        draft = drafts.load_draft(db, meeting.id)
        assert draft is not None and draft.text == "半句话"
        assert uuid.UUID(str(item.id))
    finally:
        db.close()
    con = sqlite3.connect(path)
    assert con.execute("select version_num from alembic_version").fetchone() == (head_revision(),)
    assert con.execute("pragma integrity_check").fetchone() == ("ok",)
    assert con.execute("pragma foreign_key_check").fetchall() == []
    con.close()
    # Tables that later revisions add (the search index's, some without rowids) are theirs.
    after = _rows(path, only=set(before))
    for table, rows in before.items():
        assert table in after, f"table {table} disappeared"
        # Later revisions may add columns; every value that was there is still there.
        kept = [{k: row[k] for k in rows[0]} for row in after[table]] if rows else []
        assert kept[: len(rows)] == rows or sorted(map(repr, kept)) == sorted(map(repr, rows)), table
    if head_revision() != "0001":
        assert (tmp_path / f"old.sqlite.before-{head_revision()}.bak").exists()
