"""The wall chart (挂图作战) as a workbook and as a self-contained HTML page.

Cells list their milestones ("✓ 主体封顶 7/15"), coloured by the worst mark in the
cell; today's month is highlighted. A recurring item names its cadence as said, marked
↻, beside the date it is drawn at ("○ 督查通报 ↻每周五 12/4"; 长期坚持 has no date).
In HTML every user text is escaped.
"""

from __future__ import annotations

import html
import re

from tui550.core.clock import zh_date
from tui550.core.followup.views import RECURS, Mark, WallChart, WallMark, WallRow
from tui550.core.reporting.colours import MARK_FILL, MARK_SYMBOL, TODAY_FILL
from tui550.core.reporting.xlsx_util import finish_sheet, header, put, to_bytes
from tui550.core.xlsx_print import MAX_UNITS, new_workbook
from tui550.i18n import t


def month_label(month: object, lang: str) -> str:
    return t("wall.month", lang, year=month.year, month=month.month)  # type: ignore[attr-defined]


def mark_text(mark: WallMark) -> str:
    when = f"{mark.due.month}/{mark.due.day}" if mark.dated else ""
    if mark.mark is Mark.DONE and mark.actual is not None and mark.actual != mark.due:
        when += f"→{mark.actual.month}/{mark.actual.day}"
    if mark.cadence is not None:
        when = f"{RECURS}{mark.cadence} {when}".rstrip()
    return f"{MARK_SYMBOL[mark.mark]} {mark.text} {when}"


def cell_mark(cell: tuple[WallMark, ...]) -> Mark | None:
    for mark in (Mark.OVERDUE, Mark.DUE, Mark.DONE):
        if any(m.mark is mark for m in cell):
            return mark
    return None


def _heading(chart: WallChart, district: str, lang: str) -> list[str]:
    lines = [t("wall.title", lang, district=district)]
    today = zh_date(chart.today) if lang == "zh" else chart.today.isoformat()
    extra = [t("wall.today", lang, date=today)]
    if chart.street_filter:
        extra.append(t("wall.filter.street", lang, name=chart.street_filter))
    if chart.unit_filter:
        extra.append(t("wall.filter.unit", lang, name=chart.unit_filter))
    lines.append("  ".join(extra))
    return lines


def _fixed(row: WallRow) -> list[str]:
    return [f"{row.code} {row.name}" if row.code else row.name, row.street or "", row.lead_unit or ""]


def render_wall_xlsx(chart: WallChart, district: str = "", lang: str = "zh") -> bytes:

    book = new_workbook()
    sheet = book.active
    # Excel refuses : \ / ? * [ ] in a sheet's name (the English title has a colon).
    sheet.title = re.sub(r"[:\\/?*\[\]]", " ", t("wall.title", lang, district="")).strip()[:31] or "wall"
    for n, line in enumerate(_heading(chart, district, lang), start=1):
        put(sheet, n, 1, line, bold=n == 1)
    fixed = [t("wall.project", lang), t("wall.street", lang), t("wall.lead", lang)]
    months = [month_label(m, lang) for m in chart.months]
    widths = [28, 12, 14, *([22] * len(months)), 8]
    # Up to five or so months print one page wide; a longer chart prints across pages,
    # the project, street and lead unit repeated at the left of each.
    wide = sum(widths) > MAX_UNITS
    header(sheet, 4, [*fixed, *months, t("wall.undated", lang)], widths, fit=not wide)
    if chart.today_index is not None:
        put(
            sheet,
            4,
            len(fixed) + chart.today_index + 1,
            months[chart.today_index],
            fill=TODAY_FILL,
            bold=True,
        )
    for r, row in enumerate(chart.rows, start=5):
        for c, value in enumerate(_fixed(row), start=1):
            put(sheet, r, c, value, wrap=True)
        for i, cell in enumerate(row.cells):
            mark = cell_mark(cell)
            put(
                sheet,
                r,
                len(fixed) + i + 1,
                "\n".join(mark_text(m) for m in cell),
                fill=MARK_FILL[mark] if mark else None,
                wrap=True,
            )
        put(sheet, r, len(fixed) + len(months) + 1, row.undated or "")
    legend_row = len(chart.rows) + 6
    put(sheet, legend_row, 1, t("wall.legend", lang), bold=True)
    for i, mark in enumerate(Mark, start=2):
        put(
            sheet,
            legend_row,
            i,
            f"{MARK_SYMBOL[mark]} {t(f'wall.mark.{mark.value}', lang)}",
            fill=MARK_FILL[mark],
        )
    put(sheet, legend_row, len(Mark) + 2, f"{RECURS} {t('wall.recurring', lang)}")
    finish_sheet(
        sheet,
        header_row=4,
        title=t("wall.title", lang, district=district),
        repeat_columns="A:C" if wide else None,
    )
    return to_bytes(book)


_CSS = """
body { font-family: "仿宋", "FangSong", serif; margin: 1em; }
h1 { font-family: "方正小标宋简体", "黑体", serif; font-size: 22pt; text-align: center; }
table { border-collapse: collapse; }
th, td { border: 1px solid #999; padding: 4px; vertical-align: top; font-size: 11pt; }
th { background: #D9E1F2; }
th.today { background: #%(today)s; }
td.today { outline: 2px solid #%(today)s; outline-offset: -2px; }
.done { background: #%(done)s; } .due { background: #%(due)s; } .overdue { background: #%(overdue)s; }
.mark { display: block; white-space: pre-wrap; }
"""


def render_wall_html(chart: WallChart, district: str = "", lang: str = "zh") -> str:
    esc = html.escape
    css = _CSS % {
        "today": TODAY_FILL,
        "done": MARK_FILL[Mark.DONE],
        "due": MARK_FILL[Mark.DUE],
        "overdue": MARK_FILL[Mark.OVERDUE],
    }
    title, sub = _heading(chart, district, lang)
    out = [
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head>',
        '<meta charset="utf-8">',
        f"<title>{esc(title)}</title>",
        f"<style>{css}</style>",
        "</head><body>",
        f"<h1>{esc(title)}</h1>",
        f"<p>{esc(sub)}</p>",
    ]
    legend = " ".join(
        f'<span class="{m.value}">{esc(MARK_SYMBOL[m])} {esc(t(f"wall.mark.{m.value}", lang))}</span>'
        for m in Mark
    )
    legend += f" <span>{esc(RECURS)} {esc(t('wall.recurring', lang))}</span>"
    out.append(f"<p>{esc(t('wall.legend', lang))}: {legend}</p>")
    if not chart.rows:
        out.append(f"<p>{esc(t('wall.empty', lang))}</p>")
    out.append("<table><thead><tr>")
    for name in (t("wall.project", lang), t("wall.street", lang), t("wall.lead", lang)):
        out.append(f"<th>{esc(name)}</th>")
    for i, month in enumerate(chart.months):
        cls = ' class="today"' if i == chart.today_index else ""
        out.append(f"<th{cls}>{esc(month_label(month, lang))}</th>")
    out.append(f"<th>{esc(t('wall.undated', lang))}</th></tr></thead><tbody>")
    for row in chart.rows:
        out.append("<tr>" + "".join(f"<td>{esc(v)}</td>" for v in _fixed(row)))
        for i, cell in enumerate(row.cells):
            classes = [m.value for m in (cell_mark(cell),) if m]
            if i == chart.today_index:
                classes.append("today")
            cls = f' class="{" ".join(classes)}"' if classes else ""
            marks = "".join(
                f'<span class="mark {m.mark.value}" data-item="{m.item_id}">{esc(mark_text(m))}</span>'
                for m in cell
            )
            out.append(f"<td{cls}>{marks}</td>")
        out.append(f"<td>{row.undated or ''}</td></tr>")
    out.append("</tbody></table></body></html>\n")
    return "\n".join(out)
