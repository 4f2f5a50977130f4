"""Every place a URL module names a module-level name, in one pass over its syntax, sorted by
what the route list reader (`urllists.py`) can make of it. Followed: a module-level binding
(`X = ...`, `X += ...`), `X.append/extend/insert(...)` as a statement, `X` read by `+`, by
`Y += X` or `Y.extend(X)`. Held by name (`lazy`): `include(X)` and `*X` in a written list, which
keep the list object as it is when they run (a later rebinding of `X` is not what they hold).
Anything else may change the list or rebind it where the reader does not look: an `escape`
at that line; in a function, lambda or generator (run when called: at any later time) a
`sticky` one, but for `include(X)` there, which holds X as it is when it runs, as a rebinding
after it shows; `globals()`, `vars()`, `sys.modules`, `setattr`, `__dict__` reach every name
(`dynamic`); a star import may bind any name (`star`)."""

from __future__ import annotations

import ast
from collections.abc import Sequence

from scaffold.pysource.imports import absolute_import
from scaffold.pysource.routes import call_name, is_patterns_call

# (name, line, kind, what): kind is one of "lazy", "escape", "sticky", "dynamic", "star";
# `what` says how it is used (a phrase), or for "star" the module star-imported
Use = tuple[str, int, str, str]

_METHODS = ("append", "extend", "insert")
_DYNAMIC_NAMES = frozenset(
    {"globals", "vars", "locals", "setattr", "delattr", "exec", "eval", "__import__"}
    | {"import_module"}
)
_DYNAMIC_ATTRIBUTES = frozenset({"__dict__", "f_globals", "import_module"})
_HOW = {ast.Load: "used", ast.Store: "rebound", ast.Del: "deleted"}


def module_uses(tree: ast.Module, package: str) -> list[list[Use]]:
    """For each statement of the module body, the uses it makes (relative imports are seen from
    `package`)."""
    reader = _Reader(package)
    found = []
    for stmt in tree.body:
        reader.uses = []
        reader.statement(stmt)
        found.append(reader.uses)
    return found


class _Scope:
    """A function, lambda, comprehension or class body: what it binds itself (a function's
    own names hide the module's), and the uses of names it does not bind."""

    def __init__(self, deferred: bool, function: bool, bound: set[str]):
        self.deferred, self.function = deferred, function
        self.bound = bound
        self.declared: set[str] = set()  # `global X` names
        self.uses: list[Use] = []


class _Reader:
    def __init__(self, package: str) -> None:
        self.package = package
        self.held: set[int] = set()  # the names `lazy` uses are made of: not visited again
        self.uses: list[Use] = []
        self.scopes: list[_Scope] = []

    def use(self, name: str, line: int, kind: str, what: str) -> None:
        (self.scopes[-1].uses if self.scopes else self.uses).append((name, line, kind, what))

    def statement(self, stmt: ast.stmt) -> None:
        """A statement at module level (also in a module-level block)."""
        if self.scopes:
            return self.visit(stmt)
        if isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            for target in targets:
                self.target(target, augmented=isinstance(stmt, ast.AugAssign))
            read = isinstance(stmt, ast.AugAssign) and isinstance(stmt.value, ast.Name)
            for part in [] if read else [stmt.value, getattr(stmt, "annotation", None)]:
                self.visit(part)
        elif isinstance(stmt, ast.Expr) and (call := _followed_call(stmt.value)) is not None:
            read = call.func.attr == "extend" and len(call.args) == 1  # type: ignore[attr-defined]
            for part in [] if read and isinstance(call.args[0], ast.Name) else call.args:
                self.visit(part)
            for keyword in call.keywords:
                self.visit(keyword.value)
        elif isinstance(stmt, ast.ImportFrom) and any(a.name == "*" for a in stmt.names):
            source = absolute_import(self.package, stmt.module, stmt.level)
            self.use("*", stmt.lineno, "star", source)
        else:
            self.visit(stmt)
        return None

    def target(self, target: ast.expr, augmented: bool) -> None:
        """An assignment target: a name (or names unpacked) is followed, anything else not."""
        if isinstance(target, ast.Name):
            return None
        if not augmented and isinstance(target, (ast.Tuple, ast.List, ast.Starred)):
            parts = target.elts if not isinstance(target, ast.Starred) else [target.value]
            for part in parts:
                self.target(part, augmented)
            return None
        return self.visit(target)

    def visit(self, node: ast.AST | None) -> None:
        if node is None or id(node) in self.held:
            return
        scope = self.scopes[-1] if self.scopes else None
        if isinstance(node, ast.Name):
            self._name(node, scope)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            self._definition(node, scope)
        elif isinstance(node, ast.Lambda):
            self._arguments(node.args)
            self._nested(_Scope(True, True, parameter_names(node.args)), [node.body])
        elif isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            targets = [n for g in node.generators for n in ast.walk(g.target)]
            bound = {n.id for n in targets if isinstance(n, ast.Name)}
            parts = [*node.generators, *[getattr(node, f, None) for f in ("elt", "key", "value")]]
            deferred = isinstance(node, ast.GeneratorExp)
            self._nested(_Scope(deferred, False, bound), [p for p in parts if p is not None])
        elif isinstance(node, (ast.Global, ast.Nonlocal)) and scope is not None:
            scope.declared |= set(node.names) if isinstance(node, ast.Global) else set()
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                self._bind(alias.asname or alias.name.split(".")[0], node.lineno, scope)
        elif isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar, ast.MatchMapping)):
            bound_name = getattr(node, "name", None) or getattr(node, "rest", None)
            if bound_name:
                self._bind(bound_name, node.lineno, scope)
            self._children(node)
        elif isinstance(node, ast.Attribute) and _dynamic_attribute(node):
            self.use("*", node.lineno, "dynamic", f"`{ast.unparse(node)}`")
            self.visit(node.value)
        elif isinstance(node, ast.Call) and (held := _held(node)):
            for name in held:
                self.use(name.id, name.lineno, "lazy", "included")
                self.held.add(id(name))
            self._children(node)
        elif isinstance(node, ast.List):
            for element in node.elts:
                spread = element.value if isinstance(element, ast.Starred) else None
                if isinstance(spread, ast.Name):
                    self.use(spread.id, element.lineno, "lazy", "spread")
                else:
                    self.visit(element)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            for side in (node.left, node.right):  # `X + [...]` reads X into a new list
                None if _named(side) else self.visit(side)
        else:
            self._children(node)

    def _children(self, node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            self.statement(child) if isinstance(child, ast.stmt) else self.visit(child)

    def _name(self, node: ast.Name, scope: _Scope | None) -> None:
        if node.id in _DYNAMIC_NAMES:
            self.use("*", node.lineno, "dynamic", f"`{node.id}`")
        stored = not isinstance(node.ctx, ast.Load)
        if stored and scope is not None and scope.function and node.id not in scope.declared:
            scope.bound.add(node.id)
        self.use(node.id, node.lineno, "escape", _HOW[type(node.ctx)])

    def _bind(self, name: str, line: int, scope: _Scope | None) -> None:
        """A name bound by a statement the reader does not follow (in a function: its own)."""
        if scope is None:
            self.use(name, line, "escape", "rebound")
        elif scope.function and name not in scope.declared:
            scope.bound.add(name)
        else:
            self.use(name, line, "escape", "rebound")

    def _definition(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, scope: _Scope | None
    ) -> None:
        self._bind(node.name, node.lineno, scope)
        for decorator in node.decorator_list:
            self.visit(decorator)
        if isinstance(node, ast.ClassDef):
            for base in [*node.bases, *(k.value for k in node.keywords)]:
                self.visit(base)
            return self._nested(_Scope(False, False, set()), node.body)
        self._arguments(node.args)
        self.visit(node.returns)
        return self._nested(_Scope(True, True, parameter_names(node.args)), node.body)

    def _arguments(self, arguments: ast.arguments) -> None:
        """Defaults and annotations: evaluated where the function is defined."""
        annotations = [a.annotation for a in _every(arguments)]
        for part in [*arguments.defaults, *arguments.kw_defaults, *annotations]:
            self.visit(part)

    def _nested(self, scope: _Scope, body: Sequence[ast.AST]) -> None:
        """Visit a nested scope; the uses of names it does not bind itself go up, run later
        (`sticky`) when it or a scope around it is."""
        self.scopes.append(scope)
        for node in body:
            self.visit(node)
        self.scopes.pop()
        own = scope.bound - scope.declared
        for name, line, kind, what in scope.uses:
            if name in own and kind != "dynamic":
                continue
            # `include(X)` run later holds X as it is then: a rebinding after it pins X
            held = kind == "lazy" and what == "included"
            later = scope.deferred and kind in ("escape", "lazy") and not held
            self.use(name, line, "sticky" if later else kind, what)


def _followed_call(value: ast.expr) -> ast.Call | None:
    """`X.append(...)`, `X.extend(...)`, `X.insert(...)`."""
    followed = (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr in _METHODS
        and _named(value.func.value)
    )
    return value if followed else None  # type: ignore[return-value]


def _held(call: ast.Call) -> list[ast.Name]:
    """The names `include(X)`, `include((X, "app"))` or `patterns("", *X)` hold."""
    if call_name(call) == "include" and call.args:
        first = call.args[0]
        first = first.elts[0] if isinstance(first, ast.Tuple) and first.elts else first
        return [first] if isinstance(first, ast.Name) else []
    if is_patterns_call(call):
        spread = [a.value for a in call.args if isinstance(a, ast.Starred)]
        return [name for name in spread if isinstance(name, ast.Name)]
    return []


def _dynamic_attribute(node: ast.Attribute) -> bool:
    """`x.__dict__`, `sys.modules`, `frame.f_globals`, `importlib.import_module`."""
    return node.attr in _DYNAMIC_ATTRIBUTES or (
        node.attr == "modules" and isinstance(node.value, ast.Name) and node.value.id == "sys"
    )


def _named(node: ast.AST) -> bool:
    return isinstance(node, ast.Name)


def _every(arguments: ast.arguments) -> list[ast.arg]:
    every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    return every + [a for a in (arguments.vararg, arguments.kwarg) if a is not None]


def parameter_names(arguments: ast.arguments) -> set[str]:
    """Every name a function's parameters bind (`*args` and `**kwargs` too)."""
    return {a.arg for a in _every(arguments)}
