"""The meeting screen's background writes land in the order they were made."""

from __future__ import annotations

import threading
from collections.abc import Callable

from tui550.app.ordered_writes import WriteLine
from tui550.core.errors import StorageError


class Owner:
    """Stands in for a screen: `run_worker` starts a thread, or nothing when told to."""

    def __init__(self, *, start: bool = True) -> None:
        self.start = start
        self.threads: list[threading.Thread] = []

    def run_worker(self, work: Callable[[], None], **_: object) -> None:
        if self.start:
            thread = threading.Thread(target=work)
            self.threads.append(thread)
            thread.start()

    def join(self) -> None:
        for thread in self.threads:
            thread.join(timeout=10)
            assert not thread.is_alive()


def held(done: list[object], value: object) -> tuple[Callable[[], None], threading.Event, threading.Event]:
    """A write that holds the line until released: (write, running, release)."""
    running, release = threading.Event(), threading.Event()

    def write() -> None:
        running.set()
        assert release.wait(10)
        done.append(value)

    return write, running, release


def test_writes_run_in_order_and_never_overlap() -> None:
    owner = Owner()
    line = WriteLine(owner)  # type: ignore[arg-type]
    done: list[object] = []
    first, first_running, release = held(done, 1)
    line.put(first)
    assert first_running.wait(10)
    # Queued while the first write holds the line: no second worker, and they wait.
    line.put(lambda: done.append(2), lambda: done.append(3))
    line.put(lambda: done.append(4))
    assert len(owner.threads) == 1 and done == []
    release.set()
    owner.join()
    assert done == [1, 2, 3, 4]
    line.put(lambda: done.append(5))  # an idle line starts a worker again
    owner.join()
    assert done == [1, 2, 3, 4, 5] and len(owner.threads) == 2


def test_flush_waits_for_the_running_write_then_runs_the_rest_in_order() -> None:
    owner = Owner()
    line = WriteLine(owner)  # type: ignore[arg-type]
    done: list[object] = []
    slow, running, release = held(done, "slow")
    line.put(slow)
    assert running.wait(10)
    line.put(lambda: done.append("position 3"))
    flusher = threading.Thread(target=line.flush)
    flusher.start()
    release.set()
    flusher.join(timeout=10)
    owner.join()
    assert done == ["slow", "position 3"]


def test_a_worker_that_never_ran_is_made_up_for_by_flush() -> None:
    line = WriteLine(Owner(start=False))  # type: ignore[arg-type]
    done: list[int] = []
    line.put(lambda: done.append(1), lambda: done.append(2))
    assert done == []
    line.flush(lambda: done.append(3))  # and what the screen still had, after them
    assert done == [1, 2, 3]


def test_a_failed_write_does_not_stop_the_ones_after_it() -> None:
    owner = Owner()
    line = WriteLine(owner)  # type: ignore[arg-type]
    done: list[int] = []

    def fails() -> None:
        raise StorageError("locked")

    line.put(fails, lambda: done.append(2))
    owner.join()
    assert done == [2]
