"""The outbox: captures that could not reach the database wait here, on this computer.

In a shared-database meeting the server can go away (a restart, the network).
A capture must not be lost, and it must not be saved twice. When
`items.capture` raises StorageError, the app puts the capture's arguments,
with the item's client-made UUID, in the outbox: a small SQLite file in the
data folder (0600), committed durably before the app tells the room the item
is kept. A retry loop calls `flush(db)`, which saves the entries in the order
they were put, deleting each only after the database has it. A crash between
the two repeats the capture on the next flush, which `capture` turns into a
no-op because the item's id is already stored: exactly once.

Entries remember which database they were meant for (its URL without the
password), so a flush against another database leaves them alone.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui550.core.db import is_unavailable
from tui550.core.domain import Kind, Tag
from tui550.core.errors import StorageError, UserError
from tui550.core.files import private_folder
from tui550.core.secrets import redact
from tui550.core.settings import data_dir
from tui550.core.store import items

if TYPE_CHECKING:
    from tui550.core.db import Database
    from tui550.core.domain import ItemView

FILE_NAME = "outbox.sqlite"
_UUIDS = ("meeting_id", "project_id", "lead_unit_id", "item_id")
_DATES = ("due", "actual")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS entry (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id TEXT NOT NULL UNIQUE,
    target TEXT NOT NULL,
    capture TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    failed TEXT
)
"""


def default_path() -> Path:
    return data_dir() / FILE_NAME


def _encode(kwargs: Mapping[str, Any]) -> str:
    out: dict[str, Any] = {}
    for key, value in kwargs.items():
        if value is None:
            out[key] = None
        elif key in _UUIDS:
            out[key] = str(value)
        elif key == "co_unit_ids":
            out[key] = [str(u) for u in value]
        elif key in _DATES:
            out[key] = value.isoformat()
        else:
            out[key] = getattr(value, "value", value)  # Kind and Tag are stored by value
    return json.dumps(out, ensure_ascii=False, sort_keys=True)


def _decode(text: str) -> dict[str, Any]:
    raw = json.loads(text)
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if value is None:
            out[key] = None
        elif key in _UUIDS:
            out[key] = uuid.UUID(value)
        elif key == "co_unit_ids":
            out[key] = [uuid.UUID(u) for u in value]
        elif key in _DATES:
            out[key] = date.fromisoformat(value)
        elif key == "kind":
            out[key] = Kind(value)
        elif key == "tag":
            out[key] = Tag(value)
        else:
            out[key] = value
    return out


def _target(db: Database) -> str:
    return redact(db.url)


class Outbox:
    """A durable, ordered queue of captures for one user on one computer."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        private_folder(self.path.parent)
        if not self.path.exists():
            # Unsaved minutes are official records too: owner-only, like the database.
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        self._con = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._con.execute("PRAGMA journal_mode=WAL")
        self._con.execute("PRAGMA synchronous=FULL")
        self._con.execute("PRAGMA busy_timeout=10000")
        self._con.execute(_SCHEMA)
        # One flush at a time in this process; the UNIQUE item_id guards against two processes.
        self._flushing = threading.Lock()

    def put(self, capture_kwargs: Mapping[str, Any], db: Database | None = None) -> uuid.UUID:
        """Keep a capture for later; returns its item id (made here if the caller had none).

        `db` is the database it was meant for (None: whichever database flushes it).
        Putting the same item id twice keeps one entry.
        """
        kwargs = dict(capture_kwargs)
        if kwargs.get("item_id") is None:
            kwargs["item_id"] = uuid.uuid4()
        item_id = uuid.UUID(str(kwargs["item_id"]))
        target = _target(db) if db is not None else ""
        self._con.execute(
            "INSERT OR IGNORE INTO entry (item_id, target, capture) VALUES (?, ?, ?)",
            (str(item_id), target, _encode(kwargs)),
        )
        return item_id

    def pending(self, db: Database | None = None) -> list[dict[str, Any]]:
        """The captures waiting, oldest first (for `db` only, if given), as `capture` kwargs."""
        rows = self._con.execute(
            "SELECT target, capture FROM entry WHERE failed IS NULL ORDER BY seq"
        ).fetchall()
        wanted = _target(db) if db is not None else None
        return [_decode(c) for t, c in rows if wanted is None or t in ("", wanted)]

    def failed(self) -> list[tuple[dict[str, Any], str]]:
        """Entries the database refused for good (e.g. their meeting was removed), with why."""
        rows = self._con.execute(
            "SELECT capture, failed FROM entry WHERE failed IS NOT NULL ORDER BY seq"
        ).fetchall()
        return [(_decode(c), f) for c, f in rows]

    def __len__(self) -> int:
        return int(self._con.execute("SELECT count(*) FROM entry WHERE failed IS NULL").fetchone()[0])

    def flush(self, db: Database, *, saved: list[ItemView] | None = None) -> int:
        """Save what is waiting for `db`, in order; returns how many were saved.

        Stops at the first entry the database cannot take right now (the server
        is still away): later entries wait behind it, so order is kept. An entry
        refused for a reason a retry cannot fix is set aside (`failed()`) rather
        than blocking the queue for ever. Saved items are appended to `saved`.
        """

        target = _target(db)
        count = 0
        with self._flushing:
            rows = self._con.execute(
                "SELECT seq, target, capture FROM entry WHERE failed IS NULL ORDER BY seq"
            ).fetchall()
            for seq, entry_target, capture in rows:
                if entry_target not in ("", target):
                    continue
                self._con.execute("UPDATE entry SET attempts = attempts + 1 WHERE seq = ?", (seq,))
                try:
                    item = items.capture(db, **_decode(capture))
                except StorageError:
                    break
                except UserError as exc:
                    self._con.execute("UPDATE entry SET failed = ? WHERE seq = ?", (exc.key, seq))
                    continue
                except Exception as exc:
                    if is_unavailable(exc):
                        break
                    existing = _already_saved(db, capture)
                    if existing is not None:  # another flusher won the race for this id
                        self._con.execute("DELETE FROM entry WHERE seq = ?", (seq,))
                        count += 1
                        if saved is not None:
                            saved.append(existing)
                        continue
                    self._con.execute("UPDATE entry SET failed = ? WHERE seq = ?", (type(exc).__name__, seq))
                    continue
                self._con.execute("DELETE FROM entry WHERE seq = ?", (seq,))
                count += 1
                if saved is not None:
                    saved.append(item)
        return count

    def retry_loop(
        self,
        db: Database,
        stop: threading.Event,
        *,
        interval: float = 2.0,
        on_saved: Callable[[list[ItemView]], None] | None = None,
    ) -> None:
        """Flush every `interval` seconds until `stop` is set; for a worker thread.

        `on_saved` gets the items each successful flush saved (to refresh the screen).
        """
        while not stop.wait(interval):
            if not len(self):
                continue
            saved: list[ItemView] = []
            if self.flush(db, saved=saved) and on_saved is not None:
                on_saved(saved)

    def close(self) -> None:
        self._con.close()


def capture_or_keep(db: Database, outbox: Outbox, **capture_kwargs: Any) -> ItemView | None:
    """Save a capture now, or keep it in the outbox when the database is unavailable.

    Returns the saved item, or None when it was kept (the screen marks it "kept
    on this computer"). The item id is made here if the caller gave none, so a
    save that reached the server before the connection broke is not saved twice.
    """

    capture_kwargs.setdefault("item_id", uuid.uuid4())
    try:
        return items.capture(db, **capture_kwargs)
    except StorageError:
        outbox.put(capture_kwargs, db)
        return None


def _already_saved(db: Database, capture: str) -> ItemView | None:
    try:
        return items.get_item(db, _decode(capture)["item_id"])
    except Exception:  # unknown id, or the database is away again: not saved as far as we know
        return None
