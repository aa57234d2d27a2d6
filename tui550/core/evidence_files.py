"""Getting an item's evidence back out as files, for the command line and the app alike.

Names come from what was attached, sanitised and kept inside the chosen folder; two
files of one name get the attachment's short id; nothing is overwritten unless asked.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from tui550.core.db import Database
from tui550.core.errors import UserError
from tui550.core.files import safe_name, target_for, write_atomic
from tui550.core.followup.views import Evidence
from tui550.core.store.followup import list_evidence, read_evidence


def extract_evidence(
    db: Database,
    item_id: uuid.UUID,
    out: Path | None = None,
    *,
    force: bool = False,
    only: uuid.UUID | None = None,
) -> list[Path]:
    """Write the item's files (or the one `only`) into the folder `out` (default: here);
    `out` may name the file itself when there is one file to write."""

    files = [e for e in list_evidence(db, item_id) if only is None or e.id == only]
    if not files:
        raise UserError("followup.evidence.none", "followup.evidence.none.remedy")
    if out is not None and not out.is_dir() and len(files) > 1:
        raise UserError(
            "followup.evidence.out_not_folder",
            "followup.evidence.out_not_folder.remedy",
            path=str(out),
            count=len(files),
        )
    names = _names(files)
    return [write_atomic(target_for(out, names[e.id]), read_evidence(db, e.id), force=force) for e in files]


def _names(files: list[Evidence]) -> dict[uuid.UUID, str]:
    names = {e.id: safe_name(e.filename, fallback="evidence") for e in files}
    seen: dict[str, int] = {}
    for name in names.values():
        seen[name] = seen.get(name, 0) + 1
    for e in files:
        name = names[e.id]
        if seen[name] > 1:
            stem, dot, ext = name.rpartition(".")
            names[e.id] = f"{stem}-{e.id.hex[:8]}.{ext}" if dot and stem else f"{name}-{e.id.hex[:8]}"
    return names
