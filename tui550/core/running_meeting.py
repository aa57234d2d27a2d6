"""The running meeting: one plain object that every key of the meeting screen changes.

The wall shows one project of the agenda; the room reads it and the facilitator types
into it. What the wall shows (the agenda, the position, the project's timer, its captured
and carried lists, the lists read ahead for its neighbours, the saves still to make) lives
here, owned by no screen. Each key is an event applied to it in the order the keys
arrived, and each method returns what changed, for the screen to draw. An Enter carries
`Where` it was pressed: a capture is saved on that project even when a PageDown typed
right behind it has already moved the wall on.

The object is used on one thread (the app's). It reads through `core.store`, commits a
capture before it is shown, and leaves the position and timer saves in `pending` for the
caller to run in order off the key path (`take_writes`). Lists read ahead in a thread come
back through `keep`; another client's change comes back through `merge` with the `token`
taken when its read began.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from tui550.core.clock import Clock, local_today, utcnow
from tui550.core.domain import AgendaView, ItemView, Kind, MeetingView
from tui550.core.store import items, meetings, supervision

if TYPE_CHECKING:
    from tui550.core.db import Database
    from tui550.core.followup.rules import Rules
    from tui550.core.followup.views import SupervisionRow

CAPTURED_LIMIT = 500
# The carried list shows the most urgent open items (nearest due first) and the total:
# a project carrying a thousand items must switch in one frame.
CARRIED_SHOWN = 30

Write = Callable[[], object]
Fingerprint = tuple[Any, ...]


class MeetingTimer:
    """Elapsed time of the project on the wall; pausable; survives restarts via the database."""

    def __init__(self, clock: Clock, elapsed: float = 0.0) -> None:
        self.clock = clock
        self.base = elapsed
        self.since: float | None = None

    @property
    def running(self) -> bool:
        return self.since is not None

    def start(self) -> None:
        if self.since is None:
            self.since = self.clock.monotonic()

    def pause(self) -> None:
        if self.since is not None:
            self.base += self.clock.monotonic() - self.since
            self.since = None

    def elapsed(self) -> float:
        return self.base + (self.clock.monotonic() - self.since if self.since is not None else 0.0)


# --- one project's lists ---------------------------------------------------------------


@dataclass(frozen=True)
class ProjectItems:
    """One project's lists on a meeting's wall: what a switch to it reads."""

    captured: list[ItemView]
    carried: list[ItemView]
    info: dict[uuid.UUID, SupervisionRow] = field(default_factory=dict)
    # How many the project carries in all, when that is more than `carried` shows.
    carried_total: int | None = None


def read_project(
    db: Database, meeting_id: uuid.UUID, project_id: uuid.UUID | None, *, now: datetime, rules: Rules
) -> ProjectItems:
    """This meeting's captures for the project (or its general page, None), the open items
    it carries from earlier meetings (the most urgent `CARRIED_SHOWN`, and their total when
    there are more) and their supervision figures."""

    captured = items.items_for(db, meeting_id, project_id, limit=CAPTURED_LIMIT)
    carried: list[ItemView] = []
    info: dict[uuid.UUID, SupervisionRow] = {}
    total: int | None = None
    if project_id is not None:
        # Ordered by the day the list lights them by (a cadence at its next occurrence).
        today = local_today(rules.tz, now)
        carried = items.open_items_for(
            db, project_id, excluding_meeting=meeting_id, limit=CARRIED_SHOWN, today=today
        )
        if len(carried) >= CARRIED_SHOWN:
            total = items.count_open_items(db, project_id, excluding_meeting=meeting_id)
        if carried:
            rows = supervision.supervision_rows(
                db, item_ids=[i.id for i in carried], now=now, rules=rules, seen_from=meeting_id
            )
            info = {r.item.id: r for r in rows}
    return ProjectItems(captured, carried, info, total)


def read_ahead(
    db: Database, meeting_id: uuid.UUID, project_id: uuid.UUID | None, *, now: datetime, rules: Rules
) -> tuple[Fingerprint, ProjectItems]:
    """A neighbour's lists for a thread, with the fingerprint taken first: a write after it
    makes it differ, so lists kept with it are never shown stale (`RunningMeeting.keep`)."""

    key = items.items_fingerprint(db, meeting_id, project_id)
    return key, read_project(db, meeting_id, project_id, now=now, rules=rules)


@dataclass(frozen=True)
class Wall:
    """What a meeting's wall shows, read in one go off the UI thread."""

    meeting: MeetingView
    entries: list[AgendaView]
    position: int
    project_id: uuid.UUID | None
    captured: list[ItemView]
    carried: list[ItemView]
    info: dict[uuid.UUID, SupervisionRow] = field(default_factory=dict)
    carried_total: int | None = None
    # The facilitator's curtain is down (the wall blanked to title and clock).
    curtain: bool = False

    @property
    def entry(self) -> AgendaView | None:
        return entry_at(self.entries, self.position)


def clamp(position: int, entries: Sequence[AgendaView]) -> int:
    """Position 0 and N+1 are the meeting-level pages around an agenda of N projects."""
    return max(0, min(position, len(entries) + 1))


def entry_at(entries: Sequence[AgendaView], position: int) -> AgendaView | None:
    return entries[position - 1] if 1 <= position <= len(entries) else None


def read_wall(
    db: Database,
    meeting_id: uuid.UUID,
    *,
    now: datetime,
    rules: Rules,
    position: int | None = None,
    project_id: uuid.UUID | None = None,
) -> Wall:
    """The meeting, its agenda and one project's items.

    With `position` None the project is the one at the meeting's saved position
    (`current_position`: where the facilitator is); otherwise `project_id`.
    """

    meeting = meetings.get_meeting(db, meeting_id)
    entries = meetings.agenda(db, meeting_id)
    if position is None:
        position = clamp(meeting.current_position, entries)
        entry = entry_at(entries, position)
        project_id = entry.project.id if entry else None
    lists = read_project(db, meeting_id, project_id, now=now, rules=rules)
    return Wall(
        meeting,
        entries,
        position,
        project_id,
        lists.captured,
        lists.carried,
        lists.info,
        lists.carried_total,
        meetings.curtain_down(db, meeting_id),
    )


# --- the running meeting ---------------------------------------------------------------


@dataclass(frozen=True)
class Where:
    """The project on the wall when a key arrived (None: a meeting-level page)."""

    position: int
    project_id: uuid.UUID | None
    name: str | None


@dataclass(frozen=True)
class Change:
    """What a step changed, for the screen to draw."""

    wall: bool = False  # another project (or page): header, card, both lists, timer
    captured: bool = False  # this project's captured list
    carried: bool = False  # its carried list (and the card, which shows its deadlines)
    agenda: bool = False  # the agenda around it: the header's position
    timer: bool = False  # running or paused
    # A capture saved on a project no longer on the wall (its Enter came before a PageDown).
    elsewhere: str | None = None

    def __or__(self, other: Change) -> Change:
        return Change(
            self.wall or other.wall,
            self.captured or other.captured,
            self.carried or other.carried,
            self.agenda or other.agenda,
            self.timer or other.timer,
            other.elsewhere or self.elsewhere,
        )

    def __bool__(self) -> bool:
        return self.wall or self.captured or self.carried or self.agenda or self.timer


NOTHING = Change()


class RunningMeeting:
    """The meeting on the wall: agenda, position, timer, lists, read-ahead and saves to make."""

    def __init__(
        self,
        db: Database,
        meeting: MeetingView,
        entries: list[AgendaView],
        *,
        clock: Clock,
        read_only: bool = False,
        held: Callable[[uuid.UUID | None], list[ItemView]] | None = None,
    ) -> None:
        self.db = db
        self.meeting = meeting
        self.entries = list(entries)
        self.clock = clock
        self.read_only = read_only
        # Captures kept on this computer while a server is away, per project (`app.held`).
        self._held = held or (lambda _project: [])
        self.position = 0
        self.timer = MeetingTimer(clock)
        self.paused = read_only
        self.lists = ProjectItems([], [])
        self.deleted: list[ItemView] = []  # for undo, newest last
        # Lists read ahead, by project: (today, fingerprint, lists).
        self._kept: dict[uuid.UUID | None, tuple[date, Fingerprint, ProjectItems]] = {}
        # Position and timer saves not yet handed over, in the order made.
        self.pending: list[Write] = []
        self._last_timer_save = 0.0
        # Bumped by every change of the lists made here: a live read begun before it is stale.
        self._version = 0

    @property
    def meeting_id(self) -> uuid.UUID:
        return self.meeting.id

    @property
    def entry(self) -> AgendaView | None:
        return entry_at(self.entries, self.position)

    @property
    def project_id(self) -> uuid.UUID | None:
        entry = self.entry
        return entry.project.id if entry else None

    def where(self) -> Where:
        entry = self.entry
        return Where(
            self.position, entry.project.id if entry else None, entry.project.name if entry else None
        )

    @property
    def captured(self) -> list[ItemView]:
        return self.lists.captured

    @property
    def carried(self) -> list[ItemView]:
        return self.lists.carried

    def card_deadlines(self) -> list[ItemView]:
        """The milestones the card lights: those carried, and those this meeting set."""
        return self.lists.carried + [i for i in self.lists.captured if i.kind is Kind.DEADLINE]

    # --- moving along the agenda --------------------------------------------------------
    def move(self, position: int, *, now: datetime, rules: Rules, today: date, save: bool = True) -> Change:
        """Show another project (or page): its timer runs from where it stopped."""
        self._leave()
        self.position = clamp(position, self.entries)
        self.lists = self._lists_for(self.project_id, now=now, rules=rules, today=today)
        self._version += 1
        entry = self.entry
        self.timer = MeetingTimer(self.clock, entry.elapsed_s if entry else 0.0)
        if entry is not None and not self.paused and not self.read_only:
            self.timer.start()
        if save and not self.read_only:
            if entry is not None and entry.started_at is None:
                self._save_timer(started=True)
            saved = self.position
            self.pending.append(lambda: _set_position(self.db, self.meeting_id, saved))
        return Change(wall=True)

    def skip(self) -> AgendaView | None:
        """Mark the project on the wall skipped (the caller moves on); None on a page."""
        entry = self.entry
        if entry is None or self.read_only:
            return None
        self.timer.pause()
        entry_id, elapsed = entry.id, self.timer.elapsed()
        db = self.db

        def write() -> None:
            meetings.save_timer(db, entry_id, elapsed_s=elapsed, skipped=True, ended_at=utcnow())

        self.pending.append(write)
        self.entries[self.position - 1] = replace(entry, elapsed_s=elapsed, skipped=True)
        return entry

    def toggle_timer(self) -> Change:
        self.paused = self.timer.running
        if self.timer.running:
            self.timer.pause()
        elif self.entry is not None:
            self.timer.start()
        if self.entry is not None:
            self._save_timer()
        return Change(timer=True)

    def tick(self, every_s: float) -> bool:
        """Save a running timer now and then, so that a crash loses little of it. True if
        a save was added to `pending`."""
        if (
            self.entry is not None
            and self.timer.running
            and self.clock.monotonic() - self._last_timer_save > every_s
        ):
            self._save_timer()
            return True
        return False

    def leave(self) -> None:
        """The meeting is left (home, closed): the project's timer stops and is saved."""
        self._leave()

    def _leave(self) -> None:
        entry = self.entry
        if entry is None or self.read_only:
            return
        self.timer.pause()
        self._save_timer(ended=True)
        # Keep the agenda in step with what was saved.
        self.entries[self.position - 1] = replace(entry, elapsed_s=self.timer.elapsed())

    def _save_timer(self, *, started: bool = False, ended: bool = False) -> None:
        entry = self.entry
        if entry is None:
            return
        entry_id, elapsed, db = entry.id, self.timer.elapsed(), self.db
        self._last_timer_save = self.clock.monotonic()

        def write() -> None:
            now = utcnow()
            meetings.save_timer(
                db,
                entry_id,
                elapsed_s=elapsed,
                started_at=now if started else None,
                ended_at=now if ended else None,
            )

        self.pending.append(write)

    def take_writes(self) -> list[Write]:
        """The saves made since the last call, oldest first, to be run in that order."""
        writes, self.pending = self.pending, []
        return writes

    # --- reading ahead ------------------------------------------------------------------
    def neighbours(self) -> list[uuid.UUID | None]:
        """The projects a PageDown or PageUp shows next (None: a meeting-level page)."""
        ids = []
        for position in (self.position + 1, self.position - 1):
            entry = entry_at(self.entries, position)
            ids.append(entry.project.id if entry else None)
        wanted = list(dict.fromkeys(ids))
        for stale in set(self._kept) - set(wanted):
            del self._kept[stale]
        return wanted

    def keep(self, project_id: uuid.UUID | None, today: date, key: Fingerprint, lists: ProjectItems) -> None:
        """Lists read ahead in a thread, kept for a switch that finds them still true."""
        self._kept[project_id] = (today, key, lists)

    def _lists_for(
        self, project_id: uuid.UUID | None, *, now: datetime, rules: Rules, today: date
    ) -> ProjectItems:
        kept = self._kept.pop(project_id, None)
        if (
            kept is None
            or kept[0] != today
            or kept[1] != items.items_fingerprint(self.db, self.meeting_id, project_id)
        ):
            kept = (today, (), read_project(self.db, self.meeting_id, project_id, now=now, rules=rules))
        lists = kept[2]
        held = self._held(project_id)
        if held:
            lists = replace(lists, captured=lists.captured + held)
        return lists

    # --- capturing ----------------------------------------------------------------------
    def capture(self, where: Where, **values: Any) -> tuple[ItemView, Change]:
        """Commit an item on the project of `where`, then show it if that is still on the wall.

        Raises what the store raises (the disk, the server): nothing changes then."""

        item = items.capture(
            self.db, meeting_id=self.meeting_id, project_id=where.project_id, clear_draft=True, **values
        )
        return item, self.add(item, where)

    def add(self, item: ItemView, where: Where) -> Change:
        """An item saved (or held) on `where`: on the wall's list, or its project's lists
        read ahead are dropped (they no longer hold)."""
        if where.project_id == self.project_id and where.position == self.position:
            self.lists = replace(self.lists, captured=[*self.lists.captured, item])
            self._version += 1
            return Change(captured=True, carried=item.kind is Kind.DEADLINE)
        self._kept.pop(where.project_id, None)
        return Change(elsewhere=where.name or "")

    def replace_item(self, item: ItemView) -> Change:
        """A saved version of an item shown (an edit, a held capture now on the server)."""
        captured = [item if i.id == item.id else i for i in self.lists.captured]
        carried = [item if i.id == item.id else i for i in self.lists.carried]
        if captured == self.lists.captured and carried == self.lists.carried:
            return NOTHING
        self.lists = replace(self.lists, captured=captured, carried=carried)
        self._version += 1
        return Change(captured=True, carried=True)

    def remove_item(self, item_id: uuid.UUID) -> Change:
        captured = [i for i in self.lists.captured if i.id != item_id]
        if len(captured) == len(self.lists.captured):
            return NOTHING
        self.lists = replace(self.lists, captured=captured)
        self._version += 1
        return Change(captured=True, carried=True)

    def reread(self, *, now: datetime, rules: Rules) -> Change:
        """Read the project on the wall again (after an undo, a follow-up)."""
        lists = read_project(self.db, self.meeting_id, self.project_id, now=now, rules=rules)
        held = self._held(self.project_id)
        self.lists = replace(lists, captured=lists.captured + held) if held else lists
        self._version += 1
        return Change(captured=True, carried=True)

    # --- another client's changes -------------------------------------------------------
    def token(self) -> tuple[int, uuid.UUID | None, int]:
        """Taken when a live read begins; `merge` refuses a read that a change here overtook."""
        return (self.position, self.project_id, self._version)

    def merge(self, wall: Wall, token: tuple[int, uuid.UUID | None, int]) -> Change | None:
        """Take what another client changed. None: something here changed since the read
        began (a capture, a switch), and the read must be made again if still wanted."""
        if token != self.token():
            return None
        change = self.merge_agenda(wall.entries)
        captured = wall.captured
        held = self._held(self.project_id)
        if held:
            # Held captures are not on the server yet: they stay, after the saved ones.
            on_server = {i.id for i in captured}
            captured = captured + [v for v in held if v.id not in on_server]
        fresh = ProjectItems(captured, wall.carried, wall.info, wall.carried_total)
        if fresh.captured != self.lists.captured:
            change |= Change(captured=True)
        if (fresh.carried, fresh.info, fresh.carried_total) != (
            self.lists.carried,
            self.lists.info,
            self.lists.carried_total,
        ):
            change |= Change(carried=True)
        self.lists = fresh
        return change

    def merge_agenda(self, fresh: list[AgendaView]) -> Change:
        """Another client's agenda, keeping the project on the wall and the timings kept here."""

        def shape(entries: Sequence[AgendaView]) -> list[tuple[uuid.UUID, int, Any]]:
            return [(e.id, e.position, e.project) for e in entries]

        old = self.entries
        if shape(old) == shape(fresh):
            return NOTHING
        current = self.entry
        if current is not None and all(e.id != current.id for e in fresh):
            return NOTHING  # the project on the wall was taken off: the facilitator moves on
        kept = {e.id: e for e in old}
        merged = [
            replace(
                e,
                elapsed_s=kept[e.id].elapsed_s,
                started_at=kept[e.id].started_at,
                ended_at=kept[e.id].ended_at,
                skipped=kept[e.id].skipped,
            )
            if e.id in kept
            else e
            for e in fresh
        ]
        if current is not None:
            self.position = next(e.position for e in merged if e.id == current.id)
        elif self.position > len(old):
            self.position = len(merged) + 1  # the closing page stays the closing page
        self.entries = merged
        moved = self.entry
        card = current is not None and moved is not None and moved.project != current.project
        return Change(agenda=True, carried=card)

    def reload_agenda(self, entries: list[AgendaView]) -> Change:
        """The agenda after our own change to it: the project on the wall stays, its timer runs."""
        current = self.entry
        self.entries = list(entries)
        if current is not None:
            self.position = next(e.position for e in self.entries if e.id == current.id)
        return Change(agenda=True)


def _set_position(db: Database, meeting_id: uuid.UUID, position: int) -> None:
    meetings.set_position(db, meeting_id, position)
