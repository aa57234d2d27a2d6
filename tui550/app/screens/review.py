"""Closing a meeting (F10): first fix the decisions and issues that lack an owner or a date.

Each incomplete item is one row: its project, kind, text and what it lacks (the rule is
`core.closing`), and Enter or E completes it in place. F10 closes the meeting at once when
nothing is missing; otherwise a confirmation names how many still are. A close can be
undone (Ctrl+Z) until the meeting is left (Esc).
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from tui550.app.base import AppScreen
from tui550.app.commands import BindingList, bindings
from tui550.app.screens.capture import unit_id_of, unit_ids_of, unit_refs
from tui550.app.screens.dialogs import Choice, ChoiceDialog, LineDialog
from tui550.app.widgets.footer import RoomFooter
from tui550.core.closing import incomplete
from tui550.core.domain import ItemView, MeetingState
from tui550.core.errors import UserError
from tui550.core.quickadd import QuickAdd, UnitRef, parse_quickadd, render_quickadd
from tui550.core.store import items, meetings, units
from tui550.core.text import clean_text
from tui550.i18n import t


class CloseReview(AppScreen):
    BINDINGS: ClassVar[BindingList] = bindings("review")
    HELP_KEY = "help.review"
    DEFAULT_CSS = """
    CloseReview #review-title { padding: 1; text-style: bold; color: $primary; }
    CloseReview #review-empty { padding: 1; }
    CloseReview #lacking { height: 1fr; }
    """

    def __init__(self, meeting_id: uuid.UUID) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.lacking: list[ItemView] = []
        self.closed = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="review-title", markup=False)
            yield DataTable(id="lacking", cursor_type="row", zebra_stripes=True)
            yield Static(Text(t("review.all_complete")), id="review-empty")
        yield RoomFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key in ("project", "kind", "text", "missing"):
            table.add_column(Text(t(f"review.col.{key}")), key=key)
        self.reload()

    def reload(self) -> None:
        db = self.db
        names = {e.project.id: e.project.name for e in meetings.agenda(db, self.meeting_id)}
        rows = incomplete(items.meeting_items(db, self.meeting_id))
        self.lacking = [item for item, _ in rows]
        table = self.query_one(DataTable)
        chosen = table.cursor_row
        table.clear()
        for item, lacks in rows:
            project = names.get(item.project_id, "") if item.project_id else t("meeting.general_page")
            table.add_row(
                Text(project),
                Text(t(f"kind.{item.kind.value}")),
                Text(item.text),
                Text("、".join(t(f"review.missing.{m}") for m in lacks), style="bold"),
                key=str(item.id),
            )
        table.display = bool(rows)
        self.query_one("#review-empty").display = not rows and not self.closed
        title = t("review.closed_title") if self.closed else t("review.title", n=len(rows))
        self.query_one("#review-title", Static).update(Text(title))
        if rows:
            table.move_cursor(row=min(chosen, len(rows) - 1))
            table.focus()

    def selected(self) -> ItemView | None:
        table = self.query_one(DataTable)
        if not self.lacking or not 0 <= table.cursor_row < len(self.lacking):
            return None
        return self.lacking[table.cursor_row]

    def action_edit(self) -> None:
        item = self.selected()
        if item is None or self.closed:
            return
        db = self.db
        unit_list = units.list_units(db)
        refs = {u.id: UnitRef(u.id, u.name, u.aliases) for u in unit_list}
        q = QuickAdd(
            kind=item.kind.value,
            tag=None,
            text=item.text,
            lead_unit=refs.get(item.lead_unit.id) if item.lead_unit else None,
            co_units=tuple(refs[u.id] for u in item.co_units if u.id in refs),
            due=item.due,
            cadence=item.cadence,
            category=item.category,
        )
        meeting = meetings.get_meeting(db, self.meeting_id)

        def done(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            parsed = parse_quickadd(
                clean_text(result[0]), meeting.date, unit_refs(unit_list), default_kind=item.kind.value
            )
            if parsed.problems or not parsed.text:
                self.notify(t("review.edit_problem"), severity="error")
                return
            try:
                items.update_item(
                    db,
                    item.id,
                    item.version,
                    meeting_id=self.meeting_id,
                    text=parsed.text,
                    due=parsed.due,
                    cadence=parsed.cadence,
                    category=parsed.category,
                    lead_unit_id=unit_id_of(parsed.lead_unit),
                    co_unit_ids=unit_ids_of(parsed.co_units),
                )
            except UserError as exc:
                self.notify(f"{exc.message()} {exc.remedy_text() or ''}", severity="error")
            self.reload()

        self.app.push_screen(
            LineDialog(t("edit.title"), render_quickadd(q), hint=t("review.edit_hint")), done
        )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()  # Enter on a row completes it

    def action_confirm(self) -> None:
        if self.closed:
            return
        self.reload()  # what is missing now, not when the screen opened
        count = len(self.lacking)
        if not count:
            self._close()
            return
        close = object()

        def chosen(value: object | None) -> None:
            if value is close:
                self._close()

        self.app.push_screen(
            ChoiceDialog(
                t("review.confirm_title", n=count),
                [Choice(t("review.confirm_back"), None), Choice(t("review.confirm_close", n=count), close)],
                filterable=False,
            ),
            chosen,
        )

    def _close(self) -> None:
        try:
            meetings.close_meeting(self.db, self.meeting_id)
        except UserError as exc:
            self.notify(exc.message(), severity="error")
            return
        self.closed = True
        self.app.notify(t("review.closed"))
        self.reload()

    def action_reopen(self) -> None:
        if not self.closed:
            return
        meeting = meetings.reopen_meeting(self.db, self.meeting_id)
        self.closed = meeting.state is MeetingState.CLOSED
        self.notify(t("review.reopened"))
        self.reload()

    def action_cancel(self) -> None:
        # Leaving a closed meeting makes the close final: the meeting screen goes home.
        self.dismiss(self.closed)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reopen":
            return self.closed
        if action in ("confirm", "edit"):
            return not self.closed
        return True
