"""Storage behind intent-named functions.

Each module takes an open `Database` as its first argument and returns plain
objects from `tui550.core.domain`. Sessions never leave this package.

The store's modules name the ORM's tables as `models.X`: `models` is
`tui550.core.models`, loaded when first used (see `_Models`). The reads a
meeting's first frame waits for go through `_tables` and never use it, so a start builds
the table classes after that frame (`prepare_orm`), not before.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import configure_mappers


class _Models:
    """`tui550.core.models`, imported at the first name asked of it.

    The import system's own lock makes that safe from any thread; each name is then
    kept here, so later uses are plain attribute reads."""

    def __getattr__(self, name: str) -> Any:
        value = getattr(importlib.import_module("tui550.core.models"), name)
        setattr(self, name, value)
        return value


if TYPE_CHECKING:
    from tui550.core import models
else:
    models = _Models()


def prepare_orm() -> None:
    """Build the table classes and set up the ORM's mappers now. SQLAlchemy sets them up in
    the first ORM query of a process, and the classes cost far more; a
    meeting's first frame reads without them, so the app calls this in the pause after that
    frame, and the first capture or edit does not wait for it."""

    models.Item  # noqa: B018  (loads the module: the mappers to set up)
    configure_mappers()
