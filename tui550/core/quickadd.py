"""The quick-add line: one line typed by the facilitator becomes one complete item.

    决定：征地拆迁进度滞后 @焦西街道 @区自然资源局 ^7月底 #拆迁安置

gives a decision "征地拆迁进度滞后", lead unit 焦西街道 (the first unit that resolves),
co-unit 区自然资源局, due 7月底 resolved against the meeting's date, category 拆迁安置.

Markers (full-width ＠ ＾ ＃ count the same):

| marker | value |
| --- | --- |
| ``@name`` | a unit; the first that resolves is the lead, the others co-units |
| ``^phrase`` | the due date (:func:`tui550.core.deadlines.parse_deadline`), or a cadence |
| ``#word`` | the category |

A standing deadline after ``^`` (每周五, 每月底前, 长期坚持; :mod:`tui550.core.cadence`)
is kept as said in ``cadence``, with its next occurrence for the preview.

A unit is found by its exact name or alias, then the same without a leading 区
(住建局 = 区住建局), then an unambiguous part (自然资源 → 区自然资源局; when several
contain it, the one it starts wins). A category is found the same way among the known
ones; a word that matches none is a new category, flagged as new.

A marker counts only at the start of the line (or right after the kind prefix) or after
whitespace, and only when a non-space follows; its value runs to the next whitespace or
the next marker, so ``@焦西街道^7月底`` is two markers; punctuation at its end
(``@焦西街道，``) is not part of the name. Everything else is text, kept as
typed: a@b.com, 1#楼, 3#地块 (no whitespace before the marker), x^2,
``[red]x[/]``. Removing a marker drops the whitespace that followed it; inner spacing
stays. A marker whose value fails (unknown or ambiguous unit, bad date, second date) is
reported in ``problems`` with its raw token, and never invented into a value.

Kind prefix, recognised only at the very start, followed by ``:`` or ``：``. The Chinese
words suit the room, the letters are quick to type in either language, the English
words read well in an English interface; all work whatever the interface language:

| kind | tag | Chinese | letter | English |
| --- | --- | --- | --- | --- |
| decision | | 决定, 议定 | d | decision |
| issue | | 问题 | i | issue |
| deadline | | 节点 | t (时间节点) | deadline |
| minute | | 纪要 | m | minute |
| minute | progress | 进展 | p | progress |
| minute | problem | 困难, 存在问题 | b (blocker) | problem |
| minute | next | 下步, 下步打算 | n | next |
| minute | remark | 其他 | r | remark |

Without a prefix the item gets ``default_kind`` (a minute without a tag by default).

Categories default to :data:`DEFAULT_CATEGORIES`, the problem types the district's problem
list uses: permits (前期手续), land (土地要素), funds and financing (资金融资: one word
without "/", so that it stays one marker value), demolition (拆迁安置), market (市场对接),
labour and machines (人员机械), planning and design (规划设计), and 其他.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from tui550.core.cadence import next_occurrence, parse_cadence
from tui550.core.deadlines import DeadlineResult, date_args, parse_deadline

Kind = Literal["minute", "decision", "issue", "deadline"]
Tag = Literal["progress", "problem", "next", "remark"]
KINDS: tuple[Kind, ...] = ("minute", "decision", "issue", "deadline")
DEFAULT_CATEGORIES: tuple[str, ...] = (
    "前期手续", "土地要素", "资金融资", "拆迁安置", "市场对接", "人员机械", "规划设计", "其他",
)  # fmt: skip


@dataclass(frozen=True)
class UnitRef:
    """A unit as the parser sees it: whatever id storage uses, its name and short names."""

    id: object
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Problem:
    """Something in the line that was not understood: a message key and its args."""

    key: str
    args: dict[str, Any] = field(default_factory=dict, hash=False)


Line = tuple[str, dict[str, Any]]


@dataclass(frozen=True)
class QuickAdd:
    """One parsed line. ``due_phrase`` is what was typed after ``^``; it is shown, but two
    parses that mean the same item compare equal whatever the phrase was (7月底 or
    2026-07-31), which is what makes render → parse an identity."""

    kind: Kind
    tag: Tag | None
    text: str
    lead_unit: UnitRef | None = None
    co_units: tuple[UnitRef, ...] = ()
    due: date | None = None
    due_phrase: str | None = field(default=None, compare=False)
    # A standing deadline (每周五, 长期坚持) as said, instead of a date, and its next
    # occurrence from the reference date (none for 长期坚持).
    cadence: str | None = None
    cadence_next: date | None = field(default=None, compare=False)
    category: str | None = None
    category_is_new: bool = False
    problems: tuple[Problem, ...] = ()
    unknown_units: tuple[str, ...] = ()  # names no unit matched: a UI may offer to create them

    @property
    def has_metadata(self) -> bool:
        return bool(
            self.lead_unit or self.co_units or self.due or self.cadence or self.category or self.problems
        )

    @property
    def is_empty(self) -> bool:
        """Nothing typed but perhaps a kind prefix: nothing to save."""
        return not self.text and not self.has_metadata

    @property
    def has_only_metadata(self) -> bool:
        """Markers but no text: an item without a text must be refused."""
        return not self.text and self.has_metadata

    def understood(self) -> tuple[Line, ...]:
        """What was understood, one (key, args) line each, to show before saving."""
        lines: list[Line] = []
        if self.tag is not None:
            lines.append((f"parse.understood.minute.{self.tag}", {}))
        else:
            lines.append((f"parse.understood.kind.{self.kind}", {}))
        if self.text:
            lines.append(("parse.understood.text", {"text": self.text}))
        if self.lead_unit is not None:
            lines.append(("parse.understood.lead", {"name": self.lead_unit.name}))
        lines.extend(("parse.understood.co", {"name": u.name}) for u in self.co_units)
        if self.due is not None:
            phrase = self.due_phrase or self.due.isoformat()
            lines.append(("parse.understood.due", {**date_args(self.due), "phrase": phrase}))
        elif self.cadence is not None and self.cadence_next is not None:
            lines.append(
                ("parse.understood.cadence", {**date_args(self.cadence_next), "cadence": self.cadence})
            )
        elif self.cadence is not None:
            lines.append(("parse.understood.cadence.standing", {"cadence": self.cadence}))
        if self.category is not None:
            new = "_new" if self.category_is_new else ""
            lines.append((f"parse.understood.category{new}", {"name": self.category}))
        return tuple(lines)


# --- kind prefixes ---------------------------------------------------------------------

_PREFIX_WORDS: tuple[tuple[tuple[str, ...], Kind, Tag | None], ...] = (
    (("决定", "议定", "d", "decision"), "decision", None),
    (("问题", "i", "issue"), "issue", None),
    (("节点", "t", "deadline"), "deadline", None),
    (("纪要", "m", "minute"), "minute", None),
    (("进展", "p", "progress"), "minute", "progress"),
    (("困难", "存在问题", "b", "problem"), "minute", "problem"),
    (("下步", "下步打算", "n", "next"), "minute", "next"),
    (("其他", "r", "remark"), "minute", "remark"),
)
_PREFIXES = {word: (kind, tag) for words, kind, tag in _PREFIX_WORDS for word in words}
_RENDER_PREFIX = {
    ("decision", None): "d:", ("issue", None): "i:", ("deadline", None): "t:",
    ("minute", None): "m:", ("minute", "progress"): "p:", ("minute", "problem"): "b:",
    ("minute", "next"): "n:", ("minute", "remark"): "r:",
}  # fmt: skip
_PREFIX = re.compile(r"\s*([^\s:：]{1,8})[:：]")

# --- markers ---------------------------------------------------------------------------

# A value runs to the next whitespace or marker (^7月31#拆迁 is a date and a category).
_VALUE = r"[^\s@＠^＾#＃]+"
_TOKEN = re.compile(r"[@＠^＾#＃]" + _VALUE)
# A run of markers glued together, starting at the start or after whitespace.
_RUN = re.compile(r"(?<!\S)(?:[@＠^＾#＃]" + _VALUE + ")+")
_TRAILING = "，。、；：,.;:!！?？"  # punctuation that ends a name rather than belongs to it
_KIND_OF_MARK = dict.fromkeys("@＠", "unit") | dict.fromkeys("^＾", "due") | dict.fromkeys("#＃", "category")


def _norm(s: str) -> str:
    return unicodedata.normalize("NFKC", s).casefold()


def _drop_qu(s: str) -> str:
    """区住建局 → 住建局: district units are named with and without the leading 区."""
    return s[1:] if len(s) > 1 and s.startswith("区") else s


class _UnitIndex:
    """Units looked up by normalised name, built once per list of units."""

    def __init__(self, units: tuple[UnitRef, ...]) -> None:
        self.units = units
        self.exact: dict[str, list[UnitRef]] = {}  # name or alias
        self.short: dict[str, list[UnitRef]] = {}  # the same without a leading 区
        self.joined: list[tuple[UnitRef, str]] = []
        self.by_char: dict[str, list[int]] = {}  # for suggestions: who has this character
        for unit in units:
            keys = tuple(dict.fromkeys(_norm(k) for k in (unit.name, *unit.aliases) if k))
            shorts = tuple(_drop_qu(k) for k in keys)
            for key, short in zip(keys, shorts, strict=True):
                self.exact.setdefault(key, []).append(unit)
                self.short.setdefault(short, []).append(unit)
            # Joined by a newline, which a marker value never contains: one `in` per unit.
            self.joined.append((unit, "\n".join(shorts)))
            for ch in set("".join(shorts)):
                self.by_char.setdefault(ch, []).append(len(self.joined) - 1)

    def resolve(self, value: str) -> UnitRef | Problem:
        q = _norm(value)
        short = _drop_qu(q)
        for found in (self.exact.get(q, []), self.short.get(short, [])):
            distinct = _distinct(found)
            if len(distinct) == 1:
                return distinct[0]
            if distinct:  # two units share this very name
                return Problem("parse.unit.ambiguous", _with_options(value, _names(distinct)))
        part = [(unit, joined) for unit, joined in self.joined if short in joined]
        distinct = _distinct([unit for unit, _ in part])
        if len(distinct) > 1:
            # Several contain it: the only one it starts (焦西 → 焦西街道, not 新焦西社区) wins.
            head = "\n" + short
            starts = _distinct([u for u, joined in part if joined.startswith(short) or head in joined])
            distinct = starts if len(starts) == 1 else distinct
        if len(distinct) == 1:
            return distinct[0]
        if distinct:
            return Problem("parse.unit.ambiguous", _with_options(value, _names(distinct)))
        return self._unknown(value, short)

    def _unknown(self, value: str, short: str) -> Problem:
        """Suggest the units sharing most of its characters (焦东街道 → 焦西街道, ...)."""
        chars = set(short)
        counts: dict[int, int] = {}
        for ch in chars:
            for i in self.by_char.get(ch, ()):
                counts[i] = counts.get(i, 0) + 1
        best = sorted((-n, self.joined[i][0].name) for i, n in counts.items() if n * 2 >= len(chars))
        suggestions = tuple(dict.fromkeys(name for _, name in best[:3]))
        if suggestions:
            return Problem("parse.unit.unknown_suggest", _with_options(value, suggestions))
        return Problem("parse.unit.unknown", {"name": value, "candidates": ()})


def _distinct(units: list[UnitRef]) -> list[UnitRef]:
    return list({id(u): u for u in units}.values())


def _names(units: list[UnitRef]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(u.name for u in units))


_last_index = _UnitIndex(())


def _unit_index(units: Sequence[UnitRef]) -> _UnitIndex:
    """The index for ``units``, reused while the same units come back on every keystroke."""
    global _last_index
    as_tuple = tuple(units)
    last = _last_index
    # Tuple comparison checks identity first, so an unchanged list costs next to nothing.
    if as_tuple != last.units:
        last = _last_index = _UnitIndex(as_tuple)
    return last


def match_unit(value: str, units: Sequence[UnitRef]) -> UnitRef | Problem:
    """One unit name resolved exactly as ``@name`` on the quick-add line resolves it, for
    the screens that take a unit by name (a project's lead and responsible units)."""
    return _unit_index(units).resolve(value.strip())


def match_category(value: str, categories: Sequence[str]) -> tuple[str, bool] | Problem:
    """A category as ``#word`` resolves it: (category, is_new) or the problem."""
    return _resolve_category(value.strip(), categories)


def _with_options(name: str, candidates: tuple[str, ...]) -> dict[str, Any]:
    # "options" is the display form; " / " reads the same in both languages.
    return {"name": name, "candidates": candidates, "options": " / ".join(candidates)}


def _resolve_category(value: str, categories: Sequence[str]) -> tuple[str, bool] | Problem:
    q = _norm(value)
    exact = [c for c in categories if _norm(c) == q]
    if exact:
        return exact[0], False
    found = list(dict.fromkeys(c for c in categories if q in _norm(c)))
    if len(found) > 1:
        found = [c for c in found if _norm(c).startswith(q)] or found
    if len(found) == 1:
        return found[0], False
    if found:
        return Problem("parse.category.ambiguous", _with_options(value, tuple(found)))
    return value, True


def kind_prefix(line: str) -> tuple[Kind, Tag | None, int] | None:
    """The kind and tag a prefix at the start of ``line`` sets, and where the body starts."""
    prefix = _PREFIX.match(line)
    if prefix is None or _norm(prefix.group(1)) not in _PREFIXES:
        return None
    kind, tag = _PREFIXES[_norm(prefix.group(1))]
    return kind, tag, prefix.end()


def marker_spans(line: str) -> tuple[tuple[int, int], ...]:
    """Where the marker tokens are in ``line`` (start, end): for highlighting and tests."""
    prefix = kind_prefix(line)
    offset = prefix[2] if prefix else 0
    body = line[offset:]
    return tuple(
        (offset + t.start(), offset + t.end())
        for run in _RUN.finditer(body)
        for t in _TOKEN.finditer(body, run.start(), run.end())
    )


def _strip_runs(body: str, runs: list[re.Match[str]]) -> str:
    """The body without its markers, each removal taking the whitespace after it."""
    text, last = "", 0
    for run in runs:
        text += body[last : run.start()]
        last = run.end()
        # A marker starts the body or follows whitespace, which stays; the gap after it goes.
        while last < len(body) and body[last].isspace():
            last += 1
    return (text + body[last:]).strip()


def parse_quickadd(
    line: str,
    ref: date,
    units: Sequence[UnitRef],
    categories: Sequence[str] = DEFAULT_CATEGORIES,
    default_kind: Kind = "minute",
) -> QuickAdd:
    """Parse one capture line; relative dates resolve against ``ref``. Never raises."""
    kind: Kind = default_kind if default_kind in KINDS else "minute"
    try:
        return _parse(line, ref, units, categories, kind)
    except Exception:  # a live meeting must never crash on what someone typed
        return QuickAdd(kind, None, str(line).strip(), problems=(Problem("parse.internal"),))


def _parse(line: str, ref: date, units: Sequence[UnitRef], categories: Sequence[str], kind: Kind) -> QuickAdd:
    tag: Tag | None = None
    body = line
    prefix = kind_prefix(line)
    if prefix is not None:
        kind, tag, start = prefix
        body = line[start:]
    runs = list(_RUN.finditer(body))

    found_units: list[UnitRef] = []
    unknown: list[str] = []
    problems: list[Problem] = []
    due: date | None = None
    due_phrase: str | None = None
    cadence: str | None = None
    category: str | None = None
    category_is_new = False
    index: _UnitIndex | None = None
    for run in runs:
        for token in _TOKEN.finditer(body, run.start(), run.end()):
            raw = token.group()
            mark, value = _KIND_OF_MARK[raw[0]], raw[1:]
            # Chinese is typed without spaces: 由@焦西街道，@住建局配合 ends a name at the comma.
            value = value.rstrip(_TRAILING) or value
            if mark == "unit":
                index = _unit_index(units) if index is None else index
                unit = index.resolve(value)
                if isinstance(unit, UnitRef):
                    if unit not in found_units:
                        found_units.append(unit)
                    continue
                problems.append(Problem(unit.key, {**unit.args, "token": raw}))
                if unit.key != "parse.unit.ambiguous" and value not in unknown:
                    unknown.append(value)
            elif mark == "due":
                standing = parse_cadence(value)
                result = DeadlineResult(None) if standing else parse_deadline(value, ref)
                if standing is None and result.date is None:
                    problems.append(Problem(result.key or "", {**result.args, "token": raw}))
                elif due is not None or cadence is not None:
                    problems.append(Problem("parse.due.duplicate", {"phrase": value, "token": raw}))
                elif standing is not None:
                    cadence = standing
                else:
                    due, due_phrase = result.date, value
            else:
                cat = _resolve_category(value, categories)
                if isinstance(cat, Problem):
                    problems.append(Problem(cat.key, {**cat.args, "token": raw}))
                elif category is not None:
                    duplicate = {"name": value, "token": raw}
                    problems.append(Problem("parse.category.duplicate", duplicate))
                else:
                    category, category_is_new = cat
    return QuickAdd(
        kind=kind,
        tag=tag,
        text=_strip_runs(body, runs),
        lead_unit=found_units[0] if found_units else None,
        co_units=tuple(found_units[1:]),
        due=due,
        due_phrase=due_phrase,
        cadence=cadence,
        cadence_next=next_occurrence(cadence, ref),
        category=category,
        category_is_new=category_is_new,
        problems=tuple(problems),
        unknown_units=tuple(unknown),
    )


def _unit_label(unit: UnitRef) -> str:
    """A name that survives as one marker value: the name, else an alias without spaces."""
    for name in (unit.name, *unit.aliases):
        if name and _TOKEN.fullmatch("@" + name) is not None:
            return name
    return unit.name


def render_quickadd(q: QuickAdd, *, due_text: str | None = None) -> str:
    """The quick-add line for ``q``. The due date is written in ISO so that the line means
    the same on any later day, or as ``due_text`` (a phrase the caller has checked means
    that date); problem tokens are written back as they were typed."""
    parts = [_RENDER_PREFIX.get((q.kind, q.tag), "m:")]
    if q.text:
        parts.append(q.text)
    parts.extend("@" + _unit_label(u) for u in ((q.lead_unit,) if q.lead_unit else ()) + q.co_units)
    if q.due is not None:
        parts.append("^" + (due_text or q.due.isoformat()))
    elif q.cadence is not None:
        parts.append("^" + q.cadence)
    if q.category is not None:
        parts.append("#" + q.category)
    parts.extend(str(p.args["token"]) for p in q.problems if "token" in p.args)
    return " ".join(parts)
