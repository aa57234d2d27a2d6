"""Filtering the ledger on the projects screen: one line of words, read as typed.

    民主 街道:民主 单位:住建 类别:民生 状态:在建

A word with a field prefix (Chinese or English, ``:`` or ``：``) keeps the projects
whose field contains it; every other word must appear in the project's name or
code. Matching ignores case and full/half width, and a leading 区 on unit names
(住建局 finds 区住建局). Pure and fast: 2,000 projects filter in a few milliseconds,
so the screen filters in Python on every pause in typing and only redraws when
the result changes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from tui550.core.domain import ProjectView

FIELD_WORDS: dict[str, str] = {
    "街道": "street", "street": "street",
    "单位": "unit", "unit": "unit",
    "类别": "category", "category": "category", "分类": "category",
    "状态": "status", "status": "status",
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


def matches(project: ProjectView, f: ProjectFilter) -> bool:
    if f.words:
        haystack = _norm(f"{project.name}\n{project.code or ''}")
        if not all(w in haystack for w in f.words):
            return False
    if f.street and not all(_unit_key(w) in _norm(project.street or "") for w in f.street):
        return False
    if f.unit:
        names = [n for u in ((project.lead_unit,) if project.lead_unit else ()) + project.units
                 for n in (u.name, *u.aliases)]
        joined = "\n".join(_norm(n) for n in names)
        if not all(_unit_key(w) in joined for w in f.unit):
            return False
    if f.category and not all(w in _norm(project.category or "") for w in f.category):
        return False
    return not (f.status and not all(w in _norm(project.status or "") for w in f.status))


def filter_projects(projects: Iterable[ProjectView], line: str) -> list[ProjectView]:
    f = parse_filter(line)
    if f.empty:
        return list(projects)
    return [p for p in projects if matches(p, f)]
