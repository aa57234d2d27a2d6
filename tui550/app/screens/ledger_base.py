"""What the ledger's dialogs share: typed access to the app, compact form rows, problems shown
in place (a refused value stays on screen with its reason, like the capture line)."""

from __future__ import annotations

from typing import TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tui550.app.base import AppAccess
from tui550.core.errors import UserError

ResultT = TypeVar("ResultT")

# Forms with labelled one-line fields: a wider frame than `dialogs.Dialog`, and rows.
FORM_CSS = """
LedgerDialog { align: center middle; background: $background 60%; }
LedgerDialog > Vertical { width: 90%; max-width: 110; height: auto; max-height: 94%;
    border: thick $primary; background: $panel; padding: 0 1; }
LedgerDialog .title { text-style: bold; color: $primary; padding: 0 0 1 0; }
LedgerDialog .hint { color: $foreground; text-style: italic; padding: 1 0 0 0; }
LedgerDialog .row { height: 1; }
LedgerDialog .row > Label { width: 16; }
LedgerDialog .row > Input { width: 1fr; height: 1; border: none; padding: 0 1; background: $boost; }
LedgerDialog .row > Input:focus { background: $primary 35%; }
LedgerDialog .problem { color: $error; text-style: bold; height: auto; }
LedgerDialog .note { color: $foreground; height: auto; }
LedgerDialog DataTable { height: auto; max-height: 16; }
LedgerDialog OptionList { height: auto; max-height: 10; }
"""


class LedgerDialog(AppAccess, ModalScreen[ResultT]):
    DEFAULT_CSS = FORM_CSS

    def show_problem(self, message: str | UserError | None) -> None:
        """The first `.problem` line shows it; None clears it."""
        if isinstance(message, UserError):
            remedy = message.remedy_text()
            message = message.message() + (f"  {remedy}" if remedy else "")
        line = self.query(".problem").first(Static)
        line.update(Text(message or ""))
        line.display = bool(message)
        if message:
            self.app.bell()


def form_row(label: str, value: str, input_id: str, *, placeholder: str = "") -> ComposeResult:
    with Horizontal(classes="row"):
        yield Label(Text(label))
        yield Input(value, id=input_id, placeholder=placeholder)
