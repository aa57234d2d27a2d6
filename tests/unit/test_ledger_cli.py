"""The ledger commands: exit codes, messages, templates that import as they are."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.support.cli import call
from tests.support.ledger_files import ledger_rows, project_row, write_xlsx


def test_import_dry_run_then_real_then_units(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "x.sqlite")
    path = write_xlsx(tmp_path / "l.xlsx", ledger_rows(3))
    code, out, _ = call(["--db", db, "import", "projects", str(path), "--dry-run"], capsys)
    assert code == 0 and "+ 测试项目0001" in out and "试运行" in out and "表头在第 3 行" in out
    assert "忽略的列：A 序号；O 联系电话" in out
    code, out, _ = call(["--db", db, "import", "projects", str(path)], capsys)
    assert code == 0 and "新增 3 个项目" in out
    code, out, _ = call(["--db", db, "import", "projects", str(path), "--dry-run"], capsys)
    assert "= 测试项目0001" in out and "不变 3 个" in out
    code, out, _ = call(["--db", db, "units", "alias", "区住建局", "住建局"], capsys)
    assert code == 0 and "住建局" in out
    code, out, _ = call(["--db", db, "units", "merge", "区住建局", "区城管局"], capsys)
    assert code == 0 and "区城管局" in out
    code, out, _ = call(["--db", db, "units"], capsys)
    assert "区住建局  [部门]  别名：住建局、区城管局" in out and "\n区城管局" not in out
    code, _, err = call(["--db", db, "units", "merge", "区住建局", "没有的单位"], capsys)
    assert code == 1 and "未知单位：没有的单位" in err


def test_bad_rows_exit_1_and_list_every_problem(tmp_path: Path, capsys) -> None:
    bad = project_row(50)
    bad[8] = "很多"
    path = write_xlsx(tmp_path / "bad.xlsx", ledger_rows(2, [bad]))
    args = ["--lang", "en", "--db", str(tmp_path / "x.sqlite"), "import", "projects", str(path)]
    code, _, err = call(args, capsys)
    lines = err.strip().splitlines()
    assert code == 1 and "row 8, I（总投资（万元））: not a number: 很多" in lines[0]
    assert "nothing was written" in lines[-2] and "--skip-bad" in lines[-1]
    args = ["--lang", "zh", "--db", str(tmp_path / "x.sqlite"), "import", "projects", str(path), "--skip-bad"]
    code, out, err = call(args, capsys)
    assert code == 0 and "新增 2 个项目" in out and "已跳过：第 8 行" in err


def test_xls_and_missing_file(tmp_path: Path, capsys) -> None:
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    code, _, err = call(["--db", str(tmp_path / "x.sqlite"), "import", "issues", str(old)], capsys)
    assert code == 1 and ".xlsx" in err and len(err.strip().splitlines()) == 2
    code, _, err = call(
        ["--db", str(tmp_path / "x.sqlite"), "import", "projects", str(tmp_path / "no.csv")], capsys
    )
    assert code == 1 and "文件不存在" in err


def test_template_round_trip_and_overwrite(tmp_path: Path, capsys) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "t.xlsx"
    code, _, _ = call(["template", "projects", "--out", str(out)], capsys)
    assert code == 0 and out.exists()
    code, _, err = call(["template", "projects", "--out", str(out)], capsys)
    assert code == 1 and "--force" in err
    assert call(["template", "issues", "--out", str(out), "--force"], capsys)[0] == 0
    code, _, _ = call(["template", "projects", "--out", str(tmp_path)], capsys)
    assert code == 0 and (tmp_path / "重点项目台账模板.xlsx").exists()
    book = load_workbook(tmp_path / "重点项目台账模板.xlsx")
    sheet = book.active
    assert sheet is not None
    sheet.append(
        [
            1,
            "X-1",
            "模板项目",
            "产业",
            "焦西街道",
            "王建华",
            "区住建局",
            "区财政局",
            100,
            50,
            "目标",
            "内容",
            "2026.3",
            "2027.6",
            "在建",
            "备注",
        ]
    )
    book.save(tmp_path / "filled.xlsx")
    code, said, _ = call(
        ["--db", str(tmp_path / "x.sqlite"), "import", "projects", str(tmp_path / "filled.xlsx")], capsys
    )
    assert code == 0 and "+ 模板项目" in said and "忽略的列：A 序号" in said
    assert not list(tmp_path.glob(".tui550-*"))


def test_relative_dates_read_against_the_stated_reference(tmp_path: Path, capsys) -> None:
    """12月底 goes through the capture line's deadline parser, against --as-of (printed)."""
    from tui550.core.db import open_database
    from tui550.core.store.projects import list_projects

    row = project_row(1)
    row[12] = "12月底"
    path = write_xlsx(tmp_path / "l.xlsx", ledger_rows(0, [row]))
    db = str(tmp_path / "x.sqlite")
    code, out, err = call(["--db", db, "import", "projects", str(path), "--as-of", "2026-07-20"], capsys)
    assert code == 0, err
    assert "相对日期（如 12月底、下周五）按 2026-07-20 推算" in out
    database = open_database(db, who="测试员")
    try:
        assert [p.planned_end for p in list_projects(database)] == [date(2026, 12, 31)]
    finally:
        database.close()
    code, _, err = call(["--db", db, "import", "projects", str(path), "--as-of", "7月"], capsys)
    assert code == 1 and "看不懂的日期：7月" in err


def test_dry_run_with_problem_rows_exits_1_and_lists_them(tmp_path: Path, capsys) -> None:
    bad, past = project_row(7), project_row(8)
    bad[8], past[12] = "很多", "尽快"
    path = write_xlsx(tmp_path / "bad.xlsx", ledger_rows(2, [bad, past]))
    args = [
        "--db",
        str(tmp_path / "x.sqlite"),
        "import",
        "projects",
        str(path),
        "--dry-run",
        "--as-of",
        "2026-07-20",
    ]
    code, out, err = call(args, capsys)
    assert code == 1
    assert "第 8 行" in err and "很多" in err
    assert "时限不明确：尽快" in err  # the capture line's own reason
    assert "试运行发现 2 处问题" in err and "+ 测试项目0001" in out
    code, _, _ = call([*args, "--skip-bad"], capsys)
    assert code == 0  # the real run with --skip-bad would succeed, and so does its dry run
