"""A class's literal string attribute (`name = "..."`), found through imports and base classes."""

from __future__ import annotations

import ast

from scaffold.pysource.classes import Resolver
from scaffold.pysource.tree import Tree


class ClassAttributes:
    """Reads `attr = "literal"` in a class body, or in the first base that assigns `attr`."""

    def __init__(self, tree: Tree):
        self.resolver = Resolver(tree, "")  # resolution only: no root needed
        self._bodies: dict[str, dict[str, ast.ClassDef]] = {}

    def literal(self, dotted: str, attr: str, depth: int = 0) -> str | None:
        """The string `attr` holds on the class `dotted` names (None: not a literal string, not
        assigned, or the class is not in the tree)."""
        found = self.resolver.resolve(dotted) if depth < 20 else None
        if found is None:
            return None
        _, module, info = found
        node = self._classes(module.module).get(info.name)
        if node is None:
            return None
        for stmt in node.body:
            value = _assigned(stmt, attr)
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                return value.value
            if value is not None:
                return None  # assigned, but not a literal string
        for base in info.base_paths:  # Python looks in the bases, in order
            inherited = self.literal(base, attr, depth + 1)
            if inherited is not None:
                return inherited
        return None

    def _classes(self, module: str) -> dict[str, ast.ClassDef]:
        """The module's top-level classes, parsed whole (the reader's skeleton drops nothing
        at class level, but keeps no attribute values)."""
        if module not in self._bodies:
            data = self.resolver.tree.data(module)
            try:
                syntax = ast.parse(data) if data is not None else None
            except (SyntaxError, ValueError):
                syntax = None
            body = syntax.body if syntax is not None else []
            self._bodies[module] = {n.name: n for n in body if isinstance(n, ast.ClassDef)}
        return self._bodies[module]


def _assigned(stmt: ast.stmt, attr: str) -> ast.expr | None:
    if isinstance(stmt, ast.Assign) and any(
        isinstance(t, ast.Name) and t.id == attr for t in stmt.targets
    ):
        return stmt.value
    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
        return stmt.value if stmt.target.id == attr else None
    return None
