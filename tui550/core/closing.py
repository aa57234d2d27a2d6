"""What closing a meeting asks for, item by item: the rule is `ItemView.lacks_owner_or_deadline`
(a decision or issue without a lead unit or a 完成时限, a date or a standing cadence); this
names which of the two is missing, for the close review (F10)."""

from __future__ import annotations

from collections.abc import Iterable

from tui550.core.domain import ItemView

# What an item can lack, in the order the review names them.
UNIT = "unit"
DUE = "due"


def missing(item: ItemView) -> tuple[str, ...]:
    """What `item` still lacks before its meeting closes (empty: nothing)."""
    if not item.lacks_owner_or_deadline:
        return ()
    return tuple(
        name for name, lacking in ((UNIT, item.lead_unit is None), (DUE, not item.has_deadline)) if lacking
    )


def incomplete(items: Iterable[ItemView]) -> list[tuple[ItemView, tuple[str, ...]]]:
    """The items that lack something, each with what it lacks, in the order given."""
    return [(item, lacks) for item in items if (lacks := missing(item))]
