"""Printing items for the supervision bureau: one item in full, or the open-items board."""

from __future__ import annotations

import uuid

from tui550.cli.out import echo, shown
from tui550.core.db import Database
from tui550.core.domain import ItemView, Light
from tui550.core.followup.rules import Rules
from tui550.i18n import t


def _console() -> object:
    from rich.console import Console

    console = Console()
    # Piped output is read by programs and people alike: never cut text short.
    return console if console.is_terminal else Console(width=1000)


def show_item(db: Database, item: ItemView, rules: Rules) -> None:
    from tui550.core.store.followup import item_extras, list_evidence
    from tui550.core.store.items import history_of
    from tui550.core.store.supervision import supervision_rows

    console = _console()
    extras = item_extras(db, item.id)
    rows = (
        [r for r in supervision_rows(db, project_id=item.project_id, rules=rules) if r.item.id == item.id]
        if item.is_open
        else []
    )
    lines = [
        (t("cli.col.id"), str(item.id)),
        (t("report.col.kind"), t(f"kind.{item.kind.value}")),
        (t("report.col.item"), item.text),
        (t("report.col.lead"), item.lead_unit.name if item.lead_unit else ""),
        (t("report.col.due"), item.due.isoformat() if item.due else item.cadence or t("report.no_date")),
        (t("report.col.original_due"), extras["original_due"].isoformat() if extras["original_due"] else ""),
        (t("report.col.extensions"), str(extras["extensions"])),
        (t("report.col.status"), t(f"status.{item.status.value}") if item.status else ""),
    ]
    if rows:
        row = rows[0]
        lines += [
            (t("report.col.light"), t(f"light.{row.light.value}")),
            (t("report.col.days"), str(row.days_overdue)),
            (t("report.col.escalation"), t(f"escalation.{row.escalation.colour}")),
            (t("report.col.carried"), str(row.carried)),
        ]
    if extras["closed_by"]:
        lines.append((t("cli.item.closed_by"), f"{extras['closed_by']}：{extras['closed_note']}"))
    for label, value in lines:
        console.print(shown(f"{label}: {value}"))  # type: ignore[attr-defined]
    for ev in list_evidence(db, item.id):
        console.print(shown(f"📎 {ev.filename} ({ev.size} B, {ev.sha256[:12]})"))  # type: ignore[attr-defined]
    for h in history_of(db, item.id):
        changes = "; ".join(f"{k}: {v[0]} → {v[1]}" for k, v in h.changes.items())
        console.print(shown(f"{h.at:%Y-%m-%d %H:%M} {h.who} {h.action} {changes}"))  # type: ignore[attr-defined]


def list_items(
    db: Database, rules: Rules, *, unit_id: uuid.UUID | None, light: Light | None, limit: int
) -> None:
    from rich.table import Table

    from tui550.core.store.supervision import supervision_rows

    rows = supervision_rows(db, unit_id=unit_id, light=light, rules=rules, limit=limit)
    if not rows:
        echo(t("cli.item.none"))
        return
    table = Table(box=None, pad_edge=False)
    for key in (
        "cli.col.id",
        "report.col.light",
        "report.col.escalation",
        "report.col.days",
        "report.col.due",
        "report.col.project",
        "report.col.lead",
        "report.col.item",
        "report.col.carried",
    ):
        table.add_column(t(key))
    for r in rows:
        table.add_row(
            r.item.id.hex[:8],
            t(f"light.{r.light.value}"),
            t(f"escalation.{r.escalation.colour}"),
            str(r.days_overdue),
            r.item.due.isoformat() if r.item.due else shown(r.item.cadence or ""),
            shown(r.project_name or ""),
            shown(r.item.lead_unit.name if r.item.lead_unit else ""),
            shown(r.item.text),
            str(r.carried),
        )
    _console().print(table)  # type: ignore[attr-defined]
