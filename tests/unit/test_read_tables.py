"""The Core tables (`store._tables`) are generated from the models and stay equal to them.

They are read without the ORM, so that a start builds the table classes after its first
frame; a column added to a model and not there would be missing from those reads, from
the capture's SQL and from the bulk decoders."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.schema import ColumnDefault

from tui550.core import models
from tui550.core.demo import build_demo
from tui550.core.store import _tables, drafts, schema_gen

READ_TABLES = [t for t in vars(_tables).values() if isinstance(t, sa.Table)]


def _shape(table: sa.Table, dialect: sa.Dialect) -> list[tuple[str, type, str]]:
    return [(c.name, type(c.type), str(c.type.compile(dialect=dialect))) for c in table.columns]


def test_the_generated_tables_are_what_the_models_give_now() -> None:
    written = schema_gen.TARGET.read_text(encoding="utf-8")
    assert written == schema_gen.render(models.metadata), (
        f"{schema_gen.TARGET.name} is stale: a model changed. Run `{schema_gen.COMMAND}`."
    )


def test_the_tables_named_are_here_and_are_the_models() -> None:
    assert sorted(t.name for t in READ_TABLES) == sorted(schema_gen.TABLES)
    assert set(schema_gen.TABLES) < set(models.metadata.tables)


def test_a_plain_default_is_the_models_and_a_computed_one_is_left_out() -> None:
    ours, the_models = _tables.ITEM.c.extensions.default, models.table_of(models.Item).c.extensions.default
    assert isinstance(ours, ColumnDefault) and isinstance(the_models, ColumnDefault)
    assert ours.arg == the_models.arg == 0
    assert _tables.ITEM.c.id.default is None  # a new id is the writer's to give
    assert _tables.ITEM.c.kind.default is None


def test_every_plain_default_is_the_models_value_itself() -> None:
    # A string default once came out quoted twice ('"planned"'): compare every one, by value.
    compared = 0
    for table in _tables.ITEM.metadata.tables.values():
        model_table = models.SQLModel.metadata.tables[table.name]
        for column in table.c:
            if column.default is not None:
                ours, the_models = column.default, model_table.c[column.name].default
                assert isinstance(ours, ColumnDefault) and isinstance(the_models, ColumnDefault)
                assert ours.arg == the_models.arg, (table.name, column.name)
                compared += 1
    assert compared > 10


def test_a_new_model_column_shows_in_the_generated_source() -> None:
    metadata = sa.MetaData()
    for table in models.metadata.tables.values():
        table.to_metadata(metadata)
    sa.Table("item", metadata, extend_existing=True).append_column(
        sa.Column("probe_column", sa.Integer(), default=2)
    )
    source = schema_gen.render(metadata)
    assert 'sa.Column("probe_column", _INTEGER, default=2)' in source
    namespace: dict[str, object] = {}
    exec(compile(source, "<generated>", "exec"), namespace)  # the file as it would be written
    assert list(namespace["ITEM"].c.keys())[-1] == "probe_column"  # type: ignore[attr-defined]


@pytest.mark.parametrize("table", READ_TABLES, ids=lambda t: t.name)
@pytest.mark.parametrize("dialect", [sqlite.dialect(), postgresql.dialect()], ids=["sqlite", "pg"])
def test_a_read_table_has_the_models_columns_in_order_with_their_types(
    table: sa.Table, dialect: sa.Dialect
) -> None:
    assert _shape(table, dialect) == _shape(models.metadata.tables[table.name], dialect)


def test_a_read_of_all_columns_decodes_as_the_models_table_does(db) -> None:
    meeting = build_demo(db, date(2026, 3, 16))
    drafts.save_draft(db, meeting.id, None, "issue", "写到一半的 [red]")
    filled = set()
    with db.read() as session:
        for table in READ_TABLES:
            model = models.metadata.tables[table.name]
            key = [c.name for c in model.primary_key]
            ours = session.execute(sa.select(table).order_by(*(table.c[k] for k in key))).all()
            theirs = session.execute(sa.select(model).order_by(*(model.c[k] for k in key))).all()
            filled |= {table.name} if ours else set()
            assert [tuple(r) for r in ours] == [tuple(r) for r in theirs], table.name
    assert {"item", "item_unit", "history", "draft", "agenda_entry", "unit_alias"} <= filled
