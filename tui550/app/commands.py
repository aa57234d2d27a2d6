"""Every command is defined once: its binding id, default key, footer label, palette
entry and help text all come from the table below.

The capture line takes every printable key, so live commands use keys that type
no text (F-keys, PageUp/PageDown, ctrl combinations that terminals pass through;
never ctrl+b, ctrl+s, ctrl+q or ctrl+digit). Single letters act only on the item
list, after Esc has left the capture line. Users remap any command by its id in
the settings file (`[keymap]`, applied with Textual's `set_keymap`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from textual.binding import Binding

from tui550.i18n import t


@dataclass(frozen=True)
class Command:
    id: str
    key: str
    action: str
    scope: str  # "app", "meeting", "list", "home", "projects", "prepare"
    footer: bool = False
    priority: bool = True

    @property
    def label(self) -> str:
        return t(f"cmd.{self.id}")

    @property
    def help(self) -> str:
        return t(f"cmd.{self.id}.help")

    def binding(self) -> Binding:
        return Binding(
            self.key, self.action, self.label, show=self.footer, id=self.id, priority=self.priority
        )


COMMANDS: tuple[Command, ...] = (
    Command("app.help", "f1", "app.help_focused", "app", footer=True),
    Command("app.guide", "f11", "app.guide", "app"),
    Command("app.quit", "ctrl+c", "app.quit_app", "app"),
    Command("app.language", "ctrl+t", "app.toggle_language", "app"),
    Command("app.supervision", "ctrl+r", "app.supervision", "app"),
    Command("app.wallchart", "ctrl+l", "app.wallchart", "app"),
    # Tab moves the focus the moment it arrives: keys typed right behind it belong to the
    # next field, not to the one the focus is leaving.
    Command("app.focus_next", "tab", "app.focus_next", "app"),
    Command("app.focus_previous", "shift+tab", "app.focus_previous", "app"),
    Command("meeting.next", "pagedown", "next_project", "meeting", footer=True),
    Command("meeting.previous", "pageup", "previous_project", "meeting", footer=True),
    Command("meeting.minute", "f2", "kind('minute')", "meeting", footer=True),
    Command("meeting.decision", "f3", "kind('decision')", "meeting", footer=True),
    Command("meeting.issue", "f4", "kind('issue')", "meeting", footer=True),
    Command("meeting.deadline", "f5", "kind('deadline')", "meeting", footer=True),
    Command("meeting.pause", "f6", "toggle_timer", "meeting", footer=True),
    Command("meeting.curtain", "f7", "curtain", "meeting", footer=True),
    Command("meeting.jump", "ctrl+g", "jump", "meeting"),
    Command("meeting.general", "ctrl+o", "general_page", "meeting"),
    Command("meeting.skip", "f8", "skip_project", "meeting"),
    Command("meeting.take_next", "ctrl+n", "take_next", "meeting"),
    Command("meeting.export", "f9", "export", "meeting"),
    Command("meeting.close", "f10", "close_meeting", "meeting"),
    Command("meeting.search", "ctrl+f", "search", "meeting"),
    Command("meeting.undo", "ctrl+z", "undo_delete", "meeting"),
    Command("meeting.home", "f12", "home", "meeting"),
    Command("list.edit", "e", "edit_item", "list", footer=True, priority=False),
    Command("list.rekind", "k", "rekind_item", "list", footer=True, priority=False),
    Command("list.delete", "d,delete", "delete_item", "list", footer=True, priority=False),
    Command("list.history", "h", "item_history", "list", footer=True, priority=False),
    Command("list.evidence", "f", "evidence", "list", priority=False),
    Command("meeting.list", "escape", "toggle_list", "meeting", priority=False),
    # Esc comes back too: `meeting.list` gives way to this while a list has focus.
    Command("list.back", "escape,i", "back_to_line", "list", footer=True, priority=False),
    Command("list.guide", "question_mark", "app.guide", "list", priority=False),
    Command("review.confirm", "f10", "confirm", "review", footer=True),
    Command("review.edit", "e,enter", "edit", "review", footer=True, priority=False),
    Command("review.cancel", "escape", "cancel", "review", footer=True, priority=False),
    Command("review.undo", "ctrl+z", "reopen", "review", footer=True),
    Command("guide.back", "escape,q,f11", "app.pop_screen", "guide", footer=True),
    # Follow-up of an item from an earlier meeting: on the carried list (meeting screen)
    # and on the supervision list, after Esc or Tab has left the line.
    Command("carried.report", "r", "followup_report", "carried", footer=True, priority=False),
    Command("carried.close", "c", "followup_close", "carried", footer=True, priority=False),
    Command("carried.extend", "x", "followup_extend", "carried", footer=True, priority=False),
    Command("carried.escalate", "u", "followup_escalate", "carried", footer=True, priority=False),
    Command("supervision.light", "f2", "cycle_light", "supervision", footer=True),
    Command("supervision.escalation", "f3", "cycle_escalation", "supervision", footer=True),
    Command("supervision.category", "f4", "cycle_category", "supervision", footer=True),
    Command("supervision.view", "f5", "switch_view", "supervision", footer=True),
    Command("supervision.history", "h", "item_history", "supervision", footer=True, priority=False),
    Command("supervision.evidence", "f", "evidence", "supervision", priority=False),
    Command("supervision.back", "escape,f12", "back", "supervision", footer=True),
    Command("wall.street", "f2", "cycle_street", "wall", footer=True),
    Command("wall.unit", "f3", "cycle_unit", "wall", footer=True),
    Command("wall.kinds", "f4", "toggle_kinds", "wall", footer=True),
    Command("wall.earlier", "f5", "shift(-3)", "wall", footer=True),
    Command("wall.later", "f6", "shift(3)", "wall", footer=True),
    Command("wall.back", "escape,f12", "back", "wall", footer=True),
    Command("home.open", "enter", "open_meeting", "home", footer=True, priority=False),
    Command("home.new", "n,ctrl+n", "new_meeting", "home", footer=True),
    Command("home.start", "s", "start_meeting", "home", footer=True, priority=False),
    Command("home.amend", "a", "amend_meeting", "home", priority=False),
    Command("home.delete", "d,delete", "delete_meeting", "home", priority=False),
    Command("home.undo", "ctrl+z", "undo_delete", "home"),
    Command("home.records", "r", "toggle_records", "home", footer=True, priority=False),
    Command("home.demo_guide", "question_mark", "app.guide", "home", priority=False),
    Command("home.search", "ctrl+f", "search", "home"),
    Command("home.projects", "p", "projects", "home", footer=True, priority=False),
    # The projects screen: letters act on the table; the filter line keeps them as text.
    Command("projects.add", "a", "add_project", "projects", footer=True, priority=False),
    Command("projects.edit", "e", "edit_project", "projects", footer=True, priority=False),
    Command("projects.months", "m", "months", "projects", footer=True, priority=False),
    Command("projects.archive", "x", "archive", "projects", priority=False),
    Command("projects.show_archived", "v", "show_archived", "projects", priority=False),
    Command("projects.units", "u", "edit_units", "projects", footer=True, priority=False),
    Command("projects.deadlines", "t", "deadlines", "projects", footer=True, priority=False),
    Command("projects.schedule", "b", "schedule", "projects", footer=True, priority=False),
    Command("projects.filter", "slash", "focus_filter", "projects", footer=True, priority=False),
    Command("projects.back", "escape", "back", "projects", footer=True, priority=False),
    # Preparing a meeting: the agenda keys type no text, or act only on the agenda list.
    Command("new.create", "f10,ctrl+enter", "create", "prepare", footer=True),
    # Enter moves on through the form (a binding, not the field's own Enter, so that the
    # keys typed right after it land in the next field).
    Command("prepare.next_field", "enter", "next_field", "prepare"),
    Command("prepare.up", "shift+up,left_square_bracket", "move(-1)", "prepare", priority=False),
    Command("prepare.down", "shift+down,right_square_bracket", "move(1)", "prepare", priority=False),
    Command("prepare.longer", "plus,equals_sign", "time_box(60)", "prepare", priority=False),
    Command("prepare.shorter", "minus", "time_box(-60)", "prepare", priority=False),
    Command("prepare.remove", "delete,d", "remove_entry", "prepare", priority=False),
    # The read-only view (`tui550 view`, also served to browsers) has no other key.
    Command("view.quit", "q", "app.quit", "view"),
)

BY_ID = {c.id: c for c in COMMANDS}

# While a list has focus, its keys lead the footer (they are shown only then: the screens'
# `check_action` hides them otherwise), and the capture line's own keys give them the room.
LIST_SCOPES = frozenset({"list", "carried"})
YIELDS_TO_LIST = frozenset({"meeting"})


BindingList = list[Binding | tuple[str, str] | tuple[str, str, str]]


def bindings(scope: str) -> BindingList:
    return [c.binding() for c in COMMANDS if c.scope == scope]


def in_scope(*scopes: str) -> list[Command]:
    return [c for c in COMMANDS if c.scope in scopes]


# --- the keymap: what the user's `[keymap]` does to these keys --------------------------

KIND_COMMANDS = ("meeting.minute", "meeting.decision", "meeting.issue", "meeting.deadline")


def keys_of(keymap: Mapping[str, str], command_id: str) -> tuple[str, ...]:
    """The keys a command answers to once the keymap is applied."""
    keys = keymap.get(command_id) or BY_ID[command_id].key
    return tuple(k.strip() for k in keys.split(",") if k.strip())


def key_label(keymap: Mapping[str, str], command_id: str) -> str:
    """How the keys are written for people: F3, Ctrl+G, ?, PageDown."""
    return " / ".join(_key_text(k) for k in keys_of(keymap, command_id))


def _key_text(key: str) -> str:
    return key.replace("question_mark", "?").replace("ctrl+", "Ctrl+").upper() if len(key) > 1 else key


def kind_keys_label(keymap: Mapping[str, str]) -> str:
    """The four kind keys as hints write them: "F2–F5" while they run in order, else each."""
    firsts = [keys_of(keymap, c)[:1] for c in KIND_COMMANDS]
    numbers = [int(k[0][1:]) for k in firsts if k and re.fullmatch(r"f\d{1,2}", k[0])]
    if len(numbers) == 4 and numbers == list(range(numbers[0], numbers[0] + 4)):
        return f"F{numbers[0]}–F{numbers[-1]}"
    return "/".join(_key_text(k[0]) if k else "-" for k in firsts)


@dataclass(frozen=True)
class KeyClash:
    """A remapped command took a key another command of the same screen had: that one lost it."""

    command_id: str
    key: str
    lost_id: str


# Keys a terminal sends as a sequence of their own, Alt folded into it (ESC [1;3D for
# Alt+Left). Any other Alt key comes as Esc then the key, indistinguishable from those two
# typed quickly, and `app.terminal` reads it as those two keys.
_SEQUENCE_KEYS = frozenset(
    {"up", "down", "left", "right", "home", "end", "pageup", "pagedown", "insert", "delete", "backspace"}
    | {f"f{n}" for n in range(1, 25)}
)


def unreachable_keys(keymap: Mapping[str, str]) -> list[tuple[str, str]]:
    """The keymap's (command id, key) pairs on an Alt key that arrives as Esc then the key:
    such a command never runs."""
    out = []
    for command_id in keymap:
        if command_id not in BY_ID:
            continue
        for key in keys_of(keymap, command_id):
            modifiers, _, name = key.rpartition("+")
            if "alt" in modifiers.split("+") and name not in _SEQUENCE_KEYS:
                out.append((command_id, key))
    return out


def keymap_problems(keymap: Mapping[str, str]) -> tuple[list[str], list[KeyClash]]:
    """The keymap's unknown command ids, and the keys it takes from other commands."""
    unknown = [c for c in keymap if c not in BY_ID]
    clashes = []
    for command_id in keymap:
        if command_id not in BY_ID:
            continue
        mine = BY_ID[command_id]
        for key in keys_of(keymap, command_id):
            for other in COMMANDS:
                same_screen = other.scope == mine.scope or "app" in (other.scope, mine.scope)
                if other is mine or not same_screen or key not in keys_of(keymap, other.id):
                    continue
                if other.id in keymap and (other.id, key) < (command_id, key):
                    continue  # both remapped onto one key: reported once
                clashes.append(KeyClash(command_id, key, other.id))
    return unknown, clashes
