"""Messy ledgers made on the fly, the way district offices really send them."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

TITLE = '解放区2026年"550"重点项目台账'
HEADER = [
    "序号",
    "项目编号",
    "项目名称",
    "项目类别",
    "所属街道",
    "包联领导",
    "主责单位",
    "配合单位",
    "总投资（万元）",
    "2026年计划投资",
    "建设内容及规模",
    "计划开工",
    "竣工时间",
    "备注",
    "联系电话",
]

STREETS = ("民生街道", "民主街道", "新华街道", "焦西街道", "焦南街道", "焦北街道")
DEPTS = ("区发改委", "区住建局", "区财政局", "区自然资源局", "区城管局", "区工信局")


def project_row(n: int) -> list[Any]:
    return [
        n,
        f"JF-{n:04d}",
        f"测试项目{n:04d}",
        ("产业", "民生", "基础设施")[n % 3],
        STREETS[n % len(STREETS)],
        "王建华",
        DEPTS[n % len(DEPTS)],
        f"{DEPTS[(n + 1) % len(DEPTS)]}、{STREETS[n % len(STREETS)]}",
        f"{1000 + n:,}",
        f"{n}万元",
        "新建厂房及配套设施",
        "2026.3",
        "2027年底",
        "",
        "0391-0000000",
    ]


def ledger_rows(count: int, extra: Sequence[list[Any]] = ()) -> list[list[Any]]:
    """A title, a 填报单位 line, the header, `count` projects, a subtotal, then `extra` rows."""
    rows: list[list[Any]] = [
        [TITLE],
        ["填报单位：区发改委（盖章）", None, None, "填报日期：2026年7月1日"],
        HEADER,
        ["一、产业类项目"],
    ]
    rows += [project_row(n) for n in range(1, count + 1)]
    rows.append([None, None, "合计", None, None, None, None, None, "=SUM(I5:I9)"])
    rows += list(extra)
    return rows


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], *, merge_title: bool = True) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "台账"
    for row in rows:
        sheet.append(list(row))
    if merge_title:
        sheet.merge_cells("A1:O1")
    book.save(path)
    return path


def write_csv(path: Path, rows: Sequence[Sequence[Any]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
    return path
