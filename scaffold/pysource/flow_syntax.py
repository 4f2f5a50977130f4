"""Shapes of a convert_args body the flow reader recognises: super calls, presence reads,
read-only uses of a dict; and the exception for what it does not follow."""

from __future__ import annotations

import ast

from scaffold.pysource.flow_values import DictRef, Scalar, TupleOf, Value

READ_METHODS = frozenset({"keys", "values", "items", "__contains__", "__len__", "__iter__"})


class Unfollowed(Exception):
    """The body does something with kwargs this reader does not follow."""

    def __init__(self, why: str, line: int) -> None:
        super().__init__(why)
        self.why = why
        self.line = line


def key_text(value: Value) -> str | None:
    """The string a key evaluates to, where it is known: `kwargs[key]` reads "x" when `key` is
    the literal "x" or a name holding it (a loop's item over a literal tuple)."""
    return value.text if isinstance(value, Scalar) else None


def truth(value: Value) -> bool | None:
    if isinstance(value, Scalar):
        return value.truth
    if isinstance(value, TupleOf) and value.items is not None:
        return bool(value.items)
    return None


def holds_dict(value: Value) -> bool:
    if isinstance(value, DictRef):
        return True
    return isinstance(value, TupleOf) and any(holds_dict(v) for v in value.items or ())


def parent_call(call: ast.Call) -> tuple[int, str | None] | None:
    """(arguments before `request`, class named to start after) for `super().convert_args(`,
    `super(Cls, self).convert_args(` and `Cls.convert_args(self, `; None for other calls."""
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr != "convert_args":
        return None
    owner = func.value
    if (
        isinstance(owner, ast.Call)
        and isinstance(owner.func, ast.Name)
        and owner.func.id == "super"
    ):
        named = owner.args[0] if owner.args else None
        return (0, named.id if isinstance(named, ast.Name) else None)
    if isinstance(owner, ast.Name) and owner.id != "self":
        return (1, f"={owner.id}")  # `=`: start at that class itself
    return None


def absent_key(node: ast.expr) -> str | None:
    """The key of `kwargs.get("x")`, `kwargs.pop("x", d)`: falsy when x is absent."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
        key = node.args[0]
        if node.func.attr in ("get", "pop") and isinstance(key, ast.Constant):
            return key.value if isinstance(key.value, str) else None
    return None


def is_read(scope: ast.expr, name: ast.Name) -> bool:
    """`name` is only read: iterated, or its .get/.items/... called, or indexed."""
    for node in ast.walk(scope):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.value is name
        ):
            return node.func.attr == "get" or node.func.attr in READ_METHODS
        if isinstance(node, ast.Subscript) and node.value is name:
            return isinstance(node.ctx, ast.Load)
        if isinstance(node, ast.comprehension) and node.iter is name:
            return True
    return False
