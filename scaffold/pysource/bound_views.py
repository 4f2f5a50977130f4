"""Views a urlconf binds to a name at module level (`stats_view = StatsEndpoint.as_view()`),
where the name is bound once in the whole module: a route naming it after that line serves
that view, as an `X.as_view()` written in the route does."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from scaffold.pysource.imports import read_imports_at
from scaffold.pysource.routes import view_class, view_parts


def bound_views(tree: ast.Module, star_lines: list[int]) -> dict[str, tuple[int, ast.Call]]:
    """Name -> (line, the `X.as_view(...)` call it is bound to), for each name a module-level
    `name = X.as_view(...)` binds and nothing else in the module binds, deletes or declares
    (no other assignment, parameter, import, `global`, `del`), with no star import after it,
    and whose class (`X`, or the module `a` of `a.X`) the module binds once at most."""
    found: dict[str, tuple[int, ast.Call]] = {}
    for stmt in tree.body:
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) else None
        value = stmt.value if isinstance(stmt, ast.Assign) else None
        if (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(target, ast.Name)
            and isinstance(value, ast.Call)
            and view_parts(value) is not None
            and not any(line > stmt.lineno for line in star_lines)
        ):
            found[target.id] = (stmt.lineno, value)
    if not found:
        return found
    heads = {name: (view_parts(call) or [""])[0] for name, (_, call) in found.items()}
    counts = dict.fromkeys([*found, *heads.values()], 0)
    for name in _bound_names(tree):
        if name in counts:
            counts[name] += 1
    # the class named bound once too (or not at all: imported by no statement of the tree's)
    once = {name for name, (_, call) in found.items() if counts[heads[name]] <= 1}
    return {name: bound for name, bound in found.items() if counts[name] == 1 and name in once}


def bound_view_classes(tree: ast.Module) -> dict[str, tuple[int, str]]:
    """Name -> (line, X) for each name `bound_views` follows that is bound to the
    `X.as_view(...)` of a class named bare (`X`, not `alias.X`)."""
    star_lines = read_imports_at(tree, "")[2]
    return {
        name: (line, parts[0])
        for name, (line, call) in bound_views(tree, star_lines).items()
        if (parts := view_parts(call)) is not None and len(parts) == 1
    }


def served_class(call: ast.Call, views: dict[str, tuple[int, str]]) -> str | None:
    """The class a route call serves as `X.as_view(...)` written in place, or through a name
    bound to it above the route at module level (`views`: `bound_view_classes`, or none for a
    route inside a function, where the check does not follow the name either)."""
    target = call.args[1]
    if isinstance(target, ast.Name) and target.id in views:
        line, class_name = views[target.id]
        return class_name if line < call.lineno else None
    return view_class(call)


def _bound_names(tree: ast.Module) -> Iterator[str]:
    """Every name any statement of the module binds, deletes or declares, once per place."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            yield node.id
        elif isinstance(node, ast.arg):
            yield node.arg
        elif isinstance(node, ast.alias):
            yield (node.asname or node.name).partition(".")[0]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield node.name
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            yield from node.names
        elif isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)) and node.name:
            yield node.name
        elif isinstance(node, ast.MatchMapping) and node.rest:
            yield node.rest
