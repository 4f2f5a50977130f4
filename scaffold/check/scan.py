"""Find endpoint classes: a byte prefilter over the tree, then `ast` on candidate modules only."""

from __future__ import annotations

import ast
import fnmatch
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from scaffold.check.source import (
    ALIAS_RE,
    HTTP_METHODS,
    ClassInfo,
    ModuleInfo,
    class_headers,
    read_module,
)

ROOT_CLASS = "Endpoint"


@dataclass(frozen=True)
class SourceFile:
    """A Python file under the source root and its dotted module name."""

    path: Path
    relpath: str  # POSIX, relative to the project root
    module: str
    is_package: bool


class Tree:
    """The target's modules under its source root, each read and parsed at most once."""

    def __init__(self, project_root: Path, src_root: Path, exclude: tuple[str, ...] = ()):
        self.project_root = project_root
        self.src_root = src_root
        self.exclude = exclude
        self._data: dict[str, bytes | None] = {}
        self._info: dict[str, ModuleInfo | None] = {}

    def source_file(self, path: Path) -> SourceFile | None:
        """The module of a .py file under the source root (None outside it or when excluded)."""
        try:
            rel = path.relative_to(self.src_root).with_suffix("")
            relpath = path.relative_to(self.project_root).as_posix()
        except ValueError:
            return None
        if self.excluded(relpath):
            return None
        is_package = rel.name == "__init__"
        parts = rel.parts[:-1] if is_package else rel.parts
        return SourceFile(path, relpath, ".".join(parts), is_package)

    def excluded(self, relpath: str) -> bool:
        return any(fnmatch.fnmatch(relpath, pattern) for pattern in self.exclude)

    def files(self) -> list[SourceFile]:
        """Every .py file under the source root, skipping caches, hidden and excluded folders."""
        found = []
        for folder, dirs, names in os.walk(self.src_root):
            dirs[:] = [d for d in dirs if not d.startswith((".", "__pycache__"))]
            for name in names:
                if name.endswith(".py"):
                    source = self.source_file(Path(folder, name))
                    if source is not None:
                        found.append(source)
        return found

    def file_for(self, module: str) -> SourceFile | None:
        base = self.src_root.joinpath(*module.split("."))
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                return self.source_file(candidate)
        return None

    def data(self, module: str) -> bytes | None:
        if module not in self._data:
            source = self.file_for(module)
            self._data[module] = source.path.read_bytes() if source else None
        return self._data[module]

    def remember(self, source: SourceFile, data: bytes) -> None:
        self._data.setdefault(source.module, data)

    def info(self, module: str) -> ModuleInfo | None:
        """The module read by `read_module` (None when not in the tree or unparsable)."""
        if module not in self._info:
            data = self.data(module)
            source = self.file_for(module) if data is not None else None
            self._info[module] = (
                read_module(data, module, source.relpath, source.is_package)
                if data is not None and source is not None
                else None
            )
        return self._info[module]


@dataclass
class EndpointClass:
    """A class that inherits from the root Endpoint, with the ancestry the rules need."""

    dotted: str
    info: ClassInfo
    module: ModuleInfo
    ancestry: list[tuple[str, ClassInfo | None]]  # None: an ancestor outside the tree
    endpoint_ancestors: set[str]

    @property
    def name(self) -> str:
        return self.info.name

    def handlers(self) -> dict[str, tuple[str, ClassInfo]]:
        """HTTP method -> (class that defines it, its info), first in the MRO."""
        found: dict[str, tuple[str, ClassInfo]] = {}
        for dotted, info in self.ancestry:
            for method in HTTP_METHODS:
                if info is not None and method in info.methods and method not in found:
                    found[method] = (dotted, info)
        return found

    def handles_itself(self) -> bool:
        """A handler on the class or on a non-endpoint mixin it inherits."""
        return any(
            dotted == self.dotted or dotted not in self.endpoint_ancestors
            for dotted, _ in self.handlers().values()
        )


class Resolver:
    """Resolves dotted names to class definitions and decides which classes are endpoints."""

    def __init__(self, tree: Tree, root: str):
        self.tree = tree
        self.root = root  # dotted path of the root Endpoint class
        self._endpoint: dict[str, bool] = {}
        self._classes: dict[str, EndpointClass | None] = {}

    def resolve(self, dotted: str, depth: int = 0) -> tuple[str, ModuleInfo, ClassInfo] | None:
        """Follow imports and re-exports to where a class is defined (None: not in the tree)."""
        module, _, name = dotted.rpartition(".")
        info = self.tree.info(module) if module and depth < 20 else None
        if info is None:
            return None
        if name in info.classes:
            return (dotted, info, info.classes[name])
        if name in info.imports:
            return self.resolve(info.imports[name], depth + 1)
        for star in info.star_imports:
            found = self.resolve(f"{star}.{name}", depth + 1)
            if found:
                return found
        return None

    def is_defined_nowhere(self, dotted: str) -> bool:
        """True when the module is in the tree and binds no such name at all."""
        module, _, name = dotted.rpartition(".")
        info = self.tree.info(module)
        if info is None or info.star_imports:
            return False
        if name in info.imports:
            return self.is_defined_nowhere(info.imports[name])
        is_submodule = self.tree.file_for(dotted) is not None
        return name not in info.classes and name not in info.names and not is_submodule

    def base_paths(self, module: ModuleInfo, info: ClassInfo) -> list[str]:
        return [p for p in (dotted_of(b, module) for b in info.bases) if p]

    def is_endpoint(self, dotted: str, seen: frozenset[str] = frozenset()) -> bool:
        if dotted in self._endpoint:
            return self._endpoint[dotted]
        found = self.resolve(dotted)
        result = False
        if found is not None and found[0] not in seen:
            defined, module, info = found
            result = defined == self.root or any(
                self.is_endpoint(base, seen | {defined}) for base in self.base_paths(module, info)
            )
        self._endpoint[dotted] = result
        return result

    def endpoint(self, dotted: str) -> EndpointClass | None:
        """The endpoint class `dotted` names, with its ancestry (None: not an endpoint)."""
        if dotted not in self._classes:
            self._classes[dotted] = self._endpoint_class(dotted)
        return self._classes[dotted]

    def _endpoint_class(self, dotted: str) -> EndpointClass | None:
        found = self.resolve(dotted)
        if found is None or not self.is_endpoint(found[0]):
            return None
        defined, module, info = found
        order: list[tuple[str, ClassInfo | None]] = []
        self._walk(defined, order, 0)
        mro: list[tuple[str, ClassInfo | None]] = []
        seen: set[str] = set()
        for dotted_path, class_info in reversed(order):  # keep last occurrences: close to C3
            if dotted_path not in seen:
                seen.add(dotted_path)
                mro.insert(0, (dotted_path, class_info))
        ancestors = {p for p, _ in mro if p != defined and self.is_endpoint(p)}
        return EndpointClass(defined, info, module, mro, ancestors)

    def _walk(self, dotted: str, order: list[tuple[str, ClassInfo | None]], depth: int) -> None:
        found = self.resolve(dotted)
        if found is None or depth > 30:
            order.append((dotted, None))
            return
        defined, module, info = found
        order.append((defined, info))
        if defined == self.root:
            return  # what Endpoint inherits (APIView) lies outside the tree
        for base in self.base_paths(module, info):
            self._walk(base, order, depth + 1)


def dotted_of(expr: ast.expr, module: ModuleInfo) -> str | None:
    """The dotted path a name expression (`Foo`, `mod.Foo`, `Foo[T]`) refers to."""
    if isinstance(expr, ast.Name):
        if expr.id in module.classes:
            return f"{module.module}.{expr.id}"
        return module.imports.get(expr.id)
    if isinstance(expr, ast.Attribute):
        head = dotted_of(expr.value, module)
        return f"{head}.{expr.attr}" if head else None
    if isinstance(expr, ast.Subscript):
        return dotted_of(expr.value, module)
    return None


def candidate_modules(tree: Tree, files: list[SourceFile]) -> list[str]:
    """Modules defining a class whose bases may lead to `Endpoint`, judged by names only.

    Reads bytes and runs two regexes per file; a fixed point over class and alias names
    over-approximates the endpoint classes, so only their modules are parsed afterwards.
    """
    children: dict[str, set[str]] = defaultdict(set)
    defined_in: dict[str, set[str]] = defaultdict(set)
    for source in files:
        data = source.path.read_bytes()
        if b"class" not in data:
            continue
        headers = class_headers(data)
        if not headers:
            continue
        tree.remember(source, data)
        for name, bases in headers:
            defined_in[name].add(source.module)
            for base in bases:
                children[base].add(name)
        if b" as " in data:
            for original, alias in ALIAS_RE.findall(data):
                children[original.decode()].add(alias.decode())
    names = {ROOT_CLASS}
    pending = [ROOT_CLASS]
    while pending:
        for child in children.get(pending.pop(), ()):
            if child not in names:
                names.add(child)
                pending.append(child)
    return sorted({module for name in names for module in defined_in.get(name, ())})


def find_endpoints(resolver: Resolver, modules: list[str]) -> list[EndpointClass]:
    """Every endpoint class defined at module level in `modules`."""
    found = []
    for module in modules:
        info = resolver.tree.info(module)
        for name in info.classes if info else ():
            endpoint = resolver.endpoint(f"{module}.{name}")
            if endpoint is not None and endpoint.dotted == f"{module}.{name}":
                found.append(endpoint)
    return found
