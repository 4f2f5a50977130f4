"""What a function reads out of its `**kwargs`: the names it takes from there, and the default
a test helper asserts when the caller gives no `status_code` (`params.pop("status_code", 200)`)."""

from __future__ import annotations

import ast

_STATUS = "status_code"


def read_from(function: ast.AST, kwargs: str | None) -> frozenset[str]:
    """The names a function reads out of its `**kwargs`: `kwargs.get("x")`, `.pop("x")`,
    `kwargs["x"]` (Sentry's 2018 `create_environment(self, **kwargs)` takes `project` so)."""
    found: set[str] = set()
    for node in ast.walk(function) if kwargs else ():
        key: ast.expr | None = None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
            owner, key = node.func.value, node.args[0]
            key = key if node.func.attr in ("get", "pop") else None
        elif isinstance(node, ast.Subscript):
            owner, key = node.value, node.slice
        literal = isinstance(key, ast.Constant) and isinstance(key.value, str)
        if literal and getattr(owner, "id", None) == kwargs:
            found.add(key.value)  # type: ignore[union-attr]
    return frozenset(found)


def status_default(function: ast.FunctionDef | ast.AsyncFunctionDef) -> int | None:
    """The status a helper takes when its caller gives no `status_code`: the literal integer
    default of a `status_code=200` parameter, or of every `kwargs.pop("status_code", 200)` /
    `.get(...)` of its `**kwargs`; None for any other default (`None`, a lookup by method)."""
    arguments = function.args
    positional = [*arguments.posonlyargs, *arguments.args]
    defaults = dict(zip([a.arg for a in positional][::-1], arguments.defaults[::-1], strict=False))
    defaults |= {
        a.arg: d
        for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)
        if d is not None
    }
    kwargs = arguments.kwarg.arg if arguments.kwarg else None
    named = {a.arg for a in [*positional, *arguments.kwonlyargs]}
    if _STATUS in named:  # a parameter: its default, if it has one
        given = [defaults[_STATUS]] if _STATUS in defaults else []
    else:
        given = [
            node.args[1]
            for node in ast.walk(function)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("get", "pop")
            and kwargs is not None
            and getattr(node.func.value, "id", None) == kwargs
            and len(node.args) == 2
            and isinstance(node.args[0], ast.Constant)
            and node.args[0].value == _STATUS
        ]
    values = {
        g.value if isinstance(g, ast.Constant) and type(g.value) is int else None for g in given
    }
    return values.pop() if len(values) == 1 else None
