"""What decorates a method, read off the class: `@x`, `@x(...)`, `@method_decorator(x)` or
`method_decorator([x, y])` on the method, and `@method_decorator(x, name="get")` on the class;
and what else decorates the class."""

from __future__ import annotations

import ast

from scaffold.pysource.scope_names import NamesInScope, dotted_of
from scaffold.pysource.top_bindings import unread_path

# why a method `@method_decorator(x, name=...)` wraps and the class does not define is not read
WRAPPED_INHERITED = "an inherited method wrapped by the class's method_decorator"


def decorator_paths(decorators: list[ast.expr], scope: NamesInScope) -> tuple[str, ...]:
    """The dotted paths of what decorates a method: `@x`, `@x(...)`, `@method_decorator(x)`."""
    found = []
    for decorator in decorators:
        targets = [decorator.func if isinstance(decorator, ast.Call) else decorator]
        if (
            isinstance(decorator, ast.Call)
            and isinstance(targets[0], (ast.Name, ast.Attribute))
            and (getattr(targets[0], "id", None) or getattr(targets[0], "attr", None))
            == "method_decorator"
            and decorator.args
        ):  # `method_decorator(x)`, `method_decorator([x, y])`: x's, y's
            given = decorator.args[0]
            inner = given.elts if isinstance(given, (ast.List, ast.Tuple)) else [given]
            targets = [item.func if isinstance(item, ast.Call) else item for item in inner]
        for target in targets:  # the module's def the class sees (`ScopeAt.last_defs`)
            own = isinstance(target, ast.Name) and target.id in getattr(scope, "last_defs", ())
            dotted = f"{scope.module}.{getattr(target, 'id', '')}" if own else None
            dotted = dotted or dotted_of(target, scope)
            if dotted is None and isinstance(target, ast.Name):  # the module's, the class body's
                dotted = unread_path(scope, target.id)
            if dotted is not None:
                found.append(dotted)
    return tuple(found)


def method_named(decorator: ast.expr) -> str | None:
    """`get` of a class decorator `method_decorator(x, name="get")` or `method_decorator(x,
    "get")`; None when the name is not a literal (the class decorator is then not followed)."""
    if not (isinstance(decorator, ast.Call) and decorator.args):
        return None
    called = decorator.func
    if (getattr(called, "id", None) or getattr(called, "attr", None)) != "method_decorator":
        return None
    named = [*decorator.args[1:2], *(k.value for k in decorator.keywords if k.arg == "name")]
    value = named[0].value if len(named) == 1 and isinstance(named[0], ast.Constant) else None
    return value if isinstance(value, str) else None


def class_decorator_texts(decorators: list[ast.expr], scope: NamesInScope) -> tuple[str, ...]:
    """What decorates a class, apart from `method_decorator(x, name=...)` (read as the named
    method's own): each as the dotted path it names, `()` after it when it is called
    (`extend_schema(...)`), or `?` and its text when it names nothing to follow."""
    found = []
    for decorator in decorators:
        if method_named(decorator) is not None:
            continue
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        dotted = dotted_of(target, scope)
        if dotted is None and isinstance(target, ast.Name):
            dotted = unread_path(scope, target.id)  # bound in the module by other code
        if dotted is None:
            found.append(f"?{ast.unparse(decorator)[:60]}")
        else:
            found.append(f"{dotted}()" if isinstance(decorator, ast.Call) else dotted)
    return tuple(found)


# decorators that make the method a descriptor whose attribute is not the function as written:
# a `property` (functools', Django's `cached_property`) gives what its getter returns, so the
# handler Django calls is not the def read here; `classmethod` and `staticmethod` still call it
_DESCRIPTOR_MAKERS = frozenset(
    {"property", "cached_property", "abstractproperty", "classproperty", "singledispatchmethod"}
)


def descriptor_maker(decorators: list[ast.expr]) -> str | None:
    """The name of the first decorator (`@property`, `@functools.cached_property`) that makes
    the method's attribute something else than the function it decorates; None if none does."""
    for decorator in decorators:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = getattr(target, "id", None) or getattr(target, "attr", None)
        if name in _DESCRIPTOR_MAKERS:
            return str(name)
    return None
