"""Search across units, projects, meetings and every captured item, as you type.

What it must do: answer a query in well under 50 ms at the 99th percentile on a
district's whole history (2,000 projects, 300 meetings, 500,000 items), for
Chinese queries of any length. Two-character words (拆迁, 街道, 土地, 资金) are
the most common queries, and SQLite's trigram FTS5 and PostgreSQL's pg_trgm
both miss anything under three characters.

How (SQLite, the local database):
- Migration 0002 keeps one `search_doc` row (integer id, entity, ref, body) per
  live unit, project, meeting and item, through triggers, so the index is
  current whatever process writes; a soft delete removes the row.
- An FTS5 table `search_ngram` indexes each body as the set of its characters
  and character pairs (tokens of one and two characters; the ascii tokenizer
  keeps CJK characters and full-width punctuation whole and folds ASCII case).
  A one- or two-character term is one token lookup; a longer term is the AND of
  its pairs, then confirmed as a substring of the body. FTS5 walks doclists in
  rowid order and the doc id grows with insertion, so `ORDER BY rowid DESC
  LIMIT n` yields the newest matches first and stops after n: the cost follows
  the page of results, not the number of matches. The index is contentless
  with detail=none (no positions), about a quarter of the size of a trigram
  index with positions, and one index serves every query length.
- Why not FTS5 trigram plus a posting table for short queries: a B-tree of
  (gram, doc) rows is about 80 rows an item (40 million at full size) and
  several times larger than the FTS5 doclists; a trigram index on top would
  only duplicate what the pairs already answer after the substring check.
- Units, projects and meetings (a few thousand rows) are matched by a plain
  substring scan, listed before items (at most a fifth of the page), since they
  are where one jumps to most often.
- Filters: `kind:`/`类型:` (names from `domain.KIND_NAMES`, prefixes allowed
  while typing), `unit:`/`单位:` (name or alias, as `find_unit` normalises),
  `project:`/`项目:` (name or code), `overdue`/`逾期`. Filters restrict results
  to items. Quoted text ("逾期", “...”) is a literal term. On SQLite each item's
  index entry also holds marker tokens of its kind, project, units and open
  state (migration 0005), so a filtered query is the same newest-first walk of
  an intersection of doclists as a plain one (see `search_sql`).
- Before the markers a `unit:` or `project:` filter with a common term was the
  slowest query, because each text candidate was checked against the item row
  (bench/run.py's figures are in docs/performance.md).

PostgreSQL: the same `search_doc`, a pg_trgm GIN index for terms of three or
more characters (ILIKE) and `search_gram` (character or pair → doc) for shorter
ones, both kept by triggers.

A capture writes its index entry in its own transaction (the FTS5 insert is a
small part of the commit); bulk loads should index in one statement (bench/gen.py).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tui550.core.db import Database
from tui550.core.domain import KIND_NAMES, OPEN_STATUSES, TRACKED_KINDS, Kind, Status, Tag
from tui550.core.search_sql import item_rows, other_rows, project_ids, resolve_units
from tui550.core.text import clean_text, masked, printable

MAX_TERMS = 8
OTHER_SHARE = 5  # non-item hits take at most 1/OTHER_SHARE of the page

_FILTER_KEYS = {
    "kind": "kind",
    "type": "kind",
    "类型": "kind",
    "类别": "kind",
    "unit": "unit",
    "单位": "unit",
    "project": "project",
    "项目": "project",
}
_OVERDUE_WORDS = frozenset({"overdue", "逾期"})
_TOKEN = re.compile(r'"([^"]*)"?|“([^”]*)”?|(\S+)')
_FILTER = re.compile(r"^([^:：]+)[:：](.*)$", re.S)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def fold(text: str) -> str:
    """Case-fold the way the index does: ASCII letters only (SQLite's lower())."""
    return text.translate(_ASCII_LOWER)


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed search: text terms (all must match) and filters on items."""

    terms: tuple[str, ...] = ()
    kinds: frozenset[Kind] | None = None  # None: any kind; empty: a kind name that matched none
    units: tuple[str, ...] = ()
    projects: tuple[str, ...] = ()
    overdue: bool = False

    @property
    def filtered(self) -> bool:
        return self.kinds is not None or bool(self.units or self.projects) or self.overdue

    @property
    def empty(self) -> bool:
        return not self.terms and not self.filtered


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result, with what a screen needs to show it and jump to it.

    `spans` are (start, end) character offsets of the matches in `snippet`.
    """

    entity: str  # "unit" | "project" | "meeting" | "item"
    id: uuid.UUID
    title: str
    snippet: str
    spans: tuple[tuple[int, int], ...] = ()
    kind: Kind | None = None
    tag: Tag | None = None
    status: Status | None = None
    due: date | None = None
    overdue: bool = False
    meeting_id: uuid.UUID | None = None
    meeting_date: date | None = None
    meeting_title: str | None = None
    project_id: uuid.UUID | None = None
    project_name: str | None = None


def _kinds_for(value: str) -> frozenset[Kind]:
    value = value.strip().lower()
    if value in KIND_NAMES:
        return frozenset({KIND_NAMES[value]})
    # While typing (`kind:iss`, `类型:问`), a prefix of a name is enough.
    return frozenset(kind for name, kind in KIND_NAMES.items() if name.startswith(value))


def parse_query(text: str) -> Query:
    """Split a query into terms and filters. Never raises: anything unknown is a term."""
    terms: list[str] = []
    kinds: set[Kind] | None = None
    units: list[str] = []
    projects: list[str] = []
    overdue = False
    # Stored text never holds control characters (text.clean_text), nor may the FTS query.
    text = " ".join(clean_text(text if isinstance(text, str) else str(text)).split("\n"))
    for match in _TOKEN.finditer(text):
        quoted = match.group(1) if match.group(1) is not None else match.group(2)
        if quoted is not None:
            if quoted.strip():
                terms.append(quoted)
            continue
        word = match.group(3)
        if word.lower() in _OVERDUE_WORDS:
            overdue = True
            continue
        found = _FILTER.match(word)
        key = _FILTER_KEYS.get(found.group(1).lower()) if found else None
        if found is None or key is None:
            terms.append(word)
            continue
        value = found.group(2).strip()
        if not value:
            continue  # `kind:` just typed: no filter yet
        if key == "kind":
            kinds = (kinds if kinds is not None else set()) | _kinds_for(value)
        elif key == "unit":
            units.append(value)
        else:
            projects.append(value)
    folded = tuple(dict.fromkeys(fold(t) for t in terms if t.strip()))[:MAX_TERMS]
    return Query(
        terms=folded,
        kinds=frozenset(kinds) if kinds is not None else None,
        units=tuple(units),
        projects=tuple(projects),
        overdue=overdue,
    )


def match_spans(text: str, terms: Sequence[str]) -> tuple[tuple[int, int], ...]:
    """Where the terms occur in `text` (ASCII case ignored), merged and sorted."""
    low = fold(text)
    spans: list[tuple[int, int]] = []
    for term in terms:
        if not term:
            continue
        start = low.find(term)
        while start >= 0:
            spans.append((start, start + len(term)))
            start = low.find(term, start + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def snippet(text: str, terms: Sequence[str], width: int = 60) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A one-line window of `text` around the first match, and the match spans in it."""
    # Stored text should hold no control character; one from an older database is masked.
    flat = masked(text.replace("\n", " ").replace("\t", " "))
    spans = match_spans(flat, terms)
    first = spans[0][0] if spans else 0
    start = max(0, first - width // 4)
    end = min(len(flat), start + width)
    start = max(0, min(start, end - width))
    head = "…" if start > 0 else ""
    tail = "…" if end < len(flat) else ""
    shift = len(head) - start
    inside = tuple((max(s, start) + shift, min(e, end) + shift) for s, e in spans if s < end and e > start)
    return head + flat[start:end] + tail, inside


def search(db: Database, query_text: str, *, limit: int = 50, today: date | None = None) -> list[SearchHit]:
    """The first `limit` hits: matching units, projects and meetings, then items, newest first."""

    query = parse_query(query_text)
    if limit <= 0 or query.empty:
        return []
    today = today or db.today()
    hits: list[SearchHit] = []
    with db.read() as session:
        conn = session.connection()
        if not query.filtered:
            for row in other_rows(conn, query.terms, max(1, limit // OTHER_SHARE)):
                entity, ref, title = row["entity"], row["ref"], printable(row["title"] or row["body"])
                text, spans = snippet(row["body"], query.terms)
                hits.append(
                    SearchHit(
                        entity=entity,
                        id=ref,
                        title=title,
                        snippet=text,
                        spans=spans,
                        meeting_id=ref if entity == "meeting" else None,
                        meeting_date=row["date"],
                        meeting_title=title if entity == "meeting" else None,
                        project_id=ref if entity == "project" else None,
                        project_name=title if entity == "project" else None,
                    )
                )
        if query.kinds is not None and not query.kinds:
            return hits
        units = resolve_units(session, db, query.units) if query.units else None
        projects = project_ids(conn, query.projects) if query.projects else None
        if (units is not None and not all(units)) or (projects is not None and not all(projects)):
            return hits
        for row in item_rows(conn, query, limit - len(hits), today, units, projects):
            text, spans = snippet(row["body"], query.terms)
            status = Status(row["status"]) if row["status"] else None
            due = row["due"]
            hits.append(
                SearchHit(
                    entity="item",
                    id=row["ref"],
                    title=printable(row["text"]),
                    snippet=text,
                    spans=spans,
                    kind=Kind(row["kind"]),
                    tag=Tag(row["tag"]) if row["tag"] else None,
                    status=status,
                    due=due,
                    overdue=bool(
                        status in OPEN_STATUSES
                        and Kind(row["kind"]) in TRACKED_KINDS
                        and due is not None
                        and today > due
                    ),
                    meeting_id=row["meeting_id"],
                    meeting_date=row["meeting_date"],
                    meeting_title=printable(row["meeting_title"] or "") or None,
                    project_id=row["project_id"],
                    project_name=printable(row["project_name"] or "") or None,
                )
            )
    return hits
