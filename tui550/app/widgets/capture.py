"""The capture line: the kind it will save as, the text being typed, and what the
quick-add parser understood, shown before Enter so a misreading is visible."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.reactive import Reactive, reactive
from textual.widgets import Input, Static

from tui550.core.text import one_line
from tui550.i18n import t


class SteadyInput(Input):
    """An Input whose cursor does not blink: on a projector a blinking block draws the
    eye away from the text, and a steady screen makes the same snapshot every time."""

    cursor_blink = reactive(False, init=False)
    # Input sets its virtual size (the width of its text) on every keystroke, and the
    # Widget's reactive lays the whole screen out again for it. A line of fixed size
    # with no scrollbars scrolls by that width alone: a repaint is enough.
    virtual_size = Reactive(Size(0, 0), layout=False)

    async def _on_key(self, event: events.Key) -> None:
        # The line's own editing keys (Backspace, Ctrl+U, Left...) are bindings, and a
        # binding runs only once its key has bubbled up to the app: in a burst, the
        # characters typed behind it would reach the line first (Ctrl+U would then clear
        # them too). Run here, each keeps its place among the characters.
        bindings = self._bindings.key_to_bindings.get(event.key)
        if bindings and not bindings[0].priority:
            event.stop()
            event.prevent_default()
            await self.run_action(bindings[0].action)
            return
        await super()._on_key(event)


class CaptureInput(SteadyInput):
    """An Input that keeps a multi-line paste as one item (Input keeps only the first line),
    and whose Enter ends exactly the text typed before it.

    The screen saves a submitted line a moment after the Enter, and keys typed in that
    moment are already on the line. So the screen `take`s the text it saved from the
    start of the line rather than clearing it, and an Enter pressed before the screen
    took the previous line submits only what was typed since. A line the screen keeps
    (refused, unsaved) is `release`d, to be submitted whole again."""

    HELP_KEY = "help.capture"
    _submitted = 0  # characters at the start of the line submitted and not yet taken
    # What the screen was showing when an Enter arrived (set by the screen); the Enter
    # carries it, so keys applied before the screen handles it cannot change where it saves.
    stamp: Callable[[], object] | None = None

    class Entered(Input.Submitted):
        """Enter on the line, with the screen's `stamp` of the moment the key arrived."""

        def __init__(self, input: Input, value: str, stamp: object) -> None:
            super().__init__(input, value)
            self.stamp = stamp

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            # Here rather than through Input's binding: a binding runs in the app's queue,
            # after characters typed behind the Enter have reached this one; handled here
            # it keeps its place among them.
            event.stop()
            event.prevent_default()
            await self.action_submit()
            return
        await super()._on_key(event)

    async def action_submit(self) -> None:
        stamp = self.stamp() if self.stamp is not None else None
        self.post_message(self.Entered(self, self.value[self._submitted :], stamp))
        self._submitted = len(self.value)

    def take(self, text: str) -> None:
        """`text` is saved: remove it from the start of the line, keep what follows."""
        rest = self.value[len(text) :] if self.value.startswith(text) else ""
        self._submitted = max(0, self._submitted - len(text)) if rest else 0
        self.value = rest
        self.cursor_position = len(rest)

    def release(self) -> None:
        """The screen keeps the line as it is: the next Enter submits all of it."""
        self._submitted = 0

    def _on_paste(self, event: events.Paste) -> None:
        text = one_line(event.text)
        if text:
            start, end = self.selection
            self.replace(text, start, end) if start != end else self.insert_text_at_cursor(text)
        event.stop()
        event.prevent_default()


class CaptureBar(Vertical):
    DEFAULT_CSS = """
    CaptureBar { height: auto; background: $panel; border-top: heavy $primary; }
    CaptureBar Horizontal { height: 3; }
    CaptureBar #kind { width: 12; height: 3; content-align: center middle; text-style: bold;
                       background: $secondary; color: $background; }
    CaptureBar #kind.-decision { background: $warning; }
    CaptureBar #kind.-issue { background: $error; color: $foreground; }
    CaptureBar #kind.-deadline { background: $success; }
    CaptureBar CaptureInput { width: 1fr; border: tall $primary; background: $background; }
    CaptureBar CaptureInput:focus { border: tall $warning; }
    CaptureBar.-unsaved CaptureInput { border: tall $error; }
    CaptureBar #preview { height: auto; max-height: 2; padding: 0 1; color: $foreground; }
    CaptureBar #preview.-problem { color: $error; text-style: bold; }
    """

    kind: reactive[str] = reactive("minute")

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static(id="kind", markup=False)
            yield CaptureInput(placeholder=t("capture.placeholder"), id="line")
        yield Static(id="preview", markup=False)

    @property
    def line(self) -> CaptureInput:
        return self.query_one("#line", CaptureInput)

    def watch_kind(self, kind: str) -> None:
        self.show_kind(kind)

    def show_kind(self, kind: str) -> None:
        """Label the line with the kind Enter will save (a typed prefix may differ from `kind`)."""
        label = self.query_one("#kind", Static)
        if label.has_class(f"-{kind}") and str(label.render()) == t(f"kind.{kind}"):
            return
        label.update(Text(t(f"kind.{kind}")))
        for other in ("minute", "decision", "issue", "deadline"):
            label.set_class(other == kind, f"-{other}")

    def show_preview(self, text: Text, problem: bool = False) -> None:
        preview = self.query_one("#preview", Static)
        # Lay the screen out again only when the preview changes its height (one line or
        # two): it changes on every keystroke, its height seldom.
        width = preview.content_region.width
        lines = min(2, max(1, -(-text.cell_len // width))) if width > 0 else 0
        preview.update(text, layout=lines != preview.content_region.height)
        preview.set_class(problem, "-problem")

    def set_unsaved(self, unsaved: bool) -> None:
        self.set_class(unsaved, "-unsaved")
