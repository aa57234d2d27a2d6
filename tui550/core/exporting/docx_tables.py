"""The attachments' tables of the 会议纪要 as WordprocessingML, built as text and parsed once
(python-docx's cell-by-cell API costs seconds for a 1,500-row list).

Black on white: thin black rules, a light grey header row repeated on every page, the
light of a row as a mark before its status. Column widths come from the headers and
the contents (`column_widths`).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from xml.sax.saxutils import escape as _xml_escape

from tui550.core.clock import zh_date
from tui550.core.exporting.common import LIGHT_MARK, Table, em_width, status_without_light
from tui550.core.exporting.docx_page import CHAR_SPACING, TABLE_PT

HEADER_FILL = "F2F2F2"  # the one shade in a table: light enough for any printer
CELL_MARGIN = 57  # twips each side
SHORT_EM = 10  # a cell up to this many em is kept on one line if the page allows
_BAD_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """User text as XML character data: escaped, without the characters XML forbids."""
    return _xml_escape(_BAD_XML.sub("", text), {'"': "&quot;"})


def append_xml(d: Any, parts: list[str]) -> None:
    """Parse body XML once and put it before the body's closing section properties."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    wrapper = parse_xml(f"<w:body {nsdecls('w')}>{''.join(parts)}</w:body>")
    anchor = d.element.body.sectPr
    for child in list(wrapper):
        anchor.addprevious(child)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return zh_date(value)
    return str(value)


def _cell(text: str, width: int, style: str, fill: str | None) -> str:
    shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    runs = "<w:r><w:br/></w:r>".join(
        f'<w:r><w:t xml:space="preserve">{xml_text(line)}</w:t></w:r>' for line in text.split("\n")
    )
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p></w:tc>'
    )


def column_widths(table: Table, total: int) -> list[int]:
    """Twips per column: every header on one line, short values (dates, units, status) on
    one line where the page allows, the rest shared by the long texts.

    A column first gets its header's width; then the columns whose typical cell (the
    90th percentile, so one essay does not decide) is short get that; what remains goes
    to the long columns in proportion to their typical length, capped. An empty column
    stays as narrow as its header.
    """
    pitch = (TABLE_PT + CHAR_SPACING / 20) * 20
    pad = 2 * CELL_MARGIN + 40

    def twips(em: int) -> int:
        # One em more than measured: the space a word processor puts around digits.
        return int((em + 1) * pitch) + pad

    widths = [twips(em_width(name)) - int(pitch) for name in table.columns]
    status = table.columns.index("状态")
    typical = []
    for col in range(len(table.columns)):
        sizes = sorted(em_width(_cell_text(row.cells[col])) for row in table.rows)
        extra = 1 if col == status else 0  # the light's mark and its space
        if col == status:
            sizes = sorted(
                em_width(status_without_light(_cell_text(row.cells[col]), row.light)) for row in table.rows
            )
        typical.append(sizes[(len(sizes) * 9) // 10] + extra if sizes else 0)
    short = [col for col, em in enumerate(typical) if em <= SHORT_EM]
    long_cols = [col for col in range(len(widths)) if col not in short]
    # A wrapped date or status reads worst; then the long texts need some room; a
    # wrapped project or unit name still reads well.
    steps = (
        [(c, typical[c]) for c in short if c in table.date_columns or c == status]
        + [(c, min(typical[c], SHORT_EM)) for c in long_cols]
        + sorted(
            ((c, typical[c]) for c in short if c not in table.date_columns and c != status),
            key=lambda x: x[1],
        )
    )
    for col, em in steps:
        grow = max(0, twips(em) - widths[col])
        if col in long_cols:
            widths[col] += max(0, min(grow, total - sum(widths)))  # as much as there is
        elif sum(widths) + grow <= total:
            widths[col] += grow  # one line, or no use widening it
    spare = total - sum(widths)
    wants = {col: min(typical[col], 40) for col in long_cols}
    wanted = sum(list(wants.values()))
    if spare > 0 and wanted:
        for col, want in wants.items():
            widths[col] += spare * want // wanted
    elif spare > 0:
        weights = [typical[col] + 1 for col in range(len(widths))]
        widths = [w + spare * weight // sum(weights) for w, weight in zip(widths, weights, strict=True)]
    return widths


def add_table(d: Any, table: Table, total: int) -> None:
    from docx.oxml.ns import nsdecls

    widths = column_widths(table, total)
    header_style = d.styles["纪要表头"].style_id
    body_style = d.styles["纪要表格"].style_id
    status = table.columns.index("状态")
    edge = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
    parts = [
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        '<w:jc w:val="center"/><w:tblBorders>'
        + "".join(f"<w:{s} {edge}/>" for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + '</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
        f'<w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr><w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>",
        "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
        + "".join(_cell(c, w, header_style, HEADER_FILL) for c, w in zip(table.columns, widths, strict=True))
        + "</w:tr>",
    ]
    for row in table.rows:
        texts = [_cell_text(v) for v in row.cells]
        if row.light is not None:
            # Black on white: the light is a mark a monochrome printer keeps (the legend
            # under the tables names it, so the status need not repeat it in words).
            texts[status] = f"{LIGHT_MARK[row.light]} {status_without_light(texts[status], row.light)}"
        parts.append(
            "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            + "".join(_cell(text, w, body_style, None) for text, w in zip(texts, widths, strict=True))
            + "</w:tr>"
        )
    parts.append("</w:tbl>")
    append_xml(d, ["".join(parts)])
