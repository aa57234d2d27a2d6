"""The cycle collector stays out of the window between Enter (or PageDown) and its frame."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from tui550.core.cycle_collector import KeyHold


class App:
    def __init__(self) -> None:
        self.timers: list[tuple[float, object]] = []

    def set_timer(self, delay: float, callback: object) -> None:
        self.timers.append((delay, callback))


@pytest.fixture
def collector_on() -> Iterator[None]:
    """The collector on for the test, and left as it was found, whatever the test did."""
    was = gc.isenabled()
    gc.enable()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_a_hold_turns_the_collector_off_until_released(collector_on) -> None:
    app = App()
    hold = KeyHold(app.set_timer)
    assert hold.hold() and not gc.isenabled() and hold.held
    assert not hold.hold()  # a second key in the same window adds nothing
    assert len(app.timers) == 1  # released at the latest by this timer
    hold.release()
    assert gc.isenabled() and not hold.held
    hold.release()  # twice is harmless
    assert gc.isenabled()


def test_a_hold_leaves_alone_a_collector_someone_else_holds_off(collector_on) -> None:
    hold = KeyHold(App().set_timer)
    gc.disable()  # start-up, or an export
    assert not hold.hold()
    hold.release()
    assert not gc.isenabled()  # still theirs to turn back on


async def test_enter_holds_the_collector_until_its_row_is_drawn(make_demo_app, collector_on) -> None:
    from tui550.app.widgets.items import ItemTable

    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown")
        await pilot.pause()
        assert gc.isenabled()
        screen = app.screen
        screen.capture_bar.line.value = "拆迁安置滞后 @民主街道"
        screen.submit_line(screen.capture_bar.line.value, 0.0)
        assert not gc.isenabled()  # saved, not yet drawn
        table = screen.query_one("#captured", ItemTable)
        drawn: list[bool] = []
        table.after_next_draw(lambda: drawn.append(gc.isenabled()))
        await pilot.pause()
        assert drawn == [True] and gc.isenabled()  # released with its frame
        assert [i.text for i in table.items][-1] == "拆迁安置滞后"


async def test_an_app_that_quits_before_the_frame_leaves_the_collector_on(
    make_demo_app, collector_on
) -> None:
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown")
        await pilot.pause()
        screen = app.screen
        screen.submit_line("最后一句", 0.0)
        assert not gc.isenabled()
        app.exit()  # before the row's frame
    assert gc.isenabled()


def test_only_the_policy_module_switches_the_collector() -> None:
    import re
    from pathlib import Path

    import tui550

    root = Path(tui550.__file__).parent
    switching = re.compile(r"\bgc\.(?:enable|disable|freeze|set_threshold)\(")
    found = [
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if p.name != "cycle_collector.py" and switching.search(p.read_text(encoding="utf-8"))
    ]
    assert found == []
