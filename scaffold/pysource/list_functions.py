"""A function that builds a route list (`include(create_group_urls("prefix"))`), read as the
walk follows it: the list it returns and the strings its call binds to its parameters."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from scaffold.pysource.function_shapes import is_plain
from scaffold.pysource.routes import string_value
from scaffold.pysource.urluses import parameter_names

if TYPE_CHECKING:
    from scaffold.pysource.route_values import Helper
    from scaffold.pysource.urlmodule import UrlModule


def function_list(
    helper: Helper | None, call: ast.Call, outer: dict[str, str]
) -> tuple[UrlModule, list[ast.expr], dict[str, str]] | str:
    """The module of the function `call` calls (`helper`: None for none of the tree), the
    entries of the list it returns, and the strings the call binds to its parameters; or why
    they are not read. Read: a plain body (assignments,
    then a return: nothing decorates or branches) returning a literal list, or a name of its
    own last bound to one, whose entries use no name the function binds but the parameters
    the call gives a known string (another would be looked up among the module's names)."""
    if helper is None:
        return "not a function of the tree that returns a list"
    function = helper.function
    if not is_plain(function):
        return f"the body of {function.name}() is not plain assignments and a return"
    returned = function.body[-1].value if isinstance(function.body[-1], ast.Return) else None
    if isinstance(returned, ast.Name):
        assigned = [
            stmt.value
            for stmt in function.body[:-1]
            if isinstance(stmt, ast.Assign | ast.AnnAssign)
            and returned.id in {getattr(t, "id", None) for t in _targets(stmt)}
        ]
        returned = assigned[-1] if assigned else None
    if not isinstance(returned, ast.List):
        return f"{function.name}() does not return a list written out"
    bound = _bind(function, call, outer)
    if bound is None:
        return f"its call spreads arguments into {function.name}()"
    local = parameter_names(function.args) | {
        getattr(t, "id", "") for s in function.body[:-1] for t in _targets(s)
    }
    unbound = sorted(
        {n.id for n in ast.walk(returned) if isinstance(n, ast.Name) and n.id in local} - set(bound)
    )
    if unbound:
        return f"its list uses {unbound[0]}, which the call does not bind to a known string"
    return helper.scope, list(returned.elts), bound


def _targets(stmt: ast.stmt) -> list[ast.expr]:
    if isinstance(stmt, ast.Assign):
        return stmt.targets
    return [stmt.target] if isinstance(stmt, ast.AnnAssign) else []


def _bind(
    function: ast.FunctionDef, call: ast.Call, outer: dict[str, str]
) -> dict[str, str] | None:
    """Parameter -> string value for the constant (or f-string) arguments of a call; None
    when the call spreads `*x` or `**x` (which parameter gets what is not written)."""
    if any(isinstance(a, ast.Starred) for a in call.args) or any(
        k.arg is None for k in call.keywords
    ):
        return None
    params = [a.arg for a in [*function.args.posonlyargs, *function.args.args]]
    bound: dict[str, str] = {}
    for param, arg in zip(params, call.args, strict=False):
        value = string_value(arg, outer)
        if value is not None:
            bound[param] = value
    for keyword in call.keywords:
        value = string_value(keyword.value, outer)
        if keyword.arg and value is not None:
            bound[keyword.arg] = value
    return bound


def as_call(function: ast.FunctionDef) -> ast.Call:
    """A call holding every expression of `function` (each statement's own, its defaults and
    decorators), for `urlmodule.named_in` to name every class the function may route."""
    found: list[ast.expr] = [*function.decorator_list, *function.args.defaults]
    found += [d for d in function.args.kw_defaults if d is not None]
    for stmt in ast.walk(function):
        if isinstance(stmt, ast.stmt) and stmt is not function:
            found += [c for c in ast.iter_child_nodes(stmt) if isinstance(c, ast.expr)]
    return ast.Call(ast.Name(function.name, ast.Load()), found, [])
