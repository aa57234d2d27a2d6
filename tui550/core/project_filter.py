"""Filtering the ledger on the projects screen: one line of words, read as typed.

    民主 街道:民主 单位:住建 类别:民生 状态:在建

A word with a field prefix (Chinese or English, ``:`` or ``：``) keeps the projects
whose field contains it; every other word must appear in the project's name or
code. Matching ignores case and full/half width, and a leading 区 on unit names
(住建局 finds 区住建局). Pure and fast enough for a district's projects,
so the screen filters in Python on every pause in typing and only redraws when
the result changes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from tui550.core.domain import ProjectView

FIELD_WORDS: dict[str, str] = {
    "街道": "street",
    "street": "street",
    "单位": "unit",
    "unit": "unit",
    "类别": "category",
    "category": "category",
    "分类": "category",
    "状态": "status",
    "status": "status",
}


@dataclass(frozen=True, slots=True)
class ProjectFilter:
    words: tuple[str, ...] = ()
    street: tuple[str, ...] = ()
    unit: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    status: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.words or self.street or self.unit or self.category or self.status)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


def _unit_key(text: str) -> str:
    key = _norm(text)
    return key[1:] if len(key) > 1 and key.startswith("区") else key


def parse_filter(line: str) -> ProjectFilter:
    """Words of the filter line; a prefix without a value is ignored (still being typed)."""
    fields: dict[str, list[str]] = {"words": [], "street": [], "unit": [], "category": [], "status": []}
    for word in _norm(line).split():
        head, sep, value = word.replace("：", ":").partition(":")
        field = FIELD_WORDS.get(head) if sep else None
        if field is None:
            fields["words"].append(word)
        elif value:
            fields[field].append(value)
    return ProjectFilter(**{k: tuple(v) for k, v in fields.items()})


@dataclass(frozen=True, slots=True)
class _Keys:
    """A project's searchable text, normalised once per load rather than per keystroke."""

    words: str
    street: str
    units: str
    category: str
    status: str


def _keys(p: ProjectView) -> _Keys:
    names = [n for u in ((p.lead_unit,) if p.lead_unit else ()) + p.units for n in (u.name, *u.aliases)]
    return _Keys(
        _norm(f"{p.name}\n{p.code or ''}"),
        _norm(p.street or ""),
        "\n".join(_norm(n) for n in names),
        _norm(p.category or ""),
        _norm(p.status or ""),
    )


def _match(k: _Keys, f: ProjectFilter) -> bool:
    return (
        all(w in k.words for w in f.words)
        and all(_unit_key(w) in k.street for w in f.street)
        and all(_unit_key(w) in k.units for w in f.unit)
        and all(w in k.category for w in f.category)
        and all(w in k.status for w in f.status)
    )


def matches(project: ProjectView, f: ProjectFilter) -> bool:
    return _match(_keys(project), f)


class ProjectIndex:
    """The loaded ledger, ready to filter on every keystroke."""

    def __init__(self, projects: Iterable[ProjectView]) -> None:
        self.projects = list(projects)
        self._keys = [_keys(p) for p in self.projects]

    def filter(self, line: str) -> list[ProjectView]:
        f = parse_filter(line)
        if f.empty:
            return list(self.projects)
        return [p for p, k in zip(self.projects, self._keys, strict=True) if _match(k, f)]


def filter_projects(projects: Iterable[ProjectView], line: str) -> list[ProjectView]:
    return ProjectIndex(projects).filter(line)
