"""What a whole-tree answer rests on, so that an edit of a leaf module can update it instead of
checking the whole tree again (`commands/answer_update.py` merges; this module says which
modules are leaves and what a part covers).

A leaf is a candidate module whose edit can only change the findings about its own classes: no
class of another module inherits from one of its classes, the route walk did not read it, it is
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

from scaffold.project.settings import Settings
from scaffold.pysource.classes import EndpointClass
from scaffold.pysource.modules import ModuleInfo
from scaffold.pysource.tree import MARKERS, Tree
from scaffold.pysource.unresolved import Unresolved
from scaffold.pysource.urlconf import RouteEntry, RoutingReader
from scaffold.records import field, record

# (relpath, what) of an Unresolved a rule met for endpoints -> the modules defining those
# endpoints, and whether all of them met the very same Unresolved
Producers = dict[tuple[str, str], tuple[frozenset[str], bool]]


@record
class Leaf:
    relpath: str
    shape: str  # digest of `shape_text`
    concrete: int  # concrete endpoints defined in it


@record(frozen=False)
class Basis:
    """Of a whole-tree answer: its leaf modules (module -> Leaf), and who met each unresolved
    place the rules met for endpoints."""

    leaves: dict[str, Leaf] = field(default_factory=dict)
    producers: Producers = field(default_factory=dict)
    # every module the run asked the tree about (its headers aside, a module outside this set
    # was never read: an edit that keeps its headers changes nothing)
    consulted: frozenset[str] = frozenset()


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
    endpoints: list[EndpointClass],
    concrete: list[EndpointClass],
    producers: Producers,
) -> Basis:
    """The leaves among the candidate modules of a whole-tree run, and its producers."""
    tree = reader.tree
    others = bases_of_others(endpoints)
    counts = Counter(e.module.module for e in concrete)
    wide = _wide(settings, reader)
    leaves = {}
    for module in candidates:
        source = tree.file_for(module)
        if source is None or module in others or wide(module):
            continue
        if any(tree.mentions(source, marker) for marker in MARKERS):
            continue
        leaves[module] = Leaf(source.relpath, shape(tree.info(module)), counts[module])
    return Basis(leaves, dict(producers), frozenset(tree.asked))


def paths_part(
    tree: Tree,
    changed: set[str],
    routes: list[RouteEntry],
    concrete: list[EndpointClass],
    producers: Producers,
) -> Part:
    """What a PATHS-mode run of the `changed` modules covered."""
    sources = [s for m in sorted(changed) if (s := tree.file_for(m)) is not None]
    marked = any(tree.mentions(s, marker) for s in sources for marker in MARKERS)
    counts = Counter(e.module.module for e in concrete)
    return Part(
        frozenset((r.relpath, r.line) for r in routes),
        {m: shape(tree.info(m)) for m in changed},
        {m: counts[m] for m in changed},
        marked or len(sources) != len(changed),
        dict(producers),
        frozenset(tree.asked),
    )
