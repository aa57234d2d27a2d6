"""Migrations: up from empty, the model matches them, and the cheap revision check."""

from __future__ import annotations

import re

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from tui550.core.db import Database, head_revision, known_revisions, migrations_dir
from tui550.core.migrate import alembic_config
from tui550.core.models import include_object, metadata


def test_revision_files_follow_the_naming_the_cheap_check_relies_on() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_current_head() == head_revision()
    chain = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    assert chain == known_revisions()
    for path in (migrations_dir() / "versions").glob("*.py"):
        assert re.fullmatch(r"\d{4}_[a-z0-9_]+\.py", path.name), path.name


def test_upgraded_database_matches_the_model(db: Database) -> None:
    with db.writer.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": False, "include_object": include_object}
        )
        diff = compare_metadata(context, metadata)
        assert diff == []
        assert conn.exec_driver_sql("select version_num from alembic_version").scalar() == head_revision()


def test_down_and_up_again(db: Database) -> None:
    from alembic import command

    config = alembic_config()
    with db.writer.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
        assert conn.exec_driver_sql("select version_num from alembic_version").scalar() == "0001"
        command.upgrade(config, "head")
        assert conn.exec_driver_sql("select version_num from alembic_version").scalar() == head_revision()
