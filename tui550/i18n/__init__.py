"""One catalogue of interface strings in Chinese and English.

Every user-visible string lives in a module of `tui550.i18n.strings` (or of a package
there, for an area with several) as
``STRINGS = {key: (zh, en)}``. Features add their own module there; nothing else
needs to change, and a test checks that every key has both languages and the
same ``{placeholders}`` in each. Screens and the CLI never hold string literals.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from tui550.i18n import strings

LANGS = ("zh", "en")
_current = "zh"


@cache
def catalogue() -> dict[str, tuple[str, str]]:
    """Merge the string modules; a key defined twice is a bug, so it raises."""

    merged: dict[str, tuple[str, str]] = {}
    # An area with several string modules keeps them in a package of its own (`followup/`).
    found = pkgutil.walk_packages(strings.__path__, f"{strings.__name__}.")
    for info in sorted((m for m in found if not m.ispkg), key=lambda m: m.name):
        module = importlib.import_module(info.name)
        for key, pair in module.STRINGS.items():
            if key in merged:
                raise KeyError(f"string key {key!r} defined twice ({info.name})")
            merged[key] = pair
    return merged


def set_language(lang: str) -> None:
    global _current
    _current = lang if lang in LANGS else "zh"


def language() -> str:
    return _current


def t(key: str, lang: str | None = None, /, **kwargs: object) -> str:
    """The string for ``key`` in ``lang`` (default: the current language), formatted.

    An unknown key returns the key itself so that a missing string shows up on
    screen and in tests instead of crashing a live meeting.
    """
    pair = catalogue().get(key)
    if pair is None:
        return key
    text = pair[0] if (lang or _current) == "zh" else pair[1]
    return text.format(**kwargs) if kwargs else text
