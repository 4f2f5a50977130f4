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


# a star "import" of every submodule of a package, as `import_submodules(globals(), __name__,
# __path__)` binds them (Sentry's models before 2021): `sentry.models` + this
SUBMODULES = ".*"


def imports_submodules(call: ast.expr) -> bool:
    """`import_submodules(globals(), __name__, __path__)` (or `x.import_submodules(...)`)."""
    if not (isinstance(call, ast.Call) and len(call.args) == 3 and not call.keywords):
        return False
    func = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    first, name, path = call.args
    return (
        func == "import_submodules"
        and isinstance(first, ast.Call)
        and getattr(first.func, "id", None) == "globals"
        and getattr(name, "id", None) == "__name__"
        and getattr(path, "id", None) == "__path__"
    )


def read_imports(tree: ast.Module, package: str) -> tuple[dict[str, str], list[str]]:
    """Local name -> dotted path for module-level imports (and those under `if`/`try`), as
    Python binds them: a later import of a name replaces an earlier one, but one in an `except`
    handler or an `else:` branch is a fallback (`try: from a import X` / `except ImportError:
    from b import X` binds a's X when a exists)."""
    imports, stars, _ = read_imports_at(tree, package)
    return imports, stars


def read_imports_at(tree: ast.Module, package: str) -> tuple[dict[str, str], list[str], list[int]]:
    """`read_imports`, and the line of each star import."""
    imports: dict[str, str] = {}
    stars: list[str] = []
    lines: list[int] = []

    def visit(body: list[ast.stmt], fallback: bool) -> None:
        for node in body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for name, dotted in import_bindings(node, package):
                    bind(name, dotted, fallback)
                if isinstance(node, ast.ImportFrom) and node.names[0].name == "*":
                    stars.append(absolute_import(package, node.module, node.level))
                    lines.append(node.lineno)
            elif isinstance(node, ast.Expr) and imports_submodules(node.value):
                stars.append(package + SUBMODULES)
                lines.append(node.lineno)
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
    return imports, stars, lines


def import_bindings(node: ast.Import | ast.ImportFrom, package: str) -> list[tuple[str, str]]:
    """(local name, dotted path) for each name one import statement binds, in order (a star
    import: none)."""
    if isinstance(node, ast.ImportFrom):
        source = absolute_import(package, node.module, node.level)
        return [(a.asname or a.name, f"{source}.{a.name}") for a in node.names if a.name != "*"]
    heads = [alias.name.split(".")[0] for alias in node.names]
    return [
        (a.asname or h, a.name if a.asname else h) for a, h in zip(node.names, heads, strict=True)
    ]


_BLOCKS = (ast.If, ast.Try, ast.With, ast.For, ast.While, ast.Match)


def nested_bindings(tree: ast.Module) -> set[str]:
    """Names a module binds inside a module-level `if`, `try`, `with`, loop or `match` by a
    class, a function or an assignment (`if sys.version_info >= (3, 8): class X(...)`): bound
    where the reader does not follow, so never "not defined"."""
    found: set[str] = set()
    pending: list[ast.AST] = [node for node in tree.body if isinstance(node, _BLOCKS)]
    while pending:
        block = pending.pop()
        for child in ast.iter_child_nodes(block):
            if isinstance(child, (*_BLOCKS, ast.ExceptHandler, ast.match_case)):
                pending.append(child)
            elif isinstance(child, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                found.add(child.name)
            elif isinstance(child, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                targets = child.targets if isinstance(child, ast.Assign) else [child.target]
                found |= {t.id for t in targets if isinstance(t, ast.Name)}
    return found


def lines_before_stars(tree: ast.Module, star_lines: list[int]) -> dict[str, int]:
    """Name -> the line of the last module-level statement binding it (an import, a class, a
    def, an assignment; under a block too), for the names a later star import may rebind."""
    last_star = max(star_lines, default=0)
    found: dict[str, int] = {}
    pending: list[ast.AST] = list(tree.body) if last_star else []
    while pending:
        node = pending.pop()
        names: list[str] = []
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.asname or a.name.split(".")[0] for a in node.names if a.name != "*"]
        elif isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            names = [node.name]
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            stored = (n for t in targets for n in ast.walk(t) if isinstance(n, ast.Name))
            names = [n.id for n in stored if isinstance(n.ctx, ast.Store)]
        elif isinstance(node, (*_BLOCKS, ast.ExceptHandler, ast.match_case)):
            pending.extend(ast.iter_child_nodes(node))
        for name in names:
            found[name] = max(found.get(name, 0), node.lineno)  # type: ignore[attr-defined]
    return {name: line for name, line in found.items() if line < last_star}


def branch_imports(tree: ast.Module, package: str) -> dict[str, tuple[str, ...]]:
    """Names a module-level `if` imports from another place than the rest of the module does
    (`if settings.DEBUG: from a import X` / `else: from b import X`): which one is bound is
    decided when the module runs, so each may be what a route serves. (A `try` importing what
    its `except` imports otherwise is read as `read_imports` reads it.)"""
    found: dict[str, set[str]] = {}
    conditional: set[str] = set()

    def visit(body: list[ast.stmt], under_if: bool) -> None:
        for node in body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for name, dotted in dict(import_bindings(node, package)).items():
                    found.setdefault(name, set()).add(dotted)
                    if under_if:
                        conditional.add(name)
            elif isinstance(node, ast.If):
                visit(node.body + node.orelse, True)
            elif isinstance(node, ast.Try):
                visit(node.body + node.orelse + node.finalbody, under_if)

    visit(tree.body, False)
    return {
        name: tuple(sorted(targets))
        for name, targets in found.items()
        if name in conditional and len(targets) > 1
    }
