"""Cell values and headers as real ledgers write them."""

from __future__ import annotations

import contextlib
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui550.core.domain import Status
from tui550.core.importing.headers import column_letter, find_header, normalise_header
from tui550.core.importing.values import (
    BadValue,
    NotADate,
    is_section,
    is_subtotal,
    parse_date,
    parse_number,
    parse_status,
    split_units,
)


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        (datetime(2026, 3, 5), date(2026, 3, 5), date(2026, 3, 5)),
        (date(2026, 3, 5), date(2026, 3, 5), date(2026, 3, 5)),
        ("2026.3", date(2026, 3, 1), date(2026, 3, 31)),
        ("2026.10", date(2026, 10, 1), date(2026, 10, 31)),
        (2026.3, date(2026, 3, 1), date(2026, 3, 31)),
        ("2026年3月", date(2026, 3, 1), date(2026, 3, 31)),
        ("2026-03", date(2026, 3, 1), date(2026, 3, 31)),
        ("2026-03-15", date(2026, 3, 15), date(2026, 3, 15)),
        ("2026/3/15", date(2026, 3, 15), date(2026, 3, 15)),
        ("2026年3月15日", date(2026, 3, 15), date(2026, 3, 15)),
        ("2026.3.15", date(2026, 3, 15), date(2026, 3, 15)),
        ("20260315", date(2026, 3, 15), date(2026, 3, 15)),
        ("2027年底", date(2027, 12, 31), date(2027, 12, 31)),
        ("2027年", date(2027, 1, 1), date(2027, 12, 31)),
        ("2026年2月底", date(2026, 2, 28), date(2026, 2, 28)),
        ("2026年6月前", date(2026, 6, 1), date(2026, 6, 30)),
        ("2026年上半年", date(2026, 1, 1), date(2026, 6, 30)),
        ("2026年三季度", date(2026, 7, 1), date(2026, 9, 30)),
        ("2026年3月中旬", date(2026, 3, 11), date(2026, 3, 20)),
        ("２０２６年３月", date(2026, 3, 1), date(2026, 3, 31)),
        (46082, date(2026, 3, 1), date(2026, 3, 1)),  # an Excel serial date in a CSV
        ("", None, None),
        (None, None, None),
        ("/", None, None),
    ],
)
def test_dates(value, start, end) -> None:
    assert parse_date(value, end=False) == start
    assert parse_date(value, end=True) == end


@pytest.mark.parametrize("value", ["2026年13月", "明年", "2026-02-30", "12345678901", "3月", "1800.1"])
def test_bad_dates_name_the_value(value) -> None:
    with pytest.raises(BadValue) as err:
        parse_date(value, end=True)
    assert err.value.key == "import.bad_date" and str(value)[:10] in str(err.value.args_["value"])


def test_words_that_mean_no_date_are_warnings() -> None:
    with pytest.raises(NotADate):
        parse_date("已开工", end=False)


@pytest.mark.parametrize(
    ("value", "number"),
    [
        (35000, 35000.0),
        ("35,000", 35000.0),
        ("35000万元", 35000.0),
        ("3.5亿元", 35000.0),
        ("３５０００", 35000.0),
        ("约3亿", 30000.0),
        (" 1,234.5 ", 1234.5),
        ("", None),
        ("—", None),
        ("1000000元", 100.0),
    ],
)
def test_numbers(value, number) -> None:
    assert parse_number(value) == number


@pytest.mark.parametrize("value", ["abc", "-5", "三千万", "1e999"])
def test_bad_numbers(value) -> None:
    with pytest.raises(BadValue):
        parse_number(value)


def test_split_units_by_every_separator() -> None:
    cell = "区住建局、区财政局，民主街道,焦西街道;区城管局；区工信局／区商务局/区教育局\n区卫健委 区发改委等"
    names = [n for n, _ in split_units(cell)]
    assert names == [
        "区住建局",
        "区财政局",
        "民主街道",
        "焦西街道",
        "区城管局",
        "区工信局",
        "区商务局",
        "区教育局",
        "区卫健委",
        "区发改委",
    ]
    assert split_units("区住建局（牵头）、区财政局") == [("区住建局", True), ("区财政局", False)]
    assert split_units("住建局、住建局") == [("住建局", False)]
    assert split_units(None) == [] and split_units("/") == []


@given(
    st.lists(
        st.text(alphabet="区住建局财政民主街道委会", min_size=2, max_size=8),
        min_size=1,
        max_size=6,
        unique=True,
    )
)
def test_split_units_round_trip(names) -> None:
    names = [n for n in names if not n.endswith("等")]
    got = [n for n, _ in split_units("、".join(names))]
    assert got == list(dict.fromkeys(names))


@given(st.text(max_size=30))
def test_parsers_fail_only_with_bad_value(text) -> None:
    for parse in (lambda v: parse_date(v, end=True), parse_number, parse_status):
        with contextlib.suppress(BadValue):
            parse(text)


def test_statuses() -> None:
    assert parse_status("已销号") is Status.CLOSED
    assert parse_status(" 推进中 ") is Status.IN_PROGRESS
    assert parse_status("待销号") is Status.REPORTED
    assert parse_status(None) is Status.OPEN
    with pytest.raises(BadValue):
        parse_status("看情况")


def test_subtotal_and_section_rows() -> None:
    assert is_subtotal([None, None, "合计", 100])
    assert is_subtotal(["小计"])
    assert not is_subtotal([1, "JF-1", "合计楼项目"])
    assert is_section(["一、产业类项目（12个）"])
    assert not is_section([1, "JF-001", "焦作智能装备产业园", "区工信局"])


def test_header_found_below_title_rows_with_variant_spellings() -> None:
    rows = [
        (1, ['解放区2026年"550"重点项目台账']),
        (2, ["填报单位：区发改委"]),
        (3, []),
        (
            4,
            [
                "序号",
                "编号",
                "项目",
                "分包领导",
                "主责单位",
                "配合 单位",
                "总投资\n（亿元）",
                "开工时间",
                "其他",
            ],
        ),
    ]
    header = find_header("projects", rows)
    assert header is not None and header.row == 4
    assert header.columns == {
        "code": 1,
        "name": 2,
        "leader": 3,
        "lead_unit": 4,
        "units": 5,
        "investment_total": 6,
        "planned_start": 7,
    }
    assert set(header.ignored) == {0, 8}
    assert header.scale["investment_total"] == 10000.0


def test_two_row_header() -> None:
    rows = [(1, ["项目名称", "牵头单位", "计划投资", None]), (2, [None, None, "总投资", "年度计划投资"])]
    header = find_header("projects", rows)
    assert header is not None and header.row == 2
    assert header.columns["investment_total"] == 2 and header.columns["investment_year"] == 3


def test_no_header_and_issue_header() -> None:
    assert find_header("projects", [(1, ["姓名", "电话"]), (2, ["项目名称"])]) is None
    issues = find_header("issues", [(1, ["序号", "项目名称", "存在问题", "责任单位", "完成时限", "状态"])])
    assert issues is not None and issues.columns["text"] == 2 and issues.columns["due"] == 4


def test_header_normalising_and_letters() -> None:
    assert normalise_header(" 总投资（万元）* ") == "总投资"
    assert [column_letter(i) for i in (0, 25, 26, 701)] == ["A", "Z", "AA", "ZZ"]
