"""A hall of viewers: N browsers' websockets on one served wall, against the per-tab design.

    python bench/viewers.py [--counts 1,20,100,200] [--per-tab 1,10,20] [--captures 10] [--json PATH]

Builds the demo district in a temporary folder, starts the meeting, then for each design:
- `hall`: `tui550 serve`, one view process for every viewer;
- `per-tab`: textual-serve's own server, which starts one `tui550 view` per connection
  (the design `serve` had before; ~75 MB a tab, so only up to 20 by default);
opens N websocket clients on 127.0.0.1 at once and measures:
- first screen: from a client's connect to the current project's name in what it got;
- memory: resident set (RSS) of the server and every process under it, the most seen
  while the clients are connected and items are captured;
- idle CPU: the server tree's CPU time over a few seconds with N connected and nothing
  happening (the header's clock still ticks), as a share of one core;
- update latency: an item saved through the store (as the facilitator's Enter does)
  until its text reaches each client; p50 / p99 over every client and capture.
Everything is bounded: at most 300 clients, each wait has a limit, the whole run stops
after --time-limit seconds, and both servers are ended by process group on the way out.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

import aiohttp

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tui550.core.db import Database, open_database  # noqa: E402
from tui550.core.demo import build_demo  # noqa: E402
from tui550.core.domain import Kind  # noqa: E402
from tui550.core.store import items, meetings  # noqa: E402

MOST_CLIENTS = 300
START_S = 60.0  # a view (or twenty) starting on a busy 2-core machine
UPDATE_S = 5.0
IDLE_S = 5.0
TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


# --- processes ---------------------------------------------------------------------------


def tree(root: int) -> list[int]:
    """`root` and every process under it (the view runs in a session of its own)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(child for child, parent in parents.items() if parent == pid)
    return found


def rss_mb(root: int) -> float:
    total = 0
    for pid in tree(root):
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
        except (OSError, ValueError, IndexError):
            continue
    return total / 1e6


def cpu_s(root: int) -> float:
    total = 0
    for pid in tree(root):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, ValueError, IndexError):
            continue
    return total / TICK


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, proc: subprocess.Popen[bytes]) -> None:
    started = time.monotonic()
    while time.monotonic() - started < START_S:
        if proc.poll() is not None:
            raise RuntimeError("the server exited at start")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError("the server did not listen in time")


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


# --- clients -----------------------------------------------------------------------------


class Client:
    """One viewer: watches its stream for a piece of text (a rolling tail joins frames)."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.tail = b""
        self.wanted: dict[bytes, asyncio.Future[float]] = {}
        self.task = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.ws:
            if message.type != aiohttp.WSMsgType.BINARY:
                continue
            now = time.monotonic()
            data = self.tail + message.data
            for needle, future in list(self.wanted.items()):
                if needle in data and not future.done():
                    future.set_result(now)
                    del self.wanted[needle]
            self.tail = data[-256:]

    def expect(self, text: str) -> asyncio.Future[float]:
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        needle = text.encode()
        if needle in self.tail:
            future.set_result(time.monotonic())
        else:
            self.wanted[needle] = future
        return future

    async def close(self) -> None:
        await self.ws.close()
        self.task.cancel()


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


@dataclass
class Row:
    design: str
    viewers: int
    connected: int
    first_p50_s: float
    first_p99_s: float
    first_max_s: float
    rss_mb: float
    idle_cpu_pct: float
    update_p50_s: float
    update_p99_s: float
    missed: int


class Bench:
    def __init__(self, db: Database, meeting_id: Any, captures: int) -> None:
        self.db, self.meeting_id = db, meeting_id
        self.agenda = meetings.agenda(db, meeting_id)
        self.captures = captures
        self.serial = 0
        self.rounds = 0

    async def next_project(self) -> Any:
        """Each round on a project of its own, so that its captures all fit in the list;
        the wall has moved there before any client connects."""
        self.rounds += 1
        position = (self.rounds - 1) % len(self.agenda) + 1
        meetings.set_position(self.db, self.meeting_id, position)
        await asyncio.sleep(2.0)
        return self.agenda[position - 1].project

    async def measure(
        self,
        design: str,
        pid: int,
        count: int,
        connect: Callable[[aiohttp.ClientSession], Awaitable[aiohttp.ClientWebSocketResponse]],
    ) -> Row:
        project = await self.next_project()
        peak = rss_mb(pid)
        sampling = True

        async def sample() -> None:
            nonlocal peak
            while sampling:
                peak = max(peak, rss_mb(pid))
                await asyncio.sleep(0.25)

        sampler = asyncio.create_task(sample())
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:

            async def one() -> tuple[Client | None, float]:
                started = time.monotonic()
                try:
                    client = Client(await asyncio.wait_for(connect(http), START_S))
                    seen = await asyncio.wait_for(client.expect(project.name), START_S)
                except (TimeoutError, aiohttp.ClientError):
                    return None, float("nan")
                return client, seen - started

            opened = await asyncio.gather(*(one() for _ in range(count)))
            clients = [c for c, _ in opened if c is not None]
            firsts = [s for c, s in opened if c is not None]
            await asyncio.sleep(1.0)  # the start-up work of the last ones settles
            cpu_before, idle_from = cpu_s(pid), time.monotonic()
            await asyncio.sleep(IDLE_S)
            idle = (cpu_s(pid) - cpu_before) / (time.monotonic() - idle_from) * 100
            latencies: list[float] = []
            missed = 0
            for _ in range(self.captures):
                self.serial += 1
                marker = f"HB{self.serial:04d}Q"
                futures = [c.expect(marker) for c in clients]
                saved = time.monotonic()
                items.capture(
                    self.db,
                    meeting_id=self.meeting_id,
                    project_id=project.id,
                    kind=Kind.DECISION,
                    text=f"{marker} 调度",
                )
                done, pending = await asyncio.wait(futures, timeout=UPDATE_S) if futures else (set(), set())
                latencies += [f.result() - saved for f in done]
                missed += len(pending)
                for f in pending:
                    f.cancel()
                await asyncio.sleep(0.6)  # captures spoken apart, as in a meeting
            sampling = False
            await sampler
            await asyncio.gather(*(c.close() for c in clients), return_exceptions=True)
        return Row(
            design,
            count,
            len(clients),
            round(pct(firsts, 50), 3),
            round(pct(firsts, 99), 3),
            round(max(firsts, default=float("nan")), 3),
            round(peak, 1),
            round(idle, 1),
            round(pct(latencies, 50), 3),
            round(pct(latencies, 99), 3),
            missed,
        )


def server_env(db_path: Path) -> dict[str, str]:
    return dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
        TUI550_DB=str(db_path),
    )


async def run_hall(bench: Bench, db_path: Path, counts: list[int]) -> list[Row]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui550", "serve", "--port", str(port), "--max-viewers", str(MOST_CLIENTS)],
        env=server_env(db_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    rows = []
    try:
        wait_for_port(port, proc)
        url = f"ws://127.0.0.1:{port}/ws"
        for count in counts:
            rows.append(await bench.measure("hall", proc.pid, count, lambda http: http.ws_connect(url)))
            print(rows[-1], flush=True)
    finally:
        stop(proc)
    return rows


PER_TAB_SERVER = """
import sys
from textual_serve.server import Server
Server(sys.argv[1], host="127.0.0.1", port=int(sys.argv[2])).serve()
"""


async def run_per_tab(bench: Bench, db_path: Path, counts: list[int]) -> list[Row]:
    port = free_port()
    command = f"exec {sys.executable} -m tui550 --lang zh view"
    proc = subprocess.Popen(
        [sys.executable, "-c", PER_TAB_SERVER, command, str(port)],
        env=server_env(db_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    rows = []

    async def connect(http: aiohttp.ClientSession) -> aiohttp.ClientWebSocketResponse:
        ws = await http.ws_connect(f"ws://127.0.0.1:{port}/ws?width=120&height=36")
        await ws.send_str(json.dumps(["resize", {"width": 120, "height": 36}]))
        return ws

    try:
        wait_for_port(port, proc)
        for count in counts:
            rows.append(await bench.measure("per-tab", proc.pid, count, connect))
            print(rows[-1], flush=True)
            started = time.monotonic()  # each tab's view ends when its client leaves
            while len(tree(proc.pid)) > 1 and time.monotonic() - started < 30:
                await asyncio.sleep(0.2)
    finally:
        stop(proc)
    return rows


def table(rows: list[Row]) -> str:
    head = (
        "| design | viewers | connected | first screen p50 / p99 / max | RSS (tree) | idle CPU "
        "| update p50 / p99 | missed |\n| --- | --- | --- | --- | --- | --- | --- | --- |"
    )
    body = [
        f"| {r.design} | {r.viewers} | {r.connected} | {r.first_p50_s:.2f} / {r.first_p99_s:.2f} / "
        f"{r.first_max_s:.2f} s | {r.rss_mb:.0f} MB | {r.idle_cpu_pct:.1f} % | "
        f"{r.update_p50_s * 1000:.0f} / {r.update_p99_s * 1000:.0f} ms | {r.missed} |"
        for r in rows
    ]
    return "\n".join([head, *body])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--counts", default="1,20,100,200")
    parser.add_argument("--per-tab", default="1,10,20", help="per-tab counts; '' skips that design")
    parser.add_argument("--captures", type=int, default=10)
    parser.add_argument("--time-limit", type=float, default=900.0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    counts = [int(c) for c in args.counts.split(",") if c]
    per_tab = [int(c) for c in args.per_tab.split(",") if c]
    if any(not 0 < c <= MOST_CLIENTS for c in counts + per_tab):
        parser.error(f"counts are 1 to {MOST_CLIENTS}")

    with tempfile.TemporaryDirectory(prefix="tui550-viewers-") as folder:
        db_path = Path(folder) / "hall.sqlite"
        db = open_database(str(db_path), who="主持人")
        meeting = build_demo(db, date.today())
        meetings.start_meeting(db, meeting.id)
        meetings.set_position(db, meeting.id, 1)
        bench = Bench(db, meeting.id, args.captures)

        async def everything() -> list[Row]:
            rows = await run_hall(bench, db_path, counts)
            if per_tab:
                rows += await run_per_tab(bench, db_path, per_tab)
            return rows

        async def bounded() -> list[Row]:
            return await asyncio.wait_for(everything(), args.time_limit)

        rows = asyncio.run(bounded())
        db.close()
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
