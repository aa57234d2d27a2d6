"""The 会议纪要 as a .docx in the official layout (docs/minutes-format.md, after GB/T 9704-2012).

A4 with the standard margins; 22 lines of 28 characters come from two plain
measures every word processor applies alike: an exact line spacing of 1/22 of
the text block, and the body's characters drawn 0.25 pt narrower than their
16 pt (156 mm hold 28 of them). There is deliberately no character grid: each
renderer snaps characters to a grid its own way (LibreOffice drew 14 a line).
Every style names its Chinese font in `w:eastAsia` (python-docx's `font.name`
alone leaves Chinese text in the theme font); page numbers "— 1 —" are PAGE
fields in separate odd (right) and even (left) footers; the three attachments
are tables in a landscape section, black on white, lights as marks; the 版记
sits at the foot of the last page, which is an even one.

Paragraphs go through python-docx, the body's many paragraphs and the tables
(`docx_tables`) as XML text parsed once; the measures are in `docx_page`. Fonts are
referenced by name, never embedded.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from tui550.core.domain import Light
from tui550.core.exporting.common import LIGHT_MARK, MinutesDoc, Paragraph, em_width
from tui550.core.exporting.docx_page import (
    BODY_PT,
    BOTTOM,
    CHAR_SPACING,
    LEFT,
    LINE_PITCH,
    PAGE_H,
    PAGE_W,
    RIGHT,
    TABLE_PT,
    TEXT_H,
    TEXT_W,
    TITLE_PT,
    TOP,
    TWIPS_PER_MM,
)
from tui550.core.exporting.docx_tables import add_table, append_xml, xml_text
from tui550.i18n import t

FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
XBS = "方正小标宋简体"
SONGTI = "宋体"
LATIN = "Times New Roman"
RED = "C00000"

# Room left under the 版记 for the rules above and below its lines.
IMPRINT_SLACK = 240
LEGEND = "注：状态前的标记  " + "  ".join(
    f"{LIGHT_MARK[lit]} {t(f'light.{lit.value}', 'zh')}"
    for lit in (Light.RED, Light.YELLOW, Light.GREEN, Light.GREY)
)
# A line break is not allowed before these, nor after the opening ones (GB/T 15834 usage).
_NO_START = set("，。、；：？！”’）》」』】〕…—·%")
_NO_END = set("“‘（《「『【〔")


def render_docx(doc: MinutesDoc) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm, Twips

    d = Document()
    _defaults(d)
    _styles(d)
    d.settings.odd_and_even_pages_header_footer = True
    section = d.sections[0]
    section.page_width, section.page_height = Mm(PAGE_W), Mm(PAGE_H)
    section.top_margin, section.bottom_margin = Mm(TOP), Mm(BOTTOM)
    section.left_margin, section.right_margin = Mm(LEFT), Mm(RIGHT)
    section.footer_distance = Mm(28)
    _grid(section)
    _footers(section)

    _head(d, doc)
    body: list[str] = [_p("Body", [(doc.opening, None)])]
    body += [_para(p) for p in doc.general]
    for sec in doc.sections:
        body.append(_p("Heading1", [(f"{sec.number}{sec.title}", None)]))
        body += [_para(p) for p in sec.paragraphs]
    # GB/T 9704: the attachment note one blank line under the body, the attendance one
    # blank line under the note. The blank line keeps with the note, so the note never
    # starts a page by itself.
    if doc.attachments:
        body.append(_p("Body", [], "<w:keepNext/>"))
        for n, table in enumerate(doc.attachments, start=1):
            # Later lines start where the first one's number does, after '附件：'.
            ind = "" if n == 1 else '<w:ind w:firstLine="0"/>'
            label = f"{'附件：' if n == 1 else ''}{n}．{table.title}"
            body.append(_p("AttachmentNote", [(label, None)], ind))
    if doc.attendance:
        body.append(_p("Body", [], "<w:keepNext/>"))
    # The attendance block stays together on one page.
    body += [
        _p(
            "Attendance",
            [(f"{label}：", HEITI), (text, None)],
            "<w:keepNext/>" if n < len(doc.attendance) else "",
        )
        for n, (label, text) in enumerate(doc.attendance, start=1)
    ]
    append_xml(d, body)

    if doc.attachments:
        _attachments(d, doc)

    # The 版记 on an even page of its own, at its foot: a section that starts on an even
    # page, bottom-aligned (Word, WPS), above one spacer as tall as the lines it leaves
    # empty (renderers that ignore the alignment).
    last = d.add_section(WD_SECTION.EVEN_PAGE)
    last.orientation = WD_ORIENT.PORTRAIT
    last.page_width, last.page_height = Mm(PAGE_W), Mm(PAGE_H)
    last.top_margin, last.bottom_margin = Mm(TOP), Mm(BOTTOM)
    last.left_margin, last.right_margin = Mm(LEFT), Mm(RIGHT)
    _grid(last)
    _valign_bottom(last)
    imprint_lines = [f"抄送：{doc.cc}"] if doc.cc else []
    imprint_lines.append(f"{doc.printed_by}{doc.printed_date}印发")
    used = sum(_wrapped_lines(line, 14, TEXT_W - 2 * 280) for line in imprint_lines)
    spacer = TEXT_H - used * LINE_PITCH - IMPRINT_SLACK
    d.add_paragraph(style="纪要正文").paragraph_format.line_spacing = Twips(max(LINE_PITCH, spacer))
    if doc.cc:
        d.add_paragraph(f"抄送：{doc.cc}", style="纪要版记")
    imprint = d.add_paragraph(style="纪要版记")
    imprint.add_run(doc.printed_by)
    imprint.add_run("\t" + f"{doc.printed_date}印发")

    core = d.core_properties
    core.title, core.author, core.last_modified_by = doc.mark, doc.office, doc.office

    stamp = datetime(doc.meeting_date.year, doc.meeting_date.month, doc.meeting_date.day)
    core.created = core.modified = stamp
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def _attachments(d: Any, doc: MinutesDoc) -> None:
    """附件1–3 in a landscape section, each from a new page, the marks explained under the last."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm

    land = d.add_section(WD_SECTION.NEW_PAGE)
    land.orientation = WD_ORIENT.LANDSCAPE
    land.page_width, land.page_height = Mm(PAGE_H), Mm(PAGE_W)
    land.top_margin, land.bottom_margin = Mm(LEFT), Mm(RIGHT)
    land.left_margin, land.right_margin = Mm(TOP), Mm(BOTTOM)
    _grid(land)
    width = int((PAGE_H - TOP - BOTTOM) * TWIPS_PER_MM)
    for n, table in enumerate(doc.attachments, start=1):
        heading = d.add_paragraph(f"附件{n}", style="纪要附件标题")
        if n > 1:
            heading.paragraph_format.page_break_before = True
        suffix = f"（{doc.unit}）" if doc.unit else ""
        d.add_paragraph(f"{table.title}{suffix}", style="纪要表题")
        add_table(d, table, width)
    d.add_paragraph(LEGEND, style="纪要表格")


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
    rpr = normal.element.get_or_add_rPr()
    _fonts(rpr, FANGSONG)
    # Every style inherits the narrower character pitch (schema order: before w:sz).
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(CHAR_SPACING))
    size = rpr.find(qn("w:sz"))
    if size is not None:
        size.addprevious(spacing)
    else:
        rpr.append(spacing)


def _pt(value: float) -> Any:
    from docx.shared import Pt

    return Pt(value)


def _style(
    d: Any,
    name: str,
    east: str,
    size: float,
    *,
    sid: str,
    indent_chars: float = 0,
    align: str = "justify",
    exact: bool = True,
    color: str | None = None,
    latin: str = LATIN,
) -> Any:
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
    pf.alignment = {
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
    }[align]
    if exact:
        pf.line_spacing = Twips(LINE_PITCH)
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    else:
        pf.line_spacing = 1.0
    # No widow control: every full page holds its 22 lines, as official documents do.
    pf.widow_control = False
    return style


def _styles(d: Any) -> None:
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm

    _style(d, "纪要正文", FANGSONG, BODY_PT, sid="Body", indent_chars=2)
    _style(d, "纪要标记", XBS, TITLE_PT, sid="Mark", align="center", color=RED, exact=False)
    _style(d, "纪要期号", FANGSONG, BODY_PT, sid="IssueNo", align="center")
    office = _style(d, "纪要发文", FANGSONG, BODY_PT, sid="Office", align="left")
    office.paragraph_format.tab_stops.add_tab_stop(Mm(PAGE_W - LEFT - RIGHT), WD_TAB_ALIGNMENT.RIGHT)
    h1 = _style(d, "纪要一级标题", HEITI, BODY_PT, sid="Heading1", indent_chars=2)
    h1.paragraph_format.keep_with_next = True
    attend = _style(d, "纪要出席", FANGSONG, BODY_PT, sid="Attendance", align="justify")
    # Hanging indent after the full-width colon: wrapped lines line up with the first name.
    # "出席：" two characters in (GB/T 9704); wrapped lines line up after the colon.
    attend.paragraph_format.left_indent = _pt(BODY_PT * 5)
    attend.paragraph_format.first_line_indent = _pt(-BODY_PT * 3)
    note = _style(d, "纪要附件说明", FANGSONG, BODY_PT, sid="AttachmentNote", align="left")
    note.paragraph_format.left_indent = _pt(BODY_PT * 5)
    note.paragraph_format.first_line_indent = _pt(-BODY_PT * 3)
    _style(d, "纪要附件标题", HEITI, BODY_PT, sid="AttachmentLabel", align="left", exact=False)
    title = _style(d, "纪要表题", XBS, 18, sid="TableTitle", align="center", exact=False)
    title.paragraph_format.space_after = _pt(8)
    _style(d, "纪要表格", FANGSONG, TABLE_PT, sid="TableText", align="left", exact=False)
    _style(d, "纪要表头", HEITI, TABLE_PT, sid="TableHeader", align="center", exact=False)
    imprint = _style(d, "纪要版记", FANGSONG, 14, sid="Imprint", align="left")
    imprint.paragraph_format.left_indent = _pt(14)
    imprint.paragraph_format.right_indent = _pt(14)
    imprint.paragraph_format.tab_stops.add_tab_stop(
        Mm(PAGE_W - LEFT - RIGHT) - _pt(28), WD_TAB_ALIGNMENT.RIGHT
    )
    _border(imprint.element.get_or_add_pPr(), ("top", "bottom"), "000000", 4)
    _style(d, "纪要页码", SONGTI, 14, sid="PageNumber", align="left", exact=False, latin=SONGTI)


def _border(ppr: Any, sides: tuple[str, ...], color: str, size: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    inner = "".join(f'<w:{s} w:val="single" w:sz="{size}" w:space="1" w:color="{color}"/>' for s in sides)
    ppr.append(parse_xml(f"<w:pBdr {nsdecls('w')}>{inner}</w:pBdr>"))


def _grid(section: Any) -> None:
    """No document grid: the line pitch is each style's exact spacing, the character pitch
    its character spacing, which Word, WPS and LibreOffice all apply the same way."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    sect = section._sectPr
    for old in sect.findall(qn("w:docGrid")):
        sect.remove(old)
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:linePitch"), str(LINE_PITCH))
    sect.append(grid)


def _wrapped_lines(text: str, size_pt: float, width: int) -> int:
    """Lines a paragraph takes at `size_pt` in `width` twips (an estimate, rounded up)."""
    per_line = max(1, int(width / ((size_pt + CHAR_SPACING / 20) * 20)))
    return max(1, -(-em_width(text) // per_line))


def title_lines(title: str, per_line: int) -> list[str]:
    """A title too long for one line, cut into lines of nearly equal length (GB/T 9704:
    a title is laid out whole, never with a word or a closing mark alone on a line)."""
    chars = list(title)
    count = -(-len(chars) // per_line)
    if count <= 1:
        return [title]
    lines: list[str] = []
    start = 0
    for n in range(1, count):
        cut = min(len(chars) - 1, start + -(-(len(chars) - start) // (count - n + 1)))

        def bad(at: int) -> bool:
            before, after = chars[at - 1], chars[at]
            return (
                after in _NO_START
                or before in _NO_END
                or (before.isascii() and before.isalnum() and after.isascii() and after.isalnum())
            )

        for shift in (0, -1, 1, -2, 2, -3, 3):
            if start < cut + shift < len(chars) and not bad(cut + shift) and cut + shift - start <= per_line:
                cut += shift
                break
        lines.append("".join(chars[start:cut]))
        start = cut
    lines.append("".join(chars[start:]))
    return lines


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

    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
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
    for xml in (
        f'<w:r {w}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {w}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
        f'<w:r {w}><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r {w}><w:t>1</w:t></w:r>",
        f'<w:r {w}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        par._p.append(parse_xml(xml))


def _head(d: Any, doc: MinutesDoc) -> None:
    mark = d.add_paragraph(style="纪要标记")
    per_line = int(TEXT_W / ((TITLE_PT + CHAR_SPACING / 20) * 20))
    for n, line in enumerate(title_lines(doc.mark, per_line)):
        if n:
            mark.add_run().add_break()
        mark.add_run(line)
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
    return _p("Body", runs, "<w:keepNext/>" if p.lead_in else "")


def _p(style: str, runs: list[tuple[str, str | None]], extra_ppr: str = "") -> str:
    """A paragraph as XML text: a style of ours and runs, some with their own Chinese font.

    Built as text because python-docx looks a style up by scanning every style,
    once per paragraph: seconds for a long meeting.
    """
    out = [f'<w:p><w:pPr><w:pStyle w:val="Tui550{style}"/>{extra_ppr}</w:pPr>']
    for text, east in runs:
        rpr = (
            (
                f'<w:rPr><w:rFonts w:ascii="{LATIN}" w:hAnsi="{LATIN}" w:cs="{LATIN}" '
                f'w:eastAsia="{east}"/></w:rPr>'
            )
            if east
            else ""
        )
        lines = text.split("\n")
        out.append(
            "<w:r><w:br/></w:r>".join(
                f'<w:r>{rpr}<w:t xml:space="preserve">{xml_text(line)}</w:t></w:r>' for line in lines
            )
        )
    out.append("</w:p>")
    return "".join(out)
