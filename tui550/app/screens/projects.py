"""The ledger (项目台账): every project in one table, a filter line, and the edits.

The projects are read once (and again after an edit); the filter runs in Python
over them when typing pauses, and the table is rebuilt only when the filtered
set changes. 2,000 projects are one DataTable, which draws only what is on screen.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static

from tui550.app.base import AppScreen
from tui550.app.commands import BindingList, bindings
from tui550.app.screens.project_dialogs import DeadlinesDialog, ProjectForm, UnitsDialog
from tui550.app.screens.project_month import MonthDialog
from tui550.app.screens.schedule import ScheduleDialog
from tui550.app.widgets.footer import RoomFooter
from tui550.core.domain import ProjectView
from tui550.core.errors import UserError
from tui550.core.month_text import figures_text
from tui550.core.project_filter import ProjectIndex
from tui550.core.project_form import BLANK
from tui550.core.store import projects
from tui550.core.store.agenda import item_counts
from tui550.i18n import t

FILTER_DELAY_S = 0.12
FIRST_ROWS = 120
MORE_ROWS = 250
COLUMNS = (
    "code",
    "name",
    "category",
    "street",
    "lead_unit",
    "investment_total",
    "planned_end",
    "status",
    "open",
)


class ProjectsScreen(AppScreen):
    BINDINGS: ClassVar[BindingList] = bindings("projects")
    COMMAND_SCOPES = ("projects",)
    HELP_KEY = "lui.help.projects"
    DEFAULT_CSS = """
    ProjectsScreen #projects-title { padding: 0 1; text-style: bold; color: $primary; height: 1; }
    ProjectsScreen #filter { border: none; height: 1; padding: 0 1; background: $boost; margin: 0 1; }
    ProjectsScreen #filter:focus { background: $primary 35%; }
    ProjectsScreen #projects { height: 1fr; }
    ProjectsScreen #detail { height: 4; padding: 0 1; background: $panel; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.all: list[ProjectView] = []
        self.index = ProjectIndex(())
        self.shown: list[ProjectView] = []
        self.counts: dict[uuid.UUID, tuple[int, int]] = {}
        self._filter_timer: Timer | None = None
        self._generation = 0
        self.with_archived = False

    def compose(self) -> ComposeResult:
        yield Static(id="projects-title")
        yield Input(id="filter", placeholder=t("lui.filter.placeholder"))
        yield DataTable(cursor_type="row", id="projects")
        yield Static(id="detail")
        yield RoomFooter()

    def on_mount(self) -> None:
        table = self.table
        for name in COLUMNS:
            table.add_column(t(f"lui.col.{name}"), key=name)
        self.reload()
        table.focus()

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#projects", DataTable)

    @property
    def selected(self) -> ProjectView | None:
        row = self.table.cursor_row
        return self.shown[row] if self.shown and 0 <= row < len(self.shown) else None

    # --- loading and filtering ---------------------------------------------------------
    def reload(self) -> None:
        self.all = projects.list_projects(self.db, archived=self.with_archived)
        self.index = ProjectIndex(self.all)
        self.counts = item_counts(self.db, self.today())
        self.apply_filter(force=True)

    def apply_filter(self, *, force: bool = False) -> None:
        shown = self.index.filter(self.query_one("#filter", Input).value)
        if not force and [p.id for p in shown] == [p.id for p in self.shown]:
            return
        keep = self.selected.id if self.selected else None
        self.shown = shown
        self._generation += 1
        table = self.table
        table.clear()
        row = next((n for n, p in enumerate(shown) if p.id == keep), 0) if keep else 0
        # The first screenful at once, the rest a chunk per frame: the screen answers keys
        # while a ledger of thousands fills in.
        self._add_rows(self._generation, 0, max(FIRST_ROWS, row + 1))
        table.move_cursor(row=row, animate=False)
        title = "lui.projects.title_archived" if self.with_archived else "lui.projects.title"
        counts = {"shown": len(shown), "total": len(self.all)}
        self.query_one("#projects-title", Static).update(Text(t(title, **counts)))
        self.show_detail()

    def _add_rows(self, generation: int, start: int, count: int) -> None:
        if generation != self._generation:
            return  # the filter changed since: these rows are no longer wanted
        end = min(start + count, len(self.shown))
        self.table.add_rows(self._row(p) for p in self.shown[start:end])
        if end < len(self.shown):
            self.set_timer(0.01, lambda: self._add_rows(generation, end, MORE_ROWS))

    def _row(self, p: ProjectView) -> list[Text]:
        open_n, late_n = self.counts.get(p.id, (0, 0))
        error = self.app.theme_variables.get("error", "red")
        total = p.investment_total
        amount = "" if total is None else (f"{total:,.0f}" if total.is_integer() else f"{total:,.2f}")
        name = Text(p.name, style="dim strike" if p.archived else "")
        if p.archived:
            name.append(f" [{t('lui.archived')}]", style="italic")
        return [
            Text(p.code or ""),
            name,
            Text(p.category or ""),
            Text(p.street or ""),
            Text(p.lead_unit.name if p.lead_unit else ""),
            Text(amount, justify="right"),
            Text(p.planned_end.isoformat() if p.planned_end else ""),
            Text(p.status or ""),
            Text(
                t("lui.open_late", open=open_n, late=late_n) if late_n else (str(open_n) if open_n else ""),
                style=f"bold {error}" if late_n else "",
            ),
        ]

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DELAY_S, self.apply_filter)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self.apply_filter()
        self.table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_project()

    def show_detail(self) -> None:
        p = self.selected
        detail = self.query_one("#detail", Static)
        if p is None:
            detail.update(Text(t("lui.projects.none")))
            return
        none = t("lui.none")
        text = Text()
        text.append(t("lui.detail.units", units="、".join(u.name for u in p.units) or none))
        text.append("    ")
        text.append(t("lui.detail.leader", leader=p.leader or none))
        text.append("\n")
        text.append(t("lui.detail.target", target=p.annual_target or none))
        text.append("\n")
        start = p.planned_start.isoformat() if p.planned_start else "?"
        end = p.planned_end.isoformat() if p.planned_end else "?"
        text.append(t("lui.detail.period", start=start, end=end, version=p.version))
        if p.latest is not None:
            text.append("\n")
            text.append(figures_text(p.latest))
        detail.update(text)

    # --- actions ------------------------------------------------------------------------
    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_back(self) -> None:
        if self.query_one("#filter", Input).has_focus:
            self.table.focus()
        else:
            self.app.pop_screen()

    def _after(self, changed: object) -> None:
        if changed:
            self.reload()

    def action_add_project(self) -> None:
        self.app.push_screen(ProjectForm(BLANK), self._after)

    def action_months(self) -> None:
        if self.selected is not None:
            self.app.push_screen(MonthDialog(self.selected), self._after)

    def action_archive(self) -> None:
        p = self.selected
        if p is None:
            return
        try:
            if p.archived:
                projects.restore_project(self.db, p.id, p.version)
                self.notify(t("lui.archive.restored", name=p.name))
            else:
                projects.archive_project(self.db, p.id, p.version)
                self.notify(t("lui.archive.done", name=p.name))
        except UserError as exc:  # changed elsewhere since it was read: show, and read again
            self.notify(exc.message(), severity="error")
        self.reload()

    def action_show_archived(self) -> None:
        self.with_archived = not self.with_archived
        self.reload()

    def action_edit_project(self) -> None:
        if self.selected is not None:
            self.app.push_screen(ProjectForm(projects.get_project(self.db, self.selected.id)), self._after)

    def action_edit_units(self) -> None:
        if self.selected is not None:
            self.app.push_screen(UnitsDialog(projects.get_project(self.db, self.selected.id)), self._after)

    def action_deadlines(self) -> None:
        if self.selected is not None:
            self.app.push_screen(DeadlinesDialog(self.selected), self._after)

    def action_schedule(self) -> None:
        def done(count: int | None) -> None:
            if count:
                self.notify(t("lui.schedule.created", count=count))
                self.reload()

        if self.selected is not None:
            self.app.push_screen(ScheduleDialog(self.selected), done)
