"""Small openpyxl helpers: literal text (never a formula), fills, header rows."""

from __future__ import annotations

import io
from typing import Any

from tui550.core.xlsx_print import display_width, fit_row_heights, fit_widths, set_up_printing


def put(
    sheet: Any,
    row: int,
    column: int,
    value: object,
    fill: str | None = None,
    bold: bool = False,
    wrap: bool = False,
) -> Any:
    """Write one cell. Text stays text: "=SUM(A1)" or "@x" is shown, never evaluated."""
    from openpyxl.styles import Alignment, Font, PatternFill

    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    if fill:
        cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
    if bold:
        cell.font = Font(bold=True)
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def header(
    sheet: Any, row: int, names: list[str], widths: list[int] | None = None, *, fit: bool = True
) -> None:
    """The header row, frozen; `widths` narrowed (never below a header's own width) so
    that the sheet prints one A4 landscape page wide at 10 pt or more, unless `fit` is off."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    floors = [float(display_width(name) + 2) for name in names]
    final = [float(w) for w in widths] if widths else None
    if final is not None and fit:
        final = fit_widths([max(w, f) for w, f in zip(final, floors, strict=True)], floors)
    for column, name in enumerate(names, start=1):
        cell = put(sheet, row, column, name, fill="D9E1F2", bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if final:
            sheet.column_dimensions[get_column_letter(column)].width = int(final[column - 1] * 10) / 10
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1)


def finish_sheet(sheet: Any, *, header_row: int, title: str = "", repeat_columns: str | None = None) -> None:
    """Rows as tall as their wrapped text, and the print set-up every workbook shares."""
    fit_row_heights(sheet, first_row=header_row)
    set_up_printing(sheet, header_rows=header_row, title=title, repeat_columns=repeat_columns)


def to_bytes(workbook: Any) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
