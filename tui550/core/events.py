"""The machine-readable event log (`--events FILE`): one JSON object a line.

Tests and benchmarks read it to know what the app reported saved and how long
it took, without driving or timing the UI from outside.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import IO, Any

from tui550.core.files import open_append
from tui550.core.secrets import scrub


class EventLog:
    def __init__(self, path: Path | None) -> None:
        self._out: IO[str] | None = None
        if path is not None:
            # Event lines carry item ids and project names: private like the database.
            fd = open_append(path)
            self._out = os.fdopen(fd, "a", encoding="utf-8", buffering=1)
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self._out is not None

    def emit(self, event: str, **fields: Any) -> None:
        if self._out is None:
            return
        record = {"event": event, "t": time.time(), **fields}
        line = scrub(json.dumps(record, ensure_ascii=False, default=str))
        with self._lock:
            self._out.write(line + "\n")
            self._out.flush()

    def close(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None
