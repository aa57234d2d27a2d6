"""How every workbook the program writes prints: A4 landscape, one page wide, header rows
repeated on each page, every wrapped text whole, and no font under 10 pt on paper.

A spreadsheet program does not grow a row for wrapped text when the file gives no
height, and "fit to page width" shrinks the font with the sheet's width. So the
columns are first held to a width that A4 landscape prints at 91 % or more (an
11 pt font stays above 10 pt), then each row's height is computed from the text
it holds and the width of its columns. Used by the lists, the 落实情况通报, the wall
chart and the blank ledger; openpyxl is loaded only when a workbook is built.
"""

from __future__ import annotations

import math
import unicodedata
from typing import Any

BODY_PT = 11
MIN_PRINTED_PT = 10
# A column's width is counted in digits of the workbook's default font. Calibri (the
# usual default) is missing where LibreOffice runs without Microsoft's fonts and is
# replaced by a wider one, so the same widths print smaller there. Arial is on every
# office computer and LibreOffice carries its metric twin (Liberation Sans): with it
# as the default, a unit is the same 6.3 pt everywhere.
DEFAULT_FONT = "Arial"
# Units that A4 landscape prints at 100 %: 806 pt of line after two 6 mm margins.
PAGE_UNITS_AT_FULL_SIZE = 128
# Wider sheets shrink to fit the page; at most to 10/11 (minus a little for rounding).
MAX_UNITS = int(PAGE_UNITS_AT_FULL_SIZE * BODY_PT / MIN_PRINTED_PT) - 4  # 136
# A CJK character at 11 pt is 1.75 units wide: a column of width w holds about (w - 1)
# of `display_width`'s columns on a line (rounded so a row is never too short).
_UNITS_PER_COLUMN = 1.0
_LINE_HEIGHT = 1.45  # line height of a CJK font, in font sizes
_ROW_PADDING_PT = 3


def new_workbook() -> Any:
    """An openpyxl workbook whose default font, the one its column widths are counted
    in, is Arial 11.

    openpyxl has no public setter: the default is the first font of the workbook's
    font table (`_fonts`), which its Normal style refers to."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book._fonts[0] = Font(name=DEFAULT_FONT, sz=BODY_PT, family=2)
    return book


def display_width(text: str) -> int:
    """Columns a text takes: East Asian wide and full-width characters count double."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit_widths(widths: list[float], floors: list[float], budget: float = MAX_UNITS) -> list[float]:
    """Narrow the columns wider than their floor (their header) until all fit `budget`."""
    total = sum(widths)
    if total <= budget:
        return widths
    room = budget - sum(floors)
    extra = [max(0.0, w - f) for w, f in zip(widths, floors, strict=True)]
    if room <= 0 or not sum(extra):
        return floors
    scale = room / sum(extra)
    return [f + e * scale for f, e in zip(floors, extra, strict=True)]


def lines_in(text: str, width: float) -> int:
    """Lines a text wraps to in a column `width` units wide."""
    per_line = max(1, int((width - 1) / _UNITS_PER_COLUMN))
    return sum(max(1, math.ceil(display_width(line) / per_line)) for line in text.split("\n"))


def row_height(lines: int, size: float = BODY_PT) -> float:
    return round(lines * size * _LINE_HEIGHT + _ROW_PADDING_PT, 1)


def fit_row_heights(sheet: Any, first_row: int = 1, widths: dict[int, float] | None = None) -> None:
    """Give every row from `first_row` the height its wrapped text needs.

    `widths` (column number → width) saves reading the column dimensions back."""
    from openpyxl.utils import get_column_letter

    if widths is None:
        widths = {}
        for col in range(1, sheet.max_column + 1):
            width = sheet.column_dimensions[get_column_letter(col)].width
            widths[col] = float(width) if width else 8.43
    # Merged cells span several columns: their text wraps in the sum of the widths.
    spans: dict[tuple[int, int], float] = {}
    for merged in sheet.merged_cells.ranges:
        spans[merged.min_row, merged.min_col] = sum(
            widths.get(c, 8.43) for c in range(merged.min_col, merged.max_col + 1)
        )
    for row in sheet.iter_rows(min_row=first_row):
        lines, size = 1, float(BODY_PT)
        for cell in row:
            value = cell.value
            if value is None or not isinstance(value, str):
                continue
            cell_size = float(cell.font.size or BODY_PT) if cell.has_style else float(BODY_PT)
            width = spans.get((cell.row, cell.column), widths.get(cell.column, 8.43))
            wrapped = bool(cell.alignment is not None and cell.alignment.wrap_text)
            count = lines_in(value, width) if wrapped else value.count("\n") + 1
            if count * cell_size > lines * size:
                lines, size = count, cell_size
        if lines > 1 or size > BODY_PT:
            sheet.row_dimensions[row[0].row].height = row_height(lines, size)


def set_up_printing(
    sheet: Any, *, header_rows: int = 1, title: str = "", repeat_columns: str | None = None
) -> None:
    """A4 landscape, one page wide (as many long as it takes), the header rows on every
    page, centred, small margins, "第 1 页，共 3 页" at the foot. `repeat_columns`
    ("A:C") prints the row names on every page of a sheet too wide for one."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    if repeat_columns is None:
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    else:
        sheet.print_title_cols = repeat_columns
    if header_rows:
        sheet.print_title_rows = f"1:{header_rows}"
    sheet.print_options.horizontalCentered = True
    margins = sheet.page_margins
    margins.left = margins.right = 0.25
    margins.top, margins.bottom = 0.5, 0.5
    margins.header = margins.footer = 0.2
    if title:
        sheet.oddHeader.center.text = title.replace("&", "&&")
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
