"""Capturing and changing items on the meeting screen.

Enter parses the line, refuses what cannot be saved (with the reason on screen),
asks about units nobody knows, then commits and only then shows the item. If the
database cannot be written, the text stays on the line, marked unsaved, and a
banner says why; it is retried every few seconds (and on Enter) with the same
item id, so a retry never saves twice.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
import uuid
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.timer import Timer
from textual.widgets import Static
from textual.worker import get_current_worker

from tui550.app.base import AppScreen
from tui550.app.commands import kind_keys_label
from tui550.app.screens.dialogs import Choice, ChoiceDialog, MessageDialog
from tui550.app.widgets.capture import CaptureBar, CaptureInput
from tui550.app.widgets.items import ItemTable
from tui550.core.clock import utcnow
from tui550.core.domain import TRACKED_KINDS, ItemView, Kind, MeetingView, Status, Tag, UnitKind, UnitView
from tui550.core.errors import ConflictError, StorageError, UserError
from tui550.core.running_meeting import Change, RunningMeeting, Where
from tui550.core.store import drafts, items, units
from tui550.core.text import clean_text
from tui550.i18n import t

if TYPE_CHECKING:
    from tui550.core.quickadd import QuickAdd, UnitRef

# The line's parser is imported where it is used, not here: compiling its deadline
# patterns would delay every start's first frame, and nobody can type before that
# frame. The meeting screen imports it right after (`warm_parsers`).

# After a disk failure, the draft and the unsaved line are tried again this often.
RETRY_S = 2.0


def warm_parsers() -> None:
    """Import the line's parser (and the deadline parser under it) ahead of the first key."""
    import tui550.core.quickadd  # noqa: F401


def unit_refs(unit_list: list[UnitView]) -> list[UnitRef]:
    from tui550.core.quickadd import UnitRef

    return [UnitRef(id=u.id, name=u.name, aliases=u.aliases) for u in unit_list]


def understood_text(q: QuickAdd) -> tuple[Text, bool]:
    text = Text()
    for n, (key, args) in enumerate(q.understood()):
        if n:
            text.append("  ·  ")
        text.append(t(key, **args))
    problem = bool(q.problems)
    for key_args in q.problems:
        text.append("  ·  " if text else "")
        text.append(t(key_args.key, **key_args.args), style="bold")
    return text, problem


def unit_id_of(ref: UnitRef | None) -> uuid.UUID | None:
    """Units reach the parser as UnitRefs whose id is the unit's UUID."""
    return ref.id if ref is not None and isinstance(ref.id, uuid.UUID) else None


def unit_ids_of(refs: tuple[UnitRef, ...]) -> list[uuid.UUID]:
    return [u for u in (unit_id_of(r) for r in refs) if u is not None]


class CaptureScreen(AppScreen):
    """The capture half of the meeting screen; the subclass provides `meeting`,
    `meeting_id`, `project_id`, `unit_list` and the layout."""

    _draft_timer: Timer | None = None
    _busy_at = 0.0  # time.monotonic() of the last keystroke or save (see on_database_changed)
    _retry_timer: Timer | None = None
    _flush_timer: Timer | None = None
    _pending_id: uuid.UUID | None = None
    _pending_line: str = ""
    _pending_where: Where | None = None  # where the unsaved line's Enter was pressed
    _saved_note: str | None = None

    meeting_id: uuid.UUID
    # The reason given for amending a closed meeting (`MeetingScreen`), kept with each change.
    amend_reason: str | None = None
    unit_list: list[UnitView]
    state: RunningMeeting

    @property
    def meeting(self) -> MeetingView:
        raise NotImplementedError

    @property
    def project_id(self) -> uuid.UUID | None:
        raise NotImplementedError

    def draw(self, change: Change) -> None:
        raise NotImplementedError

    @property
    def hint(self) -> str:
        """The empty line's hint, naming the kind keys as the keymap has them."""
        return t("capture.hint", kinds=kind_keys_label(self.settings.keymap))

    def _update_captured_title(self) -> None:
        raise NotImplementedError

    @property
    def capture_bar(self) -> CaptureBar:
        return self.query_one("#capture", CaptureBar)

    @property
    def reference_date(self) -> date:
        return self.meeting.date  # relative phrases resolve against the meeting's date

    def parse(self, line: str, kind: str | None = None) -> QuickAdd:
        from tui550.core.quickadd import parse_quickadd

        # Control characters go first: no escape sequence reaches the preview or a dialog.
        return parse_quickadd(
            clean_text(line),
            self.reference_date,
            unit_refs(self.unit_list),
            default_kind=kind or self.capture_bar.kind,  # type: ignore[arg-type]
        )

    _previewed: str | None = None  # the line the preview shows, until its Changed arrives

    def preview(self, line: str) -> None:
        self._previewed = line
        if not line.strip():
            note, self._saved_note = self._saved_note, None
            self.capture_bar.show_preview(Text(note or self.hint))
            self.capture_bar.show_kind(self.capture_bar.kind)
            return
        q = self.parse(line)
        text, problem = understood_text(q)
        self.capture_bar.show_preview(text, problem)
        # The label says what Enter will save: a typed prefix (问题：…) wins over F2-F5.
        self.capture_bar.show_kind(q.kind)

    # --- drafts ------------------------------------------------------------------------
    def mark_busy(self) -> None:
        self._busy_at = time.monotonic()

    def schedule_draft(self) -> None:
        delay = self.settings.draft_delay_ms / 1000
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(delay, self._flush_draft)

    def _flush_draft(self) -> None:
        bar = self.capture_bar
        self._write_draft(self.project_id, bar.kind, bar.line.value)

    @work(thread=True, group="draft", exclusive=True, exit_on_error=False)
    def _write_draft(self, project_id: uuid.UUID | None, kind: str, text: str) -> None:
        # The banner comes from Enter; a failed draft just tries again until the disk is back.
        try:
            drafts.save_draft(self.db, self.meeting_id, project_id, kind, text)
        except UserError:
            with contextlib.suppress(Exception):  # the app may be closing
                self.app.call_from_thread(self._draft_failed)

    def _draft_failed(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(RETRY_S, self._flush_draft)

    # --- kinds -------------------------------------------------------------------------
    def action_kind(self, kind: str) -> None:
        self.capture_bar.kind = kind
        self.capture_bar.line.focus()
        self.preview(self.capture_bar.line.value)
        self.schedule_draft()

    # --- Enter -------------------------------------------------------------------------
    @on(CaptureInput.Entered, "#line")
    def _submitted(self, event: CaptureInput.Entered) -> None:
        event.stop()
        where, kind = event.stamp if isinstance(event.stamp, tuple) else (self.state.where(), None)
        self.submit_line(event.value, time.perf_counter(), where, kind)

    def submit_line(
        self, line: str, started: float, where: Where | None = None, kind: str | None = None
    ) -> None:
        """Save `line` on `where` (the project on the wall when its Enter arrived)."""
        collector = self.tui.collector
        held = collector.hold()  # no collection between the Enter and its frame
        try:
            self._submit_line(line, started, where or self.state.where(), kind)
        finally:
            if held:  # after the frame's own callbacks (its timing) have run
                self.query_one("#captured", ItemTable).after_next_draw(collector.release)

    def _submit_line(self, line: str, started: float, where: Where, kind: str | None) -> None:
        q = self.parse(line, kind)
        if q.is_empty:
            self._refuse(t("capture.empty"))
            return
        if q.has_only_metadata:
            self._refuse(t("capture.only_metadata"))
            return
        if q.unknown_units:
            self._ask_unit(q.unknown_units[0], line, started, where, kind)
            return
        if q.problems:
            text, _ = understood_text(q)
            self._refuse(text.plain)
            return
        self._save(q, line, started, where)

    def _refuse(self, message: str) -> None:
        self.capture_bar.line.release()
        self.capture_bar.show_preview(Text(message), problem=True)
        self.app.bell()

    def _save(self, q: QuickAdd, line: str, started: float, where: Where) -> None:
        # The same line retried after a failure keeps its id, so it is saved exactly once.
        if self._pending_id is None or self._pending_line != line:
            self._pending_id, self._pending_line = uuid.uuid4(), line
        kwargs: dict[str, Any] = dict(
            meeting_id=self.meeting_id,
            project_id=where.project_id,
            kind=Kind(q.kind),
            text=q.text,
            tag=Tag(q.tag) if q.tag else None,
            category=q.category,
            lead_unit_id=unit_id_of(q.lead_unit),
            co_unit_ids=unit_ids_of(q.co_units),
            due=q.due,
            cadence=q.cadence,
            item_id=self._pending_id,
        )
        held = self.tui.held
        if held is not None and (held.views or self._flush_timer is not None):
            # Earlier captures (of this run or the last) still wait for the server: this one
            # queues behind them, so the server gets them in the order they were spoken.
            self._hold(kwargs, line, started, where)
            return
        values = {k: v for k, v in kwargs.items() if k not in ("meeting_id", "project_id")}
        try:
            item, change = self.state.capture(where, **values)
        except StorageError as exc:
            if held is not None:  # the server is away: the meeting goes on
                self._hold(kwargs, line, started, where, exc)
                return
            self._pending_where = where
            self._unsaved(exc)
            return
        except UserError as exc:
            self._unsaved(exc)
            return
        committed = time.perf_counter()
        self.mark_busy()
        self._pending_id, self._pending_line = None, ""
        self._set_banner(None)
        table = self.query_one("#captured", ItemTable)
        self._show_added(item, change)
        bar = self.capture_bar
        if change.elsewhere is None:
            self._saved_note = t("capture.saved", kind=t(f"kind.{item.kind.value}"), text=item.text)
        bar.line.take(line)
        # Now, not when the line's Changed message comes: the note and the new row are
        # drawn in one frame instead of two.
        self.preview(bar.line.value)
        events = self.events
        if events.enabled:

            def painted() -> None:
                events.emit(
                    "item_saved",
                    id=str(item.id),
                    kind=item.kind.value,
                    commit_ms=(committed - started) * 1000,
                    paint_ms=(time.perf_counter() - started) * 1000,
                )

            table.after_next_draw(painted)

    # --- held on this computer (server database away) ----------------------------------
    def _show_added(self, item: ItemView, change: Change) -> None:
        """A new row at the end of the list shown (appending costs less than a new list)."""
        if change.captured:
            self.query_one("#captured", ItemTable).append_item(item)
            self._update_captured_title()
        self.draw(Change(carried=change.carried, elsewhere=change.elsewhere))

    def _hold(
        self, kwargs: dict[str, Any], line: str, started: float, where: Where, exc: StorageError | None = None
    ) -> None:
        held = self.tui.held
        assert held is not None
        view = self._held_view(kwargs)
        try:
            held.hold(kwargs, view)
        except (OSError, sqlite3.Error) as local:
            self._unsaved(exc or StorageError("error.storage", "error.storage.remedy", reason=str(local)))
            return
        self._pending_id, self._pending_line = None, ""
        change = self.state.add(view, where)
        self._show_added(view, change)
        if change.elsewhere is None:
            self._saved_note = t("outbox.kept", kind=t(f"kind.{view.kind.value}"), text=view.text)
        self.capture_bar.line.take(line)
        self.preview(self.capture_bar.line.value)
        self._show_held(exc)
        self.events.emit(
            "item_held",
            id=str(view.id),
            kind=view.kind.value,
            commit_ms=(time.perf_counter() - started) * 1000,
        )
        self.start_flushing()

    def _held_view(self, kwargs: dict[str, Any]) -> ItemView:
        """The row shown for a held capture until the server returns the saved item."""
        known = {u.id: u for u in self.unit_list}
        kind: Kind = kwargs["kind"]
        now = utcnow()
        lead = known.get(kwargs["lead_unit_id"]) if kwargs["lead_unit_id"] else None
        return ItemView(
            id=kwargs["item_id"],
            kind=kind,
            text=kwargs["text"],
            meeting_id=kwargs["meeting_id"],
            project_id=kwargs["project_id"],
            tag=kwargs["tag"],
            category=kwargs["category"],
            steps=None,
            lead_unit=lead,
            co_units=tuple(known[u] for u in kwargs["co_unit_ids"] if u in known),
            due=kwargs["due"],
            actual=None,
            status=Status.OPEN if kind in TRACKED_KINDS else None,
            # Version 0: not yet stored anywhere but here (the table marks it).
            created_at=now,
            updated_at=now,
            version=0,
            created_by=self.settings.user,
            cadence=kwargs.get("cadence"),
        )

    def _held_here(self) -> list[ItemView]:
        held = self.tui.held
        if held is None or not held.views:
            return []
        return held.shown_for(self.meeting_id, self.project_id)

    def _show_held(self, exc: StorageError | None = None) -> None:
        held = self.tui.held
        count = len(held.views) if held is not None else 0
        if not count:
            return
        reason = f"{exc.message()}  " if exc is not None else ""
        self._set_banner(reason + t("outbox.pending", count=count))

    def start_flushing(self) -> None:
        if self._flush_timer is None:
            self._flush_timer = self.set_interval(RETRY_S, self._flush_held)

    def _flush_held(self) -> None:
        held = self.tui.held
        if held is None:
            return

        def flush() -> None:
            saved = held.flush()
            if not get_current_worker().is_cancelled:
                with contextlib.suppress(RuntimeError):  # the app closed meanwhile
                    self.app.call_from_thread(self._held_saved, saved, held.waiting())

        self.run_worker(flush, thread=True, exclusive=True, group="held-flush", exit_on_error=False)

    def _held_saved(self, saved: list[ItemView], waiting: int) -> None:
        held = self.tui.held
        assert held is not None
        held.saved(saved)
        table = self.query_one("#captured", ItemTable)
        for item in saved:
            if self.state.replace_item(item):
                table.replace_item(item)
            self.events.emit("item_saved", id=str(item.id), kind=item.kind.value, held=True)
        if waiting:
            self._show_held()
            return
        if self._flush_timer is not None:
            self._flush_timer.stop()
            self._flush_timer = None
        held.views.clear()
        self._set_banner(None)
        if saved:
            self.notify(t("outbox.flushed", count=len(saved)))

    def _unsaved(self, exc: UserError) -> None:
        self.capture_bar.line.release()
        self.capture_bar.set_unsaved(True)
        retry = f"  {t('capture.retrying')}" if isinstance(exc, StorageError) else ""
        self._set_banner(f"{exc.message()}  {exc.remedy_text() or ''}{retry}")
        self.events.emit("error", key=exc.key, message=exc.message("en"))
        self.app.bell()
        # The line is kept on screen and as the draft; both are retried until the disk is back.
        self.schedule_draft()
        if isinstance(exc, StorageError):
            if self._retry_timer is not None:
                self._retry_timer.stop()
            self._retry_timer = self.set_timer(RETRY_S, self._retry_pending)

    def _retry_pending(self) -> None:
        line = self.capture_bar.line.value
        if self._pending_id is not None and line == self._pending_line:
            self.submit_line(line, time.perf_counter(), self._pending_where)

    def _set_banner(self, message: str | None) -> None:
        banner = self.query_one("#banner", Static)
        banner.display = message is not None
        if message is not None:
            banner.update(Text(message))
        else:
            self.capture_bar.set_unsaved(False)

    # --- unknown units -----------------------------------------------------------------
    def _ask_unit(self, name: str, line: str, started: float, where: Where, kind: str | None) -> None:
        self.capture_bar.line.release()  # kept on the line until the unit is settled

        create = object()
        choices = [Choice(t("unit.create", name=name), create)]
        choices += [
            Choice(u.name + (f"（{'、'.join(u.aliases)}）" if u.aliases else ""), u) for u in self.unit_list
        ]

        def chosen(value: object | None) -> None:
            if value is None:
                return
            try:
                if value is create:
                    kind = UnitKind.STREET if name.endswith("街道") else UnitKind.DEPARTMENT
                    units.add_unit(self.db, name, kind)
                elif isinstance(value, UnitView):
                    units.add_alias(self.db, value.id, name)
            except UserError as exc:
                self.notify(exc.message(), severity="error")
                return
            self.unit_list = units.list_units(self.db)
            self.submit_line(line, started, where, kind)

        self.app.push_screen(
            ChoiceDialog(t("unit.unknown_title", name=name), choices, hint=t("unit.unknown_hint")), chosen
        )

    # --- the selected item -------------------------------------------------------------
    def _selected(self) -> tuple[ItemTable, Any] | None:
        table = self.focused
        if not isinstance(table, ItemTable):
            return None
        item = table.selected()
        if item is not None and item.version == 0:
            self.notify(t("outbox.not_yet"), severity="warning")  # held: the server has no row yet
            return None
        return (table, item) if item is not None else None

    def _as_line(self, item: ItemView) -> str:
        from tui550.app.screens.item_dialogs import edit_line

        return edit_line(item, self.unit_list, self.reference_date)

    def action_edit_item(self) -> None:
        from tui550.app.screens.item_dialogs import EditItemDialog

        selected = self._selected()
        if selected is None:
            return
        table, item = selected
        steps = item.steps or "" if item.kind is Kind.ISSUE else None

        def done(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            self._apply_edit(table, item, result[0], result[1] if steps is not None else None)

        self.app.push_screen(
            EditItemDialog(
                t("edit.title"),
                self._as_line(item),
                lambda line: understood_text(self._parse_edit(item, line)),
                steps,
            ),
            done,
        )

    def _parse_edit(self, item: ItemView, line: str) -> QuickAdd:
        from tui550.app.screens.item_dialogs import keep_unchanged_due
        from tui550.core.quickadd import parse_quickadd

        q = parse_quickadd(
            clean_text(line), self.reference_date, unit_refs(self.unit_list), default_kind=item.kind.value
        )
        return keep_unchanged_due(q, item)

    def _apply_edit(self, table: ItemTable, item: Any, line: str, steps: str | None) -> None:
        q = self._parse_edit(item, line)
        if q.problems or not q.text:
            text, _ = understood_text(q)
            self.notify(text.plain or t("capture.empty"), severity="error")
            return
        values: dict[str, Any] = {
            "text": q.text,
            "kind": q.kind,
            "tag": q.tag,
            "category": q.category,
            "due": q.due,
            "cadence": q.cadence,
            "lead_unit_id": unit_id_of(q.lead_unit),
        }
        if steps is not None:
            values["steps"] = steps or None
        if q.kind != "minute" and item.status is None:
            values["status"] = Status.OPEN
        if q.kind == "minute":
            values["status"] = None
        if self._save_edit(
            table, item.id, item.version, values, unit_ids_of(q.co_units), line, self._change_reason(item)
        ):
            self.notify(t("edit.saved", kind=t(f"kind.{q.kind}"), text=q.text))

    def _change_reason(self, item: Any) -> str | None:
        """Why a change to this item is made, for its history (an item of a closed meeting
        changes only with one): the amendment's reason on a meeting being amended, or, for
        an item carried over from an earlier meeting, the meeting it was changed in."""
        if item.meeting_id == self.meeting_id:
            return self.amend_reason
        meeting = getattr(self, "meeting", None)
        return t("meeting.changed_in", title=meeting.title) if meeting is not None else None

    def _save_edit(
        self,
        table: ItemTable,
        item_id: uuid.UUID,
        version: int,
        values: dict[str, Any],
        co_unit_ids: list[uuid.UUID],
        line: str,
        reason: str | None = None,
    ) -> bool:
        try:
            updated = items.update_item(
                self.db,
                item_id,
                version,
                meeting_id=self.meeting_id,
                co_unit_ids=co_unit_ids,
                reason=reason,
                **values,
            )
        except ConflictError:
            self._resolve_conflict(table, item_id, values, co_unit_ids, line, reason)
            return False
        except UserError as exc:
            self.notify(f"{exc.message()} {exc.remedy_text() or ''}", severity="error")
            return False
        self.state.replace_item(updated)
        table.replace_item(updated)
        self.draw(Change(carried=True))  # the card lights this meeting's deadlines too
        return True

    def _resolve_conflict(
        self,
        table: ItemTable,
        item_id: uuid.UUID,
        values: dict[str, Any],
        co_unit_ids: list[uuid.UUID],
        line: str,
        reason: str | None = None,
    ) -> None:
        """Someone saved this item after we read it: show theirs and yours, never overwrite unasked."""
        from tui550.app.screens.conflict import ConflictDialog

        try:
            theirs = items.get_item(self.db, item_id)
            history = items.history_of(self.db, item_id)
        except UserError as exc:
            self.notify(exc.message(), severity="error")
            return
        who = history[-1].who if history else theirs.created_by
        label = t("conflict.theirs", version=theirs.version, who=who)
        self.events.emit("conflict", id=str(item_id), version=theirs.version)

        def chosen(choice: str | None) -> None:
            if choice == "mine" and not theirs.deleted:
                # Overwrite by naming the version just shown: a third save meanwhile conflicts again.
                if self._save_edit(table, item_id, theirs.version, values, co_unit_ids, line, reason):
                    self.notify(t("conflict.overwritten"))
                return
            if theirs.deleted:
                self.state.remove_item(item_id)
                table.remove_item(item_id)
                self._update_captured_title()
            else:
                self.state.replace_item(theirs)
                table.replace_item(theirs)
            self.notify(t("conflict.kept"))

        self.app.push_screen(
            ConflictDialog(None if theirs.deleted else self._as_line(theirs), label, line), chosen
        )

    def action_rekind_item(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        table, item = selected
        choices = [Choice(t(f"kind.{k.value}"), k) for k in Kind if k is not item.kind]

        def chosen(kind: object | None) -> None:
            if not isinstance(kind, Kind):
                return
            try:
                updated = items.rekind_item(
                    self.db,
                    item.id,
                    item.version,
                    kind,
                    meeting_id=self.meeting_id,
                    reason=self._change_reason(item),
                )
            except UserError as exc:
                self.notify(exc.message(), severity="error")
                return
            self.state.replace_item(updated)
            table.replace_item(updated)
            # A decision or issue needs an owner and a date: ask for them now.
            if kind in (Kind.DECISION, Kind.ISSUE, Kind.DEADLINE) and (
                updated.lead_unit is None or not updated.has_deadline
            ):
                self.action_edit_item()

        self.app.push_screen(ChoiceDialog(t("rekind.title"), choices, filterable=False), chosen)

    def action_delete_item(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        table, item = selected
        try:
            items.delete_item(
                self.db, item.id, item.version, meeting_id=self.meeting_id, reason=self._change_reason(item)
            )
        except UserError as exc:
            self.notify(exc.message(), severity="error")
            return
        self.state.deleted.append(items.get_item(self.db, item.id))
        self.state.remove_item(item.id)
        table.remove_item(item.id)
        self._update_captured_title()
        self.notify(t("delete.done"))

    def action_undo_delete(self) -> None:
        if not self.state.deleted:
            self.notify(t("delete.nothing"))
            return
        item = self.state.deleted.pop()
        try:
            restored = items.restore_item(
                self.db, item.id, item.version, meeting_id=self.meeting_id, reason=self._change_reason(item)
            )
        except UserError as exc:
            self.notify(exc.message(), severity="error")
            return
        if restored.meeting_id == self.meeting_id and restored.project_id == self.project_id:
            self.draw(self.state.reread(now=self.tui.clock.now(), rules=self.db.rules))
        self.notify(t("delete.restored"))

    def action_evidence(self) -> None:
        from tui550.app.screens.evidence import EvidenceDialog

        selected = self._selected()
        if selected is not None:
            # A file attached is a change like another client's: the lists re-read, with 📎.
            self.app.push_screen(EvidenceDialog(selected[1]))

    def action_item_history(self) -> None:
        from tui550.app.screens.item_dialogs import history_text

        selected = self._selected()
        if selected is None:
            return
        _, item = selected
        self.app.push_screen(
            MessageDialog(t("history.title"), history_text(self.db, item.id, self.settings.tz))
        )
