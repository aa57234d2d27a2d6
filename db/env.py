"""Alembic environment: runs on the connection the app hands over (no alembic.ini)."""

from __future__ import annotations

from alembic import context

from tui550.core.models import include_object, metadata

config = context.config


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        from sqlalchemy import create_engine

        url = config.get_main_option("sqlalchemy.url")
        if not url:
            raise RuntimeError("no connection or sqlalchemy.url given")
        with create_engine(url).begin() as conn:
            _run(conn)
    else:
        _run(connection)


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
        include_object=include_object,  # search index internals: see models.py
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
