"""A blank ledger whose headers the importer recognises, for offices starting from nothing."""

from __future__ import annotations

import csv
import io

from tui550.core.importing.headers import template_headers
from tui550.core.xlsx_print import new_workbook, set_up_printing

FORMATS = ("xlsx", "csv")


def template_bytes(kind: str, fmt: str = "xlsx") -> bytes:
    """The blank ledger as a file's bytes: an .xlsx workbook, or a CSV header line
    (UTF-8 with the byte-order mark Excel needs to read Chinese)."""
    headers = template_headers(kind)
    if fmt == "csv":
        text = io.StringIO()
        csv.writer(text, lineterminator="\r\n").writerow(headers)
        return text.getvalue().encode("utf-8-sig")
    from openpyxl.styles import Alignment, Font

    book = new_workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "问题清单" if kind == "issues" else "项目台账"
    sheet.append(headers)
    for column, text_ in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=column)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = max(8, min(40, len(text_) * 2 + 4))
    sheet.freeze_panes = "A2"
    # Printed blank to be filled in by hand, too: A4 landscape, the headers on every page.
    set_up_printing(sheet, header_rows=1, title=sheet.title)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
