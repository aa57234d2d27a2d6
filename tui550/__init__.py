"""tui550: run a district's key-projects scheduling meeting (重点项目调度会) on the projected terminal."""

__version__ = "0.2.1"
