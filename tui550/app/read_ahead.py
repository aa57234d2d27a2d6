"""Reading ahead: the lists of the projects before and after the one on the wall.

A switch to a project reads its captures, the open items it carries and their
supervision figures, which on a district's database is most of what a switch
costs. While the room discusses one project, a thread reads its neighbours'
lists (`running_meeting.read_ahead`), each with the project's fingerprint
(`items.items_fingerprint`) taken before them, and hands them to the meeting's
state (`RunningMeeting.keep`). On PageDown the state takes the fingerprint again, one
indexed aggregate, and shows the lists read ahead if it has not changed; otherwise,
or when nothing was read ahead, it reads them as before. A change made meanwhile
therefore never shows stale lists.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from tui550.core.errors import StorageError
from tui550.core.running_meeting import read_ahead

if TYPE_CHECKING:
    from tui550.app.screens.meeting import MeetingScreen


def read_around(screen: MeetingScreen) -> None:
    """Read the neighbours' lists in a thread (replacing a read still running)."""
    state = screen.state
    wanted = state.neighbours()
    if not wanted:
        return
    db, meeting_id = state.db, state.meeting_id
    now, rules, today = screen.tui.clock.now(), screen.followup_rules(), screen.today()

    def run() -> None:
        worker = get_current_worker()
        for project_id in wanted:
            if worker.is_cancelled:
                return
            try:
                key, lists = read_ahead(db, meeting_id, project_id, now=now, rules=rules)
            except StorageError:
                return  # the database is away: the switch will say so when it reads
            with contextlib.suppress(Exception):  # the app may be closing
                screen.app.call_from_thread(state.keep, project_id, today, key, lists)

    screen.run_worker(run, thread=True, group="read-ahead", exclusive=True, exit_on_error=False)
