"""What the endpoints beside a new one's route share, when neither the spec nor its lookup
models say: the silo (Sentry's `users/{user_id}/...` endpoints are nearly all control-silo ones,
its `organizations/{org}/...` ones region-silo) and, among bases taking the route's parameters
alike, the base (the SCIM routes' `SCIMEndpoint`): an engineer copies the neighbour's."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from scaffold.project.catalog import BaseClass, Catalog
from scaffold.project.settings import Settings
from scaffold.pysource.class_marks import silo_decorator
from scaffold.pysource.classes import Resolver
from scaffold.pysource.tree import Tree
from scaffold.pysource.urlconf import RoutingReader
from scaffold.route_comparison import segments, shared_segments
from scaffold.routes import Param, Route, Token, regex_to_tokens

_FEWEST = 2  # neighbours needed to say anything
_SILO_WORDS = ("ControlSilo", "RegionSilo", "CellSilo", "Control", "Region", "Cell")
_AGREEING = 0.75  # the share of them one decorator must hold


def neighbours_silo(
    settings: Settings, resolver: Resolver, route: Route, class_name: str
) -> str | None:
    """The silo decorator (`control_silo_endpoint`) of at least three in four of the endpoints
    beside `route` (`_beside`, two segments shared at least: `organizations/{org}/`), else
    None."""
    views = _beside(settings, resolver, route, class_name, 2)
    silos = Counter(_silo_of(resolver, view) for view in views)
    found, count = silos.most_common(1)[0] if silos else (None, 0)
    return found if len(views) >= _FEWEST and count >= _AGREEING * len(views) else None


def neighbours_base(
    settings: Settings, catalog: Catalog, route: Route, class_name: str, chosen: BaseClass
) -> BaseClass:
    """Of the bases taking the route's parameters as `chosen` does and deriving from it, the
    most specific one three in four of the endpoints beside `route` derive from (`_beside`,
    three segments shared at least: past `organizations/{org}/`), else `chosen`: a refinement
    of the choice, never a way back from it. One named for a silo is no candidate: the silo
    chooses among those."""
    resolver = catalog.resolver
    classes = [resolver.endpoint(v) for v in _beside(settings, resolver, route, class_name, 3)]
    lines = [c.endpoint_ancestors | {c.dotted} for c in classes if c is not None]
    if len(lines) < _FEWEST:
        return chosen
    refining = []
    for base in map(catalog.find, catalog.also_fitting(chosen, route.params)):
        dotted = f"{base.module}.{base.name}" if base is not None else ""
        above: set[str] = getattr(resolver.endpoint(dotted), "endpoint_ancestors", set())
        if base is None or f"{chosen.module}.{chosen.name}" not in above or _silo_word(base.name):
            continue
        if sum(dotted in line for line in lines) >= _AGREEING * len(lines):
            refining.append(base)
    return max(refining, key=lambda base: base.depth, default=chosen)


def _silo_word(name: str) -> str:
    """`Region` of `RegionOrganizationIntegrationBaseEndpoint`, `ControlSilo` of ...: a
    variant for one silo, which the silo's choice picks, not the neighbours."""
    return next((w for w in _SILO_WORDS if name.startswith(w) and name != w), "")


def _beside(
    settings: Settings, resolver: Resolver, route: Route, name: str, least: int
) -> set[str]:
    """The views served at the routes sharing the most leading segments with `route` (`least`
    at least), widened a segment at a time while fewer than two (`users/{user_id}/ips/recent/`
    reads every endpoint under `users/{user_id}/` when `ips/` holds one). Class `name`'s own
    routes are not beside it: a second run, the class now routed, answers as the first did."""
    ours = _shape(route.tokens)
    by_shared: dict[int, set[str]] = {}
    for shape, view in _served(resolver.tree, settings.routing_urls):
        shared = shared_segments(ours, shape)
        if shared >= least and view.rpartition(".")[2] != name:
            by_shared.setdefault(shared, set()).add(view)
    views = set[str]()
    for shared in sorted(by_shared, reverse=True):
        views |= by_shared[shared]
        if len(views) >= _FEWEST:
            break
    return views


@lru_cache(maxsize=4)  # a spec's resources ask of one tree
def _served(tree: Tree, urls: str) -> tuple[tuple[tuple[tuple[str, ...], ...], str], ...]:
    """(the shape of its full path, the view's dotted path) of each literal route."""
    reader = RoutingReader(tree)
    reader.walk_root(urls)
    found = []
    for entry in reader.routes:
        if entry.view is None or entry.view.dotted is None or entry.regex is None:
            continue
        pieces = [regex_to_tokens(p) if p else None for p in (*entry.prefixes, entry.regex)]
        if all(piece is not None for piece in pieces):
            found.append((_shape(tuple(t for p in pieces for t in p or ())), entry.view.dotted))
    return tuple(found)


def _shape(tokens: tuple[Token, ...]) -> tuple[tuple[str, ...], ...]:
    """The route's segments, every parameter alike (`{organization_slug}` and `{org}` match)."""
    return segments(tuple(Param("_") if isinstance(t, Param) else t for t in tokens))


def _silo_of(resolver: Resolver, dotted: str) -> str | None:
    found = resolver.resolve(dotted)
    if found is None:
        return None
    _, module, info = found
    data = resolver.tree.data(module.module)
    return silo_decorator(data, info.name) if data is not None else None
