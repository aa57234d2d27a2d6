"""The one way a unit is found by what people call it, and the names it may not take.

Every door that takes a unit by name (``@name`` on the capture line, ``单位:`` in
filters, ``--unit`` and ``--street`` of the commands, the project form) resolves it
here, as the capture line does: an exact name or alias, then the same without a
leading 区 (区住建局 = 住建局), then a part of a name that only one unit has
(住建). One wording for a unit not found or not unique.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui550.core.domain import UnitKind, UnitView
from tui550.core.errors import UserError
from tui550.core.quickadd import Problem, UnitRef, match_unit
from tui550.core.text import normalise_name

UNIT_REMEDY = "lui.unit.remedy"


def _refs(units: Sequence[UnitView]) -> list[UnitRef]:
    return [UnitRef(id=u.id, name=u.name, aliases=u.aliases) for u in units]


def match(
    name: str, units: Sequence[UnitView], *, prefer: UnitKind | None = None, only: UnitKind | None = None
) -> UnitView | Problem:
    """The unit ``name`` means, or the problem (unknown, or which units it could be).

    ``prefer`` looks among that kind first (a street field finds 民主街道 for 民主 even
    if a company is called 民主…); ``only`` looks at nothing else (``--street``).
    """
    if only is not None:
        pools = [[u for u in units if u.kind is only]]
    elif prefer is not None:
        pools = [[u for u in units if u.kind is prefer], list(units)]
    else:
        pools = [list(units)]
    problem: Problem | None = None
    for pool in pools:
        found = match_unit(name, _refs(pool)) if pool else None
        if isinstance(found, UnitRef):
            return next(u for u in pool if u.id == found.id)
        problem = problem or found
    return problem or Problem("parse.unit.unknown", {"name": name, "candidates": ()})


def resolve_unit(
    name: str, units: Sequence[UnitView], *, prefer: UnitKind | None = None, only: UnitKind | None = None
) -> UnitView:
    """As `match`, raising the problem as a `UserError` (the one wording everywhere)."""
    found = match(name, units, prefer=prefer, only=only)
    if isinstance(found, Problem):
        key = found.key
        if only is UnitKind.STREET:  # "找不到街道", not "单位": the option asked for a street
            key = key.replace("parse.unit.", "parse.street.")
        raise UserError(key, UNIT_REMEDY, **found.args)
    return found


@dataclass(frozen=True)
class Clash:
    """A name a unit may not take: whose it already is, and how (name, alias or short name)."""

    owner: UnitView
    how: str  # "name" | "alias" | "short"


def name_clash(name: str, units: Sequence[UnitView], own: object | None = None) -> Clash | None:
    """Whether ``name``, given to the unit ``own``, would take what now finds another unit.

    A name is refused when it is another unit's name or alias, or when the matcher
    would now find another unit by it (城管局 finds 区城管局 by its short form): after
    the change the same word would silently lead somewhere else.
    """
    key = normalise_name(name)
    others = [u for u in units if u.id != own]
    for unit in others:
        if normalise_name(unit.name) == key:
            return Clash(unit, "name")
    for unit in others:
        if any(normalise_name(a) == key for a in unit.aliases):
            return Clash(unit, "alias")
    found = match(name, others)
    # A word several units share finds none of them today: it may become this one's.
    return Clash(found, "short") if isinstance(found, UnitView) else None


def unit_kind_for(name: str) -> str:
    """Guess a new unit's kind from its name; the user can change it later."""
    if name.endswith(("街道", "街道办事处", "镇", "乡", "办事处")):
        return "street"
    if "公司" in name or "集团" in name:
        return "company"
    return "department"
