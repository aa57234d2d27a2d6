"""Storage behind intent-named functions.

Each module takes an open `Database` as its first argument and returns plain
objects from `tui550.core.domain`. Sessions never leave this package.
"""


def prepare_orm() -> None:
    """Set up the ORM's mappers now. SQLAlchemy does it in the first ORM query of a process
    (about 14 ms); the reads of a meeting's first frame use Core statements, so the app calls
    this in the pause after that frame, and the first edit does not wait for it."""
    from sqlalchemy.orm import configure_mappers

    import tui550.core.models  # noqa: F401  (the mappers to set up)

    configure_mappers()
