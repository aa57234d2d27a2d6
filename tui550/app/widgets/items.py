"""Item tables: this meeting's captures and the project's items carried from earlier.

A DataTable renders only the lines on screen, so appending a row costs the same
at the thousandth item as at the first (ListView does not: see FINDINGS.md).
The text column takes the width left over and wraps, so a long sentence stays
readable instead of being cut off.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import DataTable

from tui550.core.domain import ItemView, Kind, Light
from tui550.core.lights import days_overdue, light
from tui550.i18n import t

if TYPE_CHECKING:
    from tui550.core.followup_views import SupervisionRow

LIGHT_VARS = {Light.RED: "error", Light.YELLOW: "warning", Light.GREEN: "success",
              Light.GREY: "panel-lighten-3"}
KIND_MARK = {Kind.MINUTE: "kind.short.minute", Kind.DECISION: "kind.short.decision",
             Kind.ISSUE: "kind.short.issue", Kind.DEADLINE: "kind.short.deadline"}


def units_text(item: ItemView) -> str:
    names = [item.lead_unit.name] if item.lead_unit else []
    names += [u.name for u in item.co_units]
    return "、".join(names)


def due_text(item: ItemView) -> str:
    return f"{item.due.month}月{item.due.day}日" if item.due else ""


class ItemTable(DataTable[Text]):
    """Rows keyed by item id; `items` mirrors what is shown, oldest first."""

    DEFAULT_CSS = """
    ItemTable { height: 1fr; background: $background; }
    ItemTable > .datatable--header { background: $panel; color: $foreground; text-style: bold; }
    ItemTable > .datatable--cursor { background: $background; text-style: none; }
    ItemTable:focus > .datatable--cursor { background: $primary; color: $background; }
    """

    FIXED = (("mark", 6), ("units", 16), ("due", 12))
    # Carried rows also show their status, escalation and the "carried N meetings" badge.
    FOLLOW = ("follow", 16)

    def __init__(self, *, carried: bool = False, today: date, yellow_days: int, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, show_cursor=True, **kwargs)  # type: ignore[arg-type]
        self.carried = carried
        self.today = today
        self.yellow_days = yellow_days
        self.items: list[ItemView] = []
        self.info: dict[uuid.UUID, SupervisionRow] = {}
        self._text_width = 40

    def _fixed(self) -> tuple[tuple[str, int], ...]:
        return (*self.FIXED, self.FOLLOW) if self.carried else self.FIXED

    def on_mount(self) -> None:
        self._build_columns()

    def _build_columns(self) -> None:
        self.clear(columns=True)
        self.add_column(t("list.col.kind"), key="mark", width=self.FIXED[0][1])
        self.add_column(t("list.col.text"), key="text", width=self._text_width)
        self.add_column(t("list.col.units"), key="units", width=self.FIXED[1][1])
        self.add_column(t("list.col.due"), key="due", width=self.FIXED[2][1])
        if self.carried:
            self.add_column(t("carried.col.follow"), key="follow", width=self.FOLLOW[1])

    def on_resize(self, event: events.Resize) -> None:
        fixed = sum(w for _, w in self._fixed()) + 2 * len(self._fixed()) + 4
        width = max(16, event.size.width - fixed)
        if width != self._text_width:
            self._text_width = width
            self._build_columns()
            for item in self.items:
                self._add_row(item)
            self.scroll_to_newest()

    def light_of(self, item: ItemView) -> Light | None:
        return light(item.status, item.due, self.today, self.yellow_days) if item.tracked else None

    def _colour(self, which: Light) -> str:
        variables = self.app.theme_variables
        return variables.get(LIGHT_VARS[which], "white")

    def _follow(self, item: ItemView) -> Text:
        row = self.info.get(item.id)
        out = Text()
        if item.status is not None and item.status.value in ("reported", "in_progress"):
            out.append(t(f"carried.status.{item.status.value}") + " ")
        if row is None:
            return out
        if row.escalation:
            colour = {1: "primary", 2: "warning", 3: "error"}[int(row.escalation)]
            out.append(t(f"escalation.short.{row.escalation.colour}") + " ",
                       style=f"bold {self.app.theme_variables.get(colour, 'white')}")
        if row.carried:
            out.append(t("carried.badge", n=row.carried))
        return out

    def _row(self, item: ItemView) -> tuple[Text, ...]:
        lit = self.light_of(item)
        if item.version == 0:  # held on this computer, not yet on the server (app/held.py)
            mark = Text(t("outbox.mark"), style=f"bold reverse {self._colour(Light.YELLOW)}")
        else:
            mark = Text("● " if lit else "  ", style=self._colour(lit) if lit else "")
            mark.append(t(KIND_MARK[item.kind]) if not item.tag else t(f"tag.short.{item.tag.value}"))
        text = Text(item.text, no_wrap=False)
        due = Text(due_text(item))
        if lit is Light.RED:
            late = days_overdue(item.due, self.today)
            due = Text(t("list.overdue_days", days=late), style=f"bold {self._colour(Light.RED)}")
        elif lit is not None and item.due:
            due.stylize(self._colour(lit))
        if self.carried:
            return mark, text, Text(units_text(item)), due, self._follow(item)
        return mark, text, Text(units_text(item)), due

    def _height(self, item: ItemView) -> int:
        width = max(1, self._text_width)
        lines = 0
        for part in item.text.split("\n"):
            lines += max(1, -(-cell_len(part) // width))
        return min(lines, 6)

    def _add_row(self, item: ItemView) -> None:
        self.add_row(*self._row(item), key=str(item.id), height=self._height(item))

    def set_items(self, items: Iterable[ItemView],
                  info: Mapping[uuid.UUID, SupervisionRow] | None = None) -> None:
        self.items = list(items)
        if info is not None:
            self.info = dict(info)
        self.clear()
        for item in self.items:
            self._add_row(item)
        self.scroll_to_newest()

    def append_item(self, item: ItemView) -> None:
        self.items.append(item)
        self._add_row(item)
        self.scroll_to_newest()

    def replace_item(self, item: ItemView) -> None:
        for n, old in enumerate(self.items):
            if old.id == item.id:
                self.items[n] = item
        self.set_items(self.items)
        self.select(item.id)

    def remove_item(self, item_id: uuid.UUID) -> None:
        self.items = [i for i in self.items if i.id != item_id]
        if str(item_id) in self.rows:
            self.remove_row(str(item_id))

    def scroll_to_newest(self) -> None:
        if self.items and not self.has_focus:
            self.move_cursor(row=len(self.items) - 1, animate=False)

    def select(self, item_id: uuid.UUID) -> None:
        for n, item in enumerate(self.items):
            if item.id == item_id:
                self.move_cursor(row=n, animate=False)

    def selected(self) -> ItemView | None:
        if not self.items or self.cursor_row < 0 or self.cursor_row >= len(self.items):
            return None
        return self.items[self.cursor_row]
