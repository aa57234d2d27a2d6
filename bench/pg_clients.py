"""Many clients on one PostgreSQL database: captures lost, capture latency, change latency.

    python bench/pg_clients.py --url postgresql+psycopg://user:pass@host:5432/postgres

Makes a fresh database on the server (dropped at the end), then starts
`--clients` processes that each capture `--items` items as fast as they can,
as a facilitator's laptop would on Enter (one transaction each, with a
client-made id; a capture the server refuses goes to that client's outbox and
is flushed at the end). Meanwhile an observer process holds a ChangeWatcher,
and this process saves a probe every 100 ms; the change latency is the time
from a probe's commit to the observer having read it back. Probes also run
before the load, on an idle server. Times come from CLOCK_MONOTONIC, so all
processes must run on one machine (the server may be elsewhere).

Without --url it uses TUI550_TEST_PG_URL (from `bash .ci/services start`).
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing as mp
import os
import queue
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PROBE_KEY = "bench.probe"


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def client(
    url: str,
    n: int,
    meeting_id: uuid.UUID,
    project_id: uuid.UUID,
    start: Any,
    results: Any,
    index: int,
    outbox_dir: str,
) -> None:
    from tui550.core.db import open_database
    from tui550.core.domain import Kind
    from tui550.core.errors import StorageError
    from tui550.core.outbox import Outbox
    from tui550.core.store import items

    db = open_database(url, who=f"client{index}")
    box = Outbox(Path(outbox_dir) / f"outbox{index}.sqlite")
    made: list[str] = []
    latencies: list[float] = []
    kept = 0
    start.wait()
    for i in range(n):
        kwargs: dict[str, Any] = {
            "meeting_id": meeting_id,
            "project_id": project_id,
            "kind": Kind.MINUTE,
            "text": f"客户端{index} 第{i}条",
            "item_id": uuid.uuid4(),
        }
        made.append(str(kwargs["item_id"]))
        t0 = time.perf_counter()
        try:
            items.capture(db, **kwargs)
        except StorageError:
            box.put(kwargs, db)
            kept += 1
        latencies.append(time.perf_counter() - t0)
    flushed = box.flush(db)
    results.put(
        {
            "index": index,
            "made": made,
            "latencies": latencies,
            "kept": kept,
            "flushed": flushed,
            "left": len(box),
        }
    )
    box.close()
    db.close()


def observer(url: str, ready: Any, stop: Any, results: Any) -> None:
    from tui550.core.changes import ChangeWatcher
    from tui550.core.db import open_database
    from tui550.core.models import Setting

    db = open_database(url, who="observer")
    seen: dict[int, float] = {}
    wakes = 0
    with ChangeWatcher(db) as watcher:
        ready.set()
        while not stop.is_set():
            if not watcher.wait(0.5):
                continue
            wakes += 1
            with db.read() as session:
                row = session.get(Setting, PROBE_KEY)
                value = dict(row.value) if row is not None else None
            now = time.monotonic()
            if value is not None and value["seq"] not in seen:
                seen[value["seq"]] = now
    results.put({"seen": seen, "wakes": wakes})
    db.close()


def probe(db: Any, seq: int) -> float:
    from tui550.core.models import Setting

    with db.write() as session:
        session.merge(Setting(key=PROBE_KEY, value={"seq": seq}))
    return time.monotonic()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=os.environ.get("TUI550_TEST_PG_URL"))
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--idle-probes", type=int, default=20)
    args = parser.parse_args()
    if not args.url:
        sys.exit("no server: pass --url or run `bash .ci/services start` and source .ci/.pg-env")

    import psycopg
    from sqlalchemy.engine import make_url

    from tui550.core.db import open_database
    from tui550.core.secrets import redact
    from tui550.core.store import items, meetings, projects

    base = make_url(args.url)
    admin = psycopg.connect(
        host=base.host,
        port=base.port,
        user=base.username,
        password=base.password,
        dbname=base.database or "postgres",
        autocommit=True,
    )
    name = f"bench_{uuid.uuid4().hex[:12]}"
    admin.execute(f"CREATE DATABASE {name}")
    url = base.set(database=name).render_as_string(hide_password=False)
    print(f"server: {redact(url)}; {args.clients} clients x {args.items} captures")
    try:
        db = open_database(url, who="bench")
        fsync = db.writer.connect().exec_driver_sql("show fsync").scalar()
        project = projects.add_project(db, "基准测试项目")
        meeting = meetings.create_meeting(db, "基准测试", date(2026, 7, 5), project_ids=[project.id])

        ctx = mp.get_context("spawn")
        results = ctx.Queue()
        ready, stop, start = ctx.Event(), ctx.Event(), ctx.Event()
        watcher_proc = ctx.Process(target=observer, args=(url, ready, stop, results))
        watcher_proc.start()
        if not ready.wait(60):
            sys.exit("observer did not start")

        committed: dict[int, float] = {}
        seq = 0
        for _ in range(args.idle_probes):
            seq += 1
            committed[seq] = probe(db, seq)
            time.sleep(0.1)  # pacing of the probes, not synchronisation
        idle_last = seq

        with tempfile.TemporaryDirectory() as outbox_dir:
            procs = [
                ctx.Process(
                    target=client,
                    args=(url, args.items, meeting.id, project.id, start, results, i, outbox_dir),
                )
                for i in range(args.clients)
            ]
            for p in procs:
                p.start()
            time.sleep(2)  # let every client connect before the clock starts
            t0 = time.perf_counter()
            start.set()
            client_results: list[dict[str, Any]] = []
            wall = 0.0
            # Collect results while probing: a client cannot exit before its result is read.
            while len(client_results) < args.clients:
                seq += 1
                committed[seq] = probe(db, seq)
                with contextlib.suppress(queue.Empty):
                    client_results.append(results.get(timeout=0.1))
                    if len(client_results) == args.clients:
                        wall = time.perf_counter() - t0
                if (
                    not any(p.is_alive() for p in procs)
                    and results.empty()
                    and len(client_results) < args.clients
                ):
                    sys.exit("a client died without a result")
            for p in procs:
                p.join()
        time.sleep(1)  # the observer's last wake
        stop.set()
        observed = results.get(timeout=60)
        watcher_proc.join()

        made = [i for r in client_results for i in r["made"]]
        stored = items.meeting_items(db, meeting.id)
        stored_ids = [str(i.id) for i in stored]
        lost = len(set(made) - set(stored_ids))
        duplicated = len(stored_ids) - len(set(stored_ids))
        lat = [x * 1000 for r in client_results for x in r["latencies"]]
        seen = observed["seen"]

        def change_ms(seqs: range) -> list[float]:
            return [(seen[s] - committed[s]) * 1000 for s in seqs if s in seen]

        idle = change_ms(range(1, idle_last + 1))
        loaded = change_ms(range(idle_last + 1, seq + 1))
        missed = [s for s in range(1, seq + 1) if s not in seen]
        print(f"server fsync: {fsync}")
        print(
            f"captures: {len(made)} made, {len(stored)} stored, lost {lost}, duplicated {duplicated}, "
            f"via outbox {sum(r['kept'] for r in client_results)}"
        )
        print(f"throughput: {len(made) / wall:.0f} captures/s over {wall:.1f} s")
        print(
            f"capture latency ms: median {statistics.median(lat):.2f}, p99 {_pct(lat, 0.99):.2f}, "
            f"max {max(lat):.2f}"
        )
        for label, values in (("idle", idle), ("under load", loaded)):
            if values:
                print(
                    f"change reaches another client ({label}, {len(values)} probes) ms: "
                    f"median {statistics.median(values):.1f}, p99 {_pct(values, 0.99):.1f}, "
                    f"max {max(values):.1f}"
                )
        print(
            f"probes the observer never saw as the newest: {len(missed)} "
            "(a probe overwritten by the next one before a read)"
        )
        db.close()
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


if __name__ == "__main__":
    main()
