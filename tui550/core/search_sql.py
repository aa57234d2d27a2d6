"""The SQL behind `tui550.core.search`: which index a query starts from, per dialect.

SQLite: one way in. The FTS5 entry of an item holds its body's character
grams and its facet markers (migration 0005: `k<kind>`, `p<project>`,
`u<unit>`, `xopen`), so the text terms and the kind, project, unit and overdue
filters become one AND of doclists (a filter naming several projects or units
an OR group), walked newest first and stopped after one page. Each candidate is
still checked against the full terms (a term longer than two characters is
only an AND of its pairs) and the filters (the due date for `overdue`).
A filter without index tokens (a `项目:` fragment naming very many projects)
is checked row by row; with no token at all, items are walked from the newest.

PostgreSQL: filter first when a project, unit or overdue filter names at most
`FILTER_FIRST_MAX` items (counted with a cap, from their indexes), else pg_trgm
and the n-gram table for the terms.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping
from sqlmodel import Session

from tui550.core.db import Database
from tui550.core.domain import OPEN_STATUSES, TRACKED_KINDS, UnitView
from tui550.core.store.rows import units_by_id

if TYPE_CHECKING:
    from tui550.core.search import Query

FILTER_FIRST_MAX = 4000
# A pasted paragraph must not become a huge index query; the substring check
# still applies every term in full.
MAX_GRAMS_PER_TERM = 6
# A filter naming more projects or units than this is checked per row instead of
# becoming an OR group of that many doclists.
MAX_FACET_TOKENS = 300

_TRACKED = tuple(sorted(k.value for k in TRACKED_KINDS))
_OPEN = tuple(sorted(s.value for s in OPEN_STATUSES))
# Characters the ascii tokenizer treats as separators: a pair made only of them has no token.
_SEPARATORS = frozenset(chr(c) for c in range(128) if not chr(c).isalnum())

_ITEM_COLUMNS = (
    sa.column("ref", sa.Uuid()),
    sa.column("body", sa.String()),
    sa.column("text", sa.String()),
    sa.column("kind", sa.String()),
    sa.column("tag", sa.String()),
    sa.column("status", sa.String()),
    sa.column("due", sa.Date()),
    sa.column("meeting_id", sa.Uuid()),
    sa.column("meeting_date", sa.Date()),
    sa.column("meeting_title", sa.String()),
    sa.column("project_id", sa.Uuid()),
    sa.column("project_name", sa.String()),
)
_ITEM_SELECT = """SELECT d.ref AS ref, d.body AS body, i.text AS text, i.kind AS kind, i.tag AS tag,
    i.status AS status, i.due AS due, i.meeting_id AS meeting_id, m.date AS meeting_date,
    m.title AS meeting_title, i.project_id AS project_id, p.name AS project_name"""
_ITEM_NAMES = """LEFT JOIN meeting m ON m.id = i.meeting_id
    LEFT JOIN project p ON p.id = i.project_id"""


def _contains(dialect: str, column: str, param: str) -> str:
    """Substring test, ASCII case ignored, as the terms were folded."""
    if dialect == "postgresql":
        return f"strpos(lower({column}), :{param}) > 0"
    return f"instr(lower({column}), :{param}) > 0"


def grams(term: str, limit: int) -> list[str]:
    """The index tokens a term must have: itself if short, else its pairs (spread out)."""
    pairs = [term] if len(term) <= 2 else [term[i : i + 2] for i in range(len(term) - 1)]
    pairs = [g for g in dict.fromkeys(pairs) if not set(g) <= _SEPARATORS]
    if len(pairs) > limit:
        step = (len(pairs) - 1) / (limit - 1)
        pairs = [pairs[round(i * step)] for i in range(limit)]
    return pairs


def other_rows(conn: Connection, terms: Sequence[str], limit: int) -> list[RowMapping]:
    """Units, then projects, then meetings whose text holds every term: a scan of their
    few thousand rows through a partial covering index (`entity <> 'item'`, matching
    the index's own condition word for word, which is how SQLite picks it)."""
    dialect = conn.dialect.name
    params: dict[str, Any] = {"n": limit}
    where = []
    for k, term in enumerate(terms):
        params[f"t{k}"] = term
        where.append(_contains(dialect, "d.body", f"t{k}"))
    sql = sa.text(f"""SELECT d.entity AS entity, d.ref AS ref, d.body AS body,
            coalesce(u.name, p.name, m.title) AS title, m.date AS date
        FROM search_doc d
        LEFT JOIN unit u ON d.entity = 'unit' AND u.id = d.ref
        LEFT JOIN project p ON d.entity = 'project' AND p.id = d.ref
        LEFT JOIN meeting m ON d.entity = 'meeting' AND m.id = d.ref
        WHERE d.entity <> 'item' AND {" AND ".join(where)}
        ORDER BY CASE d.entity WHEN 'unit' THEN 0 WHEN 'project' THEN 1 ELSE 2 END, d.id DESC
        LIMIT :n""").columns(
        sa.column("entity", sa.String()),
        sa.column("ref", sa.Uuid()),
        sa.column("body", sa.String()),
        sa.column("title", sa.String()),
        sa.column("date", sa.Date()),
    )
    return list(conn.execute(sql, params).mappings())


def resolve_units(session: Session, db: Database, fragments: Sequence[str]) -> list[set[uuid.UUID]]:
    """For each `unit:` fragment, the units it finds as `@name` does (`unit_names.match`);
    a fragment several units share (still being typed) keeps all of them."""
    from tui550.core.unit_names import match

    units = list(units_by_id(session, db, []).values())
    by_name = {u.name: u.id for u in units}
    out = []
    for fragment in fragments:
        found = match(fragment, units)
        if isinstance(found, UnitView):
            out.append({found.id})
        elif found.key == "parse.unit.ambiguous":
            out.append({by_name[n] for n in found.args["candidates"] if n in by_name})
        else:
            out.append(set())
    return out


def project_ids(conn: Connection, fragments: Sequence[str]) -> list[set[uuid.UUID]]:
    """For each `project:` fragment, the live projects whose name or code contains it."""
    dialect = conn.dialect.name
    out = []
    for fragment in fragments:
        sql = sa.text(f"""SELECT id FROM project WHERE deleted_at IS NULL
            AND ({_contains(dialect, "name", "f")} OR {_contains(dialect, "coalesce(code, '')", "f")})
            """).columns(sa.column("id", sa.Uuid()))
        out.append(set(conn.execute(sql, {"f": fragment.lower()}).scalars()))
    return out


class _Builder:
    """Collects WHERE clauses and their parameters, binding id lists by the column's type."""

    def __init__(self, dialect: str) -> None:
        self.dialect = dialect
        self.where: list[str] = []
        self.params: dict[str, Any] = {}
        self.binds: list[sa.BindParameter[Any]] = []

    def ids(self, name: str, values: set[uuid.UUID]) -> str:
        self.params[name] = sorted(values)
        self.binds.append(sa.bindparam(name, expanding=True, type_=sa.Uuid()))
        return f":{name}"

    def values(self, name: str, values: Sequence[Any]) -> str:
        self.params[name] = list(values)
        self.binds.append(sa.bindparam(name, expanding=True))
        return f":{name}"

    def clause(self, sql: str) -> sa.TextClause:
        used = [p for p in self.binds if re.search(rf":{p.key}\b", sql)]
        return sa.text(sql).bindparams(*used)

    def items(self, sql: str) -> sa.TextualSelect:
        return self.clause(sql).columns(*_ITEM_COLUMNS)


def _unit_clause(b: _Builder, k: int, ids: set[uuid.UUID]) -> str:
    bound = b.ids(f"u{k}", ids)
    return (
        f"(i.lead_unit_id IN {bound} OR EXISTS (SELECT 1 FROM item_unit iu "
        f"WHERE iu.item_id = i.id AND iu.unit_id IN {bound}))"
    )


def _filter_sources(
    b: _Builder, query: Query, units: list[set[uuid.UUID]] | None, projects: list[set[uuid.UUID]] | None
) -> list[str]:
    """Sub-selects of candidate item ids, one per selective filter (an index each)."""
    sources = []
    if projects:
        sources.append(f"SELECT id FROM item WHERE project_id IN {b.ids('ps', set.intersection(*projects))}")
    if units:
        bound = b.ids("us", units[0])
        sources.append(
            f"SELECT id FROM item WHERE lead_unit_id IN {bound} "
            f"UNION ALL SELECT item_id FROM item_unit WHERE unit_id IN {bound}"
        )
    if query.overdue:
        sources.append(
            f"SELECT id FROM item WHERE kind IN {b.values('ok', _TRACKED)} "
            f"AND status IN {b.values('os', _OPEN)} AND due < :today"
        )
    return sources


def item_rows(
    conn: Connection,
    query: Query,
    limit: int,
    today: date,
    units: list[set[uuid.UUID]] | None,
    projects: list[set[uuid.UUID]] | None,
) -> list[RowMapping]:
    if limit <= 0:
        return []
    dialect = conn.dialect.name
    b = _Builder(dialect)
    b.params.update(limit=limit, today=today)
    b.where.append("i.deleted_at IS NULL")
    for k, term in enumerate(query.terms):
        b.params[f"t{k}"] = term
        b.where.append(_contains(dialect, "d.body", f"t{k}"))
    if query.kinds is not None:
        b.where.append(f"i.kind IN {b.values('kinds', sorted(k.value for k in query.kinds))}")
    for k, ids in enumerate(units or ()):
        b.where.append(_unit_clause(b, k, ids))
    if projects:
        b.where.append(f"i.project_id IN {b.ids('pw', set.intersection(*projects))}")
    if query.overdue:
        b.where.append(
            f"i.kind IN {b.values('wk', _TRACKED)} AND i.status IN {b.values('ws', _OPEN)} "
            f"AND i.due IS NOT NULL AND i.due < :today"
        )
    filters = " AND ".join(b.where)

    if dialect == "sqlite":
        return _sqlite_item_rows(conn, b, query, filters, units, projects)

    # Filter first, when a filter is selective enough.
    best: str | None = None
    best_count = FILTER_FIRST_MAX + 1
    for source in _filter_sources(b, query, units, projects):
        capped = f"SELECT count(*) FROM (SELECT 1 FROM ({source}) s LIMIT {FILTER_FIRST_MAX + 1}) c"
        count = conn.execute(b.clause(capped), b.params).scalar_one()
        if count < best_count:
            best, best_count = source, count
    if best is not None:
        # IN, not a join: a unit's item can be both lead and co-unit (UNION ALL above).
        sql = f"""{_ITEM_SELECT} FROM item i CROSS JOIN search_doc d
            {_ITEM_NAMES}
            WHERE i.id IN ({best}) AND d.entity = 'item' AND d.ref = i.id AND {filters}
            ORDER BY d.id DESC LIMIT :limit"""
        return list(conn.execute(b.items(sql), b.params).mappings())

    # PostgreSQL: pg_trgm (GIN) for three characters or more, the n-gram table for fewer.
    for k, term in enumerate(query.terms):
        if len(term) <= 2:
            b.params[f"g{k}"] = term.lower()
            b.where.append(f"d.id IN (SELECT doc_id FROM search_gram WHERE gram = :g{k})")
        else:
            escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            b.params[f"l{k}"] = f"%{escaped}%"
            b.where.append(f"d.body ILIKE :l{k}")
    sql = f"""{_ITEM_SELECT} FROM search_doc d CROSS JOIN item i
        {_ITEM_NAMES}
        WHERE d.entity = 'item' AND i.id = d.ref AND {" AND ".join(b.where)}
        ORDER BY d.id DESC LIMIT :limit"""
    return list(conn.execute(b.items(sql), b.params).mappings())


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _facet_groups(
    query: Query, units: list[set[uuid.UUID]] | None, projects: list[set[uuid.UUID]] | None
) -> list[str]:
    """FTS5 query parts for the filters: each an OR group of facet markers."""
    groups: list[list[str]] = []
    if query.kinds:
        groups.append([f"k{k.value}" for k in sorted(query.kinds)])
    for ids in units or ():
        if len(ids) <= MAX_FACET_TOKENS:
            groups.append([f"u{u.hex}" for u in sorted(ids)])
    if projects:
        ids = set.intersection(*projects)
        if len(ids) <= MAX_FACET_TOKENS:
            groups.append([f"p{p.hex}" for p in sorted(ids)])
    if query.overdue:
        groups.append(["xopen"])
    return [_quote(g[0]) if len(g) == 1 else "(" + " OR ".join(_quote(t) for t in g) + ")" for g in groups]


def _sqlite_item_rows(
    conn: Connection,
    b: _Builder,
    query: Query,
    filters: str,
    units: list[set[uuid.UUID]] | None,
    projects: list[set[uuid.UUID]] | None,
) -> list[RowMapping]:
    parts = [_quote(g) for term in query.terms for g in grams(term, MAX_GRAMS_PER_TERM)]
    parts += _facet_groups(query, units, projects)
    if parts:
        b.params["match"] = " AND ".join(parts)
        sql = f"""{_ITEM_SELECT} FROM search_ngram f CROSS JOIN search_doc d CROSS JOIN item i
            {_ITEM_NAMES}
            WHERE search_ngram MATCH :match AND d.id = f.rowid AND d.entity = 'item'
            AND i.id = d.ref AND {filters}
            ORDER BY f.rowid DESC LIMIT :limit"""
        return list(conn.execute(b.items(sql), b.params).mappings())
    # No token at all: walk the items from the newest row (rowid order is insertion
    # order, kept by VACUUM), each tested on its own row; the document is read only
    # for the page that is returned.
    sql = f"""{_ITEM_SELECT} FROM item i NOT INDEXED CROSS JOIN search_doc d
        {_ITEM_NAMES}
        WHERE {filters} AND d.entity = 'item' AND d.ref = i.id
        ORDER BY i.rowid DESC LIMIT :limit"""
    return list(conn.execute(b.items(sql), b.params).mappings())
