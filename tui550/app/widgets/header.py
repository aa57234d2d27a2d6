"""The top of the wall: meeting title, agenda position, wall clock, and the time box
as a large countdown (yellow at 70 %, red past 100 %)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Digits, Static

from tui550.core.clock import to_local
from tui550.i18n import t


def format_countdown(remaining: float) -> str:
    sign = "" if remaining >= 0 else "+"
    seconds = int(abs(remaining) + (0.999 if remaining >= 0 else 0))
    return f"{sign}{seconds // 60:02d}:{seconds % 60:02d}"


class MeetingHeader(Horizontal):
    DEFAULT_CSS = """
    MeetingHeader { height: 3; background: $panel; }
    MeetingHeader #titles { width: 1fr; padding: 0 1; }
    MeetingHeader #title { text-style: bold; color: $foreground; }
    MeetingHeader #where { color: $primary; text-style: bold; }
    MeetingHeader #clock { width: 7; padding: 0 1; content-align: right middle; height: 3;
                           text-style: bold; }
    MeetingHeader Digits { width: auto; min-width: 14; color: $success; }
    MeetingHeader Digits.-warn { color: $warning; }
    MeetingHeader Digits.-over { color: $error; }
    MeetingHeader Digits.-paused { text-style: dim; }
    MeetingHeader.-small Digits { display: none; }
    MeetingHeader #paused { display: none; width: auto; height: 3; padding: 0 1;
                            content-align: center middle; text-style: bold reverse;
                            color: $warning; }
    MeetingHeader.-paused #paused { display: block; }
    """

    position_text: reactive[str] = reactive("")
    title: reactive[str] = reactive("")

    def __init__(self, tz: str, *, demo: bool = False) -> None:
        super().__init__()
        self.tz = tz
        self.demo = demo  # the demo database: the title says so
        self._clock_shown = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="titles"):
            yield Static(id="title", markup=False)
            yield Static(id="where", markup=False)
        yield Static(id="clock", markup=False)
        yield Static(Text(t("meeting.timer.paused_label")), id="paused", markup=False)
        yield Digits("00:00", id="countdown")

    def on_mount(self) -> None:
        self.tick_clock()
        self.set_interval(1.0, self.tick_clock)

    def tick_clock(self) -> None:
        now = to_local(self.app.clock.now(), self.tz)  # type: ignore[attr-defined]
        shown = now.strftime("%H:%M")
        if shown != self._clock_shown:
            # Fixed width: a new minute repaints the clock without laying out the screen.
            self._clock_shown = shown
            self.query_one("#clock", Static).update(Text(shown), layout=False)

    def watch_title(self, title: str) -> None:
        shown = Text(title)
        if self.demo:
            shown = Text.assemble((t("demo.badge"), "reverse bold"), " ", shown)
        self.query_one("#title", Static).update(shown)

    def watch_position_text(self, text: str) -> None:
        where = self.query_one("#where", Static)
        # One line that fits keeps the header's shape: no layout on a switch.
        fits = (
            "\n" not in text and where.size.height == 1 and 0 < cell_len(text) <= where.content_region.width
        )
        where.update(Text(text), layout=not fits)

    def show_timer(
        self, elapsed: float, box: float, running: bool, visible: bool, paused: bool = False
    ) -> None:
        """`paused`: the facilitator stopped the clock (F6), and the room is told so in words."""
        digits = self.query_one("#countdown", Digits)
        digits.display = visible
        self.set_class(visible and paused, "-paused")
        if not visible:
            return
        shown = format_countdown(box - elapsed)
        if shown != digits.value:  # ticks twice a second: a paused timer paints nothing
            digits.update(shown)
        share = elapsed / box if box > 0 else 0
        digits.set_class(0.7 <= share <= 1.0, "-warn")
        digits.set_class(share > 1.0, "-over")
        digits.set_class(not running, "-paused")
        tooltip = t("meeting.timer.paused") if not running else None
        if digits.tooltip != tooltip:
            digits.tooltip = tooltip
