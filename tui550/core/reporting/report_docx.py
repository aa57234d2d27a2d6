"""The 落实情况通报 as a .docx in the official document format."""

from __future__ import annotations

import io

from tui550.core.followup.views import FollowupReport
from tui550.core.reporting import docx_style as ds
from tui550.core.reporting import report_text as rt
from tui550.i18n import t


def render_report_docx(report: FollowupReport, lang: str = "zh") -> bytes:
    document = ds.new_document()
    ds.paragraph(
        document, rt.title(report, lang), font=ds.TITLE_FONT, size=ds.TITLE_PT, indent=False, centre=True
    )
    ds.paragraph(document, rt.scope(report, lang), indent=False, centre=True)
    ds.paragraph(document, t("report.h.total", lang), font=ds.HEADING_FONT)
    ds.paragraph(document, rt.figures(report.total, lang))
    ds.paragraph(document, t("report.h.units", lang), font=ds.HEADING_FONT)
    for n, block in enumerate(report.units, start=1):
        para = ds.paragraph(document)
        heading = f"（{_zh_number(n)}）" if lang == "zh" else f"({n}) "
        ds.add_run(para, heading + rt.unit_name(block.account, lang), ds.KAI_FONT, ds.BODY_PT)
        ds.paragraph(document, rt.figures(block.account, lang))
        if block.overdue:
            lines = rt.overdue_lines(block.overdue, lang)
            ds.table(
                document,
                rt.overdue_headers(lang),
                [
                    [str(x.number), x.project, x.text, x.due, str(x.days), x.escalation, str(x.carried)]
                    for x in lines
                ],
                # In points: every header on one line at 五号, the rest to the item.
                weights=[35, 70, 93, 76, 56, 56, 56],
            )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_DIGITS = "零一二三四五六七八九"


def _zh_number(n: int) -> str:
    """1 → 一, 12 → 十二, 25 → 二十五 (headings (一)(二)...)."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    return str(n)
