"""A project's monthly figures as text: the card, the ledger screen and the command line.

Kept apart from the project form (which loads the unit matcher and the deadline parser):
the card draws it in a meeting's first frame.
"""

from __future__ import annotations

from tui550.core.domain import MonthFigures
from tui550.i18n import t


def figures_text(figures: MonthFigures | None) -> str:
    """A month's figures as the card, the ledger list and the command line write them."""

    if figures is None:
        return ""
    parts = []
    if figures.invested is not None:
        parts.append(
            t(
                "lui.month.invested",
                y=figures.month.year,
                m=figures.month.month,
                amount=amount_text(figures.invested),
                total=amount_text(figures.year_invested),
            )
        )
    if figures.progress_pct is not None:
        parts.append(t("lui.month.progress", pct=amount_text(figures.progress_pct)))
    return "  ".join(parts)


def amount_text(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")
