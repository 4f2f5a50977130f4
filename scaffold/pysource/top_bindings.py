"""The module-level statements binding each name, in the order Python runs them: an import
(with what it binds), a class, another plain statement (a def, an assignment), or a compound
statement (`if`, `try`, ...) that may bind it. The last one is what the module keeps."""

from __future__ import annotations

import ast
from collections.abc import Mapping
from enum import Enum
from typing import TYPE_CHECKING

from scaffold.pysource.imports import import_bindings
from scaffold.pysource.scope_names import UNREAD_BASE, NamesInScope, base_path
from scaffold.records import record

if TYPE_CHECKING:
    from scaffold.pysource.modules import ModuleInfo


class Kind(Enum):
    IMPORT = "import"
    CLASS = "class"
    DEF = "def"
    OTHER = "other"  # an assignment
    BLOCK = "block"  # under an `if`, `try`, `with`, loop or `match`: maybe


@record
class Binding:
    line: int
    kind: Kind
    dotted: str | None = None  # what an import binds


def top_bindings(tree: ast.Module, package: str, walrus: bool = True) -> dict[str, list[Binding]]:
    """Name -> the module-level statements binding it, in order (star imports left out:
    `star_binding` orders them). `walrus=False`: the source holds no `:=` (`bound_by`)."""
    found: dict[str, list[Binding]] = {}
    for node in tree.body:
        at = node.lineno
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for name, dotted in dict(import_bindings(node, package)).items():
                found.setdefault(name, []).append(Binding(at, Kind.IMPORT, dotted))
        elif isinstance(node, ast.ClassDef):
            found.setdefault(node.name, []).append(Binding(at, Kind.CLASS))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.setdefault(node.name, []).append(Binding(at, Kind.DEF))
        elif not (isinstance(node, ast.AnnAssign) and node.value is None):  # `X: T` binds nothing
            kind = Kind.OTHER if isinstance(node, (ast.Assign, ast.AnnAssign)) else Kind.BLOCK
            for name in sorted(bound_by(node, walrus=walrus)):
                found.setdefault(name, []).append(Binding(at, kind))
    return found


UNREAD_NAME = "?."  # before a name: one the statement sees bound by a star import, maybe


@record
class ScopeAt:
    """A module's names as a statement at some line sees them (`NamesInScope`): a name bound
    more than once at the top level is the binding before that line (an import's target, a
    class of the module, else the module's own name), not the module's last. Where a star
    import may bind a name on one side of the line and another statement on the other, which
    one the statement sees is not read: its path is UNREAD_NAME and the name (`unread_path`)."""

    module: str
    classes: Mapping[str, object]
    imports: Mapping[str, str]
    stars_after: bool = False  # a star import below the line may bind any name the module's
    last_defs: frozenset[str] = frozenset()  # unread, but a handler's decorator reads its def


def scope_at(info: ModuleInfo, order: dict[str, list[Binding]], line: int) -> ScopeAt | ModuleInfo:
    """`info` as the statement at `line` sees it, `order` holding the module's top-level
    bindings (`info` itself where no name differs); a name a star import before the line may
    bind over its own binding is the module's (`<module>.<name>`: the star walk reads it, as
    the module ends) unless a statement below the line binds it too (then unread)."""
    twice = {name: bindings for name, bindings in order.items() if len(bindings) > 1}
    stars_after = any(star > line for star in info.star_lines)
    if not twice and not info.star_lines:
        return info
    classes: dict[str, object] = dict(info.classes)
    imports = dict(info.imports)
    for name, bindings in twice.items():
        seen = in_effect(bindings, line)
        if seen is None or seen.kind is Kind.BLOCK:  # under an `if` or `try`: as the module reads
            continue
        classes.pop(name, None)
        imports.pop(name, None)
        if seen.kind is Kind.IMPORT and seen.dotted is not None:
            imports[name] = seen.dotted
        elif seen.kind is Kind.CLASS:
            classes[name] = seen
    for name, at in info.bound_lines.items():  # a star import between may bind it: as bases
        if any(at < star < line for star in info.star_lines):
            classes.pop(name, None)
            imports.pop(name, None)
    unread, last_defs = _unread(info, order, line)
    for name in unread:
        classes.pop(name, None)
        imports[name] = UNREAD_NAME + name
    if classes.keys() == info.classes.keys() and imports == info.imports and not stars_after:
        return info
    return ScopeAt(info.module, classes, imports, stars_after, frozenset(last_defs))


def _unread(
    info: ModuleInfo, order: dict[str, list[Binding]], line: int
) -> tuple[list[str], list[str]]:
    """The names a statement below `line` binds again (a star import may: any name) whose
    binding at `line` is no import with no star import after it: the def, assignment or star
    import the statement sees is not the module's last binding, which the readers follow;
    and those of them the statement sees bound by the module's last def, no star import
    after it (`decorators.function_in` reads that def)."""
    found, last_defs = [], []
    for name, bindings in order.items():
        seen, between, below = _around(info, bindings, line)
        if not below:
            continue  # nothing binds it below the line: the module's last binding is the one
        if between or (seen is not None and seen.kind is not Kind.IMPORT):
            found.append(name)
        if not between and seen is not None and seen.kind is Kind.DEF:
            defs_below = any(b.line > line and b.kind is Kind.DEF for b in bindings)
            if not defs_below and name not in info.bound_lines:
                last_defs.append(name)
    return found, last_defs


def _around(
    info: ModuleInfo, bindings: list[Binding], line: int
) -> tuple[Binding | None, bool, bool]:
    """A name's binding a statement at `line` sees, whether a star import between it and the
    line may bind the name over it, and whether a statement below the line may bind it."""
    seen = in_effect(bindings, line)
    since = seen.line if seen is not None else 0
    between = any(since < star < line for star in info.star_lines)
    below = any(star > line for star in info.star_lines) or any(b.line > line for b in bindings)
    return seen, between, below


def unread_path(scope: NamesInScope, name: str) -> str:
    """The path of a name `scope` does not bind itself (a def of the module, a name of the
    class body, a star import's): the module's `<module>.<name>`, or unread where a star
    import below the statement may bind it."""
    if getattr(scope, "stars_after", False):
        return UNREAD_NAME + name
    return f"{scope.module}.{name}"


def in_effect(bindings: list[Binding], line: int) -> Binding | None:
    """The binding a statement at `line` sees (the last one before it)."""
    before = [b for b in bindings if b.line < line]
    return before[-1] if before else None


def keep_last(info: ModuleInfo, order: dict[str, list[Binding]]) -> None:
    """Python keeps a name's last binding: a class imported or assigned over is not what the
    module's name is (nor its class), and an import a def follows is not either."""
    for name, bindings in order.items():
        last = bindings[-1].kind
        if name in info.classes and last in (Kind.IMPORT, Kind.OTHER, Kind.DEF):
            del info.classes[name]
            if last in (Kind.OTHER, Kind.DEF):
                info.names.add(name)
        elif name in info.imports and last in (Kind.OTHER, Kind.DEF):
            del info.imports[name]  # an alias (`Name = Other`) is read back below
            info.names.add(name)


def base_at(
    base: ast.expr, info: ModuleInfo, order: dict[str, list[Binding]], line: int
) -> str | None:
    """`base_path`, of the binding the `class` statement at `line` sees (`from x import Base`
    then `class Base(Base)`: x's); a name a later star import may rebind as `<module>.<name>`,
    which the resolver reads as the module ends; UNREAD_BASE for a class of the module that
    a later statement binds over, and for a name a statement below the line may bind again
    where the line sees no import (a star import's, a def's: which one is not read)."""
    head, tail = base.value if isinstance(base, ast.Subscript) else base, ""
    while isinstance(head, ast.Attribute):
        tail = f".{head.attr}{tail}"
        head = head.value
    name = head.id if isinstance(head, ast.Name) else None
    seen, between, below = _around(info, order.get(name, []), line) if name else (None, 0, 0)
    if below and not between and seen is not None and seen.kind is Kind.IMPORT:
        return seen.dotted + tail if seen.dotted is not None else UNREAD_BASE
    if below and (between or seen is not None):
        return UNREAD_BASE
    if isinstance(base, ast.Name) and base.id in info.bound_lines:
        return f"{info.module}.{base.id}"
    if seen is not None and seen.kind is Kind.IMPORT and seen.dotted is not None:
        return seen.dotted + tail
    if seen is not None and seen.kind is Kind.CLASS:
        kept = info.classes.get(getattr(head, "id", ""))
        if kept is None or kept.line != seen.line:
            return UNREAD_BASE
    return base_path(base, info)


def bound_by(stmt: ast.stmt, *, walrus: bool = True) -> set[str]:
    """The names a statement binds, as Python runs it: targets, imports, `del`, `except ... as`,
    `match` captures, the functions and classes it defines (not the names inside them), and a
    walrus, one in a comprehension included (the comprehension's own loop names stay in it).
    `walrus=False` (its source holds no `:=`): an expression that is read, not assigned or
    deleted, can then bind nothing, and is not walked (a module's constants are most of it)."""
    names: set[str] = set()
    pending: list[ast.AST] = [stmt]
    while pending:
        node = pending.pop()
        if not walrus and isinstance(node, ast.expr) and not isinstance(_context(node), _BINDS):
            continue
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            names.add(getattr(node, "name", ""))
            continue
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            walruses = (n for n in ast.walk(node) if isinstance(n, ast.NamedExpr))
            names |= {n.target.id for n in walruses if isinstance(n.target, ast.Name)}
            continue
        if isinstance(node, ast.alias) and node.name != "*":
            names.add(node.asname or node.name.split(".")[0])
        elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)) and node.name:
            names.add(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            names.add(node.rest)
        pending.extend(ast.iter_child_nodes(node))
    return names - {""}


_BINDS = (ast.Store, ast.Del)


def _context(node: ast.expr) -> ast.expr_context | None:
    """A name's, attribute's, subscript's, starred or tuple/list target's context."""
    return getattr(node, "ctx", None)
