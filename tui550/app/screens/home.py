"""Home: the meetings (in progress first), open one, prepare a new one, or the ledger."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from tui550.app.base import AppScreen
from tui550.app.commands import BindingList, bindings
from tui550.app.screens.dialogs import MessageDialog
from tui550.app.screens.prepare import NewMeetingDialog
from tui550.app.widgets.footer import RoomFooter
from tui550.core.domain import Kind, MeetingState, MeetingView
from tui550.core.store import meetings
from tui550.i18n import t


class HomeScreen(AppScreen):
    BINDINGS: ClassVar[BindingList] = bindings("home")
    COMMAND_SCOPES = ("home",)
    HELP_KEY = "help.home"
    DEFAULT_CSS = """
    HomeScreen #home-title { padding: 1 2; text-style: bold; color: $primary; }
    HomeScreen DataTable { height: 1fr; }
    HomeScreen #home-empty { padding: 1 2; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: list[str] | None = None
        self._cells: list[tuple[Text, ...]] = []

    def compose(self) -> ComposeResult:
        yield Static(Text(t("home.title")), id="home-title")
        yield DataTable(cursor_type="row", id="meetings")
        yield Static(Text(t("home.empty")), id="home-empty")
        yield RoomFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key in ("cli.col.date", "cli.col.title", "cli.col.state"):
            table.add_column(t(key))
        for kind in Kind:
            table.add_column(t(f"kind.{kind.value}"))
        table.add_column(t("cli.col.id"))
        if self.tui.start_meeting_id is None:
            # Under a meeting opened at start-up, the list is read when it is first shown.
            self.reload()
            self.call_after_refresh(self.tui.started)

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
        self.read_in_background(lambda: meetings.list_meetings(self.tui.db), self._show,
                                group="home-live")

    def reload(self) -> None:
        self._show(meetings.list_meetings(self.tui.db))

    def _show(self, rows: list[MeetingView]) -> None:
        table = self.query_one(DataTable)
        cells = [(Text(m.date.isoformat()), Text(m.title), Text(t(f"state.{m.state.value}")),
                  *(Text(str(m.counts.get(k.value, 0))) for k in Kind), Text(m.short_id))
                 for m in rows]
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
        self.query_one("#home-empty").display = not rows
        table.display = bool(rows)
        if rows and self.focused is None:
            table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # The table's own Enter (select the row) comes first: it opens the meeting too.
        event.stop()
        self.action_open_meeting()

    def action_open_meeting(self) -> None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        import uuid

        meeting = meetings.get_meeting(self.app.db, uuid.UUID(key))  # type: ignore[attr-defined]
        if meeting.state is MeetingState.CLOSED:
            self.notify(t("meeting.closed", title=meeting.title), severity="warning")
            return
        self.app.open_meeting(meeting.id)  # type: ignore[attr-defined]

    def action_search(self) -> None:
        from tui550.app.screens.search import open_search

        open_search(self.tui)

    def action_new_meeting(self) -> None:
        from tui550.core.store.projects import list_projects

        if not list_projects(self.app.db):  # type: ignore[attr-defined]
            # A meeting of no projects has no agenda: say how projects get in instead.
            self.app.push_screen(MessageDialog(t("home.no_projects.title"), Text(t("home.no_projects"))))
            return

        def created(meeting_id: object | None) -> None:
            if meeting_id is not None:
                self.reload()
                self.app.open_meeting(meeting_id)  # type: ignore[attr-defined]

        self.app.push_screen(NewMeetingDialog(), created)

    def action_projects(self) -> None:
        from tui550.app.screens.projects import ProjectsScreen

        self.app.push_screen(ProjectsScreen())
