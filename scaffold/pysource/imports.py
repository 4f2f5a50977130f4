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
    """Local name -> dotted path for module-level imports (and those under `if`/`try`), as
    Python binds them: a later import of a name replaces an earlier one, but one in an `except`
    handler or an `else:` branch is a fallback (`try: from a import X` / `except ImportError:
    from b import X` binds a's X when a exists)."""
    imports: dict[str, str] = {}
    stars: list[str] = []

    def visit(body: list[ast.stmt], fallback: bool) -> None:
        for node in body:
            if isinstance(node, ast.ImportFrom):
                source = absolute_import(package, node.module, node.level)
                for alias in node.names:
                    if alias.name == "*":
                        stars.append(source)
                    else:
                        bind(alias.asname or alias.name, f"{source}.{alias.name}", fallback)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    head = alias.name.split(".")[0]
                    bind(alias.asname or head, alias.name if alias.asname else head, fallback)
            elif isinstance(node, ast.If):
                visit(node.body, fallback)
                visit(node.orelse, True)
            elif isinstance(node, ast.Try):
                visit(node.body + node.orelse + node.finalbody, fallback)
                for handler in node.handlers:
                    visit(handler.body, True)

    def bind(name: str, dotted: str, fallback: bool) -> None:
        if not (fallback and name in imports):
            imports[name] = dotted

    visit(tree.body, False)
    return imports, stars
