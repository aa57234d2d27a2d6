"""Follow-up commands for the supervision bureau: `report` (落实情况通报), `wallchart`
(挂图作战), and `item start|report|close|return|extend|escalate|attach|show|list`."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from tui550.cli.context import get_ctx
from tui550.cli.evidence import item_attach
from tui550.cli.followup.lookup import item_context
from tui550.cli.followup.printing import list_items, show_item
from tui550.cli.out import echo
from tui550.core.domain import ItemView, Kind, Light, UnitKind
from tui550.core.errors import UserError
from tui550.core.files import safe_name, target_for, write_atomic
from tui550.core.office import to_pdf
from tui550.core.reporting.wallchart_render import render_wall_html, render_wall_xlsx
from tui550.core.text import printable, printable_all
from tui550.i18n import t

if TYPE_CHECKING:
    from tui550.core.db import Database


def register(app: typer.Typer) -> None:
    app.command("report")(report_command)
    app.command("wallchart")(wallchart_command)
    items = typer.Typer(rich_markup_mode=None, no_args_is_help=True)
    items.command("list", help=t("cli.item.list.help"))(item_list)
    items.command("show", help=t("cli.item.show.help"))(item_show)
    items.command("start", help=t("cli.item.start.help"))(item_start)
    items.command("report", help=t("cli.item.report.help"))(item_report)
    items.command("close", help=t("cli.item.close.help"))(item_close)
    items.command("return", help=t("cli.item.return.help"))(item_return)
    items.command("extend", help=t("cli.item.extend.help"))(item_extend)
    items.command("escalate", help=t("cli.item.escalate.help"))(item_escalate)
    items.command("attach", help=t("cli.item.attach.help"))(item_attach)
    app.add_typer(items, name="item")


# --- helpers ---------------------------------------------------------------------------


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UserError("cli.fu.bad_date", "cli.fu.bad_date.remedy", value=value, option=option) from None


def _unit_id(db: Database, name: str | None, only: UnitKind | None = None) -> uuid.UUID | None:
    if name is None:
        return None
    from tui550.core.store.units import match_unit

    return match_unit(db, name, only=only).id


def _write(out: Path | None, default_name: str, data: bytes | str, force: bool) -> None:
    path = write_atomic(target_for(out, safe_name(default_name)), data, force=force)
    echo(t("cli.fu.written", path=str(path)))


_FORMAT = typer.Option("md", "--format", "-f", help=t("cli.fu.format", allowed="md | docx | xlsx | pdf"))
_OUT = typer.Option(None, "--out", "-o", help=t("cli.fu.out"))
_FORCE = typer.Option(False, "--force", help=t("cli.export.force"))


# --- report and wall chart -------------------------------------------------------------


def report_command(
    typer_ctx: typer.Context,
    meeting: str | None = typer.Argument(None, metavar="[MEETING]", help=t("cli.report.meeting")),
    since: str | None = typer.Option(None, "--since", help=t("cli.report.since")),
    unit: str | None = typer.Option(None, "--unit", help=t("cli.report.unit")),
    fmt: str = _FORMAT,
    out: Path | None = _OUT,
    force: bool = _FORCE,
) -> None:
    from tui550.core.store.meetings import select_meeting
    from tui550.core.store.supervision import followup_report

    fmt = fmt.lower()
    if fmt not in ("md", "docx", "xlsx", "pdf"):
        raise UserError(
            "cli.fu.bad_format", "cli.fu.bad_format.remedy", value=fmt, allowed="md, docx, xlsx, pdf"
        )
    ctx = get_ctx(typer_ctx)
    db = ctx.open_db()
    meeting_view = select_meeting(db, meeting) if meeting else None
    lang = ctx.settings.lang
    report = printable_all(
        followup_report(
            db,
            unit_id=_unit_id(db, unit),
            since=_date(since, "--since"),
            meeting_id=meeting_view.id if meeting_view else None,
            district=ctx.settings.district,
            office=ctx.settings.office,
            rules=ctx.rules(),
        )
    )
    data: bytes | str
    if fmt == "md":
        from tui550.core.reporting.report_md import render_report_md

        data = render_report_md(report, lang)
    elif fmt in ("docx", "pdf"):
        from tui550.core.reporting.report_docx import render_report_docx

        data = render_report_docx(report, lang)
        if fmt == "pdf":
            data = to_pdf(data, "docx")
    else:
        from tui550.core.reporting.report_xlsx import render_report_xlsx

        data = render_report_xlsx(report, lang)
    name = t("cli.report.file", lang, date=report.today.isoformat()) + f".{fmt}"
    _write(out, name, data, force)


def wallchart_command(
    typer_ctx: typer.Context,
    street: str | None = typer.Option(None, "--street", help=t("cli.wall.street")),
    unit: str | None = typer.Option(None, "--unit", help=t("cli.wall.unit")),
    all_kinds: bool = typer.Option(False, "--all-kinds", help=t("cli.wall.all_kinds")),
    fmt: str = typer.Option("xlsx", "--format", "-f", help=t("cli.fu.format", allowed="xlsx | html | pdf")),
    out: Path | None = _OUT,
    force: bool = _FORCE,
) -> None:
    from tui550.core.store.wallchart import wall_chart

    fmt = fmt.lower()
    if fmt not in ("xlsx", "html", "pdf"):
        raise UserError("cli.fu.bad_format", "cli.fu.bad_format.remedy", value=fmt, allowed="xlsx, html, pdf")
    ctx = get_ctx(typer_ctx)
    db = ctx.open_db()
    kinds = (Kind.DEADLINE, Kind.DECISION, Kind.ISSUE) if all_kinds else (Kind.DEADLINE,)
    street_id = _unit_id(db, street, UnitKind.STREET)
    chart = printable_all(
        wall_chart(db, street_id=street_id, unit_id=_unit_id(db, unit), kinds=kinds, rules=ctx.rules())
    )
    lang, district = ctx.settings.lang, printable(ctx.settings.district)
    data: bytes | str
    if fmt == "html":
        data = render_wall_html(chart, district, lang)
    else:
        data = render_wall_xlsx(chart, district, lang)
        if fmt == "pdf":
            data = to_pdf(data, "xlsx")
    _write(out, t("cli.wall.file", lang, date=chart.today.isoformat()) + f".{fmt}", data, force)


# --- items -----------------------------------------------------------------------------

_ITEM_ID = typer.Argument(..., metavar="ITEM_ID", help=t("cli.item.id"))
_MEETING_OPT = typer.Option(None, "--meeting", help=t("cli.item.meeting"))


def _meeting_id(db: Database, selector: str | None) -> uuid.UUID | None:
    if selector is None:
        return None
    from tui550.core.store.meetings import select_meeting

    return select_meeting(db, selector).id


def _done(key: str, item: ItemView) -> None:
    status = t(f"status.{item.status.value}") if item.status else ""
    echo(t(key, id=item.id.hex[:8], text=item.text, status=status))


def item_start(typer_ctx: typer.Context, item_id: str = _ITEM_ID, meeting: str | None = _MEETING_OPT) -> None:
    from tui550.core.store.followup import start_item

    _, db, item = item_context(typer_ctx, item_id)
    _done("cli.item.changed", start_item(db, item.id, item.version, meeting_id=_meeting_id(db, meeting)))


def item_report(
    typer_ctx: typer.Context,
    item_id: str = _ITEM_ID,
    actual: str | None = typer.Option(None, "--actual", help=t("cli.item.actual")),
    note: str | None = typer.Option(None, "--note", help=t("cli.item.report_note")),
    meeting: str | None = _MEETING_OPT,
) -> None:
    from tui550.core.store.followup import report_done

    ctx, db, item = item_context(typer_ctx, item_id)
    _done(
        "cli.item.changed",
        report_done(
            db,
            item.id,
            item.version,
            actual=_date(actual, "--actual"),
            note=note,
            meeting_id=_meeting_id(db, meeting),
            rules=ctx.rules(),
        ),
    )


def item_close(
    typer_ctx: typer.Context,
    item_id: str = _ITEM_ID,
    note: str = typer.Option("", "--note", help=t("cli.item.close_note")),
    verifier: str = typer.Option("", "--by", help=t("cli.item.verifier")),
    meeting: str | None = _MEETING_OPT,
) -> None:
    from tui550.core.store.followup import close_item

    _, db, item = item_context(typer_ctx, item_id)
    _done(
        "cli.item.changed",
        close_item(
            db, item.id, item.version, note=note, verifier=verifier, meeting_id=_meeting_id(db, meeting)
        ),
    )


def item_return(
    typer_ctx: typer.Context,
    item_id: str = _ITEM_ID,
    reason: str = typer.Option("", "--reason", help=t("cli.item.reason")),
    meeting: str | None = _MEETING_OPT,
) -> None:
    from tui550.core.store.followup import return_item

    _, db, item = item_context(typer_ctx, item_id)
    _done(
        "cli.item.changed",
        return_item(db, item.id, item.version, reason=reason, meeting_id=_meeting_id(db, meeting)),
    )


def item_extend(
    typer_ctx: typer.Context,
    item_id: str = _ITEM_ID,
    to: str = typer.Option(..., "--to", help=t("cli.item.to")),
    reason: str = typer.Option("", "--reason", help=t("cli.item.reason")),
    meeting: str = typer.Option("latest", "--meeting", help=t("cli.item.agreed_at")),
) -> None:
    from tui550.core.store.followup import extend_item

    _, db, item = item_context(typer_ctx, item_id)
    new_due = _date(to, "--to")
    assert new_due is not None
    agreed = _meeting_id(db, meeting)
    assert agreed is not None
    _done(
        "cli.item.changed",
        extend_item(db, item.id, item.version, new_due=new_due, reason=reason, meeting_id=agreed),
    )


def item_escalate(
    typer_ctx: typer.Context,
    item_id: str = _ITEM_ID,
    reason: str = typer.Option("", "--reason", help=t("cli.item.reason")),
    down: bool = typer.Option(False, "--down", help=t("cli.item.down")),
    meeting: str | None = _MEETING_OPT,
) -> None:
    from tui550.core.store.followup import escalate_item

    _, db, item = item_context(typer_ctx, item_id)
    _done(
        "cli.item.changed",
        escalate_item(
            db,
            item.id,
            item.version,
            reason=reason,
            levels=-1 if down else 1,
            meeting_id=_meeting_id(db, meeting),
        ),
    )


def item_show(typer_ctx: typer.Context, item_id: str = _ITEM_ID) -> None:
    ctx, db, item = item_context(typer_ctx, item_id)
    show_item(db, item, ctx.rules())


def item_list(
    typer_ctx: typer.Context,
    unit: str | None = typer.Option(None, "--unit", help=t("cli.report.unit")),
    light: str | None = typer.Option(None, "--light", help=t("cli.item.light")),
    limit: int = typer.Option(50, "--limit", help=t("cli.item.limit")),
) -> None:
    ctx = get_ctx(typer_ctx)
    db = ctx.open_db()
    wanted = None
    if light is not None:
        if light not in {x.value for x in Light}:
            raise UserError(
                "cli.fu.bad_format",
                "cli.fu.bad_format.remedy",
                value=light,
                allowed="red, yellow, green, grey",
            )
        wanted = Light(light)
    list_items(db, ctx.rules(), unit_id=_unit_id(db, unit), light=wanted, limit=limit)
