"""search facets

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26

Filters as index tokens. Each item's `search_doc` row gets `facets`: marker
tokens for its kind (`k<kind>`), project (`p<id>`), lead and co-units
(`u<id>`) and, while a decision, issue or deadline is open, `xopen`. On SQLite
they go into the same FTS5 entry as the body's character grams, so
`单位:住建局 拆迁` is one intersection of doclists walked newest first, not a
scan of text candidates checked row by row against `item` and `item_unit`.
A marker is longer than two characters and a query token never is, so the two
cannot be confused.

The triggers keep the facets current whatever process writes: an item's
insert and any change of kind, project, lead unit or status, and every
insert, update or delete of its co-units (`item_unit`).

PostgreSQL answers filters from its b-tree indexes; the column stays empty there.

Also an index covering the home screen's item counts per meeting and kind, which
otherwise read every item row (seconds at 500,000 items).
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

MAX_INDEXED_CHARS = 8192  # as in 0002 (search_pos holds this many positions)
_TRACKED = "('decision', 'issue', 'deadline')"
_OPEN = "('open', 'in_progress', 'reported')"
# What can change an item's body (0002) or its facets.
_ITEM_WATCHED = ("text", "steps", "category", "deleted_at", "kind", "project_id", "lead_unit_id", "status")


def _item_body(row: str) -> str:
    return f"{row}.text || coalesce(' ' || {row}.steps, '') || coalesce(' ' || {row}.category, '')"


def _item_facets(row: str) -> str:
    """Marker tokens of an item row, as an SQL expression (ids are stored as 32 hex digits)."""
    co = f"(SELECT group_concat('u' || iu.unit_id, ' ') FROM item_unit iu WHERE iu.item_id = {row}.id)"
    return (
        f"('k' || {row}.kind || coalesce(' p' || {row}.project_id, '')"
        f" || coalesce(' u' || {row}.lead_unit_id, '') || coalesce(' ' || {co}, '')"
        f" || CASE WHEN {row}.kind IN {_TRACKED} AND {row}.status IN {_OPEN}"
        f" THEN ' xopen' ELSE '' END)"
    )


def _grams(body: str) -> str:
    return (
        f"(SELECT group_concat(substr({body}, n, 1) || ' ' || substr({body}, n, 2), ' ') "
        f"FROM search_pos WHERE n <= length({body}))"
    )


def _tokens(row: str) -> str:
    return f"coalesce({_grams(f'{row}.body')}, '') || coalesce(' ' || {row}.facets, '')"


def _grams_only(row: str) -> str:
    return _grams(f"{row}.body")


def upgrade() -> None:
    op.create_index("ix_item_meeting_kind_deleted", "item", ["meeting_id", "kind", "deleted_at"])
    op.add_column("search_doc", sa.Column("facets", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in ("search_doc_ai", "search_doc_ad", "search_doc_au", "item_search_ai", "item_search_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE search_ngram")
    op.execute(
        f"UPDATE search_doc SET facets = (SELECT {_item_facets('i')} FROM item i "
        f"WHERE i.id = search_doc.ref) WHERE entity = 'item'"
    )
    op.execute(
        "CREATE VIRTUAL TABLE search_ngram USING fts5(grams, content='', detail='none', tokenize='ascii')"
    )
    # One statement for the whole index, in doc order: the fast way to fill FTS5.
    op.execute(
        f"INSERT INTO search_ngram(rowid, grams) SELECT d.id, {_tokens('d')} FROM search_doc d ORDER BY d.id"
    )
    op.execute("INSERT INTO search_ngram(search_ngram) VALUES ('optimize')")
    _create_doc_triggers(with_facets=True)
    _create_item_triggers(with_facets=True)
    for event, row in (("INSERT", "new"), ("DELETE", "old"), ("UPDATE", "new")):
        op.execute(f"""CREATE TRIGGER item_unit_search_{event.lower()} AFTER {event} ON item_unit
            BEGIN
            UPDATE search_doc SET facets = (SELECT {_item_facets("i")} FROM item i
                WHERE i.id = {row}.item_id)
                WHERE entity = 'item' AND ref = {row}.item_id;
        END""")
    # An update that moves a co-unit row to another item must refresh the old item too.
    op.execute(f"""CREATE TRIGGER item_unit_search_moved AFTER UPDATE OF item_id ON item_unit
        WHEN old.item_id IS NOT new.item_id BEGIN
        UPDATE search_doc SET facets = (SELECT {_item_facets("i")} FROM item i WHERE i.id = old.item_id)
            WHERE entity = 'item' AND ref = old.item_id;
    END""")


def _create_doc_triggers(*, with_facets: bool) -> None:
    make = _tokens if with_facets else _grams_only
    op.execute(f"""CREATE TRIGGER search_doc_ai AFTER INSERT ON search_doc BEGIN
        INSERT INTO search_ngram(rowid, grams) VALUES (new.id, {make("new")});
    END""")
    op.execute(f"""CREATE TRIGGER search_doc_ad AFTER DELETE ON search_doc BEGIN
        INSERT INTO search_ngram(search_ngram, rowid, grams) VALUES ('delete', old.id, {make("old")});
    END""")
    watched = "body, facets" if with_facets else "body"
    op.execute(f"""CREATE TRIGGER search_doc_au AFTER UPDATE OF {watched} ON search_doc BEGIN
        INSERT INTO search_ngram(search_ngram, rowid, grams) VALUES ('delete', old.id, {make("old")});
        INSERT INTO search_ngram(rowid, grams) VALUES (new.id, {make("new")});
    END""")


def _create_item_triggers(*, with_facets: bool) -> None:
    body = _item_body("new")
    if with_facets:
        columns, values = "entity, ref, body, facets", f"'item', new.id, {body}, {_item_facets('new')}"
        update = (
            "SET body = excluded.body, facets = excluded.facets "
            "WHERE body IS NOT excluded.body OR facets IS NOT excluded.facets"
        )
        watched = _ITEM_WATCHED
    else:
        columns, values = "entity, ref, body", f"'item', new.id, {body}"
        update = "SET body = excluded.body WHERE body IS NOT excluded.body"
        watched = _ITEM_WATCHED[:4]
    op.execute(f"""CREATE TRIGGER item_search_ai AFTER INSERT ON item
        WHEN new.deleted_at IS NULL BEGIN
        INSERT INTO search_doc({columns}) VALUES ({values});
    END""")
    op.execute(f"""CREATE TRIGGER item_search_au AFTER UPDATE OF {", ".join(watched)} ON item BEGIN
        DELETE FROM search_doc WHERE entity = 'item' AND ref = old.id AND new.deleted_at IS NOT NULL;
        INSERT INTO search_doc({columns}) SELECT {values} WHERE new.deleted_at IS NULL
            ON CONFLICT (entity, ref) DO UPDATE {update};
    END""")


def downgrade() -> None:
    op.drop_index("ix_item_meeting_kind_deleted", table_name="item")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_column("search_doc", "facets")
        return
    for name in (
        "search_doc_ai",
        "search_doc_ad",
        "search_doc_au",
        "item_search_ai",
        "item_search_au",
        "item_unit_search_insert",
        "item_unit_search_delete",
        "item_unit_search_update",
        "item_unit_search_moved",
    ):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE search_ngram")
    # Native since SQLite 3.35; a batch copy would drop the table's other triggers.
    op.execute("ALTER TABLE search_doc DROP COLUMN facets")
    op.execute(
        "CREATE VIRTUAL TABLE search_ngram USING fts5(grams, content='', detail='none', tokenize='ascii')"
    )
    op.execute(
        f"INSERT INTO search_ngram(rowid, grams) SELECT d.id, {_grams_only('d')} "
        f"FROM search_doc d ORDER BY d.id"
    )
    _create_doc_triggers(with_facets=False)
    _create_item_triggers(with_facets=False)
