"""A route helper's parameters bound to the values it is called with, as Python binds a call."""

from __future__ import annotations

import ast
from collections.abc import Callable

from scaffold.pysource.route_values import Mapping, Seq, Stop, Value


def bind_arguments(
    function: ast.FunctionDef,
    args: list[Value],
    kwargs: dict[str, Value],
    env: dict[str, Value],
    default: Callable[[ast.expr], Value],
) -> None:
    """Parameters -> values in `env`; a parameter not given takes `default(its default)`
    (Stop where Python would raise)."""
    spec, name = function.args, function.name
    positional = [*spec.posonlyargs, *spec.args]
    env.update((p.arg, value) for p, value in zip(positional, args, strict=False))
    extra = tuple(args[len(positional) :])
    if extra and spec.vararg is None:
        raise Stop(f"{name}() is given {len(args)} positional arguments")
    if spec.vararg is not None:
        env[spec.vararg.arg] = Seq(extra)
    by_keyword = {p.arg for p in [*spec.args, *spec.kwonlyargs]}
    rest: list[tuple[str, Value]] = []
    for key, value in kwargs.items():
        if key in by_keyword and key not in env:
            env[key] = value
        elif spec.kwarg is not None and key not in by_keyword:
            rest.append((key, value))
        else:
            raise Stop(f"{name}() cannot take the keyword argument {key!r}")
    if spec.kwarg is not None:
        env[spec.kwarg.arg] = Mapping(tuple(rest))
    defaults = dict(
        zip(positional[len(positional) - len(spec.defaults) :], spec.defaults, strict=False)
    )
    defaults.update((p, d) for p, d in zip(spec.kwonlyargs, spec.kw_defaults, strict=False) if d)
    for param in [*positional, *spec.kwonlyargs]:
        if param.arg in env:
            continue
        if param not in defaults:
            raise Stop(f"{name}() is called without {param.arg!r}")
        env[param.arg] = default(defaults[param])
