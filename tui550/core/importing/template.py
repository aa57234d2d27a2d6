"""A blank ledger whose headers the importer recognises, for offices starting from nothing."""

from __future__ import annotations

from pathlib import Path

from tui550.core.importing.headers import template_headers


def write_template(kind: str, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "问题清单" if kind == "issues" else "项目台账"
    headers = template_headers(kind)
    sheet.append(headers)
    for column, text in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=column)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = max(8, min(40, len(text) * 2 + 4))
    sheet.freeze_panes = "A2"
    book.save(path)
