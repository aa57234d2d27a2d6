"""Item views read in bulk (exports, the closing review), decoded by hand.

An export reads a meeting's thousands of items and every item its agenda carries.
Through SQLAlchemy's result processing most of the cost of an item was turning
values back into Python: a `uuid.UUID` built from hex for each of four
keys, a regular expression for each date and timestamp. Here the columns come back
as the driver gives them; keys that repeat (a meeting's, a project's, a unit's)
are decoded once per read, and dates go through C's `fromisoformat`. On
PostgreSQL the driver already gives UUIDs, dates and aware datetimes, which pass
through. `views_of` builds every item view of the store, from these rows or ORM ones.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from tui550.core.db import Database
from tui550.core.domain import ItemView, Kind, Status, Tag
from tui550.core.store import _tables
from tui550.core.store.rows import Executor, units_by_id
from tui550.core.text import printable

_ITEM = _tables.ITEM
_LINK = _tables.ITEM_UNIT
_RAW = sa.String()
# Every column of the item table, in its order (the generated `_tables`); rows are decoded
# by these names, their positions looked up once here.
COLUMNS = tuple(_ITEM.c.keys())
(
    _ID,
    _KIND,
    _TEXT_,
    _MEETING,
    _PROJECT,
    _TAG,
    _CATEGORY,
    _STEPS,
    _LEAD,
    _DUE,
    _ACTUAL,
    _STATUS,
    _CREATED,
    _UPDATED,
    _VERSION,
    _BY,
    _DELETED,
    _CADENCE,
) = map(
    COLUMNS.index,
    (
        "id",
        "kind",
        "text",
        "meeting_id",
        "project_id",
        "tag",
        "category",
        "steps",
        "lead_unit_id",
        "due",
        "actual",
        "status",
        "created_at",
        "updated_at",
        "version",
        "created_by",
        "deleted_at",
        "cadence",
    ),
)
# The items with evidence: attachments are few (files from on-site checks), so all of
# their items are read and each view looks its own up.
_WITH_EVIDENCE = sa.text("SELECT DISTINCT item_id FROM attachment WHERE deleted_at IS NULL")
# Reads up to this many items look their co-units up by id: well within both backends'
# limits on bound parameters (SQLite 32,766; PostgreSQL 65,535).
NAMED_LINKS_MAX = 5000


def _raw(name: str) -> Any:
    # type_coerce only changes how SQLAlchemy treats the value, not the SQL it writes.
    return sa.type_coerce(_ITEM.c[name], _RAW).label(name)


class _Keys(dict[Any, Any]):
    """Keys as read to UUIDs, each decoded once per read: `keys[value]` is a C lookup
    once seen. Hex (SQLite) is decoded; UUIDs (a server's driver) and None pass through."""

    def __missing__(self, value: Any) -> Any:
        found = self[value] = value if value is None or isinstance(value, uuid.UUID) else uuid.UUID(hex=value)
        return found


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


# SQLite keeps UTC without an offset (models.UTCDateTime). Parsing it with the offset
# appended is five times faster than parsing it naive and replacing its tzinfo.
_UTC_SUFFIX = "+00:00"


def _moment(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        return datetime.fromisoformat(value + _UTC_SUFFIX)
    # A server gives it aware, in the session's zone.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def bulk_item_views(
    session: Session, db: Database, *conditions: Any, order_by: tuple[Any, ...] = (), limit: int | None = None
) -> list[ItemView]:
    """The views of the items matching `conditions` (on the item table), in `order_by`,
    the first `limit` of them if given."""
    query = sa.select(*(_raw(name) for name in COLUMNS)).where(*conditions).order_by(*order_by)
    if limit is not None:
        query = query.limit(limit)
    rows = session.execute(query).all()
    if not rows:
        return []
    links = sa.select(sa.type_coerce(_LINK.c.item_id, _RAW), sa.type_coerce(_LINK.c.unit_id, _RAW))
    if limit is not None or len(rows) <= NAMED_LINKS_MAX:
        # A page, or a read of a few thousand items, names its items: SQLite would otherwise
        # drive a join like the one below from whichever index covers the conditions
        # (for an agenda's open items, that walks every open item of the district).
        if db.dialect == "sqlite":  # the ids as read, hex: nothing to encode again
            links = links.where(sa.type_coerce(_LINK.c.item_id, _RAW).in_([r[0] for r in rows]))
        else:
            keys = _Keys()
            links = links.where(_LINK.c.item_id.in_([keys[r[0]] for r in rows]))
    else:
        # A whole read names them by its conditions, joined from the item side: the
        # database walks the matching items by their index and looks up each one's links.
        links = links.join(_ITEM, _ITEM.c.id == _LINK.c.item_id).where(*conditions)
    return views_of(session, db, rows, session.execute(links.order_by(_LINK.c.item_id, _LINK.c.position)))


def items_with_evidence(session: Executor, keys: dict[Any, Any] | None = None) -> set[uuid.UUID]:
    """The ids of the items that have files attached (lists mark them 📎)."""
    keys = _Keys() if keys is None else keys
    return {keys[i] for i in session.execute(_WITH_EVIDENCE).scalars()}


def views_of(
    session: Executor, db: Database, rows: Sequence[Sequence[Any]], links: Iterable[Sequence[Any]]
) -> list[ItemView]:
    """Item views from rows of `COLUMNS` and (item id, unit id) co-unit links in their
    order, raw or already decoded (ORM rows, a server's driver)."""
    keys = _Keys()
    co: dict[uuid.UUID, list[uuid.UUID]] = {}
    for item_id, unit_id in links:
        co.setdefault(keys[item_id], []).append(keys[unit_id])
    wanted = {keys[r[_LEAD]] for r in rows} | {u for us in co.values() for u in us}
    wanted.discard(None)
    units = units_by_id(session, db, wanted)
    evidence = items_with_evidence(session, keys) if rows else set()
    kinds, tags, statuses = Kind._value2member_map_, Tag._value2member_map_, Status._value2member_map_
    views = []
    for r in rows:
        item_id, lead_id, tag, status = keys[r[_ID]], keys[r[_LEAD]], r[_TAG], r[_STATUS]
        views.append(
            ItemView(
                id=item_id,
                kind=kinds[r[_KIND]],  # type: ignore[arg-type]
                text=printable(r[_TEXT_]),
                meeting_id=keys[r[_MEETING]],
                project_id=keys[r[_PROJECT]],
                tag=tags[tag] if tag else None,  # type: ignore[arg-type]
                category=r[_CATEGORY] and printable(r[_CATEGORY]),
                steps=r[_STEPS] and printable(r[_STEPS]),
                lead_unit=units.get(lead_id) if lead_id else None,
                co_units=tuple(units[u] for u in co[item_id] if u in units) if item_id in co else (),
                due=_day(r[_DUE]),
                actual=_day(r[_ACTUAL]),
                status=statuses[status] if status else None,  # type: ignore[arg-type]
                created_at=_moment(r[_CREATED]),  # type: ignore[arg-type]
                updated_at=_moment(r[_UPDATED]),  # type: ignore[arg-type]
                version=r[_VERSION],
                created_by=r[_BY],
                deleted=r[_DELETED] is not None,
                cadence=r[_CADENCE],
                evidence=item_id in evidence,
            )
        )
    return views
