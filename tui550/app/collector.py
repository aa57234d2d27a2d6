"""Keeping Python's cycle collector out of the two keys that wait: Enter and PageDown.

After start-up (`Tui550App.started`) the collector runs whenever enough objects have been
made: a young collection (about 0.6 ms) about once per capture, and a middle one (4–6 ms)
about every tenth. One that falls inside a capture or a switch delays its frame; most of a
capture's p99 above its median was such collections. A hold turns the collector off from
the key until the frame that answers it is drawn. The collection the key's objects call for
then runs right after that frame, while the room reads it.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

HOLD_LATEST_S = 1.0  # a frame that never comes (a dialog on top) does not keep it off


class CollectorHold:
    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._held = False

    @property
    def held(self) -> bool:
        return self._held

    def hold(self) -> bool:
        """Turn the collector off until `release`; False (and nothing done) if it is off
        already: start-up or an export holds it, or another key does."""
        if self._held or not gc.isenabled():
            return False
        gc.disable()
        self._held = True
        self._app.set_timer(HOLD_LATEST_S, self.release)
        return True

    def release(self) -> None:
        if self._held:
            self._held = False
            gc.enable()
