"""User text is data: what is stored is what was typed, minus control characters.

Escape sequences lose their ESC byte (so `\\x1b[31m` is stored as the harmless
text `[31m`); line breaks and tabs survive as themselves. Markup such as `[red]`
is never interpreted anywhere: screens render through `rich.text.Text`, exports
escape for their format.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# C0 controls except \t and \n, DEL, C1 controls; the bidi override/isolate
# controls that can make text display in another order than it was typed; and
# lone surrogates, which no database can store as UTF-8 (a broken paste can carry them).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def clean_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def clean_fields(values: dict[str, Any]) -> dict[str, Any]:
    """Every text value of a record cleaned, the rest as it was: one call per write
    path, so a field added later cannot be forgotten."""
    return {k: clean_text(v) if isinstance(v, str) else v for k, v in values.items()}


def one_line(text: str) -> str:
    """Multi-line pastes become one item: the lines joined by a space, trimmed."""
    parts = [p.strip() for p in clean_text(text).split("\n")]
    return " ".join(p for p in parts if p)


def normalise_name(name: str) -> str:
    """For matching unit and project names: NFKC (full-width to half-width) and no spaces."""
    return "".join(unicodedata.normalize("NFKC", name).split())
