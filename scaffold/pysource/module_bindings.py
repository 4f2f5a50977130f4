"""What binds a module-level name when the module has run, as Python binds it: the last
top-level statement that binds it, where a star import binds the names its module exports (the
literal `__all__`, else every name not starting with `_`). A name also bound inside a
module-level `if`, `try`, `with` or loop, a star import whose module's exports are not known,
or a binding by other code is "bound by code": not followed."""

from __future__ import annotations

import ast
from functools import lru_cache
from typing import NamedTuple

from scaffold.pysource.decorators import parsed
from scaffold.pysource.imports import absolute_import, imports_submodules
from scaffold.pysource.scope_names import dotted_of
from scaffold.pysource.tree import Tree

_DEEPEST = 8  # imports, star imports and `x = y` followed
_IMPORTED = ast.Pass()  # bound by an import: `ModuleInfo.imports` says from where
_BY_CODE = ast.Pass()  # bound by a statement the reader does not follow
_BLOCKS = (ast.If, ast.Try, ast.With, ast.AsyncWith, ast.For, ast.AsyncFor, ast.While, ast.Match)
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


class _Module(NamedTuple):
    last: dict[str, tuple[int, ast.AST]]  # the last top-level statement binding the name
    stars: tuple[tuple[int, str | None], ...]  # star imports (None: exports not known)
    nested: frozenset[str]  # bound inside a module-level block
    exports: frozenset[str] | None  # a literal `__all__`; None: none
    exports_known: bool  # no `__all__`, or a literal one left as written


def binding(tree: Tree, dotted: str, depth: int = 0) -> tuple[str, ast.AST] | None:
    """(module, what binds the name there: a def, a class, or an assigned value; `pass` for
    anything else) for the module-level name `dotted`, followed through imports, star imports
    and `x = y`; None outside the tree."""
    module, _, name = dotted.rpartition(".")
    read = _module(tree, module) if module and depth < _DEEPEST else None
    if read is None:
        return None
    if name in read.nested:
        return module, _BY_CODE
    at, found = read.last.get(name, (-1, _BY_CODE))
    for index, star in reversed(read.stars):
        if index < at:
            break
        exported = _exports(tree, star, name, depth + 1) if star is not None else None
        if exported is None:
            return module, _BY_CODE
        if exported:
            return binding(tree, f"{star}.{name}", depth + 1)
    info = tree.info(module)
    if found is _IMPORTED:
        target = info.imports.get(name) if info is not None else None
    elif isinstance(found, (ast.Name, ast.Attribute)):  # `x = y`
        target = dotted_of(found, info) if info is not None else None
    else:
        return module, found
    return binding(tree, target, depth + 1) if target else (module, _BY_CODE)


def _exports(tree: Tree, module: str, name: str, depth: int) -> bool | None:
    """`from module import *` binds `name`; None when that is not known."""
    read = _module(tree, module) if depth < _DEEPEST else None
    if read is None or not read.exports_known:
        return None
    if read.exports is not None:
        return name in read.exports
    if name.startswith("_"):
        return False
    if name in read.last or name in read.nested:
        return True
    found = [_exports(tree, s, name, depth + 1) if s else None for _, s in read.stars]
    return True if True in found else None if None in found else False


def _module(tree: Tree, module: str) -> _Module | None:
    data = tree.data(module)
    source = tree.file_for(module) if data is not None else None
    if data is None or source is None:
        return None
    package = module if source.is_package else module.rpartition(".")[0]
    return _read(data, package)


@lru_cache(maxsize=256)
def _read(data: bytes, package: str) -> _Module:
    last: dict[str, tuple[int, ast.AST]] = {}
    stars: list[tuple[int, str | None]] = []
    nested: set[str] = set()
    syntax = parsed(data)
    for index, node in enumerate(syntax.body if syntax is not None else ()):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            last[node.name] = (index, node)
        elif isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
            stars.append((index, absolute_import(package, node.module, node.level)))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            last.update({n: (index, _IMPORTED) for n in _bound_in(node)})
        elif isinstance(node, ast.Expr) and imports_submodules(node.value):
            stars.append((index, None))
        elif isinstance(node, _BLOCKS):
            nested |= _bound_in(node)
            if any(isinstance(n, ast.ImportFrom) and n.names[0].name == "*" for n in _walk(node)):
                stars.append((index, None))
        else:  # `x = value`: the value; `x: T = value` too; anything else: by code
            plain = isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None
            targets = (
                node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
            )
            for name in _bound_in(node):
                simple = plain and any(getattr(t, "id", None) == name for t in targets)
                value = getattr(node, "value", None) if simple else None
                last[name] = (index, value if value is not None else _BY_CODE)
    exports, known = _all(syntax, last, nested)
    return _Module(last, tuple(stars), frozenset(nested), exports, known)


def _all(
    syntax: ast.Module | None, last: dict[str, tuple[int, ast.AST]], nested: set[str]
) -> tuple[frozenset[str] | None, bool]:
    """The literal `__all__` (None: none), and whether it is known: bound once, at the top
    level, to a list or tuple of strings, and changed nowhere (`__all__.append(...)`)."""
    if "__all__" not in last and "__all__" not in nested:
        return None, True
    value = last.get("__all__", (0, _BY_CODE))[1]
    items = value.elts if isinstance(value, (ast.List, ast.Tuple)) else None
    strings = [i.value for i in items or () if isinstance(i, ast.Constant)]
    names = frozenset(n for n in strings if isinstance(n, str))
    changes = [
        node
        for node in (ast.walk(syntax) if syntax is not None else ())
        if (
            isinstance(node, ast.Name)
            and node.id == "__all__"
            and not isinstance(node.ctx, ast.Load)
        )
        or (isinstance(node, ast.Attribute) and getattr(node.value, "id", None) == "__all__")
    ]
    literal = items is not None and len(strings) == len(items) == len(names)
    known = literal and "__all__" not in nested and len(changes) == 1
    return names, known


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
