"""The target project's settings, discovered once into a frozen value and passed down."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

from scaffold.errors import ProjectError
from scaffold.project import api_facts, config_table, discovery
from scaffold.project.api_facts import EnumInfo
from scaffold.project.line_length import configured_line_length, file_line_length
from scaffold.pysource.project_facts import (
    neighbours_future_imports,
    read_base_module,
    uses_annotations,
)
from scaffold.pysource.tree import Tree
from scaffold.records import field, record


@record
class Settings:
    """Everything scaffold knows about the target project; built by `load_settings`."""

    project_root: Path
    src_root: Path
    package: str
    urls_path: Path
    endpoints_dir: Path
    # [tool.scaffold], [tool.black] or [tool.ruff] line-length; None: the `line_length`
    # property reads urls.py when generation first asks
    configured_line_length: int | None
    silo_decorators: tuple[str, ...]
    default_silo: str | None
    base_modules: tuple[str, ...]
    owner_enum: EnumInfo | None
    publish_status_enum: EnumInfo | None
    not_found_class: str  # dotted path of the 404 exception
    url_name_prefix: str | None
    # whether generated code carries annotations (False for Python 2 era codebases whose bases
    # carry none): [tool.scaffold] annotations, or True when api/base.py is annotated; None:
    # the `annotations` property reads `annotation_sources` when generation first asks
    annotated: bool | None
    future_imports: tuple[str, ...] = ()  # `from __future__ import ...` names of api/base.py
    black_options: dict[str, bool] = field(default_factory=dict)  # skip-* flags of [tool.black]
    python_min: tuple[int, int] | None = None  # lowest Python the project declares, if any
    check_options: dict[str, Any] = field(default_factory=dict)  # [tool.scaffold.check]
    endpoint_root: str = ""  # dotted path where the root Endpoint class is defined
    routing_urls_path: Path | None = None  # the urls.py the route walk starts from
    tests_dir: Path | None = None  # root of the test tree ([tool.scaffold] tests, or tests/)
    testutils_dir: Path | None = None  # the test utilities ([tool.scaffold] testutils)
    templates_dir: Path | None = None  # the project's templates ([tool.scaffold] templates)
    annotation_sources: tuple[Path, ...] = ()  # api/bases/*.py, read only when `annotated` is None

    @cached_property
    def line_length(self) -> int:
        """The line length generated code and new entries are laid out at (the check never
        asks)."""
        if self.configured_line_length is not None:
            return self.configured_line_length
        return file_line_length(self.urls_path, sorted(self.endpoints_dir.glob("*.py")))

    @cached_property
    def annotations(self) -> bool:
        """Whether generated code carries annotations; the bases are parsed only when asked
        (the check never asks)."""
        if self.annotated is not None:
            return self.annotated
        return uses_annotations(self.annotation_sources)

    @cached_property
    def module_future_imports(self) -> tuple[str, ...]:
        """The `from __future__` names a new endpoint module starts with: those most modules of
        the endpoints folder import, else (an empty folder) api/base.py's."""
        folder = sorted(p for p in self.endpoints_dir.glob("*.py") if p.name != "__init__.py")
        found = neighbours_future_imports(folder)
        return self.future_imports if found is None else found

    def future_imports_in(self, folder: Path) -> tuple[str, ...]:
        """The `__future__` names a new module in `folder` starts with: those most of its
        modules import (a domain package keeps its own), else `module_future_imports`."""
        if folder == self.endpoints_dir:
            return self.module_future_imports
        modules = sorted(p for p in folder.glob("*.py") if p.name != "__init__.py")
        found = neighbours_future_imports(modules)
        return self.module_future_imports if found is None else found

    @property
    def api_module(self) -> str:
        return self.module_for(self.urls_path.parent / "__init__.py")

    @property
    def routing_urls(self) -> str:
        """The module the route walk starts from: the API urls.py, or another package's API
        urls.py that includes it (a fork's second API package)."""
        return self.module_for(self.routing_urls_path or self.urls_path)

    def base_module_names(self) -> list[str]:
        """Modules that define endpoint bases: api/base.py and api/bases/*.py of the package
        and of the package the root Endpoint lives in, then [tool.scaffold] base-modules."""
        api_dirs = [self.urls_path.parent]
        root_file = self.path_for(self.endpoint_root.rpartition(".")[0])
        if root_file is not None and root_file.parent not in api_dirs:
            api_dirs.append(root_file.parent)
        files = [f for a in api_dirs for f in [a / "base.py", *sorted((a / "bases").glob("*.py"))]]
        modules = [self.module_for(f) for f in files if f.is_file()]
        return list(dict.fromkeys([*modules, *self.base_modules]))

    def module_for(self, path: Path) -> str:
        """Dotted module name of a file under the source root."""
        rel = path.relative_to(self.src_root).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        return ".".join(parts)

    def path_for(self, module: str) -> Path | None:
        """The file of a dotted module under the source root, if it exists (a package before a
        module of the same name, as Python imports them)."""
        base = self.src_root.joinpath(*module.split("."))
        for candidate in (base / "__init__.py", base.with_suffix(".py")):
            if candidate.is_file():
                return candidate
        return None

    def relpath(self, path: Path) -> str:
        """`path` relative to the project root, for messages."""
        try:
            return str(path.relative_to(self.project_root))
        except ValueError:
            return str(path)


def writing_settings(project_root: Path | None, package_option: str | None = None) -> Settings:
    """`load_settings` for a command that writes: a `--project` naming the source folder is
    refused (read as a flat layout, generated tests would go to src/tests/)."""
    if project_root is not None and discovery.is_source_folder(project_root.resolve()):
        raise ProjectError(
            f"{project_root}: the source folder, not the project's root; pass --project "
            f"{project_root.resolve().parent}"
        )
    return load_settings(project_root, package_option)


def load_settings(project_root: Path | None, package_option: str | None = None) -> Settings:
    """Discover the Sentry-shaped layout under `project_root` (None: the project the current
    folder is in, `discovery.find_project_root`), applying [tool.scaffold]; `package_option`
    (`--package`) replaces its `package`."""
    if project_root is None:
        project_root = discovery.find_project_root(Path.cwd())
    root = project_root.resolve()
    if not root.is_dir():
        raise ProjectError(f"{project_root}: not a directory; pass --project with the project root")
    pyproject = discovery.read_pyproject(root)
    config = config_table.scaffold_table(root, pyproject)
    if package_option is not None:
        config = discovery.with_package(root, config, package_option)
    urls_path = discovery.find_urls(root, config)
    package = str(config.get("package") or "")
    src_root = discovery.src_root_for(root, urls_path, package)
    package = package or urls_path.relative_to(src_root).parts[0]
    endpoints_dir = discovery.find_endpoints_dir(root, config, urls_path)
    tree = Tree(root, src_root)
    endpoint_root = api_facts.endpoint_root(root, config, tree, urls_path, src_root, endpoints_dir)
    api_dir = urls_path.parent
    root_file = tree.file_for(endpoint_root.rpartition(".")[0])
    root_dir = Path(root_file.path).parent if root_file else api_dir
    fact_dirs = list(dict.fromkeys([api_dir, root_dir]))  # enums, exceptions: mine, else root's
    base_facts = read_base_module(api_dir / "base.py")
    silos = base_facts.silo_decorators
    configured = config.get("annotations")
    annotated = bool(configured) if configured is not None else (base_facts.annotated or None)
    bases = () if annotated is not None else tuple(sorted((api_dir / "bases").glob("*.py")))
    return Settings(
        project_root=root,
        src_root=src_root,
        package=package,
        urls_path=urls_path,
        endpoints_dir=endpoints_dir,
        configured_line_length=configured_line_length(pyproject, config, root),
        silo_decorators=silos,
        default_silo=api_facts.default_silo(silos, config.get("silo-decorator"), root),
        base_modules=config_table.existing_base_modules(root, src_root, config),
        owner_enum=api_facts.find_enum(fact_dirs, src_root, "ApiOwner", "api_owners.py"),
        publish_status_enum=api_facts.find_enum(
            fact_dirs, src_root, "ApiPublishStatus", "api_publish_status.py"
        ),
        not_found_class=api_facts.not_found_class(fact_dirs, src_root),
        url_name_prefix=discovery.url_name_prefix(root, config),
        annotated=annotated,
        annotation_sources=bases,
        future_imports=base_facts.future_imports,
        python_min=discovery.python_min(pyproject),
        check_options=dict(config.get("check") or {}),
        black_options=discovery.black_options(pyproject),
        endpoint_root=endpoint_root,
        routing_urls_path=api_facts.routing_urls(tree, urls_path, src_root),
        tests_dir=config_table.existing_folder(root, config, "tests") or root / "tests",
        testutils_dir=config_table.existing_folder(root, config, "testutils")
        or discovery.default_testutils(src_root, package, endpoint_root),
        templates_dir=config_table.configured_folder(root, config, "templates"),
    )
