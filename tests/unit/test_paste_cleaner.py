"""Terminal input before the parser: a bracketed paste's body is cleaned, keys pass as they
are, and Escape with a key behind it in one read stays the Escape key."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from tui550.app.terminal import PASTE_END, PASTE_START, PasteCleaner, separate_escape
from tui550.core.text import clean_pasted

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


_INTRODUCER = re.compile(r"\x1b(?=[\]PX^_])")


def _feed_in(chunks: list[str]) -> str:
    cleaner = PasteCleaner()
    return "".join(cleaner.feed(chunk) for chunk in chunks)


def test_a_paste_loses_its_sequences_and_controls_and_keeps_its_markers() -> None:
    body = "粘贴\x07文字\x1b]52;c;ZXZpbA==\x07末尾\x1b[31m红\x1b[0m\n第二行"
    out = _feed_in(["a\x1b[6~" + PASTE_START + body + PASTE_END + "\r"])
    assert out == "a\x1b[6~" + PASTE_START + "粘贴文字末尾红\n第二行" + PASTE_END + "\r"


def test_keys_outside_a_paste_pass_unchanged() -> None:
    keys = "abc\r\x1b[6~\x07\x1b\x1b[18~"
    assert _feed_in([keys]) == keys


def test_a_paste_split_across_reads_is_held_until_its_end() -> None:
    cleaner = PasteCleaner()
    assert cleaner.feed("x" + PASTE_START + "ab\x1b]52;c;") == "x" + PASTE_START
    assert cleaner.feed("ZXZp\x07cd\x1b[20") == ""
    assert cleaner.feed("1~y") == "abcd" + PASTE_END + "y"


@given(st.lists(st.text(), max_size=4), st.text(), st.data())
def test_any_paste_in_any_chunks(before: list[str], body: str, data: st.DataObject) -> None:
    keys = "".join(before).replace(PASTE_START, "")
    while _INTRODUCER.search(keys):  # keys hold no control string (those are removed)
        keys = _INTRODUCER.sub("", keys)
    stream = keys + PASTE_START + body.replace(PASTE_END, "") + PASTE_END
    # Reads may cut anywhere but inside the start marker: a terminal writes the marker with
    # what follows it, and a lone ESC at the end of a read is the Escape key.
    inside_start = range(len(keys) + 1, len(keys) + len(PASTE_START))
    cuts = sorted(
        c for c in data.draw(st.lists(st.integers(0, len(stream)), max_size=6)) if c not in inside_start
    )
    chunks = [stream[a:b] for a, b in zip([0, *cuts], [*cuts, len(stream)], strict=True)]
    out = _feed_in(chunks)
    assert out == _feed_in([stream])  # the reads' boundaries change nothing
    head, _, rest = out.partition(PASTE_START)
    assert head == keys
    cleaned, _, tail = rest.partition(PASTE_END)
    assert tail == "" and not CONTROL.search(cleaned) and "\x1b" not in cleaned
    assert cleaned == clean_pasted(body.replace(PASTE_END, ""))


def test_a_control_string_outside_a_paste_is_removed_whole() -> None:
    # An unbracketed paste of a copied clipboard write: its BEL must not be Ctrl+G.
    assert _feed_in(["拆迁\x1b]52;c;aGVsbG8=\x07滞后\r"]) == "拆迁滞后\r"
    assert _feed_in(["a\x1b]0;title\x1b\\b"]) == "ab"


def test_a_control_string_cut_by_a_read_is_held_until_its_end() -> None:
    cleaner = PasteCleaner()
    assert cleaner.feed("x\x1b]52;c;ZX") == "x"
    assert cleaner.feed("Zp\x07y\x07") == "y\x07"  # the string's BEL is gone; a later one is a key


def _keys(data: str) -> list[str]:
    """The keys Textual's parser reads from `data` (the end of input flushes a last ESC)."""
    from textual import events
    from textual._xterm_parser import XTermParser

    parser = XTermParser()
    read = [*parser.feed(data)] if data else []  # an empty feed is the end of input
    return [e.key for e in [*read, *parser.feed("")] if isinstance(e, events.Key)]


def test_escape_and_the_key_behind_it_in_one_read_are_two_keys() -> None:
    # Read as they come, each of these was one Alt key and the Escape was lost.
    assert _keys("\x1b\r") == ["enter"]
    assert _keys(separate_escape("\x1b\r")) == ["escape", "enter"]
    assert _keys(separate_escape("\x1b\x15第二项\r")) == ["escape", "ctrl+u", "第", "二", "项", "enter"]
    assert _keys(separate_escape("\x1bx\x1b\x1b")) == ["escape", "x", "escape", "escape"]


def test_sequences_and_alt_backspace_stay_whole() -> None:
    for keys in ("\x1b[6~", "\x1b\x1b[6~", "\x1bOP", "\x1b\x7f", "\x1b[200~粘贴\x1b[201~", "ab\r", "\x1b"):
        assert separate_escape(keys) == keys


@given(st.text(alphabet=st.characters(exclude_characters="\x1b")))
def test_escape_before_any_typing_is_the_escape_key_then_that_typing(typed: str) -> None:
    if typed[:1] in ("[", "O", "\x7f", "\x08"):  # a sequence, or Alt+Backspace
        return
    assert _keys(separate_escape("\x1b" + typed)) == ["escape", *_keys(typed)]
