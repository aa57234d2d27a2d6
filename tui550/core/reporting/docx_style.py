"""Official document format (GB/T 9704-2012) for python-docx documents: A4 with
37/35/28/26 mm margins, 仿宋 三号 body at a fixed 28 pt line, 黑体 headings,
方正小标宋简体 二号 title. Chinese fonts are set through `w:eastAsia` on every run,
because the font name alone leaves Chinese text in the theme font."""

from __future__ import annotations

from typing import Any

BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
KAI_FONT = "楷体"
TITLE_FONT = "方正小标宋简体"
LATIN_FONT = "Times New Roman"
BODY_PT = 16
TITLE_PT = 22
TABLE_PT = 10.5  # 五号, as tables in official documents
LINE_PT = 28
HEADER_FILL = "F2F2F2"


def new_document() -> Any:
    from docx import Document
    from docx.shared import Mm

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    normal.font.size = _pt(BODY_PT)
    set_fonts(normal.element, BODY_FONT)
    add_page_numbers(document)
    return document


def add_page_numbers(document: Any) -> None:
    """Page numbers "— 1 —" in 宋体 四号 (GB/T 9704): odd pages on the right, even pages
    on the left, one character in from the margin; a PAGE field so Word counts them."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document.settings.odd_and_even_pages_header_footer = True  # writes w:evenAndOddHeaders
    section = document.sections[0]
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        para = footer.paragraphs[0]
        para.alignment = align
        fmt = para.paragraph_format
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            fmt.right_indent = _pt(14)
        else:
            fmt.left_indent = _pt(14)
        add_run(para, "— ", "宋体", 14)
        _page_field(add_run(para, "", "宋体", 14))
        add_run(para, " —", "宋体", 14)


def _page_field(run: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = " PAGE "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, code, separate, shown, end):
        run._r.append(element)


def _pt(size: float) -> Any:
    from docx.shared import Pt

    return Pt(size)


def set_fonts(element: Any, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Name the fonts on a run or style element, East Asian included."""
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def add_run(
    paragraph: Any, text: str, font: str = BODY_FONT, size: float = BODY_PT, bold: bool = False
) -> Any:
    run = paragraph.add_run(text)
    run.font.size = _pt(size)
    run.font.bold = bold
    set_fonts(run._element, font)
    return run


def paragraph(
    document: Any,
    text: str = "",
    *,
    font: str = BODY_FONT,
    size: float = BODY_PT,
    indent: bool = True,
    centre: bool = False,
) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING

    para = document.add_paragraph()
    fmt = para.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = _pt(LINE_PT if size <= BODY_PT else size + 8)
    fmt.space_before = fmt.space_after = _pt(0)
    if indent:
        fmt.first_line_indent = _pt(size * 2)
    if centre:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if text:
        add_run(para, text, font, size)
    return para


def shade(cell: Any, fill: str | None) -> None:
    if not fill:
        return
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = cell._element.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    props.append(shd)


def table(
    document: Any,
    headers: list[str],
    rows: list[list[str]],
    fills: list[str | None] | None = None,
    weights: list[int] | None = None,
) -> Any:
    """A bordered table in 仿宋 五号 (10.5 pt), headers in 黑体 on light grey; `fills` colours each
    data row (an official document prints black on white: leave it out there);
    `weights` shares the 156 mm line between the columns."""
    from docx.shared import Mm

    grid = document.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, headers, strict=True):
        _cell_text(cell, text, HEADING_FONT)
        shade(cell, HEADER_FILL)
    for n, values in enumerate(rows):
        cells = grid.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            _cell_text(cell, text, BODY_FONT)
            shade(cell, fills[n] if fills else None)
    if weights:
        grid.autofit = False
        widths = [Mm(156 * w / sum(weights)) for w in weights]
        for column, width in zip(grid.columns, widths, strict=True):
            column.width = width
            for cell in column.cells:
                cell.width = width
    return grid


def _cell_text(cell: Any, text: str, font: str) -> None:
    para = cell.paragraphs[0]
    add_run(para, text, font, TABLE_PT)
