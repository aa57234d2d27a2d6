"""Opening a database: the app factory's half that knows SQL.

No engine exists at import time; `open_database(url, ...)` makes one. For SQLite
it checks the file before SQLAlchemy touches it (a foreign or corrupt file stays
byte-identical), creates new files 0600, and sets WAL, foreign keys, a busy
timeout and synchronous=FULL on every connection. Writes begin IMMEDIATE so two
processes queue on the busy timeout instead of failing with "database is locked"
when a read transaction tries to become a write.

The schema revision is read with one query; Alembic is imported only when the
database is new or older than this code, and an upgrade backs the file up first.

A server URL (`postgresql+psycopg://user:pass@host/name`) opens a shared
database: one pooled engine, pre-pinged so a restarted server costs one failed
save rather than a dead app. Passwords never leave this module in clear:
messages carry `secrets.redact(url)`, and `secrets.scrub(text)` masks any password
we have seen in driver messages.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui550.core.clock import Clock, local_today
from tui550.core.errors import StorageError, UserError
from tui550.core.files import replacing
from tui550.core.followup.rules import Rules
from tui550.core.secrets import redact, remember_secret, scrub

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine
    from sqlmodel import Session

SQLITE_HEADER = b"SQLite format 3\x00"


def migrations_dir() -> Path:
    """`db/` beside the package in a checkout; `tui550/_migrations` in a wheel."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "_migrations"
    return packaged if packaged.is_dir() else here.parent / "db"


def known_revisions() -> list[str]:
    """Revisions in order, from the file names (`0001_initial.py` is revision 0001).

    Reading names is cheaper than importing Alembic on every start.
    """
    names = sorted(p.name for p in (migrations_dir() / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))
    return [n.split("_", 1)[0] for n in names]


def head_revision() -> str:
    return known_revisions()[-1]


def to_url(path_or_url: str) -> str:
    if "://" in path_or_url:
        return path_or_url
    return "sqlite:///" + str(Path(path_or_url).expanduser().resolve())


def sqlite_path(url: str) -> Path | None:
    if url.startswith("sqlite:///"):
        return Path(url[len("sqlite:///") :])
    return None


SERVER_DRIVERS = {
    "postgresql": "postgresql+psycopg",
    "postgres": "postgresql+psycopg",
    "postgresql+psycopg": "postgresql+psycopg",
}


@dataclass
class Database:
    """An open database: engines for reading and for writing, who writes, the settings the
    store judges by (`rules`: the district's zone, yellow days, escalation thresholds) and
    the clock it reads "now" and "today" from (tests and the app inject theirs)."""

    url: str = field(repr=False)
    who: str = "user"
    rules: Rules = field(default_factory=Rules)
    clock: Clock = field(default_factory=Clock, repr=False)
    reader: Engine = field(init=False, repr=False)
    writer: Engine = field(init=False, repr=False)
    unit_cache: dict[Any, Any] = field(default_factory=dict, repr=False)
    # (device, inode) of the file when opened: a removed or replaced file is noticed
    # before a write instead of writing into an unlinked inode that nobody will see.
    file_id: tuple[int, int] | None = field(default=None, repr=False)
    # Statements every new writer connection runs after the standard pragmas (see
    # `defer_checkpoints`); shared with the engine's connect hook.
    writer_pragmas: list[str] = field(default_factory=list, repr=False)

    @property
    def dialect(self) -> str:
        return self.writer.dialect.name

    @property
    def tz(self) -> str:
        return self.rules.tz

    @property
    def yellow_days(self) -> int:
        return self.rules.yellow_days

    def today(self) -> date:
        """The district's date now, by the injected clock."""
        return local_today(self.rules.tz, self.clock.now())

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @property
    def shown_url(self) -> str:
        """Where the data is, safe to show: a file path, or the server URL without password."""
        path = self.path
        return str(path) if path is not None else redact(self.url)

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session; a lost connection is a StorageError, as for writes."""
        from sqlmodel import Session

        self._check_file()
        with storage_errors(self.path, reading=True), Session(self.reader, expire_on_commit=False) as session:
            yield session

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One short transaction; committed (durably on SQLite) when the block ends.

        Every way the disk can fail (read-only, full, I/O error, file removed) and a
        lost server connection arrive as a StorageError whose reason says which, so a
        screen can keep the unsaved text and show why, and the caller may retry.
        """
        from sqlmodel import Session

        self._check_file(writing=True)
        with storage_errors(self.path), Session(self.writer, expire_on_commit=False) as session:
            yield session
            session.commit()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """`write` on a Core connection, for the write a keystroke waits for (a capture).

        The same transaction, durability and errors, without the ORM session's own
        begin, commit and statement handling, whose cost every Enter would pay."""
        self._check_file(writing=True)
        with storage_errors(self.path), self.writer.begin() as conn:
            yield conn

    def _check_file(self, writing: bool = False) -> None:
        path = self.path
        if path is None:
            return
        try:
            st = path.stat()
        except OSError as exc:
            raise StorageError(
                "error.storage", "error.storage.remedy", reason=f"{path}: {exc.strerror or exc}"
            ) from exc
        if writing and not os.access(path, os.W_OK):
            # SQLite would say only "unable to open database file" (it cannot create the -shm).
            raise StorageError(
                "error.storage",
                "error.storage.remedy",
                reason=f"attempt to write a readonly database ({path})",
            )
        current = (st.st_dev, st.st_ino)
        if self.file_id is None:
            self.file_id = current
        elif current != self.file_id:
            # The file came back (a remounted stick, a restored copy): drop the
            # connections to the old inode and reconnect to the file that is there now.
            self.reader.dispose()
            self.writer.dispose()
            self.unit_cache.clear()
            self.file_id = current

    def defer_checkpoints(self) -> None:
        """Commits stop copying the WAL back into the file; `checkpoint()` does it instead.

        SQLite checkpoints inside the commit that takes the WAL past 1,000 pages: that
        commit also writes those pages into the file and syncs it, several times the
        usual commit. The app calls this and checkpoints from a
        background thread when saving pauses, so Enter waits only for its own commit.
        Closing the last connection still checkpoints, as SQLite always does.
        """
        if self.path is None or self.checkpoints_deferred:
            return
        self.writer_pragmas.append("PRAGMA wal_autocheckpoint=0")
        self.writer.dispose()  # pooled connections reconnect with the pragma

    @property
    def checkpoints_deferred(self) -> bool:
        return "PRAGMA wal_autocheckpoint=0" in self.writer_pragmas

    def checkpoint(self) -> bool:
        """Copy committed WAL pages into the database file without waiting for anyone
        (PASSIVE: pages a reader still needs stay for the next time). False if it could
        not run now; nothing to do on a server database."""
        if self.path is None:
            return True
        try:
            raw = self.reader.raw_connection()
            try:
                cursor = raw.cursor()
                busy = cursor.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[0]
                cursor.close()
            finally:
                raw.close()
        except Exception:  # a locked or vanished file: the next pause tries again
            return False
        return not busy

    def close(self) -> None:
        self.reader.dispose()
        self.writer.dispose()


def is_unavailable(exc: BaseException) -> bool:
    """A driver error meaning "the database cannot be reached or written now", not a bug."""
    from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

    return isinstance(exc, OperationalError | InterfaceError) or (
        isinstance(exc, DBAPIError) and exc.connection_invalidated
    )


@contextlib.contextmanager
def storage_errors(path: Path | None = None, *, reading: bool = False) -> Iterator[None]:
    """Disk and database failures, and a lost server, become a StorageError naming the cause.

    Constraint violations are bugs, not disk trouble, and pass through unchanged.
    """
    from sqlalchemy.exc import DatabaseError, IntegrityError, InterfaceError, OperationalError

    try:
        yield
    except IntegrityError:
        raise
    except (
        OperationalError,
        InterfaceError,
        DatabaseError,
        sqlite3.OperationalError,
        sqlite3.DatabaseError,
        OSError,
    ) as exc:
        if isinstance(exc, sqlite3.IntegrityError):
            raise
        reason = short_reason(exc)
        if (
            path is not None
            and "unable to open" in reason
            and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))
        ):
            # On a read-only disk SQLite cannot make its -shm file and says only "unable to open".
            reason = f"attempt to write a readonly database ({path})"
        if reading and path is None:
            raise StorageError("error.storage.read", "error.storage.read.remedy", reason=reason) from exc
        raise StorageError("error.storage", "error.storage.remedy", reason=reason) from exc


def short_reason(exc: BaseException) -> str:
    """A database error's first line, masked: never its SQL or the row's values."""
    text = str(getattr(exc, "orig", exc) or exc)
    return scrub(text.splitlines()[0][:200]) if text.strip() else type(exc).__name__


def inspect_sqlite(path: Path) -> tuple[str, str | None]:
    """What a SQLite file is, without changing a byte of it or of its -wal/-shm:
    ("new"|"ours"|"foreign"|"corrupt", revision).

    The main file is read as immutable (no locks, no -shm, no -wal created). Only
    if a non-empty -wal lies beside it, whose pages that view would miss, is a
    private copy of the two files inspected instead.
    """
    if not path.exists() or path.stat().st_size == 0:
        return "new", None
    with path.open("rb") as fh:
        header = fh.read(100)
    wal = path.with_name(path.name + "-wal")
    wal_present = wal.exists() and wal.stat().st_size > 0
    if not _header_ok(header, path.stat().st_size, wal_present):
        return "corrupt", None
    state, revision = _classify(f"file:{path}?immutable=1")
    if state != "ours" and wal_present:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "inspect.sqlite"
            shutil.copyfile(path, copy)
            shutil.copyfile(wal, Path(tmp) / "inspect.sqlite-wal")
            return _classify(f"file:{copy}?mode=ro")
    if state == "ours" and wal_present:
        # Ours, with a -wal that may hold the current revision: read through it (the
        # -shm may be touched). Without one the immutable view is the whole truth, and
        # a refused file (a newer schema) is left with no -wal or -shm made beside it.
        state, revision = _classify(f"file:{path}?mode=ro")
    return state, revision


def _classify(uri: str) -> tuple[str, str | None]:
    try:
        con = sqlite3.connect(uri, uri=True)
        try:
            tables = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
            if not tables:
                return "new", None
            if "alembic_version" not in tables or "item" not in tables:
                return "foreign", None
            row = con.execute("select version_num from alembic_version").fetchone()
            return "ours", (row[0] if row else None)
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return "corrupt", None


def _header_ok(header: bytes, size: int, wal_present: bool = False) -> bool:
    """The 100-byte header agrees with the file: magic, a valid page size, whole
    pages, and (when the header's page count is trustworthy) no missing pages.

    With a non-empty -wal beside it, a process killed mid-checkpoint can leave
    page 1 already written and the file not yet grown; the WAL completes it on
    the next open, so the page count is not held against such a file.
    """
    if len(header) < 100 or header[:16] != SQLITE_HEADER:
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return False
    if header[21:24] != b"\x40\x20\x20":  # payload fractions are fixed by the format
        return False
    if size % page_size:
        return False
    pages = int.from_bytes(header[28:32], "big")
    counter_valid = header[24:28] == header[92:96]
    return wal_present or not (counter_valid and pages and size < pages * page_size)


def _check_sqlite_file(path: Path) -> str | None:
    folder = path.parent
    if not folder.is_dir():
        raise UserError("db.no_folder", "db.no_folder.remedy", folder=str(folder))
    if path.exists():
        if path.is_dir():
            raise UserError("db.is_folder", "db.path.remedy", path=str(path))
        if not os.access(path, os.R_OK | os.W_OK):
            raise UserError("db.no_permission", "db.no_permission.remedy", path=str(path))
    elif not os.access(folder, os.W_OK | os.X_OK):
        raise UserError("db.no_permission", "db.no_permission.remedy", path=str(folder))
    state, revision = inspect_sqlite(path)
    if state == "corrupt":
        raise UserError("db.not_database", "db.path.remedy", path=str(path))
    if state == "foreign":
        raise UserError("db.foreign", "db.path.remedy", path=str(path))
    if state == "ours" and revision not in known_revisions():
        raise UserError("db.newer", "db.newer.remedy", path=str(path), revision=str(revision))
    if state == "new" and not path.exists():
        # Create it 0600 ourselves: SQLite would use the umask, and minutes are official records.
        # Another client starting at the same moment may win the race: its file will do.
        with contextlib.suppress(FileExistsError):
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    return revision


def _sqlite_engine(url: str, immediate: bool, extra: list[str] | None = None) -> Engine:
    from sqlalchemy import create_engine, event

    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control from pysqlite so that BEGIN is ours (IMMEDIATE for writes).
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.execute("PRAGMA synchronous=FULL")
        for statement in extra or ():
            cur.execute(statement)
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        begin_with_retry(conn.connection.dbapi_connection, "BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def server_url(url: str) -> str:
    """A server URL with our driver: `postgresql://` means psycopg 3, the one we ship."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception as exc:
        raise UserError("db.bad_url", "db.bad_url.remedy", url=redact(url)) from exc
    driver = SERVER_DRIVERS.get(parsed.drivername)
    if driver is None:
        raise UserError("db.unsupported", "db.unsupported.remedy", url=redact(url))
    return parsed.set(drivername=driver).render_as_string(hide_password=False)


BEGIN_ATTEMPTS = 5


def begin_with_retry(dbapi_connection: Any, statement: str, attempts: int = BEGIN_ATTEMPTS) -> None:
    """BEGIN, retried if another process held the write lock past the busy timeout.

    Only BEGIN is retried: nothing has happened yet in the transaction, so a
    retry cannot repeat a write. "database is locked" never reaches the user
    unless another writer holds the lock for minutes.
    """
    for attempt in range(attempts):
        try:
            dbapi_connection.execute(statement)
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


def _server_engine(url: str) -> Engine:
    from sqlalchemy import create_engine

    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise UserError("db.no_driver", "db.no_driver.remedy") from exc
    # pre_ping: after a server restart the pool's connections are dead; test each on checkout
    # so that one save does not fail for every stale connection in the pool.
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=2,
        max_overflow=4,
        connect_args={"connect_timeout": 5, "application_name": "tui550"},
    )


def open_database(
    path_or_url: str,
    *,
    who: str = "user",
    rules: Rules | None = None,
    clock: Clock | None = None,
    upgrade: bool = True,
) -> Database:
    """The app factory's database half: check, connect, migrate if needed. `rules` are the
    settings the store judges by (`Rules.from_settings`); `clock` the one it reads."""
    url = to_url(path_or_url)
    path = sqlite_path(url)
    writer_pragmas: list[str] = []
    if path is not None:
        revision = _check_sqlite_file(path)
        reader, writer = _sqlite_engine(url, False), _sqlite_engine(url, True, writer_pragmas)
    else:
        url = server_url(url)
        remember_secret(url)
        revision = None
        writer = _server_engine(url)
        reader = writer
        try:
            revision = _server_revision(writer)
        except UserError:
            writer.dispose()
            raise
        except Exception as exc:
            writer.dispose()
            raise UserError(
                "db.cannot_connect", "db.cannot_connect.remedy", url=redact(url), reason=short_reason(exc)
            ) from exc
    db = Database(url=url, who=who, rules=rules or Rules(), clock=clock or Clock())
    db.reader, db.writer = reader, writer
    db.writer_pragmas = writer_pragmas
    if revision != head_revision():
        if not upgrade:
            raise UserError("db.needs_upgrade", "db.needs_upgrade.remedy", revision=str(revision))
        if revision is not None and path is not None:
            backup_sqlite(path, path.with_name(f"{path.name}.before-{head_revision()}.bak"), force=True)
        from tui550.core.migrate import upgrade_to_head

        upgrade_to_head(db)
    return db


def _server_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return server_revision(conn, redact(str(engine.url)))


def server_revision(conn: Any, shown: str) -> str | None:
    """The schema revision of a server database: None if empty; refuses foreign or newer ones."""
    from sqlalchemy import inspect, text

    tables = set(inspect(conn).get_table_names())
    if not tables:
        return None
    if "alembic_version" not in tables or "item" not in tables:
        raise UserError("db.foreign", "db.path.remedy", path=shown)
    revision = conn.execute(text("select version_num from alembic_version")).scalar()
    if revision not in known_revisions():
        raise UserError("db.newer", "db.newer.remedy", path=shown, revision=str(revision))
    return str(revision)


# Pages copied per step of a backup: a progress report every few megabytes.
BACKUP_PAGES = 2048


def backup_sqlite(
    source: Path, target: Path, *, force: bool = False, progress: Callable[[int, int], None] | None = None
) -> Path:
    """A consistent copy through SQLite's backup API, created 0600.

    Written beside the target and moved into place (`files.replacing`), so a crash
    leaves either the previous file or the whole new copy, never half of one.
    """

    with replacing(target, force=force) as tmp:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        dst = sqlite3.connect(tmp)
        try:
            copy_pages(src, dst, progress)
            # A backup stands alone: no -wal beside it that a copy could leave behind.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
            src.close()
    return target


def copy_pages(
    src: sqlite3.Connection, dst: sqlite3.Connection, progress: Callable[[int, int], None] | None = None
) -> None:
    """SQLite's online backup, reporting pages copied (done, total) as it goes."""
    if progress is None:
        src.backup(dst)
        return
    src.backup(
        dst, pages=BACKUP_PAGES, progress=lambda _status, remaining, total: progress(total - remaining, total)
    )
