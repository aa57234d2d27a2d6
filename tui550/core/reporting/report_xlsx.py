"""The 落实情况通报 as a workbook: figures by unit, overdue items, all open items,
each item row coloured by its light (escalation in its own coloured column)."""

from __future__ import annotations

from tui550.core.domain import Light
from tui550.core.followup.views import FollowupReport, SupervisionRow, UnitAccount
from tui550.core.reporting import report_text as rt
from tui550.core.reporting.colours import ESCALATION_FILL, LIGHT_FILL
from tui550.core.reporting.xlsx_util import finish_sheet, header, put, to_bytes
from tui550.core.xlsx_print import new_workbook
from tui550.i18n import t


def render_report_xlsx(report: FollowupReport, lang: str = "zh") -> bytes:

    book = new_workbook()
    units = book.active
    units.title = t("report.sheet.units", lang)
    put(units, 1, 1, rt.title(report, lang), bold=True)
    put(units, 2, 1, rt.scope(report, lang))
    cols = [
        "unit",
        "assigned",
        "closed",
        "rate",
        "reported",
        "overdue",
        "avg_late",
        "repeated",
        "co_assigned",
        "co_closed",
        "co_overdue",
    ]
    header(units, 3, [t(f"report.col.{c}", lang) for c in cols], [24, 10, 10, 10, 10, 8, 14, 10, 10, 12, 10])
    row = 4
    for block in report.units:
        _account_row(units, row, rt.unit_name(block.account, lang), block.account)
        row += 1
    # A co-unit's items are some lead unit's too: the total counts each item once.
    _account_row(units, row, t("report.total", lang), report.total, bold=True, co=False)
    finish_sheet(units, header_row=3, title=rt.title(report, lang))

    overdue = [r for block in report.units for r in block.overdue]
    for name, rows in (
        (t("report.sheet.overdue", lang), overdue),
        (t("report.sheet.open", lang), list(report.open_items)),
    ):
        sheet = book.create_sheet(name)
        _items_sheet(sheet, rows, lang)
        finish_sheet(sheet, header_row=1, title=f"{rt.title(report, lang)} {name}")
    return to_bytes(book)


def _account_row(
    sheet: object, row: int, name: str, a: UnitAccount, bold: bool = False, co: bool = True
) -> None:
    co_values: list[object] = [a.co_assigned, a.co_closed, a.co_overdue] if co else ["", "", ""]
    values: list[object] = [
        name,
        a.assigned,
        a.closed,
        f"{a.closing_rate}%",
        a.reported,
        a.overdue_now,
        a.avg_days_late if a.avg_days_late is not None else "",
        a.repeated_extensions,
        *co_values,
    ]
    for column, value in enumerate(values, start=1):
        fill = LIGHT_FILL[Light.RED] if column == 6 and a.overdue_now else None
        put(sheet, row, column, value, fill=fill, bold=bold)


def _items_sheet(sheet: object, rows: list[SupervisionRow], lang: str) -> None:
    cols = [
        "no",
        "project",
        "kind",
        "item",
        "lead",
        "due",
        "original_due",
        "extensions",
        "status",
        "light",
        "days",
        "escalation",
        "carried",
    ]
    header(
        sheet, 1, [t(f"report.col.{c}", lang) for c in cols], [6, 22, 10, 40, 16, 12, 12, 8, 12, 8, 8, 10, 8]
    )
    for n, r in enumerate(rows, start=1):
        item = r.item
        values: list[object] = [
            n,
            r.project_name or t("report.general", lang),
            t(f"kind.{item.kind.value}", lang),
            item.text,
            item.lead_unit.name if item.lead_unit else "",
            item.due.isoformat() if item.due else item.cadence or "",
            r.original_due.isoformat() if r.original_due and r.original_due != item.due else "",
            r.extensions,
            t(f"status.{item.status.value}", lang) if item.status else "",
            t(f"light.{r.light.value}", lang),
            r.days_overdue,
            t(f"escalation.{r.escalation.colour}", lang),
            r.carried,
        ]
        fill = LIGHT_FILL[r.light]
        for column, value in enumerate(values, start=1):
            cell_fill = ESCALATION_FILL[r.escalation] if column == 12 else fill
            put(sheet, n + 1, column, value, fill=cell_fill, wrap=column in (2, 4, 5))
