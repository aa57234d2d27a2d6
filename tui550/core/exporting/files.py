"""Where exported files go, and writing them so that no half-written file is ever left.

A file is written to a temporary name in the target folder and renamed into
place; like the database, it is created readable by its owner only. Without
`force`, the rename refuses to replace an existing file even if one appears
while we write (a hard link fails when the name exists). Names made
from titles are sanitised so that they stay in the folder they were meant for.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from tui550.core.errors import UserError

MAX_NAME = 120
# File systems count bytes (255 a name): 120 Chinese characters are 360 of them.
MAX_NAME_BYTES = 180
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]')


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


def target_for(out: Path | None, default_name: str) -> Path:
    """`--out` as given: a folder (existing, or ending in a separator) gets the default name."""
    if out is None:
        return Path.cwd() / default_name
    text = str(out)
    if out.is_dir() or text.endswith((os.sep, "/")):
        return out / default_name
    return out


def check_target(path: Path, force: bool) -> None:
    folder = path.parent
    if path.is_dir():
        raise UserError("export.is_folder", "export.out.remedy", path=str(path))
    if not folder.is_dir():
        raise UserError("export.no_folder", "export.out.remedy", path=str(folder))
    if path.exists() and not force:
        raise UserError("export.exists", "export.exists.remedy", path=str(path))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UserError("export.cannot_write", "export.out.remedy", path=str(folder),
                        reason="permission denied")


def write_atomic(path: Path, data: bytes, *, force: bool) -> Path:
    """Write `data` to `path` via a temporary file in the same folder and a rename."""
    check_target(path, force)
    try:
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".tui550-", suffix=".tmp")
    except OSError as exc:
        raise UserError("export.cannot_write", "export.out.remedy", path=str(path.parent),
                        reason=exc.strerror or str(exc)) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if force:
            os.replace(tmp, path)
        else:
            _link_new(tmp, path)
    except FileExistsError as exc:
        raise UserError("export.exists", "export.exists.remedy", path=str(path)) from exc
    except OSError as exc:
        raise UserError("export.cannot_write", "export.out.remedy", path=str(path),
                        reason=exc.strerror or str(exc)) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return path


def _link_new(tmp: Path, path: Path) -> None:
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:
        # File systems without hard links: the check above is the best we can do.
        if path.exists():
            raise FileExistsError(str(path)) from None
        os.replace(tmp, path)
