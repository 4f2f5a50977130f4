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
    """What `from module import *` binds by `__all__`: its literal list (`__all__ = [...]` or
    `__all__: T = [...]`); None with no `__all__` (every name not starting with `_`);
    [UNREAD_ALL] where `__all__` is imported, changed or built by code, or named anywhere else
    (where it may be changed)."""
    mentions = [n for n in ast.walk(tree) if _names_all(n)]
    if not mentions:
        return None
    assigned = [
        stmt.value
        for stmt in tree.body
        if (isinstance(stmt, ast.Assign) and [ast.unparse(t) for t in stmt.targets] == ["__all__"])
        or (isinstance(stmt, ast.AnnAssign) and ast.unparse(stmt.target) == "__all__")
    ]
    value = assigned[0] if len(assigned) == 1 == len(mentions) else None
    elements = getattr(value, "elts", ())
    listed = [e.value for e in elements if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    if not isinstance(value, (ast.List, ast.Tuple)) or len(listed) != len(value.elts):
        return [UNREAD_ALL]
    return listed


def _names_all(node: ast.AST) -> bool:
    """The node names `__all__`: a name, or an import binding it (`from x import __all__`)."""
    if isinstance(node, ast.alias):
        return (node.asname or node.name) == "__all__"
    return isinstance(node, ast.Name) and node.id == "__all__"
