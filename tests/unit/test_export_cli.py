"""`tui550 export`, `dump`, `load`: files written whole, refusals with one clear message."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.cli import call
from tests.support.export_helpers import EARLIER, SETTINGS, TODAY
from tui550.core.db import Database
from tui550.core.errors import UserError
from tui550.core.exporting import export_meeting
from tui550.core.files import MAX_NAME, safe_name, write_atomic

# The command line is handed the database file by its path.
pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def demo_file(demo_db: Database, db_path: Path) -> str:
    demo_db.close()
    return str(db_path)


def test_export_md_then_refuse_then_force(demo_file: str, tmp_path: Path, capsys) -> None:
    out = tmp_path / "minutes.md"
    code, stdout, _ = call(
        ["--db", demo_file, "export", "2026-07-06", "--format", "md", "--out", str(out)], capsys
    )
    assert code == 0 and str(out) in stdout and out.read_text(encoding="utf-8").startswith("# ")
    out.write_text("mine", encoding="utf-8")
    code, _, err = call(
        ["--db", demo_file, "export", "2026-07-06", "--format", "md", "--out", str(out)], capsys
    )
    assert code == 1 and "已存在" in err and len(err.strip().splitlines()) == 2
    assert out.read_text(encoding="utf-8") == "mine"
    code, _, _ = call(
        ["--db", demo_file, "export", "2026-07-06", "--format", "md", "--out", str(out), "--force"], capsys
    )
    assert code == 0 and out.read_text(encoding="utf-8").startswith("# ")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp files left


@pytest.mark.parametrize(
    "args, needle",
    [
        (["export", "2031-01-01", "--format", "md"], "没有会议"),
        (["export", "deadbeef", "--format", "md"], "找不到会议"),
        (["export", "2026-07-20", "--format", "docx"], "无可导出"),
        (["export", "2026-07-06", "--format", "odt"], "不支持的格式"),
        (["export", "2026-07-06", "--format", "xlsx", "--unit", "火星局"], "未知单位：火星局"),
        (["load", "/nonexistent/x.json"], "文件不存在"),
    ],
)
def test_refusals_are_two_lines_and_exit_1(
    demo_file: str, tmp_path: Path, capsys, args: list[str], needle: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    code, _, err = call(["--db", demo_file, *args], capsys)
    assert code == 1 and needle in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 2
    assert list(work.iterdir()) == []


def test_unwritable_folder(demo_file: str, tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = call(
        ["--db", demo_file, "export", "2026-07-06", "--format", "md", "--out", str(blocker / "x.md")], capsys
    )
    assert code == 1 and "不存在" in err
    if os.geteuid() == 0:
        return  # root writes anywhere; the read-only case below needs an ordinary user
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    code, _, err = call(
        ["--lang", "en", "--db", demo_file, "export", "2026-07-06", "--format", "md", "--out", str(locked)],
        capsys,
    )
    assert code == 1 and "Cannot write" in err


def test_unit_and_split_by_unit(demo_db: Database, tmp_path: Path) -> None:
    import openpyxl

    [one] = export_meeting(demo_db, EARLIER, "xlsx", tmp_path, unit="住建局", settings=SETTINGS, today=TODAY)
    assert "区住建局" in one.name
    rows = list(openpyxl.load_workbook(one)["问题清单"].iter_rows(min_row=2, values_only=True))
    assert rows and all("区住建局" in (r[4], *str(r[5]).split("、")) for r in rows)
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
    split = tmp_path / "by-unit"
    files = export_meeting(
        demo_db, EARLIER, "xlsx", split, split_by_unit=True, settings=SETTINGS, today=TODAY
    )
    assert len(files) > 5 and all(f.parent == split for f in files)
    assert any(f.name.endswith("-区财政局.xlsx") for f in files)
    with pytest.raises(UserError) as info:
        export_meeting(demo_db, EARLIER, "xlsx", split, split_by_unit=True, settings=SETTINGS)
    assert info.value.key == "files.exists"


def test_progress_is_reported(demo_db: Database, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    export_meeting(demo_db, EARLIER, "html", tmp_path, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] and len(seen) >= 2


def test_titles_cannot_leave_the_folder(demo_db: Database, tmp_path: Path) -> None:
    from datetime import date

    from tui550.core.domain import Kind
    from tui550.core.store import items, meetings

    evil = meetings.create_meeting(demo_db, "../../etc/passwd\\..\x1b[31m" + "长" * 300, date(2026, 8, 1))
    items.capture(demo_db, meeting_id=evil.id, project_id=None, kind=Kind.MINUTE, text="会议强调")
    [path] = export_meeting(demo_db, evil.id, "md", tmp_path)
    assert path.parent == tmp_path and len(path.name.encode()) <= 200
    assert ".." not in path.name and "/" not in path.name and "\x1b" not in path.name


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=300))
def test_safe_name_never_escapes(text: str) -> None:
    name = safe_name(text)
    assert name and len(name) <= MAX_NAME and len(name.encode()) <= 180
    assert "/" not in name and "\\" not in name and ".." not in name and not name.startswith(".")
    assert not any(ord(c) < 32 or 127 <= ord(c) < 160 for c in name)


def test_write_atomic_refuses_existing(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    write_atomic(target, b"one", force=False)
    with pytest.raises(UserError):
        write_atomic(target, b"two", force=False)
    assert target.read_bytes() == b"one"
    write_atomic(target, b"two", force=True)
    assert target.read_bytes() == b"two" and len(list(tmp_path.iterdir())) == 1


def test_dump_and_load_commands(demo_file: str, tmp_path: Path, capsys) -> None:
    dump = tmp_path / "all.json"
    code, _, _ = call(["--db", demo_file, "dump", "--out", str(dump)], capsys)
    assert code == 0 and dump.exists()
    code, _, err = call(["--db", demo_file, "dump", "--out", str(dump)], capsys)
    assert code == 1 and "已存在" in err
    target = str(tmp_path / "copy.sqlite")
    code, out, _ = call(["--db", target, "load", str(dump), "--dry-run"], capsys)
    assert code == 0 and "试运行" in out
    code, out, _ = call(["--lang", "en", "--db", target, "load", str(dump)], capsys)
    assert code == 0 and "conflicts 0" in out
    again = tmp_path / "again.json"
    call(["--db", target, "dump", "--out", str(again)], capsys)
    assert again.read_bytes() == dump.read_bytes()
    one = tmp_path / "one.json"
    code, _, _ = call(
        ["--db", demo_file, "export", "2026-07-06", "--format", "json", "--out", str(one)], capsys
    )
    assert code == 0 and b'"meeting": "' in one.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "other"}')
    code, _, err = call(["--lang", "zh", "--db", target, "load", str(bad)], capsys)
    assert code == 1 and "不是 tui550 的交换文件" in err
