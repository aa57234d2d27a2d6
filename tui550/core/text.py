"""User text is data: what is stored is what was typed, minus control characters.

Escape sequences lose their ESC byte (so `\\x1b[31m` is stored as the harmless
text `[31m`); line breaks and tabs survive as themselves. Markup such as `[red]`
is never interpreted anywhere: screens render through `rich.text.Text`, exports
escape for their format.

Every door into the store (capture, edit, import, load, attachment names, unit and
project names) passes text through `clean_field`: the same cleaning and the same
length limit for a field, whichever door it came through (docs/text.md lists the
limits). On the way out, `printable` escapes control characters again, so that a
database written by an older version or by hand is still safe to list in a terminal.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from typing import Any, TypeVar, cast

from tui550.core.errors import UserError

_T = TypeVar("_T")

# C0 controls except \t and \n, DEL, C1 controls; the bidi override/isolate
# controls that can make text display in another order than it was typed; and
# lone surrogates, which no database can store as UTF-8 (a broken paste can carry them).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


# Length limits of stored text, in characters. A name is looked up and shown in a
# table cell; a line is a field of a form; an item's text may be a pasted page of a
# report (a megabyte of it is stored whole), but never the tens of megabytes that
# would make every listing of it crawl.
NAME_MAX = 200
LINE_MAX = 4_000
TEXT_MAX = 1_000_000
NAME_FIELDS = frozenset(
    {
        "name",
        "alias",
        "code",
        "category",
        "leader",
        "issue_no",
        "filename",
        "mime",
        "sha256",
        "who",
        "created_by",
        "closed_by",
        "recorder",
        "chair",
        "kind",
        "tag",
        "status",
        "state",
        "entity",
        "action",
        "key",
        "user",
    }
)
TEXT_FIELDS = frozenset({"text", "steps", "content", "body"})


def limit_of(field: str) -> int:
    """The most characters the field `field` (a column name) may hold."""
    if field in NAME_FIELDS:
        return NAME_MAX
    if field in TEXT_FIELDS:
        return TEXT_MAX
    return LINE_MAX


class TextTooLong(ValueError):
    def __init__(self, field: str, length: int) -> None:
        super().__init__(f"{field}: {length} characters, at most {limit_of(field)}")
        self.field = field
        self.length = length
        self.limit = limit_of(field)


def clean_field(field: str, text: str) -> str:
    """`text` cleaned for the column `field`; TextTooLong past the field's limit.

    The limit is checked on the raw length first, so that a huge value costs no
    cleaning before it is refused."""
    limit = limit_of(field)
    if len(text) > 4 * limit + 16:
        raise TextTooLong(field, len(text))
    cleaned = clean_text(text)
    if len(cleaned) > limit:
        raise TextTooLong(field, len(cleaned))
    return cleaned


def gate(field: str, text: str) -> str:
    """`clean_field` for a store function: past the limit is a UserError naming the field."""
    try:
        return clean_field(field, text)
    except TextTooLong as exc:
        raise too_long_error(exc) from None


def too_long_error(exc: TextTooLong) -> UserError:
    return UserError(
        "text.too_long", "text.too_long.remedy", field=exc.field, length=exc.length, limit=exc.limit
    )


_SHOWN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """Stored text made safe to print to a terminal or a text file: every control
    character (an ESC, a BEL, a bidi override) shown as `\\x1b`-style text, never sent.

    Stored text should hold none (`clean_field`); this is for text that did not
    come through that gate (an older version's database, a hand edit)."""
    if _SHOWN.search(text) is None:
        return text
    return _SHOWN.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text
    )


def masked(text: str) -> str:
    """Each control character replaced by U+FFFD, one for one: for text shown with match
    offsets into it (a search snippet), where `printable` would move them."""
    return _SHOWN.sub("\ufffd", text) if _SHOWN.search(text) else text


def printable_all(value: _T) -> _T:
    """`value` with `printable` applied to every string inside it: the fields of
    (frozen) dataclasses, tuples, lists and dict values. What holds no control
    character is returned as the same object, so a clean document costs one scan."""
    return cast(_T, _printable_all(value))


def _printable_all(value: Any) -> Any:
    if isinstance(value, str):
        return printable(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = {}
        for f in dataclasses.fields(value):
            if f.init:
                old = getattr(value, f.name)
                new = _printable_all(old)
                if new is not old:
                    changed[f.name] = new
        return dataclasses.replace(value, **changed) if changed else value
    if isinstance(value, tuple | list):
        items = [_printable_all(v) for v in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        if isinstance(value, list):
            return items
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, dict):
        out = {k: _printable_all(v) for k, v in value.items()}
        return value if all(out[k] is v for k, v in value.items()) else out
    return value


def clean_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


# Whole terminal sequences: CSI (ESC [ ... final byte), OSC / DCS / APC / PM / SOS strings up
# to their terminator (BEL or ESC \\, or the end of the text), SS3 (ESC O x) and two-byte escapes.
_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\|(?=\x1b)|$)"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
    r"|\x1bO[ -~]?"
    r"|\x1b[ -~]?"
)


def clean_pasted(text: str) -> str:
    """Pasted text as data: escape sequences removed whole (a paste can carry a clipboard
    write or a title change), then cleaned as stored text is (`clean_text`)."""
    return clean_text(_SEQUENCE.sub("", text))


def clean_fields(values: dict[str, Any]) -> dict[str, Any]:
    """Every text value of a record cleaned and held to its field's limit, the rest as it
    was: one call per write path, so a field added later cannot be forgotten.
    A value past its limit is a UserError naming the field."""
    try:
        return {k: clean_field(k, v) if isinstance(v, str) else v for k, v in values.items()}
    except TextTooLong as exc:
        raise too_long_error(exc) from None


def one_line(text: str) -> str:
    """Multi-line pastes become one item: the lines joined by a space, trimmed."""
    parts = [p.strip() for p in clean_text(text).split("\n")]
    return " ".join(p for p in parts if p)


def normalise_name(name: str) -> str:
    """For matching unit and project names: NFKC (full-width to half-width) and no spaces."""
    return "".join(unicodedata.normalize("NFKC", name).split())
