"""Headless Chromium driven over the DevTools protocol, for the served page's tests.

The page's terminal object is not global: it is found through the closure of the resize
handler textual-serve's script installs (its class has connect() and fit()), then on the
heap, and its buffer is read line by line.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp

CHROMIUM = Path("/usr/bin/chromium")
START_S = 30.0
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
]

READ_TERMINAL = """function () {
  const t = this[0].terminal, b = t.buffer.active, out = [];
  for (let i = 0; i < t.rows; i++) out.push(b.getLine(i).translateToString(true));
  return out.join("\\n");
}"""


class Page:
    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.next_id = 0
        self.requests: list[str] = []
        self.console: list[str] = []

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        call_id = self.next_id
        await self.ws.send_json({"id": call_id, "method": method, "params": params})
        while True:
            message = await self.ws.receive_json(timeout=START_S)
            event = message.get("method")
            if event == "Network.requestWillBeSent":
                self.requests.append(message["params"]["request"]["url"])
            elif event == "Network.webSocketCreated":
                self.requests.append(message["params"]["url"])
            elif event == "Runtime.consoleAPICalled":
                self.console.append(" ".join(str(a.get("value", "")) for a in message["params"]["args"]))
            if message.get("id") == call_id:
                if "error" in message:
                    raise AssertionError(message["error"])
                return dict(message["result"])

    async def open(self, url: str, width: int, height: int, *, mobile: bool = False) -> None:
        await self.call("Network.enable")
        await self.call("Runtime.enable")
        await self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=mobile,
        )
        await self.call("Page.navigate", url=url)

    async def evaluate(self, expression: str) -> Any:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    async def screenshot(self, path: Path) -> Path:
        shot = await self.call("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["data"]))
        return path

    async def terminal_text(self) -> str | None:
        handler = (await self.call("Runtime.evaluate", expression="window.onresize"))["result"]
        if "objectId" not in handler:
            return None  # the terminal's script has not run yet
        internal = await self.call("Runtime.getProperties", objectId=handler["objectId"])
        scopes = next(p for p in internal["internalProperties"] if p["name"] == "[[Scopes]]")
        scope_list = await self.call(
            "Runtime.getProperties", objectId=scopes["value"]["objectId"], ownProperties=True
        )
        for scope in scope_list["result"]:
            if "objectId" not in scope["value"]:
                continue
            names = await self.call(
                "Runtime.getProperties", objectId=scope["value"]["objectId"], ownProperties=True
            )
            for prop in names["result"]:
                value = prop.get("value", {})
                if value.get("type") != "function":
                    continue
                proto = (
                    await self.call(
                        "Runtime.callFunctionOn",
                        objectId=value["objectId"],
                        functionDeclaration="function () { const p = this.prototype;"
                        " return p && p.connect && p.fit ? p : null; }",
                    )
                )["result"]
                if "objectId" not in proto:
                    continue
                found = await self.call("Runtime.queryObjects", prototypeObjectId=proto["objectId"])
                text = await self.call(
                    "Runtime.callFunctionOn",
                    objectId=found["objects"]["objectId"],
                    functionDeclaration=READ_TERMINAL,
                    returnByValue=True,
                )
                return str(text["result"].get("value", ""))
        return None

    async def wait_for(self, expression: str, deadline_s: float = START_S) -> Any:
        """Poll a page expression until it is truthy (the page works on its own timers)."""
        started = time.monotonic()
        while time.monotonic() - started < deadline_s:
            value = await self.evaluate(expression)
            if value:
                return value
            await asyncio.sleep(0.1)
        raise AssertionError(f"{expression!r} never held")

    async def wait_for_text(self, needle: str, deadline_s: float = START_S) -> str:
        started = time.monotonic()
        text = ""
        while time.monotonic() - started < deadline_s:
            text = await self.terminal_text() or ""
            if needle in text:
                return text
            await asyncio.sleep(0.1)
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


@contextlib.asynccontextmanager
async def chromium() -> AsyncIterator[Page]:
    profile = Path(tempfile.mkdtemp(prefix="tui550-chromium-"))
    proc = subprocess.Popen(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        port = re.search(r":(\d+)/", _devtools_url(proc))
        assert port is not None
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{port.group(1)}/json/list") as response:
                targets = await response.json()
            target = next(t for t in targets if t["type"] == "page")
            async with http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                yield Page(ws)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        shutil.rmtree(profile, ignore_errors=True)
