"""The 落实情况通报 as Markdown. User text is escaped: it is shown, never interpreted."""

from __future__ import annotations

import re

from tui550.core.followup_views import FollowupReport
from tui550.core.reporting import report_text as rt
from tui550.i18n import t

# Enough for text inside a line or a table cell; line-start markers never occur there.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def md_escape(text: str) -> str:
    """Backslash every Markdown-active character and keep the cell on one line."""
    return _SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def render_report_md(report: FollowupReport, lang: str = "zh") -> str:
    lines = [f"# {md_escape(rt.title(report, lang))}", "", md_escape(rt.scope(report, lang)), "",
             f"## {t('report.h.total', lang)}", "", rt.figures(report.total, lang), "",
             f"## {t('report.h.units', lang)}", ""]
    for n, block in enumerate(report.units, start=1):
        lines += [f"### {n}. {md_escape(rt.unit_name(block.account, lang))}", "",
                  rt.figures(block.account, lang), ""]
        if not block.overdue:
            continue
        headers = rt.overdue_headers(lang)
        lines.append("| " + " | ".join(headers) + " |")
        lines.append("|" + "|".join(" --- " for _ in headers) + "|")
        for line in rt.overdue_lines(block.overdue, lang):
            cells = [str(line.number), md_escape(line.project), md_escape(line.text),
                     md_escape(line.due), str(line.days), line.escalation, str(line.carried)]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
