"""Where the tests find the repository: a child process started from it imports this checkout."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
