"""Whether an endpoint base refuses every request: the first class of its MRO that sets
`permission_classes` lists one whose `has_permission` is a bare `return False`. Sentry's root
`Endpoint` holds `(NoPermission,)`, so an endpoint on it alone must say who may call it; a stub
generated without that answers 403 to everyone and its own test fails."""

from __future__ import annotations

import ast

from scaffold.pysource.classes import EndpointClass, Resolver
from scaffold.pysource.modules import ModuleInfo

_ABSENT = object()  # the class does not set the attribute


def refusing_permission(resolver: Resolver, endpoint: EndpointClass) -> str | None:
    """The dotted path of the permission class that refuses every request, or None (none
    does, or what the classes set cannot be read)."""
    for dotted, info in endpoint.ancestry:
        module = endpoint.modules.get(dotted)
        if info is None or module is None:
            return None  # a class outside the tree: cannot tell
        names = _class_attribute(resolver, module, info.name, "permission_classes")
        if names is _ABSENT:
            continue
        if not isinstance(names, list):
            return None
        for name in names:
            found = resolver.resolve(_dotted(module, name))
            if found is not None and _always_false(resolver, found[1], found[2].name):
                return found[0]
        return None
    return None


def permissions_beside(resolver: Resolver, dotted: str) -> list[str]:
    """The other permission classes (named `...Permission`) the module of the refusing class
    `dotted` defines and that do not refuse every request: what to name instead of it
    (`sentry.api.permissions`: RelayPermission, SentryPermission, SuperuserPermission...)."""
    module, _, name = dotted.rpartition(".")
    info = resolver.tree.info(module)
    if info is None:
        return []
    return [
        cls
        for cls in info.classes
        if cls.endswith("Permission") and cls != name and not _always_false(resolver, info, cls)
    ]


def _class_attribute(resolver: Resolver, module: ModuleInfo, cls: str, attribute: str) -> object:
    """The dotted names a class body assigns to `attribute` as a literal tuple or list; None
    for another value; `_ABSENT` when the class does not assign it."""
    node = _class_node(resolver, module, cls)
    if node is None:
        return None
    for stmt in node.body:
        value: ast.expr | None
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target, value = stmt.targets[0], stmt.value
        elif isinstance(stmt, ast.AnnAssign):
            target, value = stmt.target, stmt.value
        else:
            continue
        if not (isinstance(target, ast.Name) and target.id == attribute):
            continue
        if not isinstance(value, (ast.Tuple, ast.List)):
            return None
        names = [ast.unparse(element) for element in value.elts]
        return names if all(n.replace(".", "").isidentifier() for n in names) else None
    return _ABSENT


def _always_false(resolver: Resolver, module: ModuleInfo, cls: str) -> bool:
    node = _class_node(resolver, module, cls)
    for stmt in node.body if node is not None else ():
        if isinstance(stmt, ast.FunctionDef) and stmt.name == "has_permission":
            body = stmt.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                body = body[1:]  # a docstring
            return (
                len(body) == 1
                and isinstance(body[0], ast.Return)
                and isinstance(body[0].value, ast.Constant)
                and body[0].value.value is False
            )
    return False


def _class_node(resolver: Resolver, module: ModuleInfo, cls: str) -> ast.ClassDef | None:
    data = resolver.tree.data(module.module)
    try:
        tree = ast.parse(data or b"")
    except (SyntaxError, ValueError):
        return None
    found = (n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == cls)
    return next(found, None)


def _dotted(module: ModuleInfo, name: str) -> str:
    """`NoPermission` or `permissions.NoPermission` as the module binds it."""
    head, _, rest = name.partition(".")
    target = module.imports.get(head, f"{module.module}.{head}")
    return f"{target}.{rest}" if rest else target
