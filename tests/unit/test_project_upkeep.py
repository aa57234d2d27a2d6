"""The ledger kept up: add, edit every field, archive and restore, monthly figures, export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.support.ledger_files import write_xlsx
from tui550.cli.main import run
from tui550.core.db import Database
from tui550.core.errors import ConflictError, UserError
from tui550.core.project_form import BLANK, FORM_FIELDS, form_changes, form_values
from tui550.core.store import agenda, items, projects, units
from tui550.core.store.project_months import project_months, set_month


def test_archive_and_restore_keep_the_project_off_the_list_and_agenda(db: Database) -> None:
    a = projects.add_project(db, "甲项目")
    b = projects.add_project(db, "乙项目")
    archived = projects.archive_project(db, a.id, a.version)
    assert archived.archived and archived.version == a.version + 1
    assert [p.name for p in projects.list_projects(db)] == ["乙项目"]
    assert {p.name for p in projects.list_projects(db, archived=True)} == {"甲项目", "乙项目"}
    assert [e.project_id for e in agenda.plan_agenda(db)] == [b.id]
    with pytest.raises(ConflictError):
        projects.restore_project(db, a.id, a.version)  # read before it was archived
    restored = projects.restore_project(db, a.id, archived.version)
    assert not restored.archived and len(projects.list_projects(db)) == 2
    assert [h.action for h in items.history_of(db, a.id)] == ["create", "archive", "restore"]


def test_monthly_figures_add_up_over_the_year_and_are_corrected_in_place(db: Database) -> None:
    p = projects.add_project(db, "甲项目")
    set_month(db, p.id, date(2025, 12, 9), invested=500, progress_pct=10)
    set_month(db, p.id, date(2026, 6, 1), invested=800, progress_pct=30)
    july = set_month(db, p.id, date(2026, 7, 20), invested=1200, progress_pct=35)
    assert (july.month, july.year_invested) == (date(2026, 7, 1), 2000)  # 2025 is another year
    fixed = set_month(db, p.id, date(2026, 7, 1), invested=1000, progress_pct=36)
    assert (fixed.invested, fixed.year_invested, fixed.progress_pct) == (1000, 1800, 36)
    months = [f.month for f in project_months(db, p.id)]
    assert months == [date(2025, 12, 1), date(2026, 6, 1), date(2026, 7, 1)]
    assert projects.get_project(db, p.id).latest == fixed
    for bad in ({"invested": -1, "progress_pct": None}, {"invested": None, "progress_pct": 101}):
        with pytest.raises(UserError):
            set_month(db, p.id, date(2026, 8, 1), **bad)  # type: ignore[arg-type]
    assert [h.action for h in items.history_of(db, p.id)].count("month") == 4


def test_every_form_field_can_be_set_on_a_new_project(db: Database) -> None:
    units.add_unit(db, "区住建局")
    units.add_unit(db, "焦西街道", units.UnitKind.STREET)
    values = {
        "code": "JF-9",
        "name": "城南污水处理厂",
        "category": "基础设施",
        "street": "焦西",
        "leader": "王副区长",
        "lead_unit": "住建",
        "investment_total": "3.5亿元",
        "investment_year": "8000",
        "annual_target": "主体完工",
        "content": "日处理5万吨",
        "planned_start": "2026年3月",
        "planned_end": "12月底",
        "status": "在建",
    }
    assert set(values) == set(FORM_FIELDS)
    changes = form_changes(BLANK, values, units.list_units(db), date(2026, 7, 20))
    name = changes.pop("name")
    made = projects.add_project(db, name, **changes)
    assert form_values(made) == {
        **values,
        "street": "焦西街道",
        "lead_unit": "区住建局",
        "investment_total": "35000",
        "planned_start": "2026-03-01",
        "planned_end": "2026-12-31",
    }


def call(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        run(args)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def test_projects_cli(tmp_path: Path, capsys) -> None:
    from openpyxl import load_workbook

    db = ["--db", str(tmp_path / "x.sqlite")]
    code, out, _ = call([*db, "projects"], capsys)
    assert code == 0 and "tui550 import projects" in out and "tui550 projects add" in out
    assert call([*db, "units"], capsys)[0] == 0
    add = ["projects", "add", "城南污水处理厂", "--code", "JF-100", "--total", "1.2亿元"]
    code, out, err = call([*db, *add], capsys)
    assert code == 0 and "已保存：城南污水处理厂" in out, err
    edit = ["projects", "edit", "城南污水", "--status", "在建", "--end", "2027年底"]
    assert call([*db, *edit], capsys)[0] == 0
    code, out, _ = call(
        [*db, "projects", "month", "JF-100", "2026-07", "--invested", "1200", "--progress", "35%"], capsys
    )
    assert code == 0 and "2026年7月完成投资 1,200 万元" in out and "形象进度 35%" in out
    code, _, err = call([*db, "projects", "month", "JF-100", "2026-07", "--progress", "120"], capsys)
    assert code == 1 and "0 到 100" in err
    assert call([*db, "projects", "archive", "JF-100"], capsys)[0] == 0
    code, out, _ = call([*db, "projects"], capsys)
    assert "城南污水处理厂" not in out
    code, out, _ = call([*db, "projects", "--all"], capsys)
    assert "城南污水处理厂" in out and "[已归档]" in out
    assert call([*db, "projects", "restore", "JF-100"], capsys)[0] == 0
    code, out, _ = call([*db, "projects", "export", "--out", str(tmp_path)], capsys)
    assert code == 0
    sheet = load_workbook(tmp_path / "项目台账.xlsx").active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert row["项目名称"] == "城南污水处理厂" and row["总投资（万元）"] == 12000
    assert row["项目状态"] == "在建" and row["2026年7月完成投资(万元)"] == 1200 and row["形象进度(%)"] == 35
    code, _, err = call([*db, "projects", "export", "--out", str(tmp_path)], capsys)
    assert code == 1 and "--force" in err
    # The exported ledger imports again as it is.
    code, out, err = call(
        ["--db", str(tmp_path / "y.sqlite"), "import", "projects", str(tmp_path / "项目台账.xlsx")], capsys
    )
    assert code == 0 and "新增 1 个项目" in out, err


def test_monthly_figures_import_with_the_ledger(tmp_path: Path, capsys) -> None:
    from tui550.core.db import open_database

    header: list[object] = ["项目编号", "项目名称", "牵头单位", "本月完成投资（亿元）", "形象进度（%）"]
    rows: list[list[object]] = [
        header,
        ["JF-1", "甲项目", "区住建局", 0.12, 0.45],
        ["JF-2", "乙项目", "区住建局", "", "主体封顶"],
        ["JF-3", "丙项目", "区住建局", 0.05, 130],
    ]
    path = write_xlsx(tmp_path / "m.xlsx", rows, merge_title=False)
    db_path = str(tmp_path / "x.sqlite")
    args = ["--db", db_path, "import", "projects", str(path), "--as-of", "2026-07-20"]
    code, _, err = call(args, capsys)
    assert code == 1 and "形象进度应在 0 到 100 之间：130" in err
    code, out, err = call([*args, "--skip-bad"], capsys)
    assert code == 0, err
    assert "录入 1 个项目 2026-07 的完成投资和形象进度" in out
    assert "形象进度“主体封顶”不是百分数" in out  # words are a note, not a figure
    db = open_database(db_path, who="测试员")
    try:
        by_code = {p.code: p for p in projects.list_projects(db)}
        figures = by_code["JF-1"].latest
        assert figures is not None and figures.month == date(2026, 7, 1)
        assert (figures.invested, figures.progress_pct) == (1200, 45)  # 亿元 → 万元, 45% cell
        assert by_code["JF-2"].latest is None
    finally:
        db.close()
    # The exported ledger names its month: it imports into that month, whatever --as-of says.
    assert call(["--db", db_path, "projects", "export", "--out", str(tmp_path / "out.xlsx")], capsys)[0] == 0
    code, out, _ = call(
        [
            "--db",
            str(tmp_path / "y.sqlite"),
            "import",
            "projects",
            str(tmp_path / "out.xlsx"),
            "--as-of",
            "2027-01-05",
        ],
        capsys,
    )
    assert code == 0 and "录入 1 个项目 2026-07" in out
