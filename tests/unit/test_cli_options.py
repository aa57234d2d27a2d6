"""Global options anywhere, `--lang` for one run only, help in the interface language and
every option described, and evidence got back out with `item attach`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from tests.support.cli import call
from tui550.cli.main import global_options_first
from tui550.cli.parser import build_app
from tui550.core.settings import load_settings, settings_path


def test_global_options_after_the_command(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "x.sqlite")
    code, out, err = call(["meetings", "--db", db, "--lang", "en"], capsys)
    assert code == 0, err
    assert (tmp_path / "x.sqlite").exists() and "No meetings" in out
    assert global_options_first(["export", "latest", "-f", "md", "--db=y", "--", "--db", "z"]) == [
        "--db=y",
        "export",
        "latest",
        "-f",
        "md",
        "--",
        "--db",
        "z",
    ]
    assert global_options_first(["meetings", "--debug", "--db"]) == ["--debug", "--db", "meetings"]


def test_lang_for_one_command_is_not_saved(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "x.sqlite")
    code, out, _ = call(["--lang", "en", "--db", db, "meetings"], capsys)
    assert code == 0 and "No meetings" in out
    assert not settings_path().exists() or load_settings().lang == "zh"
    code, out, _ = call(["--db", db, "meetings"], capsys)
    assert "还没有会议" in out


def _params(command: Any, path: tuple[str, ...] = ("tui550",)) -> list[tuple[str, Any]]:
    found = [(" ".join(path), p) for p in command.params]
    for name, sub in getattr(command, "commands", {}).items():
        found += _params(sub, (*path, name))
    return found


def test_every_option_and_argument_is_described() -> None:
    params = _params(typer.main.get_command(build_app()))
    assert len(params) > 60
    missing = [
        f"{where} {p.opts}"
        for where, p in params
        if not getattr(p, "hidden", False) and not (getattr(p, "help", None) or "").strip()
    ]
    assert missing == []
    vague = [
        f"{where} {p.opts}"
        for where, p in params
        if (getattr(p, "help", None) or "").strip() in ("PATH", "FILE")
    ]
    assert vague == []


def test_typer_words_follow_the_interface_language(capsys) -> None:
    code, out, _ = call(["--lang", "zh", "units", "alias", "--help"], capsys)
    assert code == 0
    assert "显示本帮助并退出。" in out and "Show this message" not in out
    assert out.startswith("用法：tui550 units alias [选项]") and "参数：" in out and "[必填]" in out
    code, _, err = call(["--lang", "zh", "meetings", "--nope"], capsys)
    assert code == 2 and "错误：没有这个选项：--nope" in err and "Error" not in err
    code, _, err = call(["--lang", "zh", "meetingz"], capsys)
    assert code == 2 and "没有这个命令：meetingz（是否为 meeting, meetings？）" in err
    code, out, _ = call(["--lang", "en", "units", "alias", "--help"], capsys)
    assert "Show this message and exit." in out and out.startswith("Usage: tui550 units alias")


def test_attach_list_and_extract(tmp_path: Path, capsys) -> None:
    from tui550.core.db import open_database
    from tui550.core.domain import Kind
    from tui550.core.store import items, meetings, projects

    db_path = str(tmp_path / "x.sqlite")
    db = open_database(db_path, who="测试员")
    from datetime import date

    p = projects.add_project(db, "甲项目")
    m = meetings.create_meeting(db, "会", date(2026, 7, 5), project_ids=[p.id])
    item = items.capture(db, meeting_id=m.id, project_id=p.id, kind=Kind.ISSUE, text="土地未落实")
    db.close()
    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(b"\xff\xd8jpeg bytes")
    base = ["--db", db_path, "item", "attach"]
    code, out, _ = call([*base, "--list", item.id.hex], capsys)
    assert code == 0 and "还没有佐证材料" in out
    assert call([*base, item.id.hex, str(photo)], capsys)[0] == 0
    code, out, _ = call([*base, "--list", item.id.hex], capsys)
    assert code == 0 and "现场照片.jpg（12 字节" in out
    folder = tmp_path / "out"
    folder.mkdir()
    code, out, _ = call([*base, "--extract", item.id.hex, "--out", str(folder)], capsys)
    assert code == 0 and (folder / "现场照片.jpg").read_bytes() == photo.read_bytes()
    code, _, err = call([*base, "--extract", item.id.hex, "--out", str(folder)], capsys)
    assert code == 1 and "--force" in err
    code, _, _ = call([*base, "--extract", item.id.hex, "--out", str(folder), "--force"], capsys)
    assert code == 0
    code, _, err = call([*base, "--list", "--extract", item.id.hex], capsys)
    assert code == 1 and "--list" in err


def test_two_files_of_one_name_are_both_taken_out(tmp_path: Path, capsys) -> None:
    from datetime import date

    from tui550.core.db import open_database
    from tui550.core.domain import Kind
    from tui550.core.store import items, meetings, projects
    from tui550.core.store.followup import attach_evidence

    db = open_database(str(tmp_path / "x.sqlite"), who="测试员")
    p = projects.add_project(db, "甲项目")
    m = meetings.create_meeting(db, "会", date(2026, 7, 5), project_ids=[p.id])
    item = items.capture(db, meeting_id=m.id, project_id=p.id, kind=Kind.ISSUE, text="土地未落实")
    for n, body in enumerate((b"first", b"second")):
        folder = tmp_path / f"d{n}"
        folder.mkdir()
        (folder / "照片.jpg").write_bytes(body)
        attach_evidence(db, item.id, folder / "照片.jpg")
    db.close()
    out = tmp_path / "out"
    out.mkdir()
    code, _, err = call(
        ["--db", str(tmp_path / "x.sqlite"), "item", "attach", "--extract", item.id.hex, "--out", str(out)],
        capsys,
    )
    assert code == 0, err
    assert sorted(f.read_bytes() for f in out.iterdir()) == [b"first", b"second"]
    assert all(f.name.startswith("照片-") and f.suffix == ".jpg" for f in out.iterdir())
    code, _, err = call(
        [
            "--db",
            str(tmp_path / "x.sqlite"),
            "item",
            "attach",
            "--extract",
            item.id.hex,
            "--out",
            str(out / "one.jpg"),
        ],
        capsys,
    )
    assert code == 1 and "2" in err  # two files cannot go to one file name
