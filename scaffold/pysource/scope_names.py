"""What a name written in a module's body stands for, in that module's scope: a class of the
module, an import, or (for a base) a name bound some other way."""

from __future__ import annotations

import ast
import builtins
from collections.abc import Mapping
from typing import Protocol

_BUILTINS = frozenset(dir(builtins))


class NamesInScope(Protocol):
    """What a module-level name resolves against: the module, its classes, its imports."""

    @property
    def module(self) -> str: ...

    @property
    def classes(self) -> Mapping[str, object]: ...

    @property
    def imports(self) -> Mapping[str, str]: ...


UNREAD_BASE = "?"  # a base expression that names no class the reader can follow


def base_path(expr: ast.expr, scope: NamesInScope) -> str | None:
    """A base's dotted path; a name the module binds no other way as `<module>.<name>` (the
    resolver follows the module's star imports, and finds nothing for one bound by code);
    None for a builtin (`object`, `Exception`); UNREAD_BASE for a call or an expression."""
    if isinstance(expr, ast.Subscript):  # Generic[...] style bases
        return base_path(expr.value, scope)
    found = dotted_of(expr, scope)
    if found is not None or not isinstance(expr, (ast.Name, ast.Attribute)):
        return found or UNREAD_BASE
    if isinstance(expr, ast.Name):
        return None if expr.id in _BUILTINS else f"{scope.module}.{expr.id}"
    return UNREAD_BASE


def dotted_of(expr: ast.expr, scope: NamesInScope) -> str | None:
    """The dotted path a base-class expression names (`Foo`, `mod.Foo`, `Foo[T]`)."""
    if isinstance(expr, ast.Name):
        if expr.id in scope.classes:
            return f"{scope.module}.{expr.id}"
        return scope.imports.get(expr.id)
    if isinstance(expr, ast.Attribute):
        head = dotted_of(expr.value, scope)
        return f"{head}.{expr.attr}" if head else None
    if isinstance(expr, ast.Subscript):  # Generic[...] style bases
        return dotted_of(expr.value, scope)
    return None
