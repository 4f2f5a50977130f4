"""Walk the routing tree from the API urls.py: lists, includes, spreads, function-built lists."""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field

from scaffold.pysource.imports import read_imports
from scaffold.pysource.routes import (
    bind,
    call_name,
    groups_of,
    is_patterns_call,
    name_of,
    pattern_regex,
    returned_list,
    route_call,
    view_parts,
)
from scaffold.pysource.tree import Tree
from scaffold.pysource.unresolved import Unresolved


@dataclass(frozen=True)
class View:
    """What a route serves: `X.as_view()` or `alias.X.as_view()`."""

    text: str  # as written, without `.as_view()`
    dotted: str | None  # resolved through the module's imports; None when the head is unbound


@dataclass(frozen=True)
class RouteEntry:
    """One `re_path`/`url`/`path` entry, as reached from the root with its include prefixes."""

    relpath: str
    line: int
    end_line: int
    regex: str | None  # the pattern as a regex (path() routes converted); None if not literal
    groups: tuple[str, ...]  # named groups of the prefixes above and of this pattern
    list_key: str  # the list it sits in (entries of one list shadow each other in order)
    view: View | None  # None for an include
    name: str | None
    is_include: bool = False
    # the patterns of the includes above, outermost first (None: not a literal): Django matches
    # each as a prefix of the path and hands the rest on, so the full path is their concatenation
    prefixes: tuple[str | None, ...] = ()


@dataclass
class _Module:
    module: str
    relpath: str
    tree: ast.Module
    imports: dict[str, str]
    lists: dict[str, list[ast.expr]] = field(default_factory=dict)
    functions: dict[str, ast.FunctionDef] = field(default_factory=dict)
    defined: set[str] = field(default_factory=set)


class RoutingReader:
    """Reads URL modules of the tree on demand and flattens the routes reachable from a root."""

    def __init__(self, tree: Tree, cut: Callable[[bytes], bytes] | None = None):
        self.tree = tree
        self.cut = cut  # applied to each module's bytes before parsing (check's PATHS mode)
        self.routes: list[RouteEntry] = []
        self.modules: dict[str, _Module | None] = {}
        self.unresolved: list[Unresolved] = []  # route entries the walk could not follow
        self._prefixes: tuple[str | None, ...] = ()  # include patterns above the current list

    def walk_root(self, module: str) -> None:
        """Every route reachable from `module.urlpatterns`, includes first-class entries too."""
        self.routes = []
        self.unresolved = []
        parsed = self._module(module)
        if parsed is not None and "urlpatterns" in parsed.lists:
            self._walk(parsed, parsed.lists["urlpatterns"], (), f"{module}:urlpatterns", {}, ())

    def _module(self, module: str) -> _Module | None:
        if module in self.modules:
            return self.modules[module]
        data = self.tree.data(module)
        source = self.tree.file_for(module) if data is not None else None
        if data is not None and self.cut is not None:
            data = self.cut(data)
        parsed = None
        if data is not None and source is not None:
            try:
                syntax = ast.parse(data)
            except (SyntaxError, ValueError):
                syntax = None
            if syntax is not None:
                package = module if source.is_package else module.rpartition(".")[0]
                imports, _ = read_imports(syntax, package)
                parsed = _Module(module, source.relpath, syntax, imports)
                _collect(parsed)
        self.modules[module] = parsed
        return parsed

    def _walk(
        self,
        module: _Module,
        items: list[ast.expr],
        groups: tuple[str, ...],
        list_key: str,
        bindings: dict[str, str],
        stack: tuple[str, ...],
    ) -> None:
        if list_key in stack or len(stack) > 12:
            return
        stack = (*stack, list_key)
        for item in items:
            if isinstance(item, ast.Starred):
                found = self._named_list(module, item.value)
                if found is not None:
                    owner, values = found
                    self._walk(owner, values, groups, list_key, bindings, stack[:-1])
                continue
            call = route_call(item)
            if call is None:
                continue
            target = call.args[1]
            regex = pattern_regex(call, bindings)
            own_groups = tuple(groups_of(regex)) if regex is not None else ()
            name = name_of(call, bindings)
            line, end = call.lineno, call.end_lineno or call.lineno
            if call_name(target) == "include":
                entry = RouteEntry(
                    module.relpath,
                    line,
                    end,
                    regex,
                    groups,
                    list_key,
                    None,
                    name,
                    True,
                    self._prefixes,
                )
                self.routes.append(entry)
                outer = self._prefixes
                self._prefixes = (*outer, regex)
                try:
                    self._include(module, target, (*groups, *own_groups), bindings, stack, line)
                finally:
                    self._prefixes = outer
                continue
            view = _view_of(target, module)
            entry = RouteEntry(
                module.relpath,
                line,
                end,
                regex,
                (*groups, *own_groups),
                list_key,
                view,
                name,
                prefixes=self._prefixes,
            )
            self.routes.append(entry)

    def _include(
        self,
        module: _Module,
        call: ast.expr,
        groups: tuple[str, ...],
        bindings: dict[str, str],
        stack: tuple[str, ...],
        line: int,
    ) -> None:
        args = getattr(call, "args", [])
        target = args[0] if args else None
        if isinstance(target, ast.Tuple) and target.elts:
            target = target.elts[0]
        key = f"{module.module}:{line}"
        if isinstance(target, ast.List):
            self._walk(module, target.elts, groups, key, bindings, stack)
        elif isinstance(target, ast.Constant) and isinstance(target.value, str):
            included = self._module(target.value)
            if included is not None and "urlpatterns" in included.lists:
                patterns = included.lists["urlpatterns"]
                self._walk(included, patterns, groups, f"{target.value}:urlpatterns", {}, stack)
        elif isinstance(target, ast.Call) and isinstance(target.func, ast.Name):
            function = module.functions.get(target.func.id)
            returned = returned_list(function) if function else None
            if function is not None and returned is not None:
                bound = bind(function, target, bindings)
                self._walk(module, returned, groups, f"{key}:{function.name}", bound, stack)
        elif target is not None:
            found = self._named_list(module, target)
            if found is not None:
                owner, values = found
                name = ast.unparse(target)
                self._walk(owner, values, groups, f"{key}:{owner.module}.{name}", {}, stack)

    def _named_list(self, module: _Module, expr: ast.expr) -> tuple[_Module, list[ast.expr]] | None:
        """`LIST` of this module or `mod.LIST` / an imported `LIST` of another module."""
        if isinstance(expr, ast.Name):
            if expr.id in module.lists:
                return module, module.lists[expr.id]
            dotted = module.imports.get(expr.id)
        elif isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
            head = module.imports.get(expr.value.id)
            dotted = f"{head}.{expr.attr}" if head else None
        else:
            return None
        if dotted is None:
            return None
        other_name, _, list_name = dotted.rpartition(".")
        other = self._module(other_name)
        if other is None or list_name not in other.lists:
            return None
        return other, other.lists[list_name]


def _collect(module: _Module) -> None:
    """Module-level route lists (`X = [...]`, `X: T = [...]`, `patterns('', ...)`, `X += ...`),
    list-returning functions and other bound names."""
    for stmt in module.tree.body:
        if isinstance(stmt, ast.FunctionDef):
            module.functions[stmt.name] = stmt
            module.defined.add(stmt.name)
            continue
        if isinstance(stmt, ast.ClassDef):
            module.defined.add(stmt.name)
            continue
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target, value, extend = stmt.targets[0], stmt.value, False
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            target, value, extend = stmt.target, stmt.value, False
        elif isinstance(stmt, ast.AugAssign) and isinstance(stmt.op, ast.Add):
            target, value, extend = stmt.target, stmt.value, True
        else:
            continue
        if not isinstance(target, ast.Name):
            continue
        module.defined.add(target.id)
        items = _list_items(value, module)
        if items is not None:
            module.lists[target.id] = (module.lists.get(target.id, []) if extend else []) + items


def _list_items(value: ast.expr, module: _Module) -> list[ast.expr] | None:
    if isinstance(value, ast.List):
        return list(value.elts)
    if is_patterns_call(value):
        return list(value.args[1:])
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add):
        left, right = _list_items(value.left, module), _list_items(value.right, module)
        if left is not None and right is not None:
            return left + right
    if isinstance(value, ast.Name) and value.id in module.lists:
        return list(module.lists[value.id])
    return None


def _view_of(target: ast.expr, module: _Module) -> View | None:
    """`X.as_view(...)` -> View of X (resolved through the module's imports)."""
    found = view_parts(target)
    if found is None:
        return None
    head, *parts = found
    text = ".".join(found)
    if head in module.imports:
        return View(text, ".".join([module.imports[head], *parts]))
    if head in module.defined:
        return View(text, ".".join([module.module, head, *parts]))
    return View(text, None)


def as_view_references(data: bytes, module: str, is_package: bool) -> list[str]:
    """Dotted paths of every `X.as_view(` in a module (for URL modules outside the walked tree)."""
    try:
        syntax = ast.parse(data)
    except (SyntaxError, ValueError):
        return []
    package = module if is_package else module.rpartition(".")[0]
    imports, _ = read_imports(syntax, package)
    parsed = _Module(module, "", syntax, imports)
    _collect(parsed)
    found = []
    for node in ast.walk(syntax):
        view = _view_of(node, parsed) if isinstance(node, ast.Call) else None
        if view is not None and view.dotted:
            found.append(view.dotted)
    return found
