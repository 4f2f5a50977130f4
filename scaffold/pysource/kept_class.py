"""Whether a function given a view class (a class decorator, or a method of a decorator's class)
hands Django the handlers the class body wrote, called as Django calls them.

It does when every use of its parameter is one of: a read of an attribute, an attribute set
that Django never calls by name (`cls.silo_limit = self`), a registration (`REGISTRY.append(cls)`,
`by_name[key] = cls`), a builtin that only looks (`isinstance`, `getattr`), `update_wrapper`, a
method of the same decorator class that keeps it in turn, a call handing on `*args, **kwargs`
as they came from a wrapper defined inside; and when every value it returns is the parameter, a
subclass made by `type(name, (cls,), {...})` whose entries Django calls are such wrappers of the
class's own (Sentry's silo limits wrap `dispatch` so), or a wrapper of the parameter itself."""

from __future__ import annotations

import ast
from collections.abc import Sequence

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
from scaffold.pysource.modules import HTTP_METHODS

# a decorator class's methods by name, the class first, then its bases in their order
Methods = Sequence[dict[str, Function]]

_CALLED = frozenset(
    {*HTTP_METHODS, "dispatch", "convert_args", "initial", "as_view", "setup", "http_method_names"}
)
_PLAIN_DUNDERS = frozenset({"__module__", "__doc__", "__name__", "__qualname__"})
_LOOKS = frozenset({"isinstance", "issubclass", "callable", "getattr", "hasattr", "type", "repr"})
_REGISTERS = frozenset({"append", "add", "register", "insert", "setdefault"})
_WRAPS = frozenset({"update_wrapper", "wraps"})
_MOST = 32  # functions judged for one decorator; past it, not proven
_DEEPEST = 8  # names bound to names followed


def called_by_django(name: str) -> bool:
    """Setting `name` on a view class may change what Django's call meets."""
    dunder = name.startswith("__") and name.endswith("__")
    return name in _CALLED or (dunder and name not in _PLAIN_DUNDERS)


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
        for node in ast.walk(function):
            if isinstance(node, ast.arg) and node.arg == name and node is not positional[position]:
                return False  # shadowed inside
            if not self._harmless(node, at):
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

    def _harmless(self, node: ast.AST, at: int) -> bool:
        """No attribute Django calls is set on anything but the decorator itself."""
        if isinstance(node, ast.Attribute) and not isinstance(node.ctx, ast.Load):
            owner = node.value
            own = at >= 0 and isinstance(owner, ast.Name) and owner.id == "self"
            return own or not called_by_django(node.attr)
        if isinstance(node, ast.Call) and called_name(node.func) in ("setattr", "delattr"):
            second = node.args[1] if len(node.args) > 1 else None
            key = second.value if isinstance(second, ast.Constant) else None
            return isinstance(key, str) and not called_by_django(key)
        return True

    def _use(
        self, node: ast.Name, parents: dict[int, ast.AST], function: Function, name: str, at: int
    ) -> bool:
        parent = parents.get(id(node))
        if isinstance(parent, ast.Attribute):
            return True  # a read; a set was judged by _harmless
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
            if called_by_django(key.value) and not self._wraps(
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
        what a kept method made of it; `strict`: to one at least."""
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
        return uses == spread == 2 * handed and (handed > 0 or not strict)

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
