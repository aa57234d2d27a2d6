"""The hall: one wall, drawn once, sent to every browser that watches it.

One `tui550 view` (`wall.WallProcess`) draws the wall at a fixed size; each frame it
writes is fed to the server's copy of the screen (`screen.WallScreen`) and appended to
every viewer's outgoing bytes. A viewer is a websocket and a buffer, with no process of
its own: a newcomer gets the current screen as one frame, then the frames that follow.
A viewer that cannot keep up has its backlog dropped and gets the current screen
instead, so a slow phone costs a bounded amount of memory and never holds up the rest.

Nothing a browser sends is read beyond noticing that it closed: the view's stdin
carries only the size and "quit" (`wall.py`).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import socket
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import jinja2
import textual_serve
from aiohttp import WSCloseCode, web
from aiohttp.typedefs import Handler

from tui550.app.web.access import AccessPolicy
from tui550.app.web.screen import WallScreen
from tui550.app.web.wall import WallProcess
from tui550.i18n import t

HERE = Path(__file__).parent
PAGE_STATIC = HERE / "static"
# The browser terminal (xterm.js inside textual-serve's script), its stylesheet and font.
TERMINAL_STATIC = Path(textual_serve.__file__).parent / "static"

# A viewer further behind than this is sent the current screen instead of its backlog.
MAX_BACKLOG = 256 * 1024
# Browsers send nothing the hall reads; a larger message closes the connection.
MAX_INCOMING = 4096
# Pings find viewers whose network went away without a goodbye.
HEARTBEAT_S = 30.0
COUNT_EVERY_S = 1.0
# A still wall sends nothing; an empty message this often lets a page tell a quiet wall
# from a network that went away (it reconnects after 25 s of silence).
KEEPALIVE_S = 10.0

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "font-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
        "form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


@dataclass(frozen=True)
class HallConfig:
    host: str
    port: int
    size: tuple[int, int]
    max_viewers: int
    policy: AccessPolicy
    lang: str


class Viewer:
    """One browser: what it has not been sent yet, and whether it needs the whole screen."""

    __slots__ = ("backlog", "resync", "wake", "ws")

    def __init__(self, ws: web.WebSocketResponse) -> None:
        self.ws = ws
        self.backlog = bytearray()
        self.resync = True  # a newcomer starts from the whole screen
        self.wake = asyncio.Event()
        self.wake.set()

    def push(self, frame: bytes) -> None:
        if self.resync:
            return  # the screen it will be sent already holds this frame
        if len(self.backlog) + len(frame) > MAX_BACKLOG:
            self.backlog.clear()
            self.resync = True
        else:
            self.backlog += frame
        self.wake.set()

    async def pump(self, screen: WallScreen) -> None:
        try:
            while True:
                try:
                    await asyncio.wait_for(self.wake.wait(), KEEPALIVE_S)
                except TimeoutError:
                    await self.ws.send_bytes(b"")
                    continue
                self.wake.clear()
                # Taken and cleared with no await between: the screen and the frames
                # after it are always consistent.
                if self.resync:
                    data, self.resync = screen.snapshot(), False
                    self.backlog.clear()
                else:
                    data = bytes(self.backlog)
                    self.backlog.clear()
                if data:
                    await self.ws.send_bytes(data)
        except (ConnectionError, RuntimeError):
            await self.ws.close()


WILDCARDS = frozenset({"0.0.0.0", "::"})


def url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


class Hall:
    def __init__(
        self,
        config: HallConfig,
        view_argv: Sequence[str],
        env: Mapping[str, str],
        *,
        out: TextIO | None = None,
    ) -> None:
        self.config = config
        self.out = out or sys.stderr
        self.screen = WallScreen(*config.size)
        self.wall = WallProcess(view_argv, env, config.size, self.broadcast, self._view_ended)
        self.viewers: set[Viewer] = set()
        self.refused = 0
        self._shown_count: int | None = None
        self._status_line = False
        self._page = self._render_page()

    # --- the wall --------------------------------------------------------------------
    def broadcast(self, frame: bytes) -> None:
        self.screen.feed(frame)
        for viewer in self.viewers:
            viewer.push(frame)

    def _view_ended(self, code: int | None) -> None:
        self.say(t("serve.view_ended", code=code))

    # --- the web ---------------------------------------------------------------------
    def _render_page(self) -> bytes:
        """The page is the same for every request: nothing from a request is written into it."""
        templates = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True)
        columns, lines = self.config.size
        return (
            templates.get_template("index.html")
            .render(
                lang="zh-CN" if self.config.lang == "zh" else "en",
                title=t("serve.title"),
                reconnecting=t("serve.reconnecting"),
                columns=columns,
                lines=lines,
            )
            .encode("utf-8")
        )

    def application(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        app.add_routes(
            [
                web.get("/", self._index),
                web.get("/ws", self._websocket),
                web.static("/page", PAGE_STATIC, show_index=False, follow_symlinks=False),
                web.static("/static", TERMINAL_STATIC, show_index=False, follow_symlinks=False),
            ]
        )
        app.on_shutdown.append(self._close_viewers)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        refusal = self.config.policy.check(
            host=request.host,
            origin=request.headers.get("Origin"),
            token=request.query.get("token"),
            secure=request.secure,
            websocket=request.path == "/ws",
            needs_token=request.path in ("/", "/ws"),
        )
        if refusal is not None:
            self._refuse(request, t(f"serve.refused.{refusal.reason}"))
            raise web.HTTPMisdirectedRequest() if refusal.status == 421 else web.HTTPForbidden()
        response = await handler(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    def _refuse(self, request: web.Request, reason: str) -> None:
        self.refused += 1
        # The path only: the query may hold a token, right or wrong.
        self.say(t("serve.refused", peer=request.remote or "?", path=request.path, reason=reason))

    async def _index(self, request: web.Request) -> web.Response:
        return web.Response(
            body=self._page, content_type="text/html", charset="utf-8", headers={"Cache-Control": "no-store"}
        )

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        if len(self.viewers) >= self.config.max_viewers:
            self._refuse(request, t("serve.refused.full", limit=self.config.max_viewers))
            raise web.HTTPServiceUnavailable()
        ws = web.WebSocketResponse(compress=False, max_msg_size=MAX_INCOMING, heartbeat=HEARTBEAT_S)
        viewer = Viewer(ws)
        self.viewers.add(viewer)  # before the handshake's await, so the cap holds
        pump: asyncio.Task[None] | None = None
        try:
            await ws.prepare(request)
            pump = asyncio.create_task(viewer.pump(self.screen))
            async for _message in ws:
                pass  # read-only: whatever a browser sends is dropped here
        finally:
            self.viewers.discard(viewer)
            if pump is not None:
                pump.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await pump
        return ws

    async def _close_viewers(self, app: web.Application) -> None:
        for viewer in list(self.viewers):
            await viewer.ws.close(code=WSCloseCode.GOING_AWAY)

    # --- the terminal that runs `serve` ------------------------------------------------
    def say(self, line: str) -> None:
        if self._status_line:
            self.out.write("\r\x1b[K")
            self._status_line = False
        print(line, file=self.out, flush=True)
        self._shown_count = None if self.out.isatty() else self._shown_count

    async def _report_viewers(self) -> None:
        """The number watching, live: rewritten in place on a terminal, a line per change elsewhere."""
        while True:
            count = len(self.viewers)
            if count != self._shown_count:
                self._shown_count = count
                text = t("serve.viewers", count=count)
                if self.out.isatty():
                    self.out.write(f"\r\x1b[K{text}")
                    self.out.flush()
                    self._status_line = True
                else:
                    print(text, file=self.out, flush=True)
            await asyncio.sleep(COUNT_EVERY_S)

    def urls(self) -> list[str]:
        token = self.config.policy.token
        query = f"?token={token}" if token else ""
        hosts = [self.config.host]
        if self.config.host in WILDCARDS:
            hosts.append(socket.gethostname())  # what others type: the address bound is no name
        return [f"http://{url_host(host)}:{self.config.port}/{query}" for host in hosts]

    # --- running -----------------------------------------------------------------------
    def serve(self) -> None:
        """Until Ctrl+C (or SIGTERM, SIGHUP): then viewers are told goodbye and the view ends."""
        asyncio.run(self._main())

    async def _main(self) -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        # Ctrl+C, a service manager's stop, or the terminal closed: the same orderly end.
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            loop.add_signal_handler(signum, stop.set)
        runner = web.AppRunner(self.application(), handle_signals=False, access_log=None)
        await runner.setup()
        tasks: list[asyncio.Task[None]] = []
        try:
            # `::` is every address, IPv6 and IPv4 (asyncio would bind IPv6 only).
            host = None if self.config.host == "::" else self.config.host
            await web.TCPSite(runner, host, self.config.port).start()
            tasks.append(asyncio.create_task(self.wall.run()))
            for url in self.urls():
                print(t("cli.serve.listening", url=url), flush=True)
            tasks.append(asyncio.create_task(self._report_viewers()))
            await stop.wait()
        finally:
            await self.wall.stop()
            await runner.cleanup()  # closes every viewer's websocket (on_shutdown)
            for task in tasks:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            self.say(t("serve.stopped"))
