"""Whether an object a base's `convert_args` stores may be no row (no id): read off the store
itself (`stored_rows.stored_kind`), else off the returns of the helper of the tree it calls,
one level deep (a method of the class, a function called by name)."""

from __future__ import annotations

import ast

from scaffold.pysource.classes import EndpointClass
from scaffold.pysource.decorators import function_in
from scaffold.pysource.function_shapes import parsed
from scaffold.pysource.stored_rows import NOT_ROW, ROW, UNREAD, helper_named, returns_rows
from scaffold.pysource.tree import Tree

_HOPS = 4  # re-exports followed to where a function called by name is defined


def may_be_no_row(tree: Tree, endpoint: EndpointClass, kind: str, where: str) -> bool:
    """True when what `where`'s convert_args stores, as `kind` says, may be no row. A value
    from code the reader does not follow (a service's call, an attribute of another object, a
    helper outside the tree) is taken as the object it is: those a base hands on in the real
    trees (Sentry's RPC organizations, users, installations) have an id."""
    if kind in (ROW, UNREAD):
        return False
    if kind == NOT_ROW:
        return True
    name, element = helper_named(kind)
    if name.startswith("self."):
        function = _method(tree, endpoint, name.removeprefix("self."))
    else:
        module = endpoint.modules.get(where)
        function = _function(tree, module.module, name) if module else None
    return function is not None and not returns_rows(function, element)


def _method(tree: Tree, endpoint: EndpointClass, name: str) -> ast.AST | None:
    """The method `name` the first class of the MRO defining it has (None: outside the tree,
    or not a plain `def` of its body)."""
    for dotted, info in endpoint.ancestry:
        if info is None or name not in info.methods:
            continue
        module = endpoint.modules.get(dotted)
        data = tree.data(module.module) if module else None
        if data is None or info.methods[name].opaque:
            return None
        found = function_in(data, name, info.name)
        return found if isinstance(found, ast.FunctionDef) else None
    return None


def _function(tree: Tree, module: str, name: str) -> ast.AST | None:
    """The module-level function `name` names in `module`, through its imports."""
    for _ in range(_HOPS):
        data, info = tree.data(module), tree.info(module)
        syntax = parsed(data) if data is not None else None
        if syntax is None or info is None:
            return None
        defined = [n for n in syntax.body if getattr(n, "name", None) == name]
        if defined:
            last = defined[-1]
            return last if isinstance(last, ast.FunctionDef) and not last.decorator_list else None
        target = info.imports.get(name)
        if target is None:
            return None
        module, _, name = target.rpartition(".")
    return None
