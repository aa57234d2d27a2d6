"""Home: the meetings (in progress first), and apart from them the records that ledger
upkeep and imports keep their items under. Open, prepare, start, amend or delete one;
the ledger."""

from __future__ import annotations

import uuid
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from tui550.app.base import AppScreen
from tui550.app.commands import BindingList, bindings
from tui550.app.screens.dialogs import Choice, ChoiceDialog, LineDialog, MessageDialog
from tui550.app.screens.prepare import NewMeetingDialog
from tui550.app.widgets.footer import RoomFooter
from tui550.core.domain import Kind, MeetingKind, MeetingState, MeetingView
from tui550.core.errors import UserError
from tui550.core.store import lifecycle, meetings
from tui550.core.store.projects import list_projects
from tui550.i18n import t


def row_cells(m: MeetingView, records: bool) -> tuple[Text, ...]:
    """A row of the list. The id (what the command line takes) comes first, so that it
    stays in view at 80 columns; the title, the widest cell, comes last."""
    third = t(f"kind.meeting.{m.kind.value}") if records else (m.issue_no or "")
    return (
        Text(m.short_id),
        Text(m.date.isoformat()),
        Text(third),
        Text(t(f"state.{m.state.value}")),
        *(Text(str(m.counts.get(k.value, 0)), justify="right") for k in Kind),
        Text(m.title),
    )


class HomeScreen(AppScreen):
    BINDINGS: ClassVar[BindingList] = bindings("home")
    COMMAND_SCOPES = ("home",)
    HELP_KEY = "help.home"
    DEFAULT_CSS = """
    HomeScreen #home-title { padding: 1 2 0 2; text-style: bold; color: $primary; }
    HomeScreen #home-section { padding: 0 2; color: $primary; }
    HomeScreen DataTable { height: 1fr; }
    HomeScreen #home-empty { padding: 1 2; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: list[str] | None = None
        self._cells: list[tuple[Text, ...]] = []
        self._all: list[MeetingView] = []
        self.records = False  # showing the upkeep and import records instead of meetings
        self._deleted: list[uuid.UUID] = []

    def compose(self) -> ComposeResult:
        title = Text(t("home.title"))
        if self.tui.demo:
            title = Text.assemble((t("demo.badge"), "reverse"), " ", title)
        yield Static(title, id="home-title")
        yield Static(Text(t("home.meetings_title")), id="home-section")
        yield DataTable(cursor_type="row", id="meetings")
        yield Static(Text(t("home.empty")), id="home-empty")
        yield RoomFooter()

    def on_mount(self) -> None:
        self._add_columns()
        if self.tui.notice:
            self.notify(self.tui.notice, timeout=30)
            self.tui.notice = None
        if self.tui.start_meeting_id is None:
            # Under a meeting opened at start-up, the list is read when it is first shown.
            self.reload()
            self.call_after_refresh(self.tui.started)

    def _add_columns(self) -> None:
        table = self.query_one(DataTable)
        third = "home.col.kind" if self.records else "home.col.issue_no"
        for key in ("cli.col.id", "cli.col.date", third, "cli.col.state"):
            table.add_column(t(key))
        for kind in Kind:
            table.add_column(t(f"kind.short.{kind.value}"))
        table.add_column(t("cli.col.title"))

    def on_screen_resume(self) -> None:
        # Also sent at start-up when a meeting screen is pushed over this one at once:
        # the list (item counts over every meeting) is read only once it is in view.
        if self.app.screen is self:
            self.changed_while_hidden = False  # this read takes in any change it missed
            self._read_later()

    def on_database_changed(self, _message: object) -> None:
        # Under another screen it reloads when it comes back (on_screen_resume).
        if self.app.screen is self:
            self._read_later()

    def _read_later(self) -> None:
        # Off the UI thread: on a district's years of meetings the counts take a scan.
        self.read_in_background(lambda: meetings.list_meetings(self.tui.db), self._show, group="home-live")

    def reload(self) -> None:
        self._show(meetings.list_meetings(self.tui.db))

    def _show(self, everything: list[MeetingView]) -> None:
        self._all = everything
        rows = [m for m in everything if (m.kind is not MeetingKind.MEETING) == self.records]
        table = self.query_one(DataTable)
        cells = [row_cells(m, self.records) for m in rows]
        keys = [str(m.id) for m in rows]
        if keys == self._keys and cells == self._cells:
            return  # unchanged: leave the cursor and scroll where they are
        old = self._keys or []
        chosen = old[table.cursor_row] if 0 <= table.cursor_row < len(old) else None
        table.clear()
        for key, row in zip(keys, cells, strict=True):
            table.add_row(*row, key=key)
        self._keys, self._cells = keys, cells
        if chosen in keys:
            table.move_cursor(row=keys.index(chosen), animate=False)
        empty = self.query_one("#home-empty", Static)
        empty.update(Text(t("home.records_empty" if self.records else "home.empty")))
        empty.display = not rows
        table.display = bool(rows)
        if rows and self.focused is None:
            table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # The table's own Enter (select the row) comes first: it opens the meeting too.
        event.stop()
        self.action_open_meeting()

    def _chosen(self) -> MeetingView | None:
        """The meeting under the cursor, as it is now in the database."""
        table = self.query_one(DataTable)
        if not table.row_count or not table.display:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        try:
            return meetings.get_meeting(self.tui.db, uuid.UUID(key))
        except UserError as exc:  # deleted meanwhile, elsewhere
            self.notify(exc.message(), severity="warning")
            self.reload()
            return None

    def action_open_meeting(self) -> None:
        """A meeting in progress opens live; a prepared or closed one, and a record, open
        to be looked at (a prepared meeting is started with S, a closed one amended with A)."""
        meeting = self._chosen()
        if meeting is None:
            return
        if meeting.state is MeetingState.IN_PROGRESS and meeting.kind is MeetingKind.MEETING:
            self.tui.open_meeting(meeting.id)
            return
        from tui550.app.screens.meeting import MeetingScreen

        self.app.push_screen(MeetingScreen(meeting.id, read_only=True))

    def action_start_meeting(self) -> None:
        meeting = self._chosen()
        if meeting is None:
            return
        if meeting.state is not MeetingState.PLANNED or meeting.kind is not MeetingKind.MEETING:
            self.notify(t("home.not_planned", title=meeting.title), severity="warning")
            return
        running = meetings.meeting_in_progress(self.tui.db)
        if running is None:
            self._start(meeting, alongside=False)
            return

        def chosen(yes: object | None) -> None:
            if yes is True:
                self._start(meeting, alongside=True)

        # Cancel is first, so that a hurried Enter changes nothing.
        self.app.push_screen(
            ChoiceDialog(
                t("home.confirm_second", title=running.title),
                [Choice(t("home.confirm.no"), False), Choice(t("home.confirm_second.yes"), True)],
                filterable=False,
            ),
            chosen,
        )

    def _start(self, meeting: MeetingView, *, alongside: bool) -> None:
        try:
            meetings.start_meeting(self.tui.db, meeting.id, alongside=alongside)
        except UserError as exc:
            self._refused(exc)
            return
        self.reload()
        self.tui.open_meeting(meeting.id)

    def action_amend_meeting(self) -> None:
        meeting = self._chosen()
        if meeting is None:
            return
        if meeting.state is not MeetingState.CLOSED or meeting.kind is not MeetingKind.MEETING:
            self.notify(t("home.amend_only_closed"), severity="warning")
            return
        from tui550.app.screens.meeting import MeetingScreen

        def given(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            try:
                reason = lifecycle.begin_amendment(self.tui.db, meeting.id, result[0])
            except UserError as exc:
                self._refused(exc)
                return
            self.app.push_screen(MeetingScreen(meeting.id, read_only=True, amend_reason=reason))

        self.app.push_screen(
            LineDialog(t("home.amend_reason", title=meeting.title), "", hint=t("home.amend_hint")), given
        )

    def action_delete_meeting(self) -> None:
        meeting = self._chosen()
        if meeting is None:
            return
        count = meeting.item_count
        if not count:
            self._delete(meeting)
            return

        def chosen(yes: object | None) -> None:
            if yes is True:
                self._delete(meeting)

        self.app.push_screen(
            ChoiceDialog(
                t("home.confirm_delete", title=meeting.title, count=count),
                [
                    Choice(t("home.confirm.no"), False),
                    Choice(t("home.confirm_delete.yes", count=count), True),
                ],
                filterable=False,
            ),
            chosen,
        )

    def _delete(self, meeting: MeetingView) -> None:
        try:
            count = lifecycle.delete_meeting(self.tui.db, meeting.id, meeting.version)
        except UserError as exc:
            self._refused(exc)
            return
        self._deleted.append(meeting.id)
        self.reload()
        self.notify(t("home.deleted", title=meeting.title, count=count))

    def action_undo_delete(self) -> None:
        if not self._deleted:
            self.notify(t("home.nothing_to_undo"))
            return
        try:
            back = lifecycle.restore_meeting(self.tui.db, self._deleted[-1])
        except UserError as exc:
            self._refused(exc)
            return
        self._deleted.pop()
        self.reload()
        table = self.query_one(DataTable)
        if self._keys and str(back.id) in self._keys:
            table.move_cursor(row=self._keys.index(str(back.id)), animate=False)
        self.notify(t("home.restored", title=back.title))

    def action_toggle_records(self) -> None:
        self.records = not self.records
        table = self.query_one(DataTable)
        table.clear(columns=True)
        self._add_columns()
        self._keys, self._cells = None, []
        self.query_one("#home-section", Static).update(
            Text(t("home.records_title" if self.records else "home.meetings_title"))
        )
        self._show(self._all)

    def _refused(self, exc: UserError) -> None:
        """Refused, or someone changed the meeting meanwhile (a `ConflictError`): say so
        and show the list as it now is."""
        self.notify(f"{exc.message()} {exc.remedy_text() or ''}".strip(), severity="error")
        self.reload()

    def action_search(self) -> None:
        self.tui.open_search()

    def action_new_meeting(self) -> None:
        if not list_projects(self.app.db):  # type: ignore[attr-defined]
            # A meeting of no projects has no agenda: say how projects get in instead.
            self.app.push_screen(MessageDialog(t("home.no_projects.title"), Text(t("home.no_projects"))))
            return

        def created(meeting_id: object | None) -> None:
            if meeting_id is not None:
                self.reload()
                keys = self._keys or []
                if str(meeting_id) in keys:
                    self.query_one(DataTable).move_cursor(row=keys.index(str(meeting_id)), animate=False)

        self.app.push_screen(NewMeetingDialog(), created)

    def action_projects(self) -> None:
        from tui550.app.screens.projects import ProjectsScreen

        self.app.push_screen(ProjectsScreen())
