"""Home: the meetings (in progress first), open one, or prepare a new one."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Input, Label, Static

from tui550.app.base import AppScreen
from tui550.app.commands import BindingList, bindings
from tui550.app.screens.dialogs import Dialog
from tui550.app.widgets.footer import RoomFooter
from tui550.core.clock import local_today, zone
from tui550.core.domain import Kind, MeetingState
from tui550.core.errors import UserError
from tui550.core.store import meetings, projects
from tui550.i18n import t

FIELDS = ("title", "date", "time", "place", "chair", "attendees", "non_voting", "absentees",
          "recorder", "issue_no")


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
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def on_database_changed(self, _message: object) -> None:
        # Under another screen it reloads when it comes back (on_screen_resume).
        if self.is_current:
            self.reload()

    def reload(self) -> None:
        table = self.query_one(DataTable)
        rows = meetings.list_meetings(self.app.db)  # type: ignore[attr-defined]
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

    def action_new_meeting(self) -> None:
        def created(meeting_id: object | None) -> None:
            if meeting_id is not None:
                self.reload()
                self.app.open_meeting(meeting_id)  # type: ignore[attr-defined]

        self.app.push_screen(NewMeetingDialog(), created)


class NewMeetingDialog(Dialog[object | None]):
    """A meeting's header block; the agenda is every project in the ledger, in code order."""

    DEFAULT_CSS = """
    NewMeetingDialog VerticalScroll { height: auto; max-height: 30; }
    NewMeetingDialog Input { margin: 0 0 0 0; }
    """
    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        Binding("escape", "cancel", show=False),
        *bindings("new"),
    ]

    def compose(self) -> ComposeResult:
        settings = self.app.settings  # type: ignore[attr-defined]
        db = self.app.db  # type: ignore[attr-defined]
        last = max(meetings.list_meetings(db), key=lambda m: m.date, default=None)
        defaults = {
            "title": t("new.default_title", district=settings.district),
            "date": local_today(settings.tz, self.app.clock.now()).isoformat(),  # type: ignore[attr-defined]
            "time": "09:00",
        }
        if last is not None:
            for name in ("place", "chair", "attendees", "non_voting", "absentees", "recorder"):
                defaults[name] = getattr(last, name) or ""
        with Vertical():
            yield Label(Text(t("new.title")), classes="title")
            with VerticalScroll():
                for name in FIELDS:
                    yield Label(t(f"new.field.{name}"))
                    yield Input(defaults.get(name, ""), id=f"f-{name}")
            yield Static(Text(t("new.hint")), classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_create()

    def action_create(self) -> None:
        values = {name: self.query_one(f"#f-{name}", Input).value.strip() for name in FIELDS}
        settings = self.app.settings  # type: ignore[attr-defined]
        try:
            day = date.fromisoformat(values["date"])
            hour = time.fromisoformat(values["time"] or "09:00")
        except ValueError:
            self.notify(t("new.bad_date"), severity="error")
            return
        starts = datetime.combine(day, hour, tzinfo=zone(settings.tz)).astimezone(UTC)
        db = self.app.db  # type: ignore[attr-defined]
        try:
            meeting = meetings.create_meeting(
                db, values["title"], day, starts_at=starts,
                project_ids=[p.id for p in projects.list_projects(db)],
                time_box_s=settings.time_box_minutes * 60,
                place=values["place"] or None, chair=values["chair"] or None,
                attendees=values["attendees"] or None, non_voting=values["non_voting"] or None,
                absentees=values["absentees"] or None, recorder=values["recorder"] or None,
                issue_no=values["issue_no"] or None,
            )
        except UserError as exc:
            self.notify(exc.message(), severity="error")
            return
        self.dismiss(meeting.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
