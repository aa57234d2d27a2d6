"""The command palette lists the commands that make sense on the current screen."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui550.app.commands import Command, in_scope


class CommandsProvider(Provider):
    def _commands(self) -> list[tuple[Command, object]]:
        screen = self.screen
        scopes = ("app", *getattr(screen, "COMMAND_SCOPES", ()))
        found: list[tuple[Command, object]] = []
        for command in in_scope(*scopes):
            target = self.app if command.scope == "app" else screen
            action = command.action.removeprefix("app.")
            name = action.split("(", 1)[0]
            if not hasattr(target, f"action_{name}"):
                continue
            check = target.check_action(name, ())
            if check is False:
                continue
            found.append((command, target))
        return found

    def _run(self, command: Command, target: object) -> None:
        action = command.action.removeprefix("app.")
        self.app.call_later(target.run_action, action)  # type: ignore[attr-defined]

    async def discover(self) -> Hits:
        for command, target in self._commands():
            yield DiscoveryHit(command.label, partial(self._run, command, target), help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command, target in self._commands():
            score = max(matcher.match(command.label), matcher.match(command.help) * 0.8)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command.label),
                    partial(self._run, command, target),
                    help=command.help,
                )
