"""The documents as an office prints them: converted to PDF by LibreOffice and measured.

One conversion of each document serves every assertion (module-scoped fixtures); the
positions come from `pdftotext -bbox`. Skipped where LibreOffice or poppler is missing
(`.ci/services start` installs them).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from tests.support.demo import DEMO_DAY
from tests.support.export_helpers import SETTINGS, TODAY_MEETING
from tui550.core.db import Database, open_database
from tui550.core.domain import Kind, Tag

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) or poppler (pdftotext) is not installed",
)

MM = 72 / 25.4
PITCH = 297 * MM - (37 + 35) * MM  # the text block's height, pt


@dataclass(frozen=True)
class Line:
    y: float  # baseline-ish: the bottom of the line's words
    x0: float
    x1: float
    text: str


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    lines: tuple[Line, ...]

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)


def _pages(pdf: Path) -> list[Page]:
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for chunk in out.split("<page ")[1:]:
        size = re.match(r'width="([\d.]+)" height="([\d.]+)"', chunk)
        assert size is not None
        rows: dict[int, list[tuple[float, float, float, str]]] = defaultdict(list)
        for m in re.finditer(
            r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" '
            r'yMax="([\d.]+)">([^<]*)</word>',
            chunk,
        ):
            bottom = float(m[3])
            key = next((k for k in rows if abs(k - bottom) < 3), round(bottom))
            rows[key].append((float(m[1]), float(m[2]), bottom, _unescape(m[4])))
        lines = []
        for key in sorted(rows):
            words = sorted(rows[key])
            y = max(bottom for _, _, bottom, _ in words)
            lines.append(Line(y, words[0][0], words[-1][1], "".join(w for *_, w in words)))
        pages.append(Page(float(size[1]), float(size[2]), tuple(lines)))
    return pages


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def _convert(files: list[Path], out: Path) -> None:
    """One LibreOffice run for all the files, in a private profile."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(out / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}',
            "--outdir",
            str(out),
            *map(str, [f for f in files if f.suffix == ".docx"]),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    sheets = [f for f in files if f.suffix == ".xlsx"]
    if sheets:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={(out / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                *map(str, sheets),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )


def _fill(db: Database) -> tuple[str, ...]:
    """A meeting as a district holds it: every kind and tag on fourteen projects, timed."""
    from tui550.core.store import items, meetings

    meeting = meetings.get_meeting(db, TODAY_MEETING)
    entries = meetings.agenda(db, TODAY_MEETING)

    captured: list[str] = []

    def capture(**fields: object) -> None:
        item = items.capture(db, meeting_id=TODAY_MEETING, **fields)  # type: ignore[arg-type]
        captured.append(item.text)

    capture(
        project_id=None,
        kind=Kind.MINUTE,
        tag=Tag.REMARK,
        text="各责任单位要对照时间节点倒排工期，确保年底前完成全年投资目标",
    )
    for n, entry in enumerate(entries[:14]):
        project = entry.project
        lead = project.lead_unit.id if project.lead_unit else None
        capture(
            project_id=project.id,
            kind=Kind.MINUTE,
            tag=Tag.PROGRESS,
            text=f"{project.name}已完成年度投资计划的{60 + n}%，累计完成投资{3 + n}.2亿元",
        )
        if n % 2 == 0:
            capture(
                project_id=project.id,
                kind=Kind.MINUTE,
                tag=Tag.PROBLEM,
                text=f"第{n + 1}项施工占道与早高峰冲突，需协调交警部门优化交通组织方案",
            )
        if n % 3 == 0:
            capture(
                project_id=project.id,
                kind=Kind.MINUTE,
                tag=Tag.NEXT,
                text=f"加快推进第{n + 1}项剩余工程量，确保按期完成节点目标",
            )
        capture(
            project_id=project.id,
            kind=Kind.DECISION,
            lead_unit_id=lead,
            text=f"会同相关部门研究解决{project.name}推进中的要素保障问题",
            due=meeting.date + timedelta(days=10 + n),
        )
        capture(
            project_id=project.id,
            kind=Kind.ISSUE,
            lead_unit_id=lead,
            category="前期手续",
            text=f"{project.name}施工许可手续尚未办结",
            due=meeting.date + timedelta(days=5 + n),
        )
        if n % 3 == 2:
            capture(
                project_id=project.id,
                kind=Kind.DEADLINE,
                lead_unit_id=lead,
                text=f"{project.name}主体结构封顶",
                due=meeting.date + timedelta(days=40 + n),
            )
        meetings.save_timer(db, entry.id, elapsed_s=entry.time_box_s + 30 * n - 60)
    return tuple(captured)


@dataclass(frozen=True)
class Rendered:
    pages: dict[str, list[Page]]  # minutes, lists, report, wall
    sources: dict[str, Path]  # the .docx / .xlsx each PDF was made from
    captured: tuple[str, ...]  # every line typed in the meeting


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Rendered:
    from tui550.core.demo import build_demo
    from tui550.core.exporting import export_meeting
    from tui550.core.reporting.report_xlsx import render_report_xlsx
    from tui550.core.reporting.wallchart_render import render_wall_xlsx
    from tui550.core.store.supervision import followup_report
    from tui550.core.store.wallchart import wall_chart

    folder = tmp_path_factory.mktemp("render")
    path = folder / "meeting.sqlite"
    shutil.copyfile(sqlite_template, path)
    db = open_database(str(path), who="测试员")
    try:
        build_demo(db, DEMO_DAY)
        captured = _fill(db)
        sources = {
            "minutes": export_meeting(
                db, TODAY_MEETING, "docx", folder / "minutes.docx", settings=SETTINGS, today=DEMO_DAY
            )[0],
            "lists": export_meeting(
                db, TODAY_MEETING, "xlsx", folder / "lists.xlsx", settings=SETTINGS, today=DEMO_DAY
            )[0],
            "report": folder / "report.xlsx",
            "wall": folder / "wall.xlsx",
        }
        sources["report"].write_bytes(render_report_xlsx(followup_report(db, district="解放区")))
        sources["wall"].write_bytes(render_wall_xlsx(wall_chart(db), "解放区"))
    finally:
        db.close()
    _convert(list(sources.values()), folder)
    pages = {name: _pages(source.with_suffix(".pdf")) for name, source in sources.items()}
    return Rendered(pages, sources, captured)


def _body_pages(pages: list[Page]) -> list[Page]:
    """The portrait pages before the attachments, without their page numbers."""
    body = []
    for page in pages:
        if page.landscape:
            break
        lines = tuple(line for line in page.lines if not re.fullmatch(r"—\d+—", line.text))
        body.append(Page(page.width, page.height, lines))
    return body


def test_minutes_body_is_28_characters_by_22_lines(rendered: Rendered) -> None:
    body = _body_pages(rendered.pages["minutes"])
    assert len(body) >= 3
    # Full pages (all but the first, with the title, and the last of the body) hold 22
    # lines, one pitch apart; no page holds more.
    counts = [len(page.lines) for page in body[1:-1]]
    assert counts and max(counts) == 22 and all(c >= 20 for c in counts), counts
    full = next(page for page in body[1:-1] if len(page.lines) == 22)
    gaps = {round(b.y - a.y, 1) for a, b in zip(full.lines, full.lines[1:], strict=False)}
    assert all(abs(g - PITCH / 22) < 0.6 for g in gaps), gaps
    # A line of Chinese text only (no Latin, whose letters are narrower) holds 28
    # characters, counting the two of a first line's indent; a closing mark may hang in
    # the margin after them (as Word and WPS allow too).
    left, right = 28 * MM, (210 - 26) * MM
    pitch = (156 * MM) / 28
    columns = [
        len(line.text) + round((line.x0 - left) / pitch) - (line.x1 > right + 2)
        for page in body
        for line in page.lines
        if re.fullmatch(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]+", line.text)
    ]
    assert max(columns) == 28 and columns.count(28) >= 5, columns


def test_minutes_title_whole_and_every_line_once(rendered: Rendered) -> None:
    pages = rendered.pages["minutes"]
    first = pages[0].lines
    assert first[0].text == "解放区“550”重点项目调度会纪要"
    assert re.fullmatch(r"解放区人民政府办公室2026年7月20日", first[2].text), first[2].text
    body = "".join(page.text for page in _body_pages(pages))
    for text in rendered.captured:
        assert body.count(text.rstrip("。")) == 1, text
    # The unit's words are the unit's, and every project with minutes is heard.
    assert "会议指出" not in body and body.count("反映，第") == 7
    assert body.count("会议听取了") == 14


def test_minutes_attachment_note_attendance_and_imprint(rendered: Rendered) -> None:
    pages = rendered.pages["minutes"]
    body = _body_pages(pages)
    note = next(
        n for n, page in enumerate(body) if any(line.text == "附件：1．问题清单" for line in page.lines)
    )
    # The note is not alone: the attendance (with the recorder) follows on its page.
    texts = [line.text for line in body[note].lines]
    assert texts[-4:] == ["3．时间节点", *texts[-3:]] or "记录：区政府办赵敏" in texts
    assert any(t.startswith("出席：") for t in texts) and "记录：区政府办赵敏" in texts
    # Landscape attachments, each header on one line, in the order 附件1–3.
    landscape = [page for page in pages if page.landscape]
    labels = [line.text for page in landscape for line in page.lines if re.fullmatch(r"附件\d", line.text)]
    assert labels == ["附件1", "附件2", "附件3"]
    header = next(line.text for line in landscape[0].lines if line.text.startswith("序号"))
    assert header == "序号项目名称问题类别问题描述责任单位配合单位解决措施完成时限状态提出会议最新进展"
    # The 版记 at the foot of the last page, an even one, after the attachments.
    last = pages[-1]
    assert len(pages) % 2 == 0 and not last.landscape
    imprint = next(line for line in last.lines if line.text.endswith("印发"))
    assert imprint.y > last.height - 35 * MM - 2 * PITCH / 22
    assert [line.text for line in last.lines][-1] == f"—{len(pages)}—"


def _cells(path: Path) -> list[str]:
    import openpyxl

    book = openpyxl.load_workbook(path)
    return [
        str(c.value).replace("\n", "")
        for sheet in book
        for row in sheet.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.strip()
    ]


def _letters(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z\u4e00-\u9fff]", "", text)


def _raw_text(pdf: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return re.sub(r"\s+", "", out)


@pytest.mark.parametrize("name", ["lists", "report", "wall"])
def test_printed_workbooks_show_every_cell_whole_at_10pt(rendered: Rendered, name: str) -> None:
    pages = rendered.pages[name]
    assert pages and all(page.landscape for page in pages)
    source = rendered.sources[name]
    pdf = source.with_suffix(".pdf")
    # Symbols drawn from a fallback font come out of order: compare letters and digits.
    text = _letters(_raw_text(pdf))
    # A row too short for its wrapped text loses the lines below the first: each cell
    # whole, as many times as the workbook holds it.
    cells = [_letters(c) for c in _cells(source)]
    cells = [c for c in cells if c]
    for cell in set(cells):
        assert text.count(cell) >= cells.count(cell), cell
    # The font printed no smaller than 10 pt: a Chinese character is at least 10 pt wide.
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    sizes = [
        (float(m[2]) - float(m[1])) / len(m[3])
        for m in re.finditer(
            r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([\u4e00-\u9fff]{2,})</word>', html
        )
    ]
    assert sizes and min(sizes) >= 9.9, min(sizes)
