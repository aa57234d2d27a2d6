"""The minutes as one self-contained HTML file: inline CSS, A4 print rules, light colours.

Every piece of user text goes through `html.escape`, so markup, scripts and
escape sequences typed in the room show as the text they are.
"""

from __future__ import annotations

from datetime import date
from html import escape as _escape

from tui550.core.clock import zh_date
from tui550.core.exporting.common import LIGHT_MARK, MinutesDoc, Paragraph, Table

# The same light colours as the xlsx fills: a light looks the same on screen and in every export.
LIGHT_FILL = {"red": "#FFC7CE", "yellow": "#FFEB9C", "green": "#C6EFCE", "grey": "#D9D9D9"}

_CSS = """
body { font-family: "仿宋_GB2312", "仿宋", FangSong, "STFangsong", serif; font-size: 16pt;
  line-height: 28.9pt; max-width: 156mm; margin: 2em auto; color: #000; }
h1.mark { font-family: "方正小标宋简体", "华文中宋", "STZhongsong", "宋体", SimSun, serif;
  font-size: 22pt; color: #c00000; text-align: center; font-weight: normal; margin: 0; }
p.issue { text-align: center; margin: 0; }
p.office { display: flex; justify-content: space-between; margin: 0;
  border-bottom: 2px solid #c00000; padding-bottom: 4pt; }
p { text-indent: 2em; margin: 0; }
h2 { font-family: "黑体", SimHei, sans-serif; font-size: 16pt; font-weight: normal;
  margin: 0; text-indent: 2em; }
.num { font-family: "楷体_GB2312", "楷体", KaiTi, serif; }
p.attend { text-indent: -3em; padding-left: 3em; }
p.attend b { font-family: "黑体", SimHei, sans-serif; font-weight: normal; }
section.attachment { max-width: none; margin-top: 2em; }
section.attachment h2 { text-indent: 0; }
section.attachment h3 { text-align: center; font-size: 18pt; font-weight: normal;
  font-family: "方正小标宋简体", "宋体", SimSun, serif; margin: 0.5em 0; }
table { border-collapse: collapse; width: 100%; font-size: 11pt; line-height: 1.4; }
th, td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; text-indent: 0; }
th { background: #f2f2f2; font-family: "黑体", SimHei, sans-serif; font-weight: normal; }
tr.red td { background: #FFC7CE; } tr.yellow td { background: #FFEB9C; }
tr.green td { background: #C6EFCE; } tr.grey td { background: #D9D9D9; }
footer { margin-top: 2em; font-size: 14pt; border-top: 1px solid #000;
  border-bottom: 1px solid #000; }
footer p { text-indent: 0; margin-left: 1em; }
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@page landscape { size: A4 landscape; margin: 28mm 35mm 26mm 37mm; }
@media print {
  body { margin: 0; max-width: none; }
  section.attachment { page: landscape; break-before: page; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  /* On paper black on white: the light is the mark before the status. */
  tr.red td, tr.yellow td, tr.green td, tr.grey td { background: none; }
  th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def esc(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return zh_date(value)
    return _escape(str(value), quote=True).replace("\n", "<br>")


def _paragraph(p: Paragraph) -> str:
    number = f'<span class="num">{esc(p.number)}</span>' if p.number else ""
    return f"<p>{number}{esc(p.text)}{esc(p.clause)}</p>"


def _table(table: Table) -> list[str]:
    out = [
        "<table>",
        "<thead><tr>" + "".join(f"<th>{esc(c)}</th>" for c in table.columns) + "</tr></thead>",
        "<tbody>",
    ]
    status = table.columns.index("状态") if "状态" in table.columns else None
    for row in table.rows:
        light = f' class="{row.light.value}"' if row.light else ""
        cells = [esc(v) for v in row.cells]
        if status is not None and row.light is not None and cells[status]:
            cells[status] = f"{LIGHT_MARK[row.light]} {cells[status]}"
        out.append(f"<tr{light}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    out += ["</tbody>", "</table>"]
    return out


def render_html(doc: MinutesDoc) -> str:
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{esc(doc.mark)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f'<h1 class="mark">{esc(doc.mark)}</h1>',
    ]
    if doc.issue_no:
        out.append(f'<p class="issue">{esc(doc.issue_no)}</p>')
    out += [
        f'<p class="office"><span>{esc(doc.office)}</span><span>{esc(doc.date_text)}</span></p>',
        "</header>",
        "<main>",
        f"<p>{esc(doc.opening)}</p>",
    ]
    out += [_paragraph(p) for p in doc.general]
    for section in doc.sections:
        out.append(f"<h2>{esc(section.number)}{esc(section.title)}</h2>")
        out += [_paragraph(p) for p in section.paragraphs]
    for label, text in doc.attendance:
        out.append(f'<p class="attend"><b>{esc(label)}：</b>{esc(text)}</p>')
    out.append("</main>")
    for n, table in enumerate(doc.attachments, start=1):
        suffix = f"（{esc(doc.unit)}）" if doc.unit else ""
        out += [
            '<section class="attachment">',
            f"<h2>附件{n}</h2>",
            f"<h3>{esc(table.title)}{suffix}</h3>",
            *_table(table),
            "</section>",
        ]
    out.append("<footer>")
    if doc.cc:
        out.append(f"<p>抄送：{esc(doc.cc)}</p>")
    out += [
        f"<p>{esc(doc.printed_by)}　{esc(doc.printed_date)}印发</p>",
        "</footer>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(out)
