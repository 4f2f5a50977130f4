"""What a module-level name is bound to, as the class decorators' question reads it
(`class_decorators.py`): the def, class or assigned value of its last top-level binding, followed
through imports, star imports (`star_binding.py`) and `x = y`. A name also bound inside a
module-level `if`, `try`, `with` or loop, or by a statement the reader does not follow, is bound
by code: which binding runs is not proven."""

from __future__ import annotations

import ast
from functools import lru_cache

from scaffold.pysource.function_shapes import parsed
from scaffold.pysource.imports import SUBMODULES, absolute_import, imports_submodules
from scaffold.pysource.modules import ModuleInfo
from scaffold.pysource.scope_names import dotted_of
from scaffold.pysource.star_binding import AFTER_STARS, Scope, bound_in
from scaffold.pysource.top_bindings import bound_by
from scaffold.pysource.tree import Tree
from scaffold.records import record

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
    walrus = b":=" in data  # without one, bound_by walks only what is assigned
    for node in syntax.body if syntax is not None else ():
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            last[node.name] = (node.lineno, node)
        elif isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
            stars.append((absolute_import(package, node.module, node.level), node.lineno))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            last.update({n: (node.lineno, _IMPORTED) for n in bound_by(node)})
        elif isinstance(node, ast.Expr) and imports_submodules(node.value):
            stars.append((package + SUBMODULES, node.lineno))
        elif isinstance(node, _BLOCKS):
            nested |= bound_by(node, walrus=walrus)
            if any(isinstance(n, ast.ImportFrom) and n.names[0].name == "*" for n in _walk(node)):
                stars.append((_UNDER_BLOCK, node.lineno))
        else:  # `x = value`: the value; `x: T = value` too; anything else: by code
            plain = isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None
            targets = (
                node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
            )
            for name in bound_by(node, walrus=walrus):
                simple = plain and any(getattr(t, "id", None) == name for t in targets)
                value = getattr(node, "value", None) if simple else None
                last[name] = (node.lineno, value if value is not None else _BY_CODE)
    return last, frozenset(nested), tuple(stars)


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
