"""The user's keymap: clashes reported (which command lost its key), hints that follow it."""

from __future__ import annotations

from tui550.app.commands import KeyClash, key_label, keymap_problems, kind_keys_label, unreachable_keys
from tui550.i18n import t


def test_a_remapped_key_names_the_command_that_lost_it() -> None:
    unknown, clashes = keymap_problems({"meeting.minute": "f3", "meeting.nothing": "f9"})
    assert unknown == ["meeting.nothing"]
    assert clashes == [KeyClash("meeting.minute", "f3", "meeting.decision")]
    # Another screen's F3 is no clash; a swap of two keys is none either.
    assert keymap_problems({"wall.street": "f3", "wall.unit": "f2"}) == ([], [])
    jump = keymap_problems({"meeting.jump": "ctrl+f"})[1]
    assert jump == [KeyClash("meeting.jump", "ctrl+f", "meeting.search")]
    # An app-wide command takes the key on every screen.
    lost = {c.lost_id for c in keymap_problems({"app.wallchart": "f2"})[1]}
    assert {"meeting.minute", "supervision.light", "wall.street"} <= lost


def test_the_kind_hint_follows_the_keymap() -> None:
    assert kind_keys_label({}) == "F2–F5"
    moved = {
        "meeting.minute": "f5",
        "meeting.decision": "f6",
        "meeting.issue": "f7",
        "meeting.deadline": "f8",
    }
    assert kind_keys_label(moved) == "F5–F8"
    assert kind_keys_label({"meeting.minute": "ctrl+k"}) == "CTRL+K/F3/F4/F5"
    assert "F5–F8 选类型" in t("capture.hint", "zh", kinds=kind_keys_label(moved))
    assert key_label({}, "list.guide") == "?" and key_label({}, "list.delete") == "d / DELETE"


async def test_the_app_reports_a_clash_at_start(make_demo_app) -> None:
    app = make_demo_app()
    app.settings = app.settings.with_overrides(keymap={"meeting.minute": "f3"})
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        shown = [str(n.message) for n in app._notifications]
        assert any("“纪要”改用 F3，“议定”因此失去了按键 F3" in m for m in shown), shown
        await pilot.press("x", "backspace")  # an emptied line shows the hint
        await pilot.pause()
        assert "F3/F3/F4/F5 选类型" in str(app.screen.query_one("#preview").render())


def test_an_alt_key_that_arrives_as_esc_then_the_key_is_reported() -> None:
    keymap = {"meeting.next": "alt+n", "meeting.previous": "alt+pageup", "list.edit": "e,alt+enter"}
    assert unreachable_keys(keymap) == [("meeting.next", "alt+n"), ("list.edit", "alt+enter")]
    assert unreachable_keys({"meeting.next": "ctrl+alt+left", "nothing.here": "alt+x"}) == []
    assert "Esc" in t("keymap.alt", "zh", command="下一项", key="ALT+N")


async def test_the_app_reports_an_unreachable_alt_key_at_start(make_demo_app) -> None:
    app = make_demo_app()
    app.settings = app.settings.with_overrides(keymap={"meeting.next": "alt+n"})
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        shown = [str(n.message) for n in app._notifications]
        assert any("ALT+N 无法使用" in m for m in shown), shown
