"""Storage behind intent-named functions.

Each module takes an open `Database` as its first argument and returns plain
objects from `tui550.core.domain`. Sessions never leave this package.
"""
