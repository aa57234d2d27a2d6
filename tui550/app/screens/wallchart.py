"""The wall chart screen (挂图作战): one row a project, one column a month.

A window of twelve months starting three months back is read (the query keeps
the rest in the database); F5/F6 move it. Each cell counts the marks of that
month: ✓ done, ● due, ✗ overdue, ↻ a recurring item not done (每周五 at its next
occurrence, 长期坚持 in this month); this month's column is marked ◆.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Input, Static

from tui550.app.base import AppScreen
from tui550.app.commands import BindingList, bindings
from tui550.app.widgets.footer import RoomFooter
from tui550.core.domain import Kind, UnitKind, UnitView
from tui550.core.followup.views import RECURS, Mark, WallChart, WallRow
from tui550.core.store import units
from tui550.core.store.wallchart import wall_chart
from tui550.i18n import language, t

MONTHS = 12
CELL = 7
MARKS = ((Mark.DONE, "✓", "success"), (Mark.DUE, "●", "warning"), (Mark.OVERDUE, "✗", "error"))


def add_months(first: date, n: int) -> date:
    index = first.year * 12 + first.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


class WallChartScreen(AppScreen):
    BINDINGS: ClassVar[BindingList] = bindings("wall")
    COMMAND_SCOPES = ("wall",)
    HELP_KEY = "help.wallchart"
    DEFAULT_CSS = """
    WallChartScreen #wc-title { height: 1; padding: 0 1; background: $panel; color: $primary;
        text-style: bold; }
    WallChartScreen #wc-filter { margin: 0 1; }
    WallChartScreen #wc-filters { height: 1; padding: 0 1; }
    WallChartScreen #wc-table { height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.first = add_months(date.today().replace(day=1), -3)
        self.street: UnitView | None = None
        self.unit: UnitView | None = None
        self.all_kinds = False
        self.text = ""
        self.chart: WallChart | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="wc-title", markup=False)
        yield Input(placeholder=t("wc.filter.placeholder"), id="wc-filter")
        yield Static(id="wc-filters", markup=False)
        yield DataTable(cursor_type="row", id="wc-table")
        yield RoomFooter()

    def on_mount(self) -> None:
        self.first = add_months(self.today().replace(day=1), -3)
        every = units.list_units(self.db)
        self.streets: list[UnitView | None] = [None, *(u for u in every if u.kind is UnitKind.STREET)]
        self.units: list[UnitView | None] = [None, *(u for u in every if u.kind is not UnitKind.STREET)]
        self.reload()
        self.query_one("#wc-table", DataTable).focus()

    def reload(self) -> None:
        self.chart = self._read()
        self.paint()

    def _read(self) -> WallChart:
        last = add_months(self.first, MONTHS)
        kinds = list(Kind) if self.all_kinds else [Kind.DEADLINE]
        return wall_chart(
            self.db,
            street_id=self.street.id if self.street else None,
            unit_id=self.unit.id if self.unit else None,
            kinds=kinds,
            start=self.first,
            end=date.fromordinal(last.toordinal() - 1),
            now=self.tui.clock.now(),
        )

    # --- another client's changes ---------------------------------------------------------
    def on_database_changed(self, _message: object) -> None:
        if self.app.screen is self:
            self.read_in_background(self._read, self._show_live, group="wc-live")

    def _show_live(self, chart: WallChart) -> None:
        if not self.is_attached or chart == self.chart:
            return
        chosen = self.selected_project()
        self.chart = chart
        self.paint()
        table = self.query_one("#wc-table", DataTable)
        if chosen is not None and str(chosen) in table.rows:
            table.move_cursor(row=table.get_row_index(str(chosen)), animate=False)

    def _month_label(self, month: date) -> str:
        label = t(f"wc.month.{month.month}")
        if month.month == 1 or month == self.first:
            label = f"{month.year % 100:02d}/" + label if language() == "en" else f"{month.year}年{label}"
        return label

    def paint(self) -> None:
        chart = self.chart
        if chart is None:
            return
        table = self.query_one("#wc-table", DataTable)
        table.clear(columns=True)
        table.add_column(t("wc.col.project"), key="project", width=22)
        table.add_column(t("wc.col.street"), key="street", width=8)
        for n, month in enumerate(chart.months):
            label = self._month_label(month)
            if n == chart.today_index:
                label = "◆" + label
            table.add_column(
                Text(label, style="bold reverse" if n == chart.today_index else ""),
                key=f"m{n}",
                width=CELL if len(label) <= CELL else len(label),
            )
        shown = [row for row in chart.rows if self._matches(row)]
        for row in shown:
            table.add_row(*self._cells(row, chart), key=str(row.project_id))
        every = t("sv.all")
        kinds = t("wc.kinds.all") if self.all_kinds else t("wc.kinds.deadline")
        self.query_one("#wc-title", Static).update(
            Text(
                t(
                    "wc.title",
                    first=f"{chart.months[0]:%Y-%m}" if chart.months else "",
                    last=f"{chart.months[-1]:%Y-%m}" if chart.months else "",
                    today=chart.today.isoformat(),
                )
            )
        )
        status = t(
            "wc.filters",
            street=self.street.name if self.street else every,
            unit=self.unit.name if self.unit else every,
            kinds=kinds,
        )
        count = t("wc.count", shown=len(shown), total=len(chart.rows)) if shown else t("wc.empty")
        self.query_one("#wc-filters", Static).update(Text(f"{status}   {count}   {t('wc.legend')}"))

    def _matches(self, row: WallRow) -> bool:
        if not self.text:
            return True
        needle = self.text.lower()
        return any(
            needle in (value or "").lower() for value in (row.name, row.code, row.street, row.lead_unit)
        )

    def _cells(self, row: WallRow, chart: WallChart) -> list[Text]:
        name = f"{row.code} {row.name}" if row.code else row.name
        cells = [Text(name, overflow="ellipsis", no_wrap=True), Text(row.street or "")]
        variables = self.app.theme_variables
        for n, marks in enumerate(row.cells):
            cell = Text()
            # A recurring item still to do is counted apart: its date is only the next one.
            recurring = [m for m in marks if m.cadence is not None and m.mark is not Mark.DONE]
            for mark, symbol, colour in MARKS:
                count = sum(1 for m in marks if m.mark is mark and m not in recurring)
                if count:
                    cell.append(
                        symbol + (str(count) if count > 1 else ""),
                        style=f"bold {variables.get(colour, 'white')}",
                    )
            if recurring:
                cell.append(
                    RECURS + (str(len(recurring)) if len(recurring) > 1 else ""),
                    style=f"bold {variables.get('warning', 'white')}",
                )
            if n == chart.today_index:
                cell.stylize(f"on {variables.get('panel', 'grey15')}")
                if not cell:
                    cell = Text("│", style=variables.get("primary", "white"))
            cells.append(cell)
        return cells

    # --- keys -----------------------------------------------------------------------
    @on(Input.Changed, "#wc-filter")
    def _typed(self, event: Input.Changed) -> None:
        # Rows are projects (hundreds at most): narrowing them needs no query.
        self.text = event.value.strip()
        self.paint()

    @on(Input.Submitted, "#wc-filter")
    def _done(self, event: Input.Submitted) -> None:
        self.query_one("#wc-table", DataTable).focus()

    def action_cycle_street(self) -> None:
        self.street = self.streets[(self.streets.index(self.street) + 1) % len(self.streets)]
        self.reload()

    def action_cycle_unit(self) -> None:
        self.unit = self.units[(self.units.index(self.unit) + 1) % len(self.units)]
        self.reload()

    def action_toggle_kinds(self) -> None:
        self.all_kinds = not self.all_kinds
        self.reload()

    def action_shift(self, months: int) -> None:
        self.first = add_months(self.first, months)
        self.reload()

    def action_back(self) -> None:
        self.dismiss()

    def selected_project(self) -> uuid.UUID | None:
        table = self.query_one("#wc-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return uuid.UUID(key) if key else None
