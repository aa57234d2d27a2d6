"""One set of colours for lights, escalation and wall-chart marks, in every format
(the screen uses the same names through its theme)."""

from __future__ import annotations

from tui550.core.domain import Light
from tui550.core.followup.rules import Escalation
from tui550.core.followup.views import Mark

# Fill (background) colours, RRGGBB: light enough to print, distinct on a projector.
LIGHT_FILL: dict[Light, str] = {
    Light.RED: "FFC7CE",
    Light.YELLOW: "FFEB9C",
    Light.GREEN: "C6EFCE",
    Light.GREY: "D9D9D9",
}
ESCALATION_FILL: dict[Escalation, str | None] = {
    Escalation.NONE: None,
    Escalation.BLUE: "BDD7EE",
    Escalation.YELLOW: "FFEB9C",
    Escalation.RED: "FFC7CE",
}
MARK_FILL: dict[Mark, str] = {
    Mark.DONE: LIGHT_FILL[Light.GREEN],
    Mark.DUE: LIGHT_FILL[Light.YELLOW],
    Mark.OVERDUE: LIGHT_FILL[Light.RED],
}
MARK_SYMBOL: dict[Mark, str] = {Mark.DONE: "✓", Mark.DUE: "○", Mark.OVERDUE: "✗"}
TODAY_FILL = "9BC2E6"
