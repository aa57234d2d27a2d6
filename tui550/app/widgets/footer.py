"""The footer for the room: the few live keys, labelled in the interface language.

Textual's Footer shows each binding's description, which is fixed when a screen
class is defined; ours looks the label up by the binding's id every time the
active bindings change, so labels follow the language the app runs in.
"""

from __future__ import annotations

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static

from tui550.i18n import t


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
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.show:
                continue
            name = binding.id or binding.action
            if name in seen:
                continue
            seen.add(name)
            label = t(f"cmd.{binding.id}") if binding.id else binding.description
            text.append(f" {self.app.get_key_display(binding)} ", style=key_style)
            text.append(f"{label} ", style="" if active.enabled else "dim")
        text.append(" ^p ", style=key_style)
        text.append(t("footer.palette"))
        self.update(text)
