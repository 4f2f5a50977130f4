"""The silo a new endpoint shares with the routes beside it, when neither the spec nor its
lookup models say: Sentry's `users/{user_id}/...` endpoints are nearly all control-silo ones,
its `organizations/{org}/...` ones region-silo, and an engineer copies the neighbour's."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from scaffold.project.settings import Settings
from scaffold.pysource.class_marks import silo_decorator
from scaffold.pysource.classes import Resolver
from scaffold.pysource.tree import Tree
from scaffold.pysource.urlconf import RoutingReader
from scaffold.routes import Param, Route, Token, regex_to_tokens, segments, shared_segments

_FEWEST = 2  # neighbours needed to say anything
_AGREEING = 0.75  # the share of them one decorator must hold


def neighbours_silo(
    settings: Settings, resolver: Resolver, route: Route, class_name: str
) -> str | None:
    """The silo decorator (`control_silo_endpoint`) of at least three in four of the endpoints
    served at the routes sharing the most leading segments with `route` (two at least, and one
    segment past the first: `organizations/{org}/`), else None. Fewer than two such endpoints
    widen the group a segment at a time (`users/{user_id}/ips/recent/` reads every endpoint under
    `users/{user_id}/` when `ips/` holds one). `class_name`'s own routes are not its neighbours:
    a second run, the class now routed, answers as the first did."""
    ours = _shape(route.tokens)
    by_shared: dict[int, set[str]] = {}
    for shape, view in _served(resolver.tree, settings.routing_urls):
        shared = shared_segments(ours, shape)
        if shared >= 2 and view.rpartition(".")[2] != class_name:
            by_shared.setdefault(shared, set()).add(view)
    views = set[str]()
    for shared in sorted(by_shared, reverse=True):
        views |= by_shared[shared]
        if len(views) >= _FEWEST:
            break
    silos = Counter(_silo_of(resolver, view) for view in views)
    found, count = silos.most_common(1)[0] if silos else (None, 0)
    return found if len(views) >= _FEWEST and count >= _AGREEING * len(views) else None


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
