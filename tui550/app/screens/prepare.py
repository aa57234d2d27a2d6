"""Preparing a meeting: the header block on the left, the agenda on the right.

The agenda starts from a rule (every project; those with overdue, then open items
first; one street, unit or category, or all grouped by it) and is then arranged
by hand: move, remove, and lengthen or shorten a project's time box by a minute.
Choosing another rule starts the list again from that rule. Attendance, chair and
place come from the last meeting that recorded them, and the issue number follows
the last one. Open and overdue counts are as of the meeting's date. Enter moves to
the next field; only F10 (or the form's own button) creates the meeting, prepared
(planned) with its whole agenda in one transaction: it is started on its day from
the meetings list.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, time
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Button, DataTable, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from tui550.app.commands import BindingList, bindings
from tui550.app.screens.ledger_base import LedgerDialog, form_row
from tui550.core.clock import zone
from tui550.core.domain import UnitKind
from tui550.core.errors import UserError
from tui550.core.quickadd import Problem, match_category
from tui550.core.store import lifecycle, meetings, projects, units
from tui550.core.store.agenda import (
    MAX_TIME_BOX_S,
    AgendaRule,
    PlannedEntry,
    copy_attendance_from_last,
    plan_agenda,
)
from tui550.core.unit_names import resolve_unit
from tui550.i18n import t

FIELDS = (
    "title",
    "date",
    "time",
    "place",
    "chair",
    "attendees",
    "non_voting",
    "absentees",
    "recorder",
    "issue_no",
)
RULES = tuple(AgendaRule)
PLAN_DELAY_S = 0.15


class NewMeetingDialog(LedgerDialog[object | None]):
    BINDINGS: ClassVar[BindingList] = [Binding("escape", "cancel", show=False), *bindings("prepare")]
    COMMAND_SCOPES = ("prepare",)
    DEFAULT_CSS = """
    NewMeetingDialog > Vertical { width: 96%; max-width: 150; height: 32; }
    NewMeetingDialog #prep-body { height: 1fr; }
    NewMeetingDialog #prep-head { width: 44; height: 100%; padding: 0 1 0 0; }
    NewMeetingDialog #prep-head .row > Label { width: 10; }
    NewMeetingDialog #create { margin: 1 0 0 10; }
    NewMeetingDialog #prep-agenda { width: 1fr; height: 100%; }
    NewMeetingDialog #rule { height: 5; max-height: 5; border: none; padding: 0; }
    NewMeetingDialog #agenda { height: 1fr; max-height: 100%; }
    NewMeetingDialog .section { color: $primary; text-style: bold; height: 1; }
    NewMeetingDialog #agenda-sum { height: 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[PlannedEntry] = []
        self._plan_timer: Timer | None = None

    def _defaults(self) -> dict[str, str]:
        settings = self.settings
        values = {
            "title": t("new.default_title", district=settings.district),
            "date": self.today().isoformat(),
            "time": "09:00",
            "issue_no": lifecycle.next_issue_no(self.db) or "",
        }
        last = copy_attendance_from_last(self.db)
        if last is not None:
            values.update(
                {
                    k: v or ""
                    for k, v in (
                        ("place", last.place),
                        ("chair", last.chair),
                        ("attendees", last.attendees),
                        ("non_voting", last.non_voting),
                    )
                }
            )
            values["recorder"] = meetings.get_meeting(self.db, last.meeting_id).recorder or ""
        return values

    def compose(self) -> ComposeResult:
        defaults = self._defaults()
        with Vertical():
            yield Label(Text(t("new.title")), classes="title")
            with Horizontal(id="prep-body"):
                with VerticalScroll(id="prep-head"):
                    for name in FIELDS:
                        yield from form_row(t(f"new.field.{name}"), defaults.get(name, ""), f"f-{name}")
                    # For the mouse; the keyboard's way is F10, so Tab passes it by.
                    create = Button(t("prep.create_button"), id="create", variant="primary")
                    create.can_focus = False
                    yield create
                with Vertical(id="prep-agenda"):
                    yield Static(Text(t("prep.rule")), classes="section")
                    yield OptionList(
                        *(Option(Text(t(f"prep.rule.{r.value}")), id=r.value) for r in RULES), id="rule"
                    )
                    yield from form_row(
                        t("prep.value"), "", "rule-value", placeholder=t("prep.value.placeholder")
                    )
                    yield Static(classes="problem")
                    yield DataTable(cursor_type="row", id="agenda")
                    yield Static(id="agenda-sum", classes="note")
            yield Static(Text(t("prep.hint")), classes="hint")

    def on_mount(self) -> None:
        table = self.query_one("#agenda", DataTable)
        for key in (
            "prep.col.n",
            "prep.col.project",
            "prep.col.minutes",
            "prep.col.open",
            "prep.col.overdue",
        ):
            table.add_column(t(key))
        rule = self.query_one("#rule", OptionList)
        rule.highlighted = 0
        self.replan()
        self.query_one("#f-title", Input).focus()

    # --- the rule ----------------------------------------------------------------------
    @property
    def rule(self) -> AgendaRule:
        index = self.query_one("#rule", OptionList).highlighted
        return RULES[index or 0]

    def replan(self) -> None:
        rule = self.rule
        value = self.query_one("#rule-value", Input).value.strip()
        options: dict[str, object] = {}
        try:
            if value and rule is AgendaRule.STREET:
                street = resolve_unit(value, units.list_units(self.db), prefer=UnitKind.STREET)
                options["street"] = street.name
            elif value and rule is AgendaRule.UNIT:
                options["unit_id"] = resolve_unit(value, units.list_units(self.db)).id
            elif value and rule is AgendaRule.CATEGORY:
                known = sorted({p.category for p in projects.list_projects(self.db) if p.category})
                found = match_category(value, known)
                if isinstance(found, Problem):
                    raise UserError(found.key, **found.args)
                if found[1]:
                    raise UserError("prep.no_category", name=value)
                options["category"] = found[0]
            self.entries = plan_agenda(
                self.db,
                rule,
                time_box_minutes=self.settings.time_box_minutes,
                today=self.meeting_day(),
                **options,  # type: ignore[arg-type]
            )
        except UserError as exc:
            self.entries = []
            self.show_problem(exc)
        else:
            self.show_problem(None)
        self.show_agenda()

    def meeting_day(self) -> date:
        """The date typed in the form (today while it is not a date): what the agenda's
        open and overdue counts are judged on."""
        try:
            return date.fromisoformat(self.query_one("#f-date", Input).value.strip())
        except ValueError:
            return self.today()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.replan()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("rule-value", "f-date"):
            if self._plan_timer is not None:
                self._plan_timer.stop()
            self._plan_timer = self.set_timer(PLAN_DELAY_S, self.replan)

    def action_next_field(self) -> None:
        """Enter moves on, as on a paper form: only F10 creates. A stray Enter must not make
        a meeting with half its header (chair, attendance) still empty. From the rule's
        value it plans the agenda and goes to it; on the agenda it does nothing."""
        focused = self.focused
        if isinstance(focused, DataTable):
            return
        if isinstance(focused, Input) and focused.id == "rule-value":
            if self._plan_timer is not None:
                self._plan_timer.stop()
            self.replan()
            self.query_one("#agenda", DataTable).focus()
            return
        self.focus_next()

    # --- the list ----------------------------------------------------------------------
    def show_agenda(self, cursor: int = 0) -> None:
        table = self.query_one("#agenda", DataTable)
        table.clear()
        error = self.app.theme_variables.get("error", "red")
        for n, e in enumerate(self.entries, start=1):
            table.add_row(
                Text(str(n)),
                Text(e.name),
                Text(str(e.time_box_s // 60), justify="right"),
                Text(str(e.open_items or ""), justify="right"),
                Text(
                    str(e.overdue_items or ""),
                    justify="right",
                    style=f"bold {error}" if e.overdue_items else "",
                ),
            )
        if self.entries:
            table.move_cursor(row=min(cursor, len(self.entries) - 1), animate=False)
        minutes = sum(e.time_box_s for e in self.entries) // 60
        self.query_one("#agenda-sum", Static).update(
            Text(t("prep.sum", count=len(self.entries), minutes=minutes))
        )

    def _agenda_row(self) -> int | None:
        table = self.query_one("#agenda", DataTable)
        if not table.has_focus or not self.entries:
            return None
        return table.cursor_row

    def action_move(self, step: int) -> None:
        row = self._agenda_row()
        if row is None:
            return
        target = min(max(row + step, 0), len(self.entries) - 1)
        entry = self.entries.pop(row)
        self.entries.insert(target, entry)
        self.show_agenda(target)

    def action_time_box(self, step: int) -> None:
        row = self._agenda_row()
        if row is None:
            return
        entry = self.entries[row]
        seconds = min(max(entry.time_box_s + step, 60), MAX_TIME_BOX_S)
        self.entries[row] = dataclasses.replace(entry, time_box_s=seconds)
        self.show_agenda(row)

    def action_remove_entry(self) -> None:
        row = self._agenda_row()
        if row is None:
            return
        del self.entries[row]
        self.show_agenda(row)

    # --- creating ----------------------------------------------------------------------
    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_create()

    def action_create(self) -> None:
        values = {name: self.query_one(f"#f-{name}", Input).value.strip() for name in FIELDS}
        settings = self.settings
        try:
            day = date.fromisoformat(values["date"])
            hour = time.fromisoformat(values["time"] or "09:00")
        except ValueError:
            self.show_problem(t("new.bad_date"))
            return
        starts = datetime.combine(day, hour, tzinfo=zone(settings.tz)).astimezone(UTC)
        try:
            meeting = meetings.create_meeting(
                self.db,
                values["title"],
                day,
                starts_at=starts,
                project_ids=[e.project_id for e in self.entries],
                time_box_s=settings.time_box_minutes * 60,
                time_boxes={e.project_id: e.time_box_s for e in self.entries},
                place=values["place"] or None,
                chair=values["chair"] or None,
                attendees=values["attendees"] or None,
                non_voting=values["non_voting"] or None,
                absentees=values["absentees"] or None,
                recorder=values["recorder"] or None,
                issue_no=values["issue_no"] or None,
            )
        except UserError as exc:
            self.show_problem(exc)
            return
        self.dismiss(meeting.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
