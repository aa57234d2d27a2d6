"""Checking a whole exchange file before `load` writes anything.

Every value is checked against its column: its JSON type, the values an enumerated
column may take (kind, tag, status, state, unit kind), the text gate's cleaning and
length limits (`text.clean_field`), dates and timestamps within the years a record
can have, finite numbers, base64 within the attachment limit, and references: a
key that points at another row must name a row of the file (or, when loading, of
the database). A unit merged into itself, or into a unit merged back into it, is
refused too. Problems are named by their JSON path (`tables.item[3].kind`); the
first is reported with the count of the others.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from tui550.core.domain import Kind, MeetingState, Status, Tag, UnitKind
from tui550.core.errors import UserError
from tui550.core.models import UTCDateTime
from tui550.core.text import LINE_MAX, TEXT_MAX, TextTooLong, clean_field, clean_text
from tui550.i18n import t

# Dates and timestamps a record of a district's meetings can carry.
MIN_YEAR, MAX_YEAR = 1990, 2100
MAX_INT = 2**63 - 1
MAX_NUMBER = 1e15
# The largest attachment a file may carry (the follow-up rules' default limit, with room).
MAX_ATTACHMENT_BYTES = 64 * 1024 * 1024
# History changes are a small JSON object of old and new values.
MAX_CHANGES_CHARS = 2 * TEXT_MAX + LINE_MAX
ENUMS: dict[tuple[str, str], frozenset[str]] = {
    ("item", "kind"): frozenset(Kind),
    ("item", "tag"): frozenset(Tag),
    ("item", "status"): frozenset(Status),
    ("meeting", "state"): frozenset(MeetingState),
    ("unit", "kind"): frozenset(UnitKind),
}


class Bad(ValueError):
    """One value is wrong; the message is the reason, in the interface language."""

    def __init__(self, key: str, **args: object) -> None:
        super().__init__(t(key, **args))


@dataclass
class Problems:
    """The first few problems (JSON path, reason) and how many there were."""

    found: list[tuple[str, str]] = field(default_factory=list)
    count: int = 0
    KEEP = 20

    def add(self, path: str, reason: str) -> None:
        self.count += 1
        if len(self.found) < self.KEEP:
            self.found.append((path, reason))

    def raise_if_any(self) -> None:
        if not self.count:
            return
        path, reason = self.found[0]
        key = "exchange.invalid_more" if self.count > 1 else "exchange.invalid"
        raise UserError(key, "exchange.file.remedy", path=path, reason=reason, others=self.count - 1)


def decode_value(table: str, column: sa.Column[Any], value: Any) -> Any:
    """The stored value of one JSON value of `table.column`, or Bad saying why not."""
    if value is None:
        if not column.nullable:
            raise Bad("exchange.why.missing")
        return None
    kind = column.type
    if isinstance(kind, sa.Uuid):
        return uuid.UUID(_typed(value, str, "uuid"))
    if isinstance(kind, UTCDateTime):
        moment = _parsed(datetime.fromisoformat, _typed(value, str, "timestamp"))
        if moment.tzinfo is None:
            raise Bad("exchange.why.no_zone")
        _in_range(moment.year)
        return moment
    if isinstance(kind, sa.Date):
        day = _parsed(date.fromisoformat, _typed(value, str, "date"))
        _in_range(day.year)
        return day
    if isinstance(kind, sa.LargeBinary):
        text = _typed(value, str, "base64")
        if len(text) > MAX_ATTACHMENT_BYTES * 4 // 3 + 4:
            raise Bad("exchange.why.too_big", limit=MAX_ATTACHMENT_BYTES // (1024 * 1024))
        try:
            return base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raise Bad("exchange.why.type", expected="base64") from None
    if isinstance(kind, sa.Boolean):
        return _typed(value, bool, "true/false")
    if isinstance(kind, sa.Float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise Bad("exchange.why.type", expected="number")
        number = float(value)
        if not math.isfinite(number) or abs(number) > MAX_NUMBER:
            raise Bad("exchange.why.not_finite")
        return number
    if isinstance(kind, sa.Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            raise Bad("exchange.why.type", expected="integer")
        if abs(value) > MAX_INT:
            raise Bad("exchange.why.not_finite")
        return value
    if isinstance(kind, sa.JSON):
        return _changes(value)
    text = clean_text_value(column.name, _typed(value, str, "text"))
    allowed = ENUMS.get((table, column.name))
    if allowed is not None and text not in allowed:
        raise Bad("exchange.why.enum", value=quoted(text), allowed="、".join(sorted(allowed)))
    return text


def quoted(text: str) -> str:
    """A value of the file as shown in a message: JSON-quoted (one line), cut short."""
    shown = json.dumps(text[:40], ensure_ascii=False)
    return shown if len(text) <= 40 else shown[:-1] + '…"'


def clean_text_value(name: str, text: str) -> str:
    try:
        return clean_field(name, text)
    except TextTooLong as exc:
        raise Bad("exchange.why.too_long", length=exc.length, limit=exc.limit) from None


def _typed(value: Any, kind: type, expected: str) -> Any:
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        raise Bad("exchange.why.type", expected=expected)
    return value


def _parsed(parse: Any, text: str) -> Any:
    try:
        return parse(text)
    except ValueError:
        raise Bad("exchange.why.unreadable", value=quoted(text)) from None


def _in_range(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Bad("exchange.why.year", year=year, low=MIN_YEAR, high=MAX_YEAR)


def _changes(value: Any) -> Any:
    if not isinstance(value, dict):
        raise Bad("exchange.why.type", expected="object")
    if len(json.dumps(value, ensure_ascii=False)) > MAX_CHANGES_CHARS:
        raise Bad("exchange.why.too_long", length=len(json.dumps(value)), limit=MAX_CHANGES_CHARS)
    return _clean_json(value)


def _clean_json(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_clean_json(v) for v in value]
    if isinstance(value, dict):
        return {clean_text(str(k)): _clean_json(v) for k, v in value.items()}
    if isinstance(value, float) and not math.isfinite(value):
        raise Bad("exchange.why.not_finite")
    return value


def references(tables: Iterable[tuple[str, sa.Table]]) -> dict[tuple[str, str], str]:
    """(table, column) -> the table it points at, from the tables' foreign keys."""
    out: dict[tuple[str, str], str] = {}
    for name, table in tables:
        for column in table.columns:
            for fk in column.foreign_keys:
                out[(name, column.name)] = fk.column.table.name
    return out


def check_units(rows: list[dict[str, Any]], problems: Problems) -> None:
    """No unit merged into itself, directly or round a circle."""
    merged = {r["id"]: r.get("merged_into_id") for r in rows if "id" in r}
    for index, row in enumerate(rows):
        seen = {row.get("id")}
        target = row.get("merged_into_id")
        while target is not None:
            if target in seen:
                problems.add(f"tables.unit[{index}].merged_into_id", Bad("exchange.why.self_merge").args[0])
                break
            seen.add(target)
            target = merged.get(target)
