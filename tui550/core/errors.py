"""Errors the user can act on. Each carries catalogue keys for its cause and remedy,
so the CLI and the screens say it in the interface language, in one line each."""

from __future__ import annotations

from tui550.i18n import t


class UserError(Exception):
    """Bad input or a refused action: exit code 1, never a traceback."""

    def __init__(self, key: str, remedy: str | None = None, /, **args: object) -> None:
        super().__init__(key)
        self.key = key
        self.remedy = remedy
        self.args_ = args

    def message(self, lang: str | None = None) -> str:
        return t(self.key, lang, **self.args_)

    def remedy_text(self, lang: str | None = None) -> str | None:
        return t(self.remedy, lang, **self.args_) if self.remedy else None


class ConflictError(UserError):
    """An update named a version that is no longer current: someone else saved first."""

    def __init__(self, entity: str, current_version: int | None) -> None:
        super().__init__("error.conflict", "error.conflict.remedy", entity=entity, version=current_version)
        self.current_version = current_version


class StorageError(UserError):
    """The database cannot be written or read right now (disk, permissions, lock)."""
