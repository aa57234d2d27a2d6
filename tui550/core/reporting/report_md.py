"""The 落实情况通报 as Markdown. User text is escaped by the minutes' rule: shown as typed,
never interpreted, with no more backslashes than Markdown needs."""

from __future__ import annotations

from tui550.core.exporting.md import cell
from tui550.core.followup.views import FollowupReport
from tui550.core.reporting import report_text as rt
from tui550.i18n import t


def md_escape(text: str) -> str:
    """Escape user text for a line or a table cell, and keep it on one line."""
    return cell(text).replace("<br>", " ")


def render_report_md(report: FollowupReport, lang: str = "zh") -> str:
    lines = [
        f"# {md_escape(rt.title(report, lang))}",
        "",
        md_escape(rt.scope(report, lang)),
        "",
        f"## {t('report.h.total', lang)}",
        "",
        rt.figures(report.total, lang),
        "",
        f"## {t('report.h.units', lang)}",
        "",
    ]
    for n, block in enumerate(report.units, start=1):
        lines += [
            f"### {n}. {md_escape(rt.unit_name(block.account, lang))}",
            "",
            rt.figures(block.account, lang),
            "",
        ]
        if not block.overdue:
            continue
        headers = rt.overdue_headers(lang)
        lines.append("| " + " | ".join(headers) + " |")
        lines.append("|" + "|".join(" --- " for _ in headers) + "|")
        for line in rt.overdue_lines(block.overdue, lang):
            cells = [
                str(line.number),
                md_escape(line.project),
                md_escape(line.text),
                md_escape(line.due),
                str(line.days),
                line.escalation,
                str(line.carried),
            ]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
