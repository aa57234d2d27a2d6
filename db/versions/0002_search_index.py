"""search index

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26

One `search_doc` row per live unit, project, meeting and item holds the text
that search reads; database triggers keep it current whatever process writes
(the app, the CLI, an import, a second laptop on the same PostgreSQL).

SQLite: an FTS5 table `search_ngram` (contentless, detail=none, ascii
tokenizer) indexes every character and every pair of characters of each body
as tokens, so one- and two-character Chinese queries are single token lookups
and longer ones an AND of their pairs, checked against the body. The pairs are
made in SQL from a table of positions (`search_pos`), because triggers cannot
call Python and SQLite allows no CTE inside a trigger.

PostgreSQL: a pg_trgm GIN index on the body answers queries of three or more
characters (ILIKE); `search_gram` (character and pair → doc) answers shorter
ones, kept by a plpgsql trigger.

Why and how fast: see `tui550.core.search`.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Longest body whose every position gets its one- and two-character tokens. Longer
# bodies (a pasted report) are still found by queries that also match earlier on.
MAX_INDEXED_CHARS = 8192

_ENTITIES = ("unit", "project", "meeting", "item")
# Columns whose change can change the body: other updates (status, timers) skip the index.
_WATCHED = {
    "unit": ("name", "deleted_at"),
    "project": ("name", "code", "content", "deleted_at"),
    "meeting": ("title", "issue_no", "place", "deleted_at"),
    "item": ("text", "steps", "category", "deleted_at"),
}


def _body(entity: str, row: str, agg: str) -> str:
    """The searchable text of a row, as an SQL expression over `row` (new/old/NEW)."""
    if entity == "unit":
        aliases = f"(SELECT {agg} FROM unit_alias a WHERE a.unit_id = {row}.id)"
        return f"{row}.name || coalesce(' ' || {aliases}, '')"
    if entity == "project":
        return f"{row}.name || coalesce(' ' || {row}.code, '') || coalesce(' ' || {row}.content, '')"
    if entity == "meeting":
        return f"{row}.title || coalesce(' ' || {row}.issue_no, '') || coalesce(' ' || {row}.place, '')"
    return f"{row}.text || coalesce(' ' || {row}.steps, '') || coalesce(' ' || {row}.category, '')"


def _unit_body_by_id(unit_id: str, agg: str) -> str:
    return f"(SELECT {_body('unit', 'u', agg)} FROM unit u WHERE u.id = {unit_id})"


def upgrade() -> None:
    op.create_table(
        "search_doc",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("ref", sa.Uuid(), nullable=False),
        sa.Column("body", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("entity", "ref", name="uq_search_doc_entity_ref"),
    )
    if op.get_bind().dialect.name == "postgresql":
        # Units, projects and meetings are searched by a scan of their few rows.
        op.execute("CREATE INDEX ix_search_doc_other ON search_doc (entity, id) WHERE entity <> 'item'")
        _upgrade_postgresql()
    else:
        # Covering, so that scan reads a few hundred kilobytes, not the items' pages.
        op.execute(
            "CREATE INDEX ix_search_doc_other ON search_doc (entity, id, ref, body) WHERE entity <> 'item'"
        )
        _upgrade_sqlite()
    _backfill()


def _grams_sqlite(body: str) -> str:
    # Every character and every pair, space-separated: the ascii tokenizer keeps
    # non-ASCII characters (CJK, full-width punctuation) whole and folds ASCII case.
    return (
        f"(SELECT group_concat(substr({body}, n, 1) || ' ' || substr({body}, n, 2), ' ') "
        f"FROM search_pos WHERE n <= length({body}))"
    )


def _upgrade_sqlite() -> None:
    op.execute("CREATE TABLE search_pos (n INTEGER PRIMARY KEY)")
    op.execute(
        f"INSERT INTO search_pos(n) WITH RECURSIVE s(k) AS (SELECT 1 UNION ALL "
        f"SELECT k + 1 FROM s WHERE k < {MAX_INDEXED_CHARS}) SELECT k FROM s"
    )
    op.execute(
        "CREATE VIRTUAL TABLE search_ngram USING fts5(grams, content='', detail='none', tokenize='ascii')"
    )
    op.execute(f"""CREATE TRIGGER search_doc_ai AFTER INSERT ON search_doc BEGIN
        INSERT INTO search_ngram(rowid, grams) VALUES (new.id, {_grams_sqlite("new.body")});
    END""")
    op.execute(f"""CREATE TRIGGER search_doc_ad AFTER DELETE ON search_doc BEGIN
        INSERT INTO search_ngram(search_ngram, rowid, grams)
        VALUES ('delete', old.id, {_grams_sqlite("old.body")});
    END""")
    op.execute(f"""CREATE TRIGGER search_doc_au AFTER UPDATE OF body ON search_doc BEGIN
        INSERT INTO search_ngram(search_ngram, rowid, grams)
        VALUES ('delete', old.id, {_grams_sqlite("old.body")});
        INSERT INTO search_ngram(rowid, grams) VALUES (new.id, {_grams_sqlite("new.body")});
    END""")
    agg = "group_concat(a.alias, ' ')"
    for entity in _ENTITIES:
        body = _body(entity, "new", agg)
        op.execute(f"""CREATE TRIGGER {entity}_search_ai AFTER INSERT ON {entity}
            WHEN new.deleted_at IS NULL BEGIN
            INSERT INTO search_doc(entity, ref, body) VALUES ('{entity}', new.id, {body});
        END""")
        op.execute(f"""CREATE TRIGGER {entity}_search_au AFTER UPDATE OF {", ".join(_WATCHED[entity])}
            ON {entity} BEGIN
            DELETE FROM search_doc WHERE entity = '{entity}' AND ref = old.id
                AND new.deleted_at IS NOT NULL;
            INSERT INTO search_doc(entity, ref, body) SELECT '{entity}', new.id, {body}
                WHERE new.deleted_at IS NULL
                ON CONFLICT (entity, ref) DO UPDATE SET body = excluded.body
                WHERE body IS NOT excluded.body;
        END""")
        op.execute(f"""CREATE TRIGGER {entity}_search_ad AFTER DELETE ON {entity} BEGIN
            DELETE FROM search_doc WHERE entity = '{entity}' AND ref = old.id;
        END""")
    for event, row in (("INSERT", "new"), ("DELETE", "old"), ("UPDATE", "new")):
        op.execute(f"""CREATE TRIGGER unit_alias_search_{event.lower()} AFTER {event} ON unit_alias
            BEGIN
            UPDATE search_doc SET body = {_unit_body_by_id(f"{row}.unit_id", agg)}
                WHERE entity = 'unit' AND ref = {row}.unit_id;
        END""")


def _upgrade_postgresql() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute("CREATE INDEX ix_search_doc_body_trgm ON search_doc USING gin (body gin_trgm_ops)")
    op.execute("""CREATE TABLE search_gram (
        gram text NOT NULL,
        doc_id integer NOT NULL REFERENCES search_doc(id) ON DELETE CASCADE,
        PRIMARY KEY (gram, doc_id))""")
    op.execute("CREATE INDEX search_gram_doc ON search_gram (doc_id)")
    op.execute("""CREATE FUNCTION search_doc_grams() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' THEN
            DELETE FROM search_gram WHERE doc_id = OLD.id;
        END IF;
        INSERT INTO search_gram(gram, doc_id)
            SELECT DISTINCT lower(substr(NEW.body, i, w)), NEW.id
            FROM generate_series(1, length(NEW.body)) AS i, (VALUES (1), (2)) AS v(w);
        RETURN NULL;
    END $$""")
    op.execute("""CREATE TRIGGER search_doc_grams AFTER INSERT OR UPDATE OF body ON search_doc
        FOR EACH ROW EXECUTE FUNCTION search_doc_grams()""")
    agg = "string_agg(a.alias, ' ')"
    for entity in _ENTITIES:
        op.execute(f"""CREATE FUNCTION {entity}_search_doc() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                DELETE FROM search_doc WHERE entity = '{entity}' AND ref = OLD.id;
            ELSIF NEW.deleted_at IS NOT NULL THEN
                DELETE FROM search_doc WHERE entity = '{entity}' AND ref = NEW.id;
            ELSE
                INSERT INTO search_doc(entity, ref, body) VALUES ('{entity}', NEW.id, {_body(entity, "NEW", agg)})
                ON CONFLICT (entity, ref) DO UPDATE SET body = EXCLUDED.body
                WHERE search_doc.body IS DISTINCT FROM EXCLUDED.body;
            END IF;
            RETURN NULL;
        END $$""")
        op.execute(f"""CREATE TRIGGER {entity}_search_doc
            AFTER INSERT OR DELETE OR UPDATE OF {", ".join(_WATCHED[entity])} ON {entity}
            FOR EACH ROW EXECUTE FUNCTION {entity}_search_doc()""")
    op.execute(f"""CREATE FUNCTION unit_alias_search_doc() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE target uuid;
    BEGIN
        IF TG_OP = 'DELETE' THEN target := OLD.unit_id; ELSE target := NEW.unit_id; END IF;
        UPDATE search_doc SET body = {_unit_body_by_id("target", agg)}
            WHERE entity = 'unit' AND ref = target;
        RETURN NULL;
    END $$""")
    op.execute("""CREATE TRIGGER unit_alias_search_doc AFTER INSERT OR DELETE OR UPDATE ON unit_alias
        FOR EACH ROW EXECUTE FUNCTION unit_alias_search_doc()""")


def _backfill() -> None:
    """Index what an existing database already holds, oldest first, so that the
    doc ids (the "newest first" order) follow the meetings' dates."""
    agg = (
        "string_agg(a.alias, ' ')"
        if op.get_bind().dialect.name == "postgresql"
        else "group_concat(a.alias, ' ')"
    )
    for entity in ("unit", "project", "meeting"):
        op.execute(f"""INSERT INTO search_doc(entity, ref, body)
            SELECT '{entity}', r.id, {_body(entity, "r", agg)} FROM {entity} r
            WHERE r.deleted_at IS NULL ORDER BY r.created_at""")
    op.execute(f"""INSERT INTO search_doc(entity, ref, body)
        SELECT 'item', r.id, {_body("item", "r", agg)} FROM item r JOIN meeting m ON m.id = r.meeting_id
        WHERE r.deleted_at IS NULL ORDER BY m.date, r.created_at""")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("INSERT INTO search_ngram(search_ngram) VALUES ('optimize')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS unit_alias_search_doc ON unit_alias")
        op.execute("DROP FUNCTION IF EXISTS unit_alias_search_doc()")
        for entity in _ENTITIES:
            op.execute(f"DROP TRIGGER IF EXISTS {entity}_search_doc ON {entity}")
            op.execute(f"DROP FUNCTION IF EXISTS {entity}_search_doc()")
        op.execute("DROP TABLE search_gram")
        op.execute("DROP TRIGGER IF EXISTS search_doc_grams ON search_doc")
        op.execute("DROP FUNCTION IF EXISTS search_doc_grams()")
    else:
        for event in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS unit_alias_search_{event}")
        for entity in _ENTITIES:
            for suffix in ("ai", "au", "ad"):
                op.execute(f"DROP TRIGGER IF EXISTS {entity}_search_{suffix}")
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS search_doc_{suffix}")
        op.execute("DROP TABLE search_ngram")
        op.execute("DROP TABLE search_pos")
    op.drop_table("search_doc")
