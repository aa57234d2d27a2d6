"""The app backs the database up when a meeting starts and when it closes."""

from __future__ import annotations

from tests.support.waits import workers_done
from tui550.core.backups import list_backups


async def test_the_app_backs_up_when_a_meeting_starts_and_closes(make_demo_app, demo_db, db_path) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await workers_done(app)
        started = list_backups(db_path)
        assert [p.name.rsplit("-", 1)[-1] for p in started] == ["start.sqlite"]
        await pilot.press("f10")  # the review
        await pilot.pause()
        await pilot.press("f10", "down", "enter")  # close, naming what is still missing
        await pilot.pause()
        await pilot.press("escape")  # the close is final once the meeting is left
        await pilot.pause()
        await workers_done(app)
    reasons = [p.name.rsplit("-", 1)[-1] for p in list_backups(db_path)]
    assert reasons == ["start.sqlite", "close.sqlite"]
