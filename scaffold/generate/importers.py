"""Who imports what a module defines: `new-endpoint --force` replaces a module's whole text, so
it must not delete a name another file of the project imports from it (a serializer beside
the endpoint, say)."""

from __future__ import annotations

from pathlib import Path

from scaffold.project.settings import Settings
from scaffold.pysource.modules import read_module

_SKIPPED_DIRS = {"__pycache__", "node_modules", ".git", ".venv", "venv", ".tox", ".scaffold"}


def defined_names(text: str, class_name: str) -> set[str]:
    """The module-level classes, functions and assignments of a module's text but `class_name`
    (empty when it does not parse: nothing can be said of it)."""
    info = read_module(text.encode("utf-8"), "", "", False)
    if info is None:
        return set()
    return (set(info.classes) | info.names) - {class_name}


def first_importer(
    settings: Settings, module_path: Path, module: str, names: set[str]
) -> tuple[str, str] | None:
    """(`path:line`, name) of the first other Python file under the source root or tests/ that
    imports one of `names` from `module` (a star import takes them all); None when none does."""
    if not names:
        return None
    skip = module_path.resolve()
    last = module.rpartition(".")[2].encode()
    for root in (settings.src_root, settings.project_root / "tests"):
        for path in python_files(root):
            if path.resolve() == skip:
                continue
            data = path.read_bytes()
            if last not in data:
                continue
            found = _imports_from(settings, path, data, module, names)
            if found is not None:
                line = data.count(b"\n", 0, max(data.find(found.encode()), 0)) + 1
                return f"{settings.relpath(path)}:{line}", found
    return None


def _imports_from(
    settings: Settings, path: Path, data: bytes, module: str, names: set[str]
) -> str | None:
    root = settings.src_root if settings.src_root in path.parents else settings.project_root
    rel = path.relative_to(root).with_suffix("")
    is_package = rel.name == "__init__"
    dotted = ".".join(rel.parts[:-1] if is_package else rel.parts)
    info = read_module(data, dotted, settings.relpath(path), is_package)
    if info is None:
        return None
    if module in info.star_imports:
        return min(names)
    targets = {target.rpartition(".") for target in info.imports.values()}
    found = sorted(name for parent, _, name in targets if parent == module and name in names)
    return found[0] if found else None


def python_files(root: Path) -> list[Path]:
    """The Python files under `root`, sorted, outside caches, virtualenvs and VCS folders."""
    if not root.is_dir():
        return []
    found: list[Path] = []
    for path in sorted(root.iterdir()):
        if path.is_dir() and not path.is_symlink() and path.name not in _SKIPPED_DIRS:
            found.extend(python_files(path))
        elif path.suffix == ".py" and path.is_file():
            found.append(path)
    return found
