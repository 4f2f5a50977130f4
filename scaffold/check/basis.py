"""What a whole-tree answer rests on, so that an edit of a leaf module can update it instead of
checking the whole tree again (`commands/answer_update.py` merges; this module says which
modules are leaves and what a part covers).

A leaf is a candidate module whose edit can only change the findings about its own classes: no
class of another module inherits from one of its classes, neither the route walk nor the scan
of other urlconfs asked about it (a helper reading a class attribute does), it is
no URL, base or root module, and it mentions neither `urlpatterns` nor `as_view` (it serves
nothing). While its shape (imports, names, class headers) stays the same, every fact other
modules take from it stays the same too; what may change is its classes' handlers,
`convert_args`, owners and lines. Those reach the findings located in the module itself, the
param-mismatch findings of the routes serving its classes, the unresolved places its classes'
flows meet, and the count of concrete endpoints: exactly what a PATHS-mode check of the module
computes (its `Part`).
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from scaffold.pysource.tree import MARKERS
from scaffold.records import field, record

if TYPE_CHECKING:  # the kept answer reads a Basis without them
    from scaffold.check.rules import Analysis
    from scaffold.project.settings import Settings
    from scaffold.pysource.classes import EndpointClass, Resolver
    from scaffold.pysource.modules import ClassInfo, ModuleInfo
    from scaffold.pysource.unresolved import Unresolved
    from scaffold.pysource.urlconf import RouteEntry, RoutingReader

# (relpath, what) of an Unresolved a rule met for endpoints -> the modules defining those
# endpoints, and whether all of them met the very same Unresolved
Producers = dict[tuple[str, str], tuple[frozenset[str], bool]]


@record
class Leaf:
    relpath: str
    shape: str  # digest of `shape`'s text
    concrete: int  # concrete endpoints defined in it
    routes: tuple[int, ...]  # the routes serving its classes, as indexes into the walk


@record(frozen=False)
class Basis:
    """Of a whole-tree answer: its leaf modules (module -> Leaf), and who met each unresolved
    place the rules met for endpoints."""

    leaves: dict[str, Leaf] = field(default_factory=dict)
    producers: Producers = field(default_factory=dict)
    # every module the run asked the tree about (its headers aside, a module outside this set
    # was never read: an edit that keeps its headers changes nothing)
    consulted: frozenset[str] = frozenset()
    walk_size: int = 0  # routes in the walk `Leaf.routes` index


@record
class Part:
    """Of a PATHS-mode answer that was not widened: the routes it checked (relpath, line), each
    changed module's shape digest and concrete endpoints, whether one mentions a URL marker,
    and its producers."""

    routes: frozenset[tuple[str, int]]
    shapes: dict[str, str]
    concrete: dict[str, int]
    marked: bool
    producers: Producers
    consulted: frozenset[str]  # every module the part asked about
    walk_size: int  # routes in the walk its routes were taken from
    shared: bool  # a route it did not check starts on the line of one it did


def shape(info: ModuleInfo | None) -> str:
    """A digest of what other modules take from this one: its imports, names and class headers
    (not its classes' methods, owners or lines)."""
    if info is None:
        return "unparsed"
    classes = [(name, c.base_paths) for name, c in info.classes.items()]
    text = repr(
        (
            info.module,
            info.path_relpath,
            sorted(info.imports.items()),
            info.star_imports,
            sorted(info.names),
            classes,
            info.star_lines,  # the order of its bindings and what it exports (star_binding)
            sorted(info.bound_lines.items()),
            info.exports,
        )
    ).encode()
    return f"{len(text):x}-{zlib.crc32(text):08x}{zlib.adler32(text):08x}"


def bases_of_others(endpoints: list[EndpointClass]) -> set[str]:
    """Modules defining a class in the ancestry of an endpoint defined in another module."""
    found: set[str] = set()
    for endpoint in endpoints:
        own = endpoint.module.module
        found.update(m.module for m in endpoint.modules.values() if m.module != own)
    return found


def note_producer(producers: Producers, found: Unresolved, module: str, first: Unresolved) -> None:
    """`module`'s endpoint met `found`; `first` is what the rule kept for its (relpath, what)."""
    key = (found.relpath, found.what)
    modules, alike = producers.get(key, (frozenset(), True))
    producers[key] = (modules | {module}, alike and found == first)


def affects_everything(settings: Settings, reader: RoutingReader, changed: set[str]) -> bool:
    """A changed URL module, the root Endpoint's module, or a module of bases (api/base.py and
    api/bases/ of the package and of the root's package, [tool.scaffold] base-modules)."""
    return any(map(_wide(settings, reader), changed))


_INHERITED = frozenset(
    {"get", "post", "put", "patch", "delete", "head", "options", "dispatch", "initial"}
)


def lends_handlers(resolver: Resolver, changed: set[str]) -> bool:
    """A changed module defines a class endpoints elsewhere may inherit what the check compares
    from: handlers (or `dispatch`, `http_method_names`, a `convert_args`) on a class that is no
    endpoint (a mixin), or a `convert_args` on an endpoint handling no method of its own (a base
    kept beside the endpoints). Those endpoints live in other files: the whole tree is checked.
    (A concrete endpoint's own `convert_args` is checked with it; one that endpoints elsewhere
    also inherit is checked there by a whole-tree run.)"""
    for module in changed:
        info = resolver.tree.info(module)
        for name, found in info.classes.items() if info is not None else ():
            if _lends(resolver, f"{module}.{name}", found):
                return True
        source = resolver.tree.file_for(module) if info is not None else None
        if source is not None and source.is_package:  # an __init__ re-exporting one?
            for target in info.imports.values():  # type: ignore[union-attr]
                resolved = resolver.resolve(target)
                if resolved is not None and _lends(resolver, resolved[0], resolved[2]):
                    return True
    return False


def _lends(resolver: Resolver, dotted: str, found: ClassInfo) -> bool:
    handles = bool(_INHERITED & set(found.methods))
    lends = handles or found.http_methods is not None or found.convert_args is not None
    return lends and (not resolver.is_endpoint(dotted) or not handles)


def _wide(settings: Settings, reader: RoutingReader) -> Callable[[str], bool]:
    """Whether a change of a module widens a PATHS-mode run to the whole tree."""
    bases = {*settings.base_module_names(), settings.endpoint_root.rpartition(".")[0]}
    packages = tuple(f"{m}." for m in bases if m.endswith(".bases"))

    def wide(module: str) -> bool:
        return (
            module in reader.modules
            or module in bases
            or module.startswith(packages)
            or module.rpartition(".")[2].endswith("urls")
        )

    return wide


def whole_basis(
    settings: Settings,
    reader: RoutingReader,
    candidates: list[str],
    resolver: Resolver,
    concrete: list[EndpointClass],
    analysis: Analysis,
) -> Basis:
    """The leaves among the candidate modules of a whole-tree run, and its producers."""
    tree = reader.tree
    others = bases_of_others(analysis.endpoints)
    counts = Counter(e.module.module for e in concrete)
    serving: dict[str, list[int]] = {}
    for index, route in enumerate(reader.routes):
        found = resolver.resolve(route.view.dotted) if route.view and route.view.dotted else None
        if found is not None:
            serving.setdefault(found[0].rpartition(".")[0], []).append(index)
    wide = _wide(settings, reader)
    leaves = {}
    for module in candidates:
        source = tree.file_for(module)
        if source is None or module in others or module in reader.asked or wide(module):
            continue
        if any(tree.mentions(source, marker) for marker in MARKERS):
            continue
        info = tree.info(module)
        routes = tuple(serving.get(module, ()))
        leaves[module] = Leaf(source.relpath, shape(info), counts[module], routes)
    return Basis(leaves, dict(analysis.producers), frozenset(tree.asked), len(reader.routes))


def paths_part(
    changed: set[str],
    reader: RoutingReader,
    routes: list[RouteEntry],
    concrete: list[EndpointClass],
    producers: Producers,
) -> Part:
    """What a PATHS-mode run of the `changed` modules covered."""
    tree = reader.tree
    sources = [s for m in sorted(changed) if (s := tree.file_for(m)) is not None]
    marked = any(tree.mentions(s, marker) for s in sources for marker in MARKERS)
    counts = Counter(e.module.module for e in concrete)
    lines = frozenset((r.relpath, r.line) for r in routes)
    checked = {id(r) for r in routes}
    shared = any((r.relpath, r.line) in lines for r in reader.routes if id(r) not in checked)
    return Part(
        lines,
        {m: shape(tree.info(m)) for m in changed},
        {m: counts[m] for m in changed},
        marked or len(sources) != len(changed),
        dict(producers),
        frozenset(tree.asked),
        len(reader.routes),
        shared,
    )
