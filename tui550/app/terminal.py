"""Terminal input: a paste is text, never keys.

A terminal in bracketed-paste mode wraps a paste between `ESC [200~` and `ESC [201~`.
Textual's input parser then collects it into one Paste event, but an escape sequence
inside the paste (a copied clipboard write `ESC ]52;…BEL`, a colour code) leaves that
collection: its bytes come out as keys, so a BEL opened the jump dialog (Ctrl+G) and
the rest of the paste went into the line as `^]52;…`.

`PasteCleaner` sits between the terminal and the parser and removes escape sequences
and control characters from the body of every bracketed paste (`text.clean_pasted`,
the cleaning stored text gets), before the parser or any key handling sees them.
Outside a paste the bytes pass through as they came, that is how keys arrive, with
one exception: control strings (OSC `ESC ]`, DCS `ESC P`, SOS, PM, APC), which no
terminal sends as a key and Textual asks none of, are removed whole. A paste from a
terminal without bracketed paste can carry a copied clipboard write, and its BEL
terminator would otherwise be Ctrl+G. A lone BEL in such a paste cannot be told from a
typed Ctrl+G: only bracketed paste (which Textual turns on) makes it text.

A start marker is recognised within one read (terminals write it with the paste);
holding a read's last bytes in case they begin one would hold back a lone Escape key.

Escape and the key typed right behind it can arrive in one read (a fast typist over SSH
or a remote desktop, `tmux send-keys`). A terminal without the kitty keyboard protocol
writes Escape as a bare ESC and Alt+key as ESC then the key, so the parser can tell them
apart only by time, and a read holding both became one Alt key: Esc then Enter in a
dialog was a bare Enter that picked the highlighted choice instead of cancelling, and
Esc then typing put the text into the dialog's filter. No command of ours is on an Alt
key, so `separate_escape` reads ESC followed by a key as the Escape key, then that key.
Sequences stay whole: CSI `ESC [`, SS3 `ESC O`, ESC ESC (Alt plus a key that is itself a
sequence), and Alt+Backspace (ESC DEL or BS), which Textual's line takes as delete word.
"""

from __future__ import annotations

import os
import re
import selectors
from codecs import getincrementaldecoder

from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

from tui550.core.text import clean_pasted

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
# A control string: its introducer, its body, and its terminator (BEL or ST) if it has come.
_CONTROL_STRING = re.compile(r"\x1b[\]PX^_][^\x07\x1b]*(\x07|\x1b\\)?")
# An unterminated control string held for its end no longer than this: then it is dropped.
_CONTROL_STRING_MAX = 65536
# ESC followed, in the same read, by a key that does not continue a sequence.
_ESCAPE_THEN_KEY = re.compile(r"\x1b(?=[^\[O\x1b\x7f\x08])")
# The Escape key as the kitty keyboard protocol writes it (CSI 27 u): one whole key.
ESCAPE_KEY = "\x1b[27u"


def separate_escape(data: str) -> str:
    """Keys as typed: an ESC with a key behind it in the same read is the Escape key
    followed by that key, not Alt+key (see the module's docstring)."""
    return _ESCAPE_THEN_KEY.sub(ESCAPE_KEY, data) if "\x1b" in data else data


class PasteCleaner:
    """Cleans the body of each bracketed paste in a stream of terminal input."""

    def __init__(self) -> None:
        self._body: list[str] | None = None  # a paste's text so far, while one is open
        self._control = ""  # a control string begun outside a paste, until its end

    def _outside(self, data: str) -> str:
        """Keys outside a paste, less any control string; one cut by the end of the read
        is held until its terminator arrives."""
        data, self._control = self._control + data, ""
        out: list[str] = []
        at = 0
        for found in _CONTROL_STRING.finditer(data):
            out.append(data[at : found.start()])
            at = found.end()
            cut_by_the_read = found.group(1) is None and found.end() == len(data)
            if cut_by_the_read and len(found.group(0)) < _CONTROL_STRING_MAX:
                self._control = found.group(0)
        out.append(data[at:])
        return "".join(out)

    def feed(self, data: str) -> str:
        """The input to hand the parser now. A paste's body is held until its end marker
        has arrived (it may come over several reads), then passed on cleaned."""
        out: list[str] = []
        while data:
            if self._body is None:
                start = data.find(PASTE_START)
                if start < 0:
                    out.append(self._outside(data))
                    break
                out.append(self._outside(data[:start]) + PASTE_START)
                data = data[start + len(PASTE_START) :]
                self._body = []
                continue
            self._body.append(data)
            held = "".join(self._body)
            end = held.find(PASTE_END)
            if end < 0:
                self._body = [held]
                break
            out.append(clean_pasted(held[:end]) + PASTE_END)
            data = held[end + len(PASTE_END) :]
            self._body = None
        return "".join(out)


class CleanPasteDriver(LinuxDriver):
    """Textual's Linux driver, with every read passed through a `PasteCleaner`."""

    def run_input_thread(self) -> None:
        parser = XTermParser(self._debug)
        cleaner = PasteCleaner()
        decode = getincrementaldecoder("utf-8")(errors="replace").decode
        with selectors.SelectSelector() as selector:
            selector.register(self.fileno, selectors.EVENT_READ)
            while not self.exit_event.is_set():
                if selector.select(0.1):
                    read = os.read(self.fileno, 4096)
                    if not read:
                        break  # input closed
                    data = separate_escape(cleaner.feed(decode(read)))
                    if data:  # a paste still open, or half a character, waits for more
                        for event in parser.feed(data):
                            self.process_message(event)
                for event in parser.tick():
                    self.process_message(event)
