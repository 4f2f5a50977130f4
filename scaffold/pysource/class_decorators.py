"""Whether what decorates an endpoint class leaves its handlers as the class body wrote them.

A class decorator runs before Django sees the class and may set, wrap or replace any handler
(a `setattr(cls, "get", wrapper)` loop, a subclass of its own): the check compares a class's
handlers only when each of its decorators is proven to keep them (`kept_class.py`): a function
of the tree, a callable instance of a class of the tree (Sentry's silo limits), a factory of
the tree returning such a function, or a function that makes such an instance and applies or
returns it (Sentry's `cell_silo_endpoint`, 2026); or one of the documentation decorators of
drf-spectacular, which only record a schema. Anything else is named as not followed."""

from __future__ import annotations

import ast
from functools import lru_cache

from scaffold.pysource.decorators import parsed
from scaffold.pysource.function_shapes import Function, defined, own_returns
from scaffold.pysource.imports import SUBMODULES, absolute_import, imports_submodules
from scaffold.pysource.kept_class import Judge
from scaffold.pysource.modules import ModuleInfo
from scaffold.pysource.mro import method_order
from scaffold.pysource.scope_names import dotted_of
from scaffold.pysource.star_binding import AFTER_STARS, Scope, bound_in
from scaffold.pysource.tree import Tree
from scaffold.records import record

# outside the tree, known to record and return: drf-spectacular's schema decorators (they mark
# each handler, or wrap an inherited one in a `(*args, **kwargs)` pass-through)
_RECORDING = frozenset(
    {
        "drf_spectacular.utils.extend_schema",
        "drf_spectacular.utils.extend_schema_view",
    }
)
# `method_decorator(x, name=...)` is read as the named method's decorator; met here, its
# method's name is not a literal
_METHOD_DECORATOR = "django.utils.decorators.method_decorator"
_UNSURE = "may set or replace what Django calls"


def class_decorator_unfollowed(tree: Tree, text: str) -> str | None:
    """Why the class decorator `text` (as `ClassInfo.decorators` writes it) may change the
    handlers Django calls, as "which ..."; None when it provably keeps them."""
    if text.startswith("?"):
        return "is not a name the reader can follow"
    called = text.endswith("()")
    dotted = text.removesuffix("()")
    if dotted in _RECORDING:
        return None
    if dotted == _METHOD_DECORATOR:
        return "names the method it wraps by code the reader does not follow"
    found = binding(tree, dotted)
    if found is None:
        return "is defined outside the tree"
    module, node = found
    if isinstance(node, ast.ClassDef):  # `@Limit(...)`: an instance of it decorates
        return None if called and _instance_keeps(tree, f"{module}.{node.name}") else _UNSURE
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        keeps = _function_keeps(node, called) or _applies_kept_instance(tree, module, node)
        return None if keeps else _UNSURE
    if isinstance(node, ast.Call) and not called:  # `region_silo_endpoint = Limit(...)`
        made = _made_keeps(tree, module, node)
        if made is not None:
            return None if made else _UNSURE
    return "is bound by code the reader does not follow"


def _made_keeps(tree: Tree, module: str, call: ast.Call) -> bool | None:
    """Whether the instance `call` (in `module`) makes keeps the class it is given; None when
    what it calls is not a class of the tree."""
    info = tree.info(module)
    made = dotted_of(call.func, info) if info is not None else None
    maker = binding(tree, made) if made is not None else None
    if maker is None or not isinstance(maker[1], ast.ClassDef):
        return None
    return _instance_keeps(tree, f"{maker[0]}.{maker[1].name}")


def _applies_kept_instance(tree: Tree, module: str, function: Function) -> bool:
    """`def f(target=None, *, ...)` whose body makes one instance of a decorator class that
    keeps the class (`gate = Limit(...)`, not given `target`), returns `gate(target)` under
    `if target is not None:` and `gate` after it (Sentry's `cell_silo_endpoint` of 2026):
    `@f` applies the instance, `@f(...)` returns it, and each keeps the handlers."""
    if function.decorator_list or isinstance(function, ast.AsyncFunctionDef):
        return False
    args = function.args
    positional = [*args.posonlyargs, *args.args]
    if len(positional) != 1 or args.vararg is not None or args.kwarg is not None:
        return False
    target = positional[0].arg
    body = [
        each
        for each in function.body
        if not (isinstance(each, ast.Expr) and isinstance(each.value, ast.Constant))
    ]
    if len(body) != 3:
        return False
    made, guard, last = body
    if not (
        isinstance(made, ast.Assign)
        and len(made.targets) == 1
        and isinstance(made.targets[0], ast.Name)
        and isinstance(made.value, ast.Call)
    ):
        return False
    gate = made.targets[0].id
    given = [n.id for n in ast.walk(made.value) if isinstance(n, ast.Name)]
    if target in given or gate in given or _spread(made.value):
        return False
    if not (
        isinstance(guard, ast.If)
        and _given(guard.test, target)
        and not guard.orelse
        and len(guard.body) == 1
        and isinstance(guard.body[0], ast.Return)
        and _applied(guard.body[0].value, gate, target)
        and isinstance(last, ast.Return)
        and _named(last.value, gate)
    ):
        return False
    return bool(_made_keeps(tree, module, made.value))


def _named(expr: ast.expr | None, name: str) -> bool:
    return isinstance(expr, ast.Name) and expr.id == name


def _applied(expr: ast.expr | None, gate: str, target: str) -> bool:
    """`gate(target)`."""
    return (
        isinstance(expr, ast.Call)
        and _named(expr.func, gate)
        and len(expr.args) == 1
        and _named(expr.args[0], target)
        and not expr.keywords
    )


def _spread(call: ast.Call) -> bool:
    return any(isinstance(a, ast.Starred) for a in call.args) or any(
        k.arg is None for k in call.keywords
    )


def _given(test: ast.expr, target: str) -> bool:
    """`target is not None`, or `target`."""
    if isinstance(test, ast.Name):
        return test.id == target
    return (
        isinstance(test, ast.Compare)
        and _named(test.left, target)
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.IsNot)
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value is None
    )


@lru_cache(maxsize=256)
def _function_keeps(function: Function, called: bool) -> bool:
    """`@f`: f keeps its parameter; `@f(...)`: each function f returns, defined in it (and
    bound by nothing else), does. A decorated or `async` f is not followed."""
    if not called:
        return Judge().keeps(function, 0)
    if function.decorator_list or isinstance(function, ast.AsyncFunctionDef):
        return False
    returns = own_returns(function)
    names = [r.value.id if isinstance(r.value, ast.Name) else None for r in returns]
    inner = [defined(function, name) if name is not None else None for name in names]
    judge = Judge()
    return bool(inner) and all(each is not None and judge.keeps(each, 0) for each in inner)


def _instance_keeps(tree: Tree, dotted: str) -> bool:
    """The class's `__call__` (its own or a base's of the tree) keeps what it is given."""

    def defined(each: str) -> str:  # where the class is defined, through imports
        found = binding(tree, each)
        return (
            f"{found[0]}.{found[1].name}" if found and isinstance(found[1], ast.ClassDef) else each
        )

    def bases_of(each: str) -> tuple[str, ...]:
        module, _, name = each.rpartition(".")
        info = tree.info(module)
        found = info.classes.get(name) if info is not None else None
        return tuple(defined(base) for base in found.base_paths) if found is not None else ()

    methods: list[dict[str, Function]] = []
    for each in method_order(dotted, bases_of):
        data = tree.data(each.rpartition(".")[0])
        methods.append(_methods(data, each.rpartition(".")[2]) if data is not None else {})
    call = next((i for i, m in enumerate(methods) if "__call__" in m), None)
    return call is not None and _judged(tuple(tuple(m.items()) for m in methods), call)


@lru_cache(maxsize=64)
def _judged(methods: tuple[tuple[tuple[str, Function], ...], ...], at: int) -> bool:
    found = [dict(each) for each in methods]
    return Judge(found).keeps(found[at]["__call__"], 1, at)


@lru_cache(maxsize=256)
def _methods(data: bytes, name: str) -> dict[str, Function]:
    """The functions the module-level class `name` defines in its body."""
    syntax = parsed(data)
    for node in syntax.body if syntax is not None else ():
        if isinstance(node, ast.ClassDef) and node.name == name:
            functions = (ast.FunctionDef, ast.AsyncFunctionDef)
            return {n.name: n for n in node.body if isinstance(n, functions)}
    return {}


_DEEPEST = 8  # imports, star imports and `x = y` followed
_IMPORTED = ast.Pass()  # bound by an import: `ModuleInfo.imports` says from where
_BY_CODE = ast.Pass()  # bound by a statement the reader does not follow
_BLOCKS = (ast.If, ast.Try, ast.With, ast.AsyncWith, ast.For, ast.AsyncFor, ast.While, ast.Match)
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_UNDER_BLOCK = "?"  # a star import inside a module-level block: whether it runs is not known


def binding(tree: Tree, dotted: str, depth: int = 0) -> tuple[str, ast.AST] | None:
    """(module, what binds the name there: a def, a class, or an assigned value; `pass` for
    anything else) for the module-level name `dotted`, as Python binds it (`star_binding`),
    followed through imports, star imports and `x = y`; None outside the tree. A name also
    bound inside a module-level `if`, `try`, `with` or loop, or one a star import the reader
    cannot judge may bind, is bound by code: which binding runs is not proven."""
    module, _, name = dotted.rpartition(".")
    if not module or depth >= _DEEPEST or tree.data(module) is None:
        return None
    scope = _scope(tree, module)
    read = scope[0] if scope is not None else None
    if not isinstance(read, _Statements) or name in read.nested:  # or it does not parse
        return module, _BY_CODE
    info = read.info
    found = bound_in(lambda star: _scope(tree, star), read, name, {module})
    own = read.own(name)
    if found.unsure is not None or found.dotted is None:
        return module, _BY_CODE
    if own is None or found.dotted != own[0]:  # a star import binds it
        return binding(tree, found.dotted, depth + 1)
    node = read.last.get(name, (0, _BY_CODE))[1]
    if node is _IMPORTED:
        target = info.imports.get(name)
    elif isinstance(node, (ast.Name, ast.Attribute)):  # `x = y`
        target = dotted_of(node, info)
    else:
        return module, node
    return binding(tree, target, depth + 1) if target else (module, _BY_CODE)


@record
class _Statements:
    """A module's top level as the decorator question reads it (`star_binding.Scope`): what
    `ModuleInfo` binds, and the statements themselves."""

    info: ModuleInfo
    last: dict[str, tuple[int, ast.AST]]  # the line and value of the last top-level binding
    nested: frozenset[str]  # bound inside a module-level block
    stars: tuple[tuple[str, int], ...]  # each star import (_UNDER_BLOCK: inside a block)

    @property
    def module(self) -> str:
        return self.info.module

    def own(self, name: str) -> tuple[str, int] | None:
        """`ModuleInfo.own`, at the line of the last top-level statement binding the name
        (`async def` and `del` too); a name also bound inside a block as this module's own
        (which binding runs is not known: `binding` stops there)."""
        if name in self.nested:
            return f"{self.module}.{name}", AFTER_STARS
        found = self.info.own(name)
        line = self.last[name][0] if name in self.last else None
        if found is None:
            return None if line is None else (f"{self.module}.{name}", line)
        return found if line is None else (found[0], max(found[1], line))

    def stars_at(self) -> tuple[tuple[str, int], ...]:
        return self.stars


def _scope(tree: Tree, module: str) -> tuple[Scope, list[str] | None] | None:
    """A module of the tree and its exports; None when the reader cannot read it."""
    data = tree.data(module) if not module.endswith((SUBMODULES, _UNDER_BLOCK)) else None
    source = tree.file_for(module) if data is not None else None
    info = tree.info(module) if source is not None else None
    if data is None or source is None or info is None:
        return None
    package = module if source.is_package else module.rpartition(".")[0]
    return _Statements(info, *_read(data, package)), info.exports


@lru_cache(maxsize=256)
def _read(
    data: bytes, package: str
) -> tuple[dict[str, tuple[int, ast.AST]], frozenset[str], tuple[tuple[str, int], ...]]:
    """The last top-level statement binding each name (its line, and the def, class or value
    it binds: `_IMPORTED`, `_BY_CODE`), the names also bound inside a block, the star imports."""
    last: dict[str, tuple[int, ast.AST]] = {}
    stars: list[tuple[str, int]] = []
    nested: set[str] = set()
    syntax = parsed(data)
    for node in syntax.body if syntax is not None else ():
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            last[node.name] = (node.lineno, node)
        elif isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
            stars.append((absolute_import(package, node.module, node.level), node.lineno))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            last.update({n: (node.lineno, _IMPORTED) for n in _bound_in(node)})
        elif isinstance(node, ast.Expr) and imports_submodules(node.value):
            stars.append((package + SUBMODULES, node.lineno))
        elif isinstance(node, _BLOCKS):
            nested |= _bound_in(node)
            if any(isinstance(n, ast.ImportFrom) and n.names[0].name == "*" for n in _walk(node)):
                stars.append((_UNDER_BLOCK, node.lineno))
        else:  # `x = value`: the value; `x: T = value` too; anything else: by code
            plain = isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None
            targets = (
                node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
            )
            for name in _bound_in(node):
                simple = plain and any(getattr(t, "id", None) == name for t in targets)
                value = getattr(node, "value", None) if simple else None
                last[name] = (node.lineno, value if value is not None else _BY_CODE)
    return last, frozenset(nested), tuple(stars)


def _bound_in(statement: ast.stmt) -> set[str]:
    """The names a statement binds, apart from inside the functions and classes it defines."""
    found: set[str] = set()
    for node in _walk(statement):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.add(node.name)
        elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            found.add(node.id)
        elif isinstance(node, ast.alias) and node.name != "*":
            found.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)) and node.name:
            found.add(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            found.add(node.rest)
    return found


def _walk(statement: ast.AST) -> list[ast.AST]:
    """The statement and what is inside it, not entering the functions and classes it
    defines."""
    found: list[ast.AST] = []
    pending: list[ast.AST] = [statement]
    while pending:
        node = pending.pop()
        found.append(node)
        if not isinstance(node, _SCOPES):
            pending.extend(ast.iter_child_nodes(node))
    return found
