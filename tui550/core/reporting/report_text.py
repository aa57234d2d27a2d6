"""The words of the 落实情况通报, shared by its markdown and docx renderers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tui550.core.clock import zh_date
from tui550.core.followup.views import FollowupReport, SupervisionRow, UnitAccount
from tui550.i18n import t


def day_text(day: date | None, lang: str) -> str:
    if day is None:
        return t("report.no_date", lang)
    return zh_date(day) if lang == "zh" else day.isoformat()


def title(report: FollowupReport, lang: str) -> str:
    return t("report.title", lang, district=report.district)


def scope(report: FollowupReport, lang: str) -> str:
    parts = [t("report.as_of", lang, date=day_text(report.today, lang))]
    if report.since is not None:
        parts.append(t("report.since", lang, date=day_text(report.since, lang)))
    if report.meeting_title is not None:
        parts.append(
            t("report.meeting", lang, title=report.meeting_title, date=day_text(report.meeting_date, lang))
        )
    if report.unit_filter is not None:
        parts.append(t("report.unit", lang, unit=report.unit_filter))
    return t("report.sep", lang).join(parts)


def unit_name(account: UnitAccount, lang: str) -> str:
    return account.unit.name if account.unit else t("report.no_unit", lang)


def figures(account: UnitAccount, lang: str) -> str:
    """确定事项22件，已办结6件，占比27%；已报完成待核验2件；逾期5件，平均逾期4.2天；多次延期1件。"""
    parts = [
        t("report.figures", lang, assigned=account.assigned, closed=account.closed, rate=account.closing_rate)
    ]
    if account.reported:
        parts.append(t("report.reported", lang, n=account.reported))
    if account.overdue_now:
        parts.append(t("report.overdue", lang, n=account.overdue_now))
    if account.avg_days_late is not None:
        parts.append(t("report.avg_late", lang, days=f"{account.avg_days_late:g}"))
    if account.repeated_extensions:
        parts.append(t("report.repeated", lang, n=account.repeated_extensions))
    if account.co_assigned:
        parts.append(
            t(
                "report.co_figures",
                lang,
                n=account.co_assigned,
                closed=account.co_closed,
                overdue=account.co_overdue,
            )
        )
    return t("report.sep", lang).join(parts) + t("report.end", lang)


@dataclass(frozen=True, slots=True)
class OverdueLine:
    number: int
    project: str
    text: str
    due: str
    days: int
    escalation: str
    carried: int


def overdue_lines(rows: tuple[SupervisionRow, ...], lang: str) -> list[OverdueLine]:
    return [
        OverdueLine(
            number=n,
            project=row.project_name or t("report.general", lang),
            text=row.item.text,
            due=day_text(row.item.due, lang),
            days=row.days_overdue,
            escalation=t(f"escalation.{row.escalation.colour}", lang),
            carried=row.carried,
        )
        for n, row in enumerate(rows, start=1)
    ]


def overdue_headers(lang: str) -> list[str]:
    return [
        t(f"report.col.{k}", lang) for k in ("no", "project", "item", "due", "days", "escalation", "carried")
    ]
