"""Every file the program writes or reads by name from the user, through one gate.

Writing (`write_atomic`): the data goes to a private temporary file in the target's
folder and is then moved into place, so a reader never sees half a file, and every
file is 0600 whatever the umask. Only a regular file or a new name is a target:
a device, FIFO, socket, folder or symbolic link is refused, with or without
`force`, before anything is written (the name `/dev/full` is never replaced).
Without `force`, the move is a hard link, which fails if a file appeared at the
name while we wrote; with `force`, the file replaced must still be the same
regular file we checked (a name that changed meanwhile is refused).

Reading (`check_input`): only a regular file is read; a FIFO would block for ever
and a device never ends. `follow=False` also refuses a symbolic link, for files the
program copies into the database (an attachment must be the file the user named).

Folders the program creates (`private_folder`) are 0700, each missing level.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from tui550.core.errors import UserError
from tui550.i18n import t

MAX_NAME = 120
# File systems count bytes (255 a name): 120 Chinese characters are 360 of them.
MAX_NAME_BYTES = 180
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]')
_REMEDY = "files.out.remedy"
# The temporary files `replacing` leaves only if the process dies mid-write.
TEMP_PREFIX = ".tui550-"


def safe_name(text: str, *, fallback: str = "export") -> str:
    """A file name (without folder) made from user text: no separators, no '..', no
    control characters, no leading dots, at most MAX_NAME characters and MAX_NAME_BYTES bytes."""
    name = unicodedata.normalize("NFC", text)
    name = _UNSAFE.sub("_", name)
    name = re.sub(r"\s+", " ", name).strip(" ._")
    name = re.sub(r"\.{2,}", ".", name)
    if len(name) > MAX_NAME:
        name = name[:MAX_NAME]
    while len(name.encode("utf-8")) > MAX_NAME_BYTES:
        name = name[:-1]
    name = name.rstrip(" ._")
    return name or fallback


def _cannot(path: Path | str, exc: OSError) -> UserError:
    if exc.errno == errno.ENAMETOOLONG:
        return UserError("files.name_too_long", _REMEDY, path=_short(str(path)))
    return UserError("files.cannot_write", _REMEDY, path=str(path), reason=exc.strerror or str(exc))


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:40] + "…" + text[-30:]


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise _cannot(path, exc) from None


def target_for(out: Path | None, default_name: str) -> Path:
    """`--out` as given: a folder (existing, or ending in a separator) gets the default name."""
    if out is None:
        return Path.cwd() / default_name
    out = out.expanduser()
    text = str(out)
    st = _lstat(out)
    if text.endswith((os.sep, "/")) or (st is not None and stat.S_ISDIR(st.st_mode)):
        return out / default_name
    if st is not None and stat.S_ISLNK(st.st_mode) and out.is_dir():
        return out / default_name
    return out


def check_target(path: Path, force: bool) -> os.stat_result | None:
    """Refuse `path` as an output unless it is new or (with `force`) a regular file.

    Returns what is there now (None: nothing), for `write_atomic` to compare just
    before it replaces it."""
    st = _lstat(path)
    if st is not None:
        mode = st.st_mode
        if stat.S_ISDIR(mode):
            raise UserError("files.is_folder", _REMEDY, path=str(path))
        if not stat.S_ISREG(mode):
            raise UserError("files.not_regular", _REMEDY, path=str(path), what=_what(mode))
        if not force:
            raise UserError("files.exists", "files.exists.remedy", path=str(path))
    folder = path.parent
    folder_st = _lstat(folder)
    if folder_st is None or not folder.is_dir():
        raise UserError("files.no_folder", _REMEDY, path=str(folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UserError("files.cannot_write", _REMEDY, path=str(folder), reason=os.strerror(errno.EACCES))
    return st


def _what(mode: int) -> str:
    for test, name in (
        (stat.S_ISLNK, "link"),
        (stat.S_ISCHR, "device"),
        (stat.S_ISBLK, "device"),
        (stat.S_ISFIFO, "fifo"),
        (stat.S_ISSOCK, "socket"),
    ):
        if test(mode):
            return t(f"files.kind.{name}")
    return t("files.kind.other")


def write_atomic(path: Path, data: bytes | str, *, force: bool) -> Path:
    """Write `data` to `path` (0600) via a temporary file in the same folder and a move."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    with replacing(path, force=force) as tmp, tmp.open("r+b") as out:
        out.write(data)
    return path


@contextlib.contextmanager
def replacing(path: Path, *, force: bool) -> Iterator[Path]:
    """A private temporary file beside `path` for the caller to fill; moved onto `path`
    (checked as `check_target` says) when the block ends without an error."""
    before = check_target(path, force)
    try:
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=TEMP_PREFIX, suffix=".tmp")
    except OSError as exc:
        raise _cannot(path.parent, exc) from exc
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, 0o600)
        os.close(fd)
        yield tmp
        fd = os.open(tmp, os.O_RDONLY | os.O_NOFOLLOW)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        _move_into_place(tmp, path, before)
    except FileExistsError as exc:
        raise UserError("files.appeared", "files.exists.remedy", path=str(path)) from exc
    except OSError as exc:
        raise _cannot(path, exc) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    _sync_folder(path.parent)


def _move_into_place(tmp: Path, path: Path, before: os.stat_result | None) -> None:
    if before is None:
        _link_new(tmp, path)
        return
    now = _lstat(path)
    if (
        now is None
        or not stat.S_ISREG(now.st_mode)
        or (now.st_dev, now.st_ino) != (before.st_dev, before.st_ino)
    ):
        # Something else took the name while we wrote: never replace what we did not check.
        raise UserError("files.changed", _REMEDY, path=str(path))
    os.replace(tmp, path)


def _link_new(tmp: Path, path: Path) -> None:
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        # File systems without hard links: claim the name exclusively, then move onto it.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        os.close(fd)
        os.replace(tmp, path)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def open_append(path: Path) -> int:
    """A descriptor appending to `path` (a new file is 0600): a regular file only, never
    through a symbolic link, and a FIFO cannot block the open."""
    flags = (
        os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    )
    try:
        fd = os.open(path, flags, 0o600)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UserError("files.not_regular", _REMEDY, path=str(path), what=_what(stat.S_IFLNK)) from None
        if exc.errno == errno.ENXIO:  # a FIFO nobody reads
            raise UserError("files.not_regular", _REMEDY, path=str(path), what=_what(stat.S_IFIFO)) from None
        raise _cannot(path, exc) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise UserError("files.not_regular", _REMEDY, path=str(path), what=_what(mode))
    os.set_blocking(fd, True)
    return fd


def private_folder(folder: Path) -> Path:
    """`folder`, created with every missing level 0700 whatever the umask."""
    missing: list[Path] = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for level in reversed(missing):
        try:
            level.mkdir(mode=0o700)
        except FileExistsError:
            continue
        except OSError as exc:
            raise _cannot(level, exc) from exc
        os.chmod(level, 0o700)
    return folder


def check_input(path: Path, *, follow: bool = True) -> os.stat_result:
    """Refuse anything but a regular file as an input (and a symbolic link unless `follow`).

    Checked without opening, so a FIFO never blocks; returns the file's status."""
    try:
        st = os.stat(path) if follow else os.lstat(path)
    except FileNotFoundError:
        raise UserError("files.no_input", "files.input.remedy", path=str(path)) from None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise UserError("files.name_too_long", "files.input.remedy", path=_short(str(path))) from None
        raise UserError(
            "files.cannot_read", "files.input.remedy", path=str(path), reason=exc.strerror or str(exc)
        ) from None
    if stat.S_ISLNK(st.st_mode):
        raise UserError("files.input_link", "files.input_link.remedy", path=str(path))
    if stat.S_ISDIR(st.st_mode):
        raise UserError("files.input_folder", "files.input.remedy", path=str(path))
    if not stat.S_ISREG(st.st_mode):
        raise UserError(
            "files.input_not_regular", "files.input.remedy", path=str(path), what=_what(st.st_mode)
        )
    return st


def read_input(path: Path, *, follow: bool = True, limit: int | None = None) -> bytes:
    """The bytes of the regular file `path` (`open_input`); with `limit`, at most that
    many, and a file longer than that (or growing while read) is refused."""
    fd = open_input(path, follow=follow)
    with os.fdopen(fd, "rb") as fh:
        try:
            data = fh.read() if limit is None else fh.read(limit + 1)
        except OSError as exc:
            raise UserError(
                "files.cannot_read", "files.input.remedy", path=str(path), reason=exc.strerror or str(exc)
            ) from None
    if limit is not None and len(data) > limit:
        raise UserError(
            "files.input_too_big", "files.input.remedy", path=str(path), limit=limit // (1024 * 1024)
        )
    return data


def open_input(path: Path, *, follow: bool = True) -> int:
    """A file descriptor of the regular file `path`, checked after opening (the name can
    change between a check and an open); O_NONBLOCK so a FIFO put there meanwhile
    cannot block the open."""
    check_input(path, follow=follow)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow:
        flags |= os.O_NOFOLLOW
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UserError("files.input_link", "files.input_link.remedy", path=str(path)) from None
        raise UserError(
            "files.cannot_read", "files.input.remedy", path=str(path), reason=exc.strerror or str(exc)
        ) from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise UserError(
            "files.input_not_regular", "files.input.remedy", path=str(path), what=_what(st.st_mode)
        )
    os.set_blocking(fd, True)
    return fd
