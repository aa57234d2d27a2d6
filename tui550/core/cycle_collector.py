"""When Python's cycle collector may run: the one place that switches it.

Three moments call for it to be off, and each has a reason:
- start-up makes about a million long-lived objects (modules, classes, SQLAlchemy's and
  Textual's tables): collecting while they are made only costs time. Once the first screen
  is painted they are frozen out of the collector's reach, so a full collection later
  walks only what the meeting made;
- an export makes tens of thousands of short-lived objects that reference counting frees,
  while each full collection would walk every object the process holds;
- the two keys that wait (Enter, PageDown): a collection inside them delays their frame.
  A key's hold ends with that frame, and the collection its objects call for runs then.

The app, the command line and the exports call the functions here; nothing else touches `gc`.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator

# With the start-up objects frozen, Python's 25 % growth rule always holds against so few
# long-lived objects and it would run a full collection after every ten young ones. Full
# collections are made ten times rarer; each frees only the cycles the meeting made.
FULL_COLLECTION_EVERY = 100

# A key's frame that never comes (a dialog on top) does not keep the collector off longer.
KEY_HOLD_LATEST_S = 1.0

_starting = False


def hold_for_start_up() -> None:
    """Off while the process starts; `command_started` or `start_up_painted` ends it."""
    global _starting
    _starting = True
    gc.disable()


def command_started() -> None:
    """A command (not the app) is about to run: collect as usual."""
    global _starting
    _starting = False
    gc.enable()


def start_up_painted(*, key_held: bool) -> None:
    """The app's first screen is painted: freeze what start-up made and collect again, if
    start-up held the collector off and no key holds it now (tests start with it on)."""
    global _starting
    if not _starting or gc.isenabled() or key_held:
        return
    _starting = False
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_EVERY)
    gc.enable()


def process_ends() -> None:
    """Whatever happened, the collector is on again when the process's work ends."""
    global _starting
    _starting = False
    gc.enable()


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Off for one piece of bulk work (an export); as it was afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class KeyHold:
    """Off from a key that waits until the frame that answers it is drawn.

    `schedule(delay, callback)` is the caller's timer (the app's `set_timer`): the hold
    ends at the latest after `KEY_HOLD_LATEST_S`."""

    def __init__(self, schedule: Callable[[float, Callable[[], None]], object]) -> None:
        self._schedule = schedule
        self._held = False

    @property
    def held(self) -> bool:
        return self._held

    def hold(self) -> bool:
        """Off until `release`; False (and nothing done) if it is off already: start-up or
        an export holds it, or another key does."""
        if self._held or not gc.isenabled():
            return False
        gc.disable()
        self._held = True
        self._schedule(KEY_HOLD_LATEST_S, self.release)
        return True

    def release(self) -> None:
        if self._held:
            self._held = False
            gc.enable()
