"""F1 explains the focused part; the guide says how to run a meeting and lists every key."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from tui550.app.commands import COMMANDS, BindingList, bindings, key_label, kind_keys_label
from tui550.app.screens.dialogs import MessageDialog
from tui550.app.widgets.footer import RoomFooter
from tui550.i18n import t


class FocusHelp(MessageDialog):
    def __init__(self, key: str, keymap: Mapping[str, str]) -> None:
        # Help texts name keys through {kinds}: they follow the user's keymap.
        super().__init__(t("help.title"), Text(t(key, kinds=kind_keys_label(keymap))))


class GuideScreen(Screen[None]):
    BINDINGS: ClassVar[BindingList] = bindings("guide")
    DEFAULT_CSS = """
    GuideScreen VerticalScroll { padding: 1 2; }
    GuideScreen .guide-heading { text-style: bold; color: $primary; padding-top: 1; }
    """

    def compose(self) -> ComposeResult:
        keymap = dict(getattr(self.app, "settings", None).keymap or {})  # type: ignore[union-attr]
        with VerticalScroll():
            yield Static(Text(t("guide.title")), classes="guide-heading")
            yield Static(Text(t("guide.body")))
            yield Static(Text(t("guide.quickadd.title")), classes="guide-heading")
            yield Static(Text(t("guide.quickadd.body")))
            for scope in ("meeting", "list", "app", "home"):
                yield Static(Text(t(f"guide.scope.{scope}")), classes="guide-heading")
                body = Text()
                for command in COMMANDS:
                    if command.scope != scope:
                        continue
                    body.append(f"{key_label(keymap, command.id):<18}", style="bold")
                    body.append(f"{command.label} — {command.help}\n")
                if scope == "app":
                    body.append(f"{'Ctrl+P':<18}", style="bold")
                    body.append(t("guide.palette") + "\n")
                yield Static(body)
        yield RoomFooter()
