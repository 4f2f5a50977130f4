"""Whether what runs before a handler changes the URL keyword arguments it is called with: a
decorator (Sentry's `has_access` of 2014 pops `team_slug` and `project_id` and passes `team`
and `project` on), so the handler's own signature is not what Django's call meets (a class's
own `dispatch` and hooks: `dispatch_kwargs.py`)."""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from functools import lru_cache

from scaffold.pysource.class_bindings import binding
from scaffold.pysource.function_shapes import own_returns, parsed
from scaffold.pysource.top_bindings import UNREAD_NAME
from scaffold.pysource.tree import Tree

_MUTATORS = frozenset({"pop", "popitem", "update", "setdefault", "clear"})


def changes_arguments(tree: Tree, dotted: str) -> str | None:
    """How the function `dotted` names, used as a handler's decorator, treats the URL keyword
    arguments: "changes" (a function it defines, itself or a wrapper inside it, pops, sets,
    updates or deletes an item of its `**kwargs`), "may change" (no wrapper of it provably
    hands `**kwargs` on as they came: it takes a URL argument by name, adds keywords, rebinds
    or hands the dict to other code, or it is bound by code), or None: it passes them on. A
    decorator outside the tree (Django's, DRF's, the SDK's) is taken as passing them on."""
    found = _decorator_def(tree, dotted)
    if isinstance(found, tuple):
        return _verdict(*found)
    return "may change" if found else None  # `with_x = make_decorator(...)`, a class


def _decorator_def(tree: Tree, dotted: str, depth: int = 0) -> tuple[bytes, str, str | None] | bool:
    """Where the tree defines the function `dotted` names, followed through imports: its
    module's bytes, its name and the class whose body binds it (None: the module's); True when
    the tree binds the name by other code (`with_x = make_decorator(...)`, a class) or in a
    module that does not parse (newer syntax, say); False when it lies outside the tree."""
    module, _, name = dotted.rpartition(".")
    if not module or depth > 8 or dotted.startswith(UNREAD_NAME):  # unread: bound by code
        return dotted.startswith(UNREAD_NAME)
    data = tree.data(module)
    if data is None:  # `module.Class.method`: a function bound in a class body
        outer, _, owner = module.rpartition(".")
        data = tree.data(outer) if outer else None
        if data is not None and parsed(data) is None:
            return True
        return (data, name, owner) if data is not None else False
    if parsed(data) is None:
        return True
    info = tree.info(module)
    if info is not None and name in info.bound_lines:  # a later star import may bind it
        return _star_def(tree, dotted)
    if function_in(data, name, None) is not None:
        return (data, name, None)
    target = info.imports.get(name) if info is not None else None
    if target is not None:
        return _decorator_def(tree, target, depth + 1)
    if info is not None and info.star_imports and info.own(name) is None:
        return _star_def(tree, dotted)
    return info is not None and (name in info.names or name in info.classes)


def _star_def(tree: Tree, dotted: str) -> tuple[bytes, str, str | None] | bool:
    """`_decorator_def` of a name a star import may bind (`class_bindings.binding`)."""
    found = binding(tree, dotted)
    if found is None:
        return False
    module, node = found
    data = tree.data(module)
    if data is not None and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return (data, node.name, None)
    return True


def fixed_wrapper(tree: Tree, dotted: str) -> ast.FunctionDef | None:
    """The wrapper a decorator of the tree returns when it takes fixed parameters, no `*args` or
    `**kwargs` (Sentry's `check_project_access`: `def wrapper(self, request, organization,
    alert_rule)`): Django's call meets its signature, not the handler's. None otherwise."""
    found = _decorator_def(tree, dotted)
    function = function_in(*found) if isinstance(found, tuple) else None
    if not isinstance(function, ast.FunctionDef):
        return None
    inner = {n.name: n for n in function.body if isinstance(n, ast.FunctionDef)}
    returned = [r.value for r in own_returns(function)]
    if len(inner) != 1 or not returned:
        return None
    (wrapper,) = inner.values()
    plain = wrapper.args.vararg is None and wrapper.args.kwarg is None
    gives = all(isinstance(v, ast.Name) and v.id == wrapper.name for v in returned)
    return wrapper if plain and gives and len(wrapper.args.args) >= 2 else None


def function_in(data: bytes, name: str, owner: str | None) -> ast.AST | None:
    """The module-level function `name`, else one in a class body (`owner`'s when given); the
    last of that name, as Python keeps it."""
    syntax = parsed(data)
    if syntax is None:
        return None
    functions = (ast.FunctionDef, ast.AsyncFunctionDef)
    for node in reversed(syntax.body):
        if isinstance(node, functions) and node.name == name and owner is None:
            return node
    for node in syntax.body:
        if isinstance(node, ast.ClassDef) and owner in (None, node.name):
            for inner in reversed(node.body):
                if isinstance(inner, functions) and inner.name == name:
                    return inner
    return None


@lru_cache(maxsize=1024)
def _verdict(data: bytes, name: str, owner: str | None) -> str | None:
    function = function_in(data, name, owner)
    return function_verdict(function) if function is not None else None


def wrapper_verdict(
    call: ast.expr, function: ast.FunctionDef, plain: Callable[[ast.FunctionDef], bool]
) -> str | None:
    """`changes_arguments` of a function of the tree wrapping one view in urls.py
    (`with_org(X.as_view())`, as a handler's decorator); None for any other call, or a plain
    function the helper evaluator follows itself."""
    one = isinstance(call, ast.Call) and len(call.args) == 1 and not call.keywords
    return function_verdict(function) if one and not plain(function) else None


def function_verdict(function: ast.AST) -> str | None:
    """`changes_arguments` of a function read already (a decorator, or a view's wrapper)."""
    if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return "may change"
    inner = [
        node
        for node in ast.walk(function)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
    ]
    if any(changes_kwargs(node) for node in inner):
        return "changes"
    wrappers = [node for node in inner if node.args.kwarg is not None]
    if not wrappers:  # `def register(func): ...; return func`, or a factory of one
        return None if _returns_the_function(inner) else "may change"
    return None if all(_hands_on_as_they_came(w) for w in wrappers) else "may change"


def _returns_the_function(functions: Sequence[ast.AST]) -> bool:
    """Each function returns its own first parameter (the decorated function, as it came) or
    a function defined in it (a factory's decorator), and one returns its parameter."""
    given_back = False
    for function in functions:
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return False
        positional = [*function.args.posonlyargs, *function.args.args]
        first = positional[0].arg if positional else None
        defined = {n.name for n in function.body if isinstance(n, ast.FunctionDef)}
        returns = [r.value for r in own_returns(function)]
        if not returns:
            return False
        for value in returns:
            if not (isinstance(value, ast.Name) and value.id in {first, *defined}):
                return False
            given_back = given_back or value.id == first
    return given_back


_READS = frozenset({"get", "keys", "items", "values", "copy"})


def _positionals_as_they_came(call: ast.Call, args: ast.arguments) -> bool:
    """The call passes the wrapper's own positional parameters (`self, request`, or fewer) and
    its `*args`, nothing else: `func(self, request, extra, *args, **kwargs)` adds one."""
    own = [a.arg for a in [*args.posonlyargs, *args.args]]
    rest = args.vararg.arg if args.vararg is not None else None
    plain = [a for a in call.args if not isinstance(a, ast.Starred)]
    starred = [a.value for a in call.args if isinstance(a, ast.Starred)]
    return (
        len(plain) <= len(own)
        and all(isinstance(a, ast.Name) and a.id in own for a in plain)
        and all(isinstance(v, ast.Name) and v.id == rest for v in starred)
    )


def _hands_on_as_they_came(wrapper: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> bool:
    """`def wrapped(self, request, *args, **kwargs)` taking no URL argument by name, reading
    `kwargs` at most, and handing it on only as `**kwargs`, with no keyword added, at least once."""
    args = wrapper.args
    assert args.kwarg is not None
    kwargs = args.kwarg.arg
    if len(args.posonlyargs) + len(args.args) > 2 or args.kwonlyargs:
        return False
    allowed: set[int] = set()  # the uses of the name that read it, or hand it on
    handed = False
    for node in ast.walk(wrapper):
        if isinstance(node, ast.Call):
            spread = [k for k in node.keywords if k.arg is None]
            if any(isinstance(k.value, ast.Name) and k.value.id == kwargs for k in spread):
                if len(node.keywords) > 1 or not _positionals_as_they_came(node, args):
                    return False  # `func(..., widget=w, **kwargs)`: one added (or a positional)
                allowed.add(id(node.keywords[0].value))
                handed = True
        elif (
            isinstance(node, ast.Attribute)
            and node.attr in _READS
            or isinstance(node, ast.Subscript)
            and isinstance(node.ctx, ast.Load)
        ):
            allowed.add(id(node.value))
        elif isinstance(node, ast.Compare) and any(
            isinstance(o, (ast.In, ast.NotIn)) for o in node.ops
        ):
            allowed.update(id(c) for c in node.comparators)
    uses = [n for n in ast.walk(wrapper) if isinstance(n, ast.Name) and n.id == kwargs]
    return handed and all(isinstance(n.ctx, ast.Load) and id(n) in allowed for n in uses)


def changes_kwargs(function: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> bool:
    """`function` pops, sets, updates or deletes an item of its own `**kwargs`."""
    kwargs = function.args.kwarg.arg if function.args.kwarg is not None else None
    if kwargs is None:
        return False
    body = function.body if isinstance(function.body, list) else [function.body]

    def is_kwargs(node: ast.expr) -> bool:
        return isinstance(node, ast.Name) and node.id == kwargs

    return any(mutates(stmt, is_kwargs) for stmt in body)


def mutates(tree: ast.AST, is_dict: Callable[[ast.expr], bool]) -> bool:
    """`tree` pops, sets, updates or deletes an item of the dict `is_dict` recognises:
    `d.pop(...)` (any of _MUTATORS), `d[k] = ...`, `d[k] += ...`, `del d[k]`."""
    for node in ast.walk(tree):
        called = node.func if isinstance(node, ast.Call) else None
        if isinstance(called, ast.Attribute) and called.attr in _MUTATORS and is_dict(called.value):
            return True
        targets: list[ast.expr] = []
        if isinstance(node, (ast.Assign, ast.Delete)):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        if any(isinstance(t, ast.Subscript) and is_dict(t.value) for t in targets):
            return True
    return False
