"""Typed settings: defaults < settings file < environment (TUI550_*) < command line.

Paths come from platformdirs. Tests pass their own folder through `TUI550_HOME`
(or `config_dir`/`data_dir`) so nothing touches a real user's files.
"""

from __future__ import annotations

import getpass
import locale
import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from tui550.core.text import clean_field

APP = "tui550"


def _default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "user"


def _default_lang() -> str:
    # Chinese first: only an explicitly English locale switches the interface.
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    loc = locale.getlocale()[0] or ""
    return "en" if loc.lower().startswith("en") else "zh"


def config_dir() -> Path:
    home = os.environ.get("TUI550_HOME")
    if home:
        return Path(home) / "config"
    from platformdirs import user_config_path

    return user_config_path(APP, appauthor=False)


def data_dir() -> Path:
    home = os.environ.get("TUI550_HOME")
    if home:
        return Path(home) / "data"
    from platformdirs import user_data_path

    return user_data_path(APP, appauthor=False)


@dataclass(frozen=True)
class Settings:
    user: str = field(default_factory=_default_user)
    lang: str = field(default_factory=_default_lang)
    tz: str = "Asia/Shanghai"
    yellow_days: int = 3
    theme: str = "tui550-projector"
    time_box_minutes: int = 5
    draft_delay_ms: int = 400
    backups_keep: int = 10
    district: str = "解放区"
    office: str = "解放区人民政府办公室"
    cc: str = ""
    printed_by: str = ""
    # Print "记录：…" (the meeting's recorder) under the attendance in the minutes.
    minutes_recorder: bool = True
    escalate_yellow_days: int = 7
    escalate_red_days: int = 15
    escalate_extensions: int = 2
    evidence_max_mb: int = 20
    keymap: dict[str, str] = field(default_factory=dict)
    # Where the settings came from, for `--config` and for saving remembered choices.
    path: Path | None = None

    def with_overrides(self, **changes: Any) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


_TYPES = {f.name: f for f in fields(Settings)}


def _coerce(name: str, value: Any) -> Any:
    default = getattr(Settings(), name)
    if isinstance(default, bool):
        return str(value).lower() in ("1", "true", "yes", "on")
    if isinstance(default, int):
        return int(value)
    if isinstance(default, dict):
        return dict(value)
    # Shown on screen and printed in the minutes: through the same gate as stored text
    # (a value past its limit is a ValueError, so it is ignored like any bad value).
    return clean_field(name, str(value))


def settings_path(explicit: Path | None = None) -> Path:
    return explicit if explicit is not None else config_dir() / "settings.toml"


def load_settings(path: Path | None = None, environ: dict[str, str] | None = None) -> Settings:
    """Read the file (if any), then `TUI550_<NAME>` environment overrides.

    Unknown keys and bad values in the file are ignored rather than fatal: a typo
    in a settings file must not stop a meeting from starting.
    """
    target = settings_path(path)
    values: dict[str, Any] = {}
    try:
        # Only a regular file: a FIFO named by --config would block the start for ever.
        raw = tomllib.loads(target.read_text(encoding="utf-8")) if target.is_file() else {}
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        raw = {}
    for key, value in raw.items():
        if key in _TYPES and key != "path":
            try:
                values[key] = _coerce(key, value)
            except (TypeError, ValueError):
                continue
    env = os.environ if environ is None else environ
    for key in _TYPES:
        if key in ("path", "keymap"):
            continue
        env_value = env.get(f"TUI550_{key.upper()}")
        if env_value is not None:
            try:
                values[key] = _coerce(key, env_value)
            except ValueError:
                continue
    return Settings(**values, path=target)


def remember(settings: Settings, **changes: Any) -> Settings:
    """Save chosen values (language, theme, keymap) back to the settings file, 0600."""
    import tomli_w

    target = settings.path or settings_path()
    try:
        current = tomllib.loads(target.read_text(encoding="utf-8")) if target.is_file() else {}
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        current = {}
    current.update(changes)
    from tui550.core.files import private_folder, write_atomic

    private_folder(target.parent)
    write_atomic(target, tomli_w.dumps(current), force=True)
    return settings.with_overrides(**changes)
