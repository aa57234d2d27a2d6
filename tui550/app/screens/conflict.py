"""A save conflict, resolved on screen: theirs beside yours, the user chooses.

Two people (two laptops on one file, or the app and a colleague's follow-up
session) can edit the same item. The version check turns the second save into
a ConflictError instead of a silent overwrite; this dialog shows both versions
and returns "theirs" (keep what is stored) or "mine" (save yours over it, naming
the version just read, so a third edit in between is caught again).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from tui550.app.commands import BindingList
from tui550.app.screens.dialogs import Dialog
from tui550.i18n import t


class ConflictDialog(Dialog[str | None]):
    DEFAULT_CSS = """
    ConflictDialog .version { border: round $warning; padding: 0 1; height: auto; }
    ConflictDialog #yours { border: round $success; }
    """
    BINDINGS: ClassVar[BindingList] = [Binding("escape", "keep_theirs", show=False)]

    def __init__(self, theirs: str | None, theirs_label: str, yours: str) -> None:
        super().__init__()
        self.theirs = theirs
        self.theirs_label = theirs_label
        self.yours = yours

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(t("conflict.title")), classes="title")
            yield Label(Text(self.theirs_label))
            yield Static(
                Text(self.theirs if self.theirs is not None else t("conflict.gone")),
                id="theirs",
                classes="version",
            )
            yield Label(Text(t("conflict.yours")))
            yield Static(Text(self.yours), id="yours", classes="version")
            yield OptionList(
                Option(Text(t("conflict.keep_theirs")), id="theirs"),
                Option(Text(t("conflict.overwrite")), id="mine"),
                id="choices",
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_keep_theirs(self) -> None:
        self.dismiss("theirs")
