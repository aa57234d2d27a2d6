"""The docx minutes and xlsx lists, read back with python-docx and openpyxl (opened by
LibreOffice: processes/test_office_pdf.py)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.export_helpers import EARLIER, SETTINGS, TODAY, lists_xlsx_with_formula_text, minutes_docx
from tui550.core.db import Database
from tui550.core.domain import Kind
from tui550.core.exporting import export_meeting
from tui550.core.store import items

if TYPE_CHECKING:
    from docx.shared import Length
    from docx.text.paragraph import Paragraph

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def docx_path(demo_db: Database, tmp_path: Path) -> Path:
    return minutes_docx(demo_db, tmp_path)


@pytest.fixture
def xlsx_path(demo_db: Database, tmp_path: Path) -> Path:
    return lists_xlsx_with_formula_text(demo_db, tmp_path)


def _style_name(paragraph: Paragraph) -> str | None:
    return None if paragraph.style is None else paragraph.style.name


def _mm(length: Length | None) -> float:
    assert length is not None, "a length Word leaves to its default"
    return length.mm


def _east_asia(element) -> str | None:
    fonts = element.find(f"{W}rPr/{W}rFonts")
    return None if fonts is None else fonts.get(f"{W}eastAsia")


def test_docx_page_grid_and_fonts(docx_path: Path) -> None:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    d = docx.Document(str(docx_path))
    first = d.sections[0]
    assert (round(_mm(first.page_width)), round(_mm(first.page_height))) == (210, 297)
    assert [
        round(_mm(x)) for x in (first.top_margin, first.bottom_margin, first.left_margin, first.right_margin)
    ] == [37, 35, 28, 26]
    # No character grid (renderers snap to one differently): every section's grid is "none".
    for section in d.sections:
        grid = section._sectPr.find(f"{W}docGrid")
        assert grid is None or grid.get(f"{W}type") in (None, "default")
    from docx.enum.text import WD_LINE_SPACING

    # 22 lines fill the 225 mm text block: the body's exact line spacing.
    body = d.styles["纪要正文"]
    assert body.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    pitch = body.paragraph_format.line_spacing.twips
    assert pitch * 22 <= 225 / 25.4 * 1440 < (pitch + 1) * 22
    # 28 characters of 16 pt, narrowed by the character spacing, fit the 156 mm line; 29 do not.
    spacing = d.styles["Normal"].element.find(f"{W}rPr/{W}spacing")
    advance = 16 * 20 + int(spacing.get(f"{W}val"))
    assert 28 * advance <= 156 / 25.4 * 1440 < 29 * advance
    assert _east_asia(body.element) == "仿宋_GB2312" and body.font.size.pt == 16
    assert body.element.find(f"{W}rPr/{W}rFonts").get(f"{W}ascii") == "Times New Roman"
    assert round(body.paragraph_format.first_line_indent.pt) == 32
    assert _east_asia(d.styles["纪要一级标题"].element) == "黑体"
    mark = d.styles["纪要标记"]
    assert _east_asia(mark.element) == "方正小标宋简体" and mark.font.size.pt == 22
    assert str(mark.font.color.rgb) == "C00000"
    imprint = d.styles["纪要版记"]
    assert _east_asia(imprint.element) == "仿宋_GB2312" and imprint.font.size.pt == 14
    # Paragraphs carry the styles; the （一） numbers are 楷体 runs.
    paragraphs = d.paragraphs
    assert paragraphs[0].text == "解放区“550”重点项目调度会纪要" and _style_name(paragraphs[0]) == "纪要标记"
    assert any(p.text == "第13期" for p in paragraphs[:4])
    office = next(p for p in paragraphs if _style_name(p) == "纪要发文")
    assert office.text == "解放区人民政府办公室\t2026年7月6日"
    headings = [p.text for p in paragraphs if _style_name(p) == "纪要一级标题"]
    assert headings[0] == "一、焦作智能装备产业园" and headings[1] == "二、民主路棚户区改造"
    numbered = [p for p in paragraphs if p.text.startswith("（一）")]
    assert numbered and _east_asia(numbered[0].runs[0]._element) == "楷体_GB2312"
    assert numbered[0].runs[0].text == "（一）"
    assert any(
        p.text.endswith("（牵头单位：区财政局；配合单位：民主街道；完成时限：2026年7月26日前）")
        for p in paragraphs
    )
    assert abs(_mm(first.page_width) - Mm(210).mm) < 0.1
    assert d.sections[1].orientation == WD_ORIENT.LANDSCAPE


def test_docx_attendance_page_numbers_and_attachments(docx_path: Path) -> None:
    import docx
    from docx.enum.section import WD_ORIENT

    d = docx.Document(str(docx_path))
    attend = [p for p in d.paragraphs if _style_name(p) == "纪要出席"]
    assert [p.runs[0].text for p in attend] == ["出席：", "列席：", "请假：", "记录："]
    assert _east_asia(attend[0].runs[0]._element) == "黑体"
    fmt = d.styles["纪要出席"].paragraph_format
    # "出席：" two characters in, wrapped lines after the colon.
    assert round(fmt.left_indent.pt) == 80 and round(fmt.first_line_indent.pt) == -48
    assert "韩文博" in attend[0].text
    # Different odd and even footers, each a PAGE field between em dashes.
    assert d.settings.odd_and_even_pages_header_footer
    odd, even = d.sections[0].footer.paragraphs[0], d.sections[0].even_page_footer.paragraphs[0]
    for par, side in ((odd, "right"), (even, "left")):
        xml = par._p.xml
        assert "PAGE" in xml and 'fldCharType="begin"' in xml and par.text.startswith("— ")
        assert par._p.find(f"{W}pPr/{W}jc").get(f"{W}val") == side
    assert _east_asia(d.styles["纪要页码"].element) == "宋体"
    # The attachments: a landscape section with three tables, headers repeated on every page.
    land = d.sections[1]
    assert land.orientation == WD_ORIENT.LANDSCAPE and _mm(land.page_width) > _mm(land.page_height)
    assert d.sections[2].orientation == WD_ORIENT.PORTRAIT
    issues, tasks, deadlines = d.tables
    assert [c.text for c in issues.rows[0].cells][:4] == ["序号", "项目名称", "问题类别", "问题描述"]
    assert len(issues.rows) == 10 and len(tasks.rows) == 5 and len(deadlines.rows) == 3
    assert issues.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
    # Black on white: only the header row is shaded (light grey); lights are marks.
    shades = {shd.get(f"{W}fill") for table in d.tables for shd in table._tbl.iter(f"{W}shd")}
    assert shades == {"F2F2F2"}
    for row in tasks.rows[1:]:
        assert row.cells[0]._tc.find(f"{W}tcPr/{W}shd") is None
    marks = {r.cells[2].text: r.cells[-1].text for r in tasks.rows[1:]}
    assert marks["新华街道完成12个小区管线迁改"] == "✓ 已销号"
    assert marks["七百间街区招商方案报区政府审定"] == "● 已报完成"
    assert marks["区财政局筹措安置补偿资金到位"] == "○ 待办"
    assert any(p.text.startswith("注：状态前的标记  ● 逾期") for p in d.paragraphs)
    labels = [p.text for p in d.paragraphs if _style_name(p) == "纪要附件标题"]
    assert labels == ["附件1", "附件2", "附件3"]
    notes = [p.text for p in d.paragraphs if _style_name(p) == "纪要附件说明"]
    assert notes == ["附件：1．问题清单", "2．任务落实清单", "3．时间节点"]
    # The 版记's section starts on an even page and is bottom-aligned.
    last = d.sections[-1]._sectPr
    assert last.find(f"{W}type").get(f"{W}val") == "evenPage"
    assert last.find(f"{W}vAlign").get(f"{W}val") == "bottom"
    imprint = [p.text for p in d.paragraphs if _style_name(p) == "纪要版记"]
    assert imprint[0].startswith("抄送：区委办公室") and imprint[1].endswith("2026年7月6日印发")


def test_xlsx_sheets_columns_types_and_colours(xlsx_path: Path) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(xlsx_path)
    assert wb.sheetnames == ["问题清单", "任务落实清单", "时间节点", "会议纪要"]
    ws = wb["问题清单"]
    assert [c.value for c in ws[1]] == [
        "序号",
        "项目名称",
        "问题类别",
        "问题描述",
        "责任单位",
        "配合单位",
        "解决措施",
        "完成时限",
        "状态",
        "提出会议",
        "最新进展",
    ]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:K{ws.max_row}"
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    due = ws.cell(row=2, column=8)
    assert isinstance(due.value, datetime) and due.value.date() == date(2026, 7, 22)
    assert due.is_date and "年" in due.number_format
    assert isinstance(ws.cell(row=2, column=1).value, int)
    lights = {row[3].value: row[0].fill.start_color.rgb for row in ws.iter_rows(min_row=2)}
    assert lights["剩余17户拆迁安置协议未签订"].endswith("FFC7CE")  # overdue
    assert lights["规划许可证办理滞后，影响主体施工"].endswith("FFEB9C")  # due within 3 days
    assert lights["用地指标不足约30亩"].endswith("C6EFCE")
    closed = next(r for r in wb["任务落实清单"].iter_rows(min_row=2) if r[6].value == "已销号")
    assert closed[2].value == "新华街道完成12个小区管线迁改"
    assert closed[0].fill.start_color.rgb.endswith("D9D9D9")
    # The columns fit one A4 landscape page at 91 % or more (11 pt prints above 10 pt), and a
    # row is as tall as its wrapped text: Chinese counts double for the width.
    from openpyxl.utils import get_column_letter

    from tui550.core.xlsx_print import MAX_UNITS, lines_in

    widths = [ws.column_dimensions[get_column_letter(c)].width for c in range(1, ws.max_column + 1)]
    assert sum(widths) <= MAX_UNITS
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    long_row = next(r for r in ws.iter_rows(min_row=2) if r[3].value == "融资渠道单一，二期资金缺口1.2亿元")
    lines = lines_in(long_row[3].value, widths[3])
    assert lines > 1 and ws.row_dimensions[long_row[0].row].height >= lines * 11 * 1.3
    # Formula-looking text stays text.
    texts = {}
    for row in ws.iter_rows(min_row=2):
        texts[row[3].value] = row[3]
    for text in ('=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)"):
        assert texts[text].data_type == "s" and texts[text].quotePrefix, text
    assert [c.value for c in wb["时间节点"][1]] == [
        "序号",
        "项目名称",
        "节点",
        "计划日期",
        "完成日期",
        "状态",
    ]
    minutes = wb["会议纪要"]
    assert minutes.cell(row=2, column=2).value == "会议总体"


def test_xlsx_formula_text_raw(xlsx_path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(xlsx_path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and '<is><t>=HYPERLINK("http://x")</t></is>' in sheet


@pytest.mark.sqlite_only
def test_pdf_without_libreoffice_names_the_package(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    from tui550.cli.main import run
    from tui550.core import office
    from tui550.core.errors import UserError

    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    with pytest.raises(UserError) as err:
        export_meeting(demo_db, EARLIER, "pdf", tmp_path / "纪要.pdf", settings=SETTINGS, today=TODAY)
    assert err.value.key == "pdf.no_office" and not (tmp_path / "纪要.pdf").exists()
    path = str(demo_db.path)
    demo_db.close()
    for args in (["export", "2026-07-06", "-f", "pdf"], ["report", "-f", "pdf"], ["wallchart", "-f", "pdf"]):
        with pytest.raises(SystemExit) as exit_info:
            run(["--db", path, *args, "--out", str(tmp_path / "x.pdf")])
        message = capsys.readouterr().err.strip().splitlines()
        assert exit_info.value.code == 1 and len(message) == 2, message
        assert "LibreOffice" in message[0] and "libreoffice-" in message[1]
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.sqlite_only
def test_xlsx_timing_sheet_and_ledger_template_print_setup(demo_db: Database, tmp_path: Path) -> None:
    import openpyxl

    from tui550.core.demo import demo_id
    from tui550.core.importing.template import template_bytes
    from tui550.core.store import meetings

    today = demo_id("meeting", "today")
    entry = meetings.agenda(demo_db, today)[0]
    items.capture(demo_db, meeting_id=today, project_id=entry.project.id, kind=Kind.MINUTE, text="进场")
    meetings.save_timer(demo_db, entry.id, elapsed_s=300)
    [path] = export_meeting(demo_db, today, "xlsx", tmp_path, settings=SETTINGS, today=TODAY)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[-1] == "议程用时"
    assert [c.value for c in book["议程用时"][2]] == [1, entry.project.name, "4分钟", "5分钟", "1分钟"]
    # The earlier meeting was never timed: no such sheet.
    [earlier] = export_meeting(demo_db, EARLIER, "xlsx", tmp_path / "e.xlsx", settings=SETTINGS, today=TODAY)
    assert "议程用时" not in openpyxl.load_workbook(earlier).sheetnames
    for kind in ("projects", "issues"):
        (tmp_path / f"{kind}.xlsx").write_bytes(template_bytes(kind))
        sheet = openpyxl.load_workbook(tmp_path / f"{kind}.xlsx").active
        assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
        assert sheet.print_title_rows == "$1:$1" and sheet.page_setup.fitToWidth == 1


def test_long_titles_break_into_balanced_lines() -> None:
    from tui550.core.exporting.docx_minutes import title_lines

    assert title_lines("解放区“550”重点项目调度会纪要", 20) == ["解放区“550”重点项目调度会纪要"]
    lines = title_lines("解放区2026年第四季度重点项目建设推进暨“550”项目集中调度会议纪要", 20)
    assert "".join(lines) == "解放区2026年第四季度重点项目建设推进暨“550”项目集中调度会议纪要"
    assert len(lines) == 2 and abs(len(lines[0]) - len(lines[1])) <= 3
    assert lines[1] != "要" and not lines[1].startswith(("”", "）", "，"))


@settings(max_examples=80, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("解放区重点项目调度会纪要第一季度“”（）、，0123456789")),
        min_size=1,
        max_size=70,
    )
)
def test_title_lines_keep_every_character_and_fit(title: str) -> None:
    from tui550.core.exporting.docx_minutes import title_lines

    lines = title_lines(title, 20)
    assert "".join(lines) == title
    assert all(line for line in lines) and all(len(line) <= 20 for line in lines)
    assert len(lines) == -(-len(title) // 20)


def test_empty_lists_are_not_attached(demo_db: Database, tmp_path: Path) -> None:
    import docx

    from tui550.core.demo import demo_id
    from tui550.core.exporting.common import build_minutes
    from tui550.core.exporting.md import render_markdown
    from tui550.core.store import meetings

    today = demo_id("meeting", "today")
    first, second = meetings.agenda(demo_db, today)[:2]
    items.capture(demo_db, meeting_id=today, project_id=first.project.id, kind=Kind.MINUTE, text="进场")
    items.capture(
        demo_db,
        meeting_id=today,
        project_id=second.project.id,
        kind=Kind.DEADLINE,
        text="完成签约",
        due=date(2026, 8, 31),
    )
    doc = build_minutes(demo_db, today, settings=SETTINGS, today=TODAY)
    # The agenda's projects carry open issues and decisions from the earlier meeting; only
    # the empty list is left out, and the rest are numbered without a gap.
    assert [t.title for t in doc.attachments] == ["问题清单", "任务落实清单", "时间节点"]
    from dataclasses import replace

    no_deadlines = replace(doc, tables={**doc.tables, "deadlines": replace(doc.tables["deadlines"], rows=())})
    assert [t.title for t in no_deadlines.attachments] == ["问题清单", "任务落实清单"]
    md = render_markdown(no_deadlines)
    assert [line for line in md.splitlines() if line.startswith("## 附件")] == [
        "## 附件1　问题清单",
        "## 附件2　任务落实清单",
    ]
    # Nothing to attach at all: no note, no landscape pages, the 版记 still on its own page.
    bare = replace(doc, tables={k: replace(t, rows=()) for k, t in doc.tables.items()})
    from tui550.core.exporting.docx_minutes import render_docx

    path = tmp_path / "bare.docx"
    path.write_bytes(render_docx(bare))
    d = docx.Document(str(path))
    assert not d.tables and len(d.sections) == 2
    assert not [p for p in d.paragraphs if _style_name(p) == "纪要附件说明"]


def test_attachment_columns_keep_headers_whole_and_give_room_to_text(demo_db: Database) -> None:
    from tui550.core.exporting.common import build_minutes, em_width
    from tui550.core.exporting.docx_page import TABLE_PT
    from tui550.core.exporting.docx_tables import CELL_MARGIN, column_widths

    doc = build_minutes(demo_db, EARLIER, settings=SETTINGS, today=TODAY)
    total = 12756  # the landscape line, twips
    for table in doc.attachments:
        widths = column_widths(table, total)
        assert abs(sum(widths) - total) < len(widths)
        for name, width in zip(table.columns, widths, strict=True):
            assert width - 2 * CELL_MARGIN >= em_width(name) * (TABLE_PT - 0.25) * 20, name
    issues = dict(zip(doc.tables["issues"].columns, column_widths(doc.tables["issues"], total), strict=True))
    # The description gets the room, the empty 解决措施 and 最新进展 stay as wide as their headers.
    assert issues["问题描述"] > 2 * issues["解决措施"] and issues["解决措施"] == issues["最新进展"]
