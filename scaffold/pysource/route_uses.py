"""Where a urls.py uses a view class: the route entries that serve it (`X.as_view()` in place,
or a name bound to it at module level), the names so bound, and any other use."""

from __future__ import annotations

import ast

from scaffold.pysource.bound_views import bound_view_classes, served_class
from scaffold.pysource.routes import (
    is_patterns_call,
    name_of,
    route_call,
    string_value,
    view_parts,
)
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
    via: str | None = None  # the bound name the entry gives as its view (`notes_view`)


@record
class ServingStatement:
    """A module-level statement holding route entries that serve the class."""

    first_line: int
    last_line: int
    routes: tuple[ServingRoute, ...]


@record
class BoundView:
    """A module-level `name = X.as_view(...)` statement, as `bound_views` follows it."""

    name: str
    first_line: int
    last_line: int
    shares_line: bool  # another statement stands on one of its lines (`a = X.as_view(); b = 1`)
    other_use_line: int | None  # the first line naming it outside the entries serving X


@record
class ClassUses:
    """The route entries that serve a class, the names bound to its view, and the first line
    naming the class anywhere else (those bindings apart)."""

    statements: tuple[ServingStatement, ...]
    other_use_line: int | None
    bound: tuple[BoundView, ...] = ()


def class_uses(
    tree: ast.Module, source: str, class_name: str, through: frozenset[str] = frozenset()
) -> ClassUses:
    """Route entries of any list (inline `include([...])` lists and function-built lists too)
    or `patterns()` call that serve `class_name.as_view()` (or `A.class_name.as_view()`, A one
    of `through`: aliases of a package re-exporting the class), and where else it is named."""
    lines = source.splitlines()
    views = {n: bound for n, bound in bound_view_classes(tree).items() if bound[1] == class_name}
    statements = []
    inside: set[int] = set()
    bindings = [s for s in tree.body if isinstance(s, ast.Assign) and _binds(s, views)]
    for binding in bindings:
        inside.update(id(node) for node in ast.walk(binding))
    for stmt in tree.body:
        # a route inside a function is not followed through a name, as the check does not
        seen = {} if isinstance(stmt, _SCOPES) else views
        calls = [
            call
            for call in _entries(stmt)
            if served_class(call, seen) == class_name
            or (through and _read_through(call) in {(alias, class_name) for alias in through})
        ]
        if not calls:
            continue
        inside.update(id(node) for call in calls for node in ast.walk(call))
        routes = tuple(_serving(call, stmt.lineno, lines, seen) for call in calls)
        statements.append(ServingStatement(stmt.lineno, stmt.end_lineno or stmt.lineno, routes))
    return ClassUses(
        tuple(statements),
        _first_use(tree, class_name, inside),
        tuple(_bound(tree, stmt, inside) for stmt in bindings),
    )


_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _read_through(call: ast.Call) -> tuple[str, str] | None:
    """(A, X) of a route serving `A.X.as_view()`."""
    parts = view_parts(call.args[1]) if len(call.args) > 1 else None
    return (parts[0], parts[1]) if parts is not None and len(parts) == 2 else None


def _binds(stmt: ast.Assign, views: dict[str, tuple[int, str]]) -> bool:
    target = stmt.targets[0]
    return isinstance(target, ast.Name) and views.get(target.id, (0, ""))[0] == stmt.lineno


def _first_use(tree: ast.Module, name: str, inside: set[int]) -> int | None:
    """The first line naming `name` outside the nodes `inside`."""
    return next(
        (
            node.lineno
            for node in ast.walk(tree)
            if isinstance(node, ast.Name) and node.id == name and id(node) not in inside
        ),
        None,
    )


def _bound(tree: ast.Module, stmt: ast.Assign, inside: set[int]) -> BoundView:
    first, last = stmt.lineno, stmt.end_lineno or stmt.lineno
    shares = any(
        other is not stmt and other.lineno <= last and (other.end_lineno or other.lineno) >= first
        for other in tree.body
    )
    name = stmt.targets[0].id if isinstance(stmt.targets[0], ast.Name) else ""
    return BoundView(name, first, last, shares, _first_use(tree, name, inside))


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


def _serving(
    call: ast.Call, first_line: int, lines: list[str], views: dict[str, tuple[int, str]]
) -> ServingRoute:
    # ast columns count UTF-8 bytes; libcst's positions count characters
    column = len(lines[call.lineno - 1].encode()[: call.col_offset].decode())
    target = call.args[1]
    return ServingRoute(
        call.lineno,
        call.end_lineno or call.lineno,
        name_of(call, {}),
        string_value(call.args[0], {}),
        call.lineno - first_line + 1,
        column,
        target.id if isinstance(target, ast.Name) and target.id in views else None,
    )
