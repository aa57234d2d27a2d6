"""`cadence.due_order` in SQL: lists sorted by deadline in the database (a page of the
carried list, the supervision board) put an item where its light's date puts it.

A standing deadline is stored as its words (每周五), and the words allowed are a closed
table, so the next occurrence of each on a given day is worked out here in Python
(`cadence.next_dates`) and handed to SQL as a CASE over the stored words: no second
copy of the calendar rules in SQL.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa

from tui550.core.cadence import next_dates


def effective_due(due: Any, cadence: Any, today: date) -> Any:
    """`cadence.effective_due` as a column: the due date, else the next occurrence of the
    stored cadence on `today` (NULL for 长期坚持 and for an item with neither)."""
    whens = [(cadence.in_(words), sa.literal(day, sa.Date())) for day, words in next_dates(today).items()]
    return sa.func.coalesce(due, sa.case(*whens, else_=sa.null()))


def due_order(due: Any, cadence: Any, today: date) -> tuple[Any, ...]:
    """The ORDER BY terms of `cadence.due_order` for these columns."""
    effective = effective_due(due, cadence, today)
    rank = sa.case((effective.is_not(None), 0), (cadence.is_not(None), 1), else_=2)
    return (rank, effective)
