"""Snapshots of the supervision screen (both views) and the wall chart, in both languages.

Time is frozen (09:30 on the demo day) and the demo's ids are derived from names.
Update with `pytest tests/screens/test_snapshots_followup.py --snapshot-update` and review the diff.
"""

from __future__ import annotations

import pytest

LANGS = ["zh", "en"]


@pytest.mark.parametrize("lang", LANGS)
def test_supervision_screen(snap_compare, make_demo_app, lang) -> None:
    assert snap_compare(make_demo_app(lang), terminal_size=(120, 36), press=["ctrl+r"])


@pytest.mark.parametrize("lang", LANGS)
def test_supervision_accountability(snap_compare, make_demo_app, lang) -> None:
    assert snap_compare(make_demo_app(lang), terminal_size=(120, 36), press=["ctrl+r", "f5"])


@pytest.mark.parametrize("lang", LANGS)
def test_wall_chart_screen(snap_compare, make_demo_app, lang) -> None:
    assert snap_compare(
        make_demo_app(lang, open_meeting=False), terminal_size=(120, 36), press=["ctrl+l", "f4"]
    )
