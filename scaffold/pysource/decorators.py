"""Whether a handler's decorator changes the URL keyword arguments before the handler runs:
Sentry's `has_access` of 2014 pops `team_slug` and `project_id` and passes `team` and
`project` on, so the handler's own signature is not what Django's call meets."""

from __future__ import annotations

import ast
from functools import lru_cache

from scaffold.pysource.tree import Tree

_MUTATORS = frozenset({"pop", "popitem", "update", "setdefault", "clear"})


def changes_arguments(tree: Tree, dotted: str, depth: int = 0) -> bool:
    """True when the function `dotted` names is in the tree and a function it defines (itself
    or a wrapper inside it) takes `**kwargs` and pops, sets, updates or deletes one of them.
    A decorator outside the tree (Django's, DRF's, the SDK's) is taken as passing them on."""
    module, _, name = dotted.rpartition(".")
    if not module or depth > 8:
        return False
    data = tree.data(module)
    if data is None:  # `module.Class.method`: a function bound in a class body
        outer, _, owner = module.rpartition(".")
        data = tree.data(outer) if outer else None
        return data is not None and _verdict(data, name, owner)
    if _function(data, name, None) is not None:
        return _verdict(data, name, None)
    info = tree.info(module)
    target = info.imports.get(name) if info is not None else None
    return target is not None and changes_arguments(tree, target, depth + 1)


@lru_cache(maxsize=256)
def _parsed(data: bytes) -> ast.Module | None:
    try:
        return ast.parse(data)
    except (SyntaxError, ValueError):
        return None


def _function(data: bytes, name: str, owner: str | None) -> ast.AST | None:
    """The module-level function `name`, else one of that name in a class body (`owner`'s
    when given: a decorator written in the class that uses it)."""
    syntax = _parsed(data)
    if syntax is None:
        return None
    functions = (ast.FunctionDef, ast.AsyncFunctionDef)
    for node in syntax.body:
        if isinstance(node, functions) and node.name == name and owner is None:
            return node
    for node in syntax.body:
        if isinstance(node, ast.ClassDef) and owner in (None, node.name):
            for inner in node.body:
                if isinstance(inner, functions) and inner.name == name:
                    return inner
    return None


@lru_cache(maxsize=1024)
def _verdict(data: bytes, name: str, owner: str | None) -> bool:
    function = _function(data, name, owner)
    return function is not None and any(
        _changes_kwargs(node)
        for node in ast.walk(function)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
    )


def _changes_kwargs(function: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> bool:
    kwargs = function.args.kwarg.arg if function.args.kwarg is not None else None
    if kwargs is None:
        return False

    def is_kwargs(node: ast.expr) -> bool:
        return isinstance(node, ast.Name) and node.id == kwargs

    body = function.body if isinstance(function.body, list) else [function.body]
    for node in (inner for stmt in body for inner in ast.walk(stmt)):
        called = node.func if isinstance(node, ast.Call) else None
        mutator = isinstance(called, ast.Attribute) and called.attr in _MUTATORS
        if mutator and isinstance(called, ast.Attribute) and is_kwargs(called.value):
            return True
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        elif isinstance(node, ast.Delete):
            targets = node.targets
        if any(isinstance(t, ast.Subscript) and is_kwargs(t.value) for t in targets):
            return True
    return False
