"""Deadline phrases: a table of phrase, meeting date and expected date or refusal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui550.core.deadlines import JUST_PAST_DAYS, DeadlineResult, parse_deadline
from tui550.i18n import catalogue, t

MON = date(2026, 7, 6)  # a Monday; the week is Monday 6 – Sunday 12 July
SUN = date(2026, 7, 5)  # the Sunday before: its week ended that day
SAT = date(2026, 7, 11)
FRI = date(2026, 7, 10)
SEP = date(2026, 9, 1)
DEC = date(2026, 12, 15)
LEAP = date(2028, 2, 10)

IMPOSSIBLE = "parse.deadline.impossible"
PAST = "parse.deadline.past"
VAGUE = "parse.deadline.vague"
RECURRING = "parse.deadline.recurring"
UNKNOWN = "parse.deadline.unknown"
AGO = "parse.deadline.ago"
EMPTY = "parse.deadline.empty"


def d(y: int, m: int, day: int) -> date:
    return date(y, m, day)


CASES: list[tuple[str, date, date | str]] = [
    # Full dates: an explicit year never rolls; a date before ref is refused as past.
    ("2026-07-31", MON, d(2026, 7, 31)),
    ("2026/7/31", MON, d(2026, 7, 31)),
    ("2026.7.31", MON, d(2026, 7, 31)),
    ("20260731", MON, d(2026, 7, 31)),
    ("2026年7月31日", MON, d(2026, 7, 31)),
    ("2026年7月31号", MON, d(2026, 7, 31)),
    ("二〇二六年七月三十一日", MON, d(2026, 7, 31)),
    ("二零二六年七月三十一日", MON, d(2026, 7, 31)),
    ("２０２６－０７－３１", MON, d(2026, 7, 31)),
    ("2026-07-06", MON, MON),
    ("2026年7月1日", MON, PAST),
    ("2025-12-31", MON, PAST),
    ("2028年2月29日", LEAP, d(2028, 2, 29)),
    ("2027年2月29日", MON, IMPOSSIBLE),
    # Month and day without a year: the next one on or after ref.
    ("7/31", MON, d(2026, 7, 31)),
    ("7-31", MON, d(2026, 7, 31)),
    ("7.31", MON, d(2026, 7, 31)),
    ("7月31日", MON, d(2026, 7, 31)),
    ("7月31号", MON, d(2026, 7, 31)),
    ("7月31", MON, d(2026, 7, 31)),
    ("七月三十一日", MON, d(2026, 7, 31)),
    ("７月３１日", MON, d(2026, 7, 31)),
    (" 7 月 31 日 ", MON, d(2026, 7, 31)),
    ("7月31日", SEP, d(2027, 7, 31)),
    ("7/31", SEP, d(2027, 7, 31)),
    ("1月15日", DEC, d(2027, 1, 15)),
    ("7月6日", MON, MON),
    ("7月5日", MON, PAST),  # yesterday: just past, not next July
    ("2月29日", MON, d(2028, 2, 29)),
    ("2月29日", LEAP, d(2028, 2, 29)),
    ("2月30日", MON, IMPOSSIBLE),
    ("4月31日", MON, IMPOSSIBLE),
    ("13月", MON, IMPOSSIBLE),
    ("0月5日", MON, IMPOSSIBLE),
    ("13/1", MON, IMPOSSIBLE),
    ("32日", MON, IMPOSSIBLE),
    # Parts of a numbered month.
    ("7月底", MON, d(2026, 7, 31)),
    ("7月末", MON, d(2026, 7, 31)),
    ("7月", MON, d(2026, 7, 31)),
    ("7月份", MON, d(2026, 7, 31)),
    ("7月底前", MON, d(2026, 7, 31)),
    ("7月底之前", MON, d(2026, 7, 31)),
    ("7月底以前", MON, d(2026, 7, 31)),
    ("7月上旬", MON, d(2026, 7, 10)),
    ("7月中旬", MON, d(2026, 7, 20)),
    ("7月下旬", MON, d(2026, 7, 31)),
    ("7月中", MON, d(2026, 7, 15)),
    ("7月初", MON, PAST),
    ("8月初", MON, d(2026, 8, 5)),
    ("十二月底", MON, d(2026, 12, 31)),
    ("1月底", DEC, d(2027, 1, 31)),
    ("6月底", MON, PAST),
    ("2月底", LEAP, d(2028, 2, 29)),
    ("2月底", MON, d(2027, 2, 28)),
    ("2028年2月底", MON, d(2028, 2, 29)),
    ("2026年12月底", MON, d(2026, 12, 31)),
    ("今年6月底", MON, PAST),
    ("明年3月", MON, d(2027, 3, 31)),
    # This month, next month.
    ("月底", MON, d(2026, 7, 31)),
    ("月末", MON, d(2026, 7, 31)),
    ("月底前", MON, d(2026, 7, 31)),
    ("月内", MON, d(2026, 7, 31)),
    ("本月内", MON, d(2026, 7, 31)),
    ("本月底", MON, d(2026, 7, 31)),
    ("这个月底", MON, d(2026, 7, 31)),
    ("月底", d(2026, 2, 27), d(2026, 2, 28)),
    ("月底", d(2028, 2, 27), d(2028, 2, 29)),
    ("月中", MON, d(2026, 7, 15)),
    ("月中", d(2026, 7, 20), d(2026, 8, 15)),
    ("上旬", MON, d(2026, 7, 10)),
    ("中旬", MON, d(2026, 7, 20)),
    ("下旬", MON, d(2026, 7, 31)),
    ("月初", MON, d(2026, 8, 5)),
    ("本月初", MON, PAST),
    ("本月20日", MON, d(2026, 7, 20)),
    ("下月初", MON, d(2026, 8, 5)),
    ("下月初", DEC, d(2027, 1, 5)),
    ("下月中旬", MON, d(2026, 8, 20)),
    ("下个月底", MON, d(2026, 8, 31)),
    ("下月底", DEC, d(2027, 1, 31)),
    ("次月15日", MON, d(2026, 8, 15)),
    ("下下月", MON, d(2026, 9, 30)),
    ("下月31日", d(2026, 8, 10), IMPOSSIBLE),
    # A day of the month: the next such day.
    ("10日前", MON, d(2026, 7, 10)),
    ("10号", MON, d(2026, 7, 10)),
    ("5日前", MON, d(2026, 8, 5)),
    ("6日", MON, MON),
    ("十五号", MON, d(2026, 7, 15)),
    ("二十三日", MON, d(2026, 7, 23)),
    ("31日", d(2026, 9, 5), d(2026, 10, 31)),
    # Weeks run Monday to Sunday.
    ("本周五", MON, d(2026, 7, 10)),
    ("本周五", FRI, FRI),
    ("本周五", SAT, PAST),
    ("本周五", SUN, PAST),
    ("这周五", MON, d(2026, 7, 10)),
    ("本周日", SUN, SUN),
    ("周五前", MON, d(2026, 7, 10)),
    ("周五前", SAT, d(2026, 7, 17)),
    ("周五前", SUN, d(2026, 7, 10)),
    ("周五", FRI, FRI),
    ("周一", MON, MON),
    ("星期五", MON, d(2026, 7, 10)),
    ("礼拜五", MON, d(2026, 7, 10)),
    ("星期五之前", SAT, d(2026, 7, 17)),
    ("周日", MON, d(2026, 7, 12)),
    ("周天", MON, d(2026, 7, 12)),
    ("星期日", SUN, SUN),
    ("星期天", MON, d(2026, 7, 12)),
    ("礼拜天", MON, d(2026, 7, 12)),
    ("下周一", MON, d(2026, 7, 13)),
    ("下周一", SUN, MON),
    ("下周一", SAT, d(2026, 7, 13)),
    ("下周日", MON, d(2026, 7, 19)),
    ("下个星期五", MON, d(2026, 7, 17)),
    ("下下周三", MON, d(2026, 7, 22)),
    ("下下周三", SUN, d(2026, 7, 15)),
    ("本周内", MON, d(2026, 7, 12)),
    ("本周", SUN, SUN),
    ("周末", MON, d(2026, 7, 12)),
    ("下周", MON, d(2026, 7, 19)),
    ("下周五", d(2026, 12, 28), d(2027, 1, 8)),
    # Days from today.
    ("今天", MON, MON),
    ("明天", MON, d(2026, 7, 7)),
    ("后天", MON, d(2026, 7, 8)),
    ("大后天", MON, d(2026, 7, 9)),
    ("明天", d(2026, 12, 31), d(2027, 1, 1)),
    # Periods from today.
    ("3天内", MON, d(2026, 7, 9)),
    ("三天内", MON, d(2026, 7, 9)),
    ("３天内", MON, d(2026, 7, 9)),
    ("10天以内", MON, d(2026, 7, 16)),
    ("十日内", MON, d(2026, 7, 16)),
    ("两周内", MON, d(2026, 7, 20)),
    ("一周内", MON, d(2026, 7, 13)),
    ("2个星期内", MON, d(2026, 7, 20)),
    ("一个月内", MON, d(2026, 8, 6)),
    ("一个月内", d(2026, 1, 31), d(2026, 2, 28)),
    ("半个月内", MON, d(2026, 7, 21)),
    ("3个月内", MON, d(2026, 10, 6)),
    ("半年内", MON, d(2027, 1, 6)),
    ("1年内", MON, d(2027, 7, 6)),
    ("5个工作日内", MON, d(2026, 7, 13)),
    ("5个工作日内", FRI, d(2026, 7, 17)),
    ("3天后", MON, d(2026, 7, 9)),
    ("3天前", MON, AGO),
    ("两周前", MON, AGO),
    ("三五天内", MON, UNKNOWN),
    ("3月后", MON, UNKNOWN),
    # Quarters.
    ("三季度末", MON, d(2026, 9, 30)),
    ("第三季度", MON, d(2026, 9, 30)),
    ("第三季度末", MON, d(2026, 9, 30)),
    ("3季度", MON, d(2026, 9, 30)),
    ("Q3", MON, d(2026, 9, 30)),
    ("一季度末", MON, d(2027, 3, 31)),
    ("2026年一季度末", MON, PAST),
    ("四季度", DEC, d(2026, 12, 31)),
    ("本季度末", MON, d(2026, 9, 30)),
    ("季度末", MON, d(2026, 9, 30)),
    ("下季度", DEC, d(2027, 3, 31)),
    ("五季度", MON, IMPOSSIBLE),
    # The year.
    ("年底前", MON, d(2026, 12, 31)),
    ("年底", DEC, d(2026, 12, 31)),
    ("年末", MON, d(2026, 12, 31)),
    ("年内", MON, d(2026, 12, 31)),
    ("今年内", MON, d(2026, 12, 31)),
    ("2026年底", MON, d(2026, 12, 31)),
    ("明年底", MON, d(2027, 12, 31)),
    ("明年", MON, d(2027, 12, 31)),
    ("2025年底", MON, PAST),
    ("上半年", MON, PAST),
    ("年中", d(2026, 3, 1), d(2026, 6, 30)),
    ("下半年", MON, d(2026, 12, 31)),
    # Holidays: the day itself; 前 is the day before (春节 2026-02-17, 2027-02-06).
    ("春节前", MON, d(2027, 2, 5)),
    ("春节前", d(2026, 1, 10), d(2026, 2, 16)),
    ("春节", d(2026, 1, 10), d(2026, 2, 17)),
    ("春节前", d(2026, 2, 17), PAST),
    ("春节前", d(2026, 3, 20), d(2027, 2, 5)),
    ("年前", MON, d(2027, 2, 5)),
    ("2027年春节前", MON, d(2027, 2, 5)),
    ("国庆前", MON, d(2026, 9, 30)),
    ("国庆节前", MON, d(2026, 9, 30)),
    ("十一前", MON, d(2026, 9, 30)),
    ("国庆前", d(2026, 10, 5), PAST),
    ("国庆前", d(2026, 11, 5), d(2027, 9, 30)),
    ("2026年国庆前", d(2026, 10, 5), PAST),
    ("元旦前", MON, d(2026, 12, 31)),
    ("五一前", MON, d(2027, 4, 30)),
    ("中秋", MON, d(2026, 9, 25)),
    # Words around the date.
    ("截至7月31日", MON, d(2026, 7, 31)),
    ("7月底前完成", MON, d(2026, 7, 31)),
    # Refusals.
    ("", MON, EMPTY),
    ("   ", MON, EMPTY),
    ("尽快", MON, VAGUE),
    ("近期", MON, VAGUE),
    ("马上", MON, VAGUE),
    ("待定", MON, VAGUE),
    ("尽快完成", MON, VAGUE),
    ("每周五", MON, RECURRING),
    ("每月", MON, RECURRING),
    ("每月底", MON, RECURRING),
    ("定期", MON, RECURRING),
    ("明年某时", MON, UNKNOWN),
    ("abc", MON, UNKNOWN),
    ("x^2", MON, UNKNOWN),
    ("前", MON, UNKNOWN),
]


@pytest.mark.parametrize(("phrase", "ref", "expected"), CASES)
def test_phrase(phrase: str, ref: date, expected: date | str) -> None:
    result = parse_deadline(phrase, ref)
    if isinstance(expected, date):
        assert result == DeadlineResult(expected), result
    else:
        assert result.date is None
        assert result.key == expected, result
        assert result.args["phrase"] == phrase


def test_the_table_is_large() -> None:
    assert len(CASES) >= 110


def test_a_past_deadline_still_reports_its_date() -> None:
    result = parse_deadline("2026年7月1日前", MON)
    assert result.key == PAST
    assert result.args["date"] == d(2026, 7, 1)
    assert (result.args["y"], result.args["m"], result.args["d"]) == (2026, 7, 1)
    assert t(PAST, "zh", **result.args) == "时限已过：2026年7月1日（2026年7月1日前）"
    assert t(PAST, "en", **result.args) == "Deadline already past: 2026-07-01 (2026年7月1日前)"


def test_a_datetime_ref_is_read_as_its_date() -> None:
    from datetime import datetime

    assert parse_deadline("明天", datetime(2026, 7, 6, 23, 59)).date == d(2026, 7, 7)


def test_every_refusal_has_a_message_in_both_languages() -> None:
    keys = {e for _, _, e in CASES if isinstance(e, str)}
    for key in keys:
        zh, en = catalogue()[key]
        assert zh and en


@settings(max_examples=1000, deadline=None)
@given(st.text(), st.dates(date(1990, 1, 1), date(2090, 12, 31)))
def test_never_raises_and_is_either_a_date_or_a_refusal(phrase: str, ref: date) -> None:
    result = parse_deadline(phrase, ref)
    if result.date is not None:
        assert result.key is None and result.date >= ref
    else:
        assert result.key in catalogue()
        t(result.key, "zh", **result.args)
        t(result.key, "en", **result.args)


_PIECES = st.sampled_from(
    ["7", "月", "底", "日", "号", "周", "五", "下", "本", "前", "内", "年", "季度", "十", "两",
     "天", "春节", "-", "/", ".", "２", "〇", "个", "工作日", "半", "每", "第", "Q", "旬", "上"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=8).map("".join), st.dates(date(1990, 1, 1), date(2090, 12, 31)))
def test_phrase_fragments_never_raise(phrase: str, ref: date) -> None:
    result = parse_deadline(phrase, ref)
    assert (result.date is None) != (result.key is None)
    assert result.date is None or result.date >= ref


@given(st.dates(date(2000, 1, 1), date(2090, 12, 31)), st.integers(0, 800))
def test_iso_dates_on_or_after_ref_are_taken_as_they_are(ref: date, ahead: int) -> None:
    due = ref + timedelta(days=ahead)
    assert parse_deadline(due.isoformat(), ref).date == due
    assert parse_deadline(f"{due.year}年{due.month}月{due.day}日前", ref).date == due
    if ahead:
        before = ref - timedelta(days=ahead)
        result = parse_deadline(before.isoformat(), ref)
        assert result.key == PAST and result.args["date"] == before


@given(st.dates(date(2000, 1, 1), date(2090, 12, 31)), st.dates(date(2000, 1, 1), date(2000, 12, 31)))
def test_month_and_day_roll_to_the_next_such_day(ref: date, day: date) -> None:
    result = parse_deadline(f"{day.month}月{day.day}日", ref)
    if result.key == PAST:  # only a day at most JUST_PAST_DAYS back is refused
        gone = result.args["date"]
        assert (gone.month, gone.day) == (day.month, day.day)
        assert timedelta(days=1) <= ref - gone <= timedelta(days=JUST_PAST_DAYS)
        return
    found = result.date
    assert found is not None and (found.month, found.day) == (day.month, day.day)
    assert ref <= found
    # Only 29 February may need more than a year.
    assert found - ref < timedelta(days=366) or (day.month, day.day) == (2, 29)


@given(st.dates(date(2000, 1, 1), date(2090, 12, 31)), st.integers(0, 6))
def test_a_weekday_is_within_the_coming_week(ref: date, weekday: int) -> None:
    name = "一二三四五六日"[weekday]
    found = parse_deadline(f"周{name}", ref).date
    assert found is not None and found.weekday() == weekday
    assert timedelta(0) <= found - ref < timedelta(days=7)
    nxt = parse_deadline(f"下周{name}", ref).date
    assert nxt is not None and nxt.weekday() == weekday
    assert nxt.isocalendar()[:2] == (ref + timedelta(weeks=1)).isocalendar()[:2]
