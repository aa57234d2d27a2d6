"""change notifications on PostgreSQL

Every committed write to a table of ours sends NOTIFY tui550_changes with the
table's name, so that every open screen can refresh (tui550.core.changes).

A statement trigger rather than a NOTIFY from the application: it costs the
Enter key no extra round trip, it is sent only when the transaction commits
(never for a rolled-back save), identical notices of one transaction collapse
into one, and it also covers writes made outside the app (an administrator's
psql session, an import). SQLite has no such feed; watchers poll its
data_version instead, so this revision does nothing there.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

CHANNEL = "tui550_changes"
# History rows are written with the change they record, so they need no notice of their own.
TABLES = (
    "unit",
    "unit_alias",
    "project",
    "project_unit",
    "meeting",
    "agenda_entry",
    "item",
    "item_unit",
    "attachment",
    "draft",
    "setting",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"""
        CREATE OR REPLACE FUNCTION tui550_notify_change() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME);
            RETURN NULL;
        END $$
    """)
    for table in TABLES:
        op.execute(f"""
            CREATE TRIGGER tui550_notify_{table}
            AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}"
            FOR EACH STATEMENT EXECUTE FUNCTION tui550_notify_change()
        """)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f'DROP TRIGGER IF EXISTS tui550_notify_{table} ON "{table}"')
    op.execute("DROP FUNCTION IF EXISTS tui550_notify_change()")
