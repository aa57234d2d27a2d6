"""The 会议纪要 as a .docx in the official layout (MINUTES-FORMAT.md, after GB/T 9704-2012).

A4 with the standard margins and a 22-line × 28-character grid; every style
names its Chinese font in `w:eastAsia` (python-docx's `font.name` alone leaves
Chinese text in the theme font); page numbers "— 1 —" are PAGE fields in
separate odd (right) and even (left) footers; the two attachments are tables in
a landscape section; the 版记 sits at the foot of a last portrait page.

Paragraphs go through python-docx; the attachment tables are built as XML text
and parsed once, because python-docx's cell-by-cell API costs seconds for a
1,500-row list. Fonts are referenced by name, never embedded.
"""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any
from xml.sax.saxutils import escape as _xml_escape

from tui550.core.clock import zh_date
from tui550.core.exporting.common import MinutesDoc, Paragraph, Table

FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
XBS = "方正小标宋简体"
SONGTI = "宋体"
LATIN = "Times New Roman"
RED = "C00000"
LIGHT_FILL = {"red": "FFC7CE", "yellow": "FFEB9C", "green": "C6EFCE", "grey": "D9D9D9"}

# Page (mm) and grid: 156 × 225 mm of text, 22 lines of 28 characters.
PAGE_W, PAGE_H = 210, 297
TOP, BOTTOM, LEFT, RIGHT = 37, 35, 28, 26
LINES, CHARS = 22, 28
BODY_PT = 16
TWIPS_PER_MM = 1440 / 25.4
LINE_PITCH = int((PAGE_H - TOP - BOTTOM) * TWIPS_PER_MM / LINES)  # 579 twips = 28.95 pt
# Word's charSpace: the character pitch minus the default font size, in 1/4096 pt.
CHAR_SPACE = round(((PAGE_W - LEFT - RIGHT) * TWIPS_PER_MM / CHARS / 20 - BODY_PT) * 4096)

WEIGHTS = {
    "issues": (3, 8, 5, 14, 6, 7, 12, 7, 6, 7, 10),
    "tasks": (3, 10, 22, 7, 9, 7, 6),
    "deadlines": (3, 10, 16, 8, 8, 6),
}
_BAD_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text: str) -> str:
    return _xml_escape(_BAD_XML.sub("", text), {'"': "&quot;"})


def render_docx(doc: MinutesDoc) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm

    d = Document()
    _defaults(d)
    _styles(d)
    d.settings.odd_and_even_pages_header_footer = True
    section = d.sections[0]
    section.page_width, section.page_height = Mm(PAGE_W), Mm(PAGE_H)
    section.top_margin, section.bottom_margin = Mm(TOP), Mm(BOTTOM)
    section.left_margin, section.right_margin = Mm(LEFT), Mm(RIGHT)
    section.footer_distance = Mm(28)
    _grid(section, LINE_PITCH, CHAR_SPACE)
    _footers(section)

    _head(d, doc)
    body: list[str] = [_p("Body", [(doc.opening, None)])]
    body += [_para(p) for p in doc.general]
    for sec in doc.sections:
        body.append(_p("Heading1", [(f"{sec.number}{sec.title}", None)]))
        body += [_para(p) for p in sec.paragraphs]
    body.append(_p("Body", []))
    body += [_p("Attendance", [(f"{label}：", HEITI), (text, None)]) for label, text in doc.attendance]
    if doc.attachments:
        body.append(_p("Body", []))
        for n, table in enumerate(doc.attachments, start=1):
            # Later lines start where the first one's number does, after '附件：'.
            ind = "" if n == 1 else '<w:ind w:firstLine="0"/>'
            label = f"{'附件：' if n == 1 else ''}{n}．{table.title}"
            body.append(_p("AttachmentNote", [(label, None)], ind))
    _append_xml(d, body)

    land = d.add_section(WD_SECTION.NEW_PAGE)
    land.orientation = WD_ORIENT.LANDSCAPE
    land.page_width, land.page_height = Mm(PAGE_H), Mm(PAGE_W)
    land.top_margin, land.bottom_margin = Mm(LEFT), Mm(RIGHT)
    land.left_margin, land.right_margin = Mm(TOP), Mm(BOTTOM)
    _grid(land, None, None)
    width = int((PAGE_H - TOP - BOTTOM) * TWIPS_PER_MM)
    for n, table in enumerate(doc.attachments, start=1):
        heading = d.add_paragraph(f"附件{n}", style="纪要附件标题")
        if n > 1:
            heading.paragraph_format.page_break_before = True
        suffix = f"（{doc.unit}）" if doc.unit else ""
        d.add_paragraph(f"{table.title}{suffix}", style="纪要表题")
        _table(d, table, width)

    last = d.add_section(WD_SECTION.NEW_PAGE)
    last.orientation = WD_ORIENT.PORTRAIT
    last.page_width, last.page_height = Mm(PAGE_W), Mm(PAGE_H)
    last.top_margin, last.bottom_margin = Mm(TOP), Mm(BOTTOM)
    last.left_margin, last.right_margin = Mm(LEFT), Mm(RIGHT)
    _grid(last, LINE_PITCH, CHAR_SPACE)
    _valign_bottom(last)
    if doc.cc:
        d.add_paragraph(f"抄送：{doc.cc}", style="纪要版记")
    imprint = d.add_paragraph(style="纪要版记")
    imprint.add_run(doc.printed_by)
    imprint.add_run("\t" + f"{doc.printed_date}印发")

    core = d.core_properties
    core.title, core.author, core.last_modified_by = doc.mark, doc.office, doc.office
    from datetime import datetime

    stamp = datetime(doc.meeting_date.year, doc.meeting_date.month, doc.meeting_date.day)
    core.created = core.modified = stamp
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def _fonts(rpr: Any, east: str, latin: str = LATIN) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east)


def _defaults(d: Any) -> None:
    """Document defaults: body font and size, and no theme fonts to fall back on."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    defaults = d.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    _fonts(rpr, FANGSONG)
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            rpr.append(el)
        el.set(qn("w:val"), str(BODY_PT * 2))
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    normal = d.styles["Normal"]
    normal.font.size = _pt(BODY_PT)
    _fonts(normal.element.get_or_add_rPr(), FANGSONG)


def _pt(value: float) -> Any:
    from docx.shared import Pt

    return Pt(value)


def _style(d: Any, name: str, east: str, size: float, *, sid: str, indent_chars: float = 0,
           align: str = "justify", exact: bool = True, color: str | None = None,
           latin: str = LATIN) -> Any:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import RGBColor, Twips

    style = d.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = f"Tui550{sid}"  # ASCII ids: some readers mishandle non-ASCII ones
    style.base_style = d.styles["Normal"]
    style.font.size = _pt(size)
    if color:
        style.font.color.rgb = RGBColor.from_string(color)
    _fonts(style.element.get_or_add_rPr(), east, latin)
    pf = style.paragraph_format
    pf.space_before = pf.space_after = 0
    pf.first_line_indent = _pt(size * indent_chars) if indent_chars else 0
    pf.alignment = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
                    "left": WD_ALIGN_PARAGRAPH.LEFT}[align]
    if exact:
        pf.line_spacing = Twips(LINE_PITCH)
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    else:
        pf.line_spacing = 1.0
    pf.widow_control = True
    return style


def _styles(d: Any) -> None:
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm

    _style(d, "纪要正文", FANGSONG, BODY_PT, sid="Body", indent_chars=2)
    _style(d, "纪要标记", XBS, 22, sid="Mark", align="center", color=RED, exact=False)
    _style(d, "纪要期号", FANGSONG, BODY_PT, sid="IssueNo", align="center")
    office = _style(d, "纪要发文", FANGSONG, BODY_PT, sid="Office", align="left")
    office.paragraph_format.tab_stops.add_tab_stop(Mm(PAGE_W - LEFT - RIGHT), WD_TAB_ALIGNMENT.RIGHT)
    h1 = _style(d, "纪要一级标题", HEITI, BODY_PT, sid="Heading1", indent_chars=2)
    h1.paragraph_format.keep_with_next = True
    attend = _style(d, "纪要出席", FANGSONG, BODY_PT, sid="Attendance", align="justify")
    # Hanging indent after the full-width colon: wrapped lines line up with the first name.
    attend.paragraph_format.left_indent = _pt(BODY_PT * 3)
    attend.paragraph_format.first_line_indent = _pt(-BODY_PT * 3)
    note = _style(d, "纪要附件说明", FANGSONG, BODY_PT, sid="AttachmentNote", align="left")
    note.paragraph_format.left_indent = _pt(BODY_PT * 5)
    note.paragraph_format.first_line_indent = _pt(-BODY_PT * 3)
    _style(d, "纪要附件标题", HEITI, BODY_PT, sid="AttachmentLabel", align="left", exact=False)
    title = _style(d, "纪要表题", XBS, 18, sid="TableTitle", align="center", exact=False)
    title.paragraph_format.space_after = _pt(8)
    _style(d, "纪要表格", FANGSONG, 10.5, sid="TableText", align="left", exact=False)
    _style(d, "纪要表头", HEITI, 10.5, sid="TableHeader", align="center", exact=False)
    imprint = _style(d, "纪要版记", FANGSONG, 14, sid="Imprint", align="left")
    imprint.paragraph_format.left_indent = _pt(14)
    imprint.paragraph_format.right_indent = _pt(14)
    imprint.paragraph_format.tab_stops.add_tab_stop(Mm(PAGE_W - LEFT - RIGHT) - _pt(28),
                                                    WD_TAB_ALIGNMENT.RIGHT)
    _border(imprint.element.get_or_add_pPr(), ("top", "bottom"), "000000", 4)
    _style(d, "纪要页码", SONGTI, 14, sid="PageNumber", align="left", exact=False, latin=SONGTI)


def _border(ppr: Any, sides: tuple[str, ...], color: str, size: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    inner = "".join(f'<w:{s} w:val="single" w:sz="{size}" w:space="1" w:color="{color}"/>' for s in sides)
    ppr.append(parse_xml(f"<w:pBdr {nsdecls('w')}>{inner}</w:pBdr>"))


def _grid(section: Any, line_pitch: int | None, char_space: int | None) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    sect = section._sectPr
    for old in sect.findall(qn("w:docGrid")):
        sect.remove(old)
    grid = OxmlElement("w:docGrid")
    if line_pitch is None:
        grid.set(qn("w:linePitch"), "312")
    else:
        grid.set(qn("w:type"), "linesAndChars")
        grid.set(qn("w:linePitch"), str(line_pitch))
        grid.set(qn("w:charSpace"), str(char_space))
    sect.append(grid)


def _valign_bottom(section: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    sect = section._sectPr
    valign = OxmlElement("w:vAlign")
    valign.set(qn("w:val"), "bottom")
    # Schema order: vAlign comes before noEndnote/titlePg/textDirection/bidi/rtlGutter/docGrid.
    grid = sect.find(qn("w:docGrid"))
    if grid is not None:
        grid.addprevious(valign)
    else:
        sect.append(valign)


def _footers(section: Any) -> None:
    """'— 1 —' in 宋体 14 pt: odd pages on the right, even pages on the left, one character in."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                          (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        par = footer.paragraphs[0]
        par.style = "纪要页码"
        par.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            par.paragraph_format.right_indent = _pt(14)
        else:
            par.paragraph_format.left_indent = _pt(14)
        par.add_run("— ")
        _page_field(par)
        par.add_run(" —")


def _page_field(par: Any) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    w = nsdecls("w")
    for xml in (f'<w:r {w}><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {w}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
                f'<w:r {w}><w:fldChar w:fldCharType="separate"/></w:r>',
                f"<w:r {w}><w:t>1</w:t></w:r>",
                f'<w:r {w}><w:fldChar w:fldCharType="end"/></w:r>'):
        par._p.append(parse_xml(xml))


def _head(d: Any, doc: MinutesDoc) -> None:
    d.add_paragraph(doc.mark, style="纪要标记")
    d.add_paragraph("", style="纪要期号")
    if doc.issue_no:
        d.add_paragraph(doc.issue_no, style="纪要期号")
    office = d.add_paragraph(style="纪要发文")
    office.add_run(doc.office)
    office.add_run("\t" + doc.date_text)
    _border(office._p.get_or_add_pPr(), ("bottom",), RED, 12)
    d.add_paragraph("", style="纪要正文")


def _para(p: Paragraph) -> str:
    runs: list[tuple[str, str | None]] = [(p.number, KAITI)] if p.number else []
    runs.append((p.text, None))
    if p.clause:
        runs.append((p.clause, None))
    return _p("Body", runs)


def _p(style: str, runs: list[tuple[str, str | None]], extra_ppr: str = "") -> str:
    """A paragraph as XML text: a style of ours and runs, some with their own Chinese font.

    Built as text because python-docx looks a style up by scanning every style,
    once per paragraph: seconds for a long meeting.
    """
    out = [f'<w:p><w:pPr><w:pStyle w:val="Tui550{style}"/>{extra_ppr}</w:pPr>']
    for text, east in runs:
        rpr = (f'<w:rPr><w:rFonts w:ascii="{LATIN}" w:hAnsi="{LATIN}" w:cs="{LATIN}" '
               f'w:eastAsia="{east}"/></w:rPr>') if east else ""
        lines = text.split("\n")
        out.append("<w:r><w:br/></w:r>".join(
            f'<w:r>{rpr}<w:t xml:space="preserve">{_x(line)}</w:t></w:r>' for line in lines))
    out.append("</w:p>")
    return "".join(out)


def _append_xml(d: Any, parts: list[str]) -> None:
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
    runs = '<w:r><w:br/></w:r>'.join(
        f'<w:r><w:t xml:space="preserve">{_x(line)}</w:t></w:r>' for line in text.split("\n"))
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p></w:tc>')


def _table(d: Any, table: Table, total: int) -> None:
    from docx.oxml.ns import nsdecls

    weights = WEIGHTS.get(table.key, (1,) * len(table.columns))
    widths = [total * w // sum(weights) for w in weights]
    header_style = d.styles["纪要表头"].style_id
    body_style = d.styles["纪要表格"].style_id
    edge = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
    parts = [
        f"<w:tbl {nsdecls('w')}><w:tblPr><w:tblW w:w=\"{sum(widths)}\" w:type=\"dxa\"/>"
        '<w:jc w:val="center"/><w:tblBorders>'
        + "".join(f"<w:{s} {edge}/>" for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + '</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr><w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>",
        "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
        + "".join(_cell(c, w, header_style, "F2F2F2") for c, w in zip(table.columns, widths, strict=True))
        + "</w:tr>",
    ]
    for row in table.rows:
        fill = LIGHT_FILL[row.light.value] if row.light else None
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(
            _cell(_cell_text(v), w, body_style, fill) for v, w in zip(row.cells, widths, strict=True))
            + "</w:tr>")
    parts.append("</w:tbl>")
    _append_xml(d, ["".join(parts)])
