"""Line breaking in the lists' columns: Chinese rules (no line starts with closing punctuation
or ends with opening), whole Latin words, and "…" where a cell is cut."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text

from tui550.app.widgets.linebreak import (
    ELLIPSIS,
    NO_LINE_END,
    NO_LINE_START,
    fit_lines,
    fit_one_line,
    line_count,
    line_spans,
)


def lines(s: str, width: int) -> list[str]:
    return [s[a:b] for a, b in line_spans(s, width)]


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        # Rich would start the second line with "，": the character before it comes along.
        ("规划许可证办理滞后，影响主体施工", 18, ["规划许可证办理滞", "后，影响主体施工"]),
        ("区自然资源局、区发改委", 12, ["区自然资源", "局、区发改委"]),
        ("完成签约。下一步", 8, ["完成签", "约。下一", "步"]),
        ("要求（一）加快", 6, ["要求", "（一）", "加快"]),  # "（" never ends a line
        ("推进PPP项目", 6, ["推进", "PPP项", "目"]),  # the word stays whole
        ("短", 10, ["短"]),
        ("第一行\n第二行", 20, ["第一行", "第二行"]),
        ("", 5, [""]),
    ],
)
def test_lines_break_by_chinese_rules(text: str, width: int, expected: list[str]) -> None:
    assert lines(text, width) == expected


def test_a_run_of_closing_marks_longer_than_a_line_still_breaks() -> None:
    assert lines("。。。。。。。。", 4) == ["。。", "。。", "。。", "。。"]


def test_a_cut_cell_ends_with_an_ellipsis_within_its_width() -> None:
    cut = fit_lines(Text("区自然资源局、区发改委、区住建局"), 16, 1)
    assert [line.plain for line in cut] == ["区自然资源局…"]  # no "、" left before the "…"
    two = fit_lines(Text("区自然资源局、区发改委、区住建局、民主街道"), 16, 2)
    assert two[-1].plain.endswith(ELLIPSIS) and all(line.cell_len <= 16 for line in two)
    assert fit_one_line("焦北新能源电池材料产业园", 16) == "焦北新能源电池…"
    assert fit_one_line("焦北新能源", 16) == "焦北新能源"  # whole: unchanged


def test_styles_survive_the_cut() -> None:
    text = Text("逾期")
    text.append("十二天未办结", style="bold red")
    [line] = fit_lines(text, 8, 1)
    assert line.plain == "逾期十…"
    assert any(span.style == "bold red" for span in line.spans)


def test_line_count_matches_the_spans() -> None:
    assert line_count("规划许可证办理滞后，影响主体施工", 18) == 2
    assert line_count("一\n\n二", 10) == 3


printable = st.text(st.sampled_from("区局街道办理，。、；：？！）」（「《》abcAB1 -…"), max_size=60)


@given(printable, st.integers(min_value=2, max_value=30))
def test_lines_fit_and_keep_every_character(s: str, width: int) -> None:
    got = lines(s, width)
    assert all(cell_len(line) <= width for line in got)
    assert "".join(got).replace(" ", "") == s.replace(" ", "")  # only spaces at a break go


chinese = st.text(st.sampled_from("区局街道办理推进，。、；：？！）」（「《》…"), max_size=60)


@given(chinese, st.integers(min_value=6, max_value=30))  # the narrowest column has 6 cells
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(s: str, width: int) -> None:
    got = lines(s, width)
    punctuation = NO_LINE_START | NO_LINE_END
    for before, after in itertools.pairwise(got):
        if after[0] in NO_LINE_START or before[-1] in NO_LINE_END:
            # Only where every break within reach would have broken the rule as well.
            around = before[-4:] + after[:1]
            assert sum(c in punctuation for c in around) >= 2, (before, after)


# Every column of the lists is wider than one wide character.
@given(printable, st.integers(min_value=2, max_value=30), st.integers(min_value=1, max_value=6))
def test_fitted_lines_never_exceed_their_box(s: str, width: int, most: int) -> None:
    got = fit_lines(Text(s), width, most)
    assert 1 <= len(got) <= most
    assert all(line.cell_len <= width for line in got)
    if len(line_spans(s, width)) > most:
        assert got[-1].plain.endswith(ELLIPSIS)
