"""The minutes as Markdown: readable as plain text, and safe to render.

User text never changes the document's structure, and shows no more backslashes
than that takes: only what CommonMark (with GFM tables and strikethrough) would
read as markup is escaped: emphasis, code, links and images, raw HTML, entities,
`~~`, and at the start of a line a heading, list, quote or rule. A '|' is escaped
in table cells only. Text that a spreadsheet would take for a formula (=cmd|…)
is harmless here and stays as typed.
"""

from __future__ import annotations

import re
from datetime import date

from tui550.core.clock import zh_date
from tui550.core.exporting.common import LIGHT_MARK, MinutesDoc, Paragraph, Table

# Markup wherever it stands: code, emphasis, link brackets; and only in context: a
# backslash before punctuation or at the end (a hard break), a tag or autolink, an
# entity, a strikethrough. One pattern, so that no backslash added is escaped again.
_MARKUP = re.compile(r"[`*_\[\]]|\\(?=[!-/:-@\[-`{-~]|$)|<(?=[A-Za-z/!?])|&(?=#?\w+;)|~(?=~)|(?<=~)~")
# At the start of a line: a heading, quote, list item, or a rule / setext underline.
_LINE_START = re.compile(r"^(?:(#{1,6})(?=\s|$)|(>)|([-+*])(?=\s|$)|(\d{1,9})([.)])(?=\s|$))")
_RULE = re.compile(r"^(?:[-_*=]\s*)+$")


def escape(text: str, *, line_start: bool = True) -> str:
    """Escape one paragraph of user text; its line breaks become hard breaks.

    `line_start=False` for text that follows something else on its line (a number)."""
    if "\n" not in text:  # nearly every paragraph and cell
        return _escape_line(text, line_start)
    return "\\\n".join(line for line in (_escape_line(x, True) for x in text.split("\n")) if line)


def _escape_line(line: str, line_start: bool) -> str:
    line = line.strip()
    # Searching first: most lines need nothing, and a substitution costs far more than
    # a search (an export escapes some 40,000 cells).
    if _MARKUP.search(line):
        line = _MARKUP.sub(r"\\\g<0>", line)
    if line_start and line:
        if _RULE.match(line):
            return "\\" + line
        line = _LINE_START.sub(_escape_marker, line, count=1)
    return line


def _escape_marker(m: re.Match[str]) -> str:
    if m.group(4):  # '1.' → '1\.'
        return f"{m.group(4)}\\{m.group(5)}"
    return "\\" + m.group(0)


def cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return zh_date(value)
    if isinstance(value, int):
        return str(value)
    text = escape(str(value)).replace("|", "\\|")
    return text.replace("\\\n", "<br>")


def _paragraph(p: Paragraph) -> str:
    return f"{p.number}{escape(p.text, line_start=not p.number)}{escape(p.clause, line_start=False)}"


def _table(table: Table, memo: dict[object, str]) -> list[str]:
    out = ["| " + " | ".join(table.columns) + " |", "|" + "|".join(" --- " for _ in table.columns) + "|"]
    status = table.columns.index("状态") if "状态" in table.columns else None
    # The lists repeat their project, unit and status cells hundreds of times: `memo`
    # (one per document) escapes each once.
    for row in table.rows:
        cells = [memo[v] if v in memo else memo.setdefault(v, cell(v)) for v in row.cells]
        if status is not None and cells[status] and row.light is not None:
            cells[status] = f"{LIGHT_MARK[row.light]} {cells[status]}"
        out.append("| " + " | ".join(cells) + " |")
    if not table.rows:
        out.append("| " + " | ".join("—" if i == 1 else "" for i in range(len(table.columns))) + " |")
    return out


def render_markdown(doc: MinutesDoc) -> str:
    out = [f"# {escape(doc.mark)}", ""]
    meta = " ".join(x for x in (escape(doc.issue_no),) if x)
    if meta:
        out += [meta, ""]
    out += [f"{escape(doc.office)}　{doc.date_text}", "", escape(doc.opening), ""]
    # Remarks of the meeting as a whole follow the opening, as in the docx.
    for p in doc.general:
        out += [_paragraph(p), ""]
    for section in doc.sections:
        out += [f"## {section.number}{escape(section.title)}", ""]
        for p in section.paragraphs:
            out += [_paragraph(p), ""]
    for label, text in doc.attendance:
        # The colon outside the emphasis: '**出席：**区…' would not close in CommonMark.
        out += [f"**{label}**：{escape(text)}", ""]
    memo: dict[object, str] = {}
    for n, table in enumerate(doc.attachments, start=1):
        suffix = f"（{escape(doc.unit)}）" if doc.unit else ""
        out += [f"## 附件{n}　{table.title}{suffix}", ""]
        out += _table(table, memo)
        out.append("")
    timing = doc.tables["timing"]
    if timing.rows:
        out += [f"## {timing.title}", ""]
        out += _table(timing, memo)
        out.append("")
    if doc.cc:
        out += [f"抄送：{escape(doc.cc)}", ""]
    out += [f"{escape(doc.printed_by)}　{doc.printed_date}印发", ""]
    return "\n".join(out)
