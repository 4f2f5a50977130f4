"""Where a urls.py uses a view class: the route entries that serve it, and any other use."""

from __future__ import annotations

import ast

from scaffold.pysource.routes import is_patterns_call, name_of, route_call, string_value, view_class
from scaffold.records import record


@record
class ServingRoute:
    """A route entry serving the class, as an item of a list or of a `patterns()` call."""

    line: int  # 1-based, in the file
    end_line: int
    url_name: str | None
    pattern: str | None  # as written, when a literal
    statement_line: int  # 1-based, within its statement's text
    statement_column: int  # 0-based, in characters, within its statement's text


@record
class ServingStatement:
    """A module-level statement holding route entries that serve the class."""

    first_line: int
    last_line: int
    routes: tuple[ServingRoute, ...]


@record
class ClassUses:
    """The route entries that serve a class, and the first line naming it anywhere else."""

    statements: tuple[ServingStatement, ...]
    other_use_line: int | None


def class_uses(tree: ast.Module, source: str, class_name: str) -> ClassUses:
    """Route entries of any list (inline `include([...])` lists and function-built lists too)
    or `patterns()` call that serve `class_name.as_view()`, and where else the class is named."""
    lines = source.splitlines()
    statements = []
    inside: set[int] = set()
    for stmt in tree.body:
        calls = [call for call in _entries(stmt) if view_class(call) == class_name]
        if not calls:
            continue
        inside.update(id(node) for call in calls for node in ast.walk(call))
        routes = tuple(_serving(call, stmt.lineno, lines) for call in calls)
        statements.append(ServingStatement(stmt.lineno, stmt.end_lineno or stmt.lineno, routes))
    other = next(
        (
            node.lineno
            for node in ast.walk(tree)
            if isinstance(node, ast.Name) and node.id == class_name and id(node) not in inside
        ),
        None,
    )
    return ClassUses(tuple(statements), other)


def _entries(stmt: ast.stmt) -> list[ast.Call]:
    """The route calls that are items of a list or routes of a `patterns()` call."""
    found = []
    for node in ast.walk(stmt):
        if isinstance(node, ast.List):
            items = node.elts
        elif is_patterns_call(node):
            items = node.args[1:]
        else:
            continue
        found += [call for item in items if (call := route_call(item)) is not None]
    return found


def _serving(call: ast.Call, first_line: int, lines: list[str]) -> ServingRoute:
    # ast columns count UTF-8 bytes; libcst's positions count characters
    column = len(lines[call.lineno - 1].encode()[: call.col_offset].decode())
    return ServingRoute(
        call.lineno,
        call.end_lineno or call.lineno,
        name_of(call, {}),
        string_value(call.args[0], {}),
        call.lineno - first_line + 1,
        column,
    )
