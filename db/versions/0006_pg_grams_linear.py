"""pg grams linear

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26

On PostgreSQL the character grams of a search document (0002) were cut with
`substr(body, i, w)` for every position. On multibyte text `substr` walks the
string from its start, so a document of n characters cost n² steps: a 1 MB
paste (350,000 Chinese characters) kept its INSERT busy for tens of minutes,
and the capture waited with it. The body is now split into an array of
characters once and the grams are read by subscript, and, as on SQLite, only
the first MAX_INDEXED_CHARS characters are indexed.

SQLite is unchanged: its grams already stop at `search_pos`'s 8,192 positions.
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

MAX_INDEXED_CHARS = 8192  # as in 0002

_LINEAR = f"""CREATE OR REPLACE FUNCTION search_doc_grams() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        chars text[] := string_to_array(lower(left(NEW.body, {MAX_INDEXED_CHARS})), NULL);
    BEGIN
        IF TG_OP = 'UPDATE' THEN
            DELETE FROM search_gram WHERE doc_id = OLD.id;
        END IF;
        INSERT INTO search_gram(gram, doc_id)
            SELECT DISTINCT g.gram, NEW.id
            FROM generate_subscripts(chars, 1) AS i,
                 LATERAL (VALUES (chars[i]), (chars[i] || coalesce(chars[i + 1], ''))) AS g(gram);
        RETURN NULL;
    END $$"""

# 0002's function, for a downgrade.
_QUADRATIC = """CREATE OR REPLACE FUNCTION search_doc_grams() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' THEN
            DELETE FROM search_gram WHERE doc_id = OLD.id;
        END IF;
        INSERT INTO search_gram(gram, doc_id)
            SELECT DISTINCT lower(substr(NEW.body, i, w)), NEW.id
            FROM generate_series(1, length(NEW.body)) AS i, (VALUES (1), (2)) AS v(w);
        RETURN NULL;
    END $$"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_LINEAR)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_QUADRATIC)
