"""Writes `_tables.py`, Core tables of the models, from the models themselves.

`tui550.core.models` is the one definition of each table. Building its classes takes far
longer than a meeting's first frame may wait, so the reads of that frame, the capture's
SQL and the bulk decoders use Core tables with the same names, types and plain defaults,
generated from the models by this module:

    python -m tui550.core.store.schema_gen

A test fails while the generated file differs from what this writes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from tui550.core import models

TARGET = Path(__file__).with_name("_tables.py")
COMMAND = "python -m tui550.core.store.schema_gen"

_HEADER = '''"""Core tables of the models: names, types and plain defaults, nothing else.

Generated from `tui550.core.models` by `{command}`:
do not edit; change the model and run that command (a test fails while this is stale).

They load without the ORM's table classes, so the reads a meeting's first frame waits
for, the capture's SQL and the bulk decoders use them, and the models load after that
frame (`store.prepare_orm`). Writes through the ORM keep the models' tables.
"""

from __future__ import annotations

'''

# The tables read or written without the ORM: a meeting's first frame, the capture, the
# bulk reads. The others (attachments, settings, the search index) are only ever used
# through the models, and each table here costs its share of every start.
TABLES = (
    "agenda_entry",
    "draft",
    "history",
    "item",
    "item_unit",
    "meeting",
    "project",
    "project_month",
    "project_unit",
    "unit",
    "unit_alias",
)

# Plain values only: a callable default (a new id, the time) is the writer's to give.
_LITERALS = (bool, int, float, str)


def _type_name(type_: sa.types.TypeEngine[Any], imports: set[str]) -> str:
    cls = type(type_)
    if cls.__module__.startswith("sqlalchemy."):
        imports.add("import sqlalchemy as sa")
        return f"sa.{cls.__name__}"
    imports.add(f"from {cls.__module__} import {cls.__name__}")
    return cls.__name__


def _default(column: sa.Column[Any]) -> str:
    default = column.default
    if default is None or not default.is_scalar:
        return ""
    value = default.arg  # type: ignore[attr-defined]
    if type(value) not in _LITERALS:
        return ""
    # Double quotes and CJK as written, as ruff format keeps them.
    literal = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)
    return f", default={literal}"


def render(metadata: sa.MetaData) -> str:
    """The source of `_tables.py` for the `TABLES` of `metadata`, in name order."""
    imports: set[str] = {"import sqlalchemy as sa"}
    types: dict[str, str] = {}  # a type's constructor call -> the name of its one instance
    tables: list[str] = []
    for table in (metadata.tables[name] for name in sorted(TABLES)):
        lines = []
        for column in table.columns:
            cls = type(column.type)
            # repr gives the class name and the arguments that differ from its defaults.
            expr = _type_name(column.type, imports) + repr(column.type)[len(cls.__name__) :]
            if expr not in types:
                base = f"_{cls.__name__.upper()}"
                # Another instance of a class already named (other arguments) gets a suffix.
                types[expr] = base + "_" * sum(n.startswith(base) for n in types.values())
            lines.append(f'    sa.Column("{column.name}", {types[expr]}{_default(column)}),')
        tables.append(
            f'{table.name.upper()} = sa.Table(\n    "{table.name}",\n    _METADATA,\n'
            + "\n".join(lines)
            + "\n)\n"
        )
    ordered = sorted(imports, key=_import_order)
    groups = ["\n".join(i for i in ordered if ("tui550" in i) == ours) for ours in (False, True)]
    return (
        _HEADER.format(command=COMMAND)
        + "\n\n".join(g for g in groups if g)
        + "\n\n_METADATA = sa.MetaData()\n"
        + "\n".join(f"{name} = {expr}" for expr, name in types.items())
        + "\n\n\n"
        + "\n\n".join(tables)
    )


def _import_order(line: str) -> tuple[bool, bool, str]:
    # ruff's isort order: third parties before ours, `import` before `from` within each.
    module = line.split()[1]
    return (module.startswith("tui550"), line.startswith("from"), module)


def main() -> int:
    TARGET.write_text(render(models.metadata), encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
