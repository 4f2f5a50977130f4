"""Where the target's pieces are: pyproject.toml and its [tool.scaffold] table, urls.py, the
source root, the endpoints folder and the Python version (the line length: `line_length.py`)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from scaffold.errors import ProjectError, did_you_mean
from scaffold.naming import URL_NAME_RE
from scaffold.project.config_table import config_error, existing_folder

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
        raise config_error(
            root,
            "url-name-prefix",
            f" {prefix!r} cannot start a URL name; use letters and digits joined by - _ . or :, "
            "e.g. 'sentry-api-0'",
        )
    return prefix


def find_urls(root: Path, config: dict[str, Any]) -> Path:
    """The API urls.py: [tool.scaffold] urls, else the one `src/<package>/api/urls.py`."""
    configured = config.get("urls")
    if configured is not None:
        explicit = (root / str(configured)).resolve()
        if not explicit.is_relative_to(root):
            raise config_error(
                root, "urls", f" = {configured!r} points outside the project; give a path inside it"
            )
        if not explicit.is_file():
            raise config_error(root, "urls", f" = {configured!r}: no such file; fix the path")
        return explicit
    package = config.get("package")
    pattern = f"{package}/api/urls.py" if package else "*/api/urls.py"
    found = sorted(root.glob(f"src/{pattern}")) or sorted(root.glob(pattern))
    if not found and package:
        held = [p.parent.parent.name for f in (root / "src", root) for p in f.glob("*/api/urls.py")]
        raise config_error(
            root,
            "package",
            f" = {package!r}: no src/{package}/api/urls.py (nor {package}/api/urls.py)"
            f"{did_you_mean(package, held)}; give the package that holds the API urls.py",
        )
    if not found and (root / "api" / "urls.py").is_file():  # `--project X/src/sentry`
        above = root.resolve().parent
        above = above.parent if above.name == "src" else above
        raise ProjectError(
            f"{root}: the package folder (it holds api/urls.py), not the project's root; pass "
            f"--project {above}"
        )
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
    if not resolved.is_file():  # a folder: read as no routes at all, every endpoint unrouted
        raise ProjectError(
            f"{rel(root, found[0])}: not a file; the API urls.py must be a module (a package's "
            "urls/ is urls/__init__.py: set [tool.scaffold] urls to it)"
        )
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
    endpoints_dir = existing_folder(root, config, "endpoints") or urls_path.parent / "endpoints"
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
