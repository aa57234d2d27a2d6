"""Search across every meeting, project, unit and item, with results as you type.

The query runs in a thread worker (exclusive: a newer keystroke supersedes an
older query) after a short pause in typing, so the input never waits for the
database; a result that arrives for text no longer in the box is dropped.
Enter jumps: an item opens its meeting on its project's page with the item
selected (this meeting: the wall moves there; another meeting: opened on top,
read-only unless it is the meeting in progress and none is open), a meeting
opens, a project in this meeting's agenda is shown, and a unit or a project
elsewhere narrows the search to its items.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui550.app.commands import BindingList
from tui550.app.screens.dialogs import Dialog
from tui550.app.screens.meeting import MeetingScreen
from tui550.app.widgets.capture import SteadyInput
from tui550.core.clock import local_today
from tui550.core.domain import MeetingState
from tui550.core.search import SearchHit, search
from tui550.core.store import meetings
from tui550.i18n import t

if TYPE_CHECKING:
    from tui550.app.main import Tui550App

LIMIT = 50


def hit_text(hit: SearchHit, mark_style: str, late_style: str) -> Text:
    """Two lines: what and where, then the matching text with the matches marked."""
    text = Text(no_wrap=True, overflow="ellipsis")
    label = t(f"kind.{hit.kind.value}") if hit.kind else t(f"search.entity.{hit.entity}")
    text.append(f"[{label}]", style="bold")
    if hit.overdue:
        text.append(" " + t("search.overdue"), style=late_style)
    if hit.meeting_date:
        text.append(f"  {hit.meeting_date.isoformat()}")
    if hit.entity == "item":
        text.append(f"  {hit.project_name or t('search.general')}")
    elif hit.entity != "unit":
        text.append(f"  {hit.title}")
    text.append("\n")
    line = Text(hit.snippet, no_wrap=True, overflow="ellipsis")
    for start, end in hit.spans:
        line.stylize(mark_style, start, end)
    text.append_text(line)
    return text


class SearchScreen(Dialog[SearchHit | None]):
    """Returns the chosen hit (None on Esc); `jump_to` acts on it."""

    DEBOUNCE_S = 0.06
    DEFAULT_CSS = """
    SearchScreen > Vertical { width: 90%; max-width: 140; height: 90%; }
    SearchScreen OptionList { height: 1fr; max-height: 100%; }
    SearchScreen #search-status { color: $foreground; height: 1; }
    """
    BINDINGS: ClassVar[BindingList] = [
        Binding("escape", "cancel", show=False),
        Binding("down", "move(1)", show=False, priority=True),
        Binding("up", "move(-1)", show=False, priority=True),
        Binding("pagedown", "move(10)", show=False, priority=True),
        Binding("pageup", "move(-10)", show=False, priority=True),
    ]

    def __init__(self, initial: str = "") -> None:
        super().__init__()
        self.initial = initial
        self.hits: list[SearchHit] = []
        self.shown_for: str | None = None  # the text the list shows results of
        self._timer: Timer | None = None
        self._choose_when_done = False
        self.last_ms: float | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(t("search.title")), classes="title")
            yield SteadyInput(self.initial, placeholder=t("search.placeholder"), id="search-input")
            yield Static(Text(t("search.empty_query")), id="search-status")
            yield OptionList(id="search-results")
            yield Static(Text(t("search.hint")), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#search-results", OptionList).can_focus = False
        field = self.query_one("#search-input", Input)
        field.focus()
        if self.initial:
            self.run_pending()

    @property
    def text(self) -> str:
        return self.query_one("#search-input", Input).value

    # --- querying -----------------------------------------------------------------------
    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self.DEBOUNCE_S, self.run_pending)

    def run_pending(self) -> None:
        """Query for what is in the box now (the debounce timer's end, or Enter)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        text = self.text
        if not text.strip():
            self._show(text, [], None)
            return
        self.query_one("#search-status", Static).update(Text(t("search.searching")))
        self._query(text)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _query(self, text: str) -> None:
        app = self.app
        tui: Tui550App = app  # type: ignore[assignment]
        started = time.perf_counter()
        try:
            hits = search(tui.db, text, limit=LIMIT, today=local_today(tui.settings.tz, tui.clock.now()))
        except Exception as exc:  # a failed query must not take the meeting down
            app.call_from_thread(self._failed, text, f"{type(exc).__name__}: {exc}")
            return
        elapsed = (time.perf_counter() - started) * 1000
        if not get_current_worker().is_cancelled:
            app.call_from_thread(self._show, text, hits, elapsed)

    def _failed(self, text: str, reason: str) -> None:
        if text == self.text:
            self.query_one("#search-status", Static).update(Text(t("search.failed", reason=reason)))

    def _show(self, text: str, hits: list[SearchHit], elapsed_ms: float | None) -> None:
        if text != self.text:
            return  # typing went on: a newer query is coming
        self.hits, self.shown_for, self.last_ms = hits, text, elapsed_ms
        variables = self.app.theme_variables
        # Matches are underlined, not filled: a filled match would look like the selected row.
        mark = "bold underline"
        late = f"bold {variables.get('error', 'red')}"
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        results.add_options([Option(hit_text(h, mark, late), id=f"{h.entity}:{h.id}") for h in hits])
        if hits:
            results.highlighted = 0
        status = (
            t("search.empty_query")
            if not text.strip()
            else t("search.none", query=text)
            if not hits
            else t("search.count_more" if len(hits) >= LIMIT else "search.count", n=len(hits))
        )
        self.query_one("#search-status", Static).update(Text(status))
        if self._choose_when_done:
            self._choose_when_done = False
            self._choose()

    # --- choosing -----------------------------------------------------------------------
    def action_move(self, step: int) -> None:
        results = self.query_one("#search-results", OptionList)
        if not results.option_count:
            return
        current = results.highlighted or 0
        results.highlighted = max(0, min(results.option_count - 1, current + step))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.shown_for != self.text or self._timer is not None:
            self._choose_when_done = True  # Enter typed ahead of the results
            self.run_pending()
            return
        self._choose()

    @on(OptionList.OptionSelected, "#search-results")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose()

    def _choose(self) -> None:
        results = self.query_one("#search-results", OptionList)
        index = results.highlighted
        if index is None or not 0 <= index < len(self.hits):
            return
        hit = self.hits[index]
        if hit.entity == "unit" or (hit.entity == "project" and not _on_current_agenda(self, hit)):
            # Nothing to open: narrow the search to its items instead.
            key = "单位" if hit.entity == "unit" else "项目"
            key = key if _looks_chinese(self.text) else ("unit" if hit.entity == "unit" else "project")
            name = hit.title.replace(" ", "")
            field = self.query_one("#search-input", Input)
            field.value = f"{key}:{name} "
            field.cursor_position = len(field.value)
            return
        self.dismiss(hit)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _looks_chinese(text: str) -> bool:
    return not text or any(ord(c) > 0x2E80 for c in text)


def _meeting_screen_below(screen: ModalScreen[SearchHit | None]) -> MeetingScreen | None:
    for below in reversed(screen.app.screen_stack):
        if isinstance(below, MeetingScreen):
            return below
    return None


def _on_current_agenda(screen: SearchScreen, hit: SearchHit) -> bool:
    meeting = _meeting_screen_below(screen)
    return meeting is not None and any(e.project.id == hit.id for e in meeting.entries)


# --- jumping ----------------------------------------------------------------------------
def open_search(app: Tui550App, initial: str = "") -> None:
    """Push the search screen; its result is acted on by `jump_to`."""

    def chosen(hit: SearchHit | None) -> None:
        if hit is not None:
            jump_to(app, hit)

    app.push_screen(SearchScreen(initial), chosen)


def jump_to(app: Tui550App, hit: SearchHit) -> None:
    current = app.screen if isinstance(app.screen, MeetingScreen) else None
    if hit.entity == "project":
        if current is not None:
            current.show_found(hit.id, None)
        return
    meeting_id = hit.meeting_id
    if meeting_id is None:
        return
    target = (hit.project_id, hit.id) if hit.entity == "item" else None
    if current is not None and current.meeting_id == meeting_id:
        if target is not None:
            current.show_found(*target)
        return
    meeting = meetings.get_meeting(app.db, meeting_id)
    # Only the meeting in progress, from outside any meeting, is opened to run; anything
    # else is looked at, never started or written to.
    live = current is None and meeting.state is MeetingState.IN_PROGRESS
    app.push_screen(MeetingScreen(meeting_id, read_only=not live, reveal=target))
