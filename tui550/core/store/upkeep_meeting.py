"""Which meeting an item made outside a meeting belongs to.

Every item belongs to a meeting. A deadline added on the projects screen, or the
deadlines of a backward schedule, go to the meeting in progress when there is one:
the room is discussing the project and they belong in its minutes and lists.
Otherwise they go to that day's ledger-upkeep meeting (台账维护), made on demand,
closed at once like the meeting an issue-list import makes, and marked as
upkeep (`MeetingKind.UPKEEP`), so that it never appears as a meeting to run and
never changes the minutes of a meeting already held. Its id is kept in the `setting`
table, so one day's edits share one meeting.
"""

from __future__ import annotations

import uuid
from datetime import date

from tui550.core.clock import zh_date
from tui550.core.db import Database
from tui550.core.domain import MeetingKind, MeetingState, MeetingView
from tui550.core.errors import UserError
from tui550.core.store import meetings
from tui550.core.store.district_settings import get_setting, put_setting
from tui550.i18n import t

SETTING_KEY = "ledger.upkeep_meeting"


def meeting_for_ledger_edits(db: Database, today: date) -> MeetingView:
    live = meetings.meeting_in_progress(db)
    if live is not None:
        return live
    known = get_setting(db, SETTING_KEY)
    if known:
        try:
            found = meetings.get_meeting(db, uuid.UUID(str(known)))
        except (UserError, ValueError):
            found = None
        if found is not None and found.date == today and found.state is MeetingState.CLOSED:
            return found
    made = meetings.create_meeting(
        db, t("lui.upkeep.title", date=zh_date(today)), today, kind=MeetingKind.UPKEEP
    )
    made = meetings.close_meeting(db, made.id)
    put_setting(db, SETTING_KEY, str(made.id))
    return made
