"""`tui550 serve`: one wall for a hall of browsers, read-only, refusing foreign pages.

Each test starts the real server (`python -m tui550 serve`) on a free loopback port and
talks to it as a browser's script does (websockets with aiohttp) or as a browser does
(headless Chromium over the DevTools protocol; those skip where Chromium is absent).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.processes.browser import CHROMIUM, chromium
from tests.support.demo import DEMO_DAY
from tests.support.paths import REPO
from tui550.core.db import Database, open_database
from tui550.core.domain import Kind
from tui550.core.store import items, meetings

aiohttp = pytest.importorskip("aiohttp")
pyte = pytest.importorskip("pyte")

# The view process starts in about a second; a busy test machine can take several.
START_S = 30.0
ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


# The server reads through the same storage functions the storage tests run on both backends.
pytestmark = pytest.mark.sqlite_only


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """One `tui550 serve` process and the database it serves."""

    def __init__(self, db_path: Path, port: int, args: list[str]) -> None:
        self.db_path, self.port, self.args = db_path, port, args
        self.proc: subprocess.Popen[str] | None = None

    def start(self) -> Server:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tui550",
                "--db",
                str(self.db_path),
                "serve",
                "--port",
                str(self.port),
                *self.args,
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        started = time.monotonic()
        while time.monotonic() - started < START_S:
            if self.proc.poll() is not None:
                raise AssertionError(f"serve exited: {self.proc.stderr.read() if self.proc.stderr else ''}")
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            time.sleep(0.05)  # polling a port that is not open yet; not synchronisation on a result
        raise AssertionError("serve did not listen in time")

    def stop(self, signum: int = signal.SIGTERM) -> tuple[int, str, str]:
        assert self.proc is not None
        os.killpg(self.proc.pid, signum)
        try:
            out, err = self.proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            out, err = self.proc.communicate()
        return self.proc.returncode, out, err

    def children(self) -> list[int]:
        """Every process started by the server (the view runs in a session of its own)."""
        assert self.proc is not None
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.proc.pid:
                found.append(int(stat.parent.name))
        return found

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws"


class Hall:
    def __init__(self, db: Database, server: Server, meeting_id: Any) -> None:
        self.db, self.server, self.meeting_id = db, server, meeting_id
        self.entries = meetings.agenda(db, meeting_id)


def _serve(demo_db: Database, db_path: Path, args: list[str]) -> Iterator[Hall]:
    meeting = next(m for m in meetings.list_meetings(demo_db) if m.date == DEMO_DAY)
    meetings.start_meeting(demo_db, meeting.id)
    meetings.set_position(demo_db, meeting.id, 1)
    server = Server(db_path, _free_port(), args).start()
    try:
        yield Hall(open_database(str(db_path), who="主持人"), server, meeting.id)
    finally:
        if server.proc is not None and server.proc.poll() is None:
            server.stop()


@pytest.fixture
def hall(demo_db: Database, db_path: Path) -> Iterator[Hall]:
    yield from _serve(demo_db, db_path, ["--max-viewers", "3"])


class Watcher:
    """A websocket viewer that keeps what it was sent, as text without escapes."""

    def __init__(self, ws: Any) -> None:
        self.ws, self.raw = ws, b""

    @property
    def text(self) -> str:
        return ANSI.sub("", self.raw.decode("utf-8", "replace"))

    async def until(self, needle: str, deadline_s: float = START_S) -> float:
        started = time.monotonic()
        while needle not in self.text:
            left = deadline_s - (time.monotonic() - started)
            if left <= 0:
                raise AssertionError(f"{needle!r} never came:\n{self.text[-2000:]}")
            try:
                message = await self.ws.receive(timeout=left)
            except TimeoutError:
                continue
            if message.type == aiohttp.WSMsgType.BINARY:
                self.raw += message.data
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                raise AssertionError(f"closed before {needle!r}")
        return time.monotonic() - started


async def _status(http: Any, url: str, **kwargs: Any) -> int:
    async with http.get(url, allow_redirects=False, **kwargs) as response:
        return int(response.status)


async def _ws_status(http: Any, url: str, **kwargs: Any) -> int:
    try:
        async with http.ws_connect(url, **kwargs):
            return 101
    except aiohttp.WSServerHandshakeError as exc:
        return int(exc.status)


def test_one_view_for_every_viewer_newcomers_see_the_screen_and_items_reach_all(hall: Hall) -> None:
    first = hall.entries[0].project.name

    async def run() -> None:
        async with aiohttp.ClientSession() as http:
            async with http.ws_connect(hall.server.ws_url) as ws:
                await Watcher(ws).until(first)  # the view has started and drawn the wall
            async with http.ws_connect(hall.server.ws_url) as a, http.ws_connect(hall.server.ws_url) as b:
                one, two = Watcher(a), Watcher(b)
                # A newcomer gets the current screen at once, as one frame.
                assert await one.until(first, 1.0) < 1.0
                await two.until(first, 1.0)
                # Viewers are websockets, not processes: still the one view.
                assert len(hall.server.children()) == 1
                items.capture(
                    hall.db,
                    meeting_id=hall.meeting_id,
                    project_id=hall.entries[0].project.id,
                    kind=Kind.DECISION,
                    text="HALL-MARK-7 落实资金",
                )
                await asyncio.gather(one.until("HALL-MARK-7", 5.0), two.until("HALL-MARK-7", 5.0))
                # The cap: a fourth viewer is refused, and told so.
                async with http.ws_connect(hall.server.ws_url):
                    assert await _ws_status(http, hall.server.ws_url) == 503

    asyncio.run(run())
    code, _, err = hall.server.stop(signal.SIGINT)
    assert code == 0 and "已达观看上限（3）" in err
    assert "只读画面已停止" in err


def test_keys_and_messages_from_a_browser_change_nothing(hall: Hall) -> None:
    first, second = hall.entries[0].project.name, hall.entries[1].project.name
    before = items.meeting_items(hall.db, hall.meeting_id)

    async def run() -> None:
        async with aiohttp.ClientSession() as http, http.ws_connect(hall.server.ws_url) as ws:
            watcher = Watcher(ws)
            await watcher.until(first)
            for message in (
                '["stdin", "会议强调\\r"]',
                '["stdin", "\\u001b[6~"]',
                '["resize", {"width": 10000, "height": 10000}]',
                '["stdin", "\\u001bOQ"]',
                '["stdin", "q"]',
                "\x1b[21~",
                "\x10theme\r",
                "e",
                "\t",
            ):
                await ws.send_str(message)
            await ws.send_bytes(b"\x1b[6~\r\x03q")
            # Something happens on the wall after them, so they had their chance to act.
            meetings.set_position(hall.db, hall.meeting_id, 2)
            await watcher.until(second, 5.0)
            assert not ws.closed  # q did not end the wall
            # The size asked for was not taken: nothing is drawn beyond 120 x 36.
            screen = pyte.Screen(200, 60)
            pyte.ByteStream(screen).feed(watcher.raw)
            assert second in "".join(screen.display[:36])
            assert not "".join(line[120:] for line in screen.display).strip()
            assert not "".join(screen.display[36:]).strip()
        async with aiohttp.ClientSession() as http, http.ws_connect(hall.server.ws_url) as ws:
            # A message larger than anything a page needs closes that viewer, and only it.
            await ws.send_str("x" * 100_000)
            message = await ws.receive(timeout=START_S)
            while message.type == aiohttp.WSMsgType.BINARY:
                message = await ws.receive(timeout=START_S)
            assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
        async with aiohttp.ClientSession() as http, http.ws_connect(hall.server.ws_url) as ws:
            await Watcher(ws).until(second, 5.0)

    asyncio.run(run())
    assert items.meeting_items(hall.db, hall.meeting_id) == before
    assert meetings.get_meeting(hall.db, hall.meeting_id).current_position == 2


def test_foreign_pages_hosts_and_directory_listings_are_refused_and_logged(hall: Hall) -> None:
    server = hall.server

    async def run() -> None:
        async with aiohttp.ClientSession() as http:
            page = await (await http.get(server.url)).text()
            # Nothing fetched from elsewhere, and nothing of the request written into the page.
            found = re.findall(r"""(?:src|href)=["']([^"']+)["']""", page)
            assert found and all(a.startswith(("/static/", "/page/")) for a in found), found
            assert "://" not in page and str(server.port) not in page
            assert await _status(http, server.url, headers={"Host": "evil.example:80"}) == 421
            assert await _status(http, server.url, headers={"Host": f"rebound.example:{server.port}"}) == 421
            for listing in ("/static/", "/static/js/", "/static/fonts/", "/page/"):
                assert await _status(http, server.url.rstrip("/") + listing) in (403, 404)
            assert await _status(http, server.url + "static/js/textual.js") == 200
            # A page of another site open in the same browser cannot read the meeting.
            assert await _ws_status(http, server.ws_url, origin="http://evil.example") == 403
            assert await _ws_status(http, server.ws_url, origin="null") == 403
            assert await _ws_status(http, server.ws_url, origin=f"http://127.0.0.1:{server.port}") == 101

    asyncio.run(run())
    _, _, err = server.stop()
    assert err.count("拒绝") >= 4 and "来自其他网站的网页" in err and "Host 不是本机的名称或地址" in err


def test_a_view_that_ends_is_started_again_and_none_is_left_when_the_server_is_killed(hall: Hall) -> None:
    async def first_screen() -> None:
        async with aiohttp.ClientSession() as http, http.ws_connect(hall.server.ws_url) as ws:
            await Watcher(ws).until(hall.entries[0].project.name)

    asyncio.run(first_screen())
    crashed = hall.server.children()
    assert len(crashed) == 1
    os.kill(crashed[0], signal.SIGKILL)
    started = time.monotonic()
    while hall.server.children() in ([], crashed) and time.monotonic() - started < START_S:
        time.sleep(0.1)  # polling for the new view; the condition is checked after
    views = hall.server.children()
    assert len(views) == 1 and views != crashed
    asyncio.run(first_screen())
    _, _, err = hall.server.stop(signal.SIGKILL)
    assert "画面进程已退出" in err
    started = time.monotonic()
    status = Path(f"/proc/{views[0]}/stat")

    def ended() -> bool:  # gone, or a zombie waiting for whoever adopted it
        with contextlib.suppress(OSError):
            return status.read_text().rsplit(")", 1)[1].split()[0] == "Z"
        return True

    while not ended() and time.monotonic() - started < 15:
        time.sleep(0.1)  # polling for a process's end; the condition is checked after
    assert ended()


@pytest.fixture
def guarded(demo_db: Database, db_path: Path) -> Iterator[Hall]:
    yield from _serve(
        demo_db, db_path, ["--token", "hall-token-42", "--allow-origin", "https://wall.district.lan"]
    )


def test_a_token_is_needed_for_the_page_and_the_websocket(guarded: Hall) -> None:
    server = guarded.server

    async def run() -> None:
        async with aiohttp.ClientSession() as http:
            assert await _status(http, server.url) == 403
            assert await _status(http, server.url + "?token=hall-token-4") == 403
            assert await _status(http, server.url + "?token=hall-token-42") == 200
            assert await _ws_status(http, server.ws_url) == 403
            assert await _ws_status(http, server.ws_url + "?token=hall-token-42") == 101
            # The origin of a reverse proxy in front, named at start.
            assert (
                await _ws_status(
                    http, server.ws_url + "?token=hall-token-42", origin="https://wall.district.lan"
                )
                == 101
            )

    asyncio.run(run())
    _code, out, err = server.stop()
    assert f"http://127.0.0.1:{server.port}/?token=hall-token-42" in out
    assert "hall-token-4" not in err  # refusals name the path, never the token tried


# --- in a browser -------------------------------------------------------------------------

needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Chromium (/usr/bin/chromium)")
WALL_BOX = "JSON.stringify(document.querySelector('.xterm-screen').getBoundingClientRect())"


@needs_chromium
@pytest.mark.parametrize(("width", "height"), [(390, 844), (1920, 1080)], ids=["phone", "projector"])
def test_the_page_scales_the_wall_to_the_window(hall: Hall, tmp_path: Path, width: int, height: int) -> None:
    import json

    first = hall.entries[0].project.name

    async def run() -> None:
        async with chromium() as page:
            await page.open(hall.server.url, width, height, mobile=width < 600)
            text = await page.wait_for_text(first)
            lines = text.split("\n")
            assert len(lines) == 36 and "数据：会议数据库" in lines[-1]  # the whole wall, no address
            await page.wait_for("document.getElementById('stage').style.transform.includes('scale')")
            box = json.loads(await page.evaluate(WALL_BOX))
            inner = json.loads(await page.evaluate("JSON.stringify([innerWidth, innerHeight])"))
            assert abs(inner[0] - width) < 0.05 * width  # the window asked for
            # Scaled to fit: inside the window, and filling its width or its height.
            assert box["left"] >= -1 and box["top"] >= -1
            assert box["right"] <= inner[0] + 1 and box["bottom"] <= inner[1] + 1
            assert box["width"] >= inner[0] - 2 or box["height"] >= inner[1] - 2
            await page.screenshot(tmp_path / f"wall-{width}x{height}.png")
            outside = [u for u in page.requests if not u.startswith((hall.server.url, hall.server.ws_url))]
            assert page.requests and not outside, outside

    asyncio.run(run())
    assert (tmp_path / f"wall-{width}x{height}.png").stat().st_size > 10_000


@needs_chromium
def test_keys_typed_in_the_page_change_nothing_and_it_reconnects_by_itself(hall: Hall) -> None:
    first, third = hall.entries[0].project.name, hall.entries[2].project.name
    banner = "!document.getElementById('lost').hidden"
    before = items.meeting_items(hall.db, hall.meeting_id)

    async def run() -> None:
        async with chromium() as page:
            await page.open(hall.server.url, 1280, 720)
            await page.wait_for_text(first)
            assert not await page.evaluate(banner)
            # Typing into the page: text, Enter, F3, PageDown, q. None of it leaves the page.
            await page.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
            await page.call("Input.insertText", text="会议强调")
            for key, code in (("Enter", 13), ("F3", 114), ("PageDown", 34), ("q", 81)):
                for kind in ("keyDown", "keyUp"):
                    await page.call("Input.dispatchKeyEvent", type=kind, key=key, windowsVirtualKeyCode=code)
            await page.wait_for_text(first)
            assert meetings.get_meeting(hall.db, hall.meeting_id).current_position == 1
            assert items.meeting_items(hall.db, hall.meeting_id) == before
            hall.server.stop()
            assert await page.wait_for(banner, 10.0)
            assert "连接中断，正在重连" in await page.evaluate("document.getElementById('lost').textContent")
            meetings.set_position(hall.db, hall.meeting_id, 3)  # moved on while the server was down
            hall.server.start()
            await page.wait_for_text(third, START_S)
            assert await page.wait_for("document.getElementById('lost').hidden", 10.0)

    asyncio.run(run())
