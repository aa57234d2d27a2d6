"""The supervision screen (督办台账): every open item, most urgent first, and
accountability by unit (单位问效) with a trend of the last meetings.

The list never holds the whole table: it shows a page and reads the next one
as the cursor nears the end (the query sorts and pages in SQL). Typing in the
filter narrows by unit, project or text after a short pause, so keys never
wait on a query.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static, TabbedContent, TabPane

from tui550.app.commands import BindingList, bindings
from tui550.app.screens.carried import FOLLOWUP_ACTIONS, FollowupActions
from tui550.app.screens.dialogs import MessageDialog
from tui550.app.screens.evidence import EvidenceDialog
from tui550.app.screens.item_dialogs import history_text
from tui550.app.widgets.footer import RoomFooter
from tui550.app.widgets.items import EVIDENCE_MARK
from tui550.app.widgets.linebreak import fit_one_line
from tui550.core.day_text import DUE_CELLS, due_label
from tui550.core.domain import ItemView, Light
from tui550.core.errors import UserError
from tui550.core.followup.rules import Escalation
from tui550.core.followup.views import SupervisionRow, TrendPoint, UnitAccount
from tui550.core.lights import days_overdue
from tui550.core.store import meetings, supervision
from tui550.i18n import t

PAGE = 100
LIGHTS: tuple[Light | None, ...] = (None, Light.RED, Light.YELLOW, Light.GREEN)
LEVELS: tuple[Escalation | None, ...] = (None, Escalation.BLUE, Escalation.YELLOW, Escalation.RED)
LIGHT_VARS = {
    Light.RED: "error",
    Light.YELLOW: "warning",
    Light.GREEN: "success",
    Light.GREY: "panel-lighten-3",
}
LEVEL_VARS = {Escalation.BLUE: "primary", Escalation.YELLOW: "warning", Escalation.RED: "error"}
BAR_WIDTH = 20
# The board's columns and their widths in cells.
SV_COLUMNS = {
    "light": 2,
    "escalation": 8,
    "project": 16,
    "text": 34,
    "unit": 14,
    "due": DUE_CELLS,
    "carried": 4,
    "status": 8,
}
EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(fraction: float, width: int = BAR_WIDTH) -> str:
    """A bar of block characters, eighths at the end: 0.5 of 20 is ten full blocks."""
    fraction = min(1.0, max(0.0, fraction))
    eighths = round(fraction * width * 8)
    full, part = divmod(eighths, 8)
    return ("█" * full + (EIGHTHS[part] if part else "")).ljust(width)


class SupervisionScreen(FollowupActions):
    BINDINGS: ClassVar[BindingList] = bindings("supervision") + bindings("carried")
    COMMAND_SCOPES = ("supervision",)
    HELP_KEY = "help.supervision"
    DEFAULT_CSS = """
    SupervisionScreen #sv-title { height: 1; padding: 0 1; background: $panel; color: $primary;
        text-style: bold; }
    SupervisionScreen #sv-filter { margin: 0 1; }
    SupervisionScreen #sv-filters, SupervisionScreen #sv-count { height: 1; padding: 0 1; }
    SupervisionScreen #sv-table, SupervisionScreen #sv-units { height: 1fr; }
    SupervisionScreen #sv-trend { height: auto; padding: 0 1; }
    SupervisionScreen TabbedContent { height: 1fr; }
    SupervisionScreen TabPane { height: 1fr; padding: 0; }
    SupervisionScreen ContentSwitcher { height: 1fr; }
    """

    def __init__(self, meeting_id: uuid.UUID | None = None) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.light: Light | None = None
        self.level: Escalation | None = None
        self.category: str | None = None
        self.text = ""
        self.rows: list[SupervisionRow] = []
        self.total = 0
        self._debounce: Timer | None = None
        self._units_loaded = False
        self._figures: tuple[list[UnitAccount], list[TrendPoint]] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="sv-title", markup=False)
        yield Input(placeholder=t("sv.filter.placeholder"), id="sv-filter")
        yield Static(id="sv-filters", markup=False)
        with TabbedContent(initial="sv-items"):
            with TabPane(t("sv.tab.items"), id="sv-items"):
                yield Static(id="sv-count", markup=False)
                yield DataTable(cursor_type="row", id="sv-table")
            with TabPane(t("sv.tab.units"), id="sv-accounts"):
                yield DataTable(cursor_type="row", id="sv-units")
                yield Static(id="sv-trend", markup=False)
        yield RoomFooter()

    def on_mount(self) -> None:
        self.query_one("#sv-title", Static).update(Text(t("sv.title", date=self.today().isoformat())))
        table = self.query_one("#sv-table", DataTable)
        for key, width in SV_COLUMNS.items():
            table.add_column(t(f"sv.col.{key}"), key=key, width=width)
        self.categories = [None, *supervision.categories(self.db)]
        self.reload()
        table.focus()

    # --- the list -----------------------------------------------------------------------
    def _query(self, offset: int, limit: int = PAGE) -> list[SupervisionRow]:
        return supervision.supervision_rows(
            self.db,
            light=self.light,
            min_escalation=self.level,
            category=self.category,
            text=self.text or None,
            now=self.tui.clock.now(),
            rules=self.followup_rules(),
            limit=limit,
            offset=offset,
        )

    def _count(self) -> int:
        return supervision.supervision_count(
            self.db,
            light=self.light,
            min_escalation=self.level,
            category=self.category,
            text=self.text or None,
            now=self.tui.clock.now(),
            rules=self.followup_rules(),
        )

    def reload(self, keep: uuid.UUID | None = None) -> None:
        self._show_rows(self._count(), self._query(0), keep)

    def _show_rows(self, total: int, rows: list[SupervisionRow], keep: uuid.UUID | None) -> None:
        self.total, self.rows = total, rows
        table = self.query_one("#sv-table", DataTable)
        table.clear()
        for row in self.rows:
            self._add(table, row)
        if keep is not None:
            for n, row in enumerate(self.rows):
                if row.item.id == keep:
                    table.move_cursor(row=n, animate=False)
        self._show_filters()

    # --- another client's changes ---------------------------------------------------------
    def on_database_changed(self, _message: object) -> None:
        if self.app.screen is self:  # under a dialog: read when the dialog's change comes back
            count, accounts = max(len(self.rows), PAGE), self._units_loaded

            def read() -> tuple[int, list[SupervisionRow], tuple[list[UnitAccount], list[TrendPoint]] | None]:
                # As many rows as are loaded, so that the list does not shrink under the cursor.
                return self._count(), self._query(0, count), self._read_accounts() if accounts else None

            self.read_in_background(read, lambda got: self._show_live(*got), group="sv-live")

    def _show_live(
        self,
        total: int,
        rows: list[SupervisionRow],
        figures: tuple[list[UnitAccount], list[TrendPoint]] | None,
    ) -> None:
        if not self.is_attached:
            return
        if (total, rows) != (self.total, self.rows):
            chosen = self._selected_row()
            self._show_rows(total, rows, chosen.item.id if chosen else None)
        if figures is not None and figures != self._figures:
            self._paint_accounts(*figures)

    def _more(self) -> None:
        if len(self.rows) >= self.total:
            return
        page = self._query(len(self.rows))
        table = self.query_one("#sv-table", DataTable)
        self.rows += page
        for row in page:
            self._add(table, row)
        self._show_filters()

    @on(DataTable.RowHighlighted, "#sv-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= len(self.rows) - 10:
            self._more()

    def _colour(self, name: str) -> str:
        return self.app.theme_variables.get(name, "white")

    def _add(self, table: DataTable[Text], row: SupervisionRow) -> None:
        item = row.item
        light = Text("●", style=self._colour(LIGHT_VARS[row.light]))
        level = Text(
            t(f"escalation.{row.escalation.colour}") if row.escalation else "",
            style=f"bold {self._colour(LEVEL_VARS[row.escalation])}" if row.escalation else "",
        )
        due = Text(due_label(item.due, item.cadence, self.today().year))
        if row.light is Light.RED and item.due:
            due = Text(
                t("list.overdue_days", days=row.days_overdue or days_overdue(item.due, self.today())),
                style=f"bold {self._colour('error')}",
            )
        unit = item.lead_unit.name if item.lead_unit else t("sv.no_unit")

        def cut(key: str, value: str) -> Text:  # a cut ends with "…"
            return Text(fit_one_line(value, SV_COLUMNS[key]))

        table.add_row(
            light,
            level,
            cut("project", row.project_name or t("sv.general")),
            cut("text", EVIDENCE_MARK + item.text if item.evidence else item.text),
            cut("unit", unit),
            due,
            Text(str(row.carried)),
            Text(t(f"status.{item.status.value}") if item.status else ""),
            key=str(item.id),
        )

    def _show_filters(self) -> None:
        every = t("sv.all")
        light = t(f"light.{self.light.value}") if self.light else every
        level = t("sv.at_least", level=t(f"escalation.{self.level.colour}")) if self.level else every
        self.query_one("#sv-filters", Static).update(
            Text(t("sv.filters", light=light, escalation=level, category=self.category or every))
        )
        shown = len(self.rows)
        self.query_one("#sv-count", Static).update(
            Text(
                t("sv.count.all", total=self.total)
                if shown >= self.total
                else t("sv.count", total=self.total, shown=shown)
            )
        )

    @on(Input.Changed, "#sv-filter")
    def _typed(self, event: Input.Changed) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        value = event.value.strip()
        self._debounce = self.set_timer(0.25, lambda: self.apply_text(value))

    def apply_text(self, value: str) -> None:
        if value != self.text:
            self.text = value
            self.reload()

    @on(Input.Submitted, "#sv-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        self.apply_text(event.value.strip())
        self.query_one("#sv-table", DataTable).focus()

    # --- filters and views --------------------------------------------------------------
    def action_cycle_light(self) -> None:
        self.light = LIGHTS[(LIGHTS.index(self.light) + 1) % len(LIGHTS)]
        self.reload()

    def action_cycle_escalation(self) -> None:
        self.level = LEVELS[(LEVELS.index(self.level) + 1) % len(LEVELS)]
        self.reload()

    def action_cycle_category(self) -> None:
        self.category = self.categories[(self.categories.index(self.category) + 1) % len(self.categories)]
        self.reload()

    def action_switch_view(self) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = "sv-accounts" if tabs.active == "sv-items" else "sv-items"

    @on(TabbedContent.TabActivated)
    def _tab(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "sv-accounts":
            if not self._units_loaded:
                self.show_accounts()
            self.query_one("#sv-units", DataTable).focus()
        else:
            self.query_one("#sv-table", DataTable).focus()

    def show_accounts(self) -> None:
        self._units_loaded = True
        self._paint_accounts(*self._read_accounts())

    def _read_accounts(self) -> tuple[list[UnitAccount], list[TrendPoint]]:
        rules = self.followup_rules()
        now = self.tui.clock.now()
        return (
            supervision.unit_accountability(self.db, now=now, rules=rules),
            supervision.open_trend(self.db, 6, now=now, rules=rules),
        )

    def _paint_accounts(self, accounts: list[UnitAccount], trend: list[TrendPoint]) -> None:
        self._figures = (accounts, trend)
        table = self.query_one("#sv-units", DataTable)
        table.clear(columns=True)
        for key, width in (
            ("unit", 16),
            ("assigned", 6),
            ("closed", 6),
            ("rate", 6),
            ("bar", BAR_WIDTH),
            ("overdue", 8),
            ("avg_late", 12),
            ("repeated", 10),
        ):
            table.add_column(t(f"sv.col.{key}"), key=key, width=width)
        for account in accounts:
            table.add_row(*self._account_cells(account))
        self.query_one("#sv-trend", Static).update(self._trend(trend))

    def _account_cells(self, a: UnitAccount) -> list[Text]:
        rate = a.closing_rate
        colour = self._colour("error" if rate < 50 else "warning" if rate < 80 else "success")
        return [
            Text(a.unit.name if a.unit else t("sv.no_unit")),
            Text(str(a.assigned), justify="right"),
            Text(str(a.closed), justify="right"),
            Text(f"{rate}%", justify="right", style=colour),
            Text(bar(rate / 100), style=colour),
            Text(
                str(a.overdue_now),
                justify="right",
                style=f"bold {self._colour('error')}" if a.overdue_now else "",
            ),
            Text("" if a.avg_days_late is None else f"{a.avg_days_late:.1f}", justify="right"),
            Text(str(a.repeated_extensions), justify="right"),
        ]

    def _trend(self, points: list[TrendPoint]) -> Text:
        out = Text(t("sv.trend.title", n=len(points)) + "\n", style="bold")
        top = max((p.open for p in points), default=0) or 1
        for p in points:
            out.append(
                t(
                    "sv.trend.line",
                    date=p.date.isoformat(),
                    open=p.open,
                    open_bar=bar(p.open / top, 30).rstrip(),
                )
                + "\n",
                style=self._colour("primary"),
            )
            out.append(
                t("sv.trend.late", overdue=p.overdue, overdue_bar=bar(p.overdue / top, 30).rstrip()) + "\n",
                style=self._colour("error"),
            )
        return out

    # --- the selected item ----------------------------------------------------------------
    def _selected_row(self) -> SupervisionRow | None:
        table = self.query_one("#sv-table", DataTable)
        if not self.rows or not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def followup_item(self) -> ItemView | None:
        row = self._selected_row()
        return row.item if row else None

    def extension_meeting(self) -> uuid.UUID | None:
        """An extension is agreed by a meeting: the open one, else the latest held (`latest`)."""
        if self.meeting_id is not None:
            return self.meeting_id
        try:
            return meetings.latest_meeting(meetings.list_meetings(self.db)).id
        except UserError:
            return None

    def followup_changed(self, item: ItemView) -> None:
        self._units_loaded = False
        self.reload(keep=item.id)

    def action_item_history(self) -> None:
        row = self._selected_row()
        if row is not None:
            self.app.push_screen(
                MessageDialog(
                    t("sv.history.title", text=row.item.text),
                    history_text(self.db, row.item.id, self.settings.tz),
                )
            )

    def action_evidence(self) -> None:
        row = self._selected_row()
        if row is not None:
            self.app.push_screen(EvidenceDialog(row.item))

    def action_back(self) -> None:
        self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in (*FOLLOWUP_ACTIONS, "item_history", "evidence"):
            tables = self.query("#sv-table")
            return bool(tables) and self.focused is tables.first()
        return True
