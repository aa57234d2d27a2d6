"""The minutes as Markdown: readable as plain text, and safe to render.

User text never changes the document's structure: characters that would start
emphasis, links, code, HTML or tables are backslash-escaped everywhere, and a
line that would start a heading, list, quote or rule has its first character
escaped too.
"""

from __future__ import annotations

import re
from datetime import date

from tui550.core.clock import zh_date
from tui550.core.exporting.common import MinutesDoc, Paragraph, Table

_INLINE = re.compile(r"([\\`*_\[\]{}<>|~&!#$])")
_MARKER_FIRST = "-+=>:"
_MARKER = re.compile(r"^([-+=>:])")
_ORDERED = re.compile(r"^(\d+)([.)])")
_LIGHT_MARK = {"red": "🔴", "yellow": "🟡", "green": "🟢", "grey": "⚪"}


def escape(text: str) -> str:
    """Escape one paragraph of user text; its line breaks become hard breaks."""
    if "\n" not in text:  # nearly every paragraph and cell
        return _escape_line(text)
    return "\\\n".join(line for line in map(_escape_line, text.split("\n")) if line)


def _escape_line(line: str) -> str:
    line = line.strip()
    # Searching first: most lines need nothing, and a substitution costs far more than
    # a search (an export escapes some 40,000 cells).
    if _INLINE.search(line):
        line = _INLINE.sub(r"\\\1", line)
    # A list marker, heading underline or quote at the start of a line.
    if line and (line[0] in _MARKER_FIRST or line[0].isdigit()):
        line = _ORDERED.sub(r"\1\\\2", _MARKER.sub(r"\\\1", line))
    return line


def cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return zh_date(value)
    if isinstance(value, int):
        return str(value)
    text = escape(str(value))
    return text.replace("\\\n", "<br>")


def _paragraph(p: Paragraph) -> str:
    return f"{p.number}{escape(p.text)}{escape(p.clause)}"


def _table(table: Table, memo: dict[object, str]) -> list[str]:
    out = ["| " + " | ".join(table.columns) + " |",
           "|" + "|".join(" --- " for _ in table.columns) + "|"]
    status = table.columns.index("状态")
    # The lists repeat their project, unit and status cells hundreds of times: `memo`
    # (one per document) escapes each once.
    for row in table.rows:
        cells = [memo[v] if v in memo else memo.setdefault(v, cell(v)) for v in row.cells]
        if cells[status] and row.light is not None:
            cells[status] = f"{_LIGHT_MARK[row.light.value]} {cells[status]}"
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
    if doc.general:
        out += ["## 会议总体", ""]
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
    for n, table in enumerate((*doc.attachments, doc.tables["deadlines"]), start=1):
        suffix = f"（{escape(doc.unit)}）" if doc.unit else ""
        out += [f"## 附件{n}　{table.title}{suffix}", ""]
        out += _table(table, memo)
        out.append("")
    if doc.cc:
        out += [f"抄送：{escape(doc.cc)}", ""]
    out += [f"{escape(doc.printed_by)}　{doc.printed_date}印发", ""]
    return "\n".join(out)
