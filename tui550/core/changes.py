"""The change feed: "something in the database changed; read again".

Several screens (the facilitator's, a leader's laptop, a read-only view) show
one database. A `ChangeWatcher` tells a screen that another client committed a
write, so the screen reloads what it shows; the data itself is always read back
through `core.store`, never carried by the feed.

- PostgreSQL: LISTEN on the channel the database's triggers NOTIFY on commit
  (revision 0002), on a connection of the watcher's own; `wait` blocks in the
  driver until a notice arrives, so a change shows within milliseconds.
- SQLite: `PRAGMA data_version` on a connection of the watcher's own changes
  whenever any other connection commits; `wait` checks it every half second,
  a query that reads no table.

The app runs `wait` in a worker thread (it blocks) and refreshes on True.
A watcher that loses its server reconnects on its own and then reports a
change, because notices sent while it was away are lost.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import make_url

if TYPE_CHECKING:
    from tui550.core.db import Database

CHANNEL = "tui550_changes"
SQLITE_INTERVAL_S = 0.5


class ChangeWatcher:
    """Tells whether another client wrote since the last call.

    `poll()` never blocks; `wait(timeout)` blocks up to `timeout` seconds and
    returns True as soon as a change is seen. After True, `tables` names the
    tables that changed when the database says so (PostgreSQL), else is empty.
    `close()` may be called from another thread to end a `wait` early.
    """

    def __init__(self, db: Database, *, interval: float = SQLITE_INTERVAL_S) -> None:
        self.url = db.url
        self.interval = interval
        self.tables: set[str] = set()
        self._closed = threading.Event()
        self._busy = threading.Lock()
        self._sqlite: sqlite3.Connection | None = None
        self._pg: Any = None
        self._last_version: int | None = None
        path = db.path
        self._is_sqlite = path is not None
        if path is not None:
            # Our own connection: data_version ignores this connection's commits, and the
            # watcher never writes, so every change it sees came from someone else.
            self._sqlite = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            self._last_version = self._data_version()
        else:
            self._connect_pg()

    # -- public ---------------------------------------------------------------------------

    def poll(self) -> bool:
        return self.wait(0)

    def wait(self, timeout: float) -> bool:
        with self._busy:
            if self._closed.is_set():
                self._release()
                return False
            self.tables = set()
            try:
                if self._is_sqlite:
                    return self._wait_sqlite(timeout)
                return self._wait_pg(timeout)
            finally:
                if self._closed.is_set():
                    self._release()

    @property
    def connected(self) -> bool:
        return self._is_sqlite or self._pg is not None

    def close(self) -> None:
        """Stop watching. From another thread, a running `wait` ends within `interval`.

        Connections are closed only by the thread that is not inside the driver:
        closing a libpq connection under a thread blocked on it crashes the process.
        """
        self._closed.set()
        if self._busy.acquire(blocking=False):
            try:
                self._release()
            finally:
                self._busy.release()

    def _release(self) -> None:
        if self._sqlite is not None:
            self._sqlite.close()
            self._sqlite = None
        self._drop_pg()

    def __enter__(self) -> ChangeWatcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- SQLite ---------------------------------------------------------------------------

    def _data_version(self) -> int:
        assert self._sqlite is not None
        return int(self._sqlite.execute("PRAGMA data_version").fetchone()[0])

    def _wait_sqlite(self, timeout: float) -> bool:
        deadline = time.monotonic() + max(timeout, 0)
        while True:
            try:
                version = self._data_version()
            except (sqlite3.Error, AssertionError):
                return False  # closed meanwhile
            if version != self._last_version:
                self._last_version = version
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            # An Event, not sleep: close() from another thread ends the wait at once.
            if self._closed.wait(min(self.interval, left)):
                return False

    # -- PostgreSQL -----------------------------------------------------------------------

    def _connect_pg(self) -> bool:
        import psycopg

        url = make_url(self.url)
        args: dict[str, Any] = {
            k: v
            for k, v in {
                "host": url.host,
                "port": url.port,
                "user": url.username,
                "password": url.password,
                "dbname": url.database,
            }.items()
            if v is not None
        }
        args.update({k: v for k, v in url.query.items() if isinstance(v, str)})
        try:
            conn = psycopg.connect(
                autocommit=True, connect_timeout=5, application_name="tui550-watch", **args
            )
            conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error:
            self._pg = None
            return False
        self._pg = conn
        return True

    def _drop_pg(self) -> None:
        conn, self._pg = self._pg, None
        if conn is not None:
            with contextlib.suppress(Exception):  # already broken: nothing more to release
                conn.close()

    def _wait_pg(self, timeout: float) -> bool:
        import psycopg

        if self._pg is None:
            # Lost earlier. A fresh LISTEN cannot replay what was missed: report a change.
            if self._connect_pg():
                return True
            self._closed.wait(min(max(timeout, 0), self.interval))
            return False
        deadline = time.monotonic() + max(timeout, 0)
        try:
            while True:
                # In slices, so that close() from another thread is noticed between them.
                left = deadline - time.monotonic()
                slice_s = max(min(left, self.interval), 0)
                for notice in self._pg.notifies(timeout=slice_s, stop_after=1):
                    self.tables.add(notice.payload)
                if self.tables or left <= slice_s or self._closed.is_set():
                    break
            if self.tables:
                # Take what else is queued now, so one burst of saves is one refresh.
                for notice in self._pg.notifies(timeout=0):
                    self.tables.add(notice.payload)
        except psycopg.Error:
            self._drop_pg()
            if self._closed.is_set():
                return False
            return self._connect_pg()
        return bool(self.tables)
