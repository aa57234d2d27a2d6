"""An item's history in words: field names in the interface language, kinds and statuses by
their names, units and projects by name.

The history table keeps what changed as stored (`kind: "deadline"`, `project_id:
"afda7586-…"`, `co_units: ["00710de2-…"]`), which is right for the record and useless to a
room reading a Chinese screen. `describe` turns one stored change into three strings;
the names of units and projects come from `names`, read once for a whole history
(`core.store.items.history_names`). A field or value it does not know is shown as stored.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import date

from tui550.core.day_text import day_label
from tui550.i18n import t

# Fields whose stored value names a unit or a project by id (alone or in a list).
ID_FIELDS = frozenset({"lead_unit_id", "project_id", "co_units", "merged_into_id", "unit_id"})
# Fields whose value is one of a vocabulary, and the string key of each word.
WORDS: dict[str, Callable[[str], str]] = {
    "kind": lambda v: f"kind.{v}",
    "tag": lambda v: f"tag.{v}",
    "status": lambda v: f"status.{v}",
}
DATE_FIELDS = frozenset({"due", "actual", "original_due"})
# Every field with a name of its own; the rest show as stored.
NAMED_FIELDS = frozenset(
    {
        "text",
        "kind",
        "tag",
        "category",
        "steps",
        "lead_unit_id",
        "co_units",
        "due",
        "cadence",
        "actual",
        "status",
        "project_id",
        "meeting_id",
        "deleted",
        "closed_at",
        "closed_by",
        "closed_note",
        "extensions",
        "escalation",
        "original_due",
        "evidence",
        "reason",
    }
)


def field_label(field: str) -> str:
    return t(f"history.field.{field}") if field in NAMED_FIELDS else field


def ids_in(field: str, value: object) -> list[uuid.UUID]:
    """The unit or project ids a stored value names (none for other fields)."""
    if field not in ID_FIELDS or value is None:
        return []
    found = []
    for one in value if isinstance(value, list) else [value]:
        try:
            found.append(uuid.UUID(str(one)))
        except ValueError:
            continue
    return found


def _date_text(value: object) -> str:
    try:
        day = date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return day_label(day, year=0)  # no year is "the year in view": every date written whole


def _name(value: object, names: Mapping[uuid.UUID, str]) -> str:
    try:
        key = uuid.UUID(str(value))
    except ValueError:
        return str(value)
    return names.get(key, str(key)[:8])


def value_text(field: str, value: object, names: Mapping[uuid.UUID, str]) -> str:
    """A stored value as the room reads it ("" for none)."""
    if value is None or value == [] or value == "":
        return ""
    if field in ID_FIELDS:
        values = value if isinstance(value, list) else [value]
        return "、".join(_name(v, names) for v in values)
    if field in WORDS and isinstance(value, str):
        return t(WORDS[field](value))
    if field in DATE_FIELDS:
        return _date_text(value)
    if field == "deleted":
        return t("history.yes") if value else t("history.no")
    if field == "escalation" and isinstance(value, int):
        colour = ("none", "blue", "yellow", "red")[max(0, min(3, value))]
        return t(f"escalation.{colour}")
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def describe(field: str, old: object, new: object, names: Mapping[uuid.UUID, str]) -> tuple[str, str, str]:
    """(field name, old value, new value) of one change, in the interface language."""
    return field_label(field), value_text(field, old, names), value_text(field, new, names)
