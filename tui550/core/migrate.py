"""Alembic, imported only when a database is new or older than this code."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config

    from tui550.core.db import Database

# pg_advisory_xact_lock key: "tui550" in ASCII, so that other software's locks do not collide.
MIGRATION_LOCK = 0x747569353530


def alembic_config() -> Config:
    from alembic.config import Config

    from tui550.core.db import migrations_dir

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
    from alembic import command
    from sqlalchemy import text

    config = alembic_config()
    with db.writer.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("select pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
