"""A URL module as the route walk keeps it: imports, route lists, functions, string constants."""

from __future__ import annotations

import ast
from collections.abc import Callable

from scaffold.pysource.bound_views import bound_views
from scaffold.pysource.imports import branch_imports, lines_before_stars, read_imports_at
from scaffold.pysource.routes import view_parts
from scaffold.pysource.star_binding import AFTER_STARS
from scaffold.pysource.top_bindings import top_bindings
from scaffold.pysource.urllists import (
    BLOCKS,
    changed_by_call,
    changed_in_block,
    changed_in_place,
    extend,
    held_by_name,
    rebind,
    used,
)
from scaffold.pysource.urluses import module_uses
from scaffold.records import field, record


@record
class View:
    """What a route serves: `X.as_view()` or `alias.X.as_view()`."""

    text: str  # as written, without `.as_view()`
    dotted: str | None  # resolved through the module's imports; None when the head is unbound
    methods: tuple[str, ...] | None = None  # the methods that reach it (Ref.methods); None: all


@record(frozen=False)
class UrlModule:
    """One parsed module: its imports (local name -> dotted path) and module-level bindings."""

    module: str
    relpath: str
    tree: ast.Module
    imports: dict[str, str]
    lists: dict[str, list[ast.expr]] = field(default_factory=dict)
    functions: dict[str, ast.FunctionDef] = field(default_factory=dict)
    defined: set[str] = field(default_factory=set)
    strings: dict[str, str] = field(default_factory=dict)  # NAME = "literal"
    stars: list[str] = field(default_factory=list)  # modules `from X import *` names
    branches: dict[str, tuple[str, ...]] = field(default_factory=dict)  # `branch_imports`
    # a route list changed by code the reader does not follow (`urllists.py`): (line, why),
    # and every entry it may hold (for what only asks which classes may be routed)
    unsure: dict[str, tuple[int, str]] = field(default_factory=dict)
    maybe: dict[str, list[ast.expr]] = field(default_factory=dict)
    # names no binding makes known again (used by code run later, or held by an `include` and
    # rebound since; "*": every name): (line, why); `include(X)`/`*X` names and their first line
    pinned: dict[str, tuple[int, str]] = field(default_factory=dict)
    held: dict[str, int] = field(default_factory=dict)
    starred: tuple[int, str] | None = None  # the first module-level star import: line, module
    star_lines: list[int] = field(default_factory=list)  # of each star import
    # name -> the line of its last binding, for the names a later star import may rebind
    bound_lines: dict[str, int] = field(default_factory=dict)
    # name -> each module-level statement binding it (star imports apart): its line, and
    # what it binds the name to (an import's target, else the module's own name)
    bindings: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    views: dict[str, tuple[int, ast.Call]] = field(default_factory=dict)  # `bound_views`

    def own(self, name: str) -> tuple[str, int] | None:
        """What the module's own statements bind `name` to (`star_binding.Scope`)."""
        dotted = self.dotted(name)
        return None if dotted is None else (dotted, self.bound_lines.get(name, AFTER_STARS))

    def stars_at(self) -> list[tuple[str, int]]:
        return list(zip(self.stars, self.star_lines, strict=True))

    def dotted(self, text: str) -> str | None:
        """The dotted path a name (`X`, `alias.X`) written in this module stands for."""
        head, _, rest = text.partition(".")
        tail = f".{rest}" if rest else ""
        if head in self.imports:
            return self.imports[head] + tail
        if head in self.defined:
            return f"{self.module}.{head}{tail}"
        return None


def parse_url_module(data: bytes, module: str, relpath: str, is_package: bool) -> UrlModule | None:
    """The module read for the route walk (None when it does not parse)."""
    try:
        syntax = ast.parse(data)
    except (SyntaxError, ValueError):
        return None
    package = module if is_package else module.rpartition(".")[0]
    imports, stars, star_lines = read_imports_at(syntax, package)
    parsed = UrlModule(module, relpath, syntax, imports, stars=stars, star_lines=star_lines)
    parsed.bound_lines = lines_before_stars(syntax, star_lines)
    for name, found in top_bindings(syntax, package, walrus=b":=" in data).items():
        parsed.bindings[name] = [(b.line, b.dotted or f"{module}.{name}") for b in found]
    parsed.branches = branch_imports(syntax, package)
    for stmt, uses in zip(syntax.body, module_uses(syntax, package), strict=True):
        held_by_name(parsed, uses)
        _collect(parsed, stmt)
        used(parsed, stmt, uses)
    if b"as_view" in data:
        parsed.views = bound_views(syntax, star_lines)
    return parsed


def _collect(module: UrlModule, stmt: ast.stmt) -> None:
    """One module-level statement: route lists (`urllists.py`: how each comes to hold what it
    holds), functions, string constants and other bound names."""
    if isinstance(stmt, ast.FunctionDef):
        module.functions[stmt.name] = stmt
        module.defined.add(stmt.name)
        return
    if isinstance(stmt, ast.ClassDef):
        module.defined.add(stmt.name)
        return
    if isinstance(stmt, BLOCKS):
        changed_in_block(module, stmt)
        return
    changed_in_place(module, stmt)
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        changed_by_call(module, stmt.value, stmt.lineno)
    if isinstance(stmt, ast.Assign):  # `A = B = X`, `A, B = X, Y`: each name its value
        pairs = [pair for target in stmt.targets for pair in _unpacked(target, stmt.value)]
    elif isinstance(stmt, ast.AnnAssign | ast.AugAssign) and _binding(stmt):
        pairs = [(stmt.target, stmt.value)]  # type: ignore[list-item]
    else:
        return
    for target, value in pairs:
        _bind(module, target, value, stmt)


def _binding(stmt: ast.AnnAssign | ast.AugAssign) -> bool:
    """`X: T = value` or `X += value`: what binds or extends a list."""
    if isinstance(stmt, ast.AugAssign):
        return isinstance(stmt.op, ast.Add)
    return stmt.value is not None


def _unpacked(target: ast.expr, value: ast.expr) -> list[tuple[ast.expr, ast.expr]]:
    """(name, value) pairs of an assignment: `A, B = X, Y` pairs them; a target unpacking
    what is not written out binds its names to a value not read (`_UNREAD`)."""
    if not isinstance(target, (ast.Tuple, ast.List)):
        return [(target, value)]
    if isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(target.elts):
        return [p for t, v in zip(target.elts, value.elts, strict=True) for p in _unpacked(t, v)]
    return [(name, _UNREAD) for name in ast.walk(target) if isinstance(name, ast.Name)]


_UNREAD = ast.Call(ast.Name("unread", ast.Load()), [], [])  # a value the reader does not follow


def _bind(module: UrlModule, target: ast.expr, value: ast.expr, stmt: ast.stmt) -> None:
    """`target = value` (`+=` when `stmt` is one) at module level."""
    if not isinstance(target, ast.Name):
        return
    extending = isinstance(stmt, ast.AugAssign)
    if extending:
        extend(module, target.id, value, stmt)
    module.defined.add(target.id)
    module.strings.pop(target.id, None)
    aliased = module.dotted(ast.unparse(value)) if _is_reference(value) else None
    if aliased is not None and not extending:  # `CurrentStats = StatsV2Endpoint`
        module.imports[target.id] = aliased
    else:
        module.imports.pop(target.id, None)
    if isinstance(value, ast.Constant) and isinstance(value.value, str) and not extending:
        module.strings[target.id] = value.value
    if not extending:
        rebind(module, target.id, value, stmt)


def _is_reference(value: ast.expr) -> bool:
    """A name or `a.b.C`: what another name for a class looks like."""
    while isinstance(value, ast.Attribute):
        value = value.value
    return isinstance(value, ast.Name)


def view_of(target: ast.expr, module: UrlModule) -> View | None:
    """`X.as_view(...)` -> View of X (resolved through the module's imports)."""
    found = view_parts(target)
    if found is None:
        return None
    text = ".".join(found)
    return View(text, module.dotted(text))


def named_in(call: ast.Call, module: UrlModule) -> set[str]:
    """Every class a call names (`X.as_view()`, a class passed as an argument, `getattr(mod,
    "X")`), resolved through the module: more than the classes it routes, never fewer."""
    found = set()
    for arg in [*call.args, *(k.value for k in call.keywords)]:
        for node in ast.walk(arg):
            text = ast.unparse(node) if isinstance(node, (ast.Name, ast.Attribute)) else None
            if isinstance(node, ast.Call) and ast.unparse(node.func) == "getattr":
                named = node.args[1:2]
                attribute = named[0].value if named and isinstance(named[0], ast.Constant) else None
                if isinstance(attribute, str):
                    text = f"{ast.unparse(node.args[0])}.{attribute}"
            dotted = module.dotted(text) if text else None
            if dotted is not None:  # `b_view = BView.as_view` names BView too
                found |= {dotted, dotted.removesuffix(".as_view")}
            if isinstance(node, ast.Name) and node.id not in module.imports:
                found |= _named_by_binding(module, node.id)
    return found


def _named_by_binding(module: UrlModule, name: str) -> set[str]:
    """The classes what a module binds to `name` names (`VIEWS = {"s": StatsEndpoint}`, a
    class holding `s = StatsEndpoint`): a route reaching it through `VIEWS["s"]` serves one."""
    found = set()
    for stmt in module.tree.body:
        bound = (
            [t for target in stmt.targets for t in ast.walk(target)]
            if isinstance(stmt, ast.Assign)
            else [stmt.target] if isinstance(stmt, ast.AnnAssign) else []
        )
        if (
            isinstance(stmt, ast.ClassDef)
            and stmt.name == name
            or any(isinstance(t, ast.Name) and t.id == name for t in bound)
        ):
            for node in ast.walk(stmt):
                text = ast.unparse(node) if isinstance(node, (ast.Name, ast.Attribute)) else None
                head, _, rest = text.partition(".") if text else ("", "", "")
                dotted = module.dotted(text) if text and head != name else None
                found |= {dotted} if dotted is not None else set()
                # what an earlier binding of the head named (`X` imported, then rebound)
                tail = f".{rest}" if rest else ""
                found |= (
                    {f"{d}{tail}" for _, d in module.bindings.get(head, [])} if dotted else set()
                )
    return found


def module_members(parsed: UrlModule, in_tree: Callable[[str], bool]) -> set[str]:
    """Dotted paths of every `mod.Name` a module writes where `mod` is a module of the tree it
    imports (`from .endpoints import teams`, then `teams.TeamListEndpoint`): what a urlconf
    built by code may route besides the names it imports."""
    found, modules = set(), {}
    for node in ast.walk(parsed.tree):
        text = ast.unparse(node) if isinstance(node, ast.Attribute) and _is_reference(node) else ""
        dotted = parsed.dotted(text) if text.partition(".")[0] in parsed.imports else None
        owner = dotted.rpartition(".")[0] if dotted else ""
        if owner and owner not in modules:
            modules[owner] = in_tree(owner)
        if dotted and modules.get(owner):
            found.add(dotted)
    return found


def as_view_references(data: bytes, module: str, is_package: bool) -> list[str]:
    """Dotted paths of every `X.as_view(` in a module (for URL modules outside the walked tree)."""
    parsed = parse_url_module(data, module, "", is_package)
    return [] if parsed is None else as_view_references_in(parsed)


def as_view_references_in(parsed: UrlModule) -> list[str]:
    """`as_view_references` of a module parsed already."""
    found = []
    for node in ast.walk(parsed.tree):
        view = view_of(node, parsed) if isinstance(node, ast.Call) else None
        if view is not None and view.dotted:
            found.append(view.dotted)
    return found
