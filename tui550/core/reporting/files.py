"""Writing exported files: a sanitised name kept in its folder, never a silent
overwrite, and an atomic replace so a reader never sees half a file."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from tui550.core.errors import UserError

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def safe_name(name: str, fallback: str = "export") -> str:
    """A file name from a title: no separators or reserved characters, no leading dots."""
    cleaned = _UNSAFE.sub("_", name).strip().strip(".").strip()
    return cleaned[:120] or fallback


def target_path(out: Path | None, default_name: str) -> Path:
    """`out` itself, or `default_name` (sanitised) inside the folder `out` (default: here)."""
    if out is not None and not out.is_dir():
        return out
    folder = out if out is not None else Path.cwd()
    return folder / safe_name(default_name)


def write_atomic(path: Path, data: bytes | str, *, force: bool = False) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    if path.exists() and not force:
        raise UserError("followup.file.exists", "followup.file.exists.remedy", path=str(path))
    folder = path.parent
    if not folder.is_dir():
        raise UserError("followup.file.no_folder", "followup.file.no_folder.remedy", folder=str(folder))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UserError("followup.file.cannot_write", "followup.file.no_folder.remedy", path=str(path),
                        reason=exc.strerror or type(exc).__name__) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
