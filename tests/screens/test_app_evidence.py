"""Evidence in the app: F on a list's item attaches a file by its path and takes one out;
lists mark items that have files with 📎."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.support.waits import until
from tui550.app.screens.evidence import EvidenceDialog
from tui550.app.widgets.items import ItemTable
from tui550.core.store.followup import list_evidence


async def test_attach_and_take_out_from_the_list(make_demo_app, demo_db, tmp_path: Path) -> None:
    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(b"\xff\xd8 a photo")
    out = tmp_path / "out"
    out.mkdir()
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", *"协调电力接入", "enter", "escape")
        table = app.screen.query_one("#captured", ItemTable)
        assert app.focused is table
        item = table.items[0]
        assert "📎" not in str(table.row_cells(item)[1])
        await pilot.press("f")
        dialog = app.screen
        assert isinstance(dialog, EvidenceDialog)
        await pilot.press(*str(photo), "enter")
        assert [e.filename for e in list_evidence(demo_db, item.id)] == ["现场照片.jpg"]
        dialog.query_one("#ev-folder", Input).value = str(out)
        dialog.query_one("#ev-files").focus()
        await pilot.press("enter")
        assert (out / "现场照片.jpg").read_bytes() == photo.read_bytes()
        await pilot.press("enter")  # again: the file is there, nothing overwritten, said so
        assert str(dialog.query_one(".problem").render()).startswith("文件已存在：")
        await pilot.press("escape")
        # The attachment is a change like another client's: the lists are read again.
        await until(pilot, lambda: table.items[0].evidence, "the list read again with the file")
        marked = table.items[0]
        assert marked.evidence and str(table.row_cells(marked)[1]).startswith("📎 协调电力接入")


def test_supervision_rows_know_which_items_have_files(demo_db, tmp_path: Path) -> None:
    from tui550.core.store.followup import attach_evidence
    from tui550.core.store.supervision import supervision_rows

    rows = supervision_rows(demo_db)
    assert rows and not any(r.item.evidence for r in rows)
    photo = tmp_path / "p.jpg"
    photo.write_bytes(b"x")
    attach_evidence(demo_db, rows[0].item.id, photo)
    marked = {r.item.id for r in supervision_rows(demo_db) if r.item.evidence}
    assert marked == {rows[0].item.id}
