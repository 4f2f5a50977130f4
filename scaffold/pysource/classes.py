"""Endpoint classes: names resolved through imports and re-exports to their definitions, and
the ancestry (MRO) of each (`candidates.py` finds the modules that may define them)."""

from __future__ import annotations

import re
from collections.abc import Callable

from scaffold.pysource.absent_names import Absent, absent_from
from scaffold.pysource.imports import SUBMODULES
from scaffold.pysource.modules import HTTP_METHODS, ClassInfo, ModuleInfo
from scaffold.pysource.mro import FRAMEWORK, method_order
from scaffold.pysource.scope_names import UNREAD_BASE
from scaffold.pysource.star_binding import AFTER_STARS, Scope, bound_in
from scaffold.pysource.tree import Tree
from scaffold.records import field, record

_BASE_MODULE_NAMES = frozenset({"base", "bases"})


@record(frozen=False)
class EndpointClass:
    """A class that inherits from the root Endpoint, with the ancestry the rules need."""

    dotted: str
    info: ClassInfo
    module: ModuleInfo
    ancestry: list[tuple[str, ClassInfo | None]]  # None: an ancestor outside the tree
    endpoint_ancestors: set[str]
    modules: dict[str, ModuleInfo] = field(default_factory=dict)  # class in the MRO -> its module
    root: str = ""  # dotted path of the root Endpoint: what it defines makes nothing concrete
    # where DRF's APIView and Django's View fall in the ancestry: before the class at this index
    # (a mixin listed after an endpoint base comes after them); None: after the last
    framework_at: int | None = None
    # where the class a dotted name is bound to is defined (`Resolver.defined_as`)
    defined_as: Callable[[str], str | None] | None = None

    @property
    def name(self) -> str:
        return self.info.name

    def handlers(self) -> dict[str, tuple[str, ClassInfo]]:
        """HTTP method -> (class that defines it, its info), first in the MRO."""
        found: dict[str, tuple[str, ClassInfo]] = {}
        for index, (dotted, info) in enumerate(self.ancestry):
            for method in HTTP_METHODS:
                if info is not None and method in info.methods and method not in found:
                    if method == "options" and index >= self.framework_end:
                        continue  # View's options() comes first
                    found[method] = (dotted, info)
        return found

    @property
    def framework_end(self) -> int:
        """The index of the first class of the ancestry that comes after APIView and View."""
        return len(self.ancestry) if self.framework_at is None else self.framework_at

    def handles_itself(self) -> bool:
        """Meant to be routed (the rules also ask that no endpoint inherits from it): a handler
        of its own or from a mixin; outside base modules, also a handler inherited from an
        endpoint base, or a `dispatch` of its own or from a mixin. What the root Endpoint
        defines counts for nothing (every endpoint inherits it)."""
        if self.dotted == self.root:
            return False
        handlers = self.handlers().values()
        if any(d == self.dotted or d not in self.endpoint_ancestors for d, _ in handlers):
            return True
        if _BASE_MODULE_NAMES & set(self.module.module.split(".")):
            return False  # a base by where it lives (api/bases/, plugins/bases/, .../base.py)
        if any(dotted != self.root for dotted, _ in handlers):
            return True
        dispatch = next(
            (d for d, i in self.ancestry if i is not None and "dispatch" in i.methods), None
        )
        return dispatch is not None and (
            dispatch == self.dotted or dispatch not in self.endpoint_ancestors
        )


_MOST_STEPS = 400  # names one resolution may try


class Resolver:
    """Resolves dotted names to class definitions and decides which classes are endpoints."""

    def __init__(self, tree: Tree, root: str):
        self.tree = tree
        self.root = root  # dotted path of the root Endpoint class
        self._endpoint: dict[str, bool] = {}
        self._classes: dict[str, EndpointClass | None] = {}
        self._submodule_class: dict[tuple[str, str], str | None] = {}

    def resolve(
        self, dotted: str, seen: set[str] | None = None
    ) -> tuple[str, ModuleInfo, ClassInfo] | None:
        """Follow imports and re-exports to where a class is defined (None: not in the tree).
        Each dotted name is tried once per call (`seen`): star imports that import one another
        (`serializers` star-importing `models`, whose modules import from `serializers`) made
        the search exponential (16 s for twelve such modules)."""
        seen = set() if seen is None else seen
        module, _, name = dotted.rpartition(".")
        if dotted in seen or len(seen) > _MOST_STEPS:
            return None
        seen.add(dotted)
        info = self.tree.info(module) if module else None
        if info is None:
            return None
        bound = bound_in(self._scope, info, name, {module}) if info.star_imports else None
        target = info.own(name) if bound is None else (bound.dotted, 0)
        if bound is not None and bound.unsure is not None:
            return None  # a star import the reader cannot judge may bind it
        if target is None or target[0] is None:
            return None
        if target[0] == dotted:
            return (dotted, info, info.classes[name]) if name in info.classes else None
        return self.resolve(target[0], seen)

    def _scope(self, module: str) -> tuple[Scope, list[str] | None] | None:
        """A module as a star walk reads it (`import_submodules`: its submodules' classes)."""
        if module.endswith(SUBMODULES):
            return _Submodules(self, module.removesuffix(SUBMODULES)), None
        info = self.tree.info(module)
        return (info, info.exports) if info is not None else None

    def submodule_class(self, package: str, name: str) -> str | None:
        """The one submodule of `package` defining a class `name` (`import_submodules` binds
        each submodule's public names); None when none or several do."""
        key = (package, name)
        if key not in self._submodule_class:
            header = re.compile(rb"^class[ \t]+%s\b" % name.encode(), re.MULTILINE)
            prefix = package + "."
            defining = [
                source.module
                for source in self.tree.files()
                if source.module.startswith(prefix)
                and header.search(self.tree.data(source.module) or b"")
            ]
            one = len(defining) == 1 and not name.startswith("_")
            self._submodule_class[key] = defining[0] if one else None
        return self._submodule_class[key]

    def defined_nowhere(self, dotted: str) -> Absent | None:
        """Proof that the module (of the tree) of a dotted name has no such name, followed
        through the imports binding it (`absent_names.absent_from`); None: it may have it."""
        seen: set[str] = set()
        while dotted not in seen:
            seen.add(dotted)
            module, _, name = dotted.rpartition(".")
            info = self.tree.info(module)
            if info is None or name not in info.imports or info.star_imports:
                return absent_from(self.tree, module, name) if module else None
            dotted = info.imports[name]
        return None

    def base_paths(self, module: ModuleInfo, info: ClassInfo) -> list[str]:
        return info.base_paths

    def undecided(self, dotted: str, depth: int = 0) -> bool:
        """True when a class of the tree, or one of its ancestors there, has a base the reader
        cannot follow: a call or expression (`Base = A if X else B` used as a base, or
        `make_base()`), a name its module binds by code, or a module of the tree that does not
        parse: whether it is an endpoint is then not known (a base outside the tree is known
        not to be one)."""
        found = self.resolve(dotted) if depth < 30 else None
        if found is None:
            module = dotted.rpartition(".")[0]
            in_tree = self.tree.info(module) is not None or self.tree.file_for(module) is not None
            return dotted == UNREAD_BASE or (depth > 0 and in_tree)
        return any(self.undecided(base, depth + 1) for base in self.base_paths(found[1], found[2]))

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
        modules: dict[str, ModuleInfo] = {}
        infos: dict[str, ClassInfo | None] = {}
        order = method_order(defined, lambda d: self._bases(d, modules, infos))
        framework_at = order.index(FRAMEWORK) if FRAMEWORK in order else len(order)
        mro = [(d, infos.get(d)) for d in order if d != FRAMEWORK]
        ancestors = {p for p, _ in mro if p != defined and self.is_endpoint(p)}
        return EndpointClass(
            defined, info, module, mro, ancestors, modules, self.root, framework_at, self.defined_as
        )

    def defined_as(self, dotted: str) -> str | None:
        """The dotted path of the class `dotted` names, where the tree defines it (None: not a
        class of the tree, or a binding the reader cannot judge)."""
        found = self.resolve(dotted)
        return found[0] if found is not None else None

    def _bases(
        self, dotted: str, modules: dict[str, ModuleInfo], infos: dict[str, ClassInfo | None]
    ) -> tuple[str, ...]:
        """The bases of `dotted` (a class's defining path), each by its defining path; the
        root's is what it inherits from the framework."""
        found = self.resolve(dotted) if dotted != FRAMEWORK else None
        if found is None:
            return ()
        defined, module, info = found
        infos[defined], modules[defined] = info, module
        if defined == self.root:
            return (FRAMEWORK,)
        resolved = ((b, self.resolve(b)) for b in self.base_paths(module, info))
        return tuple(r[0] if r is not None else b for b, r in resolved)


@record
class _Submodules:
    """`import_submodules(globals(), __name__, __path__)` as a star walk reads it: a name is
    the class the one submodule defining it binds."""

    resolver: Resolver
    package: str

    def own(self, name: str) -> tuple[str, int] | None:
        module = self.resolver.submodule_class(self.package, name)
        return (f"{module}.{name}", AFTER_STARS) if module else None

    def stars_at(self) -> list[tuple[str, int]]:
        return []


def concrete_endpoints(endpoints: list[EndpointClass]) -> list[EndpointClass]:
    """The endpoints meant to be routed: they handle a request themselves and no endpoint
    class of `endpoints` inherits from them (what `check` counts, `list` lists and
    unregistered-endpoint asks routes for)."""
    bases = {a for e in endpoints for a in e.endpoint_ancestors}
    return [e for e in endpoints if e.dotted not in bases and e.handles_itself()]


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
