"""Dialogs of the projects screen: a project's fields, its responsible units, its deadlines.

Each saves through `core.store` at once and returns whether anything changed, so
the screen reloads only what it must.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from tui550.app.commands import BindingList
from tui550.app.screens.capture import understood_text, unit_id_of, unit_ids_of, unit_refs
from tui550.app.screens.dialogs import MessageDialog
from tui550.app.screens.ledger_base import LedgerDialog, form_row
from tui550.app.widgets.items import LIGHT_VARS, due_text, units_text
from tui550.core.domain import ItemView, Kind, ProjectView, UnitKind, UnitView
from tui550.core.errors import ConflictError, UserError
from tui550.core.lights import light
from tui550.core.project_form import BLANK, FORM_FIELDS, field_label, form_changes, form_values
from tui550.core.quickadd import QuickAdd, parse_quickadd
from tui550.core.store import items, projects, units
from tui550.core.store.upkeep_meeting import meeting_for_ledger_edits
from tui550.core.unit_names import resolve_unit
from tui550.i18n import t

NAV: BindingList = [
    Binding("escape", "cancel", show=False),
    Binding("down", "app.focus_next", show=False),
    Binding("up", "app.focus_previous", show=False),
]


class ProjectForm(LedgerDialog[bool]):
    """Every field of a project, saved against the version it was read at; given the
    blank project (`project_form.BLANK`), the same fields make a new one."""

    BINDINGS: ClassVar[BindingList] = NAV

    def __init__(self, project: ProjectView) -> None:
        super().__init__()
        self.project = project

    def compose(self) -> ComposeResult:
        values = form_values(self.project)
        with Vertical():
            title = t("lui.form.new") if self.adding else t("lui.form.title", name=self.project.name)
            yield Label(Text(title), classes="title")
            for name in FORM_FIELDS:
                yield from form_row(field_label(name), values[name], f"f-{name}")
            yield Static(classes="problem")
            hint = t("lui.form.new_hint") if self.adding else t("lui.form.hint", version=self.project.version)
            yield Static(Text(hint), classes="hint")

    @property
    def adding(self) -> bool:
        return self.project.id == BLANK.id

    def on_mount(self) -> None:
        self.show_problem(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save()

    def save(self) -> None:
        values = {name: self.query_one(f"#f-{name}", Input).value for name in FORM_FIELDS}
        try:
            added = units.add_units_named(
                self.db, [(values["street"], UnitKind.STREET), (values["lead_unit"], None)]
            )
            if added:
                self.notify(t("lui.units.added", names="、".join(u.name for u in added)))
            changes = form_changes(self.project, values, units.list_units(self.db), self.today())
            if self.adding:
                projects.add_project(self.db, changes.pop("name", ""), **changes)
                changes["added"] = True
            elif changes:
                projects.update_project(self.db, self.project.id, self.project.version, **changes)
        except ConflictError as exc:
            # Someone saved this project since it was read: say so, and let the screen
            # reload it so the next edit starts from what is stored.
            body = Text(exc.message() + "\n" + (exc.remedy_text() or ""))

            def closed(_: None) -> None:
                self.dismiss(True)

            self.app.push_screen(MessageDialog(t("lui.conflict.title"), body), closed)
            return
        except UserError as exc:
            self.show_problem(exc)
            return
        self.dismiss(bool(changes))

    def action_cancel(self) -> None:
        self.dismiss(False)


class UnitsDialog(LedgerDialog[bool]):
    """Responsible units (责任单位): type a name to add it, `-name` or Delete to remove one."""

    BINDINGS: ClassVar[BindingList] = [
        Binding("escape", "cancel", show=False),
        Binding("delete", "remove", show=False),
    ]

    def __init__(self, project: ProjectView) -> None:
        super().__init__()
        self.project = project
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(t("lui.units.title", name=self.project.name)), classes="title")
            yield Static(id="lead", classes="note")
            yield OptionList(id="units")
            yield Input(id="unit-line", placeholder=t("lui.units.placeholder"))
            yield Static(classes="problem")
            yield Static(Text(t("lui.units.hint")), classes="hint")

    def on_mount(self) -> None:
        self.show_problem(None)
        self._show()
        self.query_one("#unit-line", Input).focus()

    def _show(self) -> None:
        lead = self.project.lead_unit.name if self.project.lead_unit else t("lui.none")
        self.query_one("#lead", Static).update(Text(t("lui.units.lead", name=lead)))
        options = self.query_one("#units", OptionList)
        options.clear_options()
        options.add_options([Option(Text(u.name), id=str(u.id)) for u in self.project.units])
        if options.option_count:
            options.highlighted = 0

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        line = event.value.strip()
        if not line:
            return
        removing = line[0] in "-－"
        try:
            unit = resolve_unit(line.lstrip("-－").strip(), units.list_units(self.db))
            if removing:
                self.project = projects.remove_project_units(self.db, self.project.id, [unit.id])
            else:
                self.project = projects.add_project_units(self.db, self.project.id, [unit.id])
        except UserError as exc:
            self.show_problem(exc)
            return
        self.changed = True
        self.show_problem(None)
        event.input.value = ""
        self._show()

    def action_remove(self) -> None:
        options = self.query_one("#units", OptionList)
        if not options.has_focus or options.highlighted is None:
            return
        unit_id = self.project.units[options.highlighted].id
        self.project = projects.remove_project_units(self.db, self.project.id, [unit_id])
        self.changed = True
        self._show()

    def action_cancel(self) -> None:
        self.dismiss(self.changed)


class DeadlinesDialog(LedgerDialog[bool]):
    """A project's deadlines (时间节点) from every meeting; a quick-add line adds one.

    The new deadline belongs to the meeting in progress, or else to the day's
    ledger-upkeep meeting (see `core.store.upkeep`); its owner defaults to the
    project's lead unit.
    """

    BINDINGS: ClassVar[BindingList] = [Binding("escape", "cancel", show=False)]

    def __init__(self, project: ProjectView) -> None:
        super().__init__()
        self.project = project
        self.changed = False
        self.unit_list: list[UnitView] = []
        self.rows: list[ItemView] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(t("lui.deadlines.title", name=self.project.name)), classes="title")
            yield DataTable(cursor_type="row", id="deadlines")
            yield Static(id="no-deadlines", classes="note")
            yield Input(id="deadline-line", placeholder=t("lui.deadlines.placeholder"))
            yield Static(id="preview", classes="note")
            yield Static(classes="problem")
            yield Static(Text(t("lui.deadlines.hint")), classes="hint")

    def on_mount(self) -> None:
        self.unit_list = units.list_units(self.db)
        table = self.query_one("#deadlines", DataTable)
        for key in ("lui.col.deadline", "lui.col.owner", "lui.col.due", "lui.col.status"):
            table.add_column(t(key))
        self.show_problem(None)
        self._load()
        self.query_one("#deadline-line", Input).focus()

    def _load(self) -> None:
        self.rows = items.project_deadlines(self.db, self.project.id)
        table = self.query_one("#deadlines", DataTable)
        table.clear()
        today = self.today()
        colours = self.app.theme_variables
        for item in self.rows:
            lit = light(item.status, item.due_on(today), today, self.settings.yellow_days)
            due = Text(due_text(item, today.year), style=colours.get(LIGHT_VARS[lit], ""))
            status = t(f"status.{item.status.value}") if item.status else ""
            table.add_row(Text(item.text), Text(units_text(item)), due, Text(status), key=str(item.id))
        table.display = bool(self.rows)
        empty = self.query_one("#no-deadlines", Static)
        empty.update(Text(t("lui.deadlines.none")))
        empty.display = not self.rows

    def _parse(self, line: str) -> QuickAdd:
        return parse_quickadd(line, self.today(), unit_refs(self.unit_list), default_kind="deadline")

    def on_input_changed(self, event: Input.Changed) -> None:
        if not event.value.strip():
            self.query_one("#preview", Static).update(Text(t("lui.deadlines.where")))
            return
        text, _ = understood_text(self._parse(event.value))
        self.query_one("#preview", Static).update(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        q = self._parse(event.value)
        if q.is_empty or not q.text:
            self.show_problem(t("lui.deadlines.need_text"))
            return
        if q.problems:
            self.show_problem(understood_text(q)[0].plain)
            return
        if q.due is None:
            self.show_problem(t("lui.deadlines.need_date"))
            return
        lead = unit_id_of(q.lead_unit) or (self.project.lead_unit.id if self.project.lead_unit else None)
        try:
            meeting = meeting_for_ledger_edits(self.db, self.today())
            items.capture(
                self.db,
                meeting_id=meeting.id,
                project_id=self.project.id,
                kind=Kind.DEADLINE,
                text=q.text,
                lead_unit_id=lead,
                co_unit_ids=unit_ids_of(q.co_units),
                due=q.due,
            )
        except UserError as exc:
            self.show_problem(exc)
            return
        self.changed = True
        self.show_problem(None)
        event.input.value = ""
        self.notify(t("lui.deadlines.saved", meeting=meeting.title))
        self._load()

    def action_cancel(self) -> None:
        self.dismiss(self.changed)
