"""Markdown and HTML minutes: golden files from the demo, and user text that stays inert."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.export_helpers import EARLIER, SETTINGS, TODAY
from tui550.core.db import Database
from tui550.core.domain import Kind, Tag
from tui550.core.exporting import export_meeting
from tui550.core.exporting.common import build_minutes, cn_number
from tui550.core.exporting.html import render_html
from tui550.core.exporting.md import cell as md_cell
from tui550.core.exporting.md import escape, render_markdown
from tui550.core.store import items, meetings, units

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("TUI550_UPDATE_GOLDEN") == "1"


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs (TUI550_UPDATE_GOLDEN=1 rewrites it)"


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden(demo_db: Database, tmp_path: Path, fmt: str) -> None:
    [path] = export_meeting(demo_db, EARLIER, fmt, tmp_path, settings=SETTINGS, today=TODAY)
    assert path.parent == tmp_path and path.suffix == f".{fmt}"
    _golden(f"demo-minutes.{fmt}", path.read_text(encoding="utf-8"))


def test_minutes_layout(demo_db: Database) -> None:
    doc = build_minutes(demo_db, EARLIER, settings=SETTINGS, today=TODAY)
    assert doc.mark == "解放区“550”重点项目调度会纪要" and doc.issue_no == "第13期"
    assert doc.opening.startswith("2026年7月6日上午，区委书记周立新在区委三楼会议室主持召开")
    assert doc.opening.endswith("现将会议议定事项纪要如下：")
    assert [p.text for p in doc.general] == ["会议强调，要抢抓二三季度施工黄金期，倒排工期、挂图作战。"]
    numbers = [s.number for s in doc.sections]
    assert numbers[:3] == ["一、", "二、", "三、"] and numbers[9] == "十、"
    second = doc.sections[1]
    assert second.title == "民主路棚户区改造"
    # The numbered items follow their lead-in: 会议议定 when the first is a decision.
    assert [p.number for p in second.paragraphs] == ["", "（一）", "（二）"]
    assert second.paragraphs[0].text == "会议议定：" and second.paragraphs[0].lead_in
    assert doc.sections[0].paragraphs[0].text == "会议明确："  # a deadline and an issue
    assert (
        second.paragraphs[1].clause == "（牵头单位：区财政局；配合单位：民主街道；完成时限：2026年7月26日前）"
    )
    assert [label for label, _ in doc.attendance] == ["出席", "列席", "请假", "记录"]
    assert dict(doc.attendance)["记录"] == "区政府办赵敏"
    quiet = build_minutes(demo_db, EARLIER, settings=replace(SETTINGS, minutes_recorder=False), today=TODAY)
    assert [label for label, _ in quiet.attendance] == ["出席", "列席", "请假"]
    # 附件1–3 in every format: the issues, the tasks and the deadlines.
    assert [t.title for t in doc.attachments] == ["问题清单", "任务落实清单", "时间节点"]
    # The closed decision (销号) is grey; overdue ones are red; the lights follow `today`.
    tasks = {row.cells[2]: row.light.value for row in doc.tables["tasks"].rows if row.light}
    assert tasks["七百间街区招商方案报区政府审定"] == "red"
    assert tasks["区财政局筹措安置补偿资金到位"] == "green"
    assert "新华街道完成12个小区管线迁改" in tasks and tasks["新华街道完成12个小区管线迁改"] == "grey"


def test_cn_numbers() -> None:
    assert [cn_number(n) for n in (1, 9, 10, 11, 20, 21, 60)] == [
        "一",
        "九",
        "十",
        "十一",
        "二十",
        "二十一",
        "六十",
    ]


def test_minutes_of_a_project_in_stock_phrases(demo_db: Database) -> None:
    from tui550.core.demo import demo_id

    today = demo_id("meeting", "today")
    project = meetings.agenda(demo_db, today)[0].project
    lead = units.find_unit(demo_db, "住建局")
    assert lead is not None
    for tag, text in (
        (Tag.PROGRESS, "主体结构完成80%"),
        (Tag.PROBLEM, "塔吊数量不足"),
        (Tag.NEXT, "8月底前完成封顶"),
    ):
        items.capture(demo_db, meeting_id=today, project_id=project.id, kind=Kind.MINUTE, tag=tag, text=text)
    items.capture(
        demo_db,
        meeting_id=today,
        project_id=project.id,
        kind=Kind.DECISION,
        text="增加两台塔吊",
        lead_unit_id=lead.id,
    )
    doc = build_minutes(demo_db, today, settings=SETTINGS, today=TODAY)
    texts = [p.text for p in doc.sections[0].paragraphs]
    assert texts[0] == f"会议听取了区工信局关于{project.name}进展情况、存在问题及下步打算的汇报。"
    # What the unit reports stays the unit's: never "会议指出".
    assert texts[1:4] == [
        "主体结构完成80%。",
        "区工信局反映，塔吊数量不足。",
        "区工信局表示，下步将8月底前完成封顶。",
    ]
    assert texts[4] == "会议议定："
    assert doc.sections[0].paragraphs[5].clause == "（牵头单位：区住建局）"
    # Carried-over open items of the agenda's projects are on the lists, with their meeting.
    issue_rows = doc.tables["issues"].rows
    assert issue_rows and all(r.cells[9] == "2026年7月6日第13期" for r in issue_rows)


HOSTILE = [
    "[red]警告[/red]",
    "\x1b[31m红色",
    "=1+2",
    "# 标题",
    "- 列表",
    "1. 有序",
    "<script>alert(1)</script>",
    "| a | b |",
    "**粗体** _斜体_ `代码`",
    "> 引用",
    "&amp; &lt;",
    "[链接](http://x)",
    "第一行\n- 第二行",
]


def test_hostile_text_stays_text(demo_db: Database, tmp_path: Path) -> None:
    from tui550.core.demo import demo_id

    today = demo_id("meeting", "today")
    project = meetings.agenda(demo_db, today)[0].project
    for text in HOSTILE:
        items.capture(
            demo_db, meeting_id=today, project_id=project.id, kind=Kind.ISSUE, text=text, steps=text
        )
        items.capture(
            demo_db, meeting_id=today, project_id=project.id, kind=Kind.MINUTE, text=text, tag=Tag.REMARK
        )
    doc = build_minutes(demo_db, today, settings=SETTINGS, today=TODAY)
    html = render_html(doc)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\x1b" not in html and "[red]警告[/red]" in html
    md = render_markdown(doc)
    assert not re.search(r"(?<!\\)<(?!br>)", md) and "\\<script>" in md
    assert "\\[red\\]" in md and "\\*\\*粗体\\*\\*" in md
    assert "\n\\# 标题" in md and "\n\\- 列表" in md and "\n1\\. 有序" in md
    assert not re.search(r"^(- |# |> |1\. )(列表|标题|引用|有序|第二行)", md, re.M)
    # A table cell never gains a column from a '|' in user text.
    for line in md.splitlines():
        if line.startswith("| ") and "a \\| b" in line:
            assert line.count(" | ") == line.replace("\\|", "").count(" | ")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


_ALLOWED = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "h1",
    "p",
    "span",
    "main",
    "h2",
    "h3",
    "section",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "footer",
    "b",
    "br",
}


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=60))
def test_any_text_is_inert(text: str) -> None:
    from tui550.core.exporting.html import esc

    parser = _Tags()
    parser.feed(f"<p>{esc(text)}</p>")
    assert set(parser.tags) <= _ALLOWED and parser.tags.count("p") == 1


# Text a facilitator might type, heavy in what Markdown reads as markup.
_LINE = st.text(
    alphabet=st.sampled_from(list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ 0123456789aZ问题区住建局，。、“”（）")),
    min_size=1,
    max_size=40,
)


def _shown(markdown: str) -> str:
    """What a CommonMark renderer (with GFM tables) shows: the text of the HTML."""
    import html as html_lib

    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)
    return html_lib.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


@settings(max_examples=200, deadline=None)
@given(_LINE)
def test_markdown_shows_text_as_typed(text: str) -> None:
    # A paragraph and a table cell both show exactly the text typed: nothing became markup.
    assert _shown(escape(text)) == text.strip()
    table = f"| 内容 |\n| --- |\n| {md_cell(text)} |\n"
    assert _shown(table).removeprefix("内容").strip() == text.strip()


@pytest.mark.parametrize(
    "text",
    [
        "=cmd|' /C calc'!A0",
        "3~5天完成",
        "AT&T",
        "a#b",
        "C:\\dir",
        "1.2亿元",
        "=SUM(A1:A3)",
        "+86 电话",
        "@区住建局",
    ],
)
def test_markdown_escapes_only_what_it_must(text: str) -> None:
    # Formula-looking text is a spreadsheet's concern, not Markdown's: no visible escapes.
    assert escape(text) == text


def test_every_project_with_minutes_is_heard_and_issues_carry_their_own_progress(demo_db: Database) -> None:
    from tui550.core.demo import demo_id
    from tui550.core.store import followup

    today = demo_id("meeting", "today")
    first, second = (e.project for e in meetings.agenda(demo_db, today)[:2])
    # Captured with F2 and no tag: a remark, still a minute of the project.
    items.capture(demo_db, meeting_id=today, project_id=first.id, kind=Kind.MINUTE, text="现场已进场")
    items.capture(
        demo_db, meeting_id=today, project_id=second.id, kind=Kind.MINUTE, tag=Tag.PROGRESS, text="已签约83户"
    )
    mine = items.capture(
        demo_db, meeting_id=today, project_id=second.id, kind=Kind.ISSUE, text="安置房源不足"
    )
    items.capture(demo_db, meeting_id=today, project_id=second.id, kind=Kind.ISSUE, text="资金未到位")
    followup.report_done(demo_db, mine.id, mine.version, note="已调剂房源40套")
    doc = build_minutes(demo_db, today, settings=SETTINGS, today=TODAY)
    heard = {s.title: s.paragraphs[0].text for s in doc.sections}
    assert heard[first.name].startswith("会议听取了") and heard[second.name].startswith("会议听取了")
    latest = {row.cells[3]: row.cells[10] for row in doc.tables["issues"].rows}
    assert str(latest["安置房源不足"]).endswith("报完成：已调剂房源40套")
    # Not the project's progress minute, and nothing for an issue nobody followed up.
    assert latest["资金未到位"] == ""
    assert "已签约83户" not in latest.values()


def test_minutes_carry_each_projects_time_against_its_box(demo_db: Database) -> None:
    from tui550.core.demo import demo_id

    today = demo_id("meeting", "today")
    first, second, third = meetings.agenda(demo_db, today)[:3]
    items.capture(demo_db, meeting_id=today, project_id=first.project.id, kind=Kind.MINUTE, text="进场")
    meetings.save_timer(demo_db, first.id, elapsed_s=first.time_box_s + 75.4)
    meetings.save_timer(demo_db, second.id, elapsed_s=42)
    doc = build_minutes(demo_db, today, settings=SETTINGS, today=TODAY)
    # The projects timed, in agenda order; a project never reached is left out.
    rows = [row.cells for row in doc.tables["timing"].rows]
    assert rows == [
        (1, first.project.name, "4分钟", "5分15秒", "1分15秒"),
        (2, second.project.name, "4分钟", "42秒", ""),
    ]
    assert third.project.name not in {r[1] for r in rows}
    md = render_markdown(doc)
    assert "## 议程用时" in md and f"| 1 | {first.project.name} | 4分钟 | 5分15秒 | 1分15秒 |" in md


def test_followup_text_names_the_day_the_action_and_its_words() -> None:
    import uuid
    from datetime import UTC, datetime

    from tui550.core.domain import HistoryEntry
    from tui550.core.exporting.common import followup_text

    def entry(action: str, changes: dict[str, list[object]]) -> HistoryEntry:
        # 20:00 UTC is the next morning in the district.
        return HistoryEntry(
            at=datetime(2026, 7, 24, 20, tzinfo=UTC),
            who="督查室",
            action=action,
            entity="item",
            entity_id=uuid.uuid4(),
            meeting_id=None,
            changes=changes,
        )

    tz = "Asia/Shanghai"
    assert (
        followup_text(entry("report", {"note": [None, "已签约12户"]}), tz)
        == "2026年7月25日报完成：已签约12户"
    )
    assert (
        followup_text(
            entry("extend", {"due": ["2026-07-20", "2026-08-31"], "reason": [None, "会议同意"]}), tz
        )
        == "2026年7月25日延期至2026年8月31日：会议同意"
    )
    assert followup_text(entry("start", {}), tz) == "2026年7月25日开始推进"
