"""Everything the commands print goes out through here, with control characters shown as
text (`text.printable`): stored text should hold none, but a database written by an older
version or by hand may, and a listing must never write the clipboard or retitle the
terminal."""

from __future__ import annotations

import json
import re
from typing import Any

import typer

from tui550.core.text import printable

# Characters json.dumps(ensure_ascii=False) leaves raw that a terminal would act on.
_RAW_IN_JSON = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def echo(message: str = "", *, err: bool = False) -> None:
    typer.echo(printable(message), err=err)


def echo_json(data: Any) -> None:
    """`data` as JSON whose every control character is a `\\u` escape (still valid JSON)."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    typer.echo(_RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def shown(text: str) -> Any:
    """A Rich `Text` of stored text, never markup, with its control characters shown."""
    from rich.text import Text

    return Text(printable(text))
