"""Follow-up of items from earlier meetings, one key each: reported done, closed
(销号, with the verification note and verifier asked in a small form), extended
(the new date through the deadline parser, with the reason) and escalated.

`FollowupActions` is shared by the meeting screen (its carried list) and the
supervision screen. A screen supplies the selected item, the meeting the change
is recorded against, and what to refresh afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from tui550.app.base import AppScreen
from tui550.app.commands import BindingList
from tui550.app.screens.dialogs import Dialog
from tui550.app.widgets.items import ItemTable
from tui550.core.domain import ItemView
from tui550.core.errors import UserError
from tui550.core.followup.rules import Rules
from tui550.core.followup.views import SupervisionRow
from tui550.core.store import followup, items, supervision
from tui550.i18n import t

FOLLOWUP_ACTIONS = ("followup_report", "followup_close", "followup_extend", "followup_escalate")


class FormDialog(Dialog[list[str] | None]):
    """A few labelled lines; Enter moves to the next and confirms on the last.
    `preview` turns the values into a line shown under the fields as they change."""

    DEFAULT_CSS = """
    FormDialog #form-preview { color: $primary; text-style: bold; height: auto; }
    """
    # Enter moves to the next field the moment it arrives (a priority binding), so the keys
    # typed right behind it land there; confirming waits for the keys typed before it.
    BINDINGS: ClassVar[BindingList] = [
        Binding("escape", "cancel", show=False),
        Binding("enter", "next_field", show=False, priority=True),
    ]

    def __init__(
        self,
        title: str,
        fields: Sequence[tuple[str, str, str]],
        *,
        preview: Callable[[list[str]], Text] | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.fields = list(fields)
        self.preview = preview

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.title_text), classes="title")
            for n, (label, value, placeholder) in enumerate(self.fields):
                yield Label(Text(label))
                yield Input(value, placeholder=placeholder, id=f"field-{n}")
            yield Static(id="form-preview")
            yield Static(Text(t("form.hint")), classes="hint")

    def on_mount(self) -> None:
        self._show_preview()

    def values(self) -> list[str]:
        return [self.query_one(f"#field-{n}", Input).value for n in range(len(self.fields))]

    def _show_preview(self) -> None:
        box = self.query_one("#form-preview", Static)
        box.display = self.preview is not None
        if self.preview is not None:
            box.update(self.preview(self.values()))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show_preview()

    def action_next_field(self) -> None:
        field = self.focused
        index = int((field.id or "field-0").removeprefix("field-")) if isinstance(field, Input) else 0
        if index + 1 < len(self.fields):
            # At once, not after the keys queued in the app (`Widget.focus` waits for them).
            self.set_focus(self.query_one(f"#field-{index + 1}", Input))
        elif field is not None:
            # Behind the keys still in the field's queue, then on this dialog's own.
            field.call_later(self.call_later, self._confirm)
        else:
            self._confirm()

    def _confirm(self) -> None:
        self.dismiss(self.values())

    def action_cancel(self) -> None:
        self.dismiss(None)


class FollowupActions(AppScreen):
    """The four follow-up keys. Subclasses override the three hooks below."""

    def followup_item(self) -> ItemView | None:
        """The item the keys act on (the list's selected row), or None."""
        table = self.focused
        if isinstance(table, ItemTable) and table.carried:
            return table.selected()
        return None

    def followup_meeting_id(self) -> uuid.UUID | None:
        return getattr(self, "meeting_id", None)

    def followup_changed(self, item: ItemView) -> None:
        """Show the item as saved (closed items leave the open lists)."""
        self.refresh_carried(item)

    # --- shared by the hooks --------------------------------------------------------
    def followup_rules(self) -> Rules:
        return self.db.rules  # the app's settings, handed to the store

    def followup_info(self, items: Sequence[ItemView]) -> dict[uuid.UUID, SupervisionRow]:
        """Escalation, lateness and the carried badge of these items, as of today (the badge
        counts the meetings before the one on screen)."""
        if not items:
            return {}
        rows = supervision.supervision_rows(
            self.db,
            item_ids=[i.id for i in items],
            now=self.tui.clock.now(),
            rules=self.followup_rules(),
            seen_from=self.followup_meeting_id(),
        )
        return {r.item.id: r for r in rows}

    def show_carried(self, table: ItemTable, items: Sequence[ItemView]) -> None:
        table.set_items(items, self.followup_info(items))

    def refresh_carried(self, item: ItemView) -> None:
        """Re-read the meeting's carried list after a change, keeping the cursor."""
        table = self.query_one("#carried", ItemTable)
        project_id = getattr(self, "project_id", None)
        if project_id is None:
            return
        fresh = items.open_items_for(self.db, project_id, excluding_meeting=self.followup_meeting_id())
        self.show_carried(table, fresh)
        if any(i.id == item.id for i in fresh):
            table.select(item.id)

    def _target(self) -> ItemView | None:
        item = self.followup_item()
        if item is None:
            self.notify(t("carried.none"), severity="warning")
        return item

    def _apply(self, write: Callable[[], ItemView], done_key: str, **args: Any) -> None:
        try:
            item = write()
        except UserError as exc:
            self.notify(f"{exc.message()} {exc.remedy_text() or ''}".strip(), severity="error")
            self.app.bell()
            return
        self.notify(t(done_key, text=_short(item.text), **args))
        self.followup_changed(item)

    # --- the actions ----------------------------------------------------------------
    def action_followup_report(self) -> None:
        item = self._target()
        if item is None:
            return
        self._apply(
            lambda: followup.report_done(
                self.db,
                item.id,
                item.version,
                meeting_id=self.followup_meeting_id(),
                now=self.tui.clock.now(),
                rules=self.followup_rules(),
            ),
            "carried.done.report",
        )

    def action_followup_close(self) -> None:
        item = self._target()
        if item is None:
            return

        def chosen(values: list[str] | None) -> None:
            if values is None:
                return
            note, verifier = values
            self._apply(
                lambda: followup.close_item(
                    self.db,
                    item.id,
                    item.version,
                    note=note,
                    verifier=verifier,
                    meeting_id=self.followup_meeting_id(),
                    now=self.tui.clock.now(),
                ),
                "carried.done.close",
            )

        self.app.push_screen(
            FormDialog(
                t("form.close.title", text=_short(item.text)),
                [
                    (t("form.close.note"), "", t("form.close.note.placeholder")),
                    (t("form.close.verifier"), self.settings.user or "", ""),
                ],
            ),
            chosen,
        )

    def extension_reference(self) -> date:
        """Relative phrases resolve against the meeting's date, else today."""
        meeting = getattr(self, "meeting", None)
        return meeting.date if meeting is not None else self.today()

    def extension_meeting(self) -> uuid.UUID | None:
        return self.followup_meeting_id()

    def action_followup_extend(self) -> None:
        from tui550.core.deadlines import parse_deadline  # compiled patterns: not at start

        item = self._target()
        if item is None:
            return
        meeting_id = self.extension_meeting()
        if meeting_id is None:
            self.notify(t("carried.no_meeting"), severity="error")
            return
        ref = self.extension_reference()

        def preview(values: list[str]) -> Text:
            if not values[0].strip():
                return Text("")
            result = parse_deadline(values[0], ref)
            if result.date is None:
                return Text(t(result.key or "parse.deadline.unknown", **result.args), style="bold")
            return Text(t("form.extend.resolved", date=result.date.isoformat()))

        def chosen(values: list[str] | None) -> None:
            if values is None:
                return
            result = parse_deadline(values[0], ref)
            if result.date is None:
                self.notify(t(result.key or "parse.deadline.unknown", **result.args), severity="error")
                return
            new_due = result.date
            self._apply(
                lambda: followup.extend_item(
                    self.db, item.id, item.version, new_due=new_due, reason=values[1], meeting_id=meeting_id
                ),
                "carried.done.extend",
                due=new_due.isoformat(),
            )

        current = item.due.isoformat() if item.due else item.cadence or "—"
        self.app.push_screen(
            FormDialog(
                t("form.extend.title", text=_short(item.text)),
                [
                    (t("form.extend.due", due=current), "", t("form.extend.due.placeholder")),
                    (t("form.extend.reason"), "", ""),
                ],
                preview=preview,
            ),
            chosen,
        )

    def action_followup_escalate(self) -> None:
        item = self._target()
        if item is None:
            return

        def chosen(values: list[str] | None) -> None:
            if values is None:
                return

            def write() -> ItemView:
                return followup.escalate_item(
                    self.db, item.id, item.version, reason=values[0], meeting_id=self.followup_meeting_id()
                )

            try:
                updated = write()
            except UserError as exc:
                self.notify(f"{exc.message()} {exc.remedy_text() or ''}".strip(), severity="error")
                return
            level = self.followup_info([updated]).get(updated.id)
            name = (
                t(f"escalation.{level.escalation.colour}")
                if level and level.escalation
                else t("escalation.none")
            )
            self.notify(t("carried.done.escalate", text=_short(updated.text), level=name))
            self.followup_changed(updated)

        self.app.push_screen(
            FormDialog(
                t("form.escalate.title", text=_short(item.text)),
                [
                    (t("form.escalate.reason"), "", ""),
                ],
            ),
            chosen,
        )


def _short(text: str, width: int = 24) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
