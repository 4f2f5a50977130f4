"""The endpoint base classes of the target, read statically, and the choice of base for a route."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

from scaffold.project.settings import Settings
from scaffold.pysource.convert_args import kwargs_access, kwargs_key
from scaffold.pysource.imports import absolute_import
from scaffold.pysource.modules import dotted_of
from scaffold.routes import Param

ROOT_CLASS = "Endpoint"
# Used only when a known base is found but its convert_args cannot be read (e.g. it comes from a
# mixin outside the scanned modules). Alternatives cover the old `*_slug` parameter names.
_KNOWN_BASES: dict[str, tuple[tuple[frozenset[str], ...], tuple[str, ...]]] = {
    "OrganizationEndpoint": (
        (frozenset({"organization_id_or_slug", "organization_slug"}),),
        ("organization",),
    ),
    "ProjectEndpoint": (
        (
            frozenset({"organization_id_or_slug", "organization_slug"}),
            frozenset({"project_id_or_slug", "project_slug"}),
        ),
        ("project",),
    ),
    "TeamEndpoint": (
        (
            frozenset({"organization_id_or_slug", "organization_slug"}),
            frozenset({"team_id_or_slug", "team_slug"}),
        ),
        ("team",),
    ),
}


_SILO_PREFIXES = ("ControlSilo", "RegionSilo", "CellSilo", "AllSilo", "MonolithSilo")


def _silo_prefix(silo: str) -> str:
    """`control` -> `ControlSilo`: how bases specialised for one silo are named."""
    return f"{silo.capitalize()}Silo"


@dataclass(frozen=True)
class BaseClass:
    """An endpoint base: which URL parameters its convert_args consumes and what it injects."""

    name: str
    module: str
    consumes: tuple[frozenset[str], ...]  # in route order; each a set of accepted names
    injects: tuple[str, ...]
    injected_types: dict[str, str] = field(default_factory=dict, compare=False)  # obj -> dotted
    depth: int = 0

    def leads(self, params: tuple[Param, ...]) -> bool:
        """True when the route's first parameters are exactly the ones this base consumes."""
        return len(params) >= len(self.consumes) and all(
            p.name in names for p, names in zip(params, self.consumes, strict=False)
        )


@dataclass
class _ModuleInfo:
    module: str
    imports: dict[str, str]  # local name -> dotted path of what it names
    classes: dict[str, ast.ClassDef]


class Catalog:
    """Base classes found under api/base.py, api/bases/*.py and configured base modules."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._modules: dict[str, _ModuleInfo | None] = {}
        self._bases: dict[str, BaseClass | None] = {}  # dotted path -> base (None: not one)
        api = settings.urls_path.parent
        files = [api / "base.py", *sorted((api / "bases").glob("*.py"))]
        modules = [settings.module_for(f) for f in files if f.is_file()]
        for module in (*modules, *settings.base_modules):
            info = self._load(module)
            for name in info.classes if info else ():
                self._resolve(f"{module}.{name}")
        self.root = self._bases.get(f"{settings.api_module}.base.{ROOT_CLASS}")

    @property
    def bases(self) -> list[BaseClass]:
        return [b for b in self._bases.values() if b is not None]

    def find(self, name: str) -> BaseClass | None:
        """A base by class name or dotted path."""
        if "." in name:
            return self._resolve(name)
        matches = [b for b in self.bases if b.name == name]
        return min(matches, key=lambda b: (b.depth, b.module)) if matches else None

    def choose(self, params: tuple[Param, ...], silo: str | None = None) -> BaseClass | None:
        """The most specific base whose consumed parameters lead the route.

        Among bases consuming the same parameters, prefer one named for the resource's silo
        (`ControlSiloOrganizationEndpoint` for `control_silo_endpoint`), then one named for no
        silo, then the canonical names (`OrganizationEndpoint`, ...), then the most general.
        """
        fitting = [b for b in self.bases if b.leads(params)]
        if not fitting:
            return None
        wanted = _silo_prefix(silo.removesuffix("_silo_endpoint")) if silo else None

        def preference(base: BaseClass) -> tuple[int, int, int, int, str, str]:
            prefix = next((p for p in _SILO_PREFIXES if base.name.startswith(p)), None)
            silo_rank = 0 if prefix and prefix == wanted else 1 if prefix is None else 2
            canonical = 0 if base.name in _KNOWN_BASES else 1
            return (-len(base.consumes), silo_rank, canonical, base.depth, base.name, base.module)

        return min(fitting, key=preference)

    def _load(self, module: str) -> _ModuleInfo | None:
        if module in self._modules:
            return self._modules[module]
        path = self._settings.path_for(module)
        info = _read_module(module, path) if path else None
        self._modules[module] = info
        return info

    def _resolve(self, dotted: str, seen: frozenset[str] = frozenset()) -> BaseClass | None:
        if dotted in self._bases or dotted in seen:
            return self._bases.get(dotted)
        module, _, name = dotted.rpartition(".")
        info = self._load(module)
        if info is None:
            return None
        if name not in info.classes:
            target = info.imports.get(name)
            return self._resolve(target, seen | {dotted}) if target else None
        node = info.classes[name]
        is_root = name == ROOT_CLASS and module == f"{self._settings.api_module}.base"
        parent: BaseClass | None = None
        for base_expr in node.bases:
            base_path = dotted_of(base_expr, info)
            found = self._resolve(base_path, seen | {dotted}) if base_path else None
            if found is not None:
                parent = found
                break
        if parent is None and not is_root:
            self._bases[dotted] = None
            return None
        result = _describe(name, module, node, info, parent)
        self._bases[dotted] = result
        return result


def _read_module(module: str, path: Path) -> _ModuleInfo | None:
    try:
        tree = ast.parse(path.read_bytes(), filename=str(path))
    except (OSError, SyntaxError, ValueError):
        return None
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    imports: dict[str, str] = {}
    classes: dict[str, ast.ClassDef] = {}
    for node in ast.walk(tree):  # includes `if TYPE_CHECKING:` imports
        if isinstance(node, ast.ImportFrom):
            source = absolute_import(package, node.module, node.level)
            for alias in node.names:
                imports[alias.asname or alias.name] = f"{source}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                imports[alias.asname or alias.name.split(".")[0]] = (
                    alias.name if alias.asname else alias.name.split(".")[0]
                )
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            classes[node.name] = node
    return _ModuleInfo(module, imports, classes)


def _describe(
    name: str, module: str, node: ast.ClassDef, info: _ModuleInfo, parent: BaseClass | None
) -> BaseClass:
    consumes = list(parent.consumes) if parent else []
    injects = list(parent.injects) if parent else []
    types = dict(parent.injected_types) if parent else {}
    method = next(
        (s for s in node.body if isinstance(s, ast.FunctionDef) and s.name == "convert_args"), None
    )
    if method is not None:
        own_params, own_injects, own_types = _read_convert_args(method, info, set(injects))
        known = set().union(*consumes) if consumes else set()
        consumes += [names for names in own_params if not names & known]
        injects += [obj for obj in own_injects if obj not in injects]
        types.update(own_types)
    if not consumes and not injects and name in _KNOWN_BASES:
        known_consumes, known_injects = _KNOWN_BASES[name]
        consumes, injects = list(known_consumes), list(known_injects)
    for obj in injects:
        guess = info.imports.get(obj[:1].upper() + obj[1:])
        if obj not in types and guess:
            types[obj] = guess
    return BaseClass(
        name=name,
        module=module,
        consumes=tuple(consumes),
        injects=tuple(injects),
        injected_types=types,
        depth=parent.depth + 1 if parent else 0,
    )


def _read_convert_args(
    method: ast.FunctionDef, info: _ModuleInfo, inherited: set[str]
) -> tuple[list[frozenset[str]], list[str], dict[str, str]]:
    """URL parameters a convert_args consumes (signature or kwargs reads, `or` chains as
    alternatives), the objects it stores in kwargs, and their types when they can be traced."""
    args = method.args
    skip = {"self", "request", "cls"}
    params = [frozenset({a.arg}) for a in (*args.posonlyargs, *args.args) if a.arg not in skip]
    kwargs_name = args.kwarg.arg if args.kwarg else "kwargs"
    injects: list[str] = []
    types: dict[str, str] = {}
    assigned: dict[str, ast.expr] = {}
    for stmt in ast.walk(method):
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            assigned[stmt.target.id] = stmt.annotation
        if isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    assigned[target.id] = stmt.value
                key = kwargs_key(target, kwargs_name)
                if key and isinstance(target, ast.Subscript) and key not in injects:
                    injects.append(key)
                    model = _root_model(stmt.value, assigned, info)
                    if model:
                        types[key] = model
    taken = inherited | set(injects)
    for node in ast.walk(method):
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
            names = {k for v in node.values if (k := _kwargs_read(v, kwargs_name))}
            if names - taken and all(names.isdisjoint(p) for p in params):
                params.append(frozenset(names - taken))
    for node in ast.walk(method):
        key = _kwargs_read(node, kwargs_name)
        if key and key not in taken and not any(key in p for p in params):
            params.append(frozenset({key}))
    return params, injects, types


def _kwargs_read(node: ast.AST, kwargs_name: str) -> str | None:
    """`kwargs["x"]` (load), `kwargs.pop("x", ...)`, `kwargs.get("x", ...)` -> "x"."""
    access = kwargs_access(node, kwargs_name)
    return access[0] if access else None


def _root_model(value: ast.expr, assigned: dict[str, ast.expr], info: _ModuleInfo) -> str | None:
    """Follow `x = Model.objects....get()` back to `Model` and its import path."""
    seen = 0
    while seen < 20:
        seen += 1
        if isinstance(value, ast.Name):
            if value.id in assigned and assigned[value.id] is not value:
                value = assigned.pop(value.id)
                continue
            if value.id[:1].isupper():
                return info.imports.get(value.id) or (
                    f"{info.module}.{value.id}" if value.id in info.classes else None
                )
            return None
        if isinstance(value, ast.Call):
            value = value.func
        elif isinstance(value, (ast.Attribute, ast.Subscript)):
            value = value.value
        else:
            return None
    return None
