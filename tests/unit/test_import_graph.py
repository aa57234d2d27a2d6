"""The import graph stays a tree where it matters: no circle among the app's modules, and the
store's `_`-modules are used only inside the store."""

from __future__ import annotations

import grimp
import pytest


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    # Imports made only for the type checker never run, so they cannot close a circle.
    return grimp.build_graph("tui550", exclude_type_checking_imports=True)


def _circles(graph: grimp.ImportGraph, modules: set[str]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each a circle or several."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module) & modules:
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return groups


def test_the_app_has_no_import_circle(graph: grimp.ImportGraph) -> None:
    app = {m for m in graph.modules if m == "tui550.app" or m.startswith("tui550.app.")}
    assert "tui550.app.screens.meeting" in app
    assert _circles(graph, app) == []


def test_a_circle_is_found() -> None:
    two = grimp.ImportGraph()
    for module in ("a", "b", "c"):
        two.add_module(module)
    two.add_import(importer="a", imported="b")
    two.add_import(importer="b", imported="a")
    two.add_import(importer="b", imported="c")
    assert _circles(two, {"a", "b", "c"}) == [["a", "b"]]


def test_private_store_modules_stay_in_the_store(graph: grimp.ImportGraph) -> None:
    private = {m for m in graph.modules if m.startswith("tui550.core.store._")}
    assert "tui550.core.store._tables" in private
    outside = {
        (importer, module)
        for module in private
        for importer in graph.find_modules_that_directly_import(module)
        if not importer.startswith("tui550.core.store.")
    }
    assert outside == set()
