"""The import directions of the package: each folder imports only the layers below it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "scaffold"
# small modules every layer may use
_VOCABULARY = {"errors", "naming", "records", "routes", "route_comparison"}
# folder (or top-level module) -> the scaffold parts it may import, besides itself
ALLOWED: dict[str, set[str]] = {
    "pysource": set(),
    "spec": set(),
    "write": {"pysource"},
    "project": {"pysource"},
    "urls": {"pysource"},
    "check": {"pysource", "project"},
    "generate": {"pysource", "project", "spec", "urls", "write", "check"},
    "commands": {"pysource", "project", "spec", "urls", "write", "generate", "check"},
    "cli": {"commands"},
    "__main__": {"cli"},
    "__init__": set(),
    **{name: set() for name in _VOCABULARY},
}
# third-party or stdlib modules that only some parts may import
RESTRICTED = {
    "ast": {"pysource"},  # static reading goes through the one reader
    "typer": {"cli", "commands"},
    "rich": {"commands"},
    "libcst": {"urls"},
    "jinja2": {"generate"},
    "black": {"generate"},
    "yaml": {"spec"},
}
_COMMAND_MODULES = {"check", "generate", "new_endpoint", "remove"}


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _part(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _imported(path: Path) -> list[tuple[int, str]]:
    """(line, dotted module) for every import in the file, at any depth."""
    found = []
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found += [(node.lineno, node.module)]
            if node.module == "scaffold":  # `from scaffold import x`
                found += [(node.lineno, f"scaffold.{alias.name}") for alias in node.names]
    return found


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_follow_the_layers(path: Path) -> None:
    part = _part(path)
    assert part in ALLOWED, f"{part}: a new folder or module; give it a place in ALLOWED"
    allowed = ALLOWED[part] | _VOCABULARY | {part}
    wrong = []
    for line, module in _imported(path):
        top = module.split(".")[0]
        if top == "scaffold" and "." in module:
            target = module.split(".")[1]
            if target not in allowed:
                wrong.append(f"{line}: {module}")
        elif top in RESTRICTED and part not in RESTRICTED[top]:
            wrong.append(f"{line}: {module} (only in {', '.join(sorted(RESTRICTED[top]))})")
    assert not wrong, f"{path.relative_to(PACKAGE)} imports across the layers: {wrong}"


def test_commands_do_not_import_each_other() -> None:
    for name in _COMMAND_MODULES:
        path = PACKAGE / "commands" / f"{name}.py"
        others = {f"scaffold.commands.{other}" for other in _COMMAND_MODULES - {name}}
        used = [module for _, module in _imported(path) if module in others]
        assert not used, f"commands/{name}.py imports {used}: share code through the core"


def test_every_module_is_small() -> None:
    """~300 lines at most: a module that grows past it is doing two things."""
    sizes = {p.relative_to(PACKAGE).as_posix(): len(p.read_text().splitlines()) for p in _modules()}
    assert {path: n for path, n in sizes.items() if n > 310} == {}
