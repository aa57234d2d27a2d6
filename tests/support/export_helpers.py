"""Shared by the export tests: the demo's earlier meeting, fixed settings, and the files
exported from it that more than one test reads."""

from __future__ import annotations

import uuid
from pathlib import Path

from tests.support.demo import DEMO_DAY
from tui550.core.db import Database
from tui550.core.demo import demo_id
from tui550.core.domain import Kind
from tui550.core.exporting import export_meeting
from tui550.core.settings import Settings
from tui550.core.store import items

TODAY = DEMO_DAY
EARLIER: uuid.UUID = demo_id("meeting", "earlier")
TODAY_MEETING: uuid.UUID = demo_id("meeting", "today")
SETTINGS = Settings(
    user="测试员",
    lang="zh",
    office="解放区人民政府办公室",
    cc="区委办公室，区人大常委会办公室，区政协办公室",
    printed_by="解放区人民政府办公室",
)


def minutes_docx(db: Database, folder: Path) -> Path:
    """The earlier meeting's minutes as docx."""
    [path] = export_meeting(db, EARLIER, "docx", folder / "纪要.docx", settings=SETTINGS, today=TODAY)
    return path


def lists_xlsx_with_formula_text(db: Database, folder: Path) -> Path:
    """The earlier meeting's lists as xlsx, with issues whose text reads like a formula."""
    first = items.meeting_items(db, EARLIER)[0]
    for text in ('=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)"):
        items.capture(
            db,
            meeting_id=EARLIER,
            project_id=first.project_id,
            kind=Kind.ISSUE,
            text=text,
            steps=text,
            lead_unit_id=first.lead_unit.id if first.lead_unit else None,
        )
    [path] = export_meeting(db, EARLIER, "xlsx", folder, settings=SETTINGS, today=TODAY)
    return path
