"""The installed program: `python -m tui550` in a fresh process fails as the command line
promises (the same paths in-process: unit/test_cli.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_console_script_runs_in_a_fresh_process(tmp_path: Path) -> None:
    env = {**os.environ, "TUI550_HOME": str(tmp_path)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tui550",
            "--lang",
            "en",
            "--db",
            str(tmp_path / "missing" / "x.sqlite"),
            "meetings",
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 2 and "Traceback" not in result.stderr
