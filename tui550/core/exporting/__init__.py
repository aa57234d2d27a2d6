"""Minutes and lists out: docx 会议纪要, xlsx lists, Markdown, HTML, and the JSON exchange file.

`export_meeting` is the one entry point for the CLI and the app (which calls it
from a worker thread). It reads the meeting once into a `MinutesDoc`
(`common.build_minutes`) and renders it; the renderers for docx and xlsx import
python-docx and openpyxl only when called; a PDF is the docx printed by LibreOffice.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tui550.core import cycle_collector
from tui550.core.errors import UserError
from tui550.core.exchange import dump, to_json
from tui550.core.exporting.common import MinutesDoc, build_minutes
from tui550.core.exporting.docx_minutes import render_docx
from tui550.core.exporting.html import render_html
from tui550.core.exporting.md import render_markdown
from tui550.core.exporting.xlsx_lists import render_xlsx
from tui550.core.files import check_target, private_folder, safe_name, target_for, write_atomic
from tui550.core.office import to_pdf
from tui550.core.store.meetings import get_meeting
from tui550.core.store.units import match_unit
from tui550.core.text import printable_all

if TYPE_CHECKING:
    from tui550.core.db import Database
    from tui550.core.domain import UnitView
    from tui550.core.settings import Settings

FORMATS = ("docx", "pdf", "xlsx", "md", "html", "json")
Progress = Callable[[int, int], None]


def default_name(title: str, day: date, fmt: str, unit: str | None = None) -> str:
    """'2026-07-06 解放区“550”重点项目调度会纪要.docx'; the lists are '…清单.xlsx'."""
    what = {"xlsx": "清单", "json": "数据"}.get(fmt, "纪要")
    base = f"{day.isoformat()} {title.removesuffix('纪要')}{what}"
    if unit:
        base += f"-{unit}"
    return safe_name(base) + f".{fmt}"


def render(doc: MinutesDoc, fmt: str) -> bytes:
    if fmt == "md":
        return render_markdown(doc).encode("utf-8")
    if fmt == "html":
        return render_html(doc).encode("utf-8")
    if fmt == "docx":
        return render_docx(doc)
    if fmt == "xlsx":
        return render_xlsx(doc)
    if fmt == "pdf":
        # The 纪要 as LibreOffice prints the docx: one layout, whichever file is sent.
        return to_pdf(render(doc, "docx"), "docx")
    raise UserError("export.bad_format", "export.bad_format.remedy", fmt=fmt)


@cycle_collector.paused()
def export_meeting(
    db: Database,
    meeting_id: uuid.UUID,
    fmt: str,
    out_path: Path | None,
    *,
    force: bool = False,
    unit: str | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
    split_by_unit: bool = False,
    today: date | None = None,
) -> list[Path]:
    """Write the meeting's minutes or lists as `fmt`; return the files written.

    `out_path` is a file, or a folder for a name made from the title (None: the
    current folder). `unit` cuts the lists to one unit's items; `split_by_unit`
    writes one file per responsible unit into the folder `out_path`. `today`
    (default: the district's date) decides the lights. Errors the user can fix
    are `UserError`s; nothing is left half-written.
    """
    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS:
        raise UserError("export.bad_format", "export.bad_format.remedy", fmt=fmt)
    step = _Steps(progress)
    if fmt == "json":
        if unit or split_by_unit:
            raise UserError("export.json_whole", "export.json_whole.remedy")

        meeting = get_meeting(db, meeting_id)
        step.total = 2
        data = to_json(dump(db, meeting.id))
        step.done()
        target = target_for(out_path, default_name(meeting.title, meeting.date, fmt))
        written = [write_atomic(target, data, force=force)]
        step.done()
        return written

    # Text written before the text gate (or by hand) may hold control characters:
    # every format shows them as text, and the docx and xlsx writers never meet them.
    doc = printable_all(build_minutes(db, meeting_id, settings=settings, today=today))
    if unit is not None:
        doc = doc.for_unit(_unit(db, unit))
    if not split_by_unit:
        step.total = 2
        step.done()
        target = target_for(out_path, default_name(doc.meeting_title, doc.meeting_date, fmt, doc.unit))
        written = [write_atomic(target, render(doc, fmt), force=force)]
        step.done()
        return written

    folder = out_path if out_path is not None else Path.cwd()
    if folder.exists() and not folder.is_dir():
        raise UserError("export.split_needs_folder", "export.out.remedy", path=str(folder))
    private_folder(folder)
    owners = list(doc.owners)
    step.total = len(owners) + 1
    step.done()
    targets = [folder / default_name(doc.meeting_title, doc.meeting_date, fmt, u.name) for u in owners]
    # Refuse before writing anything, so that a refused split leaves no partial set.
    for target in targets:
        check_target(target, force)
    written = []
    for owner, target in zip(owners, targets, strict=True):
        written.append(write_atomic(target, render(doc.for_unit(owner), fmt), force=force))
        step.done()
    return written


def _unit(db: Database, name: str) -> UnitView:
    return match_unit(db, name)


class _Steps:
    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.total = 1
        self.count = 0

    def done(self) -> None:
        self.count += 1
        if self.progress is not None:
            self.progress(self.count, self.total)
