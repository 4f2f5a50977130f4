"""Classes served outside the routes walked from the API urls.py: named by entries the walk could
not follow, or routed by another urlconf (a module defining `urlpatterns`, a test urlconf, any
`*urls.py`), read with the same understanding of route helpers."""

from __future__ import annotations

from collections.abc import Callable, Container
from typing import Any

from scaffold.pysource.classes import Resolver
from scaffold.pysource.tree import SourceFile, Tree
from scaffold.pysource.urlconf import RoutingReader, as_view_references
from scaffold.pysource.urlmodule import as_view_references_in

# (tree, key, compute) -> compute()'s answer, kept by an earlier run or computed (`run.Memo`)
Memo = Callable[[Tree, str, Callable[[], Any]], Any]
# the dotted names some urlconfs route, and every module asked about to find them
Named = tuple[frozenset[str], frozenset[str]]


def served_elsewhere(
    tree: Tree,
    resolver: Resolver,
    reader: RoutingReader,
    root_urls: str,
    files: list[SourceFile],
    memo: Memo | None = None,
    found: Callable[[list[SourceFile]], Named | None] | None = None,
) -> set[str]:
    """Classes served outside the routes walked from the API urls.py: named by entries the walk
    could not follow, or routed by another urlconf (a module defining `urlpatterns`, such as a
    test urlconf, or any `*urls.py`), read with the same understanding of helpers. `found`:
    what another process found for the urlconfs given (`route_walk.RouteWalk.others`), or None."""
    sources = urlconf_files(tree, files or tree.files(), reader.modules)

    def named() -> Named:
        got = found(sources) if found is not None else None
        if got is None:
            return named_in_urlconfs(tree, reader, root_urls, sources)
        for module in sorted(got[1]):  # asked here, as if found here
            tree.file_for(module)
        return got

    if memo is None:
        names, asked = named()
    else:  # the answer depends on which modules are urlconfs, and on what they read
        walked_modules = ",".join(sorted(reader.modules))
        key = f"elsewhere {','.join(s.relpath for s in sources)} {walked_modules}"
        names, asked = memo(tree, key, named)
    reader.asked |= asked
    return resolved(resolver, set(reader.routed) | names)


def urlconf_files(
    tree: Tree, files: list[SourceFile], walked: Container[str] = ()
) -> list[SourceFile]:
    """The files among `files` that may be urlconfs (a module defining `urlpatterns`, any
    `*urls.py` serving a view), but for the modules `walked` already."""
    sources = []
    for source in files:
        is_urls = source.relpath.rpartition("/")[2].removesuffix(".py").endswith("urls")
        if source.module in walked:
            continue
        if tree.mentions(source, b"urlpatterns") or (is_urls and tree.mentions(source, b"as_view")):
            sources.append(source)
    return sources


def named_in_urlconfs(
    tree: Tree, reader: RoutingReader, root_urls: str, sources: list[SourceFile]
) -> Named:
    """The names the urlconfs `sources` route, and every module asked about to find them
    (`basis.py`: no leaf)."""
    found, asked = tree.recorded(lambda: _named_in_urlconfs(tree, reader, root_urls, sources))
    return found, frozenset(asked)


def _named_in_urlconfs(
    tree: Tree, reader: RoutingReader, root_urls: str, sources: list[SourceFile]
) -> frozenset[str]:
    """Dotted names of the classes the urlconf modules `sources` route (an include of the
    API urls.py, walked already, is not walked again: what it serves is served)."""
    others = RoutingReader(tree)
    others.accounted = frozenset({root_urls})
    # what the walk parsed already (a cut module keeps the changed classes), each asked of the
    # tree so that a kept answer depends on it too
    others.modules = {name: m for name, m in reader.modules.items() if m is not None}
    for name in others.modules:
        tree.file_for(name)
    dotted_names: set[str] = set()
    for source in sources:
        data = tree.data(source.module)
        if data is None:
            continue
        others.walk_lists(source.module)
        if b"as_view" in data:
            parsed = others.modules.get(source.module)
            dotted_names.update(
                as_view_references_in(parsed)
                if parsed is not None
                else as_view_references(data, source.module, source.is_package)
            )
    dotted_names |= others.routed
    dotted_names.update(r.view.dotted for r in others.routes if r.view and r.view.dotted)
    return frozenset(dotted_names)


def resolved(resolver: Resolver, dotted_names: set[str]) -> set[str]:
    """Where each class is defined (the name itself when it is not in the tree)."""
    served = set()
    for dotted in dotted_names:
        found = resolver.resolve(dotted)
        served.add(found[0] if found else dotted)
    return served
