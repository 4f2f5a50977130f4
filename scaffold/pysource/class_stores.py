"""What a class decorator may set, and on what, and still hand Django the handlers the class
body wrote (`kept_class.py` asks): on the decorator itself anything; elsewhere a plain literal
(a string, a number, a tuple of them) under a name Django neither calls nor reads, anything
under a private name (`__x`), or the class's own `__module__`, `__doc__`, `__name__`,
`__qualname__`. Any method Django, DRF or the endpoint's own code calls (`check_permissions`,
`get_queryset`, ...) may be replaced, so a function, or any other value, set under any other
name is not proven harmless."""

from __future__ import annotations

import ast

from scaffold.pysource.function_shapes import Function, called_name
from scaffold.pysource.modules import HTTP_METHODS

# read by Django or DRF before a handler is called (`http_method_names`), or called by them
_CALLED = frozenset(
    {*HTTP_METHODS, "dispatch", "convert_args", "initial", "as_view", "setup", "http_method_names"}
)
PLAIN_DUNDERS = frozenset({"__module__", "__doc__", "__name__", "__qualname__"})
# data a decorator may record on the class whatever its value: Sentry's silo limits record
# themselves as `silo_limit`, read for its modes (the API gateway), never called with a
# request; a generated project's silo limit records its modes as `silo_modes`, which tests read
_RECORDS = frozenset({*PLAIN_DUNDERS, "silo_limit", "silo_modes"})
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def called_by_django(name: str) -> bool:
    """Setting `name` on a view class, even to a literal, may change what Django's call
    meets."""
    dunder = name.startswith("__") and name.endswith("__")
    return name in _CALLED or (dunder and name not in PLAIN_DUNDERS)


def recorded(name: str, value: ast.expr) -> bool:
    """`name = value` set on the view class (or an entry of a subclass made by `type()`) is
    a record Django never meets: a plain literal under a name it neither calls nor reads, one
    of the records above, or anything under a private name (`__silo_limit`, Sentry 2022):
    Django reads none, and the class's own `self.__x` is mangled to `_Cls__x`."""
    private = name.startswith("__") and not name.endswith("__")
    return name in _RECORDS or private or (plain_literal(value) and not called_by_django(name))


def plain_literal(value: ast.expr) -> bool:
    """A string, a number, a bool, None, or a tuple of them."""
    if isinstance(value, ast.Tuple):
        return all(plain_literal(each) for each in value.elts)
    return isinstance(value, ast.Constant)


def harmless_store(node: ast.AST, parents: dict[int, ast.AST], own: set[int]) -> bool:
    """The node, when it sets or deletes an attribute (`x.attr = v`, `setattr(x, "attr", v)`),
    sets the decorator's own (its Name in `own`) or records as `recorded` says."""
    if isinstance(node, ast.Attribute) and not isinstance(node.ctx, ast.Load):
        if id(node.value) in own:
            return True
        parent = parents.get(id(node))
        value = parent.value if isinstance(parent, (ast.Assign, ast.AnnAssign)) else None
        return isinstance(node.ctx, ast.Store) and value is not None and recorded(node.attr, value)
    if isinstance(node, ast.Call) and called_name(node.func) in ("setattr", "delattr"):
        key = node.args[1] if len(node.args) == 3 and not node.keywords else None
        name = key.value if isinstance(key, ast.Constant) else None
        return called_name(node.func) == "setattr" and (
            id(node.args[0]) in own or (isinstance(name, str) and recorded(name, node.args[2]))
        )
    return True


def decorator_names(function: Function, at: int) -> set[int]:
    """The Name nodes in a method of a decorator's class (`at` >= 0) that are the decorator
    itself: its first parameter, where no function inside binds that name again (a wrapper's
    own `self` is the view)."""
    positional = [*function.args.posonlyargs, *function.args.args]
    if at < 0 or not positional or _binds(function, positional[0].arg, positional[0]):
        return set()
    own = positional[0].arg
    found: set[int] = set()
    pending: list[ast.AST] = [function]
    while pending:
        node = pending.pop()
        if node is not function and isinstance(node, _SCOPES) and _binds(node, own, None):
            continue
        if isinstance(node, ast.Name) and node.id == own:
            found.add(id(node))
        pending.extend(ast.iter_child_nodes(node))
    return found


def _binds(function: ast.AST, name: str, given: ast.arg | None) -> bool:
    """The function (or what is inside it) binds `name` by a parameter other than `given`,
    or by a store."""
    return any(
        (isinstance(n, ast.arg) and n.arg == name and n is not given)
        or (isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load))
        for n in ast.walk(function)
    )
