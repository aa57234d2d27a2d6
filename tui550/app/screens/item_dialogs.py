"""The dialogs of an item on a list: editing it (E) and reading its history (H).

The edit dialog is the capture line again: the item as a quick-add line, with the
same live preview of what Enter will save, and its due date written as the room
says it (7月31日; the year only when it is not the meeting's). An unchanged date is
kept as it was even if it has passed since: editing an overdue item's text must not
be refused for its date. The history names fields, kinds, statuses, units and
projects in the interface language (`core.history_labels`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from tui550.app.commands import BindingList
from tui550.app.screens.dialogs import CANCEL_AT_ONCE, Dialog
from tui550.app.widgets.capture import SteadyInput
from tui550.core.clock import to_local
from tui550.core.deadlines import parse_deadline
from tui550.core.history_labels import describe
from tui550.core.quickadd import QuickAdd, UnitRef, render_quickadd
from tui550.core.store import items
from tui550.i18n import t

if TYPE_CHECKING:
    from tui550.core.db import Database
    from tui550.core.domain import ItemView, UnitView
    from tui550.core.quickadd import QuickAdd

# What the preview shows for a line: the text, and whether it has a problem.
Preview = Callable[[str], tuple[Text, bool]]
PAST_KEY = "parse.deadline.past"


def due_phrase(due: date, meeting_date: date) -> str:
    """`due` as the room would say it, checked to mean that very date on the meeting's
    day (a passed date means it too: it is kept, see `keep_unchanged_due`)."""
    args = {"y": due.year, "m": due.month, "d": due.day}
    for key in ("edit.due.this_year", "edit.due.other_year"):
        if key == "edit.due.this_year" and due.year != meeting_date.year:
            continue
        phrase = t(key, **args)
        result = parse_deadline(phrase, meeting_date)
        if result.date == due or (result.key == PAST_KEY and result.args.get("date") == due):
            return phrase
    return due.isoformat()


def edit_line(item: ItemView, unit_list: Sequence[UnitView], meeting_date: date) -> str:
    """The item as the quick-add line the edit dialog starts from."""
    refs = {u.id: UnitRef(u.id, u.name, u.aliases) for u in unit_list}
    q = QuickAdd(
        kind=item.kind.value,
        tag=item.tag.value if item.tag else None,
        text=item.text,
        lead_unit=refs.get(item.lead_unit.id) if item.lead_unit else None,
        co_units=tuple(refs[u.id] for u in item.co_units if u.id in refs),
        due=item.due,
        cadence=item.cadence,
        category=item.category,
    )
    return render_quickadd(q, due_text=due_phrase(item.due, meeting_date) if item.due else None)


def keep_unchanged_due(q: QuickAdd, item: ItemView) -> QuickAdd:
    """`q` with the item's own due date accepted even though it has passed: refusing a
    past date protects a new deadline, not one the item already had."""
    past = [p for p in q.problems if p.key == PAST_KEY and p.args.get("date") == item.due]
    if not past or item.due is None:
        return q
    return replace(q, due=item.due, problems=tuple(p for p in q.problems if p not in past))


class EditItemDialog(Dialog[tuple[str, str] | None]):
    """Edit an item as its quick-add line (and, for issues, its resolution steps), seeing
    what Enter will save as it is typed."""

    BINDINGS: ClassVar[BindingList] = [CANCEL_AT_ONCE]
    DEFAULT_CSS = """
    EditItemDialog #edit-preview { height: auto; max-height: 6; color: $foreground; }
    EditItemDialog #edit-preview.-problem { color: $error; text-style: bold; }
    """

    def __init__(self, title: str, line: str, preview: Preview, steps: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.line = line
        self.preview = preview
        self.steps = steps

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.title_text), classes="title")
            # The cursor at the end, nothing selected: the first key must not replace the item.
            yield SteadyInput(self.line, id="line", select_on_focus=False)
            yield Static(id="edit-preview", markup=False)
            if self.steps is not None:
                yield Label(t("dialog.steps"))
                yield SteadyInput(
                    self.steps, id="steps", placeholder=t("dialog.steps.placeholder"), select_on_focus=False
                )
            yield Static(Text(t("dialog.edit.hint")), classes="hint")

    def on_mount(self) -> None:
        self._show_preview(self.line)
        self.call_after_refresh(self._show_end)

    def _show_end(self) -> None:
        """The cursor at the end and the end in view (the units and date said last): an Input
        scrolls to its cursor only when the cursor moves, so it is moved there from the start."""
        line = self.query_one("#line", Input)
        line.cursor_position = 0
        line.cursor_position = len(line.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "line":
            self._show_preview(event.value)

    def _show_preview(self, line: str) -> None:
        understood, problem = self.preview(line)
        text = Text(t("edit.preview.label"), style="bold")
        text.append_text(understood)
        preview = self.query_one("#edit-preview", Static)
        preview.update(text)
        preview.set_class(problem, "-problem")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        steps = self.query_one("#steps", Input).value if self.steps is not None else ""
        self.dismiss((self.query_one("#line", Input).value, steps))

    def action_cancel(self) -> None:
        self.dismiss(None)


def history_text(db: Database, item_id: uuid.UUID, tz: str) -> Text:
    """An item's whole history, oldest first: when, who, what, and each field's change."""
    entries = items.history_of(db, item_id)
    names = items.history_names(db, entries)
    body = Text()
    for entry in entries:
        when = to_local(entry.at, tz).strftime("%Y-%m-%d %H:%M")
        body.append(f"{when}  {entry.who}  {t('history.' + entry.action)}\n", style="bold")
        for field, (old, new) in entry.changes.items():
            label, before, after = describe(field, old, new, names)
            after = after or t("history.empty_value")
            line = (
                t("history.change", f=label, old=before, new=after)
                if before
                else t("history.change.set", f=label, new=after)
            )
            body.append(f"    {line}\n")
    return body
