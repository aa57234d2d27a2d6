"""The minutes as one plain document, built from the database once and rendered per format.

Every renderer (docx, xlsx, Markdown, HTML) reads a `MinutesDoc` and nothing
else, so the formats cannot disagree about what was decided, who owns it and
which light it shows. Nothing volatile (save timestamps, the export time) goes
into it: the same database and the same `today` give the same document.
"""

from __future__ import annotations

import contextlib
import functools
import re
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from tui550.core.clock import to_local, zh_date
from tui550.core.domain import (
    AgendaView,
    HistoryEntry,
    ItemView,
    Kind,
    Light,
    MeetingView,
    Status,
    Tag,
    UnitView,
)
from tui550.core.errors import UserError
from tui550.core.lights import light
from tui550.core.settings import Settings
from tui550.core.store.items import latest_followups, meeting_items, open_items_for_projects
from tui550.core.store.meetings import agenda, get_meeting, meeting_labels
from tui550.core.store.projects import get_project
from tui550.i18n import t

if TYPE_CHECKING:
    from tui550.core.db import Database

GENERAL = "会议总体"
ISSUE_COLUMNS = (
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
)
TASK_COLUMNS = ("序号", "项目名称", "事项", "牵头单位", "配合单位", "完成时限", "状态")
DEADLINE_COLUMNS = ("序号", "项目名称", "节点", "计划日期", "完成日期", "状态")
MINUTES_COLUMNS = ("序号", "项目名称", "类别", "内容", "牵头单位", "配合单位", "完成时限", "状态")
TIMING_COLUMNS = ("序号", "项目名称", "时限", "实际用时", "超出")
NUMERALS = "〇一二三四五六七八九"
_CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff])[ \t\u3000]+(?=[\u3400-\u9fff])")
_STOCK = ("会议听取", "会议指出", "会议强调", "会议要求", "会议议定", "会议同意", "会议认为", "会议明确")


# Lights as marks that survive a black-and-white printer (tables of the minutes).
LIGHT_MARK: dict[Light, str] = {Light.RED: "●", Light.YELLOW: "◐", Light.GREEN: "○", Light.GREY: "✓"}

Cell = str | int | date | None
_CellMaker = Callable[
    [int, ItemView, Light, str, dict[uuid.UUID, str], dict[uuid.UUID, str]], tuple[Cell, ...]
]


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (enough for any agenda)."""
    if n < 10:
        return NUMERALS[n]
    if n < 20:
        return "十" + (NUMERALS[n % 10] if n % 10 else "")
    if n < 100:
        return NUMERALS[n // 10] + "十" + (NUMERALS[n % 10] if n % 10 else "")
    return str(n)


def compact(text: str | None) -> str:
    """'区委书记 周立新' → '区委书记周立新': the spaces people type between Chinese words."""
    return _CJK_SPACE.sub("", text or "").strip()


def sentence(text: str) -> str:
    """End a Chinese sentence with 。 unless it already ends with punctuation."""
    text = text.strip()
    return text if not text or text[-1] in "。！？；：.!?;:）)" else text + "。"


def em_width(text: str) -> int:
    """Width in em of one line of text, rounded up: CJK and full-width characters take one,
    Latin letters and digits half (the longest line of a multi-line text). A word
    processor adds a little space around Latin among Chinese: callers leave room for it."""
    widest = 0
    for line in text.split("\n"):
        halves = sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in line)
        widest = max(widest, -(-halves // 2))
    return widest


def unit_names(units: Iterable[UnitView]) -> str:
    return "、".join(u.name for u in units)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One body paragraph; `number` is '（一）' for an agreed item, '' for prose."""

    text: str
    number: str = ""
    clause: str = ""
    lead_in: bool = False  # '会议议定：': printed on the same page as the item after it


@dataclass(frozen=True, slots=True)
class Section:
    number: str  # 一、
    title: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a list: the cells in column order, its light, and who owns it."""

    cells: tuple[Cell, ...]
    light: Light | None  # None: a minute, which has no light
    unit_ids: frozenset[uuid.UUID] = frozenset()


@dataclass(frozen=True, slots=True)
class Table:
    key: str  # issues | tasks | deadlines | minutes
    title: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    date_columns: frozenset[int] = frozenset()


@dataclass(frozen=True)
class MinutesDoc:
    mark: str
    issue_no: str
    office: str
    date_text: str
    opening: str
    general: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    attendance: tuple[tuple[str, str], ...]
    tables: dict[str, Table]
    cc: str
    printed_by: str
    printed_date: str
    meeting_title: str
    meeting_date: date
    today: date
    unit: str | None = None
    owners: tuple[UnitView, ...] = field(default=())

    @property
    def attachments(self) -> tuple[Table, ...]:
        """附件 问题清单, 任务落实清单, 时间节点, numbered in this order in every format; an
        empty list is not attached (a unit's cut of the minutes often has one)."""
        return tuple(
            t for t in (self.tables["issues"], self.tables["tasks"], self.tables["deadlines"]) if t.rows
        )

    def for_unit(self, unit: UnitView) -> MinutesDoc:
        """The same minutes with the lists cut to one unit's items (lead or co-unit)."""

        tables = {
            key: replace(table, rows=_renumber(r for r in table.rows if unit.id in r.unit_ids))
            for key, table in self.tables.items()
            if key != "timing"
        }
        tables["timing"] = self.tables["timing"]
        return replace(self, tables=tables, unit=unit.name)


def _renumber(rows: Iterable[Row]) -> tuple[Row, ...]:
    return tuple(replace(r, cells=(n, *r.cells[1:])) for n, r in enumerate(rows, start=1))


def clause(item: ItemView) -> str:
    """The accountability clause: （牵头单位：…；配合单位：…；完成时限：2026年7月31日前）."""
    parts = []
    if item.lead_unit is not None:
        parts.append(f"牵头单位：{item.lead_unit.name}")
    if item.co_units:
        parts.append(f"配合单位：{unit_names(item.co_units)}")
    if item.due is not None:
        parts.append(f"完成时限：{zh_date(item.due)}前")
    elif item.cadence is not None:
        parts.append(f"完成时限：{item.cadence}")
    return f"（{'；'.join(parts)}）" if parts else ""


def due_cell(item: ItemView) -> date | str | None:
    """完成时限 in a list: the date (each format writes it in full), or the cadence as said."""
    return item.due if item.due is not None else item.cadence


def status_text(item: ItemView, lit: Light) -> str:
    return _status_text(item.status, lit)


@functools.cache
def _status_text(status: Status | None, lit: Light) -> str:
    # A list shows a handful of (status, light) pairs thousands of times.
    label = t(f"status.{status.value}", "zh") if status else ""
    if lit in (Light.RED, Light.YELLOW):
        return f"{label}（{t(f'light.{lit.value}', 'zh')}）"
    return label


def status_without_light(text: str, lit: Light | None) -> str:
    """A status cell without the light's word that `status_text` adds, for tables that
    show the light otherwise (a mark)."""
    if lit in (Light.RED, Light.YELLOW):
        return text.removesuffix(f"（{t(f'light.{lit.value}', 'zh')}）")
    return text


@functools.cache
def kind_label(kind: Kind, tag: Tag | None) -> str:
    """A minute's tag or an item's kind, as the minutes table names it."""
    return t(f"tag.{tag.value}", "zh") if kind is Kind.MINUTE and tag else t(f"kind.{kind.value}", "zh")


def _stock(text: str, phrase: str) -> str:
    return text if text.startswith(_STOCK) else f"{phrase}，{text}"


def _minute_paragraphs(items: list[ItemView], reporter: str | None, project: str | None) -> list[Paragraph]:
    """The prose of a project (or of the meeting as a whole) by the wording rules.

    docs/minutes-format.md has them as a table. What a unit reports (progress,
    difficulties, next steps) is written as the unit's, never as the meeting's:
    only remarks of the meeting as a whole take 会议强调, and only text that the
    facilitator typed with a stock phrase (会议指出…) speaks for the meeting.
    """
    by_tag: dict[Tag, list[ItemView]] = {}
    for item in items:
        if item.kind is Kind.MINUTE:
            by_tag.setdefault(item.tag or Tag.REMARK, []).append(item)
    out: list[Paragraph] = []
    if project is not None and by_tag:
        who = f"{reporter}关于" if reporter else "关于"
        out.append(Paragraph(f"会议听取了{who}{project}进展情况、存在问题及下步打算的汇报。"))
    for item in by_tag.get(Tag.PROGRESS, []):
        text = item.text.strip()
        out.append(Paragraph(sentence(text if project is not None else _stock(text, "会议通报"))))
    for item in by_tag.get(Tag.PROBLEM, []):
        text = item.text.strip()
        if not text.startswith(_STOCK):
            text = f"{_speaker(item, reporter)}反映，{text}"
        out.append(Paragraph(sentence(text)))
    for item in by_tag.get(Tag.NEXT, []):
        out.append(Paragraph(sentence(_next_step(item, reporter))))
    for item in by_tag.get(Tag.REMARK, []):
        text = item.text.strip()
        out.append(Paragraph(sentence(_stock(text, "会议强调") if project is None else text)))
    return out


def _speaker(item: ItemView, reporter: str | None) -> str:
    """Who said it: the unit named on the line, else the project's lead unit."""
    if item.lead_unit is not None:
        return item.lead_unit.name
    return reporter or "有关单位"


def _next_step(item: ItemView, reporter: str | None) -> str:
    text = item.text.strip()
    if text.startswith(_STOCK):
        return text
    who = item.lead_unit.name if item.lead_unit is not None else reporter
    if text.startswith(("下步", "下一步")):
        return f"{who}表示，{text}" if who else text
    return f"{who}表示，下步将{text}" if who else f"下步，{text}"


def _agreed(items: list[ItemView]) -> list[Paragraph]:
    """Decisions first, then milestones, then problems: （一） each, with its clause."""
    ordered = (
        [i for i in items if i.kind is Kind.DECISION]
        + [i for i in items if i.kind is Kind.DEADLINE]
        + [i for i in items if i.kind is Kind.ISSUE]
    )
    out = []
    if ordered:
        # The numbered items are what the meeting decided (议定) or made clear (明确).
        out.append(
            Paragraph("会议议定：" if ordered[0].kind is Kind.DECISION else "会议明确：", lead_in=True)
        )
    for n, item in enumerate(ordered, start=1):
        text = item.text.strip()
        if item.kind is Kind.DEADLINE:
            text = f"时间节点：{text}"
        elif item.kind is Kind.ISSUE:
            text = f"关于“{text.rstrip('。')}”问题" + (f"：{item.steps.strip()}" if item.steps else "")
        out.append(Paragraph(sentence(text), number=f"（{cn_number(n)}）", clause=clause(item)))
    return out


def _opening(meeting: MeetingView, tz: str, projects: int) -> str:
    when = zh_date(meeting.date)
    if meeting.starts_at is not None:
        when += "上午" if to_local(meeting.starts_at, tz).hour < 12 else "下午"
    who = compact(meeting.chair)
    place = f"在{compact(meeting.place)}" if meeting.place else ""
    lead = f"{who}{place}主持召开" if who else f"{place}召开"
    heard = f"听取{projects}个项目进展情况、存在问题及下步打算" if projects else "听取有关工作汇报"
    return (
        f"{when}，{lead}{compact(meeting.title)}，{heard}，协调解决项目推进中的困难和问题。"
        "现将会议议定事项纪要如下："
    )


def build_minutes(
    db: Database, meeting_id: uuid.UUID, *, settings: Settings | None = None, today: date | None = None
) -> MinutesDoc:
    """Read the meeting once and lay out everything every format needs."""

    settings = settings or Settings()
    meeting = get_meeting(db, meeting_id)
    items = meeting_items(db, meeting.id)
    if not items:
        raise UserError("export.empty", "export.empty.remedy", title=meeting.title)
    today = today or db.today()
    entries = agenda(db, meeting.id)
    projects = {e.project.id: e.project for e in entries}
    order = [e.project.id for e in entries]
    by_project: dict[uuid.UUID | None, list[ItemView]] = {}
    for item in items:
        by_project.setdefault(item.project_id, []).append(item)
    # Items saved under a project that is no longer on the agenda still belong in the minutes.
    missing = [p for p in by_project if p is not None and p not in projects]
    if missing:
        for pid in missing:
            projects[pid] = get_project(db, pid)
            order.append(pid)
    carried = open_items_for_projects(db, order, excluding_meeting=meeting.id, today=today)
    labels = meeting_labels(db, [i.meeting_id for i in (*items, *carried)])
    meeting_names = {mid: f"{zh_date(day)}{compact(issue_no)}" for mid, (day, issue_no) in labels.items()}

    sections: list[Section] = []
    for pid in order:
        own = by_project.get(pid)
        if not own:
            continue
        project = projects[pid]
        reporter = project.lead_unit.name if project.lead_unit else None
        paragraphs = _minute_paragraphs(own, reporter, project.name) + _agreed(own)
        sections.append(Section(f"{cn_number(len(sections) + 1)}、", project.name, tuple(paragraphs)))
    general = tuple(
        _minute_paragraphs(by_project.get(None, []), None, None) + _agreed(by_project.get(None, []))
    )

    names: dict[uuid.UUID | None, str] = {pid: p.name for pid, p in projects.items()}

    def name_of(item: ItemView) -> str:
        return names.get(item.project_id, GENERAL)

    # Lists follow the agenda (general items first); within a project, the order of capture.
    rank = {pid: n for n, pid in enumerate([None, *order])}
    tracked = sorted([i for i in items if i.tracked] + carried, key=lambda i: rank[i.project_id])
    # An issue's 最新进展 is its own latest follow-up, never its project's progress minute.
    progress = {
        item_id: followup_text(entry, db.tz)
        for item_id, entry in latest_followups(db, [i.id for i in tracked if i.kind is Kind.ISSUE]).items()
    }

    def rows(kind: Kind, make: _CellMaker) -> tuple[Row, ...]:
        chosen = [i for i in tracked if i.kind is kind]
        if kind is Kind.DECISION:
            chosen = [i for i in chosen if i.lead_unit or i.co_units or i.has_deadline]
        out = []
        for n, item in enumerate(chosen, start=1):
            lit = light(item.status, item.due_on(today), today, db.yellow_days)
            out.append(Row(make(n, item, lit, name_of(item), meeting_names, progress), lit, _owner_ids(item)))
        return tuple(out)

    minutes_rows: list[Row] = []
    for key in [None, *order]:
        for item in by_project.get(key, []):
            lit = light(item.status, item.due_on(today), today, db.yellow_days) if item.tracked else None
            minutes_rows.append(
                Row(
                    (
                        len(minutes_rows) + 1,
                        name_of(item),
                        kind_label(item.kind, item.tag),
                        item.text,
                        item.lead_unit.name if item.lead_unit else "",
                        unit_names(item.co_units),
                        due_cell(item),
                        status_text(item, lit) if lit is not None else "",
                    ),
                    lit,
                    _owner_ids(item),
                )
            )

    tables = {
        "issues": Table("issues", "问题清单", ISSUE_COLUMNS, rows(Kind.ISSUE, _issue_cells), frozenset({7})),
        "tasks": Table(
            "tasks", "任务落实清单", TASK_COLUMNS, rows(Kind.DECISION, _task_cells), frozenset({5})
        ),
        "deadlines": Table(
            "deadlines", "时间节点", DEADLINE_COLUMNS, rows(Kind.DEADLINE, _deadline_cells), frozenset({3, 4})
        ),
        "minutes": Table("minutes", "会议纪要", MINUTES_COLUMNS, tuple(minutes_rows), frozenset({6})),
        "timing": Table("timing", "议程用时", TIMING_COLUMNS, _timing_rows(entries)),
    }
    owners: dict[uuid.UUID, UnitView] = {}
    for item in tracked:
        for u in (item.lead_unit, *item.co_units):
            if u is not None:
                owners.setdefault(u.id, u)
    recorder = meeting.recorder if settings.minutes_recorder else None
    attendance = tuple(
        (label, compact(text))
        for label, text in (
            ("出席", meeting.attendees),
            ("列席", meeting.non_voting),
            ("请假", meeting.absentees),
            ("记录", recorder),
        )
        if text and text.strip()
    )
    mark = compact(meeting.title)
    return MinutesDoc(
        mark=mark if mark.endswith("纪要") else f"{mark}纪要",
        issue_no=compact(meeting.issue_no),
        office=settings.office,
        date_text=zh_date(meeting.date),
        opening=_opening(meeting, db.tz, sum(not e.skipped for e in entries) or len(sections)),
        general=general,
        sections=tuple(sections),
        attendance=attendance,
        tables=tables,
        cc=settings.cc.strip(),
        printed_by=settings.printed_by.strip() or settings.office,
        printed_date=zh_date(meeting.date),
        meeting_title=meeting.title,
        meeting_date=meeting.date,
        today=today,
        owners=tuple(sorted(owners.values(), key=lambda u: u.name)),
    )


def _owner_ids(item: ItemView) -> frozenset[uuid.UUID]:
    return frozenset(u.id for u in (item.lead_unit, *item.co_units) if u is not None)


def _issue_cells(
    n: int,
    item: ItemView,
    lit: Light,
    project: str,
    meetings: dict[uuid.UUID, str],
    progress: dict[uuid.UUID, str],
) -> tuple[Cell, ...]:
    return (
        n,
        project,
        item.category or "",
        item.text,
        item.lead_unit.name if item.lead_unit else "",
        unit_names(item.co_units),
        item.steps or "",
        due_cell(item),
        status_text(item, lit),
        meetings.get(item.meeting_id, ""),
        progress.get(item.id, ""),
    )


def _task_cells(
    n: int,
    item: ItemView,
    lit: Light,
    project: str,
    meetings: dict[uuid.UUID, str],
    progress: dict[uuid.UUID, str],
) -> tuple[Cell, ...]:
    return (
        n,
        project,
        item.text,
        item.lead_unit.name if item.lead_unit else "",
        unit_names(item.co_units),
        due_cell(item),
        status_text(item, lit),
    )


def _deadline_cells(
    n: int,
    item: ItemView,
    lit: Light,
    project: str,
    meetings: dict[uuid.UUID, str],
    progress: dict[uuid.UUID, str],
) -> tuple[Cell, ...]:
    return (n, project, item.text, due_cell(item), item.actual, status_text(item, lit))


def followup_text(entry: HistoryEntry, tz: str) -> str:
    """'2026年11月25日报完成：已签约12户': the day, the action and its note or reason."""
    day = zh_date(to_local(entry.at, tz).date())
    words = t(f"followup.action.{entry.action}", "zh")
    note = ""
    for key in ("note", "closed_note", "reason"):
        value = entry.changes.get(key)
        if isinstance(value, (list, tuple)) and value and value[-1]:
            note = str(value[-1])
            break
    if entry.action == "extend" and isinstance(entry.changes.get("due"), (list, tuple)):
        # No new date recorded (or not a date): the action alone.
        with contextlib.suppress(ValueError):
            words += f"至{zh_date(date.fromisoformat(str(entry.changes['due'][-1])[:10]))}"
    return f"{day}{words}：{note}" if note else f"{day}{words}"


def duration_text(seconds: float) -> str:
    """12分05秒; 5分钟; under a minute, 45秒."""
    whole = round(seconds)
    minutes, secs = divmod(whole, 60)
    if minutes and not secs:
        return f"{minutes}分钟"
    return f"{minutes}分{secs:02d}秒" if minutes else f"{secs}秒"


def _timing_rows(entries: Sequence[AgendaView]) -> tuple[Row, ...]:
    """Each project's time against its time box, in agenda order (projects never timed,
    skipped ones among them, left out)."""
    out: list[Row] = []
    for entry in entries:
        if entry.elapsed_s < 1 and entry.started_at is None:
            continue
        over = entry.elapsed_s - entry.time_box_s
        out.append(
            Row(
                (
                    len(out) + 1,
                    entry.project.name,
                    duration_text(entry.time_box_s),
                    duration_text(entry.elapsed_s),
                    duration_text(over) if over >= 1 else "",
                ),
                None,
            )
        )
    return tuple(out)
