"""Small openpyxl helpers: literal text (never a formula), fills, header rows."""

from __future__ import annotations

from typing import Any


def put(sheet: Any, row: int, column: int, value: object, fill: str | None = None,
        bold: bool = False, wrap: bool = False) -> Any:
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


def header(sheet: Any, row: int, names: list[str], widths: list[int] | None = None) -> None:
    from openpyxl.utils import get_column_letter

    for column, name in enumerate(names, start=1):
        put(sheet, row, column, name, fill="D9E1F2", bold=True)
        if widths:
            sheet.column_dimensions[get_column_letter(column)].width = widths[column - 1]
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1)


def to_bytes(workbook: Any) -> bytes:
    import io

    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
