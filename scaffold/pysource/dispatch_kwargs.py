"""Whether an endpoint class's own `dispatch` or a hook DRF calls before the handler changes the
URL keyword arguments: a `dispatch` override that hands them on as they came (a logging or
tracing one), a method that changes `self.kwargs`."""

from __future__ import annotations

import ast
from functools import lru_cache

from scaffold.pysource.decorators import changes_kwargs, function_in, mutates


@lru_cache(maxsize=256)
def dispatch_passes_on(data: bytes, owner: str) -> bool:
    """True when `owner`'s `dispatch` in the module `data` is `def dispatch(self, request,
    *args, **kwargs)` that leaves kwargs alone and hands exactly `request, *args, **kwargs` to
    every `dispatch` it calls, at least one (a logging or tracing override); anything else may
    change, add or drop what the handler gets, or not call it at all."""
    function = function_in(data, "dispatch", owner)
    if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    args = function.args
    plain = (
        not args.posonlyargs
        and len(args.args) == 2
        and not args.kwonlyargs
        and args.vararg is not None
        and args.kwarg is not None
    )
    if not plain or changes_kwargs(function):
        return False
    assert args.vararg is not None and args.kwarg is not None
    request, rest, named = args.args[1].arg, args.vararg.arg, args.kwarg.arg
    calls = [
        node
        for node in ast.walk(function)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "dispatch"
    ]
    return bool(calls) and all(_hands_on(call, request, rest, named) for call in calls)


def _hands_on(call: ast.Call, request: str, rest: str, named: str) -> bool:
    """`X.dispatch(request, *args, **kwargs)`, the names as the override spells them."""
    if len(call.args) != 2 or len(call.keywords) != 1:
        return False
    first, second = call.args
    keyword = call.keywords[0]
    return (
        isinstance(first, ast.Name)
        and first.id == request
        and isinstance(second, ast.Starred)
        and isinstance(second.value, ast.Name)
        and second.value.id == rest
        and keyword.arg is None
        and isinstance(keyword.value, ast.Name)
        and keyword.value.id == named
    )


@lru_cache(maxsize=256)
def kwargs_changed_by(data: bytes, owner: str, methods: tuple[str, ...]) -> str | None:
    """The first of `owner`'s `methods` in the module `data` that pops, sets or deletes one of
    `self.kwargs`, or None: DRF's dispatch stores the URL's kwargs there before `initial` and
    the hooks it calls (`check_permissions`, ...) run, and Sentry's then hands that same dict
    to `convert_args` and the handler."""
    if b"self.kwargs" not in data:  # most modules: no parse
        return None
    for name in methods:
        function = function_in(data, name, owner)
        if function is not None and mutates(function, is_self_kwargs):
            return name
    return None


def is_self_kwargs(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "kwargs"
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    )
