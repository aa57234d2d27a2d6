"""The served wall as a terminal shows it, kept in the server so that a newcomer sees it at once.

The one view process draws the wall as a stream of terminal output, and every viewer
gets that stream. A browser that connects later missed the earlier frames; pyte (a
terminal emulator library) keeps the screen they built, and `snapshot` writes it back
out as one frame that draws the whole screen from blank.
"""

from __future__ import annotations

import pyte
from pyte import graphics
from wcwidth import wcwidth

# pyte stores a colour as a name of the 16 basic ones or as six hex digits; back to SGR.
_FG = {name: code for code, name in {**graphics.FG_ANSI, **graphics.FG_AIXTERM}.items()}
_BG = {name: code for code, name in {**graphics.BG_ANSI, **graphics.BG_AIXTERM}.items()}
_HEX = frozenset("0123456789abcdefABCDEF")


def _colour(value: str, names: dict[str, int], truecolor: int) -> str | None:
    code = names.get(value)
    if code is not None:
        return str(code)
    if len(value) == 6 and set(value) <= _HEX:
        red, green, blue = (int(value[i : i + 2], 16) for i in (0, 2, 4))
        return f"{truecolor};2;{red};{green};{blue}"
    return None  # "default"


def sgr(char: pyte.screens.Char) -> str:
    """The Select Graphic Rendition sequence that sets one cell's look from scratch."""
    codes = ["0"]
    for on, code in (
        (char.bold, "1"),
        (char.italics, "3"),
        (char.underscore, "4"),
        (char.blink, "5"),
        (char.reverse, "7"),
        (char.strikethrough, "9"),
    ):
        if on:
            codes.append(code)
    for colour in (_colour(char.fg, _FG, 38), _colour(char.bg, _BG, 48)):
        if colour:
            codes.append(colour)
    return f"\x1b[{';'.join(codes)}m"


class WallScreen:
    """A terminal screen of a fixed size fed with the view's output."""

    def __init__(self, columns: int, lines: int) -> None:
        self.columns, self.lines = columns, lines
        self._screen = pyte.Screen(columns, lines)
        self._stream = pyte.ByteStream(self._screen)
        self._snapshot: bytes | None = None

    def feed(self, data: bytes) -> None:
        self._stream.feed(data)
        self._snapshot = None

    def snapshot(self) -> bytes:
        """The whole screen as one frame, made once per change however many ask for it."""
        if self._snapshot is None:
            self._snapshot = self._render()
        return self._snapshot

    def text(self) -> list[str]:
        """The screen's characters, line by line (for tests and the benchmark)."""
        return list(self._screen.display)

    def _render(self) -> bytes:
        screen = self._screen
        parts = ["\x1b[?25l\x1b[0m\x1b[2J"]
        for y in range(self.lines):
            parts.append(f"\x1b[{y + 1};1H")
            row = screen.buffer[y]
            look = None
            x = 0
            while x < self.columns:
                char = row[x]
                width = 1
                if char.data and wcwidth(char.data[0]) == 2:
                    if x + 1 < self.columns and not row[x + 1].data:
                        width = 2  # the empty cell after it is its right half
                    else:
                        # A wide character half overwritten: a terminal shows a blank.
                        char = char._replace(data=" ")
                elif not char.data:
                    char = char._replace(data=" ")  # the right half of an overwritten one
                if char[1:] != look:
                    look = char[1:]
                    parts.append(sgr(char))
                parts.append(char.data)
                x += width
        cursor = screen.cursor
        parts.append(f"\x1b[0m\x1b[{cursor.y + 1};{cursor.x + 1}H")
        if not cursor.hidden:
            parts.append("\x1b[?25h")
        return "".join(parts).encode("utf-8")
