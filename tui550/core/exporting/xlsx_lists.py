"""The lists as one workbook: 问题清单, 任务落实清单, 时间节点, 会议纪要 (and 议程用时 when the
meeting was timed).

Dates are real date cells; each row is filled with its light's colour (the same
colours as the screen and the HTML), and its status names an overdue or near light
in words, which a black-and-white printout keeps; headers are frozen and filtered; every sheet
prints as `tui550.core.xlsx_print` sets out (A4 landscape, one page wide, headers
repeated, rows as tall as their wrapped text). Text that starts like a formula
(= + - @) is stored as a string with Excel's quote prefix, so it stays text even
when a user edits the cell later. openpyxl is imported here only.
"""

from __future__ import annotations

import io
from copy import copy
from datetime import date, datetime
from typing import Any

from tui550.core.exporting.common import MinutesDoc, Table
from tui550.core.xlsx_print import (
    BODY_PT,
    display_width,
    fit_widths,
    lines_in,
    new_workbook,
    row_height,
    set_up_printing,
)

LIGHT_FILL = {"red": "FFC7CE", "yellow": "FFEB9C", "green": "C6EFCE", "grey": "D9D9D9"}
HEADER_FILL = "DDEBF7"
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_WIDTH = 50
SHEETS = ("issues", "tasks", "deadlines", "minutes", "timing")


def _width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return 16  # 2026年12月31日
    # Only the first MAX_WIDTH characters of a line can matter: the column is capped.
    return max((display_width(line[:MAX_WIDTH]) for line in str(value).split("\n")), default=0)


def render_xlsx(doc: MinutesDoc) -> bytes:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE as ILLEGAL
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = new_workbook()
    wb.remove(wb.active)
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    # One named style per look: assigning a name costs a lookup, four style
    # attributes per cell cost four (tens of thousands of cells in a big meeting).
    looks: dict[tuple[str, bool], str] = {}
    for light in (*LIGHT_FILL, ""):
        for dated in (False, True):
            style = NamedStyle(name=f"tui550-{light or 'plain'}{'-date' if dated else ''}")
            style.font, style.border, style.alignment = Font(name="宋体", size=BODY_PT), border, wrap
            if light:
                colour = LIGHT_FILL[light]
                style.fill = PatternFill("solid", start_color=colour, end_color=colour)
            if dated:
                style.number_format = DATE_FORMAT
            wb.add_named_style(style)
            looks[light, dated] = style.name
    header = NamedStyle(name="tui550-header")
    header.font, header.border = Font(name="黑体", bold=True, size=BODY_PT), border
    header.fill = PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
    header.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wb.add_named_style(header)

    protos: dict[str, Any] = {}
    # A list repeats its project, unit and status cells hundreds of times: measure each once.
    measured: dict[object, int] = {}
    for key in SHEETS:
        table: Table = doc.tables[key]
        if key == "timing" and not table.rows:
            continue
        ws = wb.create_sheet(table.title)
        widths = [_width(c) for c in table.columns]
        for col, name in enumerate(table.columns, start=1):
            ws.cell(row=1, column=col, value=name).style = "tui550-header"
        texts: list[list[tuple[int, str]]] = []
        for r, row in enumerate(table.rows, start=2):
            light = row.light.value if row.light else ""
            row_texts: list[tuple[int, str]] = []
            texts.append(row_texts)
            for col, value in enumerate(row.cells, start=1):
                if isinstance(value, str) and value:
                    row_texts.append((col, value))
                cell = ws.cell(row=r, column=col)
                cell.value = ILLEGAL.sub("", value) if isinstance(value, str) else value
                look = looks[light, isinstance(value, date)]
                proto = protos.get(look)
                if proto is None:
                    cell.style = look
                    protos[look] = copy(cell._style)
                else:
                    # A copy of the style array costs far less than a named-style lookup.
                    cell._style = copy(proto)
                if isinstance(value, str):
                    # openpyxl takes a leading '=' as a formula: make it a string again.
                    cell.data_type = "s"
                    if value.startswith(_FORMULA_START):
                        cell.quotePrefix = True
                width = measured[value] if value in measured else measured.setdefault(value, _width(value))
                if width > widths[col - 1]:
                    widths[col - 1] = width
        floors = [float(_width(c) + 2) for c in table.columns]
        final = fit_widths([float(min(MAX_WIDTH, w + 2)) for w in widths], floors)
        for col, units in enumerate(final, start=1):
            ws.column_dimensions[get_column_letter(col)].width = int(units * 10) / 10
        # Each row as tall as its most wrapped cell; a text met again is not measured again.
        lines_of: dict[tuple[int, str], int] = {}
        for r, row_texts in enumerate(texts, start=2):
            lines = 1
            for col, text in row_texts:
                n = lines_of.get((col, text))
                if n is None:
                    n = lines_of.setdefault((col, text), lines_in(text, final[col - 1]))
                lines = max(lines, n)
            if lines > 1:
                ws.row_dimensions[r].height = row_height(lines)
        last = get_column_letter(len(table.columns))
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{last}{max(1, len(table.rows) + 1)}"
        set_up_printing(ws, title=f"{doc.mark} {table.title}")
    wb.properties.title = doc.mark
    wb.properties.creator = doc.office
    # Document times from the meeting, not the clock: an export says nothing about when it ran.
    stamp = datetime(doc.meeting_date.year, doc.meeting_date.month, doc.meeting_date.day)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
