"""`tui550 serve`: the read-only view in browsers, on loopback only, nothing fetched from outside.

One server process per module (each browser connection starts its own `tui550 view`).
The websocket test talks to textual-serve's endpoint as the page's script does; the
Chromium test loads the page in headless Chromium and reads the terminal's text through
the page's own xterm.js, over the DevTools protocol. It skips where Chromium is absent.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DEMO_DAY
from tui550.core.db import Database, open_database
from tui550.core.store import items, meetings

aiohttp = pytest.importorskip("aiohttp")
pytest.importorskip("textual_serve")

CHROMIUM = Path("/usr/bin/chromium")
# A view process starts in about a second; a busy test machine can take several.
START_S = 30.0
ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def backend() -> str:
    return "sqlite"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for_port(port: int, proc: subprocess.Popen[bytes], deadline_s: float = START_S) -> None:
    started = time.monotonic()
    while time.monotonic() - started < deadline_s:
        if proc.poll() is not None:
            raise AssertionError(f"serve exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)  # polling a port that is not open yet; not synchronisation on a result
    raise AssertionError("serve did not listen in time")


class Served:
    def __init__(self, db: Database, port: int, meeting_id: Any) -> None:
        self.db, self.port, self.meeting_id = db, port, meeting_id
        self.entries = meetings.agenda(db, meeting_id)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


@pytest.fixture
def served(demo_db: Database, db_path: Path) -> Iterator[Served]:
    meeting = next(m for m in meetings.list_meetings(demo_db) if m.date == DEMO_DAY)
    meetings.start_meeting(demo_db, meeting.id)
    meetings.set_position(demo_db, meeting.id, 1)
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui550", "--db", str(db_path), "serve", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _wait_for_port(port, proc)
        yield Served(open_database(str(db_path), who="主持人"), port, meeting.id)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def test_the_page_fetches_nothing_from_outside(served: Served) -> None:
    async def fetch() -> str:
        async with aiohttp.ClientSession() as session, session.get(served.url) as response:
            assert response.status == 200
            return str(await response.text())

    page = asyncio.run(fetch())
    addresses = re.findall(r"""(?:src|href)=["']([^"']+)["']|url\(["']?([^"')]+)""", page)
    found = [a or b for a, b in addresses]
    assert found and all(a.startswith("/static/") for a in found), found
    assert "googleapis" not in page and "https://" not in page
    assert f"ws://127.0.0.1:{served.port}/ws" in page


async def _read_until(ws: Any, needle: str, deadline_s: float) -> str:
    buffer = b""
    started = time.monotonic()
    while time.monotonic() - started < deadline_s:
        try:
            message = await ws.receive(timeout=1.0)
        except TimeoutError:
            continue
        if message.type == aiohttp.WSMsgType.BINARY:
            buffer += message.data
            text = ANSI.sub("", buffer.decode("utf-8", "replace"))
            if needle in text:
                return text
        elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
            break
    raise AssertionError(f"{needle!r} not seen on the terminal")


def test_websocket_shows_the_project_and_ignores_editing_keys(served: Served) -> None:
    name = served.entries[0].project.name
    before = items.meeting_items(served.db, served.meeting_id)

    async def session() -> None:
        async with aiohttp.ClientSession() as http, \
                http.ws_connect(f"ws://127.0.0.1:{served.port}/ws?width=120&height=36") as ws:
            await ws.send_str(json.dumps(["resize", {"width": 120, "height": 36}]))
            await _read_until(ws, name, START_S)
            # Whatever a browser sends: text and Enter, F-keys, ctrl keys, the palette.
            for keys in ("会议强调", "\r", "\x1bOQ", "\x1bOR", "\x1b[21~", "\x0e", "\x1a", "\x10",
                         "\x1b", "e", "d", "\t", "\x1b[6~"):
                await ws.send_str(json.dumps(["stdin", keys]))
            # q ends the view; its websocket closes after every key before it was handled.
            await ws.send_str(json.dumps(["stdin", "q"]))
            started = time.monotonic()
            while not ws.closed and time.monotonic() - started < START_S:
                await ws.receive(timeout=START_S)
            assert ws.closed

    asyncio.run(session())
    assert items.meeting_items(served.db, served.meeting_id) == before
    assert meetings.get_meeting(served.db, served.meeting_id).current_position == 1


# --- headless Chromium ------------------------------------------------------------------

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                  "--window-size=1400,900"]

# The page's terminal object is not global; find its class (the one with connect() and fit())
# in the closure of the resize handler the page installs, then its instance on the heap.
READ_TERMINAL = """function () {
  const t = this[0].terminal, b = t.buffer.active, out = [];
  for (let i = 0; i < t.rows; i++) out.push(b.getLine(i).translateToString(true));
  return out.join("\\n");
}"""


class DevTools:
    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.next_id = 0
        self.requests: list[str] = []

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        call_id = self.next_id
        await self.ws.send_json({"id": call_id, "method": method, "params": params})
        while True:
            message = await self.ws.receive_json(timeout=START_S)
            if message.get("method") == "Network.requestWillBeSent":
                self.requests.append(message["params"]["request"]["url"])
            elif message.get("method") == "Network.webSocketCreated":
                self.requests.append(message["params"]["url"])
            if message.get("id") == call_id:
                if "error" in message:
                    raise AssertionError(message["error"])
                return dict(message["result"])

    async def terminal_text(self) -> str | None:
        handler = (await self.call("Runtime.evaluate", expression="window.onresize"))["result"]
        if "objectId" not in handler:
            return None  # the page's script has not run yet
        internal = await self.call("Runtime.getProperties", objectId=handler["objectId"])
        scopes = next(p for p in internal["internalProperties"] if p["name"] == "[[Scopes]]")
        scope_list = await self.call("Runtime.getProperties", objectId=scopes["value"]["objectId"],
                                     ownProperties=True)
        for scope in scope_list["result"]:
            if "objectId" not in scope["value"]:
                continue
            names = await self.call("Runtime.getProperties", objectId=scope["value"]["objectId"],
                                    ownProperties=True)
            for prop in names["result"]:
                value = prop.get("value", {})
                if value.get("type") != "function":
                    continue
                proto = (await self.call(
                    "Runtime.callFunctionOn", objectId=value["objectId"],
                    functionDeclaration="function () { const p = this.prototype;"
                    " return p && p.connect && p.fit ? p : null; }"))["result"]
                if "objectId" not in proto:
                    continue
                found = await self.call("Runtime.queryObjects", prototypeObjectId=proto["objectId"])
                text = await self.call("Runtime.callFunctionOn", objectId=found["objects"]["objectId"],
                                       functionDeclaration=READ_TERMINAL, returnByValue=True)
                return str(text["result"].get("value", ""))
        return None

    async def wait_for_text(self, needle: str, deadline_s: float) -> str:
        started = time.monotonic()
        text = ""
        while time.monotonic() - started < deadline_s:
            text = await self.terminal_text() or ""
            if needle in text:
                return text
            await asyncio.sleep(0.2)  # polling the page's terminal; the condition is checked
        raise AssertionError(f"{needle!r} not on the page's terminal:\n{text}")


def _devtools_url(proc: subprocess.Popen[str]) -> str:
    assert proc.stderr is not None
    started = time.monotonic()
    while time.monotonic() - started < START_S:
        line = proc.stderr.readline()
        found = re.search(r"DevTools listening on (ws://\S+)", line)
        if found:
            return found.group(1)
        if not line and proc.poll() is not None:
            break
    raise AssertionError("Chromium did not start its DevTools endpoint")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Chromium (/usr/bin/chromium)")
def test_chromium_shows_the_project_and_follows_the_facilitator(served: Served, tmp_path: Path) -> None:
    first, second = served.entries[0].project.name, served.entries[1].project.name
    profile = tmp_path / "chromium-profile"
    proc = subprocess.Popen([str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        browser_url = _devtools_url(proc)
        port = re.search(r":(\d+)/", browser_url)
        assert port is not None

        async def run() -> None:
            async with aiohttp.ClientSession() as http:
                async with http.get(f"http://127.0.0.1:{port.group(1)}/json/list") as response:
                    targets = await response.json()
                page = next(t for t in targets if t["type"] == "page")
                async with http.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                    tools = DevTools(ws)
                    await tools.call("Network.enable")
                    await tools.call("Page.navigate", url=served.url)
                    await tools.wait_for_text(first, START_S)
                    meetings.set_position(served.db, served.meeting_id, 2)
                    await tools.wait_for_text(second, 5.0)
                    outside = [u for u in tools.requests
                               if not re.match(rf"(https?|wss?)://127\.0\.0\.1:{served.port}/", u)]
                    assert tools.requests and not outside, outside

        asyncio.run(run())
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        shutil.rmtree(profile, ignore_errors=True)
