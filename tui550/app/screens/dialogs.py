"""Small dialogs. Each returns a value through `dismiss` (None when cancelled with Esc)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Generic, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from tui550.app.commands import BindingList
from tui550.app.widgets.capture import SteadyInput
from tui550.i18n import t

_T = TypeVar("_T")


class Dialog(ModalScreen[_T], Generic[_T]):
    """The look every dialog shares: a framed box in the middle of a dimmed screen.

    Subclasses inherit this CSS (type selectors match base classes), so a dialog
    only adds what is its own.
    """

    DEFAULT_CSS = """
    Dialog { align: center middle; background: $background 60%; }
    Dialog > Vertical { width: 80%; max-width: 100; height: auto; max-height: 90%;
        border: thick $primary; background: $panel; padding: 0 1; }
    Dialog Label.title { text-style: bold; color: $primary; padding: 0 0 1 0; }
    Dialog OptionList { height: auto; max-height: 14; }
    Dialog .hint { color: $foreground; text-style: italic; }
    """


# Esc cancels the moment it reaches the app (a priority binding): as an ordinary binding
# it would run only once the key had bubbled up from the focused line, after the keys
# typed right behind it had reached that line; an Enter among them would pick a choice
# (the unknown-unit dialog's first: create the unit, and save the line being cancelled).
# Popped at once, the dialog leaves those keys to the screen under it.
CANCEL_AT_ONCE = Binding("escape", "cancel", show=False, priority=True)


@dataclass(frozen=True)
class Choice:
    label: str
    value: object


class ChoiceDialog(Dialog[object | None]):
    """Pick one of a list, narrowing it by typing."""

    BINDINGS: ClassVar[BindingList] = [
        CANCEL_AT_ONCE,
        Binding("down", "down", show=False),
        Binding("up", "up", show=False),
    ]

    def __init__(self, title: str, choices: list[Choice], *, filterable: bool = True, hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.filterable = filterable
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.title_text), classes="title")
            if self.filterable:
                yield SteadyInput(placeholder=t("dialog.filter"), id="filter")
            yield OptionList(*self._options(""), id="choices")
            if self.hint:
                yield Static(Text(self.hint), classes="hint")

    def _options(self, query: str) -> list[Option]:
        query = query.strip().lower()
        return [
            Option(Text(c.label), id=str(n))
            for n, c in enumerate(self.choices)
            if not query or query in c.label.lower()
        ]

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            options.highlighted = 0
        if not self.filterable:
            options.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self._options(event.value))
        if options.option_count:
            options.highlighted = 0

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._pick(self.query_one(OptionList).highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option_index)

    def _pick(self, index: int | None) -> None:
        options = self.query_one(OptionList)
        if index is None or index >= options.option_count:
            return
        option_id = options.get_option_at_index(index).id
        self.dismiss(self.choices[int(option_id or 0)].value)

    def action_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)


class LineDialog(Dialog[tuple[str, str] | None]):
    """Edit an item as its quick-add line (and, for issues, its resolution steps)."""

    BINDINGS: ClassVar[BindingList] = [CANCEL_AT_ONCE]

    def __init__(self, title: str, line: str, steps: str | None = None, *, hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.line = line
        self.steps = steps
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.title_text), classes="title")
            yield SteadyInput(self.line, id="line")
            if self.steps is not None:
                yield Label(t("dialog.steps"))
                yield SteadyInput(self.steps, id="steps", placeholder=t("dialog.steps.placeholder"))
            yield Static(Text(self.hint or t("dialog.edit.hint")), classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        steps = self.query_one("#steps", Input).value if self.steps is not None else ""
        self.dismiss((self.query_one("#line", Input).value, steps))

    def action_cancel(self) -> None:
        self.dismiss(None)


class MessageDialog(Dialog[None]):
    BINDINGS: ClassVar[BindingList] = [Binding("escape,enter,f1,q", "close", show=False)]

    def __init__(self, title: str, body: Text) -> None:
        super().__init__()
        self.title_text = title
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.title_text), classes="title")
            yield Static(self.body)
            yield Static(Text(t("dialog.close_hint")), classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
