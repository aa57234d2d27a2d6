"""A process's own peak memory, as the benchmark reports it.

`getrusage(RUSAGE_SELF).ru_maxrss` is not that on Linux: the kernel keeps the
high-water mark across exec, and a child started with vfork (as `subprocess`
starts them) begins with its parent's. A harness that has just generated the
district in its own process (a 400 MB page cache) would report that peak as the
app's. `VmHWM` in /proc is the peak of this process's own memory map.
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path

STATUS = Path("/proc/self/status")


def own_peak_kb() -> int:
    """The most resident memory this process has held, in KiB."""
    try:
        status = STATUS.read_text(encoding="ascii")
    except OSError:
        status = ""
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    # No /proc (macOS, the BSDs): ru_maxrss is what there is; macOS counts it in bytes.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def own_peak_mb() -> float:
    return own_peak_kb() / 1024
