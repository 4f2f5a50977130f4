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

from scaffold.pysource.class_bindings import binding
from scaffold.pysource.function_shapes import Function, defined, own_returns, parsed
from scaffold.pysource.kept_class import Judge
from scaffold.pysource.mro import method_order
from scaffold.pysource.scope_names import dotted_of
from scaffold.pysource.tree import Tree

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
