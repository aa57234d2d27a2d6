"""Properties of the small parsers of ledger upkeep: any text is read or refused, never crashes."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from tui550.cli.main import GLOBAL_OPTIONS, global_options_first
from tui550.core.errors import UserError
from tui550.core.importing.values import BadValue, parse_percent
from tui550.core.project_form import month_figures, parse_month

TODAY = date(2026, 7, 20)


@given(st.text(max_size=20))
def test_a_month_is_read_or_refused(text: str) -> None:
    try:
        month = parse_month(text, TODAY)
    except UserError as exc:
        assert exc.key == "project.month.bad_month"
    else:
        assert month.day == 1 and 1 <= month.month <= 12


@given(st.integers(1, 12), st.integers(1990, 2100))
def test_every_spelling_of_a_month_is_its_first_day(m: int, y: int) -> None:
    for text in (f"{y}-{m:02d}", f"{y}年{m}月", f"{y}.{m}", f" {y} / {m} "):
        assert parse_month(text, TODAY) == date(y, m, 1)
    assert parse_month(f"{m}月", TODAY) == date(2026, m, 1)


@given(st.one_of(st.text(max_size=12), st.floats(allow_nan=True), st.integers(-1000, 1000)))
def test_a_progress_cell_is_a_percentage_or_refused(value: object) -> None:
    try:
        pct = parse_percent(value)
    except BadValue as exc:  # words are a warning (NotAFigure), out of range an error
        assert exc.key in ("import.progress_words", "import.bad_progress")
    else:
        assert pct is None or 0 <= pct <= 100


@given(st.text(max_size=10), st.text(max_size=10))
def test_month_figures_never_crash(invested: str, progress: str) -> None:
    try:
        amount, pct = month_figures(invested, progress)
    except UserError:
        return
    assert amount is None or amount >= 0
    assert pct is None or 0 <= pct <= 100


_WORDS = st.sampled_from(
    [
        *GLOBAL_OPTIONS,
        "--db=x",
        "meetings",
        "export",
        "latest",
        "-f",
        "md",
        "--out",
        "a.md",
        "--",
        "x",
        "--force",
    ]
)


@given(st.lists(_WORDS, max_size=12))
def test_moving_global_options_keeps_every_word(args: list[str]) -> None:
    moved = global_options_first(args)
    assert sorted(moved) == sorted(args)
    if "--" in args:  # nothing after a bare -- moves
        assert moved[moved.index("--") :] == args[args.index("--") :]
