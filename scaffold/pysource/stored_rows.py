"""Whether a value `convert_args` stores is a row a model's manager gets (it has an id), may be
no row (a dict, None), comes from a helper of the tree to read one level deep (`self._x(...)`,
`find_x(...)`), or from code the reader does not follow (a service's call)."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable

from scaffold.pysource.function_shapes import own_returns

ROW, NOT_ROW, UNREAD = "row", "no row", "unread"  # else a helper: "self._x", "find_x[0]"
_GETS = frozenset({"get", "get_from_cache"})  # a row, or `DoesNotExist` raised
_FIRSTS = frozenset({"first", "last"})  # a row or None
_NOT_ROWS = frozenset({"values", "values_list"})  # a queryset of dicts or tuples
_LITERALS = (ast.Dict, ast.List, ast.Set, ast.Tuple, ast.Constant, ast.JoinedStr, ast.DictComp)

Values = Callable[[str], list[ast.expr]]  # every value a name may hold there ([]: unknown)


def _queryset(node: ast.expr, values: Values, seen: frozenset[str] = frozenset()) -> bool:
    """`Model.objects` and calls on it (`.filter(...)`, `.select_related(...)`), or a name
    bound only to such (`queryset = queryset.filter(...)` counts as its other bindings)."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr in _NOT_ROWS:
            return False
        node = node.func.value
    if isinstance(node, ast.Attribute) and node.attr == "objects":
        return isinstance(node.value, ast.Name) and node.value.id[:1].isupper()
    if not isinstance(node, ast.Name) or node.id in seen:
        return False
    own = [v for v in values(node.id) if not _names(v, node.id)]
    again = seen | {node.id}
    return bool(own) and all(_queryset(v, values, again) for v in own)


def _names(node: ast.expr, name: str) -> bool:
    """True when `node` is a call chain on the name `name` (`queryset.filter(...)`)."""
    while isinstance(node, (ast.Call, ast.Attribute)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return isinstance(node, ast.Name) and node.id == name


def _getter(node: ast.expr, values: Values) -> bool:
    """`queryset.get`, `Model.objects.get_from_cache`: what gives one row when called."""
    return isinstance(node, ast.Attribute) and node.attr in _GETS and _queryset(node.value, values)


def is_row(node: ast.expr, values: Values, narrowed: frozenset[str], depth: int = 0) -> bool:
    """True when `node` is one row: `queryset.get(...)`, `getter(...)` of a name bound only to
    a getter, `.first()` stored in a name the code raises on when empty, or a name bound only
    to such values."""
    if isinstance(node, ast.Name) and depth < 8:
        bound = values(node.id)
        return bool(bound) and all(
            is_row(v, values, narrowed, depth + 1) or (node.id in narrowed and _first(v, values))
            for v in bound
        )
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Name):
        bound = values(func.id)
        return bool(bound) and all(_getter(v, values) for v in bound)
    return _getter(func, values)


def _first(node: ast.expr, values: Values) -> bool:
    func = node.func if isinstance(node, ast.Call) else None
    return (
        isinstance(func, ast.Attribute) and func.attr in _FIRSTS and _queryset(func.value, values)
    )


def narrowed_names(function: ast.AST) -> frozenset[str]:
    """Names the function raises on when they are empty (`if x is None: raise ...`, `if not
    x: raise ...`): past that, not None."""
    found = set()
    for node in ast.walk(function):
        if not (isinstance(node, ast.If) and isinstance(node.body[-1], ast.Raise)):
            continue
        test = node.test
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            test = test.operand
        elif (
            isinstance(test, ast.Compare)
            and isinstance(test.ops[0], ast.Is)
            and isinstance(test.comparators[0], ast.Constant)
            and test.comparators[0].value is None
        ):
            test = test.left
        found |= {test.id} if isinstance(test, ast.Name) else set()
    return frozenset(found)


def bindings(function: ast.AST) -> Values:
    """Every value the function assigns each name (a name bound any other way, by a loop or
    a `with`, or unpacked from a tuple: unknown)."""
    assigned: dict[str, list[ast.expr]] = {}
    stores: dict[str, int] = {}
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            stores[node.id] = stores.get(node.id, 0) + 1
        given = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
        targets = node.targets if isinstance(node, ast.Assign) else []
        targets = [node.target] if isinstance(node, ast.AnnAssign) else targets
        for target in targets:
            if isinstance(target, ast.Name) and given is not None:
                assigned.setdefault(target.id, []).append(given)
    return lambda name: (
        assigned.get(name, []) if len(assigned.get(name, [])) == stores.get(name) else []
    )


def stored_kind(value: ast.expr, bound: dict[str, ast.expr], narrowed: frozenset[str]) -> str:
    """What `kwargs["x"] = value` stores (`bound`: each name's value as last bound before;
    `a, b = f()` binds `a` to `f()[0]`): ROW, NOT_ROW, UNREAD, or the helper to read."""
    named = None
    for _ in range(20):
        if not (isinstance(value, ast.Name) and value.id in bound):
            break
        named, value = value.id, bound[value.id]
    values: Values = lambda name: [bound[name]] if name in bound else []
    if is_row(value, values, frozenset()):
        return ROW
    if named is not None and _first(value, values):
        return ROW if named in narrowed else NOT_ROW
    element = ""
    if isinstance(value, ast.Subscript) and isinstance(value.slice, ast.Constant):
        index = value.slice.value
        element, value = (f"[{index}]", value.value) if isinstance(index, int) else ("", value)
    func = value.func if isinstance(value, ast.Call) else None
    if isinstance(func, ast.Attribute) and getattr(func.value, "id", None) == "self":
        return f"self.{func.attr}{element}"
    if isinstance(func, ast.Name) and func.id[:1].islower():
        return f"{func.id}{element}"
    return NOT_ROW if isinstance(value, _LITERALS) or _first(value, values) else UNREAD


def bound_unpacked(node: ast.AST, binds: list[ast.Assign | ast.AnnAssign]) -> dict[str, ast.expr]:
    """Each name's value as last assigned before `node` runs (`binds` in the order they run);
    `a, b = f()` binds `a` to `f()[0]`."""
    bound: dict[str, ast.expr] = {}
    at = (getattr(node, "lineno", 0), getattr(node, "col_offset", 0))
    for bind in binds:
        if (bind.lineno, bind.col_offset) >= at:
            break
        targets = bind.targets if isinstance(bind, ast.Assign) else [bind.target]
        for target in targets:
            if isinstance(target, ast.Name):
                bound.pop(target.id, None)
                bound.update({target.id: bind.value} if bind.value is not None else {})
            counted = bind.value is not None  # up to a `*rest`, an item's index is its place
            for i, item in enumerate(target.elts if isinstance(target, ast.Tuple) else []):
                counted = counted and not isinstance(item, ast.Starred)
                named = item.value if isinstance(item, ast.Starred) else item
                name = named.id if isinstance(named, ast.Name) else ""
                bound.pop(name, None)
                if counted and name and bind.value is not None:
                    bound[name] = ast.Subscript(bind.value, ast.Constant(i), ast.Load())
    return bound


def returns_rows(function: ast.AST, element: int | None) -> bool:
    """True when every `return` of the helper gives a row (element `element` of the tuple it
    returns, when given); a return of anything else, or falling off its end, may be no row."""
    returns = own_returns(function)
    if not _ends(getattr(function, "body", [])):  # it may fall off its end: None
        return False
    values, narrowed = bindings(function), narrowed_names(function)
    given: Iterable[ast.expr | None] = (r.value for r in returns)
    if element is not None:
        given = (
            v.elts[element] if isinstance(v, ast.Tuple) and len(v.elts) > element else None
            for v in given
        )
    return all(v is not None and is_row(v, values, narrowed) for v in given)


def _ends(body: list[ast.stmt]) -> bool:
    """True when running `body` never reaches past its end: its last statement returns or
    raises, on every branch of an `if`/`else` or a `try` (a loop or a `with` is not read)."""
    last = body[-1] if body else None
    if isinstance(last, (ast.Return, ast.Raise)):
        return True
    if isinstance(last, ast.If):
        return _ends(last.body) and _ends(last.orelse)
    if isinstance(last, ast.Try):
        if _ends(last.finalbody):
            return True
        done = _ends(last.body) or _ends(last.orelse)  # a body that returns skips `else`
        return done and all(_ends(handler.body) for handler in last.handlers)
    return False


def stored_once(kinds: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Object -> one kind, of `(object, kind)` per store (`kwargs["x"] = ...` in an `if` and
    in its `else`): a row when every store is one (ROW or UNREAD), the one helper to read when
    the others are rows, else NOT_ROW (a store of no row, or helpers more than one)."""
    found: dict[str, set[str]] = {}
    for obj, kind in kinds:
        found.setdefault(obj, set()).add(kind)
    once = {}
    for obj, all_kinds in found.items():
        others = all_kinds - {ROW, UNREAD}
        once[obj] = min(all_kinds) if not others else others.pop() if len(others) == 1 else NOT_ROW
    return once


def helper_named(kind: str) -> tuple[str, int | None]:
    """("self._x", None) of "self._x"; ("find_x", 0) of "find_x[0]"."""
    name, _, index = kind.partition("[")
    return name, int(index.rstrip("]")) if index else None
