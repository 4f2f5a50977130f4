"""Plain readings of a function's syntax that `kept_class.py` and the route helpers' evaluator
ask about: its own returns, a function defined in its body, a name bound once in it, a call
handing on `*args, **kwargs` as the calling wrapper got them, a body without branches."""

from __future__ import annotations

import ast
from functools import lru_cache

Function = ast.FunctionDef | ast.AsyncFunctionDef


def called_name(func: ast.expr) -> str | None:
    return getattr(func, "id", None) or getattr(func, "attr", None)


def spreads(call: ast.Call, named: str) -> bool:
    return any(
        k.arg is None and isinstance(k.value, ast.Name) and k.value.id == named
        for k in call.keywords
    )


def as_they_came(call: ast.Call, own: list[str], rest: str, named: str) -> bool:
    """`f(self, request, *args, **kwargs)`: the wrapper's own positionals in order, then its
    `*args`, then its `**kwargs`, nothing else."""
    plain = [a for a in call.args if not isinstance(a, ast.Starred)]
    names = [a.id if isinstance(a, ast.Name) else None for a in plain]
    last = call.args[-1] if call.args else None
    return (
        names == own[: len(names)]
        and len(call.args) == len(plain) + 1
        and isinstance(last, ast.Starred)
        and isinstance(last.value, ast.Name)
        and last.value.id == rest
        and len(call.keywords) == 1
    )


def own_returns(function: ast.AST) -> list[ast.Return]:
    """The function's `return` statements, not those of the functions inside it."""
    found: list[ast.Return] = []
    pending = list(ast.iter_child_nodes(function))
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Return):
            found.append(node)
        elif not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            pending.extend(ast.iter_child_nodes(node))
    return found


def defined(function: Function, name: str) -> Function | None:
    """The function `name` defined in the function's own body (not under a statement), when
    nothing else in the function binds the name and nothing but `functools.wraps(...)`
    decorates it."""
    found = [n for n in function.body if isinstance(n, ast.FunctionDef) and n.name == name]
    if len(found) != 1 or _bindings_of(function, name) != 1:
        return None
    wraps = all(
        isinstance(d, ast.Call) and called_name(d.func) == "wraps" for d in found[0].decorator_list
    )
    return found[0] if wraps else None


def _bindings_of(function: Function, name: str) -> int:
    """How many times the function (and what is inside it) binds `name`; a `global` or
    `nonlocal` of it counts twice (it is bound elsewhere too)."""
    count = 0
    for node in ast.walk(function):
        if isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names:
            count += 2
        elif node is not function and _bound_by(node) == name:
            count += 1
    return count


def _bound_by(node: ast.AST) -> str | None:
    """The name a def, a store, an import or a parameter binds."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return node.name
    if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
        return node.id
    if isinstance(node, ast.alias):
        return (node.asname or node.name).split(".")[0]
    return node.arg if isinstance(node, ast.arg) else None


def bound_once(function: Function, name: str) -> ast.expr | None:
    """The value of `name = value` when that is the only binding of `name` in the function
    (wrappers inside included)."""
    stores = [
        n
        for n in ast.walk(function)
        if isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load)
    ]
    assigns = [
        n
        for n in ast.walk(function)
        if isinstance(n, ast.Assign)
        and len(n.targets) == 1
        and isinstance(n.targets[0], ast.Name)
        and n.targets[0].id == name
    ]
    return assigns[0].value if len(stores) == 1 and len(assigns) == 1 else None


def enclosing(call: ast.AST, parents: dict[int, ast.AST], function: Function) -> Function | None:
    """The function defined inside `function` that holds `call`."""
    node = parents.get(id(call))
    while node is not None and node is not function:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return node
        node = parents.get(id(node))
    return None


def is_plain(function: ast.FunctionDef) -> bool:
    """Assignments to names, a docstring, `pass`, then a return: nothing that branches."""
    *body, last = function.body
    return (
        not function.decorator_list
        and isinstance(last, ast.Return)
        and all(
            isinstance(stmt, ast.Pass)
            or (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant))
            or (isinstance(stmt, ast.Assign) and all(isinstance(t, ast.Name) for t in stmt.targets))
            or (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name))
            for stmt in body
        )
    )


@lru_cache(maxsize=256)
def parsed(data: bytes) -> ast.Module | None:
    """The module `data` holds, parsed once; None when it does not parse."""
    try:
        return ast.parse(data)
    except (SyntaxError, ValueError):
        return None
