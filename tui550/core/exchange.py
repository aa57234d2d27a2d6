"""The exchange file: a whole database, or one meeting, as versioned JSON (docs/exchange-format.md).

It carries rows as they are stored (UUIDs, versions, timestamps, soft deletes,
history, attachments as base64), so a dump loaded into an empty database and
dumped again gives the same file. Loading into a database that already has
records merges by primary key: new rows are added, identical rows skipped, and a
row that differs is a conflict, reported and left as it is here, because
neither copy can know which side's change should win.

This module is part of the storage layer: it reads and writes tables through
SQLAlchemy Core directly, in one transaction per load.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from tui550.core.db import Database, head_revision, short_reason
from tui550.core.errors import UserError
from tui550.core.exchange_check import (
    Bad,
    Problems,
    check_units,
    decode_value,
    quoted,
    references,
)
from tui550.core.exchange_read import ExchangeFile
from tui550.core.models import (
    AgendaEntry,
    Attachment,
    History,
    Item,
    ItemUnit,
    Meeting,
    Project,
    ProjectMonth,
    ProjectUnit,
    Unit,
    UnitAlias,
    table_of,
)

FORMAT = "tui550-exchange"
# Rows are written in batches this large at most: a few long texts make a batch too.
CHUNK_CHARS = 2_000_000
FORMAT_VERSION = 1
# In the order rows must be inserted (foreign keys point backwards in this list).
TABLES: tuple[tuple[str, Any], ...] = (
    ("unit", Unit),
    ("unit_alias", UnitAlias),
    ("project", Project),
    ("project_unit", ProjectUnit),
    ("project_month", ProjectMonth),
    ("meeting", Meeting),
    ("agenda_entry", AgendaEntry),
    ("item", Item),
    ("item_unit", ItemUnit),
    ("attachment", Attachment),
    ("history", History),
)


def _table(name: str) -> sa.Table:
    return table_of(dict(TABLES)[name])


_REFERENCES = references((name, _table(name)) for name, _ in TABLES)


def _key(table: sa.Table, row: dict[str, Any]) -> tuple[str, ...]:
    return tuple(str(row[c.name]) for c in table.primary_key.columns)


def _encode(column: sa.Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def _rows(conn: sa.Connection, table: sa.Table, where: Any = None) -> list[dict[str, Any]]:
    query = sa.select(table)
    if where is not None:
        query = query.where(where)
    out = []
    for row in conn.execute(query).mappings():
        out.append({c.name: _encode(c, row[c.name]) for c in table.columns})
    return out


def _sorted(name: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    table = _table(name)
    if name == "history":
        return sorted(rows, key=lambda r: (r["at"], r["id"]))
    return sorted(rows, key=lambda r: _key(table, r))


# progress(done, total): tables dumped, or rows loaded.
Progress = Callable[[int, int], None]


def dump(
    db: Database, meeting_id: uuid.UUID | None = None, progress: Progress | None = None
) -> dict[str, Any]:
    """Everything (meeting_id None), or one meeting with what its records point at.

    A meeting's dump holds every unit (they are few, and a merge needs them), the
    projects on its agenda or named by its items, its agenda, its items (deleted
    ones too: deletion is soft), their co-units and attachments, and the history
    of all of these.
    """
    with db.reader.connect() as conn:
        tables: dict[str, list[dict[str, Any]]] = {}
        if meeting_id is None:
            for done, (name, _model) in enumerate(TABLES, start=1):
                tables[name] = _rows(conn, _table(name))
                if progress:
                    progress(done, len(TABLES))
        else:
            tables = _meeting_rows(conn, meeting_id)
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "schema": head_revision(),
        "scope": {"meeting": str(meeting_id)} if meeting_id else {"all": True},
        "tables": {name: _sorted(name, tables.get(name, [])) for name, _ in TABLES},
    }


def _meeting_rows(conn: sa.Connection, meeting_id: uuid.UUID) -> dict[str, list[dict[str, Any]]]:
    t = {name: _table(name) for name, _ in TABLES}
    meetings = _rows(conn, t["meeting"], t["meeting"].c.id == meeting_id)
    if not meetings:
        raise UserError("meeting.unknown", "meeting.select.remedy", selector=str(meeting_id))
    agenda = _rows(conn, t["agenda_entry"], t["agenda_entry"].c.meeting_id == meeting_id)
    items = _rows(conn, t["item"], t["item"].c.meeting_id == meeting_id)
    item_ids = [uuid.UUID(i["id"]) for i in items]
    project_ids = {uuid.UUID(r["project_id"]) for r in agenda + items if r["project_id"]}
    projects = _rows(conn, t["project"], t["project"].c.id.in_(project_ids))
    out = {
        "unit": _rows(conn, t["unit"]),
        "unit_alias": _rows(conn, t["unit_alias"]),
        "project": projects,
        "project_unit": _rows(conn, t["project_unit"], t["project_unit"].c.project_id.in_(project_ids)),
        "project_month": _rows(conn, t["project_month"], t["project_month"].c.project_id.in_(project_ids)),
        "meeting": meetings,
        "agenda_entry": agenda,
        "item": items,
        "item_unit": _rows(conn, t["item_unit"], t["item_unit"].c.item_id.in_(item_ids)),
        "attachment": _rows(conn, t["attachment"], t["attachment"].c.item_id.in_(item_ids)),
    }
    ids = {
        uuid.UUID(r["id"])
        for name in ("unit", "project", "project_month", "meeting", "agenda_entry", "item")
        for r in out[name]
    }
    history = t["history"]
    out["history"] = _rows(
        conn, history, sa.or_(history.c.entity_id.in_(ids), history.c.meeting_id == meeting_id)
    )
    return out


def to_json(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


@dataclass
class LoadReport:
    """What a load did (or, with dry_run, would do), per table."""

    added: dict[str, int] = field(default_factory=dict)
    same: dict[str, int] = field(default_factory=dict)
    conflicts: list[tuple[str, str, str]] = field(default_factory=list)  # table, key, detail
    dry_run: bool = False

    @property
    def total_added(self) -> int:
        return sum(self.added.values())

    @property
    def total_same(self) -> int:
        return sum(self.same.values())


def parse(raw: bytes) -> dict[str, Any]:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError("exchange.not_json", "exchange.file.remedy", reason=str(exc)[:200]) from exc
    if not isinstance(data, dict):
        raise UserError("exchange.not_ours", "exchange.file.remedy")
    tables = data.get("tables")
    _check_header(
        data.get("format"),
        data.get("version"),
        isinstance(tables, dict),
    )
    return data


def _check_header(format_: Any, version: Any, tables_is_object: bool) -> None:
    if format_ != FORMAT:
        raise UserError("exchange.not_ours", "exchange.file.remedy")
    if not isinstance(version, int) or version > FORMAT_VERSION or version < 1:
        raise UserError("exchange.newer", "exchange.newer.remedy", version=str(version))
    if not tables_is_object:
        raise UserError("exchange.bad", "exchange.file.remedy", reason="tables")


# One table's rows as they are in the file (undecoded), or None when its value is not a list.
RawRows = Callable[[str], Iterable[Any] | None]


@dataclass
class Incoming:
    """A checked file: a way to read its rows again, decoded, and the references only the
    database can satisfy. Only keys are kept, never rows, whatever the file's size."""

    raw_rows: RawRows
    counts: dict[str, int]
    outside: dict[str, set[Any]]  # target table -> keys not in the file

    def rows(self, name: str) -> Iterator[dict[str, Any]]:
        """One table's rows, decoded the same way as when they were checked."""
        problems = Problems()
        for index, row in enumerate(self.raw_rows(name) or ()):
            decoded = _decoded_row(name, index, row, problems, set())
            # The file changed since it was checked: stop before anything is kept.
            problems.raise_if_any()
            yield decoded


def check(data: dict[str, Any]) -> Incoming:
    """Decode and check every row of a parsed file; UserError naming the first problem."""
    raw_tables = data["tables"]

    def raw_rows(name: str) -> Iterable[Any] | None:
        rows = raw_tables.get(name, [])
        return rows if isinstance(rows, list) else None

    return _checked(list(raw_tables), raw_rows)


def check_file(path: Path) -> Incoming:
    """`check` of a file on disk, read as a stream (exchange_read): memory stays flat."""
    source = ExchangeFile(path)
    outline = source.outline()
    if not outline.top_is_object:
        raise UserError("exchange.not_ours", "exchange.file.remedy")
    _check_header(outline.format, outline.version, outline.tables_is_object)

    def raw_rows(name: str) -> Iterable[Any] | None:
        shape = outline.tables.get(name)
        if shape is None:
            return ()
        return source.rows(name) if shape else None

    return _checked(list(outline.tables), raw_rows)


def _checked(names: list[str], raw_rows: RawRows) -> Incoming:
    problems = Problems()
    for name in names:
        if name not in dict(TABLES):
            shown = json.dumps(str(name), ensure_ascii=False)[1:-1][:60]
            problems.add(f"tables.{shown}", Bad("exchange.why.unknown_table").args[0])
    targets = set(_REFERENCES.values())
    ids: dict[str, set[Any]] = {name: set() for name in targets}
    pointed: dict[str, set[Any]] = {name: set() for name in targets}
    merges: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    for name, _model in TABLES:
        rows = raw_rows(name)
        if rows is None:
            problems.add(f"tables.{name}", Bad("exchange.why.type", expected="list").args[0])
            continue
        keys: set[tuple[Any, ...]] = set()
        columns = [(column, target) for (table, column), target in _REFERENCES.items() if table == name]
        count = 0
        for index, row in enumerate(rows):
            count += 1
            decoded = _decoded_row(name, index, row, problems, keys)
            if name in ids:
                ids[name].add(decoded.get("id"))
            for column, target in columns:
                if decoded.get(column) is not None:
                    pointed[target].add(decoded[column])
            if name == "unit":
                merges.append({k: decoded[k] for k in ("id", "merged_into_id") if k in decoded})
        counts[name] = count
    check_units(merges, problems)
    outside = {name: pointed[name] - ids[name] for name in targets if pointed[name] - ids[name]}
    problems.raise_if_any()
    return Incoming(raw_rows, counts, outside)


def _decoded_row(
    name: str, index: int, row: Any, problems: Problems, keys: set[tuple[Any, ...]]
) -> dict[str, Any]:
    """One row decoded; its problems added; `keys` the table's keys so far (duplicates)."""
    table = _table(name)
    columns = {c.name: c for c in table.columns}
    where = f"tables.{name}[{index}]"
    if not isinstance(row, dict):
        problems.add(where, Bad("exchange.why.type", expected="object").args[0])
        return {}
    decoded: dict[str, Any] = {}
    for column in row:
        if column not in columns:
            # The name is the file's: JSON-escaped, so a path stays one line of text.
            shown = json.dumps(str(column), ensure_ascii=False)[1:-1][:60]
            problems.add(f"{where}.{shown}", Bad("exchange.why.unknown_column").args[0])
    for column in columns.values():
        if column.name not in row:
            # A column added by a later schema, with a default, may be absent from an
            # older file (a meeting's `kind`): the default fills it.
            if column.primary_key or (not column.nullable and column.server_default is None):
                problems.add(f"{where}.{column.name}", Bad("exchange.why.missing").args[0])
            continue
        try:
            decoded[column.name] = decode_value(name, column, row[column.name])
        except Bad as exc:
            problems.add(f"{where}.{column.name}", str(exc))
        except (ValueError, TypeError):
            problems.add(
                f"{where}.{column.name}",
                Bad("exchange.why.unreadable", value=quoted(str(row[column.name]))).args[0],
            )
    key = tuple(decoded.get(c.name) for c in table.primary_key.columns)
    if None not in key:
        if key in keys:
            problems.add(where, Bad("exchange.why.duplicate").args[0])
        keys.add(key)
    return decoded


def _missing_in_database(conn: sa.Connection, incoming: Incoming) -> None:
    problems = Problems()
    for target, wanted in incoming.outside.items():
        key = _table(target).c.id
        found: set[Any] = set()
        values = sorted(wanted, key=str)
        for start in range(0, len(values), 500):
            found.update(conn.execute(sa.select(key).where(key.in_(values[start : start + 500]))).scalars())
        if not wanted - found:
            continue
        for (name, column), points_at in _REFERENCES.items():
            if points_at != target:
                continue
            for index, row in enumerate(incoming.rows(name)):
                if row.get(column) in wanted and row.get(column) not in found:
                    problems.add(
                        f"tables.{name}[{index}].{column}",
                        Bad("exchange.why.reference", table=target).args[0],
                    )
    problems.raise_if_any()


def load(
    db: Database, data: dict[str, Any] | Incoming, *, dry_run: bool = False, progress: Progress | None = None
) -> LoadReport:
    """Merge an exchange file's rows into the database, in one transaction.

    The whole file is checked first (`check`, unless `data` is its result); a
    database error on the way is a UserError with the database's reason (no SQL,
    no values) and nothing is kept."""
    report = LoadReport(dry_run=dry_run)
    incoming = data if isinstance(data, Incoming) else check(data)
    total, done = sum(incoming.counts.values()), 0
    try:
        with db.writer.connect() as conn, conn.begin() as tx:
            _missing_in_database(conn, incoming)
            for name, _model in TABLES:
                table = _table(name)
                rows: Iterable[dict[str, Any]] = incoming.rows(name)
                if name == "unit":
                    # Units are few, and a merged one must follow the one it was merged into.
                    rows = _units_in_order(list(rows))
                for chunk in _chunks(rows, 2000):
                    new = _plan(conn, table, name, chunk, report)
                    if new and not dry_run:
                        conn.execute(sa.insert(table), new)
                    done += len(chunk)
                    if progress:
                        progress(done, total)
            if dry_run:
                tx.rollback()
    except sa.exc.SQLAlchemyError as exc:
        raise UserError("exchange.db_failed", "exchange.db_failed.remedy", reason=short_reason(exc)) from None
    db.unit_cache.clear()
    return report


def _plan(
    conn: sa.Connection, table: sa.Table, name: str, rows: list[dict[str, Any]], report: LoadReport
) -> list[dict[str, Any]]:
    pk = list(table.primary_key.columns)
    existing: dict[tuple[str, ...], dict[str, Any]] = {}
    wanted = [r for r in rows if all(c.name in r for c in pk)]
    if len(wanted) != len(rows):
        raise UserError("exchange.bad", "exchange.file.remedy", reason=f"{name}: key")
    for chunk in _chunks(wanted, 500):
        if len(pk) == 1:
            cond = pk[0].in_([r[pk[0].name] for r in chunk])
        else:
            cond = sa.tuple_(*pk).in_([tuple(r[c.name] for c in pk) for r in chunk])
        for found in conn.execute(sa.select(table).where(cond)).mappings():
            existing[tuple(str(found[c.name]) for c in pk)] = dict(found)
    aliases: dict[str, Any] = {}
    if name == "unit_alias":
        aliases = {r.alias: r.id for r in conn.execute(sa.select(table.c.alias, table.c.id))}
    new: list[dict[str, Any]] = []
    for row in rows:
        key = tuple(str(row[c.name]) for c in pk)
        here: dict[str, Any] | None = existing.get(key)
        if here is None:
            if name == "unit_alias" and row["alias"] in aliases and aliases[row["alias"]] != row["id"]:
                report.conflicts.append((name, "/".join(key), f"alias {row['alias']} is taken"))
                continue
            new.append(row)
            existing[key] = row
            report.added[name] = report.added.get(name, 0) + 1
        elif _same(table, here, row):
            report.same[name] = report.same.get(name, 0) + 1
        else:
            detail = ""
            if "version" in row:
                detail = f"here v{here.get('version')}, file v{row.get('version')}"
            report.conflicts.append((name, "/".join(key), detail))
    return new


def _same(table: sa.Table, here: dict[str, Any], row: dict[str, Any]) -> bool:
    return all(
        _encode(c, here.get(c.name)) == _encode(c, row.get(c.name)) for c in table.columns if c.name in row
    )


def _units_in_order(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A merged unit points at the one it was merged into: insert that one first."""
    by_id = {r["id"]: r for r in rows}
    done: set[Any] = set()
    out: list[dict[str, Any]] = []

    def visit(row: dict[str, Any], depth: int = 0) -> None:
        if row["id"] in done or depth > len(rows):
            return
        target = row.get("merged_into_id")
        if target in by_id:
            visit(by_id[target], depth + 1)
        done.add(row["id"])
        out.append(row)

    for row in rows:
        visit(row)
    return out


def _chunks(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    """Rows in lists of at most `size`, and of at most CHUNK_CHARS characters of text."""
    chunk: list[dict[str, Any]] = []
    chars = 0
    for row in rows:
        chunk.append(row)
        chars += sum(len(v) for v in row.values() if isinstance(v, str | bytes))
        if len(chunk) == size or chars >= CHUNK_CHARS:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk
