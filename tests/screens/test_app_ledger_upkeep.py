"""Pilot tests of keeping the ledger up in the app: add, monthly figures, archive, restore,
each checked against the saved rows."""

from __future__ import annotations

from tests.support.demo import DEMO_DAY
from tui550.app.screens.project_dialogs import ProjectForm
from tui550.app.screens.project_month import MonthDialog
from tui550.app.screens.projects import ProjectsScreen
from tui550.core.store import projects
from tui550.core.store.project_months import project_months


async def _type_in(pilot, field: str, text: str) -> None:
    pilot.app.screen.query_one(f"#{field}").focus()
    await pilot.press("home", "ctrl+k", *text)


async def test_add_a_project_from_the_ledger_screen(make_demo_app, demo_db) -> None:
    before = len(projects.list_projects(demo_db))
    app = make_demo_app(open_meeting=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("p", "a")
        assert isinstance(app.screen, ProjectForm) and app.screen.adding
        await pilot.press("enter")  # no name: refused in place, nothing written
        assert isinstance(app.screen, ProjectForm)
        assert len(projects.list_projects(demo_db)) == before
        await _type_in(pilot, "f-name", "城南污水处理厂")
        await _type_in(pilot, "f-code", "JF-100")
        await _type_in(pilot, "f-lead_unit", "住建")
        await _type_in(pilot, "f-planned_end", "12月底")
        await pilot.press("enter")
        assert isinstance(app.screen, ProjectsScreen)
    made = next(p for p in projects.list_projects(demo_db) if p.code == "JF-100")
    assert made.name == "城南污水处理厂" and made.lead_unit is not None and made.lead_unit.name == "区住建局"
    assert made.planned_end == DEMO_DAY.replace(month=12, day=31)
    assert len(projects.list_projects(demo_db)) == before + 1


async def test_monthly_figures_and_archive_by_keys(make_demo_app, demo_db) -> None:
    app = make_demo_app(open_meeting=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, ProjectsScreen) and screen.selected is not None
        first = screen.selected
        await pilot.press("m")
        assert isinstance(app.screen, MonthDialog)
        await _type_in(pilot, "m-month", "2026-07")
        await _type_in(pilot, "m-invested", "1200")
        await _type_in(pilot, "m-progress", "150")
        await pilot.press("enter")  # 150%: refused, the problem shown, nothing written
        assert str(app.screen.query_one(".problem").render()).startswith("形象进度应为 0 到 100")
        await _type_in(pilot, "m-progress", "45%")
        await pilot.press("enter", "escape")
        assert isinstance(app.screen, ProjectsScreen)
        july = next(f for f in project_months(demo_db, first.id) if f.month.month == 7)
        assert (july.invested, july.progress_pct) == (1200, 45)
        assert "形象进度 45%" in str(screen.query_one("#detail").render())
        await pilot.press("x")
        assert projects.get_project(demo_db, first.id).archived
        assert first.id not in {p.id for p in screen.shown}
        await pilot.press("v", "up")  # archived ones shown again (JF-001 above), and X restores
        assert screen.selected is not None and screen.selected.id == first.id
        await pilot.press("x")
        assert not projects.get_project(demo_db, first.id).archived


async def test_a_first_start_says_how_projects_get_in(tmp_path) -> None:
    from tui550.app.main import make_app
    from tui550.app.screens.dialogs import MessageDialog
    from tui550.core.db import open_database
    from tui550.core.settings import Settings
    from tui550.core.store import meetings

    db = open_database(str(tmp_path / "new.sqlite"), who="测试员")
    app = make_app(db, Settings(lang="zh", user="测试员", path=tmp_path / "settings.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        empty = str(app.screen.query_one("#home-empty").render())
        assert "按 P 打开台账后按 A" in empty and "tui550 import projects" in empty
        await pilot.press("n")  # no projects: no meeting of nothing, but how to get them
        assert isinstance(app.screen, MessageDialog)
        assert meetings.list_meetings(db) == []
        await pilot.press("escape", "p", "a")
        assert isinstance(app.screen, ProjectForm)
    db.close()
