"""The facts settings reads from the API package: the root Endpoint class, the urls.py the route
walk starts from, the default silo decorator, the owner and publish-status enums and the 404
exception."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scaffold.errors import did_you_mean
from scaffold.project import config_table
from scaffold.pysource.candidates import ROOT_CLASS
from scaffold.pysource.classes import Resolver
from scaffold.pysource.project_facts import class_members
from scaffold.pysource.roots import class_paths, find_endpoint_root, including_urls
from scaffold.pysource.tree import Tree
from scaffold.records import record


@record
class EnumInfo:
    """An enum class of the target (ApiOwner, ApiPublishStatus) and its member names."""

    module: str
    name: str
    members: tuple[str, ...]


def endpoint_root(
    root: Path,
    config: dict[str, Any],
    tree: Tree,
    urls_path: Path,
    src_root: Path,
    endpoints_dir: Path,
) -> str:
    """[tool.scaffold] endpoint-root where it is defined; else api/base.py's Endpoint; else
    the Endpoint the package's endpoint, base and urls modules lead to (a fork's second API
    package inherits the first one's)."""
    configured = config.get("endpoint-root")
    if configured is not None:
        return _configured_root(root, tree, str(configured))
    api_dir = urls_path.parent
    default = f"{_dotted(api_dir, src_root)}.base.{ROOT_CLASS}"
    if class_members(api_dir / "base.py", ROOT_CLASS) is not None:
        return default
    files = [urls_path, *sorted(endpoints_dir.glob("*.py")), *sorted(api_dir.glob("bases/*.py"))]
    modules = [_dotted(f, src_root) for f in files if f.is_relative_to(src_root)]
    return find_endpoint_root(tree, class_paths(tree, modules)) or default


def _configured_root(root: Path, tree: Tree, dotted: str) -> str:
    module, _, name = dotted.rpartition(".")
    found = Resolver(tree, dotted).resolve(dotted) if module else None
    if found is None:
        if not module:
            why = "not a dotted path"
        elif tree.file_for(module) is None:
            why = f"no module {module} in the project"
        else:
            why = f"{module} defines no class {name}"
        raise config_table.config_error(
            root,
            "endpoint-root",
            f" = {dotted!r}: {why}; give the dotted path of the class every endpoint inherits, "
            "e.g. 'sentry.api.base.Endpoint'",
        )
    return found[0]


def routing_urls(tree: Tree, urls_path: Path, src_root: Path) -> Path:
    """urls.py, or the other API urls.py under the source root that includes it."""
    others = {
        _dotted(p, src_root): p for p in sorted(src_root.glob("*/api/urls.py")) if p != urls_path
    }
    if not others:
        return urls_path
    found = including_urls(tree, _dotted(urls_path, src_root), others)
    return others.get(found, urls_path)


def default_silo(silos: tuple[str, ...], configured: Any, root: Path) -> str | None:
    if configured is not None:
        if configured not in silos:
            raise config_table.config_error(
                root,
                "silo-decorator",
                f" = {configured!r}: not defined in api/base.py{did_you_mean(configured, silos)}",
            )
        return str(configured)
    # the region's silo, under its names of 2023 on, of 2026 and of 2022 (`customer`)
    for preferred in ("region_silo_endpoint", "cell_silo_endpoint", "customer_silo_endpoint"):
        if preferred in silos:
            return preferred
    return silos[0] if silos else None


def _dotted(path: Path, src_root: Path) -> str:
    return ".".join(path.relative_to(src_root).with_suffix("").parts)


def find_enum(api_dirs: list[Path], src_root: Path, name: str, filename: str) -> EnumInfo | None:
    """`class <name>` in api/<filename> (or the first api/*.py defining it) and its members,
    in the first of `api_dirs` that has it."""
    for api_dir in api_dirs:
        for path in [api_dir / filename, *sorted(api_dir.glob("*.py"))]:
            members = class_members(path, name) if path.is_file() else None
            if members is not None:
                return EnumInfo(_dotted(path, src_root), name, members)
    return None


def not_found_class(api_dirs: list[Path], src_root: Path) -> str:
    """Dotted path of api/exceptions.py's ResourceDoesNotExist (in the first of `api_dirs`
    that has it), else DRF's NotFound."""
    for api_dir in api_dirs:
        path = api_dir / "exceptions.py"
        if path.is_file() and class_members(path, "ResourceDoesNotExist") is not None:
            return f"{_dotted(path, src_root)}.ResourceDoesNotExist"
    return "rest_framework.exceptions.NotFound"
