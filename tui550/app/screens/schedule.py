"""Backward scheduling (倒排工期) of one project, shown before anything is written.

The fixed date (a date or a deadline phrase, resolved and shown), which phase it
ends (竣工 or 投产) and the phase template (one editable line) give a plan that is
recomputed on every change; phases whose latest start has passed are in the
error colour. Enter writes the plan as the project's deadlines and keeps the
template used as the district's template for next time.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Input, Label, RadioButton, RadioSet, Static

from tui550.app.commands import BindingList
from tui550.app.screens.ledger_base import LedgerDialog, form_row
from tui550.core.deadlines import parse_deadline
from tui550.core.domain import ProjectView
from tui550.core.errors import UserError
from tui550.core.scheduling import (
    Phase,
    PlannedPhase,
    create_backward_deadlines,
    get_phase_template,
    parse_phases_text,
    phases_text,
    plan_backwards,
    save_phase_template,
)
from tui550.core.store.upkeep_meeting import meeting_for_ledger_edits
from tui550.i18n import t

ANCHORS = ("竣工", "投产")


def resolve_end(text: str, today: date) -> date:
    """An ISO date as typed, else a deadline phrase (年底, 2027年6月底, ...) from today."""
    text = text.strip()
    if not text:
        raise UserError("lui.schedule.no_end", "lui.schedule.end.remedy")
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    result = parse_deadline(text, today)
    if result.date is None:
        raise UserError(
            result.key or "lui.schedule.bad_end", "lui.schedule.end.remedy", **{"phrase": text, **result.args}
        )
    return result.date


class ScheduleDialog(LedgerDialog[int | None]):
    BINDINGS: ClassVar[BindingList] = [Binding("escape", "cancel", show=False)]
    DEFAULT_CSS = """
    ScheduleDialog RadioSet { layout: horizontal; border: none; height: 1; padding: 0; background: $panel; }
    ScheduleDialog RadioSet > RadioButton {
        border: none; height: 1; width: auto; padding: 0 2 0 0; background: $panel;
    }
    ScheduleDialog #anchor-row { height: 1; }
    ScheduleDialog #anchor-row > Label { width: 16; }
    """

    def __init__(self, project: ProjectView) -> None:
        super().__init__()
        self.project = project
        self.plan: list[PlannedPhase] = []
        self.end: date | None = None
        self.phases: tuple[Phase, ...] = ()

    def compose(self) -> ComposeResult:
        end = self.project.planned_end.isoformat() if self.project.planned_end else ""
        with Vertical():
            yield Label(Text(t("lui.schedule.title", name=self.project.name)), classes="title")
            yield from form_row(
                t("lui.schedule.end"), end, "end", placeholder=t("lui.schedule.end.placeholder")
            )
            with Horizontal(id="anchor-row"):
                yield Label(Text(t("lui.schedule.anchor")))
                with RadioSet(id="anchor"):
                    for n, name in enumerate(ANCHORS):
                        yield RadioButton(t(f"lui.schedule.anchor.{name}"), value=n == 0)
            yield from form_row(t("lui.schedule.phases"), phases_text(get_phase_template(self.db)), "phases")
            yield Static(id="resolved", classes="note")
            # Only shown: Tab moves between what can be changed.
            yield DataTable(cursor_type="none", id="plan")
            yield Static(classes="problem")
            yield Static(Text(t("lui.schedule.hint")), classes="hint")

    def on_mount(self) -> None:
        table = self.query_one("#plan", DataTable)
        table.can_focus = False
        for key in (
            "lui.col.phase",
            "lui.col.days",
            "lui.col.latest_start",
            "lui.col.latest_end",
            "lui.col.note",
        ):
            table.add_column(t(key))
        self.recompute()
        self.query_one("#end", Input).focus()

    @property
    def anchor_name(self) -> str:
        index = self.query_one("#anchor", RadioSet).pressed_index
        return ANCHORS[max(index, 0)]

    def recompute(self) -> None:
        table = self.query_one("#plan", DataTable)
        table.clear()
        self.plan = []
        resolved = self.query_one("#resolved", Static)
        try:
            self.phases = parse_phases_text(self.query_one("#phases", Input).value)
            self.end = resolve_end(self.query_one("#end", Input).value, self.today())
            self.plan = plan_backwards(self.end, self.phases, today=self.today(), anchor=self.anchor_name)
        except UserError as exc:
            resolved.update(Text(""))
            self.show_problem(exc)
            return
        self.show_problem(None)
        resolved.update(
            Text(
                t(
                    "lui.schedule.resolved",
                    anchor=t(f"lui.schedule.anchor.{self.anchor_name}"),
                    date=self.end.isoformat(),
                    weekday=t(f"lui.weekday.{self.end.weekday()}"),
                )
            )
        )
        error = self.app.theme_variables.get("error", "red")
        for phase in self.plan:
            style = f"bold {error}" if phase.late else ""
            table.add_row(
                Text(phase.name, style=style),
                Text(str(phase.days)),
                Text(phase.latest_start.isoformat(), style=style),
                Text(phase.latest_end.isoformat()),
                Text(t("lui.schedule.late") if phase.late else "", style=style),
            )

    def on_input_changed(self, event: Input.Changed) -> None:
        self.recompute()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self.recompute()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.create()

    def create(self) -> None:
        self.recompute()
        if not self.plan or self.end is None:
            self.app.bell()
            return
        try:
            meeting = meeting_for_ledger_edits(self.db, self.today())
            made = create_backward_deadlines(
                self.db,
                self.project.id,
                meeting.id,
                self.end,
                today=self.today(),
                anchor=self.anchor_name,
                phases=self.phases,
            )
            if self.phases != get_phase_template(self.db):
                save_phase_template(self.db, self.phases)
        except UserError as exc:
            self.show_problem(exc)
            return
        self.dismiss(len(made))

    def action_cancel(self) -> None:
        self.dismiss(None)
