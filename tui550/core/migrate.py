"""Alembic, imported only when a database is new or older than this code."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config

    from tui550.core.db import Database


def alembic_config() -> Config:
    from alembic.config import Config

    from tui550.core.db import migrations_dir

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def upgrade_to_head(db: Database) -> None:
    from alembic import command

    config = alembic_config()
    with db.writer.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
