"""The target project's settings, discovered once into a frozen value and passed down."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scaffold.errors import ProjectError, did_you_mean
from scaffold.project import discovery
from scaffold.pysource.project_facts import class_members, read_base_module, uses_annotations


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
    pyproject = discovery.read_pyproject(root)
    config = discovery.scaffold_table(root, pyproject)
    urls_path = discovery.find_urls(root, config)
    package = str(config.get("package") or "")
    src_root = discovery.src_root_for(root, urls_path, package)
    package = package or urls_path.relative_to(src_root).parts[0]
    endpoints_dir = discovery.find_endpoints_dir(root, config, urls_path)
    api_dir = urls_path.parent
    base_facts = read_base_module(api_dir / "base.py")
    silos = base_facts.silo_decorators
    annotations = config.get("annotations")
    if annotations is None:
        bases = sorted((api_dir / "bases").glob("*.py"))
        annotations = base_facts.annotated or uses_annotations(bases)
    return Settings(
        project_root=root,
        src_root=src_root,
        package=package,
        urls_path=urls_path,
        endpoints_dir=endpoints_dir,
        line_length=discovery.line_length(pyproject, config),
        silo_decorators=silos,
        default_silo=_default_silo(silos, config.get("silo-decorator"), root),
        base_modules=tuple(config.get("base-modules") or ()),
        owner_enum=_find_enum(api_dir, src_root, "ApiOwner", "api_owners.py"),
        publish_status_enum=_find_enum(
            api_dir, src_root, "ApiPublishStatus", "api_publish_status.py"
        ),
        not_found_class=_not_found_class(api_dir, src_root),
        url_name_prefix=discovery.url_name_prefix(root, config),
        annotations=annotations,
        future_imports=base_facts.future_imports,
        python_min=discovery.python_min(pyproject),
        check_options=dict(config.get("check") or {}),
        black_options=discovery.black_options(pyproject),
    )


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


def _dotted(path: Path, src_root: Path) -> str:
    return ".".join(path.relative_to(src_root).with_suffix("").parts)


def _find_enum(api_dir: Path, src_root: Path, name: str, filename: str) -> EnumInfo | None:
    """`class <name>` in api/<filename> (or the first api/*.py defining it) and its members."""
    for path in [api_dir / filename, *sorted(api_dir.glob("*.py"))]:
        members = class_members(path, name) if path.is_file() else None
        if members is not None:
            return EnumInfo(_dotted(path, src_root), name, members)
    return None


def _not_found_class(api_dir: Path, src_root: Path) -> str:
    """Dotted path of api/exceptions.py's ResourceDoesNotExist, else DRF's NotFound."""
    path = api_dir / "exceptions.py"
    if path.is_file() and class_members(path, "ResourceDoesNotExist") is not None:
        return f"{_dotted(path, src_root)}.ResourceDoesNotExist"
    return "rest_framework.exceptions.NotFound"
