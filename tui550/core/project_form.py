"""A project as a form of text fields, and the typed changes a filled-in form asks for.

Units are named, not picked from a list: the street and the lead unit resolve
exactly as ``@name`` does on the quick-add line (区住建局 = 住建局 = 住建). Amounts
and dates read the way the ledger import reads them (35000, 3.5亿元; 2026-10-31,
2026年10月, 2027年底), so what imports also types.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from tui550.core.domain import ProjectView, UnitKind, UnitView
from tui550.core.errors import UserError
from tui550.core.importing.values import BadValue, parse_date, parse_number
from tui550.core.store.project_months import check_figures
from tui550.core.unit_names import resolve_unit
from tui550.i18n import t

FORM_FIELDS = (
    "code",
    "name",
    "category",
    "street",
    "leader",
    "lead_unit",
    "investment_total",
    "investment_year",
    "annual_target",
    "content",
    "planned_start",
    "planned_end",
    "status",
)
TEXT_FIELDS = ("code", "name", "category", "leader", "annual_target", "content", "status")

# A project not yet written: what the add form and `projects add` start from.
BLANK = ProjectView(
    id=uuid.UUID(int=0),
    code=None,
    name="",
    category=None,
    street=None,
    leader=None,
    lead_unit=None,
    units=(),
    investment_total=None,
    investment_year=None,
    annual_target=None,
    content=None,
    planned_start=None,
    planned_end=None,
    status=None,
    version=0,
)


def _amount(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def form_values(project: ProjectView) -> dict[str, str]:
    return {
        "code": project.code or "",
        "name": project.name,
        "category": project.category or "",
        "street": project.street or "",
        "leader": project.leader or "",
        "lead_unit": project.lead_unit.name if project.lead_unit else "",
        "investment_total": _amount(project.investment_total),
        "investment_year": _amount(project.investment_year),
        "annual_target": project.annual_target or "",
        "content": project.content or "",
        "planned_start": project.planned_start.isoformat() if project.planned_start else "",
        "planned_end": project.planned_end.isoformat() if project.planned_end else "",
        "status": project.status or "",
    }


def _number(field: str, text: str) -> float | None:
    try:
        return parse_number(text)
    except BadValue:
        raise UserError(
            "lui.form.bad_number", "lui.form.bad_number.remedy", field=field_label(field), value=text
        ) from None


def _date(field: str, text: str, today: date | None) -> date | None:
    if not text:
        return None
    try:
        return parse_date(text, end=field == "planned_end", ref=today)
    except BadValue:
        raise UserError(
            "lui.form.bad_date", "lui.form.bad_date.remedy", field=field_label(field), value=text
        ) from None


def field_label(field: str) -> str:
    return t(f"lui.field.{field}")


def form_changes(
    project: ProjectView, values: dict[str, str], units: Sequence[UnitView], today: date | None = None
) -> dict[str, Any]:
    """The fields of `update_project` that differ from `project`; raises UserError on
    the first value that cannot be read, naming the field. Dates the ledger forms do not
    cover (12月底) are read as deadlines against `today`, as the import reads them."""
    v = {k: values.get(k, "").strip() for k in FORM_FIELDS}
    if not v["name"]:
        raise UserError("project.empty_name", "lui.form.name.remedy")
    changes: dict[str, Any] = {}
    for key in TEXT_FIELDS:
        if v[key] != (getattr(project, key) or ""):
            changes[key] = v[key] or None
    street = resolve_unit(v["street"], units, prefer=UnitKind.STREET) if v["street"] else None
    if (street.name if street else None) != project.street:
        changes["street_id"] = street.id if street else None
    lead = resolve_unit(v["lead_unit"], units) if v["lead_unit"] else None
    if (lead.id if lead else None) != (project.lead_unit.id if project.lead_unit else None):
        changes["lead_unit_id"] = lead.id if lead else None
    for key in ("investment_total", "investment_year"):
        number = _number(key, v[key]) if v[key] else None
        if number != getattr(project, key):
            changes[key] = number
    start = _date("planned_start", v["planned_start"], today)
    end = _date("planned_end", v["planned_end"], today)
    if start and end and start > end:
        raise UserError(
            "lui.form.start_after_end",
            "lui.form.bad_date.remedy",
            start=start.isoformat(),
            end=end.isoformat(),
        )
    if start != project.planned_start:
        changes["planned_start"] = start
    if end != project.planned_end:
        changes["planned_end"] = end
    return changes


_MONTH = re.compile(r"^(?:(\d{4})\s*[-./年]\s*)?(\d{1,2})\s*月?$")


def parse_month(text: str, today: date) -> date:
    """2026-07, 2026年7月 or 7月 (this year): the month's first day."""
    m = _MONTH.match(text.strip())
    if m is None or not 1 <= int(m[2]) <= 12:
        raise UserError("project.month.bad_month", "project.month.remedy", value=text)
    return date(int(m[1]) if m[1] else today.year, int(m[2]), 1)


def month_figures(invested: str, progress: str) -> tuple[float | None, float | None]:
    """The month's investment (万元, as amounts are written elsewhere) and 形象进度 (45, 45%)."""
    amount = _number("month_invested", invested) if invested.strip() else None
    pct_text = progress.strip().rstrip("%％").strip()
    try:
        pct = float(pct_text) if pct_text else None
    except ValueError:
        raise UserError("project.month.bad_progress", "project.month.remedy", value=progress) from None

    check_figures(amount, pct)
    return amount, pct
