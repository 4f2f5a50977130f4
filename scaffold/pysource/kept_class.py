"""Whether a function given a view class (a class decorator, or a method of a decorator's class)
hands Django the handlers the class body wrote, called as Django calls them.

It does when every use of its parameter is one of: a read of an attribute (not a call of it,
nor a change of what it holds), an attribute set as a record (`class_stores.py`), a registration
(`REGISTRY.append(cls)`, `by_name[key] = cls`), a builtin that only looks (`isinstance`), a
method of the same decorator class that keeps it in turn, a call handing on `*args, **kwargs`
as they came from a wrapper defined inside; and when every value it returns is the parameter, a
subclass made by `type(name, (cls,), {...})` whose entries are records or such wrappers of the
class's own (Sentry's silo limits wrap `dispatch` so), or a wrapper of the parameter itself."""

from __future__ import annotations

import ast
from collections.abc import Sequence

from scaffold.pysource.class_stores import PLAIN_DUNDERS, decorator_names, harmless_store, recorded
from scaffold.pysource.function_shapes import (
    Function,
    as_they_came,
    bound_once,
    called_name,
    defined,
    enclosing,
    own_returns,
    spreads,
)

# a decorator class's methods by name, the class first, then its bases in their order
Methods = Sequence[dict[str, Function]]

_LOOKS = frozenset({"isinstance", "issubclass", "callable", "getattr", "hasattr", "type", "repr"})
_REGISTERS = frozenset({"append", "add", "register", "insert", "setdefault"})
_WRAPS = frozenset({"update_wrapper", "wraps"})
_MOST = 32  # functions judged for one decorator; past it, not proven
_DEEPEST = 8  # names bound to names followed


class Judge:
    """Judges the functions of one decorator: a plain function (no methods), or the methods of
    a callable instance's class."""

    def __init__(self, methods: Methods = ()) -> None:
        self.methods = methods
        self.known: dict[tuple[int, int, bool], bool] = {}

    def keeps(self, function: Function, position: int, at: int = -1, strict: bool = True) -> bool:
        """The function (a method of the class at `at` of `methods`, -1: a plain function)
        keeps its parameter at `position` as described above. `strict`: a wrapper it returns
        must call something; else it may answer by itself (a silo's "not available here")."""
        key = (id(function), position, strict)
        if key not in self.known:
            self.known[key] = False  # in a cycle, or past _DEEPEST: not proven
            if len(self.known) <= _MOST:
                self.known[key] = self._keeps(function, position, at, strict)
        return self.known[key]

    def _keeps(self, function: Function, position: int, at: int, strict: bool) -> bool:
        if function.decorator_list or isinstance(function, ast.AsyncFunctionDef):
            return False  # a `staticmethod` binds no decorator; a coroutine keeps nothing
        args = function.args
        positional = [*args.posonlyargs, *args.args]
        if position >= len(positional):
            return False
        name = positional[position].arg
        parents = {
            id(child): node for node in ast.walk(function) for child in ast.iter_child_nodes(node)
        }
        own = decorator_names(function, at)
        for node in ast.walk(function):
            if isinstance(node, ast.arg) and node.arg == name and node is not positional[position]:
                return False  # shadowed inside
            if not harmless_store(node, parents, own):
                return False
            if isinstance(node, ast.Name) and node.id == name:
                if not isinstance(node.ctx, ast.Load):
                    return False  # rebound
                if not self._use(node, parents, function, name, at):
                    return False
        returns = own_returns(function)
        return bool(returns) and all(
            r.value is not None and self._gives(r.value, function, name, at, strict)
            for r in returns
        )

    def _use(
        self, node: ast.Name, parents: dict[int, ast.AST], function: Function, name: str, at: int
    ) -> bool:
        parent = parents.get(id(node))
        if isinstance(parent, (ast.Attribute, ast.Subscript)) or _looked_up(parent, node):
            return self._member(node, parents, at)
        if isinstance(parent, (ast.Return, ast.Compare, ast.FormattedValue)):
            return True  # what it returns is judged by _gives
        if isinstance(parent, ast.Assign):  # `REGISTRY[key] = cls`
            return parent.value is node and all(
                isinstance(t, ast.Subscript) for t in parent.targets
            )
        if isinstance(parent, ast.Tuple):  # `type(name, (cls,), {...})`
            made = parents.get(id(parent))
            return (
                isinstance(made, ast.Call)
                and made.args[1:2] == [parent]
                and self._subclass(made, function, name, at)
            )
        if not isinstance(parent, ast.Call):
            return False
        if parent.func is node:  # calling it: only from a wrapper, with what the wrapper got
            inner = enclosing(parent, parents, function)
            named = inner.args.kwarg if inner is not None else None
            return (
                inner is not None
                and named is not None
                and spreads(parent, named.arg)
                and self._forwards(inner, function, name, at, False)
            )
        if node not in parent.args:
            return False
        called = called_name(parent.func)
        if called in _LOOKS or called in _WRAPS or called in ("setattr", "delattr"):
            return True
        if isinstance(parent.func, ast.Attribute) and called in _REGISTERS:
            return not (isinstance(parent.func.value, ast.Name) and parent.func.value.id == name)
        return self._method_keeps(parent, parent.args.index(node), at, strict=False)

    def _member(self, node: ast.Name, parents: dict[int, ast.AST], at: int) -> bool:
        """`cls.x`, `cls.x.y`, `cls[k]`, `getattr(cls, k)`: set directly (`cls.x = v`, judged
        by `harmless_store`), or only read: compared, written into a string, returned, a
        plain name of it kept (`name = cls.__name__`), or handed to a builtin that only looks
        or to a method of the decorator that keeps it. Not a call (`cls.names.remove("get")`),
        a set or delete of what it holds (`cls.names[0] = "post"`), or anything else."""
        top: ast.expr = node
        while True:
            parent = parents.get(id(top))
            if isinstance(parent, (ast.Attribute, ast.Subscript)) and parent.value is top:
                if not isinstance(parent.ctx, ast.Load):
                    return top is node and isinstance(parent, ast.Attribute)
                top = parent
            elif isinstance(parent, ast.Call) and _looked_up(parent, top):
                top = parent
            else:
                break
        if isinstance(parent, ast.Call):
            called = called_name(parent.func)
            if parent.func is top or top not in parent.args or called in ("setattr", "delattr"):
                return False
            if called in _LOOKS or called in _WRAPS:
                return True
            return self._method_keeps(parent, parent.args.index(top), at, strict=False)
        if isinstance(parent, ast.Assign) and parent.value is top:
            named = isinstance(top, ast.Attribute) and top.attr in PLAIN_DUNDERS
            return named or all(isinstance(t, ast.Attribute) for t in parent.targets)
        if isinstance(parent, (ast.If, ast.While, ast.IfExp, ast.Assert)):
            return parent.test is top
        if isinstance(parent, ast.Subscript):
            return parent.slice is top  # a key
        return isinstance(parent, (ast.Compare, ast.FormattedValue, ast.Return, ast.Expr))

    def _method_keeps(self, call: ast.Call, index: int, at: int, strict: bool) -> bool:
        """`self.m(...)` or `super().m(...)` keeps its argument at `index`."""
        found = self._method(call, at)
        if found is None or any(isinstance(a, ast.Starred) for a in call.args):
            return False
        method, where = found
        return self.keeps(method, index + 1, where, strict)

    def _method(self, call: ast.Call, at: int) -> tuple[Function, int] | None:
        func = call.func
        if at < 0 or not isinstance(func, ast.Attribute):
            return None
        value = func.value
        if isinstance(value, ast.Name) and value.id == "self":
            start = 0
        elif isinstance(value, ast.Call) and called_name(value.func) == "super" and not value.args:
            start = at + 1
        else:
            return None
        for index in range(start, len(self.methods)):
            if func.attr in self.methods[index]:
                return self.methods[index][func.attr], index
        return None

    def _gives(
        self, value: ast.expr, function: Function, name: str, at: int, strict: bool, depth: int = 0
    ) -> bool:
        """A value the function returns is its parameter, a kept subclass or a wrapper of it."""
        if isinstance(value, ast.Name):
            if value.id == name:
                return True
            inner = defined(function, value.id)
            if inner is not None:
                return self._forwards(inner, function, name, at, strict)
            bound = bound_once(function, value.id)
            return (
                bound is not None
                and depth < _DEEPEST
                and self._gives(bound, function, name, at, strict, depth + 1)
            )
        if not isinstance(value, ast.Call):
            return False
        if called_name(value.func) == "type":
            return self._subclass(value, function, name, at)
        given = [i for i, a in enumerate(value.args) if isinstance(a, ast.Name) and a.id == name]
        return len(given) == 1 and self._method_keeps(value, given[0], at, strict)

    def _subclass(self, call: ast.Call, function: Function, name: str, at: int) -> bool:
        """`type(any, (cls,), {...})`: each entry Django calls wraps the class's own as kept."""
        if len(call.args) != 3 or call.keywords or called_name(call.func) != "type":
            return False
        bases, entries = call.args[1], call.args[2]
        if not (isinstance(bases, ast.Tuple) and isinstance(entries, ast.Dict)):
            return False
        if not all(isinstance(b, ast.Name) and b.id == name for b in bases.elts):
            return False
        for key, value in zip(entries.keys, entries.values, strict=True):
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                return False
            if not recorded(key.value, value) and not self._wraps(
                value, function, name, key.value, at
            ):
                return False
        return True

    def _wraps(
        self, value: ast.expr, function: Function, name: str, attr: str, at: int, depth: int = 0
    ) -> bool:
        """`cls.attr`, or a method of the decorator's class given it that returns it or a
        wrapper handing on what it gets (through a name bound once)."""
        if isinstance(value, ast.Name):
            bound = bound_once(function, value.id)
            return (
                bound is not None
                and depth < _DEEPEST
                and self._wraps(bound, function, name, attr, at, depth + 1)
            )
        if isinstance(value, ast.Attribute):
            return (
                isinstance(value.value, ast.Name) and value.value.id == name and value.attr == attr
            )
        if not isinstance(value, ast.Call):
            return False
        given = [
            i
            for i, a in enumerate(value.args)
            if isinstance(a, ast.Attribute)
            and a.attr == attr
            and isinstance(a.value, ast.Name)
            and a.value.id == name
        ]
        return len(given) == 1 and self._method_keeps(value, given[0], at, strict=True)

    def _forwards(
        self, inner: Function, function: Function, name: str, at: int, strict: bool
    ) -> bool:
        """`def wrapper(*args, **kwargs)` (or `(self, request, *args, **kwargs)`) of `function`
        whose `*args` and `**kwargs` are only handed on as they came, to the parameter or to
        what a kept method made of it, and which returns only what such a call returns (not a
        changed `convert_args` answer); `strict`: to one at least."""
        if isinstance(inner, ast.AsyncFunctionDef):
            return False
        args = inner.args
        own = [a.arg for a in [*args.posonlyargs, *args.args]]
        if args.vararg is None or args.kwarg is None or args.kwonlyargs or len(own) > 2:
            return False
        if args.defaults:
            return False
        rest, named = args.vararg.arg, args.kwarg.arg
        handed = 0
        for node in ast.walk(inner):
            if isinstance(node, ast.Call) and spreads(node, named):
                if not as_they_came(node, own, rest, named):
                    return False
                if not self._made_of(node.func, function, name, at):
                    return False
                handed += 1
        spread = sum(
            1
            for node in ast.walk(inner)
            if isinstance(node, ast.Call)
            for part in [*node.args, *node.keywords]
            if isinstance(part, (ast.Starred, ast.keyword))
            and isinstance(part.value, ast.Name)
            and part.value.id in (rest, named)
        )
        uses = sum(1 for n in ast.walk(inner) if isinstance(n, ast.Name) and n.id in (rest, named))
        answers = [r.value for r in own_returns(inner)]  # what it hands on, as it came back
        passed = all(isinstance(a, ast.Call) and spreads(a, named) for a in answers)
        return uses == spread == 2 * handed and (passed if handed > 0 else not strict)

    def _made_of(self, callee: ast.expr, function: Function, name: str, at: int) -> bool:
        """What a wrapper calls: the parameter, or a name bound once to a kept method's answer
        for it (`limiting = super().create_override(original)`)."""
        if not isinstance(callee, ast.Name):
            return False
        if callee.id == name:
            return True
        bound = bound_once(function, callee.id)
        if not isinstance(bound, ast.Call):
            return False
        given = [i for i, a in enumerate(bound.args) if isinstance(a, ast.Name) and a.id == name]
        return len(given) == 1 and self._method_keeps(bound, given[0], at, strict=False)


def _looked_up(call: ast.AST | None, given: ast.AST) -> bool:
    """`getattr(given, ...)`."""
    return (
        isinstance(call, ast.Call)
        and called_name(call.func) == "getattr"
        and call.args[:1] == [given]
    )
