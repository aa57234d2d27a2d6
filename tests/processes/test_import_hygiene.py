"""The core never imports Textual (the parsers not even Rich), a bare `tui550` never loads
Typer, start-up never imports the heavy exporters (each seen in a fresh interpreter), and every
import made inside a function is one `docs/imports.md` lists, for a reason it gives."""

from __future__ import annotations

import ast
import json
import pkgutil
import re
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import tui550
import tui550.core


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_core_never_imports_textual() -> None:
    names = [m.name for m in pkgutil.walk_packages(tui550.core.__path__, "tui550.core.")]
    assert "tui550.core.store.items" in names
    loaded = _modules_after("\n".join(f"import {n}" for n in names) + "\nimport tui550.i18n")
    assert not any(m == "textual" or m.startswith("textual.") for m in loaded)
    assert not any(m.startswith("tui550.app") for m in loaded)


def test_the_parsers_import_neither_textual_nor_rich() -> None:
    code = (
        "import sys, tui550.core.quickadd, tui550.core.deadlines;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_bare_start_never_loads_typer(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "import tui550.cli.opening as opening\n"
        "opening.open_default = lambda ctx: print('typer' in sys.modules, ctx.db_arg, ctx.settings.lang)\n"
        "from tui550.cli.main import run\n"
        f"run(['--db', {str(tmp_path / 'x.sqlite')!r}, '--lang', 'en', "
        f"'--config', {str(tmp_path / 'settings.toml')!r}])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.split() == ["False", str(tmp_path / "x.sqlite"), "en"]


def test_opening_a_database_does_not_import_exporters_or_alembic(tmp_path) -> None:
    path = tmp_path / "x.sqlite"
    code = f"from tui550.core.db import open_database; open_database({str(path)!r})"
    subprocess.run([sys.executable, "-c", code], check=True)  # creates and migrates
    loaded = _modules_after(code)  # reopens: the cheap path
    for heavy in ("openpyxl", "docx", "alembic", "textual"):
        assert heavy not in loaded, heavy


def test_the_parsers_and_the_orm_load_after_the_meetings_first_frame(tmp_path) -> None:
    """Compiling the deadline patterns, building the table classes (`core.models`) and
    setting up the ORM's mappers are kept off the start's path (a meeting in progress,
    opened by a new process), and done right after its first frame."""
    from tui550.core.db import open_database
    from tui550.core.demo import build_demo
    from tui550.core.store import meetings

    db = open_database(str(tmp_path / "d.sqlite"))
    meeting = build_demo(db, date(2026, 3, 16))
    meetings.start_meeting(db, meeting.id)
    db.close()
    code = f"""
import asyncio, sys, uuid
from tui550.app.main import make_app
from tui550.app.screens.meeting import MeetingScreen
from tui550.core.db import open_database
from tui550.core.settings import Settings

seen = []
first_paint = MeetingScreen._after_first_paint

def state():
    models = sys.modules.get("tui550.core.models")
    return ("tui550.core.deadlines" in sys.modules, models is not None,
            models is not None and models.Item.__mapper__.configured)

def after_first_paint(self):
    # Called again by the fallback timer on a slow machine, where it does nothing.
    first = not self._painted
    if first:
        seen.append(state())
    first_paint(self)
    if first:
        seen.append(state())

MeetingScreen._after_first_paint = after_first_paint
db = open_database({str(tmp_path / "d.sqlite")!r})
app = make_app(db, Settings(lang="zh", user="t", path=None),
               meeting_id=uuid.UUID({str(meeting.id)!r}))

async def main():
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen) and app.screen._painted

asyncio.run(main())
print(seen)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[(False, False, False), (True, True, True)]"


# Imports inside functions: each is named in the list of `docs/imports.md`.

PACKAGE = Path(tui550.__file__).parent
SECTION = "## Kept inside functions"
INTERFACE = "### Interface (app, cli)"
INTERFACE_PARTS = ("app", "cli")
_TYPE_CHECKING = ("TYPE_CHECKING", "typing.TYPE_CHECKING")
_ENTRY = re.compile(r"- `([\w.]+)`(?: — (.*))?$")


@dataclass(frozen=True)
class Entry:
    module: str
    why: str
    interface_only: bool


@dataclass(frozen=True)
class LateImport:
    where: str  # path:line
    part: str  # the package under tui550 (core, app, cli, i18n)
    names: tuple[str, ...]  # what is imported, dotted: `from a.b import c` is a.b.c


def documented(text: str) -> list[Entry]:
    """The entries of the section: one bullet a module, those under the interface's heading
    allowed in `app` and `cli` only."""
    entries: list[Entry] = []
    inside = interface = False
    for line in text.splitlines():
        if line.startswith("## "):
            inside, interface = line.strip() == SECTION, False
        elif inside and line.startswith("### "):
            interface = line.strip() == INTERFACE
        elif inside and (found := _ENTRY.match(line.strip())):
            entries.append(Entry(found[1], found[2] or "", interface))
    return entries


def late_imports(source: str, module: str, where: str) -> list[LateImport]:
    """Every import run inside a function of `module`, but not those for the type checker."""
    package = module.split(".")
    part = package[1] if len(package) > 1 else ""
    found: list[LateImport] = []

    def names_of(node: ast.Import | ast.ImportFrom) -> tuple[str, ...]:
        if isinstance(node, ast.Import):
            return tuple(alias.name for alias in node.names)
        base = node.module or ""
        if node.level:
            parent = package[: len(package) - node.level]
            base = ".".join([*parent, base] if base else parent)
        return tuple(f"{base}.{alias.name}" for alias in node.names)

    def visit(nodes: Iterable[ast.AST], in_function: bool) -> None:
        for node in nodes:
            if isinstance(node, ast.If) and ast.unparse(node.test) in _TYPE_CHECKING:
                visit(node.orelse, in_function)
                continue
            if in_function and isinstance(node, ast.Import | ast.ImportFrom):
                found.append(LateImport(f"{where}:{node.lineno}", part, names_of(node)))
            inner = in_function or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            visit(ast.iter_child_nodes(node), inner)

    visit(ast.parse(source).body, False)
    return found


def _all_late_imports() -> list[LateImport]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        # `__init__` stays in the name: a package's `from . import x` is its own x.
        module = ".".join(parts)
        where = str(path.relative_to(PACKAGE.parent))
        found += late_imports(path.read_text(encoding="utf-8"), module, where)
    return found


def _entry_for(name: str, part: str, entries: list[Entry]) -> Entry | None:
    """The most specific entry naming `name` or a package above it."""
    fits = [
        e
        for e in entries
        if (name == e.module or name.startswith(e.module + "."))
        and (not e.interface_only or part in INTERFACE_PARTS)
    ]
    return max(fits, key=lambda e: len(e.module), default=None)


def test_every_import_inside_a_function_is_in_the_documented_list() -> None:
    entries = documented((PACKAGE.parent / "docs" / "imports.md").read_text(encoding="utf-8"))
    assert entries, f"no `{SECTION}` section with entries in docs/imports.md"
    used: set[Entry] = set()
    unlisted = []
    for late in _all_late_imports():
        for name in late.names:
            entry = _entry_for(name, late.part, entries)
            if entry is None:
                unlisted.append(f"{late.where}: {name}")
            else:
                used.add(entry)
    assert not unlisted, "imported inside a function, not in docs/imports.md:\n" + "\n".join(unlisted)
    stale = [e.module for e in entries if e not in used]
    assert not stale, "in docs/imports.md, no longer imported inside a function: " + ", ".join(stale)
    assert [e.module for e in entries if not e.interface_only and not e.why] == [], "an entry says why"


def test_late_imports_are_found_and_type_checking_ones_are_not() -> None:
    source = """
from typing import TYPE_CHECKING
import os
if TYPE_CHECKING:
    from x.y import Z
def f():
    import json
    if TYPE_CHECKING:
        from a import b
    else:
        from c import d
    from .sibling import e, g
    class Inner:
        def h(self):
            from ..up import k
"""
    found = late_imports(source, "tui550.core.store.mod", "here.py")
    assert [(i.where, i.names) for i in found] == [
        ("here.py:7", ("json",)),
        ("here.py:11", ("c.d",)),
        ("here.py:12", ("tui550.core.store.sibling.e", "tui550.core.store.sibling.g")),
        ("here.py:15", ("tui550.core.up.k",)),
    ]
    assert {i.part for i in found} == {"core"}


def test_the_list_is_read_by_the_most_specific_entry_and_by_part() -> None:
    text = f"""# x
{SECTION}
- `docx` — heavy
- `tui550.core.models` — tables
{INTERFACE}
- `tui550.core.store.items`
## Next
- `json` — not in the section
"""
    entries = documented(text)
    assert [(e.module, e.interface_only) for e in entries] == [
        ("docx", False),
        ("tui550.core.models", False),
        ("tui550.core.store.items", True),
    ]
    assert _entry_for("docx.shared.Mm", "core", entries) == entries[0]
    assert _entry_for("docxtpl", "core", entries) is None
    assert _entry_for("tui550.core.store.items.get_item", "app", entries) == entries[2]
    assert _entry_for("tui550.core.store.items.get_item", "core", entries) is None
    assert _entry_for("json", "core", entries) is None
