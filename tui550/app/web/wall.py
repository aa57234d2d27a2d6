"""The one `tui550 view` behind the hall: started once, at a fixed size, restarted if it ends.

It runs under Textual's web driver, the protocol textual-serve speaks to its apps: the
app writes each frame as one length-prefixed packet on stdout, so frames arrive whole
(a pseudo-terminal would cut them anywhere). Its stdin carries nothing but the size at
start and "quit" at the end: no byte from a browser is ever written there.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import json
import signal
import sys
from collections.abc import Callable, Mapping, Sequence

PRELUDE = b"__GANGLION__\n"  # what Textual's web driver writes before its first packet
DATA, META = b"D", b"M"
# A view that ends (the database gone for a moment, a crash) is started again, waiting
# longer each time it ends quickly, up to this.
MAX_BACKOFF_S = 10.0
QUIT_WAIT_S = 5.0
PR_SET_PDEATHSIG = 1


def _end_with_the_server() -> None:
    """In the view's process before it starts (Linux): if the server dies without ending
    it (kill -9), the kernel sends it SIGTERM, so no view is left drawing for nobody."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def packet(kind: bytes, payload: bytes) -> bytes:
    return kind + len(payload).to_bytes(4, "big") + payload


class WallProcess:
    """Runs the view and hands every frame it draws to `on_frame`, in order."""

    def __init__(
        self,
        argv: Sequence[str],
        env: Mapping[str, str],
        size: tuple[int, int],
        on_frame: Callable[[bytes], None],
        on_ended: Callable[[int | None], None],
    ) -> None:
        self.argv = list(argv)
        self.columns, self.lines = size
        self.env = {
            **env,
            "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
            "TEXTUAL_COLOR_SYSTEM": "truecolor",
            "COLUMNS": str(self.columns),
            "ROWS": str(self.lines),
        }
        self.on_frame = on_frame
        self.on_ended = on_ended
        self.process: asyncio.subprocess.Process | None = None
        self.starts = 0
        self._stopping = False

    async def run(self) -> None:
        """Keep one view running until `stop`."""
        backoff = 0.5
        while not self._stopping:
            started = asyncio.get_running_loop().time()
            code = await self._run_once()
            if self._stopping:
                return
            self.on_ended(code)
            lasted = asyncio.get_running_loop().time() - started
            backoff = 0.5 if lasted > MAX_BACKOFF_S else min(backoff * 2, MAX_BACKOFF_S)
            await asyncio.sleep(backoff)

    async def _run_once(self) -> int | None:
        self.process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            env=self.env,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
            # Its own process group: Ctrl+C in the serving terminal reaches the server,
            # which ends the view itself, in order.
            start_new_session=True,
            preexec_fn=_end_with_the_server if sys.platform == "linux" else None,
        )
        self.starts += 1
        assert process.stdin is not None and process.stdout is not None
        await self._send_meta({"type": "resize", "width": self.columns, "height": self.lines})
        stdout = process.stdout
        try:
            while (line := await stdout.readline()) and line != PRELUDE:
                pass
            while True:
                kind = await stdout.readexactly(1)
                size = int.from_bytes(await stdout.readexactly(4), "big")
                payload = await stdout.readexactly(size)
                if kind == DATA:
                    self.on_frame(payload)
        except (asyncio.IncompleteReadError, ConnectionResetError):
            pass  # the view ended
        return await process.wait()

    async def _send_meta(self, meta: dict[str, object]) -> None:
        process = self.process
        if process is None or process.stdin is None or process.returncode is not None:
            return
        with contextlib.suppress(ConnectionError, RuntimeError):
            process.stdin.write(packet(META, json.dumps(meta).encode()))
            await process.stdin.drain()

    async def stop(self) -> None:
        """Ask the view to quit, and end it if it does not within a few seconds."""
        self._stopping = True
        process = self.process
        if process is None or process.returncode is not None:
            return
        await self._send_meta({"type": "quit"})
        try:
            await asyncio.wait_for(process.wait(), QUIT_WAIT_S)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()
