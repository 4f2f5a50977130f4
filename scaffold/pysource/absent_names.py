"""A name a module of the tree is proven not to have, as `from module import name` (or a star
import of it) would find: no statement of its own binds it (an import, a class, a def, an
assignment, under a block too), no star import it makes can bind it (each one followed to a
module of the tree, its literal `__all__` or public names), no submodule by that name can be
imported, and nothing binds names by code (`__getattr__`, `globals()`, `setattr`, `exec`,
`sys.modules`, a function's `global`, ...: named anywhere in the file, even a comment). Where
the module's `__all__` lists the name (a typo there), the place is kept: a star import of it
raises."""

from __future__ import annotations

import ast
import re

from scaffold.pysource.imports import SUBMODULES
from scaffold.pysource.star_binding import UNREAD_ALL
from scaffold.pysource.tree import Tree
from scaffold.records import record

# what may bind a module's names where no statement shows it (`urluses.py` reads the same
# calls in URL modules); `__path__` may add folders a submodule is found in; a function's
# `global X` binds X when it runs, in a body the skeleton blanked
_BY_CODE = re.compile(
    rb"\b(?:globals|vars|locals|setattr|delattr|exec|eval|__import__|import_module)\b"
    rb"|__dict__|f_globals|sys\.modules|__path__|__getattr__|\bglobal[ \t]+\w"
)


@record
class Absent:
    """`name` is not in `module`; `listed`: where an `__all__` lists it (relpath, line)."""

    module: str
    name: str
    listed: tuple[str, int] | None = None


def absent_from(tree: Tree, module: str, name: str) -> Absent | None:
    """Proof that `module` has no `name` (None: it may have it, or the reader cannot tell)."""
    return _absent(tree, module, name, False, set())


def star_absent(tree: Tree, module: str, name: str) -> Absent | None:
    """Proof that `from module import *` binds no `name`: it leaves the name out, or raises on
    it (`listed`: an `__all__` on its star chain lists a name that module has nowhere)."""
    return _absent(tree, module, name, True, set())


def _absent(tree: Tree, module: str, name: str, star: bool, seen: set[str]) -> Absent | None:
    """`star`: as `from module import *` binds names (those its `__all__` lists, else its
    public ones), where not binding `name` is proven too when the star leaves it out."""
    if module in seen:
        return Absent(module, name)  # met on the way: what it binds is being judged there
    seen.add(module)
    info = tree.info(module)
    source = tree.file_for(module)
    if info is None or source is None or module.endswith(SUBMODULES):
        return None
    if not star and info.own(name) is not None:  # the common case, met first
        return None
    data = tree.data(module)
    if data is None:
        return None
    exports = info.exports
    if exports is not None and UNREAD_ALL in exports:
        return None
    if star and (name not in exports if exports is not None else name.startswith("_")):
        return Absent(module, name)  # the star import leaves the name out
    if info.own(name) is not None or _BY_CODE.search(data):
        return None
    submodule = f"{module}.{name}"
    if source.is_package and tree.unimportable(submodule) != submodule:
        return None
    listed = _listed(data, source.relpath, name) if exports and name in exports else None
    for inner in info.star_imports:
        found = _absent(tree, inner, name, True, seen)
        if found is None:
            return None
        listed = listed or found.listed
    return Absent(module, name, listed)


def _listed(data: bytes, relpath: str, name: str) -> tuple[str, int] | None:
    """Where the module's `__all__` statements write `name` as a string."""
    try:
        syntax = ast.parse(data)
    except (SyntaxError, ValueError):
        return None
    for stmt in syntax.body:
        if not any(isinstance(n, ast.Name) and n.id == "__all__" for n in ast.walk(stmt)):
            continue
        for node in ast.walk(stmt):
            if isinstance(node, ast.Constant) and node.value == name:
                return relpath, node.lineno
    return None
