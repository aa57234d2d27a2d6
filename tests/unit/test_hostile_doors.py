"""Every way in and out, tried with the hostile inputs of `tests/support/hostile_inputs.py`.

Each attempt asserts the exit code, the two-line message (cause and remedy), that
the database holds what it held before, and for outputs that the target is as it
was (a device still a device, a link still a link) with no temporary file left:
the refusal came before any write. Memory is measured on a separate process
(processes/test_peak_memory.py).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from tests.support import hostile_inputs as hostile
from tests.support.cli import call, messages
from tui550.core import exchange
from tui550.core.db import open_database

pytestmark = pytest.mark.sqlite_only


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path | None]:
    return hostile.make_all(tmp_path_factory.mktemp("hostile"))


@pytest.fixture
def dbfile(tmp_path: Path) -> str:
    return hostile.exchange_database(tmp_path / "target.sqlite")


def content(dbfile: str) -> bytes:
    db = open_database(dbfile)
    try:
        return exchange.to_json(exchange.dump(db))
    finally:
        db.close()


def refused(args: list[str], dbfile: str, capsys: pytest.CaptureFixture[str], *needles: str) -> str:
    before = content(dbfile)
    code, _, err = call(["--db", dbfile, *args], capsys)
    lines = messages(err)
    assert code == 1, err
    assert len(lines) == 2 and "Traceback" not in err and "意外错误" not in err, err
    for needle in needles:
        assert needle in lines[0], lines
    assert content(dbfile) == before
    return lines[0]


# --- imports ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, needle",
    [
        ("xlsx_bomb", "解压后达 300 MB"),
        ("shared_strings_bomb", "解压后达 60 MB"),
        ("xlsx_xxe", "损坏"),
        ("xlsx_laughs", "损坏"),
        ("csv_gbk_bad_row3", "第 3 行"),
        ("csv_huge_cell", "第 2 行有单元格超过 1000000 个字符"),
        ("fifo", "命名管道"),
    ],
)
def test_hostile_imports_are_refused(inputs, dbfile: str, capsys, name: str, needle: str) -> None:
    cause = refused(["import", "projects", str(inputs[name])], dbfile, capsys, needle)
    assert "root:" not in cause  # the XXE entity was never expanded into a message


def test_a_lead_unit_of_dots_is_a_problem_not_dropped(inputs, dbfile: str, capsys) -> None:
    before = content(dbfile)
    code, _, err = call(["--db", dbfile, "import", "projects", str(inputs["csv_lead_dots"])], capsys)
    assert code == 1 and "“..”不是单位名称" in err and "C（牵头单位）" in err
    assert content(dbfile) == before


def test_utf8_bad_byte_is_reported_on_its_row(tmp_path: Path, dbfile: str, capsys) -> None:
    path = hostile.csv_utf8_bad_late(tmp_path, row=30_002)
    refused(["import", "projects", str(path)], dbfile, capsys, "第 30002 行")


def test_a_workbook_past_the_row_cap_stops_there(tmp_path: Path, dbfile: str, capsys) -> None:
    from tui550.core.importing.run import MAX_ROWS

    path = hostile.xlsx_many_rows(tmp_path, rows=MAX_ROWS + 10)
    refused(["import", "projects", str(path)], dbfile, capsys, f"超过 {MAX_ROWS} 行")


def test_problems_are_listed_twenty_then_counted(tmp_path: Path, dbfile: str, capsys) -> None:
    path = tmp_path / "bad-dates.csv"
    rows = "".join(f"A{n},项目{n},2026-13-{n % 28 + 1:02d}\r\n" for n in range(100))
    path.write_text("项目编号,项目名称,计划开工\r\n" + rows, encoding="utf-8")
    code, _, err = call(["--db", dbfile, "import", "projects", str(path)], capsys)
    assert code == 1
    listed = [line for line in err.splitlines() if line.startswith("第 ")]
    assert len(listed) == 20 and "另有 80 处问题" in err


# --- load ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name, changes, path", hostile.BAD_EXCHANGES)
def test_bad_exchange_files_name_the_json_path(
    tmp_path: Path, dbfile: str, capsys, name: str, changes: dict, path: str
) -> None:
    file = hostile.write_exchange(tmp_path, name, hostile.exchange(**changes))
    refused(["load", str(file)], dbfile, capsys, path)


def test_nan_investment_and_huge_text_are_refused(inputs, tmp_path: Path, dbfile: str, capsys) -> None:
    refused(["load", str(inputs["nan"])], dbfile, capsys, "investment_total", "有限")
    huge = hostile.huge_text_exchange(tmp_path, chars=2_000_000)
    refused(["load", str(huge)], dbfile, capsys, "tables.item[0].text", "2000000")


def test_several_problems_are_counted(tmp_path: Path, dbfile: str, capsys) -> None:
    file = hostile.write_exchange(
        tmp_path,
        "two.json",
        hostile.exchange(**{"item.kind": "evil", "item.status": "whatever", "meeting.state": "x"}),
    )
    cause = refused(["load", str(file)], dbfile, capsys, "另有 2 处问题")
    assert "tables.meeting[0].state" in cause  # tables are checked in the file's order


def test_a_database_error_during_load_is_two_lines_without_sql(tmp_path: Path, dbfile: str, capsys) -> None:
    con = sqlite3.connect(dbfile)
    con.execute(
        "create trigger no_items before insert on item begin select raise(abort, 'items are frozen'); end"
    )
    con.commit()
    con.close()
    data = hostile.exchange(**{"item.id": "00000000-0000-4000-8000-0000000000aa"})
    file = hostile.write_exchange(tmp_path, "new-item.json", data)
    cause = refused(["load", str(file)], dbfile, capsys, "items are frozen")
    assert "INSERT" not in cause and "正常的事项" not in cause


def test_load_refuses_a_fifo(inputs, dbfile: str, capsys) -> None:
    refused(["load", str(inputs["fifo"])], dbfile, capsys, "命名管道")


# --- escapes stay text --------------------------------------------------------------------


def test_escapes_are_cleaned_on_load_and_escaped_on_the_way_out(
    inputs, dbfile: str, tmp_path: Path, capsys
) -> None:
    code, _, _ = call(["--db", dbfile, "load", str(inputs["escapes"])], capsys)
    assert code == 0
    con = sqlite3.connect(dbfile)
    stored = [r[0] for r in con.execute("select text from item")]
    con.close()
    assert all("\x1b" not in t and "\x07" not in t and "\u202e" not in t for t in stored)
    # A database written by hand (or an older version) still lists safely.
    con = sqlite3.connect(dbfile)
    con.execute(
        "update item set text = ? where id = ?",
        ("手写" + hostile.ESCAPES, hostile.UUIDS["item"].replace("-", "")),
    )
    con.execute("update unit set name = ?", ("区\x1b]0;x\x07局",))
    con.commit()
    con.close()
    for args in (
        ["item", "list"],
        ["item", "show", hostile.UUIDS["item"][:8]],
        ["meetings"],
        ["units"],
        ["search", "手写"],
        ["search", "手写", "--json"],
    ):
        code, out, err = call(["--db", dbfile, *args], capsys)
        assert code == 0, (args, err)
        assert not any(c in out + err for c in "\x1b\x07\x9b\u202e"), args
    assert "\\x1b]52" in call(["--db", dbfile, "item", "list"], capsys)[1]
    for fmt in ("md", "html", "docx", "xlsx"):
        target = tmp_path / f"minutes.{fmt}"
        code, _, err = call(["--db", dbfile, "export", "2026-07-06", "-f", fmt, "--out", str(target)], capsys)
        assert code == 0, err
        if fmt in ("md", "html"):
            text = target.read_text(encoding="utf-8")
            assert "\x1b" not in text and "\u202e" not in text and "手写" in text
    report = tmp_path / "report.md"
    assert call(["--db", dbfile, "report", "-f", "md", "--out", str(report)], capsys)[0] == 0
    assert "\x1b" not in report.read_text(encoding="utf-8")


# --- outputs ------------------------------------------------------------------------------

OUTPUT_COMMANDS = [
    ["export", "2026-07-06", "-f", "md"],
    ["export", "2026-07-06", "-f", "json"],
    ["dump"],
    ["backup"],
    ["report"],
    ["wallchart"],
    ["template", "issues"],
]


def _left_alone(folder: Path, before: set[str]) -> None:
    assert {p.name for p in folder.iterdir()} == before  # no temporary file left


@pytest.mark.parametrize("command", OUTPUT_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_outputs_refuse_fifos_links_and_folders(
    command: list[str], dbfile: str, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    pipe = out / "pipe"
    os.mkfifo(pipe)
    victim = out / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    link = out / "link"
    link.symlink_to(victim)
    names = {p.name for p in out.iterdir()}
    for target, needle in ((pipe, "命名管道"), (link, "符号链接")):
        refused([*command, "--out", str(target), "--force"], dbfile, capsys, needle)
        _left_alone(out, names)
    assert stat.S_ISFIFO(pipe.lstat().st_mode) and link.is_symlink()
    assert victim.read_text(encoding="utf-8") == "keep me"
    refused([*command, "--out", str(victim)], dbfile, capsys, "已存在")
    long_name = tmp_path / ("长" * 300 + ".out")
    refused([*command, "--out", str(long_name)], dbfile, capsys, "文件名太长")


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
@pytest.mark.parametrize("command", OUTPUT_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_force_never_replaces_a_device(command: list[str], dbfile: str, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    out.mkdir()
    device = hostile.private_device(out)
    assert device is not None
    refused([*command, "--out", str(device), "--force"], dbfile, capsys, "设备")
    assert stat.S_ISCHR(device.lstat().st_mode)
    _left_alone(out, {device.name})


def test_dev_full_is_refused_without_being_touched(dbfile: str, capsys) -> None:
    # Only named, never with --force: a regression must not be able to replace it.
    before = os.lstat("/dev/full")
    refused(["export", "2026-07-06", "-f", "md", "--out", "/dev/full"], dbfile, capsys, "设备")
    after = os.lstat("/dev/full")
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_files_are_0600_and_folders_0700_whatever_the_umask(dbfile: str, tmp_path: Path, capsys) -> None:
    old = os.umask(0)
    try:
        for command, name in (
            (["export", "2026-07-06", "-f", "md"], "m.md"),
            (["report", "-f", "md"], "r.md"),
            (["wallchart", "-f", "html"], "w.html"),
            (["dump"], "d.json"),
            (["backup"], "b.sqlite"),
            (["template", "issues"], "t.csv"),
        ):
            out = tmp_path / name
            assert call(["--db", dbfile, *command, "--out", str(out)], capsys)[0] == 0
            assert stat.S_IMODE(out.stat().st_mode) == 0o600, name
        split = tmp_path / "a" / "b"
        code, _, _ = call(
            ["--db", dbfile, "export", "2026-07-06", "-f", "xlsx", "--split-by-unit", "--out", str(split)],
            capsys,
        )
        assert code == 0
        assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o700
        assert stat.S_IMODE(split.stat().st_mode) == 0o700
    finally:
        os.umask(old)


def test_template_csv_is_csv(tmp_path: Path, capsys) -> None:
    out = tmp_path / "x.csv"
    assert call(["template", "issues", "--out", str(out)], capsys)[0] == 0
    data = out.read_bytes()
    assert not data.startswith(b"PK") and "问题描述" in data.decode("utf-8-sig").splitlines()[0]


# --- other inputs -------------------------------------------------------------------------


def test_attach_refuses_links_unless_followed_and_special_files(
    inputs, dbfile: str, tmp_path: Path, capsys
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("s3cret", encoding="utf-8")
    link = tmp_path / "innocent.txt"
    link.symlink_to(secret)
    item = hostile.UUIDS["item"][:8]
    refused(["item", "attach", item, str(link)], dbfile, capsys, "符号链接")
    refused(["item", "attach", item, str(inputs["fifo"])], dbfile, capsys, "命名管道")
    code, out, _ = call(["--db", dbfile, "item", "attach", item, str(link), "--follow"], capsys)
    assert code == 0 and "innocent.txt" in out


def test_restore_refuses_special_files(inputs, dbfile: str, capsys) -> None:
    refused(["restore", str(inputs["fifo"]), "--yes"], dbfile, capsys, "命名管道")
    if inputs["device"] is not None:
        refused(["restore", str(inputs["device"]), "--yes"], dbfile, capsys, "设备")


def test_a_refused_newer_database_gets_no_wal_or_shm(tmp_path: Path, capsys) -> None:
    path = tmp_path / "newer.sqlite"
    open_database(str(path)).close()
    con = sqlite3.connect(path)
    con.execute("update alembic_version set version_num = '9999'")
    con.commit()
    con.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    code, _, err = call(["--db", str(path), "meetings"], capsys)
    assert code == 1 and "9999" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == names
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://clerk@127.0.0.1:1/db?password=PW-in-query",
        "postgresql://clerk:PW-in-userinfo@127.0.0.1:1/db",
        "postgresql://clerk@127.0.0.1:1/db?sslmode=disable&passfile=/secret/PW-in-passfile",
    ],
)
def test_no_form_of_password_is_printed(url: str, capsys, monkeypatch) -> None:
    monkeypatch.setenv("PGPASSWORD", "PW-in-env")
    code, out, err = call(["--db", url, "meetings"], capsys)
    assert code == 1 and len(err.strip().splitlines()) == 2
    assert "PW-in" not in out + err and "***" in err


def test_screens_get_stored_text_with_control_characters_shown(dbfile: str) -> None:
    """What the store hands the screens (items, units, projects, meetings, search hits)
    shows an older database's control characters as text: a wall never clears itself."""
    from tui550.core.search import search
    from tui550.core.store import items, meetings, projects, units
    from tui550.core.store.supervision import supervision_rows

    con = sqlite3.connect(dbfile)
    con.execute("update item set text = ?", ("手写\x1b[2J\x1b]0;x\x07",))
    con.execute("update unit set name = ?", ("区\x1b]52;c;eA==\x07局",))
    con.execute("update project set name = ?", ("项目\x9b2J",))
    con.execute("update meeting set title = ?", ("会议\u202e",))
    con.commit()
    con.close()
    db = open_database(dbfile)
    try:
        meeting = meetings.list_meetings(db)[0]
        shown = [i.text for i in items.meeting_items(db, meeting.id)]
        shown += [u.name for u in units.list_units(db)] + [p.name for p in projects.list_projects(db)]
        shown += [meeting.title] + [r.item.text for r in supervision_rows(db)]
        shown += [h.title + h.snippet for h in search(db, "手写")]
    finally:
        db.close()
    assert shown and all(not any(c in s for c in "\x1b\x07\x9b\u202e") for s in shown), shown
    assert any("\\x1b[2J" in s for s in shown)
