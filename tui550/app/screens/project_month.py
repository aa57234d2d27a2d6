"""A project's monthly figures in the ledger screen: the months entered so far, and a
line to enter or correct one (month, investment completed, 形象进度)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Label, Static

from tui550.app.commands import BindingList
from tui550.app.screens.ledger_base import LedgerDialog, form_row
from tui550.core.domain import ProjectView
from tui550.core.errors import UserError
from tui550.core.month_text import amount_text
from tui550.core.project_form import month_figures, parse_month
from tui550.core.store.project_months import project_months, set_month
from tui550.i18n import t

FIELDS = ("month", "invested", "progress")


class MonthDialog(LedgerDialog[bool]):
    """Enter saves the month and stays open for the next; Esc closes."""

    BINDINGS: ClassVar[BindingList] = [
        Binding("escape", "close", show=False),
        Binding("down", "app.focus_next", show=False),
        Binding("up", "app.focus_previous", show=False),
    ]

    def __init__(self, project: ProjectView) -> None:
        super().__init__()
        self.project = project
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(t("lui.months.title", name=self.project.name)), classes="title")
            yield DataTable(id="months", cursor_type="row", show_cursor=False)
            for name in FIELDS:
                yield from form_row(t(f"lui.months.{name}"), "", f"m-{name}")
            yield Static(classes="problem")
            yield Static(Text(t("lui.months.hint")), classes="hint")

    def on_mount(self) -> None:
        table = self.query_one("#months", DataTable)
        for name in ("month", "invested", "year", "progress"):
            table.add_column(t(f"lui.months.col.{name}"), key=name)
        today = self.today()
        last = (
            today.replace(day=1).replace(month=today.month - 1)
            if today.month > 1
            else today.replace(year=today.year - 1, month=12, day=1)
        )
        self.query_one("#m-month", Input).value = f"{last.year}-{last.month:02d}"
        self.show_problem(None)
        self.refresh_months()
        self.query_one("#m-invested", Input).focus()

    def refresh_months(self) -> None:
        table = self.query_one("#months", DataTable)
        table.clear()
        for f in project_months(self.db, self.project.id):
            pct = "" if f.progress_pct is None else f"{amount_text(f.progress_pct)}%"
            table.add_row(
                Text(f"{f.month.year}-{f.month.month:02d}"),
                Text(amount_text(f.invested), justify="right"),
                Text(amount_text(f.year_invested), justify="right"),
                Text(pct, justify="right"),
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        values = {name: self.query_one(f"#m-{name}", Input).value for name in FIELDS}
        try:
            month = parse_month(values["month"], self.today())
            invested, pct = month_figures(values["invested"], values["progress"])
            set_month(self.db, self.project.id, month, invested=invested, progress_pct=pct)
        except UserError as exc:
            self.show_problem(exc)
            return
        self.changed = True
        self.show_problem(None)
        for name in ("invested", "progress"):
            self.query_one(f"#m-{name}", Input).value = ""
        self.refresh_months()
        self.query_one("#m-invested", Input).focus()

    def action_close(self) -> None:
        self.dismiss(self.changed)
