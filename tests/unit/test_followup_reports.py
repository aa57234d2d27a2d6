"""落实情况通报 (md, docx, xlsx), the wall chart model and its exports, and the
follow-up command line, against the hand-made dataset of `followup_data`."""

from __future__ import annotations

import io
import re
from datetime import date
from typing import TYPE_CHECKING

import pytest

from tests.unit.followup_data import NOW, copy_of, make_template
from tui550.cli.main import run
from tui550.core.db import Database
from tui550.core.domain import Kind
from tui550.core.errors import UserError
from tui550.core.files import safe_name, write_atomic
from tui550.core.followup.views import Mark
from tui550.core.reporting.report_docx import render_report_docx
from tui550.core.reporting.report_md import render_report_md
from tui550.core.reporting.report_xlsx import render_report_xlsx
from tui550.core.reporting.wallchart_render import render_wall_html, render_wall_xlsx
from tui550.core.store.supervision import followup_report
from tui550.core.store.wallchart import wall_chart

if TYPE_CHECKING:
    from docx.text.run import Run


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory):
    return make_template(tmp_path_factory.mktemp("followup"))


@pytest.fixture
def db(template, tmp_path):
    database = copy_of(template[0], tmp_path)
    yield database
    database.close()


@pytest.fixture
def data(db: Database, template):
    return template[1]


@pytest.fixture
def report(db: Database, data):
    return followup_report(db, district="解放区", office="解放区人民政府办公室", now=NOW)


def test_report_markdown(report) -> None:
    md = render_report_md(report, "zh")
    assert md.startswith("# 解放区重点项目落实情况通报\n")
    assert "统计截至2026年7月10日" in md
    assert "确定事项8件，已办结2件，占比25%；逾期3件；平均逾期9天；多次延期1件。" in md
    # Its items as lead unit, then apart its items as co-unit (配合), never added to them.
    assert (
        "### 1. 区住建局\n\n确定事项4件，已办结1件，占比25%；逾期3件；平均逾期9天；"
        "作为配合单位1件，已办结0件，逾期0件。"
    ) in md
    assert "| 1 | 焦西物流园二期 | 主体封顶 | 2026年6月20日 | 20 | 红色督办 | 2 |" in md
    assert "确定事项4件，已办结1件，占比25%；多次延期1件。" in md
    en = render_report_md(report, "en")
    assert "8 items assigned, 2 closed (25%); 3 overdue" in en


def test_report_markdown_escapes_user_text(db: Database, data) -> None:
    from tui550.core.reporting.report_md import md_escape
    from tui550.core.store import items

    items.capture(
        db,
        meeting_id=data.m3.id,
        project_id=data.p1.id,
        kind=Kind.ISSUE,
        text="[red]*急*|<b>x</b>",
        lead_unit_id=data.a.id,
        due=date(2026, 7, 1),
    )
    md = render_report_md(followup_report(db, now=NOW), "zh")
    assert r"\[red\]\*急\*\|\<b>x\</b>" in md and not re.search(r"(?<!\\)<b>", md)
    assert md_escape("a_b`c") == r"a\_b\`c"


def test_report_scope_lines(db: Database, data) -> None:
    report = followup_report(db, meeting_id=data.m2.id, unit_id=data.a.id, since=date(2026, 6, 1), now=NOW)
    md = render_report_md(report, "zh")
    assert "自2026年6月1日起" in md and "第2期调度会（2026年6月15日）确定事项" in md
    assert "单位：区住建局" in md and "确定事项1件，已办结1件，占比100%" in md


def _east_asia(run: Run) -> str | None:
    """The run's own East Asian font; a run without one falls back to its style's."""
    from docx.oxml.ns import qn

    properties = run._element.rPr
    fonts = None if properties is None else properties.rFonts
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def test_report_docx_official_format(report) -> None:
    from docx import Document
    from docx.shared import Pt

    document = Document(io.BytesIO(render_report_docx(report, "zh")))
    section = document.sections[0]
    # Word stores twentieths of a point: compare in millimetres, to a tenth.
    sizes = [
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    ]
    assert [None if x is None else round(x.mm, 1) for x in sizes] == [210, 297, 37, 35, 28, 26]
    runs = [r for p in document.paragraphs for r in p.runs]
    runs += [
        r for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs
    ]
    assert runs
    for piece in runs:
        assert _east_asia(piece), piece.text
    title = document.paragraphs[0].runs[0]
    assert title.text == "解放区重点项目落实情况通报" and title.font.size == Pt(22)
    assert _east_asia(title) == "方正小标宋简体"
    body = next(p for p in document.paragraphs if p.text.startswith("确定事项8件"))
    assert body.runs[0].font.size == Pt(16)
    assert _east_asia(body.runs[0]) == "仿宋"
    heading = next(p for p in document.paragraphs if p.text == "一、总体情况")
    assert _east_asia(heading.runs[0]) == "黑体"
    assert len(document.tables) == 1 and len(document.tables[0].rows) == 4
    # Black on white: a light grey header, the escalation in words.
    fills = document.tables[0]._element.xpath(".//w:shd/@w:fill")
    assert set(fills) == {"F2F2F2"} and len(fills) == 7
    assert document.tables[0].rows[1].cells[5].text == "红色督办"


def _fill(cell) -> str:
    return str(cell.fill.start_color.rgb)[-6:]


def test_report_xlsx_colours_and_literal_text(report) -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(render_report_xlsx(report, "zh")))
    assert book.sheetnames == ["各单位", "逾期事项", "在办事项"]
    units = book["各单位"]
    assert [c.value for c in units[3]][:2] == ["单位", "牵头事项"]
    assert [c.value for c in units[3]][8:] == ["配合事项", "配合已办结", "配合逾期"]
    assert [c.value for c in units[4]] == ["区住建局", 4, 1, "25%", 0, 3, 9, 0, 1, 0, 0]
    assert units.cell(row=6, column=1).value == "合计" and units.cell(row=6, column=2).value == 8
    # An item counts once in the total, whatever its co-units.
    assert [c.value for c in units[6]][8:] == [None, None, None]
    # Every sheet prints A4 landscape, one page wide, its header rows on each page.
    for sheet in book:
        assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
        assert sheet.print_title_rows
    overdue = book["逾期事项"]
    assert overdue.max_row == 4 and all(_fill(overdue.cell(row=r, column=2)) == "FFC7CE" for r in range(2, 5))
    open_sheet = book["在办事项"]
    by_text = {open_sheet.cell(row=r, column=4).value: r for r in range(2, open_sheet.max_row + 1)}
    assert _fill(open_sheet.cell(row=by_text["i4"], column=1)) == "FFEB9C"
    assert _fill(open_sheet.cell(row=by_text["i5"], column=1)) == "C6EFCE"
    formula = open_sheet.cell(row=by_text["[red]=SUM(A1)|<b>x</b>"], column=4)
    assert formula.data_type == "s"
    evil = open_sheet.cell(row=2, column=4)
    evil.value = "=1+1"  # openpyxl's own reading of a formula, for contrast
    assert evil.data_type == "f"


def test_a_unit_only_ever_co_unit_is_accounted(db: Database, data) -> None:
    from tui550.core.store import items

    # 区住建局 as co-unit of one more item, now overdue; 区财政局 never leads one here.
    lead = data.i["i1"]
    extra = items.capture(
        db,
        meeting_id=lead.meeting_id,
        project_id=lead.project_id,
        kind=Kind.DECISION,
        text="配合事项",
        lead_unit_id=data.c.id,
        co_unit_ids=[data.a.id],
        due=date(2026, 7, 1),
    )
    report = followup_report(db, unit_id=data.a.id, now=NOW)
    [block] = report.units
    assert block.account.assigned == 4 and block.account.co_assigned == 2
    assert block.account.co_overdue == 1 and extra.co_units[0].id == data.a.id


def test_wall_chart_model(db: Database, data) -> None:
    chart = wall_chart(db, now=NOW)
    assert chart.months == (date(2026, 6, 1), date(2026, 7, 1)) and chart.today_index == 1
    assert [r.name for r in chart.rows] == ["焦西物流园二期", "民主路棚户区改造"]
    p1, p2 = chart.rows
    assert [m.mark for m in p1.cells[0]] == [Mark.OVERDUE] and p1.cells[1] == ()
    assert [m.mark for m in p2.cells[1]] == [Mark.DONE] and p2.cells[1][0].actual == date(2026, 7, 4)
    assert chart.counts() == {Mark.DONE: 1, Mark.DUE: 0, Mark.OVERDUE: 1}
    every = wall_chart(db, kinds=list(Kind), now=NOW)
    assert every.months[0] == date(2026, 6, 1) and every.months[-1] == date(2026, 9, 1)
    assert [r.code for r in every.rows] == ["JF-001", "JF-002", "JF-003"]
    assert every.rows[1].undated == 1
    assert [r.code for r in wall_chart(db, kinds=list(Kind), street_id=data.b.id, now=NOW).rows] == [
        "JF-001",
        "JF-002",
    ]
    by_unit = wall_chart(db, kinds=list(Kind), unit_id=data.c.id, now=NOW)
    assert [r.code for r in by_unit.rows] == ["JF-002", "JF-003"] and by_unit.unit_filter == "区财政局"
    narrow = wall_chart(db, kinds=list(Kind), start=date(2026, 7, 1), end=date(2026, 7, 31), now=NOW)
    assert narrow.months == (date(2026, 7, 1),)


def test_wall_chart_exports(db: Database, data) -> None:
    from openpyxl import load_workbook

    chart = wall_chart(db, kinds=list(Kind), now=NOW)
    page = render_wall_html(chart, "解放区", "zh")
    assert "&lt;b&gt;x&lt;/b&gt;" in page and "<b>x" not in page
    assert page.count('<th class="today">2026年7月</th>') == 1
    assert re.search(r'<td class="overdue">.*主体封顶', page)
    sheet = load_workbook(io.BytesIO(render_wall_xlsx(chart, "解放区", "zh"))).active
    headers = [c.value for c in sheet[4]]
    assert headers[:4] == ["项目", "街道", "牵头单位", "2026年6月"]
    assert _fill(sheet.cell(row=4, column=5)) == "9BC2E6"  # July: today's month
    assert "主体封顶" in sheet.cell(row=5, column=4).value
    assert _fill(sheet.cell(row=5, column=4)) == "FFC7CE"


def test_write_atomic_refuses_overwrite(tmp_path) -> None:
    target = tmp_path / "a.md"
    write_atomic(target, "一", force=False)
    with pytest.raises(UserError) as err:
        write_atomic(target, "二", force=False)
    assert err.value.key == "files.exists"
    write_atomic(target, "二", force=True)
    assert target.read_text(encoding="utf-8") == "二"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]
    assert safe_name("../a/b:c*?") == "a_b_c" and safe_name("...") == "export"


def _cli(args: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        run(args)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def test_cli_report_wallchart_and_items(db: Database, data, tmp_path, capsys) -> None:
    path = str(db.path)
    db.close()
    out = tmp_path / "r.md"
    code, stdout, _ = _cli(["--db", path, "report", "--out", str(out)], capsys)
    assert code == 0 and out.exists() and "已写入" in stdout
    code, _, err = _cli(["--db", path, "report", "--out", str(out)], capsys)
    assert code == 1 and "--force" in err and len(err.strip().splitlines()) == 2
    for fmt in ("docx", "xlsx"):
        code, _, _ = _cli(
            [
                "--db",
                path,
                "report",
                "2026-06-15",
                "--unit",
                "住建局",
                "--since",
                "2026-06-01",
                "-f",
                fmt,
                "--out",
                str(tmp_path),
            ],
            capsys,
        )
        assert code == 0
    assert len(list(tmp_path.glob("落实情况通报-*.*"))) == 2
    code, _, err = _cli(["--db", path, "report", "--since", "7月1日"], capsys)
    assert code == 1 and "7月1日" in err
    code, _, err = _cli(["--db", path, "report", "--unit", "不存在局"], capsys)
    assert code == 1 and "不存在局" in err
    code, _, _ = _cli(
        ["--db", path, "wallchart", "-f", "html", "--street", "焦西街道", "--out", str(tmp_path / "w.html")],
        capsys,
    )
    assert code == 0 and "焦西物流园二期" in (tmp_path / "w.html").read_text(encoding="utf-8")

    i1 = data.i["i1"].id.hex
    code, _, err = _cli(["--db", path, "item", "close", i1[:6], "--note", "x", "--by", "y"], capsys)
    assert code == 1 and "报完成" in err
    code, stdout, _ = _cli(["--db", path, "item", "report", i1[:6]], capsys)
    assert code == 0 and "已报完成" in stdout
    code, stdout, _ = _cli(["--db", path, "item", "return", i1[:8], "--reason", "未完工"], capsys)
    assert code == 0 and "推进中" in stdout
    code, _, _ = _cli(
        [
            "--db",
            path,
            "item",
            "extend",
            i1,
            "--to",
            "2026-07-31",
            "--reason",
            "会议同意",
            "--meeting",
            "2026-07-01",
        ],
        capsys,
    )
    assert code == 0
    code, _, _ = _cli(["--db", path, "item", "escalate", i1[:6], "--reason", "催办"], capsys)
    assert code == 0
    evidence = tmp_path / "photo.png"
    evidence.write_bytes(b"\x89PNG fake")
    code, stdout, _ = _cli(["--db", path, "item", "attach", i1[:6], str(evidence)], capsys)
    assert code == 0 and "photo.png" in stdout
    code, stdout, _ = _cli(["--lang", "en", "--db", path, "item", "show", i1[:6]], capsys)
    assert code == 0 and "2026-07-31" in stdout and "photo.png" in stdout and "extend" in stdout
    code, stdout, _ = _cli(["--lang", "en", "--db", path, "item", "list", "--light", "red"], capsys)
    # The command line runs on the real clock: i3 (due 2026-06-20) is overdue, undated i5 never.
    assert code == 0 and data.i["i3"].id.hex[:8] in stdout and data.i["i5"].id.hex[:8] not in stdout
    code, _, err = _cli(["--db", path, "item", "show", "12345"], capsys)
    assert code == 1 and len(err.strip().splitlines()) == 2


def test_report_docx_has_page_numbers_odd_right_even_left(db: Database, data) -> None:
    from docx import Document
    from docx.oxml.ns import qn

    document = Document(io.BytesIO(render_report_docx(followup_report(db, now=NOW), "zh")))
    settings = document.settings.element
    assert settings.find(qn("w:evenAndOddHeaders")) is not None
    section = document.sections[0]
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        para = footer.paragraphs[0]
        xml = para._p.xml
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert para.text.startswith("— ") and para.text.endswith(" —")
        assert para.alignment is not None and para.alignment.name.lower() == align
