"""Column types of our own, shared by the ORM's tables (`models`) and the Core tables of
the reads a meeting's first frame waits for (`store._tables`), which load without the ORM.
Migrations name `tui550.core.models.UTCDateTime`; `models` imports it from here."""

from __future__ import annotations

import datetime as dt
from datetime import UTC
from typing import Any

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware datetimes in, aware UTC datetimes out, on every dialect.

    SQLite has no time zone type and SQLAlchemy's SQLite DateTime drops tzinfo
    silently, so we refuse naive values and store UTC explicitly.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: sa.Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, dt.datetime) or value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
