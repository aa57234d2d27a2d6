"""One unit matcher for every door: alias collisions, removal, renaming, streets, `--unit`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui550.cli.main import run
from tui550.core.db import Database
from tui550.core.domain import UnitKind
from tui550.core.errors import UserError
from tui550.core.store import items, units
from tui550.core.unit_names import name_clash


def test_alias_that_finds_another_unit_is_refused_with_the_reason(db: Database) -> None:
    zj = units.add_unit(db, "区住建局")
    cg = units.add_unit(db, "区城管局")  # no alias registered: 城管局 finds it by its short form
    with pytest.raises(UserError) as err:
        units.add_alias(db, zj.id, "城管局")
    assert err.value.key == "ledger.unit.name_taken.short"
    assert "区城管局" in err.value.message("zh") and "简称" in err.value.message("zh")
    with pytest.raises(UserError) as err:
        units.add_alias(db, zj.id, "区 城管局")
    assert err.value.key == "ledger.unit.name_taken.name"
    units.add_alias(db, cg.id, "城管")
    with pytest.raises(UserError) as err:
        units.add_alias(db, zj.id, "城管")
    assert err.value.key == "ledger.unit.name_taken.alias"
    assert units.match_unit(db, "城管局").id == cg.id  # nothing moved
    assert units.add_alias(db, zj.id, "建设局").aliases == ("建设局",)


def test_a_word_several_units_share_may_become_one_units_alias() -> None:
    from tui550.core.domain import UnitView

    a = UnitView(id=1, name="焦西街道", kind=UnitKind.STREET)  # type: ignore[arg-type]
    b = UnitView(id=2, name="焦南街道", kind=UnitKind.STREET)  # type: ignore[arg-type]
    c = UnitView(id=3, name="区督查局", kind=UnitKind.DEPARTMENT)  # type: ignore[arg-type]
    assert name_clash("街道", [a, b, c], own=3) is None
    clash = name_clash("焦西", [a, b, c], own=3)
    assert clash is not None and clash.owner is a and clash.how == "short"
    assert name_clash("焦西", [a, b, c], own=1) is None  # its own short name


def test_alias_removal_and_rename_keep_the_old_name(db: Database) -> None:
    zj = units.add_unit(db, "区住建局", aliases=["建设局"])
    units.add_unit(db, "区财政局")
    assert units.remove_alias(db, zj.id, "建设局").aliases == ()
    assert units.find_unit(db, "建设局") is None
    with pytest.raises(UserError) as err:
        units.remove_alias(db, zj.id, "建设局")
    assert err.value.key == "ledger.unit.no_alias"
    renamed = units.rename_unit(db, zj.id, "区住房和城乡建设局")
    assert renamed.name == "区住房和城乡建设局" and renamed.aliases == ("区住建局",)
    assert units.match_unit(db, "住建局").id == zj.id  # the old short form still finds it
    with pytest.raises(UserError) as err:
        units.rename_unit(db, zj.id, "财政局")
    assert err.value.key == "ledger.unit.name_taken.short"
    back = units.rename_unit(db, zj.id, "区住建局")  # an alias becomes the name again
    assert back.name == "区住建局" and back.aliases == ("区住房和城乡建设局",)
    actions = [h.action for h in items.history_of(db, zj.id)]
    assert actions.count("rename") == 2 and "unalias" in actions


def test_streets_are_matched_among_streets(db: Database) -> None:
    street = units.add_unit(db, "焦西街道", UnitKind.STREET)
    units.add_unit(db, "焦西建设公司", UnitKind.COMPANY)
    assert units.match_unit(db, "焦西", only=UnitKind.STREET).id == street.id
    with pytest.raises(UserError) as err:
        units.match_unit(db, "焦东", only=UnitKind.STREET)
    assert err.value.key.startswith("parse.street.unknown")
    assert "街道" in err.value.message("zh") and "单位" not in err.value.message("zh")


def call(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        run(args)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


@pytest.fixture
def demo_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "demo.sqlite")
    code, _, _ = call(["--db", path, "demo", "--no-open"], capsys)
    assert code == 0
    return path


def _held_meeting(path: str) -> str:
    from tui550.core.db import open_database
    from tui550.core.store.items import meeting_items
    from tui550.core.store.meetings import list_meetings

    db = open_database(path, who="测试员")
    try:
        return next(m.id.hex for m in list_meetings(db) if meeting_items(db, m.id))
    finally:
        db.close()


COMMANDS = [
    ["export", "{m}", "-f", "md", "--unit", "{u}", "--out", "{out}/m.md"],
    ["item", "list", "--unit", "{u}"],
    ["report", "--unit", "{u}", "--out", "{out}/r.md"],
    ["wallchart", "--unit", "{u}", "--out", "{out}/w.xlsx"],
]


@pytest.mark.parametrize("value", ["区住建局", "住建局", "住建", "区住房和城乡建设局"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_every_unit_option_takes_what_the_capture_line_takes(
    command: list[str], value: str, demo_file: str, tmp_path: Path, capsys
) -> None:
    args = [a.format(u=value, out=tmp_path, m=_held_meeting(demo_file)) for a in command]
    code, _, err = call(["--db", demo_file, *args], capsys)
    assert code == 0, err


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_every_unit_option_refuses_in_one_wording(
    command: list[str], demo_file: str, tmp_path: Path, capsys
) -> None:
    args = [a.format(u="局", out=tmp_path, m=_held_meeting(demo_file)) for a in command]
    code, _, err = call(["--db", demo_file, "--lang", "zh", *args], capsys)
    assert code == 1 and err.startswith("单位“局”不唯一：")
    args = [a.format(u="区气象局", out=tmp_path, m=_held_meeting(demo_file)) for a in command]
    code, _, err = call(["--db", demo_file, *args], capsys)
    assert code == 1 and err.startswith("未知单位：区气象局")


def test_wallchart_street_finds_the_street(demo_file: str, tmp_path: Path, capsys) -> None:
    wall = ["--db", demo_file, "wallchart", "--street"]
    code, _, err = call([*wall, "焦西", "--out", str(tmp_path / "w.xlsx")], capsys)
    assert code == 0, err
    code, _, err = call(["--lang", "en", *wall, "焦西", "--out", str(tmp_path / "en.xlsx")], capsys)
    assert code == 0, err  # the English sheet name loses its colon, which Excel refuses
    code, _, err = call([*wall, "住建局", "--out", str(tmp_path / "x.xlsx")], capsys)
    assert code == 1 and err.startswith("未知街道：住建局")


def test_units_cli_alias_refused_unalias_rename(demo_file: str, capsys) -> None:
    code, _, err = call(["--db", demo_file, "units", "alias", "区住建局", "城管局"], capsys)
    assert code == 1 and "区城管局" in err
    code, out, _ = call(["--db", demo_file, "units", "unalias", "区住建局", "住建局"], capsys)
    assert code == 0 and out.strip() == "区住建局  别名：区住房和城乡建设局"
    code, out, _ = call(["--db", demo_file, "units", "rename", "区住建局", "区住房城乡建设局"], capsys)
    assert code == 0 and out.strip() == "区住房城乡建设局  别名：区住建局、区住房和城乡建设局"


def test_a_project_form_adds_only_plainly_new_units(db: Database) -> None:
    zj = units.add_unit(db, "区住建局")
    added = units.add_units_named(
        db, [("住建", None), ("区住建", None), ("焦西街道", UnitKind.STREET), ("区城管局", None), ("", None)]
    )
    assert [(u.name, u.kind) for u in added] == [
        ("焦西街道", UnitKind.STREET),
        ("区城管局", UnitKind.DEPARTMENT),
    ]
    assert units.match_unit(db, "住建").id == zj.id
    # A near miss is left for the form to report, not added.
    assert units.add_units_named(db, [("区住建委", None)]) == []
