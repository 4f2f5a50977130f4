"""Where a project's endpoints start and where its routes start: the root Endpoint class that
the endpoint classes lead to through their imports, and the urls.py that includes the others."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from scaffold.pysource.candidates import ROOT_CLASS
from scaffold.pysource.classes import Resolver
from scaffold.pysource.tree import Tree
from scaffold.pysource.urlconf import RoutingReader

_MAX_DEPTH = 30


def class_paths(tree: Tree, modules: Iterable[str]) -> list[str]:
    """The dotted paths of the module-level classes of `modules`, and of the names they import
    (what a urls.py imports are its views)."""
    found: list[str] = []
    for module in modules:
        info = tree.info(module)
        if info is not None:
            found += [f"{module}.{name}" for name in info.classes]
            found += info.imports.values()
    return found


def find_endpoint_root(tree: Tree, classes: Iterable[str], name: str = ROOT_CLASS) -> str | None:
    """The class named `name` that `classes` lead to through their bases (followed through
    imports and re-exports), farthest up each ancestry, where it is defined; the one most of
    them reach (None: none reaches one)."""
    resolver = Resolver(tree, "")
    tops: dict[str, str | None] = {}
    reached: Counter[str] = Counter()
    for dotted in classes:
        top = _farthest(resolver, dotted, name, tops, 0)
        if top is not None:
            reached[top] += 1
    return min(reached, key=lambda top: (-reached[top], top)) if reached else None


def _farthest(
    resolver: Resolver, dotted: str, name: str, tops: dict[str, str | None], depth: int
) -> str | None:
    found = resolver.resolve(dotted)
    if found is None or depth > _MAX_DEPTH:
        return None
    defined, module, info = found
    if defined in tops:
        return tops[defined]
    tops[defined] = None  # a cycle of bases leads nowhere
    top = next(
        (
            above
            for base in resolver.base_paths(module, info)
            if (above := _farthest(resolver, base, name, tops, depth + 1)) is not None
        ),
        defined if info.name == name else None,
    )
    tops[defined] = top
    return top


def including_urls(tree: Tree, urls_module: str, others: Iterable[str]) -> str:
    """The URL module the route walk starts from: `urls_module`, or the module among `others`
    (other packages' API urls.py) whose routes include it, outermost first."""
    current = urls_module
    seen = {urls_module}
    while True:
        package = current.partition(".")[0].encode()
        outer = next(
            (
                other
                for other in sorted(others)
                if other not in seen and _includes(tree, other, current, package)
            ),
            None,
        )
        if outer is None:
            return current
        seen.add(outer)
        current = outer


def _includes(tree: Tree, outer: str, inner: str, package: bytes) -> bool:
    data = tree.data(outer)
    if data is None or package not in data:  # cheap: most other urls.py never name it
        return False
    reader = RoutingReader(tree)
    reader.walk_root(outer)
    return inner in reader.modules
