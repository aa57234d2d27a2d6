"""Finding the header row of a ledger and mapping its columns to our fields.

Real ledgers put a merged title (解放区2026年"550"重点项目台账) and a 填报单位
line above the header, spell the same column several ways, and add units in
brackets (总投资（万元）). A header is the first row, within the first rows of
the sheet, that names the kind's key column and at least one other known column.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

HEADER_SCAN_ROWS = 30

# field -> spellings, after `normalise_header` (NFKC, no spaces, no unit brackets).
PROJECT_FIELDS: dict[str, tuple[str, ...]] = {
    "serial": ("序号", "编码序号", "No.", "No"),
    "code": ("项目编号", "编号", "项目代码", "项目序号编号"),
    "name": ("项目名称", "项目", "名称", "项目名"),
    "category": ("项目类别", "类别", "项目类型", "类型", "行业类别", "项目分类"),
    "street": ("所属街道", "街道", "所在街道", "属地街道", "属地"),
    "leader": ("包联领导", "分包领导", "联系领导", "责任领导", "包抓领导", "分管领导", "区级包联领导"),
    "lead_unit": ("牵头单位", "主责单位", "责任主体", "牵头部门", "主管单位"),
    "units": ("责任单位", "配合单位", "协办单位", "参与单位", "责任部门"),
    "investment_total": ("总投资", "计划总投资", "项目总投资", "估算总投资"),
    "investment_year": (
        "年度计划投资",
        "年度投资",
        "本年计划投资",
        "年计划投资",
        "年度投资计划",
        "当年计划投资",
    ),
    "annual_target": ("年度目标", "年度建设目标", "年度目标任务", "年度形象进度目标", "建设目标"),
    "content": ("建设内容及规模", "建设内容", "建设规模及内容", "主要建设内容", "建设规模"),
    "planned_start": ("开工时间", "计划开工", "计划开工时间", "开工日期", "开工"),
    "planned_end": ("竣工时间", "计划竣工", "计划竣工时间", "竣工日期", "完工时间", "竣工"),
    "status": ("项目状态", "状态", "建设状态", "进展阶段", "项目阶段"),
    "note": ("备注", "说明"),
    # The month's figures (the monthly ledger): the month is the header's (2026年7月完成投资)
    # or the import's reference month.
    "month_invested": ("本月完成投资", "当月完成投资", "月度完成投资", "月完成投资"),
    "progress_pct": ("形象进度", "当前形象进度", "形象进度百分比", "形象进度%"),
}

ISSUE_FIELDS: dict[str, tuple[str, ...]] = {
    "serial": ("序号", "No.", "No"),
    "project_code": ("项目编号", "编号", "项目代码"),
    "project": ("项目名称", "项目", "所属项目", "涉及项目"),
    "text": ("问题描述", "存在问题", "问题", "问题内容", "具体问题", "困难问题", "问题及困难"),
    "category": ("问题类别", "问题类型", "类别", "分类", "问题分类"),
    "lead_unit": ("牵头单位", "主责单位", "牵头部门"),
    "units": ("责任单位", "配合单位", "协办单位", "协调单位", "责任部门"),
    "steps": ("解决措施", "措施", "解决具体流程", "解决方案", "推进措施", "整改措施", "办理措施"),
    "due": ("完成时限", "完成时间", "办结时限", "时限", "截止时间", "完成期限"),
    "status": ("状态", "办理状态", "完成情况", "办结情况", "问题状态"),
    "note": ("备注", "说明"),
}

# Column patterns that depend on the year: "2026年计划投资", "2026年目标".
_MONTH_INVESTED = re.compile(r"^(\d{4})年(\d{1,2})月(份)?完成投资$")
_PATTERNS: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {
    "projects": (
        (re.compile(r"^\d{4}年(度)?(计划)?投资(计划)?$"), "investment_year"),
        (re.compile(r"^\d{4}年(度)?(建设)?(目标|目标任务|形象进度)$"), "annual_target"),
        (_MONTH_INVESTED, "month_invested"),
    ),
    "issues": (),
}

KEY_FIELD = {"projects": "name", "issues": "text"}
FIELDS = {"projects": PROJECT_FIELDS, "issues": ISSUE_FIELDS}
# Columns we recognise but do not store: listed as ignored, never an error.
IGNORED_FIELDS = {"projects": frozenset({"serial"}), "issues": frozenset({"serial", "note"})}

_BRACKETS = re.compile(r"\(([^)]*)\)|【[^】]*】|\[[^\]]*\]")


@dataclass(frozen=True)
class Header:
    row: int  # the spreadsheet's number of the (last) header row
    columns: dict[str, int]  # field -> 0-based column
    names: dict[int, str]  # column -> header text as written
    ignored: tuple[int, ...]  # columns with a header we do not use
    scale: dict[str, float]  # field -> multiplier into 万元 (亿元 columns)
    month: date | None = None  # the month a "2026年7月完成投资" column names


def normalise_header(value: Any) -> str:
    text = unicodedata.normalize("NFKC", str(value or ""))
    text = "".join(text.split()).strip("*:：")
    return _BRACKETS.sub("", text)


def _unit_scale(value: Any) -> float:
    text = unicodedata.normalize("NFKC", str(value or ""))
    if "亿元" in text:
        return 10000.0
    if re.search(r"\(元\)|\(人民币元\)", text):
        return 0.0001
    return 1.0


def field_for(kind: str, cell: Any) -> str | None:
    text = normalise_header(cell)
    if not text:
        return None
    for name, spellings in FIELDS[kind].items():
        if text in spellings:
            return name
    for pattern, name in _PATTERNS[kind]:
        if pattern.match(text):
            return name
    return None


def find_header(kind: str, rows: Sequence[tuple[int, Sequence[Any]]]) -> Header | None:
    """The header among the first rows (given with their numbers), or None."""
    key = KEY_FIELD[kind]
    for index, (_number, values) in enumerate(rows):
        fields = [field_for(kind, v) for v in values]
        if key not in fields or sum(f is not None for f in fields) < 2:
            continue
        # A two-row header (计划投资 over 总投资 | 年度): fill unmatched columns from the next row.
        used_rows = 1
        if index + 1 < len(rows):
            below = [field_for(kind, v) for v in rows[index + 1][1]]
            fills = [
                i
                for i, f in enumerate(below)
                if f is not None and (i >= len(fields) or fields[i] is None) and f not in fields
            ]
            if fills and not any(
                f is not None and i < len(fields) and fields[i] is not None for i, f in enumerate(below)
            ):
                used_rows = 2
        texts = {i: str(v).strip() for i, v in enumerate(values) if v not in (None, "")}
        if used_rows == 2:
            for i, v in enumerate(rows[index + 1][1]):
                if v not in (None, "") and (i >= len(fields) or fields[i] is None):
                    texts[i] = str(v).strip()
        return _build(kind, rows[index + used_rows - 1][0], texts)
    return None


def _build(kind: str, row: int, texts: dict[int, str]) -> Header:
    columns: dict[str, int] = {}
    ignored: list[int] = []
    scale: dict[str, float] = {}
    month: date | None = None
    for column in sorted(texts):
        name = field_for(kind, texts[column])
        if name is None or name in IGNORED_FIELDS[kind] or name in columns:
            ignored.append(column)
            continue
        columns[name] = column
        if name.startswith("investment") or name == "month_invested":
            scale[name] = _unit_scale(texts[column])
        if name == "month_invested" and (m := _MONTH_INVESTED.match(normalise_header(texts[column]))):
            month = date(int(m[1]), int(m[2]), 1) if 1 <= int(m[2]) <= 12 else None
    return Header(
        row=row, columns=columns, names=dict(texts), ignored=tuple(ignored), scale=scale, month=month
    )


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: how the spreadsheet names a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def template_headers(kind: str) -> list[str]:
    """The spelling each field gets in a blank template, in ledger order."""
    if kind == "projects":
        return [
            "序号",
            "项目编号",
            "项目名称",
            "项目类别",
            "所属街道",
            "包联领导",
            "牵头单位",
            "责任单位",
            "总投资（万元）",
            "年度计划投资（万元）",
            "年度目标",
            "建设内容及规模",
            "计划开工",
            "计划竣工",
            "项目状态",
            "备注",
        ]
    return [
        "序号",
        "项目编号",
        "项目名称",
        "问题描述",
        "问题类别",
        "牵头单位",
        "配合单位",
        "解决措施",
        "完成时限",
        "状态",
        "备注",
    ]
