"""Where the target's pieces are: pyproject.toml and its [tool.scaffold] table, urls.py, the
source root, the endpoints folder and the Python version (the line length: `line_length.py`)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from scaffold.errors import ProjectError, did_you_mean
from scaffold.naming import URL_NAME_RE

CONFIG_KEYS = {
    "package": "the top-level package, e.g. 'sentry'",
    "urls": "path of the API urls.py, relative to the project root",
    "endpoints": "folder that holds endpoint modules, relative to the project root",
    "line-length": "line length for generated code",
    "url-name-prefix": "prefix of URL names, e.g. 'sentry-api-0'",
    "silo-decorator": "decorator used when a resource names no silo",
    "base-modules": "extra modules (dotted) that define endpoint base classes",
    "endpoint-root": "dotted path of the class every endpoint inherits, e.g. "
    "'sentry.api.base.Endpoint' (default: found through the endpoints' imports)",
    "annotations": "write type annotations (default: when api/base.py or api/bases/ use them)",
    "check": "options of `scaffold check` (the [tool.scaffold.check] table)",
    "tests": "root of the test tree generated tests go into (mirroring the module path)",
    "testutils": "folder of the test utilities whose APITestCase generated tests use",
    "templates": "folder of templates (endpoint.py.j2, test.py.j2) that replace the packaged ones",
}
_BLACK_FLAGS = ("skip-string-normalization", "skip-magic-trailing-comma")


def read_pyproject(root: Path) -> dict[str, Any]:
    """The project's pyproject.toml as a dict ({} when there is none)."""
    path = root / "pyproject.toml"
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProjectError(f"{path}: invalid TOML ({exc}); fix the file") from None


def scaffold_table(root: Path, pyproject: dict[str, Any]) -> dict[str, Any]:
    """The [tool.scaffold] table, every key known and of the right type."""
    table = pyproject.get("tool", {}).get("scaffold", {})
    if not isinstance(table, dict):
        raise ProjectError(f"{root / 'pyproject.toml'}: [tool.scaffold] must be a table")
    for key, value in table.items():
        if key not in CONFIG_KEYS:
            raise ProjectError(
                f"{root / 'pyproject.toml'}: [tool.scaffold] unknown key {key!r}"
                f"{did_you_mean(key, CONFIG_KEYS)}; known keys: {', '.join(CONFIG_KEYS)}"
            )
        expected = {
            "line-length": int,
            "base-modules": list,
            "annotations": bool,
            "check": dict,
        }.get(key, str)
        if not isinstance(value, expected) or (isinstance(value, bool) and expected is not bool):
            raise ProjectError(
                f"{root / 'pyproject.toml'}: [tool.scaffold] {key} must be "
                f"{_KINDS[expected]} ({CONFIG_KEYS[key]})"
            )
    return table


_KINDS = {
    int: "an integer",
    list: "a list",
    bool: "true or false",
    dict: "a table",
    str: "a string",
}


def resolve_inside(root: Path, value: Any, key: str) -> Path | None:
    """The path a [tool.scaffold] `key` names (None when unset); refused outside the root."""
    if value is None:
        return None
    path = (root / str(value)).resolve()
    if not path.is_relative_to(root):
        raise ProjectError(
            f"{root / 'pyproject.toml'}: [tool.scaffold] {key} = {value!r} points outside the "
            "project; give a path inside it"
        )
    return path


def default_testutils(src_root: Path, package: str, endpoint_root: str) -> Path:
    """`<package>/testutils/`; a fork's second API package keeping none of its own gets its
    root package's (clims's endpoints are tested with Sentry's `APITestCase`)."""
    own = src_root / package / "testutils"
    return own if own.is_dir() else src_root / endpoint_root.partition(".")[0] / "testutils"


def with_package(root: Path, config: dict[str, Any], package: str) -> dict[str, Any]:
    """[tool.scaffold] with `package` from `--package`; the configured `urls` and `endpoints`
    describe the configured package, so they go when `package` names another one."""
    if not package.isidentifier():
        raise ProjectError(f"--package {package!r}: not a package name; pass e.g. --package sentry")
    if not any((folder / package / "api/urls.py").is_file() for folder in (root / "src", root)):
        held = [p.parent.parent.name for f in (root / "src", root) for p in f.glob("*/api/urls.py")]
        raise ProjectError(
            f"{root}: --package {package}: no src/{package}/api/urls.py (nor "
            f"{package}/api/urls.py){did_you_mean(package, held)}; pass the package that holds "
            "the API urls.py"
        )
    if config.get("package") == package:
        return config
    dropped = {"urls", "endpoints"}
    return {**{k: v for k, v in config.items() if k not in dropped}, "package": package}


def url_name_prefix(root: Path, config: dict[str, Any]) -> str | None:
    """[tool.scaffold] url-name-prefix (None when unset), refused unless usable in a URL name."""
    prefix = config.get("url-name-prefix")
    if prefix is not None and not URL_NAME_RE.match(prefix):
        raise ProjectError(
            f"{root / 'pyproject.toml'}: [tool.scaffold] url-name-prefix {prefix!r} cannot start "
            "a URL name; use letters and digits joined by - _ . or :, e.g. 'sentry-api-0'"
        )
    return prefix


def find_urls(root: Path, config: dict[str, Any]) -> Path:
    """The API urls.py: [tool.scaffold] urls, else the one `src/<package>/api/urls.py`."""
    explicit = resolve_inside(root, config.get("urls"), "urls")
    if explicit is not None:
        if not explicit.is_file():
            raise ProjectError(
                f"{rel(root, explicit)}: urls.py not found ([tool.scaffold] urls); fix the path"
            )
        return explicit
    package = config.get("package")
    pattern = f"{package}/api/urls.py" if package else "*/api/urls.py"
    found = sorted(root.glob(f"src/{pattern}")) or sorted(root.glob(pattern))
    if not found:
        raise ProjectError(
            f"{root}: no src/<package>/api/urls.py found; run scaffold inside the project, "
            "pass --project, or set [tool.scaffold] urls in pyproject.toml"
        )
    if len(found) > 1:
        names = ", ".join(rel(root, p) for p in found)
        raise ProjectError(
            f"{root}: several API urls.py files ({names}); set [tool.scaffold] package or urls, or pass --package NAME"
        )
    resolved = found[0].resolve()
    if not resolved.is_relative_to(root):
        raise ProjectError(
            f"{rel(root, found[0])}: a link to {resolved}, outside the project; scaffold only "
            "writes inside the project root: replace the link with the file"
        )
    return resolved


def src_root_for(root: Path, urls_path: Path, package: str) -> Path:
    """The folder that holds the top-level package: the parent of the folder named `package`
    when it is set; else the first folder above urls.py without `__init__.py`, unless that
    leaves namespace packages (no `__init__.py`) above it: then `src/` when urls.py is inside
    it, else the project root."""
    api_dir = urls_path.parent
    if package:
        named = next((f for f in [api_dir, *api_dir.parents] if f.name == package), None)
        if named is not None and named != root and named.is_relative_to(root):
            return named.parent
    folder = api_dir
    while (folder / "__init__.py").is_file() and folder.parent != folder:
        folder = folder.parent
    src = root / "src"
    if folder != src and folder.is_relative_to(src):
        return src
    return root if folder == api_dir else folder


def find_endpoints_dir(root: Path, config: dict[str, Any], urls_path: Path) -> Path:
    """[tool.scaffold] endpoints, else `endpoints/` beside urls.py; it must exist."""
    endpoints_dir = resolve_inside(root, config.get("endpoints"), "endpoints") or (
        urls_path.parent / "endpoints"
    )
    if not endpoints_dir.is_dir():
        raise ProjectError(
            f"{rel(root, endpoints_dir)}: endpoints folder not found; create it or set "
            "[tool.scaffold] endpoints in pyproject.toml"
        )
    return endpoints_dir


_PROJECT_MARKERS = ("pyproject.toml", "setup.cfg", "setup.py", ".git")


def find_project_root(start: Path) -> Path:
    """The project scaffold works on when no `--project` is given, as ruff and black find their
    configuration: the nearest folder from `start` (the current folder) up that is a project's
    top (pyproject.toml, setup.cfg, setup.py or .git) and holds the layout, so any folder of
    the tree will do; else the nearest that holds it (a bare tree; the folder above `src/`
    when that is it), else `start`, whose error then says what to do. The search ends at a
    repository's top (.git)."""
    start = start.resolve()
    bare: Path | None = None
    for folder in [start, *start.parents]:
        holds = _holds_layout(folder)
        if holds and any((folder / marker).exists() for marker in _PROJECT_MARKERS):
            return folder
        if holds and bare is None:
            bare = folder.parent if folder.name == "src" else folder
        if (folder / ".git").exists():
            break
    return bare or start


def is_source_folder(folder: Path) -> bool:
    """A `src/` folder that marks no project of its own, below a folder holding the layout."""
    return (
        folder.name == "src"
        and not any((folder / marker).exists() for marker in _PROJECT_MARKERS)
        and any(folder.glob("*/api/urls.py"))
    )


def _holds_layout(folder: Path) -> bool:
    """A `src/<package>/api/urls.py` or `<package>/api/urls.py`, or a [tool.scaffold] table (a
    broken pyproject.toml too: its error names it)."""
    if any(folder.glob("src/*/api/urls.py")) or any(folder.glob("*/api/urls.py")):
        return True
    try:
        return "scaffold" in read_pyproject(folder).get("tool", {})
    except ProjectError:
        return True


def rel(root: Path, path: Path) -> str:
    """`path` relative to `root` when inside it, for messages."""
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def black_options(pyproject: dict[str, Any]) -> dict[str, bool]:
    """The skip-* flags of [tool.black] that change how generated code is formatted."""
    return {
        key: value
        for key, value in pyproject.get("tool", {}).get("black", {}).items()
        if key in _BLACK_FLAGS and isinstance(value, bool)
    }


def python_min(pyproject: dict[str, Any]) -> tuple[int, int] | None:
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
