"""Closing a meeting: first fix the decisions and issues that lack an owner or a date."""

from __future__ import annotations

import uuid
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui550.app.base import AppScreen
from tui550.app.commands import BindingList, bindings
from tui550.app.widgets.footer import RoomFooter
from tui550.app.widgets.items import ItemTable
from tui550.core.domain import ItemView
from tui550.core.store import items, meetings
from tui550.i18n import t


class CloseReview(AppScreen):
    BINDINGS: ClassVar[BindingList] = bindings("review")
    HELP_KEY = "help.review"
    DEFAULT_CSS = """
    CloseReview #review-title { padding: 1; text-style: bold; color: $primary; }
    CloseReview #review-empty { padding: 1; }
    """

    def __init__(self, meeting_id: uuid.UUID) -> None:
        super().__init__()
        self.meeting_id = meeting_id

    def compose(self) -> ComposeResult:
        settings = self.settings
        with Vertical():
            yield Static(id="review-title", markup=False)
            yield ItemTable(today=self.today(), yellow_days=settings.yellow_days,
                            id="lacking")
            yield Static(Text(t("review.all_complete")), id="review-empty")
        yield RoomFooter()

    def on_mount(self) -> None:
        self.reload()

    def lacking(self) -> list[ItemView]:
        db = self.db
        return [i for i in items.meeting_items(db, self.meeting_id)
                if i.lacks_owner_or_deadline]

    def reload(self) -> None:
        lacking = self.lacking()
        table = self.query_one(ItemTable)
        table.set_items(lacking)
        table.display = bool(lacking)
        self.query_one("#review-empty").display = not lacking
        self.query_one("#review-title", Static).update(Text(t("review.title", n=len(lacking))))
        if lacking:
            table.focus()

    def action_edit(self) -> None:
        from tui550.app.screens.capture import unit_id_of, unit_ids_of, unit_refs
        from tui550.app.screens.dialogs import LineDialog
        from tui550.core.quickadd import QuickAdd, UnitRef, parse_quickadd, render_quickadd
        from tui550.core.store import units

        table = self.query_one(ItemTable)
        item = table.selected()
        if item is None:
            return
        db = self.db
        unit_list = units.list_units(db)
        refs = {u.id: UnitRef(u.id, u.name, u.aliases) for u in unit_list}
        q = QuickAdd(kind=item.kind.value, tag=None, text=item.text,
                     lead_unit=refs.get(item.lead_unit.id) if item.lead_unit else None,
                     co_units=tuple(refs[u.id] for u in item.co_units if u.id in refs),
                     due=item.due, cadence=item.cadence, category=item.category)
        meeting = meetings.get_meeting(db, self.meeting_id)

        def done(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            parsed = parse_quickadd(result[0], meeting.date, unit_refs(unit_list),
                                    default_kind=item.kind.value)
            if parsed.problems or not parsed.text:
                self.notify(t("review.edit_problem"), severity="error")
                return
            items.update_item(db, item.id, item.version, meeting_id=self.meeting_id,
                              text=parsed.text, due=parsed.due, cadence=parsed.cadence,
                              category=parsed.category,
                              lead_unit_id=unit_id_of(parsed.lead_unit),
                              co_unit_ids=unit_ids_of(parsed.co_units))
            self.reload()

        self.app.push_screen(LineDialog(t("edit.title"), render_quickadd(q),
                                        hint=t("review.edit_hint")), done)

    def action_confirm(self) -> None:
        meetings.close_meeting(self.db, self.meeting_id)
        self.app.notify(t("review.closed"))
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
