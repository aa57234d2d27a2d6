"""Importing the "550" ledger: messy files, all-or-nothing, re-import, bad files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from sqlmodel import select

from tests.support.ledger_files import HEADER, ledger_rows, project_row, write_csv, write_xlsx
from tui550.core.db import Database
from tui550.core.domain import UnitKind
from tui550.core.errors import UserError
from tui550.core.importing import import_ledger
from tui550.core.importing.run import MAX_ROWS
from tui550.core.models import History, Project, ProjectUnit, Unit
from tui550.core.store import items, projects, units


def _count(db: Database, model) -> int:
    with db.read() as session:
        return len(session.exec(select(model)).all())


def test_messy_xlsx_imports_cleanly(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "台账.xlsx", ledger_rows(5))
    report = import_ledger(db, "projects", path)
    assert report.ok and report.written and report.header_row == 3
    assert len(report.added) == 5 and report.skipped == 2  # the group heading and the 合计 row
    assert ("O", "联系电话") in report.ignored and ("A", "序号") in report.ignored
    assert {f for _, _, f in report.used} >= {"code", "name", "lead_unit", "units", "investment_year"}
    view = {p.code: p for p in projects.list_projects(db)}["JF-0002"]
    assert view.name == "测试项目0002" and view.street == "新华街道"
    assert view.lead_unit is not None and view.lead_unit.name == "区财政局"
    assert [u.name for u in view.units] == ["区自然资源局", "新华街道"]
    assert view.investment_total == 1002 and view.investment_year == 2
    assert str(view.planned_start) == "2026-03-01" and str(view.planned_end) == "2027-12-31"
    street = units.find_unit(db, "新华街道")
    assert street is not None and street.kind is UnitKind.STREET


def test_reimport_updates_adds_and_never_duplicates(db: Database, tmp_path: Path) -> None:
    units.add_unit(db, "区住建局", aliases=["住建局", "区住房和城乡建设局"])
    first = import_ledger(db, "projects", write_xlsx(tmp_path / "a.xlsx", ledger_rows(4)))
    assert len(first.added) == 4
    unit_count = _count(db, Unit)
    rows = ledger_rows(5)
    rows[4][6] = "住 建 局"  # JF-0001's lead unit by its short name, spaced: the same unit
    rows[6][6] = "区住房和城乡建设局"  # JF-0003's lead unit changes, named by a long name
    rows[5][2] = "测试项目0002（更名）"  # JF-0002 renamed, still matched by code
    rows[6][1] = None  # JF-0003 without code: matched by name
    rows[7][7] = ""  # an empty cell never erases
    again = import_ledger(db, "projects", write_xlsx(tmp_path / "b.xlsx", rows))
    assert again.added == ["测试项目0005"]
    assert sorted(n for n, _ in again.updated) == ["测试项目0002", "测试项目0003"], again.updated
    assert sorted(again.unchanged) == ["测试项目0001", "测试项目0004"]
    assert again.units_added == ["区发改委", "焦北街道"]  # project 5's; no unit for a known alias
    assert _count(db, Project) == 5 and _count(db, Unit) == unit_count + 2
    by_code = {p.code: p for p in projects.list_projects(db)}
    lead = by_code["JF-0003"].lead_unit
    assert lead is not None and lead.name == "区住建局"
    assert by_code["JF-0002"].name == "测试项目0002（更名）" and by_code["JF-0002"].version == 2
    assert len(by_code["JF-0004"].units) == 2
    history = items.history_of(db, by_code["JF-0002"].id)
    assert [h.action for h in history] == ["import", "import"]
    assert history[1].changes["name"] == ["测试项目0002", "测试项目0002（更名）"]
    third = import_ledger(db, "projects", write_xlsx(tmp_path / "b.xlsx", rows))
    assert third.added == [] and third.updated == [] and len(third.unchanged) == 5


def test_bad_rows_write_nothing_and_are_all_listed(db: Database, tmp_path: Path) -> None:
    bad = [project_row(90), project_row(91), project_row(92)]
    bad[0][8] = "很多"
    bad[1][12] = "2027年13月"
    bad[2][2] = None
    bad.append(project_row(1))  # duplicates JF-0001
    path = write_xlsx(tmp_path / "bad.xlsx", ledger_rows(3, bad))
    report = import_ledger(db, "projects", path)
    assert not report.written and _count(db, Project) == 0 and _count(db, History) == 0
    found = {(p.row, p.key) for p in report.problems}
    assert found == {
        (9, "import.bad_number"),
        (10, "import.bad_date"),
        (11, "import.no_name"),
        (12, "import.duplicate_row"),
    }
    assert next(p for p in report.problems if p.row == 9).column == "I（总投资（万元））"
    skipped = import_ledger(db, "projects", path, skip_bad=True)
    assert skipped.written and len(skipped.added) == 3 and len(skipped.problems) == 4
    assert _count(db, Project) == 3


def test_dry_run_writes_nothing(db: Database, tmp_path: Path) -> None:
    report = import_ledger(db, "projects", write_xlsx(tmp_path / "a.xlsx", ledger_rows(3)), dry_run=True)
    assert len(report.added) == 3 and not report.written
    assert _count(db, Project) == 0 and _count(db, Unit) == 0


def test_formula_without_cached_value_is_a_problem(db: Database, tmp_path: Path) -> None:
    rows = ledger_rows(2)
    rows[4][8] = "=1000*2"  # openpyxl saves formulas without a computed value
    report = import_ledger(db, "projects", write_xlsx(tmp_path / "f.xlsx", rows))
    assert [(p.row, p.key) for p in report.problems] == [(5, "import.formula_uncached")]
    assert _count(db, Project) == 0


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_csv_in_every_encoding_offices_use(db: Database, tmp_path: Path, encoding: str) -> None:
    path = write_csv(tmp_path / "台账.csv", ledger_rows(3), encoding)
    report = import_ledger(db, "projects", path)
    assert report.ok and len(report.added) == 3, report.problems
    assert {p.name for p in projects.list_projects(db)} == {"测试项目0001", "测试项目0002", "测试项目0003"}


def test_markup_and_escapes_are_data(db: Database, tmp_path: Path) -> None:
    row = project_row(1)
    row[2] = "[red]危险[/red]\x1b[31m项目"
    row[10] = '=HYPERLINK("x")@cmd'
    path = write_csv(tmp_path / "m.csv", [HEADER, row])
    assert import_ledger(db, "projects", path).ok
    view = projects.list_projects(db)[0]
    assert view.name == "[red]危险[/red][31m项目" and view.content == '=HYPERLINK("x")@cmd'


def test_bad_files_are_clear_errors(db: Database, tmp_path: Path) -> None:
    cases = {
        "empty.xlsx": (b"", "import.empty_file"),
        "old.xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "import.xls"),
        "locked.xlsx": (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
            "import.encrypted",
        ),
        "broken.xlsx": (b"PK\x03\x04" + b"\x00" * 100, "import.corrupt"),
        "photo.jpg": (b"\xff\xd8\xff\xe0" + b"\x00" * 100, "import.unknown_format"),
        "binary.csv": (b"\x00\x01\x02garbage", "import.binary"),
        "nohead.csv": ("姓名,电话\n张三,123\n".encode(), "import.no_header"),
    }
    for name, (payload, key) in cases.items():
        path = tmp_path / name
        path.write_bytes(payload)
        with pytest.raises(UserError) as err:
            import_ledger(db, "projects", path)
        assert err.value.key == key, name
    docx = tmp_path / "word.xlsx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(UserError) as err:
        import_ledger(db, "projects", docx)
    assert err.value.key == "import.not_xlsx"
    with pytest.raises(UserError) as err:
        import_ledger(db, "projects", tmp_path / "missing.xlsx")
    assert err.value.key == "files.no_input"
    assert _count(db, Project) == 0


def test_sheet_choice(db: Database, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "说明"
    first.append(["本表由区发改委汇总"])
    second = book.create_sheet("项目")
    for row in ledger_rows(2):
        second.append(row)
    path = tmp_path / "two.xlsx"
    book.save(path)
    report = import_ledger(db, "projects", path, dry_run=True)
    assert report.sheet == "项目" and len(report.added) == 2
    with pytest.raises(UserError) as err:
        import_ledger(db, "projects", path, sheet="没有")
    assert err.value.key == "import.no_sheet" and "项目" in err.value.message()


def test_large_csv_streams_with_progress(db: Database, tmp_path: Path) -> None:
    # Few columns keep the test quick; bench/import_bench.py measures full-width files.
    rows = [[f"B{n}", f"项目{n}", n] for n in range(MAX_ROWS)]
    path = write_csv(tmp_path / "big.csv", [["项目编号", "项目名称", "总投资"], *rows])
    seen: list[int] = []
    report = import_ledger(
        db,
        "projects",
        path,
        dry_run=True,
        progress=lambda stage, n: seen.append(n) if stage == "read" else None,
    )
    assert report.records == MAX_ROWS and len(report.added) == MAX_ROWS
    assert seen[:2] == [5000, 10000] and seen[-1] == MAX_ROWS
    assert _count(db, Project) == 0


def test_project_units_links_are_unique(db: Database, tmp_path: Path) -> None:
    row = project_row(1)
    row[6], row[7] = "区住建局", "住建局、区财政局、区住建局"
    units.add_unit(db, "区住建局", aliases=["住建局"])
    assert import_ledger(db, "projects", write_csv(tmp_path / "u.csv", [HEADER, row])).ok
    with db.read() as session:
        links = session.exec(select(ProjectUnit)).all()
    names = {units.get_unit(db, link.unit_id).name for link in links}
    assert names == {"区财政局"}  # the lead unit is not listed again as responsible


def test_a_unit_written_short_finds_the_unit_the_capture_line_would(db: Database, tmp_path: Path) -> None:
    import_ledger(db, "projects", write_xlsx(tmp_path / "a.xlsx", ledger_rows(3)))
    before = {u.name for u in units.list_units(db)}
    rows = ledger_rows(3)
    row = next(r for r in rows if len(r) > 1 and r[1] == "JF-0002")
    row[6], row[7] = "住建局", "自然资源、新华街道"  # 区住建局 without 区; a unique part of 区自然资源局
    report = import_ledger(db, "projects", write_xlsx(tmp_path / "b.xlsx", rows))
    assert report.ok
    assert {u.name for u in units.list_units(db)} == before  # no second 住建局
    view = {p.code: p for p in projects.list_projects(db)}["JF-0002"]
    assert view.lead_unit is not None and view.lead_unit.name == "区住建局"
    assert [u.name for u in view.units] == ["区自然资源局", "新华街道"]
