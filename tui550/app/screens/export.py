"""Export from the meeting screen: choose a format, the file is written by a thread
worker while a progress bar moves, and a notification names the file.

The app overwrites its own earlier export of the same meeting and format (the
minutes are re-exported as the meeting goes on); the CLI refuses without --force.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from tui550.app.commands import BindingList
from tui550.app.screens.dialogs import Dialog
from tui550.core.errors import UserError
from tui550.core.exporting import export_meeting
from tui550.core.files import private_folder
from tui550.core.settings import data_dir
from tui550.i18n import t

FORMATS = ("docx", "xlsx", "html", "md", "json")


def export_folder() -> Path:
    return data_dir() / "exports"


class ExportDialog(Dialog[list[Path] | None]):
    BINDINGS: ClassVar[BindingList] = [Binding("escape", "cancel", show=False)]

    def __init__(self, meeting_id: uuid.UUID) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(t("export.dialog.title")), classes="title")
            yield OptionList(*(Option(Text(t(f"export.dialog.{fmt}")), id=fmt) for fmt in FORMATS))
            yield ProgressBar(total=None, show_eta=False, id="progress")
            yield Static(Text(t("export.dialog.where", folder=str(export_folder()))), classes="hint")

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False
        self.query_one(OptionList).highlighted = 0
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.busy:
            return
        self.busy = True
        self.query_one(OptionList).disabled = True
        self.query_one(ProgressBar).display = True
        self.run_export(str(event.option.id))

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def run_export(self, fmt: str) -> None:
        app = self.app
        bar = self.query_one(ProgressBar)

        def progress(done: int, total: int) -> None:
            app.call_from_thread(bar.update, total=total, progress=done)

        folder = export_folder()
        try:
            private_folder(folder)
            paths = export_meeting(
                app.db,  # type: ignore[attr-defined]
                self.meeting_id,
                fmt,
                folder,
                force=True,
                settings=app.settings,  # type: ignore[attr-defined]
                progress=progress,
            )
        except UserError as exc:
            app.call_from_thread(self._failed, f"{exc.message()} {exc.remedy_text() or ''}")
            return
        except OSError as exc:
            app.call_from_thread(self._failed, t("export.dialog.failed", reason=str(exc)))
            return
        app.call_from_thread(self.dismiss, paths)

    def _failed(self, message: str) -> None:
        self.app.notify(message, severity="error", timeout=10)
        self.dismiss(None)

    def action_cancel(self) -> None:
        if not self.busy:
            self.dismiss(None)
