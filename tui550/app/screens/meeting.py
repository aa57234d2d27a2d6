"""The meeting screen: the wall the room reads for two hours.

Position 0 is the meeting-level page (会议总体: opening remarks, 会议强调), positions
1..N are the agenda, and N+1 is the meeting-level page again (closing remarks).
What the wall shows lives in one `RunningMeeting` (`core.running_meeting`); this
screen draws it (`draw`) and routes keys to it. Keys that change the meeting take
their turn behind the keys typed before them (`in_arrival_order`), and an Enter
carries the project on the wall when it arrived, so a burst of lines and PageDowns
lands as typed. Only Enter waits for the disk: the capture is committed, then shown.
Position, timer and draft are written by thread workers so that no other key waits.
"""

from __future__ import annotations

import functools
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Input, Static

from tui550.app.change_feed import (
    LIVE_QUIET_S,
    carried_title,
    position_text,
    refresh_meeting,
    set_items_keeping_selection,
)
from tui550.app.commands import BindingList, bindings
from tui550.app.ordered_writes import Write, WriteLine
from tui550.app.read_ahead import read_around
from tui550.app.screens.capture import CaptureScreen, warm_parsers
from tui550.app.screens.carried import FOLLOWUP_ACTIONS, FollowupActions
from tui550.app.screens.dialogs import Choice, ChoiceDialog
from tui550.app.script import read_script
from tui550.app.widgets.capture import CaptureBar
from tui550.app.widgets.card import ProjectCard
from tui550.app.widgets.footer import RoomFooter
from tui550.app.widgets.header import MeetingHeader
from tui550.app.widgets.items import ItemTable
from tui550.core.backups import backup_database
from tui550.core.clock import to_local, zh_date
from tui550.core.domain import AgendaView, ItemView, MeetingState, MeetingView
from tui550.core.errors import StorageError, UserError
from tui550.core.running_meeting import Change, MeetingTimer, RunningMeeting, Where, clamp
from tui550.core.store import drafts, meetings, prepare_orm, projects, units
from tui550.i18n import t

TIMER_SAVE_EVERY_S = 10.0
# Start-up work waits for the first frame, or this long if the list is never drawn.
FIRST_PAINT_LATEST_S = 1.0
# What a read-only meeting (looked at from search) refuses: everything that writes.
READ_ONLY_BLOCKED = frozenset(
    {
        "kind",
        "toggle_timer",
        "skip_project",
        "add_project",
        "move_project",
        "close_meeting",
        "undo_delete",
        "edit_item",
        "rekind_item",
        "delete_item",
        "back_to_line",
        "export",
    }
)
# Amending a closed meeting (read-only otherwise) changes its items, each with the reason.
AMENDING_ALLOWED = frozenset({"edit_item", "rekind_item", "delete_item", "undo_delete"})

Step = TypeVar("Step", bound=Callable[..., None])


def in_arrival_order(action: Step) -> Step:
    """Run a key's action behind the keys that arrived before it.

    A priority binding runs as soon as its key reaches the app, while the keys before it
    (the characters and the Enter of a line) may still wait in the focused widget's
    queue. Queued behind them, a PageDown typed right after an Enter moves the wall only
    once that Enter has taken the project it was pressed on (`CaptureInput.stamp`)."""

    @functools.wraps(action)
    def queued(self: MeetingScreen, *args: Any) -> None:
        focused = self.focused
        if focused is None:
            action(self, *args)
        else:
            focused.call_later(action, self, *args)

    return queued  # type: ignore[return-value]


class MeetingScreen(FollowupActions, CaptureScreen):
    BINDINGS: ClassVar[BindingList] = bindings("meeting") + bindings("list") + bindings("carried")
    COMMAND_SCOPES = ("meeting",)
    HELP_KEY = "help.meeting"
    AUTO_FOCUS = "#line"

    def __init__(
        self,
        meeting_id: uuid.UUID,
        *,
        read_only: bool = False,
        reveal: tuple[uuid.UUID | None, uuid.UUID] | None = None,
        amend_reason: str | None = None,
    ) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        # Read-only: a closed or other meeting looked at from search; nothing is written.
        # With an amendment's reason, a closed meeting's items can be changed (nothing else).
        self.read_only = read_only
        self.amend_reason = amend_reason
        self._reveal = reveal
        self._live_timer: Timer | None = None
        self._painted = False
        # The running meeting, made on mount (it reads the database).
        self.state: RunningMeeting
        # Position and timer saves, in the order made (`app.ordered_writes`); a switch's wait in
        # `_pending_writes` until its frame is drawn.
        self.writes = WriteLine(self)
        self._pending_writes: list[Write] = []

    # --- what the wall shows, as the state holds it ----------------------------------------
    @property
    def meeting(self) -> MeetingView:
        return self.state.meeting

    @property
    def entries(self) -> list[AgendaView]:
        return self.state.entries

    @property
    def position(self) -> int:
        return self.state.position

    @property
    def entry(self) -> AgendaView | None:
        return self.state.entry

    @property
    def project_id(self) -> uuid.UUID | None:
        return self.state.project_id

    @property
    def timer(self) -> MeetingTimer:
        return self.state.timer

    @property
    def timer_paused(self) -> bool:
        return self.state.paused

    @property
    def _deleted(self) -> list[ItemView]:
        return self.state.deleted

    # --- layout ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        settings = self.settings
        today = self.today()
        yield MeetingHeader(settings.tz, demo=self.tui.demo)
        with Vertical(id="body"):
            yield ProjectCard(id="card")
            yield Static(id="carried-title", classes="section", markup=False)
            yield ItemTable(carried=True, today=today, yellow_days=settings.yellow_days, id="carried")
            yield Static(id="captured-title", classes="section", markup=False)
            yield ItemTable(today=today, yellow_days=settings.yellow_days, id="captured")
        yield Static(id="banner", markup=False)
        yield CaptureBar(id="capture")
        yield RoomFooter()
        with Vertical(id="curtain"):
            yield Static(id="curtain-title", markup=False)
            yield Static(id="curtain-clock", markup=False)

    def _show_years_of(self, meeting: MeetingView) -> None:
        """Dates in the meeting's own year are listed without it; others with theirs."""
        for table in self.query(ItemTable):
            table.year = meeting.date.year

    def on_mount(self) -> None:
        if self.read_only:
            self._mount_read_only()
            return
        meeting = meetings.start_meeting(self.db, self.meeting_id)
        self._show_years_of(meeting)
        self.state = RunningMeeting(
            self.db,
            meeting,
            meetings.agenda(self.db, self.meeting_id),
            clock=self.tui.clock,
            held=self._held_for,
        )
        self.unit_list = units.list_units(self.db)
        self.query_one(MeetingHeader).title = meeting.title
        self.query_one("#banner").display = False
        draft = drafts.load_draft(self.db, self.meeting_id)
        self.capture_bar.line.stamp = self._stamp
        self.show_position(clamp(meeting.current_position, self.entries), save=False)
        if draft is not None:
            self.capture_bar.kind = draft.kind
            self.capture_bar.line.value = draft.text
            self.capture_bar.line.cursor_position = len(draft.text)
        self.set_interval(0.5, self.tick)
        self.capture_bar.line.focus()
        self.events.emit(
            "meeting_opened",
            meeting=str(self.meeting_id),
            position=self.position,
            draft=draft.text if draft else "",
        )
        if self.tui.held is not None and self.tui.held.waiting():
            self.start_flushing()  # captures held by an earlier run, before the server came back
        # After the first paint: copying a large file or reading ahead must not hold the wall
        # back. `call_after_refresh` may run before that frame; the list's own draw does not.
        self.query_one("#captured", ItemTable).after_next_draw(self._after_first_paint)
        self.set_timer(FIRST_PAINT_LATEST_S, self._after_first_paint)  # a list never drawn
        if self.tui.script is not None:
            self._run_script()

    @work(thread=True, group="script", exit_on_error=False)
    def _run_script(self) -> None:
        if self.tui.script is not None:
            read_script(self, self.tui.script)

    def _after_first_paint(self) -> None:
        if self._painted:
            return
        self.tui.started()
        self._painted = True
        read_around(self)
        self._backup("start")
        self._lift_stale_curtain()
        # What the first keys need and start-up left out, loaded while nobody has typed yet.
        warm_parsers()
        prepare_orm()

    def _lift_stale_curtain(self) -> None:
        """The wall opens uncovered: a curtain left down by an earlier run (a crash) is
        lifted for the views that mirror it too."""
        db, meeting_id = self.db, self.meeting_id

        def lift() -> None:
            if meetings.curtain_down(db, meeting_id):
                meetings.set_curtain(db, meeting_id, False)

        self.writes.put(lift)

    def _backup(self, reason: str) -> None:
        db, keep, events = self.db, self.settings.backups_keep, self.events

        def run() -> None:
            # A backup is a safety net, not a step of the meeting: failing it must not stop one.
            try:
                path = backup_database(db, reason, keep=keep)
            except (UserError, OSError) as exc:
                events.emit("error", key="backup", message=str(exc))
                return
            events.emit("backup", reason=reason, path=str(path) if path else None)

        # Owned by the app, not the screen: the closing backup outlives the screen.
        self.app.run_worker(run, thread=True, group="backup", exit_on_error=False)

    def show_found(self, project_id: uuid.UUID | None, item_id: uuid.UUID | None) -> None:
        """Show a project's page (None: the meeting-level page) and select an item on it."""
        position = 0
        if project_id is not None:
            entry = next((e for e in self.entries if e.project.id == project_id), None)
            if entry is None:
                name = projects.get_project(self.db, project_id).name
                self.notify(t("search.not_on_agenda", name=name), severity="warning")
                return
            position = entry.position
        if position != self.position:
            self.show_position(position)
        if item_id is None:
            return
        table = self.query_one("#captured", ItemTable)
        if not any(i.id == item_id for i in table.items):
            self.notify(t("search.item_not_shown"), severity="warning")
            return
        table.focus()
        table.select(item_id)

    def _mount_read_only(self) -> None:
        meeting = meetings.get_meeting(self.db, self.meeting_id)
        self._show_years_of(meeting)
        self.state = RunningMeeting(
            self.db, meeting, meetings.agenda(self.db, self.meeting_id), clock=self.tui.clock, read_only=True
        )
        # Amending edits items as quick-add lines, whose units are matched against these.
        self.unit_list = units.list_units(self.db) if self.amend_reason else []
        mode = (
            t("meeting.amending", reason=self.amend_reason) if self.amend_reason else t("meeting.read_only")
        )
        self.query_one(MeetingHeader).title = f"{meeting.title}（{mode}）"
        self.query_one("#banner").display = False
        self.capture_bar.display = False
        self.show_position(clamp(meeting.current_position, self.entries), save=False)
        if self._reveal is not None:
            self.show_found(*self._reveal)
        else:
            self.query_one("#captured", ItemTable).focus()
        self.notify(
            t("meeting.amend_note") if self.amend_reason else t("meeting.read_only_note", title=meeting.title)
        )

    def _held_for(self, project_id: uuid.UUID | None) -> list[ItemView]:
        held = self.tui.held
        if held is None or not held.views:
            return []
        return held.shown_for(self.meeting_id, project_id)

    def _stamp(self) -> tuple[Where, str]:
        """What an Enter carries: the project on the wall and the kind chosen when it arrived."""
        return self.state.where(), self.capture_bar.kind

    # --- moving along the agenda -----------------------------------------------------------
    def show_position(self, position: int, *, save: bool = True) -> None:
        started = time.perf_counter()
        # No collection between the key and its frame (start-up has its own hold).
        held = self._painted and self.tui.collector.hold()
        try:
            change = self.state.move(
                position, now=self.tui.clock.now(), rules=self.followup_rules(), today=self.today(), save=save
            )
        except StorageError as exc:
            # What was shown belongs to another project: show only what is known for this one.
            self.draw(Change(wall=True), lists_failed=True)
            self._set_banner(f"{exc.message()}  {exc.remedy_text() or ''}")
            self.events.emit("error", key=exc.key, message=exc.message("en"))
        else:
            self.draw(change)
        # The writes a switch makes (the timers, the position) and the reads ahead start once
        # its frame is drawn: threads started now would take the interpreter from the paint.
        # A switch not yet drawn keeps its writes: they add up.
        self._pending_writes.extend(self.state.take_writes())
        captured = self.query_one("#captured", ItemTable)
        events = self.events
        if events.enabled:
            entry = self.entry
            project = entry.project.name if entry else None
            shown = self.position

            def painted() -> None:
                # `drawn_ms`: the screen's own part, from taking the move to this callback
                # after its frame. Not the benchmark's switch, which starts when the key
                # reaches the app and ends with the frame itself (docs/performance.md).
                events.emit(
                    "project_shown",
                    position=shown,
                    project=project,
                    drawn_ms=(time.perf_counter() - started) * 1000,
                )

            # The captured list is drawn with every switch: its frame is the switch's. Timed
            # before the writes below start their threads.
            captured.after_next_draw(painted)
        captured.after_next_draw(self._after_switch_drawn)
        if held:
            captured.after_next_draw(self.tui.collector.release)

    def _after_switch_drawn(self) -> None:
        writes, self._pending_writes = self._pending_writes, []
        self.writes.put(*writes)
        if self._painted:  # at start-up, `_after_first_paint` reads ahead
            read_around(self)

    def _save_state(self) -> None:
        """Hand the state's saves to the write line, to run in the order made."""
        self.writes.put(*self.state.take_writes())

    def on_unmount(self) -> None:
        # A switch whose frame was never drawn (the app quit at once) still saves, here, as
        # does anything queued: a worker started while the app closes might not run.
        writes, self._pending_writes = self._pending_writes, []
        if hasattr(self, "state"):
            writes += self.state.take_writes()
        self.writes.flush(*writes)

    # --- drawing the state -----------------------------------------------------------------
    def draw(self, change: Change, *, lists_failed: bool = False) -> None:
        """Show what `change` says changed in the state; nothing else is touched."""
        state = self.state
        if change.wall or change.agenda:
            self.query_one(MeetingHeader).position_text = position_text(state.position, state.entries)
        if change.wall and not self.read_only:
            # A note about the last project's save does not belong to this one.
            self._saved_note = None
            self.preview(self.capture_bar.line.value)
        carried = self.query_one("#carried", ItemTable)
        captured = self.query_one("#captured", ItemTable)
        if lists_failed:
            carried.set_items([])
            captured.set_items(self._held_here())
        elif change.wall:
            self._draw_card()
            carried.set_items(state.carried, state.lists.info)
            captured.set_items(state.captured)
        else:
            if change.carried:
                self._draw_card()
                set_items_keeping_selection(carried, state.carried, state.lists.info)
            if change.captured:
                set_items_keeping_selection(captured, state.captured)
        if change.wall or change.carried or lists_failed:
            carried.display = bool(carried.items)
            self.query_one("#carried-title").display = bool(carried.items)
            # A one-line section title, like the captured one: no layout for a new count.
            self.query_one("#carried-title", Static).update(
                carried_title(len(carried.items), state.lists.carried_total), layout=False
            )
        if change.wall or change.captured or lists_failed:
            self._update_captured_title()
        if change.wall or change.timer:
            self.tick()
        if change.elsewhere is not None:
            self.notify(t("capture.saved_elsewhere", name=change.elsewhere or t("meeting.general_page")))

    def _draw_card(self) -> None:
        state = self.state
        card = self.query_one(ProjectCard)
        entry = state.entry
        if entry is None:
            card.show_project(
                None,
                [],
                self.today(),
                self.settings.yellow_days,
                general_title=t("meeting.general_title", date=zh_date(state.meeting.date)),
            )
        else:
            card.show_project(
                entry.project,
                state.card_deadlines(),
                self.today(),
                self.settings.yellow_days,
                year=state.meeting.date.year,
            )

    def _update_captured_title(self) -> None:
        captured = self.query_one("#captured", ItemTable)
        # A one-line section title: a new count repaints it without laying out the screen.
        self.query_one("#captured-title", Static).update(
            Text(t("meeting.captured_title", n=len(captured.items))), layout=False
        )

    def tick(self) -> None:
        state = self.state
        entry = state.entry
        header = self.query_one(MeetingHeader)
        # A meeting looked at read-only is not being timed: no countdown at all.
        header.show_timer(
            state.timer.elapsed(),
            entry.time_box_s if entry else 0,
            state.timer.running,
            visible=entry is not None and not self.read_only,
            paused=not state.timer.running and not self.read_only,
        )
        if self.has_class("-curtain"):
            self._paint_curtain()
        if not self.read_only and state.tick(TIMER_SAVE_EVERY_S):
            self._save_state()

    # --- navigation ------------------------------------------------------------------------
    @in_arrival_order
    def action_next_project(self) -> None:
        self.show_position(self.position + 1)

    @in_arrival_order
    def action_previous_project(self) -> None:
        self.show_position(self.position - 1)

    @in_arrival_order
    def action_general_page(self) -> None:
        self.show_position(0)

    @in_arrival_order
    def action_kind(self, kind: str) -> None:
        super().action_kind(kind)

    @in_arrival_order
    def action_toggle_timer(self) -> None:
        self.draw(self.state.toggle_timer())
        self._save_state()

    @in_arrival_order
    def action_skip_project(self) -> None:
        entry = self.state.skip()
        if entry is None:
            return
        self.notify(t("meeting.skipped", name=entry.project.name))
        self.show_position(self.position + 1)

    @in_arrival_order
    def action_jump(self) -> None:
        choices = [Choice(t("meeting.general_page"), 0)] + [
            Choice(
                f"{e.position:>2}. {e.project.code or ''} {e.project.name}"
                + (f"  ({t('meeting.skipped_mark')})" if e.skipped else ""),
                e.position,
            )
            for e in self.entries
        ]

        def chosen(value: object | None) -> None:
            if isinstance(value, int):
                self.show_position(value)

        self.app.push_screen(ChoiceDialog(t("meeting.jump_title"), choices), chosen)

    def action_export(self) -> None:
        from tui550.app.screens.export import ExportDialog

        def done(paths: list[Path] | None) -> None:
            for path in paths or []:
                self.notify(t("export.dialog.done", path=str(path)), timeout=10)

        self.app.push_screen(ExportDialog(self.meeting_id), done)

    def action_take_next(self) -> None:
        """Add a project to the agenda, or move a later one up, to come right after this one."""
        from tui550.core.store import agenda

        placed = {e.project.id: e for e in self.entries}
        choices = [
            Choice(f"{e.position:>2}. {e.project.code or ''} {e.project.name}", e.project.id)
            for e in self.entries
            if e.position > self.position + 1
        ]
        choices += [
            Choice(f"    {p.code or ''} {p.name}  {t('meeting.not_on_agenda')}", p.id)
            for p in projects.list_projects(self.db)
            if p.id not in placed
        ]

        def chosen(project_id: object | None) -> None:
            if not isinstance(project_id, uuid.UUID):
                return
            target = min(self.position + 1, len(self.entries) + 1)
            try:
                if project_id in placed:
                    agenda.move_agenda_entry(self.db, placed[project_id].id, target)
                else:
                    agenda.add_to_agenda(self.db, self.meeting_id, project_id, target)
            except UserError as exc:
                self.notify(exc.message(), severity="error")
                return
            self._reload_agenda()
            name = self.entries[target - 1].project.name
            self.notify(t("meeting.take_next_done", name=name))

        self.app.push_screen(ChoiceDialog(t("meeting.take_next_title"), choices), chosen)

    def _reload_agenda(self) -> None:
        """Re-read the agenda, keeping the project on the wall and its running timer."""
        self.draw(self.state.reload_agenda(meetings.agenda(self.db, self.meeting_id)))

    @in_arrival_order
    def action_curtain(self) -> None:
        # The curtain covers the wall; the line keeps the focus under it, so what is typed
        # meanwhile or right after lands on the line. Its state is saved for `tui550 view`.
        down = not self.has_class("-curtain")
        self.set_class(down, "-curtain")
        self._paint_curtain()
        if not self.read_only:
            meeting_id, db = self.meeting_id, self.db
            self.writes.put(lambda: meetings.set_curtain(db, meeting_id, down))

    def _paint_curtain(self) -> None:
        now = to_local(self.tui.clock.now(), self.settings.tz)
        self.query_one("#curtain-title", Static).update(Text(self.meeting.title))
        self.query_one("#curtain-clock", Static).update(Text(now.strftime("%H:%M")))

    @in_arrival_order
    def action_home(self) -> None:
        self.state.leave()
        self._save_state()
        self.tui.leave_meeting()

    @in_arrival_order
    def action_close_meeting(self) -> None:
        from tui550.app.screens.review import CloseReview

        def closed(done: bool | None) -> None:
            if done:
                self.state.leave()
                self._save_state()
                self._backup("close")
                self.tui.leave_meeting()

        self.app.push_screen(CloseReview(self.meeting_id), closed)

    def save_now(self) -> None:
        """Position, timer and draft, synchronously: the app is about to rebuild itself."""
        if self.read_only:
            return
        entry = self.entry
        if entry is not None:
            self.timer.pause()
            meetings.save_timer(self.db, entry.id, elapsed_s=self.timer.elapsed())
        meetings.set_position(self.db, self.meeting_id, self.position)
        bar = self.capture_bar
        drafts.save_draft(self.db, self.meeting_id, self.project_id, bar.kind, bar.line.value)

    def followup_changed(self, item: ItemView) -> None:
        """A follow-up key saved an item carried here: read the lists again, keep the cursor."""
        self.draw(self.state.reread(now=self.tui.clock.now(), rules=self.followup_rules()))
        carried = self.query_one("#carried", ItemTable)
        if any(i.id == item.id for i in carried.items):
            carried.select(item.id)

    # --- the list (after Esc) ----------------------------------------------------------
    def action_back_to_line(self) -> None:
        self.capture_bar.line.focus()

    def action_toggle_list(self) -> None:
        """Esc leaves the capture line for the list (newest item selected), and comes back."""
        if isinstance(self.focused, ItemTable):
            self.capture_bar.line.focus()
            return
        for table_id in ("#captured", "#carried"):
            table = self.query_one(table_id, ItemTable)
            if table.items:
                table.focus()
                table.move_cursor(row=len(table.items) - 1 if table_id == "#captured" else 0)
                return

    def action_search(self) -> None:
        self.tui.open_search()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if (
            self.read_only
            and action in READ_ONLY_BLOCKED
            and not (self.amend_reason and action in AMENDING_ALLOWED)
        ):
            return False
        if action in ("edit_item", "rekind_item", "delete_item", "item_history", "evidence", "back_to_line"):
            return isinstance(self.focused, ItemTable)
        if action == "toggle_list":  # on a list, Esc is `list.back` (shown in the footer)
            return not isinstance(self.focused, ItemTable)
        if action in FOLLOWUP_ACTIONS:
            return isinstance(self.focused, ItemTable) and self.focused.carried
        if action == "close_meeting":
            return hasattr(self, "state") and self.meeting.state is not MeetingState.CLOSED
        return True

    def on_database_changed(self, _message: object) -> None:
        """Another client wrote: re-read this project's lists (the capture line is left alone).

        Our own saves are seen as changes too. While the facilitator types or has just
        saved, the re-read waits for a pause of `LIVE_QUIET_S`: it would take the CPU the
        next keystroke needs, mostly to find the save already on screen."""
        if self._live_timer is not None:
            self._live_timer.stop()
            self._live_timer = None
        wait = self._busy_at + LIVE_QUIET_S - time.monotonic()
        if wait <= 0:
            refresh_meeting(self)
        else:
            self._live_timer = self.set_timer(wait, lambda: self.on_database_changed(None))

    @on(Input.Changed, "#line")
    def _line_changed(self, event: Input.Changed) -> None:
        self.mark_busy()
        if event.value == self._previewed:
            self._previewed = None  # a save showed it already (`_save`)
        else:
            self.preview(event.value)
        self.schedule_draft()
