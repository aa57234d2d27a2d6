"""The Core tables of a meeting's first reads (`store._tables`) stay equal to the models'.

They are read without the ORM, so that a start builds the table classes after its first
frame; a column added to a model and not there would be missing from those reads."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from tui550.core import models
from tui550.core.demo import build_demo
from tui550.core.store import _tables, drafts

READ_TABLES = [t for t in vars(_tables).values() if isinstance(t, sa.Table)]


def _shape(table: sa.Table, dialect: sa.Dialect) -> list[tuple[str, type, str]]:
    return [(c.name, type(c.type), str(c.type.compile(dialect=dialect))) for c in table.columns]


def test_every_table_a_first_frame_reads_is_here() -> None:
    assert sorted(t.name for t in READ_TABLES) == [
        "agenda_entry", "draft", "item", "item_unit", "meeting", "project", "project_unit",
        "unit", "unit_alias"]


@pytest.mark.parametrize("table", READ_TABLES, ids=lambda t: t.name)
@pytest.mark.parametrize("dialect", [sqlite.dialect(), postgresql.dialect()], ids=["sqlite", "pg"])
def test_a_read_table_has_the_models_columns_in_order_with_their_types(
        table: sa.Table, dialect: sa.Dialect) -> None:
    assert _shape(table, dialect) == _shape(models.metadata.tables[table.name], dialect)


def test_a_read_of_all_columns_decodes_as_the_models_table_does(db) -> None:
    meeting = build_demo(db, date(2026, 3, 16))
    drafts.save_draft(db, meeting.id, None, "issue", "写到一半的 [red]")
    with db.read() as session:
        for table in READ_TABLES:
            model = models.metadata.tables[table.name]
            key = [c.name for c in model.primary_key]
            ours = session.execute(sa.select(table).order_by(*(table.c[k] for k in key))).all()
            theirs = session.execute(sa.select(model).order_by(*(model.c[k] for k in key))).all()
            assert ours, table.name
            assert [tuple(r) for r in ours] == [tuple(r) for r in theirs], table.name
