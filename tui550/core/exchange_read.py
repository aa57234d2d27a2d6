"""Reading an exchange file as a stream, so that its size never decides the memory used.

`load` reads the file more than once: a first read for its outline (the header and
which tables it holds), then one read per table whose rows are checked, then one
per table whose rows are written. Only one row is ever held at a time; the
parser (ijson's C backend) keeps a buffer, not the document.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import ijson

from tui550.core.errors import UserError
from tui550.core.files import open_input

# Read a file this many bytes at a time.
CHUNK = 256 * 1024
# Outside strings, a JSON document holds no letters but these words and no backslash:
# a chunk is cut before a trailing run of them, so neither a word nor an escape is split.
_WORDISH = b"\\-abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_NOT_FINITE = re.compile(rb'"(?:[^"\\]|\\.)*("?)|(-?Infinity|NaN)', re.S)


class _FiniteWords:
    """A file whose bare NaN and Infinity words read as 1e999.

    They are not JSON, but Python's own reader accepts them, and a file holding one
    must be refused as a number that is not finite, naming where it is (ijson would
    only say the text is not JSON). 1e999 arrives as a Decimal that is not finite as
    a float. The words are only looked for when a chunk holds one."""

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh, self.rest, self.in_string = fh, b"", False

    def read(self, size: int = -1) -> bytes:
        if size == 0:  # ijson asks for nothing to learn whether the file is bytes or text
            return b""
        data = self.rest + self.fh.read(CHUNK)
        if not data:
            return b""
        cut = len(data.rstrip(_WORDISH)) if len(data) > len(self.rest) else len(data)
        if cut == 0 and len(data) < 64 * CHUNK:
            self.rest = data
            return self.read(size)
        data, self.rest = data[: cut or len(data)], data[cut or len(data) :]
        if b"NaN" in data or b"Infinity" in data:
            return self._replaced(data)
        plain = data.replace(b"\\\\", b"")
        if (plain.count(b'"') - plain.count(b'\\"')) % 2:
            self.in_string = not self.in_string
        return data

    def _replaced(self, data: bytes) -> bytes:
        out, start = [], 0
        if self.in_string:
            end = re.match(rb'(?:[^"\\]|\\.)*("?)', data, re.S)
            assert end is not None
            if not end.group(1):
                return data
            start, self.in_string = end.end(), False
        out.append(data[:start])
        last = start
        for match in _NOT_FINITE.finditer(data, start):
            if match.group(2):
                out.append(data[last : match.start()] + b"1e999")
                last = match.end()
            elif not match.group(1):
                self.in_string = True
        out.append(data[last:])
        return b"".join(out)


def _plain(value: Any) -> Any:
    """A parsed value as Python's json module gives it (ijson reads fractions as Decimal)."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def not_json(exc: Exception) -> UserError:
    reason = exc.args[0] if exc.args else exc
    if isinstance(reason, bytes):
        reason = reason.decode("utf-8", "replace")
    # ijson's message goes on to quote the file around the fault: its first line only.
    return UserError("exchange.not_json", "exchange.file.remedy", reason=str(reason).split("\n")[0][:200])


@dataclass
class Outline:
    """What a first read learns: the header's values and each table's shape."""

    top_is_object: bool = False
    format: Any = None
    version: Any = None
    tables_is_object: bool = False
    tables: dict[str, bool] = field(default_factory=dict)  # name -> its value is a list


class ExchangeFile:
    """An exchange file on disk, read again for each pass."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.size = os.fstat(fd := open_input(path)).st_size
        os.close(fd)

    def _open(self) -> _FiniteWords:
        return _FiniteWords(os.fdopen(open_input(self.path), "rb"))

    def outline(self) -> Outline:
        out = Outline()
        reader = self._open()
        try:
            for prefix, event, value in ijson.parse(reader):
                if prefix == "":
                    out.top_is_object = out.top_is_object or event == "start_map"
                elif prefix == "format":
                    out.format = value if event == "string" else None
                elif prefix == "version":
                    out.version = value if event == "number" else None
                elif prefix == "tables":
                    if event == "start_map":
                        out.tables_is_object = True
                elif prefix.startswith("tables.") and prefix.count(".") == 1 and event != "map_key":
                    out.tables.setdefault(prefix[7:], event == "start_array")
        except ijson.JSONError as exc:
            raise not_json(exc) from None
        finally:
            reader.fh.close()
        return out

    def rows(self, name: str) -> Iterator[Any]:
        """The rows of one table, one at a time, in the file's order."""
        reader = self._open()
        try:
            for row in ijson.items(reader, f"tables.{name}.item"):
                yield _plain(row)
        except ijson.JSONError as exc:
            raise not_json(exc) from None
        finally:
            reader.fh.close()
