"""Property tests over exchange files: a valid file, changed in the ways a careless or
hostile writer could (a value replaced by any JSON value, a column dropped or added,
a row repeated, a referenced row removed), is either checked into clean rows or
refused as one UserError naming a JSON path; and a refused load leaves the database
as it was."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import hostile_inputs as hostile
from tui550.core import exchange
from tui550.core.db import open_database
from tui550.core.domain import Kind, MeetingState, Status
from tui550.core.errors import UserError
from tui550.core.exchange_check import MAX_YEAR, MIN_YEAR
from tui550.core.text import clean_text

pytestmark = pytest.mark.sqlite_only

TABLES = ("unit", "project", "meeting", "item")
COLUMNS = {name: sorted(hostile.exchange()["tables"][name][0]) for name in TABLES}

hostile_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40
) | st.sampled_from(
    [
        hostile.ESCAPES,
        "evil",
        "open",
        "closed",
        "issue",
        "2026-07-06",
        "0001-01-01",
        "9999-12-31",
        "2026-07-06T01:00:00",
        "2026-07-06T01:00:00+00:00",
        "",
        hostile.UUIDS["unit"],
        "00000000-0000-4000-8000-0000000000ff",
        "not-a-uuid",
    ]
)
json_value = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | hostile_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=5,
)


@st.composite
def changed_files(draw: st.DrawFn) -> dict[str, Any]:
    data = hostile.exchange()
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        table = draw(st.sampled_from(TABLES))
        rows = data["tables"][table]
        if not rows:
            continue
        row = rows[0]
        how = draw(st.sampled_from(["value", "value", "value", "drop", "add", "repeat", "remove"]))
        if how == "value":
            row[draw(st.sampled_from(COLUMNS[table]))] = draw(json_value)
        elif how == "drop":
            row.pop(draw(st.sampled_from(COLUMNS[table])), None)
        elif how == "add":
            row[draw(st.text(min_size=1, max_size=8))] = draw(json_value)
        elif how == "repeat":
            rows.append(dict(row))
        else:
            rows.clear()
    return data


def _clean(value: Any) -> bool:
    if isinstance(value, str):
        return value == clean_text(value)
    if isinstance(value, dict):
        return all(_clean(v) for v in value.values())
    if isinstance(value, list):
        return all(_clean(v) for v in value)
    return True


@given(changed_files())
def test_a_changed_file_is_checked_clean_or_refused_by_path(data: dict[str, Any]) -> None:
    # Through JSON and back, as `load` would read it (NaN and Infinity included).
    data = json.loads(json.dumps(data))
    try:
        incoming = exchange.check(data)
    except UserError as exc:
        assert exc.key in ("exchange.invalid", "exchange.invalid_more")
        assert str(exc.args_["path"]).startswith("tables.")
        assert exc.message("en").count("\n") == 0
        return
    for name, _model in exchange.TABLES:
        for row in incoming.rows(name):
            assert all(_clean(v) for v in row.values()), name
            for value in row.values():
                if isinstance(value, float):
                    assert math.isfinite(value)
                year = getattr(value, "year", None)
                if year is not None:
                    assert MIN_YEAR <= year <= MAX_YEAR
    for item in incoming.rows("item"):
        assert item["kind"] in set(Kind) and item.get("status") in {*Status, None}
    for meeting in incoming.rows("meeting"):
        assert meeting["state"] in set(MeetingState)


@pytest.fixture(scope="module")
def empty_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("empty") / "empty.sqlite"
    open_database(str(path)).close()
    return path


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=changed_files())
def test_a_load_either_stores_clean_rows_or_changes_nothing(
    empty_file: Path, tmp_path: Path, data: dict[str, Any]
) -> None:
    target = tmp_path / "target.sqlite"
    shutil.copyfile(empty_file, target)
    db = open_database(str(target))
    try:
        before = exchange.to_json(exchange.dump(db))
        try:
            exchange.load(db, exchange.parse(json.dumps(data).encode()))
        except UserError:
            assert exchange.to_json(exchange.dump(db)) == before
            return
        stored = exchange.dump(db)
        for rows in stored["tables"].values():
            assert all(_clean(v) for row in rows for v in row.values())
        again = exchange.load(db, exchange.parse(exchange.to_json(stored)))
        assert again.total_added == 0 and not again.conflicts
    finally:
        db.close()
