"""Module imports read from `ast`: absolute, relative, star, aliases, under `if`/`try`
(so `if TYPE_CHECKING:` imports count)."""

from __future__ import annotations

import ast


def absolute_import(package: str, module: str | None, level: int) -> str:
    """The absolute module a `from ... import` names, seen from `package`."""
    if level == 0:
        return module or ""
    parts = package.split(".")
    base = parts[: len(parts) - (level - 1)] if level > 1 else parts
    return ".".join(base + ([module] if module else []))


def read_imports(tree: ast.Module, package: str) -> tuple[dict[str, str], list[str]]:
    """Local name -> dotted path for module-level imports (and those under `if`/`try`)."""
    imports: dict[str, str] = {}
    stars: list[str] = []
    stack: list[ast.stmt] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.ImportFrom):
            source = absolute_import(package, node.module, node.level)
            for alias in node.names:
                if alias.name == "*":
                    stars.append(source)
                else:
                    imports[alias.asname or alias.name] = f"{source}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    imports[alias.asname] = alias.name
                else:
                    head = alias.name.split(".")[0]
                    imports[head] = head
        elif isinstance(node, (ast.If, ast.Try)):
            stack += node.body + node.orelse + getattr(node, "finalbody", [])
            for handler in getattr(node, "handlers", []):
                stack += handler.body
    return imports, stars
