"""Fitting text into a column of a few cells and a few lines, by Chinese line-breaking rules.

Rich wraps Chinese at any character, so a narrow column can start a line with "，" or
"。", which a reader of Chinese takes for a slip. Here a line breaks between any two
characters except before closing punctuation or after opening punctuation (the rule of
Chinese typesetting, 避头尾): such a character takes its neighbour along to the next line.
A run of Latin letters or digits is kept whole when it fits on a line. What does not fit
in the lines given ends with "…", so a cut is never mistaken for the whole.
"""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size
from rich.text import Text

# Never first on a line: closing brackets and quotes, pause and stop marks, the ellipsis.
NO_LINE_START = frozenset("，。、；：？！）」』》〉】〕〗〙｝］’”…‥·・～%,.;:?!)]}")
# Never last on a line: opening brackets and quotes.
NO_LINE_END = frozenset("（「『《〈【〔〖〘｛［‘“([{")
ELLIPSIS = "…"
# How many characters a break may move back to keep the rules; past that, it breaks anyway.
MAX_PULL = 3


def _is_word(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in "-_./")


def _starts_badly(s: str, at: int, stop: int) -> bool:
    """Whether a line starting at `at` (after the spaces a wrap drops) breaks the rule."""
    while at < stop and s[at] == " ":
        at += 1
    return at < stop and s[at] in NO_LINE_START


def _adjusted(s: str, start: int, end: int, stop: int) -> int:
    """Where the line `s[start:end]`, which is full, should end instead."""
    best = end
    for step in range(MAX_PULL + 1):
        cut = end - step
        if cut <= start:
            break
        if not _starts_badly(s, cut, stop) and s[cut - 1] not in NO_LINE_END:
            best = cut
            break
    else:
        return end
    if _is_word(s[best]) and _is_word(s[best - 1]):
        word = best
        while word > start and _is_word(s[word - 1]):
            word -= 1
        if word > start and s[word - 1] not in NO_LINE_END:
            return word
    return best


def _paragraph(s: str, start: int, stop: int, width: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    while True:
        end, used = start, 0
        while end < stop:
            cells = get_character_cell_size(s[end])
            if used + cells > width and end > start:
                break
            used += cells
            end += 1
        if end < stop:
            end = _adjusted(s, start, end, stop)
        spans.append((start, end))
        start = end
        if start >= stop:
            return spans
        if s[start] == " ":  # a space at a wrap belongs to neither line
            start += 1
            if start >= stop:
                return spans


def line_spans(s: str, width: int) -> list[tuple[int, int]]:
    """The lines of `s` at `width` cells, as (start, end) offsets; newlines end lines."""
    width = max(1, width)
    if "\n" not in s and cell_len(s) <= width:
        return [(0, len(s))]
    spans: list[tuple[int, int]] = []
    start = 0
    for part in s.split("\n"):
        stop = start + len(part)
        spans += _paragraph(s, start, stop, width) if part else [(start, start)]
        start = stop + 1
    return spans


def line_count(s: str, width: int) -> int:
    return len(line_spans(s, width))


def fit_lines(text: Text, width: int, max_lines: int) -> list[Text]:
    """`text` in at most `max_lines` lines of `width` cells; a cut ends with "…"."""
    spans = line_spans(text.plain, width)
    lines = [text[a:b] for a, b in spans[: max(1, max_lines)]]
    if len(spans) > len(lines):
        last = lines[-1]
        if last.cell_len > width - 1:
            last.truncate(max(0, width - 1))
        # A pause mark or a gap (a wide character cut in half) before the "…" reads as noise.
        cut = len(last) - len(last.plain.rstrip(" 、，；：,;:"))
        if cut:  # (right_crop(0) would empty the line)
            last.right_crop(cut)
        last.append(ELLIPSIS)
    return lines


def fit_one_line(s: str, width: int) -> str:
    """`s` on one line of `width` cells, ending with "…" when cut (for plain labels)."""
    if cell_len(s) <= width:
        return s
    return fit_lines(Text(s.replace("\n", " ")), width, 1)[0].plain
