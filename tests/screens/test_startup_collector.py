"""Start-up holds the cycle collector off; it must always come back on."""

from __future__ import annotations

import gc

import pytest

from tui550.cli.main import run
from tui550.core import cycle_collector
from tui550.core.cycle_collector import FULL_COLLECTION_EVERY


def test_a_command_that_ends_early_turns_the_collector_back_on() -> None:
    with pytest.raises(SystemExit) as exited:
        run(["--version"])
    assert exited.value.code == 0
    assert gc.isenabled()


async def test_the_app_freezes_start_up_objects_once_painted_if_start_up_held_collection(
    make_demo_app,
) -> None:
    frozen = gc.get_freeze_count()
    app = make_demo_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        # Under tests the collector is on: the first paint leaves it alone.
        assert gc.isenabled() and gc.get_freeze_count() == frozen
        thresholds = gc.get_threshold()
        cycle_collector.hold_for_start_up()  # as `tui550.cli.main.run` does
        try:
            app.started()
            assert gc.isenabled()
            assert gc.get_freeze_count() > frozen
            assert gc.get_threshold()[2] == FULL_COLLECTION_EVERY
        finally:
            gc.unfreeze()
            gc.set_threshold(*thresholds)
            gc.enable()
