"""The project ledger as a workbook: the import template's columns, so that it imports
again as it is, then each project's latest month (investment completed, the year's
total, 形象进度). Text is always a string cell, never a formula. openpyxl is imported here.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from tui550.core.domain import ProjectView
from tui550.core.exporting.xlsx_lists import _FORMULA_START, HEADER_FILL, MAX_WIDTH, _width
from tui550.core.importing.headers import template_headers
from tui550.i18n import t


def _row(n: int, p: ProjectView) -> list[Any]:
    latest = p.latest
    # In `template_headers("projects")` order, then the month's three columns and the mark.
    return [
        n,
        p.code,
        p.name,
        p.category,
        p.street,
        p.leader,
        p.lead_unit.name if p.lead_unit else None,
        "、".join(u.name for u in p.units) or None,
        p.investment_total,
        p.investment_year,
        p.annual_target,
        p.content,
        p.planned_start,
        p.planned_end,
        p.status,
        None,
        latest.invested if latest else None,
        latest.year_invested if latest else None,
        latest.progress_pct if latest else None,
        t("export.ledger.archived") if p.archived else None,
    ]


def render_ledger_xlsx(projects: Sequence[ProjectView]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    # Projects' latest months may differ; the column is named after the newest.
    months = sorted({p.latest.month for p in projects if p.latest})
    month = (
        t("export.ledger.month", y=months[-1].year, m=months[-1].month)
        if months
        else t("lui.field.month_invested")
    )
    headers = [
        *template_headers("projects"),
        month,
        t("export.ledger.year"),
        t("export.ledger.progress"),
        t("export.ledger.archived"),
    ]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = t("cli.projects.file")
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
    widths = [_width(h) for h in headers]
    for n, project in enumerate(projects, start=1):
        values = _row(n, project)
        sheet.append(values)
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row=n + 1, column=col)
            if isinstance(value, str):
                cell.data_type = "s"
                cell.quotePrefix = value.startswith(_FORMULA_START)
            elif hasattr(value, "isoformat"):
                cell.number_format = "yyyy-mm-dd"
            widths[col - 1] = max(widths[col - 1], _width(value))
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = min(MAX_WIDTH, width + 2)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
