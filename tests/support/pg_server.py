"""The PostgreSQL server the tests share (`TUI550_TEST_PG_URL`): databases made, reused and dropped."""

from __future__ import annotations

import uuid
from typing import Any


class PgServer:
    """The test server: an admin connection to make and drop databases on it."""

    def __init__(self, url: str) -> None:
        import psycopg
        from sqlalchemy.engine import make_url

        self.base = make_url(url)
        self.admin = psycopg.connect(**self.connect_args(), autocommit=True)
        self.created: list[str] = []
        self.spare: list[str] = []

    def execute(self, sql: str) -> None:
        """On the admin connection, made again if a server restart cut it."""
        import psycopg

        try:
            self.admin.execute(sql)
        except psycopg.OperationalError:
            self.admin.close()
            self.admin = psycopg.connect(**self.connect_args(), autocommit=True)
            self.admin.execute(sql)

    def connect_args(self, database: str | None = None) -> dict[str, Any]:
        u = self.base
        return {
            "host": u.host,
            "port": u.port,
            "user": u.username,
            "password": u.password,
            "dbname": database or u.database or "postgres",
        }

    def url(self, database: str) -> str:
        return self.base.set(database=database).render_as_string(hide_password=False)

    def create(self, template: str | None = None) -> str:
        name = f"t_{uuid.uuid4().hex[:16]}"
        tpl = f" TEMPLATE {template}" if template else " TEMPLATE template0"
        self.execute(f"CREATE DATABASE {name}{tpl}")
        self.created.append(name)
        return name

    def reuse(self, template: str) -> str:
        """A database at head with no rows: one given back by an earlier test, emptied, or
        a new copy of the template.

        Emptying (DELETE from every table of the model; faster than TRUNCATE on tiny tables)
        takes milliseconds where CREATE DATABASE copies the system catalogues too (up to a
        second on a busy machine).
        A test that left a connection holding a lock gets its database dropped instead.
        """
        import psycopg

        from tui550.core.models import metadata

        while self.spare:
            name = self.spare.pop()
            try:
                with psycopg.connect(**self.connect_args(name)) as conn, conn.transaction():
                    conn.execute("SET LOCAL lock_timeout = '2s'")
                    for table in reversed(metadata.sorted_tables):  # children before parents
                        conn.execute(f'DELETE FROM "{table.name}"')
                return name
            except psycopg.Error:
                self.drop(name)
        return self.create(template=template)

    def give_back(self, name: str) -> None:
        self.spare.append(name)

    def drop(self, name: str) -> None:
        self.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        if name in self.created:
            self.created.remove(name)

    def close(self) -> None:
        for name in list(self.created):
            self.drop(name)
        self.admin.close()
