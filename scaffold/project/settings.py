"""The target project's settings, discovered once into a frozen value and passed down."""

from __future__ import annotations

import ast
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scaffold.errors import ProjectError, did_you_mean

DEFAULT_LINE_LENGTH = 88  # black's default
_CONFIG_KEYS = {
    "package": "the top-level package, e.g. 'sentry'",
    "urls": "path of the API urls.py, relative to the project root",
    "endpoints": "folder that holds endpoint modules, relative to the project root",
    "line-length": "line length for generated code",
    "url-name-prefix": "prefix of URL names, e.g. 'sentry-api-0'",
    "silo-decorator": "decorator used when a resource names no silo",
    "base-modules": "extra modules (dotted) that define endpoint base classes",
    "annotations": "write type annotations (default: when api/base.py or api/bases/ use them)",
    "check": "options of `scaffold check` (the [tool.scaffold.check] table)",
}


@dataclass(frozen=True)
class EnumInfo:
    """An enum class of the target (ApiOwner, ApiPublishStatus) and its member names."""

    module: str
    name: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class Settings:
    """Everything scaffold knows about the target project; built by `load_settings`."""

    project_root: Path
    src_root: Path
    package: str
    urls_path: Path
    endpoints_dir: Path
    line_length: int
    silo_decorators: tuple[str, ...]
    default_silo: str | None
    base_modules: tuple[str, ...]
    owner_enum: EnumInfo | None
    publish_status_enum: EnumInfo | None
    not_found_class: str  # dotted path of the 404 exception
    url_name_prefix: str | None
    annotations: bool  # False for codebases (Python 2 era) whose bases carry no annotations
    future_imports: tuple[str, ...] = ()  # `from __future__ import ...` names of api/base.py
    black_options: dict[str, bool] = field(default_factory=dict)  # skip-* flags of [tool.black]
    python_min: tuple[int, int] | None = None  # lowest Python the project declares, if any
    check_options: dict[str, Any] = field(default_factory=dict)  # [tool.scaffold.check]

    @property
    def api_module(self) -> str:
        return self.module_for(self.urls_path.parent / "__init__.py")

    def module_for(self, path: Path) -> str:
        """Dotted module name of a file under the source root."""
        rel = path.relative_to(self.src_root).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        return ".".join(parts)

    def path_for(self, module: str) -> Path | None:
        """The file of a dotted module under the source root, if it exists."""
        base = self.src_root.joinpath(*module.split("."))
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                return candidate
        return None

    def relpath(self, path: Path) -> str:
        """`path` relative to the project root, for messages."""
        try:
            return str(path.relative_to(self.project_root))
        except ValueError:
            return str(path)


def load_settings(project_root: Path) -> Settings:
    """Discover the Sentry-shaped layout under `project_root`, applying [tool.scaffold]."""
    root = project_root.resolve()
    if not root.is_dir():
        raise ProjectError(f"{project_root}: not a directory; pass --project with the project root")
    pyproject = _read_pyproject(root)
    config = _scaffold_table(root, pyproject)
    urls_path = _find_urls(root, config)
    package = str(config.get("package") or "")
    src_root = _src_root_for(urls_path, package)
    package = package or urls_path.relative_to(src_root).parts[0]
    endpoints_dir = _resolve_inside(root, config.get("endpoints"), "endpoints") or (
        urls_path.parent / "endpoints"
    )
    if not endpoints_dir.is_dir():
        raise ProjectError(
            f"{_rel(root, endpoints_dir)}: endpoints folder not found; create it or set "
            "[tool.scaffold] endpoints in pyproject.toml"
        )
    api_dir = urls_path.parent
    base_path = api_dir / "base.py"
    base_tree = _parse_file(base_path) if base_path.is_file() else None
    silos = _silo_decorators(base_tree)
    default_silo = _default_silo(silos, config.get("silo-decorator"), root)
    return Settings(
        project_root=root,
        src_root=src_root,
        package=package,
        urls_path=urls_path,
        endpoints_dir=endpoints_dir,
        line_length=_line_length(pyproject, config),
        silo_decorators=silos,
        default_silo=default_silo,
        base_modules=tuple(config.get("base-modules") or ()),
        owner_enum=_find_enum(api_dir, src_root, "ApiOwner", "api_owners.py"),
        publish_status_enum=_find_enum(
            api_dir, src_root, "ApiPublishStatus", "api_publish_status.py"
        ),
        not_found_class=_not_found_class(api_dir, src_root),
        url_name_prefix=config.get("url-name-prefix"),
        annotations=config.get("annotations", _uses_annotations(base_tree, api_dir)),
        future_imports=_future_imports(base_tree),
        python_min=_python_min(pyproject),
        check_options=dict(config.get("check") or {}),
        black_options={
            key: value
            for key, value in pyproject.get("tool", {}).get("black", {}).items()
            if key in ("skip-string-normalization", "skip-magic-trailing-comma")
            and isinstance(value, bool)
        },
    )


def _read_pyproject(root: Path) -> dict[str, Any]:
    path = root / "pyproject.toml"
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProjectError(f"{path}: invalid TOML ({exc}); fix the file") from None


def _scaffold_table(root: Path, pyproject: dict[str, Any]) -> dict[str, Any]:
    table = pyproject.get("tool", {}).get("scaffold", {})
    if not isinstance(table, dict):
        raise ProjectError(f"{root / 'pyproject.toml'}: [tool.scaffold] must be a table")
    for key, value in table.items():
        if key not in _CONFIG_KEYS:
            raise ProjectError(
                f"{root / 'pyproject.toml'}: [tool.scaffold] unknown key {key!r}"
                f"{did_you_mean(key, _CONFIG_KEYS)}; known keys: {', '.join(_CONFIG_KEYS)}"
            )
        expected = {
            "line-length": int,
            "base-modules": list,
            "annotations": bool,
            "check": dict,
        }.get(key, str)
        if not isinstance(value, expected) or (isinstance(value, bool) and expected is not bool):
            raise ProjectError(
                f"{root / 'pyproject.toml'}: [tool.scaffold] {key} must be a "
                f"{expected.__name__} ({_CONFIG_KEYS[key]})"
            )
    return table


def _resolve_inside(root: Path, value: Any, key: str) -> Path | None:
    if value is None:
        return None
    path = (root / str(value)).resolve()
    if not path.is_relative_to(root):
        raise ProjectError(
            f"{root / 'pyproject.toml'}: [tool.scaffold] {key} = {value!r} points outside the "
            "project; give a path inside it"
        )
    return path


def _find_urls(root: Path, config: dict[str, Any]) -> Path:
    explicit = _resolve_inside(root, config.get("urls"), "urls")
    if explicit is not None:
        if not explicit.is_file():
            raise ProjectError(
                f"{_rel(root, explicit)}: urls.py not found ([tool.scaffold] urls); fix the path"
            )
        return explicit
    package = config.get("package")
    pattern = f"{package}/api/urls.py" if package else "*/api/urls.py"
    found = sorted(root.glob(f"src/{pattern}")) or sorted(root.glob(pattern))
    if not found:
        raise ProjectError(
            f"{root}: no src/<package>/api/urls.py found; run scaffold from the project root, "
            "pass --project, or set [tool.scaffold] urls in pyproject.toml"
        )
    if len(found) > 1:
        names = ", ".join(_rel(root, p) for p in found)
        raise ProjectError(
            f"{root}: several API urls.py files ({names}); set [tool.scaffold] package or urls"
        )
    resolved = found[0].resolve()
    if not resolved.is_relative_to(root):
        raise ProjectError(
            f"{_rel(root, found[0])}: a link to {resolved}, outside the project; scaffold only "
            "writes inside the project root: replace the link with the file"
        )
    return resolved


def _src_root_for(urls_path: Path, package: str) -> Path:
    """The folder that holds the top-level package (walk up while __init__.py exists)."""
    folder = urls_path.parent
    while (folder / "__init__.py").is_file() and folder.parent != folder:
        if package and folder.name == package:
            return folder.parent
        folder = folder.parent
    return folder


def _rel(root: Path, path: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def _line_length(pyproject: dict[str, Any], config: dict[str, Any]) -> int:
    tool = pyproject.get("tool", {})
    for value in (
        config.get("line-length"),
        tool.get("black", {}).get("line-length"),
        tool.get("ruff", {}).get("line-length"),
    ):
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
    return DEFAULT_LINE_LENGTH


def _parse_file(path: Path) -> ast.Module | None:
    try:
        return ast.parse(path.read_bytes(), filename=str(path))
    except (OSError, SyntaxError, ValueError):
        return None


def _silo_decorators(tree: ast.Module | None) -> tuple[str, ...]:
    """Module-level names in api/base.py that end in `_silo_endpoint`."""
    if tree is None:
        return ()
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            candidates = [node.name]
        elif isinstance(node, ast.Assign):
            candidates = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            candidates = [node.target.id]
        else:
            continue
        names += [n for n in candidates if n.endswith("_silo_endpoint") and not n.startswith("_")]
    return tuple(dict.fromkeys(names))


def _future_imports(tree: ast.Module | None) -> tuple[str, ...]:
    """Names of the `from __future__ import ...` statements that open api/base.py."""
    names = [
        alias.name
        for node in (tree.body if tree else [])
        if isinstance(node, ast.ImportFrom) and node.module == "__future__"
        for alias in node.names
    ]
    return tuple(dict.fromkeys(names))


def _python_min(pyproject: dict[str, Any]) -> tuple[int, int] | None:
    """The lowest Python version pyproject.toml declares: requires-python, or the black, ruff or
    mypy target version."""
    tool = pyproject.get("tool", {})
    found: list[tuple[int, int]] = []
    requires = pyproject.get("project", {}).get("requires-python")
    if isinstance(requires, str):
        found += [(3, int(minor)) for minor in re.findall(r">=?\s*3\.(\d+)", requires)]
    targets = tool.get("black", {}).get("target-version") or []
    for value in [*targets, tool.get("ruff", {}).get("target-version")]:
        if isinstance(value, str) and (match := re.fullmatch(r"py3(\d+)", value)):
            found.append((3, int(match.group(1))))
    mypy_version = tool.get("mypy", {}).get("python_version")
    if isinstance(mypy_version, str | float) and (
        match := re.fullmatch(r"3\.(\d+)", str(mypy_version))
    ):
        found.append((3, int(match.group(1))))
    return min(found) if found else None


def _uses_annotations(base_tree: ast.Module | None, api_dir: Path) -> bool:
    """True when a function in api/base.py (already parsed) or api/bases/*.py is annotated."""
    bases = sorted((api_dir / "bases").glob("*.py"))
    for tree in [base_tree, *(_parse_file(path) for path in bases)]:
        for node in ast.walk(tree) if tree else ():
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                arguments = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
                if node.returns or any(a.annotation for a in arguments):
                    return True
    return False


def _default_silo(silos: tuple[str, ...], configured: Any, root: Path) -> str | None:
    if configured:
        if configured not in silos:
            raise ProjectError(
                f"{root / 'pyproject.toml'}: [tool.scaffold] silo-decorator {configured!r} is not "
                f"defined in api/base.py{did_you_mean(configured, silos)}"
            )
        return str(configured)
    for preferred in ("region_silo_endpoint", "cell_silo_endpoint"):
        if preferred in silos:
            return preferred
    return silos[0] if silos else None


def _find_enum(api_dir: Path, src_root: Path, name: str, filename: str) -> EnumInfo | None:
    """Find `class <name>(...)` in api/<filename> (or any api/*.py) and read its members."""
    candidates = [api_dir / filename] + sorted(api_dir.glob("*.py"))
    for path in candidates:
        if not path.is_file() or f"class {name}" not in path.read_text("utf-8", "replace"):
            continue
        tree = _parse_file(path)
        for node in tree.body if tree else ():
            if isinstance(node, ast.ClassDef) and node.name == name:
                members = [
                    t.id
                    for stmt in node.body
                    if isinstance(stmt, ast.Assign)
                    for t in stmt.targets
                    if isinstance(t, ast.Name)
                ]
                module = ".".join(path.relative_to(src_root).with_suffix("").parts)
                return EnumInfo(module, name, tuple(members))
    return None


def _not_found_class(api_dir: Path, src_root: Path) -> str:
    path = api_dir / "exceptions.py"
    tree = _parse_file(path) if path.is_file() else None
    for node in tree.body if tree else ():
        if isinstance(node, ast.ClassDef) and node.name == "ResourceDoesNotExist":
            module = ".".join(path.relative_to(src_root).with_suffix("").parts)
            return f"{module}.ResourceDoesNotExist"
    return "rest_framework.exceptions.NotFound"
