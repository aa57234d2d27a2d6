"""The footer for the room: the few live keys, labelled in the interface language.

Textual's Footer shows each binding's description, which is fixed when a screen
class is defined; ours looks the label up by the binding's id every time the
active bindings change, so labels follow the language the app runs in. A command
bound to several keys shows them all ("d/del"). While a list has focus its keys lead
(`commands.LIST_SCOPES`): the room sees what E, D or H would do to the selected row.
"""

from __future__ import annotations

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static

from tui550.app.commands import BY_ID, LIST_SCOPES, YIELDS_TO_LIST
from tui550.i18n import t


def footer_entries(screen: Screen[object]) -> list[tuple[str, str, bool]]:
    """(keys, label, enabled) of the bindings the footer shows, in the order shown."""
    app = screen.app
    keys: dict[str, list[str]] = {}
    entries: dict[str, tuple[str, bool]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.show:
            continue
        name = binding.id or binding.action
        keys.setdefault(name, []).append(app.get_key_display(binding))
        if name not in entries:
            label = t(f"cmd.{binding.id}") if binding.id else binding.description
            entries[name] = (label, active.enabled)

    def scope(name: str) -> str:
        command = BY_ID.get(name)
        return command.scope if command is not None else ""

    names = list(entries)
    if any(scope(name) in LIST_SCOPES for name in names):
        order = {command.id: n for n, command in enumerate(BY_ID.values())}
        names = sorted((n for n in names if scope(n) in LIST_SCOPES), key=order.__getitem__) + [
            n for n in names if scope(n) not in LIST_SCOPES | YIELDS_TO_LIST
        ]
    return [("/".join(keys[name]), *entries[name]) for name in names]


class RoomFooter(Static):
    DEFAULT_CSS = """
    RoomFooter { dock: bottom; height: 1; background: $panel; color: $foreground; }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        # After the first refresh: the screen's other widgets (which check_action may
        # look at) are mounted by then.
        self.call_after_refresh(self._bindings_changed, self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        key_style = f"bold {self.app.theme_variables.get('primary', 'yellow')}"
        text = Text(no_wrap=True, overflow="ellipsis")
        for keys, label, enabled in footer_entries(screen):
            text.append(f" {keys} ", style=key_style)
            text.append(f"{label} ", style="" if enabled else "dim")
        text.append(" ^p ", style=key_style)
        text.append(t("footer.palette"))
        self.update(text)
