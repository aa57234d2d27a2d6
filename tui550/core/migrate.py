"""Alembic, for a database that is new or older than this code.

`core.db` imports this module only then, so a start on a current database never loads Alembic."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import text

from tui550.core.db import Database, migrations_dir

# pg_advisory_xact_lock key: "tui550" in ASCII, so that other software's locks do not collide.
MIGRATION_LOCK = 0x747569353530


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def upgrade_to_head(db: Database) -> None:
    """Upgrade in one transaction, serialised between clients.

    On a server, several clients may start at once against a new or older
    database. Each takes a transaction-scoped advisory lock first; the ones that
    waited then find the schema at head (Alembic reads the revision after the
    lock) and do nothing. PostgreSQL's DDL is transactional, so a client that
    dies mid-upgrade leaves the old schema, not half of the new one. On SQLite
    the writer's BEGIN IMMEDIATE does the same job.
    """

    config = alembic_config()
    with db.writer.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("select pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
