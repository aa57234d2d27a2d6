"""The quick-add line: markers, kind prefixes, text kept as typed, round trips."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui550.core.quickadd import (
    DEFAULT_CATEGORIES,
    Problem,
    QuickAdd,
    UnitRef,
    kind_prefix,
    marker_spans,
    parse_quickadd,
    render_quickadd,
)
from tui550.i18n import catalogue, t

REF = date(2026, 7, 6)  # a Monday
JX = UnitRef(1, "焦西街道")
JN = UnitRef(2, "焦南街道")
ZR = UnitRef(3, "区自然资源局", ("自然资源局",))
ZJ = UnitRef(4, "区住建局", ("住建局", "区住房和城乡建设局"))
FG = UnitRef(5, "区发改委", ("发改委",))
CZ = UnitRef(6, "区财政局")
DC = UnitRef(7, "区督查局")
MS = UnitRef(8, "民生街道")
MZ = UnitRef(9, "民主街道")
UNITS = (JX, JN, ZR, ZJ, FG, CZ, DC, MS, MZ)


def parse(line: str, **kw: Any) -> QuickAdd:
    return parse_quickadd(line, REF, UNITS, **kw)


def keys(q: QuickAdd) -> list[str]:
    return [p.key for p in q.problems]


CASES: list[tuple[str, dict[str, Any]]] = [
    # The example from the meeting room.
    (
        "征地拆迁进度滞后 @焦西街道 @区自然资源局 ^7月底 #拆迁安置",
        {
            "text": "征地拆迁进度滞后",
            "lead_unit": JX,
            "co_units": (ZR,),
            "due": date(2026, 7, 31),
            "due_phrase": "7月底",
            "category": "拆迁安置",
            "category_is_new": False,
            "problems": (),
        },
    ),
    # Units: exact name, alias, with or without 区, an unambiguous part.
    ("x @区住建局", {"lead_unit": ZJ}),
    ("x @住建局", {"lead_unit": ZJ}),
    ("x @区住房和城乡建设局", {"lead_unit": ZJ}),
    ("x @区发改委", {"lead_unit": FG}),
    ("x @发改委", {"lead_unit": FG}),
    ("x @自然资源", {"lead_unit": ZR}),
    ("x @区自然资源", {"lead_unit": ZR}),
    ("x @财政", {"lead_unit": CZ}),
    ("x @焦西", {"lead_unit": JX}),
    ("x @民生", {"lead_unit": MS}),
    ("x @区住建局 @住建局", {"lead_unit": ZJ, "co_units": ()}),
    ("x @督查局 @焦西街道 @焦南街道", {"lead_unit": DC, "co_units": (JX, JN)}),
    # Ambiguous and unknown units are reported, never invented; the unknown name is kept.
    (
        "x @焦",
        {
            "lead_unit": None,
            "unknown_units": (),
            "problems": (
                Problem(
                    "parse.unit.ambiguous",
                    {
                        "name": "焦",
                        "candidates": ("焦西街道", "焦南街道"),
                        "options": "焦西街道 / 焦南街道",
                        "token": "@焦",
                    },
                ),
            ),
        },
    ),
    ("x @民", {"lead_unit": None, "problem_keys": ["parse.unit.ambiguous"]}),
    (
        "x @焦东街道",
        {
            "lead_unit": None,
            "unknown_units": ("焦东街道",),
            "problem_keys": ["parse.unit.unknown_suggest"],
        },
    ),
    ("x @区教育局", {"unknown_units": ("区教育局",)}),
    (
        "x @Acme",
        {
            "unknown_units": ("Acme",),
            "problems": (
                Problem("parse.unit.unknown", {"name": "Acme", "candidates": (), "token": "@Acme"}),
            ),
        },
    ),
    ("x @未知单位 @焦西街道", {"lead_unit": JX, "co_units": (), "unknown_units": ("未知单位",)}),
    # Dates.
    ("x ^下周一", {"due": date(2026, 7, 13), "due_phrase": "下周一"}),
    ("x ^2026-07-31", {"due": date(2026, 7, 31)}),
    ("x ^尽快", {"due": None, "problem_keys": ["parse.deadline.vague"]}),
    ("x ^2月30日", {"due": None, "problem_keys": ["parse.deadline.impossible"]}),
    ("x ^2026年7月1日", {"due": None, "problem_keys": ["parse.deadline.past"]}),
    ("x ^7月底 ^8月底", {"due": date(2026, 7, 31), "problem_keys": ["parse.due.duplicate"]}),
    ("x ^尽快 ^8月底", {"due": date(2026, 8, 31), "problem_keys": ["parse.deadline.vague"]}),
    # Categories: known by exact name or an unambiguous part; new ones allowed and flagged.
    ("x #土地要素", {"category": "土地要素", "category_is_new": False}),
    ("x #土地", {"category": "土地要素", "category_is_new": False}),
    ("x #资金", {"category": "资金融资"}),
    ("x #融资", {"category": "资金融资"}),
    ("x #拆迁", {"category": "拆迁安置"}),
    ("x #环保督察", {"category": "环保督察", "category_is_new": True}),
    ("x #土地 #资金", {"category": "土地要素", "problem_keys": ["parse.category.duplicate"]}),
    # Full-width markers, digits and spaces count the same.
    (
        "x　＠焦西街道　＾７月底　＃拆迁",
        {"text": "x", "lead_unit": JX, "due": date(2026, 7, 31), "category": "拆迁安置"},
    ),
    ("决定：x ＠住建局", {"kind": "decision", "lead_unit": ZJ}),
    # Markers glued together: a value runs to the next marker.
    (
        "x @焦西街道^7月底#拆迁",
        {"text": "x", "lead_unit": JX, "due": date(2026, 7, 31), "category": "拆迁安置"},
    ),
    ("由 @焦西街道，@住建局配合", {"text": "由", "lead_unit": JX, "co_units": ()}),
    ("由 @焦西街道，@住建局 配合", {"text": "由 配合", "lead_unit": JX, "co_units": (ZJ,)}),
    ("x #土地。", {"category": "土地要素"}),
    # Kind prefixes.
    ("决定：加快推进", {"kind": "decision", "tag": None, "text": "加快推进"}),
    ("议定：加快推进", {"kind": "decision"}),
    ("问题：资金缺口 #资金", {"kind": "issue", "category": "资金融资"}),
    ("节点：主体封顶 ^9月底", {"kind": "deadline", "due": date(2026, 9, 30)}),
    ("纪要：会议强调", {"kind": "minute", "tag": None}),
    ("进展：已完成桩基", {"kind": "minute", "tag": "progress", "text": "已完成桩基"}),
    ("困难：缺少指标", {"kind": "minute", "tag": "problem"}),
    ("存在问题：缺少指标", {"kind": "minute", "tag": "problem"}),
    ("下步：加快施工", {"kind": "minute", "tag": "next"}),
    ("其他：另议", {"kind": "minute", "tag": "remark"}),
    ("d: agreed", {"kind": "decision", "text": "agreed"}),
    ("D:agreed", {"kind": "decision", "text": "agreed"}),
    ("ｄ：agreed", {"kind": "decision", "text": "agreed"}),
    ("i: funding gap", {"kind": "issue"}),
    ("t: roof done ^9月底", {"kind": "deadline"}),
    ("p: piles done", {"kind": "minute", "tag": "progress"}),
    ("b: no land quota", {"kind": "minute", "tag": "problem"}),
    ("n: speed up", {"kind": "minute", "tag": "next"}),
    ("r: noted", {"kind": "minute", "tag": "remark"}),
    ("m: noted", {"kind": "minute", "tag": None}),
    ("Decision: agreed", {"kind": "decision"}),
    ("problem: no quota", {"kind": "minute", "tag": "problem"}),
    ("  决定：x", {"kind": "decision", "text": "x"}),
    ("决定 ：x", {"kind": "minute", "text": "决定 ：x"}),
    ("加快推进。决定：x", {"kind": "minute", "text": "加快推进。决定：x"}),
    ("http://example.com", {"kind": "minute", "text": "http://example.com"}),
    ("x", {"kind": "decision", "default_kind": "decision"}),
    ("决定：@焦西街道 x", {"kind": "decision", "lead_unit": JX, "text": "x"}),
    # Text that only looks like metadata stays text, exactly as typed.
    ("请联系 a@b.com 核实", {"text": "请联系 a@b.com 核实", "problems": ()}),
    ("1#楼 主体封顶", {"text": "1#楼 主体封顶", "category": None}),
    ("3#地块 土方外运", {"text": "3#地块 土方外运", "category": None}),
    ("面积 x^2 计算", {"text": "面积 x^2 计算", "due": None}),
    ("[red]x[/] 和 {name} 原样保留", {"text": "[red]x[/] 和 {name} 原样保留"}),
    ("A # B @ C ^ D", {"text": "A # B @ C ^ D", "problems": ()}),
    ("x @焦西街道@", {"text": "x @", "lead_unit": JX}),
    ("x ^7月31#拆迁", {"text": "x", "due": date(2026, 7, 31), "category": "拆迁安置"}),
    # Spacing: the gap a marker leaves goes, inner spacing stays as typed.
    ("  A  @焦西街道  B   C  ", {"text": "A  B   C"}),
    ("A @焦西街道 B", {"text": "A B"}),
    ("@焦西街道 A", {"text": "A"}),
    ("A\t@焦西街道\tB", {"text": "A\tB"}),
    # Empty lines and lines of metadata only.
    ("", {"text": "", "is_empty": True, "has_only_metadata": False}),
    ("   ", {"text": "", "is_empty": True}),
    ("决定：", {"kind": "decision", "is_empty": True}),
    ("@焦西街道 ^7月底", {"text": "", "is_empty": False, "has_only_metadata": True}),
    ("^尽快", {"text": "", "has_only_metadata": True}),
    ("x", {"text": "x", "is_empty": False, "has_only_metadata": False}),
]


@pytest.mark.parametrize(("line", "expected"), CASES)
def test_line(line: str, expected: dict[str, Any]) -> None:
    expected = dict(expected)
    kw = {"default_kind": expected.pop("default_kind")} if "default_kind" in expected else {}
    q = parse(line, **kw)
    if "problem_keys" in expected:
        assert keys(q) == expected.pop("problem_keys")
    for name, value in expected.items():
        assert getattr(q, name) == value, (name, q)


def test_the_table_is_large() -> None:
    assert len(CASES) >= 40


def test_understood_lines_say_what_will_be_saved() -> None:
    q = parse("决定：征地拆迁进度滞后 @焦西街道 @区自然资源局 ^7月底 #拆迁")
    zh = [t(key, "zh", **args) for key, args in q.understood()]
    assert zh == [
        "类型：议定事项",
        "内容：征地拆迁进度滞后",
        "牵头：焦西街道",
        "配合：区自然资源局",
        "时限：2026年7月31日（7月底）",
        "类别：拆迁安置",
    ]
    en = [t(key, "en", **args) for key, args in q.understood()]
    assert en[4] == "Due: 2026-07-31 (7月底)"
    new = parse("x #环保").understood()[-1]
    assert t(new[0], "zh", **new[1]) == "类别：环保（新类别）"


def test_problems_carry_the_raw_token_and_read_in_both_languages() -> None:
    q = parse("x ＠焦 ^尽快")
    assert [p.args["token"] for p in q.problems] == ["＠焦", "^尽快"]
    assert t(q.problems[0].key, "zh", **q.problems[0].args) == "单位“焦”不唯一：焦西街道 / 焦南街道"
    assert t(q.problems[1].key, "en", **q.problems[1].args) == "Deadline too vague: 尽快; give a date"


def test_custom_categories_and_an_ambiguous_part() -> None:
    cats = ("土地要素", "要素保障", "用地指标", "用电接入")
    assert parse("x #要素", categories=cats).category == "要素保障"  # the prefix wins
    q = parse("x #用", categories=cats)
    assert q.category is None and keys(q) == ["parse.category.ambiguous"]
    assert q.problems[0].args["candidates"] == ("用地指标", "用电接入")


def test_units_with_unhashable_ids_still_resolve() -> None:
    unit = UnitRef({"row": 1}, "区城管局")
    assert parse_quickadd("x @城管", REF, [unit]).lead_unit == unit


def test_render_writes_an_iso_date_and_reads_back() -> None:
    q = parse("进展：桩基完成 @焦西街道 @住建 ^月底 #土地 @谁 ^尽快")
    line = render_quickadd(q)
    assert line == "p: 桩基完成 @焦西街道 @区住建局 ^2026-07-31 #土地要素 @谁 ^尽快"
    again = parse(line)
    assert again == q and again.due_phrase == "2026-07-31"


def test_the_catalogue_has_every_key_in_both_languages_with_the_same_placeholders() -> None:
    from string import Formatter

    from tui550.i18n.strings.parse import STRINGS

    for key, (zh, en) in STRINGS.items():
        fields = [{f for _, f, _, _ in Formatter().parse(s) if f} for s in (zh, en)]
        assert fields[0] == fields[1], key
        assert key in catalogue()


def test_a_line_parses_well_under_a_millisecond() -> None:
    lines = [
        "征地拆迁进度滞后 @焦西街道 @区自然资源局 ^7月底 #拆迁安置",
        "决定：加快推进项目前期手续办理 @发改委 @住建 ^下周五 #前期",
        "进展：一期主体已封顶，二期桩基施工中，3#楼 完成 80%，联系 a@b.com",
        "x @焦 @未知 ^尽快 #新类别",
    ]
    # A district's units and a few hundred companies besides.
    units = UNITS + tuple(UnitRef(100 + i, f"第{i}项目公司") for i in range(300))
    parse_quickadd(lines[0], REF, units)  # the index is built once, as in the running app
    rounds = 300
    start = time.perf_counter()
    for _ in range(rounds):
        for line in lines:
            parse_quickadd(line, REF, units)
    mean = (time.perf_counter() - start) / (rounds * len(lines))
    assert mean < 0.001, f"{mean * 1e6:.0f} µs a line"


# --- properties ---------------------------------------------------------------------

_MARKS = "@＠^＾#＃"
_ANY_TEXT = st.text(
    st.one_of(
        st.characters(),  # everything, including control characters and emoji
        st.sampled_from(list(_MARKS + " \u3000\t:：决定问题焦西街道自然资源局7月底拆迁1#楼")),
    ),
    max_size=60,
)


def _outside(line: str, spans: tuple[tuple[int, int], ...], start: int) -> str:
    kept, last = [], start
    for a, b in spans:
        kept.append(line[last:a])
        last = b
    kept.append(line[last:])
    return "".join(kept)


def _no_space(s: str) -> str:
    return "".join(ch for ch in s if not ch.isspace())


def _body_start(line: str) -> int:
    prefix = kind_prefix(line)
    return prefix[2] if prefix else 0


@settings(max_examples=2000, deadline=None)
@given(_ANY_TEXT)
def test_any_line_parses_and_keeps_every_character_outside_the_markers(line: str) -> None:
    q = parse(line)
    assert not any(p.key == "parse.internal" for p in q.problems)
    assert q.text == q.text.strip()
    spans = marker_spans(line)
    start = _body_start(line)
    for a, b in spans:
        token = line[a:b]
        assert a >= start and token[0] in _MARKS and len(token) > 1
        assert not any(ch.isspace() for ch in token)
        # A marker starts the body, follows whitespace, or is glued to the marker before it.
        assert a == start or line[a - 1].isspace() or a in {end for _, end in spans}
    # Every non-space character outside the markers survives, in order, unchanged,
    # and the text adds nothing: it is the line with pieces taken out.
    assert _no_space(q.text) == _no_space(_outside(line, spans, start))
    rest = iter(line)
    assert all(ch in rest for ch in q.text)
    for key, args in (*q.understood(), *((p.key, p.args) for p in q.problems)):
        assert key in catalogue()
        t(key, "zh", **args)
        t(key, "en", **args)


_WORDS = st.text(
    st.characters(blacklist_categories=("Zs", "Cc"), blacklist_characters=_MARKS + ":：\x85\u2028\u2029"),
    min_size=1,
    max_size=6,
)
TOKENS = (
    "@焦西街道", "@住建局", "@自然资源", "@焦", "@未知单位", "＠民生街道", "^7月底", "^下周五",
     "^尽快", "＾２０２６－０８－０１", "^2026-07-01", "#拆迁", "#新类别", "＃资金", "#用",
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(_WORDS, st.sampled_from(TOKENS)), max_size=10),
    st.sampled_from(["", "决定：", "p: "]),
)
def test_text_is_the_words_between_the_markers(pieces: list[str], prefix: str) -> None:
    line = prefix + " ".join(pieces)
    words = [p for p in pieces if p not in TOKENS]
    q = parse(line)
    assert q.text == " ".join(words)
    assert render_quickadd(q).startswith({"": "m:", "决定：": "d:", "p: ": "p:"}[prefix])


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.one_of(_ANY_TEXT, st.sampled_from(TOKENS)), max_size=8),
    st.sampled_from(["", "决定：", "r:", "问题："]),
)
def test_render_then_parse_is_the_identity(pieces: list[str], prefix: str) -> None:
    q = parse(prefix + " ".join(pieces))
    assert parse(render_quickadd(q)) == q


@given(_ANY_TEXT, st.sampled_from(["minute", "decision", "issue", "deadline"]))
def test_the_default_kind_applies_only_without_a_prefix(line: str, kind: Any) -> None:
    q = parse_quickadd(line, REF, UNITS, DEFAULT_CATEGORIES, kind)
    prefix = kind_prefix(line)
    assert (q.kind, q.tag) == ((kind, None) if prefix is None else prefix[:2])
