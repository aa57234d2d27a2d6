"""An item's evidence in the app: the files attached, one attached by its path, and one
taken out into a folder to be opened (the same reading and writing as `tui550 item attach`)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Label, Static

from tui550.app.commands import BindingList
from tui550.app.screens.ledger_base import LedgerDialog, form_row
from tui550.core.clock import to_local
from tui550.core.domain import ItemView
from tui550.core.errors import UserError
from tui550.core.evidence_files import extract_evidence
from tui550.core.followup.rules import Rules
from tui550.core.followup.views import Evidence
from tui550.core.store.followup import attach_evidence, list_evidence
from tui550.i18n import t


class EvidenceDialog(LedgerDialog[bool]):
    """Enter on a file writes it into the folder; Enter on the path line attaches that file."""

    BINDINGS: ClassVar[BindingList] = [
        Binding("escape", "close", show=False),
        Binding("down", "app.focus_next", show=False),
        Binding("up", "app.focus_previous", show=False),
    ]

    def __init__(self, item: ItemView) -> None:
        super().__init__()
        self.item = item
        self.files: list[Evidence] = []
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(t("ev.title", text=self.item.text[:60])), classes="title")
            yield Static(classes="note", id="ev-none")
            yield DataTable(id="ev-files", cursor_type="row")
            yield from form_row(t("ev.attach"), "", "ev-path", placeholder=t("ev.attach.placeholder"))
            yield from form_row(t("ev.folder"), str(Path.cwd()), "ev-folder")
            yield Static(classes="problem")
            yield Static(classes="note", id="ev-done")
            yield Static(Text(t("ev.hint")), classes="hint")

    def on_mount(self) -> None:
        table = self.query_one("#ev-files", DataTable)
        for key in ("name", "size", "when", "who"):
            table.add_column(t(f"ev.col.{key}"), key=key)
        self.show_problem(None)
        self.refresh_files()
        (table if self.files else self.query_one("#ev-path", Input)).focus()

    def refresh_files(self) -> None:
        self.files = list_evidence(self.db, self.item.id)
        table = self.query_one("#ev-files", DataTable)
        table.clear()
        for e in self.files:
            when = to_local(e.created_at, self.settings.tz).strftime("%Y-%m-%d %H:%M")
            table.add_row(
                Text(e.filename), Text(f"{e.size:,}", justify="right"), Text(when), Text(e.created_by)
            )
        table.display = bool(self.files)
        none = self.query_one("#ev-none", Static)
        none.update(Text(t("cli.attach.none")))
        none.display = not self.files

    def _done(self, text: str) -> None:
        self.show_problem(None)
        self.query_one("#ev-done", Static).update(Text(text))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        chosen = self.files[event.cursor_row]
        folder = Path(self.query_one("#ev-folder", Input).value.strip() or ".").expanduser()
        try:
            written = extract_evidence(self.db, self.item.id, folder, only=chosen.id)
        except UserError as exc:
            self.show_problem(exc)
            return
        self._done(t("ev.extracted", path=str(written[0])))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id != "ev-path" or not event.value.strip():
            return
        try:
            evidence = attach_evidence(
                self.db,
                self.item.id,
                Path(event.value.strip()).expanduser(),
                rules=Rules.from_settings(self.settings),
            )
        except UserError as exc:
            self.show_problem(exc)
            return
        self.changed = True
        event.input.value = ""
        self.refresh_files()
        self._done(
            t("cli.item.attached", name=evidence.filename, size=evidence.size, sha=evidence.sha256[:12])
        )

    def action_close(self) -> None:
        self.dismiss(self.changed)
