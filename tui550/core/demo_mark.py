"""How a database is known to be the demo's, and where the demo keeps it: asked at every
start (the header says 演示 on the demo), so nothing here loads the table classes."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from tui550.core.db import Database

# The `setting` row the demo writes into the database it fills.
DEMO_MARK = "tui550-demo"


def is_demo(db: Database) -> bool:
    with db.read() as session:
        return (
            session.execute(text("SELECT 1 FROM setting WHERE key = :key"), {"key": DEMO_MARK}).first()
            is not None
        )


def demo_location(real_db: Path) -> Path:
    """Where `tui550 demo` keeps its database: `demo.sqlite` beside the real one."""
    return real_db.with_name("demo.sqlite")
