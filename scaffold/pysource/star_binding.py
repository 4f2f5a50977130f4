"""Which binding of a name a module keeps, as Python runs it: the last statement binding the
name wins, whether an import, a class, a def, an assignment or a star import that exports it
(its literal `__all__`, else its names not starting with `_`). The class resolver and the
route walk both ask it, each of its own reading of a module (`Scope`).

A star import the reader cannot judge (a module it cannot read, an `__all__` changed or built
by code) that comes after every binding it can read may bind the name too: the answer is then
unsure, with why, and the binding an earlier statement makes (a candidate, never a finding)."""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from typing import Protocol

from scaffold.records import record

UNREAD_ALL = "?"  # the exports of a module whose `__all__` the reader does not judge
AFTER_STARS = 1 << 30  # the line of a binding that follows every star import of its module


class Scope(Protocol):
    """One module as a star walk reads it."""

    def own(self, name: str) -> tuple[str, int] | None:
        """What the module's own statements bind `name` to (a dotted path; its own
        `module.name` for a class, def or assignment) and the line of the last one
        (AFTER_STARS past every star import); None when none does."""
        ...

    def stars_at(self) -> Sequence[tuple[str, int]]:
        """(module, line) of each star import, in the order the module runs them."""
        ...


# a module's scope and exports (None: no `__all__`); None when the reader cannot read it
Load = Callable[[str], tuple[Scope, Sequence[str] | None] | None]


@record
class Bound:
    """What a module binds a name to, as far as the reader can tell."""

    dotted: str | None  # None: no statement it reads binds the name
    unsure: str | None = None  # why a statement it cannot judge may bind it instead


def bound_in(load: Load, scope: Scope, name: str, seen: set[str]) -> Bound:
    """What `scope` binds `name` to: its star imports after its last own binding, the last one
    first, then that binding. `seen` holds the modules met (star imports importing one another
    add nothing the second time)."""
    own = scope.own(name)
    after = own[1] if own is not None else -1
    unsure = None
    # a star module importing the name back from this one (`from pkg import Model` in a module
    # `pkg/__init__.py` star-imports) binds what this module bound before: no new binding
    itself = f"{getattr(scope, 'module', None)}.{name}"
    for star, line in reversed(scope.stars_at()):
        if line <= after:
            continue
        found = star_bound(load, star, name, seen)
        unsure = unsure or found.unsure
        if found.dotted is not None and found.dotted != itself:
            return Bound(found.dotted, unsure)
    return Bound(own[0] if own is not None else None, unsure)


def star_bound(load: Load, star: str, name: str, seen: set[str]) -> Bound:
    """What `from star import *` binds `name` to (dotted None: nothing)."""
    if star in seen:
        return Bound(None)
    seen.add(star)
    loaded = load(star)
    if loaded is None:
        return Bound(
            None, f"it may come from the star import of {star}, which the reader cannot read"
        )
    scope, exports = loaded
    if exports is not None and UNREAD_ALL in exports:
        return Bound(
            None, f"it may come from the star import of {star}, whose __all__ is built by code"
        )
    if name not in exports if exports is not None else name.startswith("_"):
        return Bound(None)
    return bound_in(load, scope, name, seen)


def literal_all(tree: ast.Module) -> list[str] | None:
    """What `from module import *` binds by `__all__`: its list as the module's own statements
    build it from literals (`__all__ = [...]`, `__all__: T = (...)`, `[...] + [...]`, then
    `__all__ += [...]`, `.append("x")`, `.extend([...])`); None with no `__all__` (every name
    not starting with `_`); [UNREAD_ALL] where `__all__` is imported, built or changed by any
    other code, or named anywhere else (where it may be changed)."""
    built: _Literal | None = None
    for stmt in tree.body:
        if any(_names_all(n) for n in ast.walk(stmt)):
            built = _all_after(stmt, built)
            if built is None:
                return [UNREAD_ALL]
    return list(built[1]) if built is not None else None


_Literal = tuple[type, tuple[str, ...]]  # list or tuple, and the strings it holds


def _all_after(stmt: ast.stmt, built: _Literal | None) -> _Literal | None:
    """`__all__` once the module-level `stmt` naming it has run (None: not known)."""
    target = value = None
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        target, value = stmt.targets[0], stmt.value
    elif isinstance(stmt, ast.AnnAssign):
        target, value = stmt.target, stmt.value
    if _is_all(target) and value is not None:
        return _literal(value, built)
    if isinstance(stmt, ast.AugAssign) and _is_all(stmt.target) and built is not None:
        added = _literal(stmt.value, built) if isinstance(stmt.op, ast.Add) else None
        # a list takes any sequence (`list.__iadd__`); a tuple only a tuple
        if added is None or (built[0] is tuple and added[0] is not tuple):
            return None
        return built[0], built[1] + added[1]
    call = stmt.value if isinstance(stmt, ast.Expr) else None
    func = call.func if isinstance(call, ast.Call) else None
    if not (isinstance(call, ast.Call) and isinstance(func, ast.Attribute)):
        return None
    if not _is_all(func.value) or built is None or built[0] is not list:
        return None
    if len(call.args) != 1 or call.keywords:
        return None
    if func.attr == "append":
        item = call.args[0]
        text = item.value if isinstance(item, ast.Constant) else None
        return (list, built[1] + (text,)) if isinstance(text, str) else None
    added = _literal(call.args[0], built) if func.attr == "extend" else None
    return (list, built[1] + added[1]) if added is not None else None


def _literal(node: ast.expr, built: _Literal | None) -> _Literal | None:
    """A list or tuple of string literals, `__all__` itself (bound), or a `+` of such of one
    kind (a list and a tuple added raise TypeError); None for anything else."""
    if isinstance(node, (ast.List, ast.Tuple)):
        texts = [e.value for e in node.elts if isinstance(e, ast.Constant)]
        strings = tuple(t for t in texts if isinstance(t, str))
        kind = list if isinstance(node, ast.List) else tuple
        return (kind, strings) if len(strings) == len(node.elts) else None
    if _is_all(node):
        return built
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal(node.left, built), _literal(node.right, built)
        if left is None or right is None or left[0] is not right[0]:
            return None
        return left[0], left[1] + right[1]
    return None


def _is_all(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Name) and node.id == "__all__"


def _names_all(node: ast.AST) -> bool:
    """The node names `__all__`: a name, or an import binding it (`from x import __all__`)."""
    if isinstance(node, ast.alias):
        return (node.asname or node.name) == "__all__"
    return isinstance(node, ast.Name) and node.id == "__all__"
