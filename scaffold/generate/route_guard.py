"""What a urls.py patch does to reachability, judged as `scaffold check` judges it: the routes
walked from the API urls.py, before and after, in memory. A list included from several places
(`GROUP_URLS` under `^(?:issues|groups)/` and `^organizations/{org}/(?:issues|groups)/`) serves a
new entry at every one of its paths, and one of them may already be an entry of its own."""

from __future__ import annotations

from scaffold.check.shadow import hidden_entries
from scaffold.generate.resolve import ResolvedEndpoint
from scaffold.project.catalog import Catalog
from scaffold.project.settings import Settings
from scaffold.pysource.route_entry import RouteEntry
from scaffold.pysource.tree import Tree
from scaffold.pysource.unresolved import Unresolved
from scaffold.pysource.urlconf import RoutingReader
from scaffold.records import record
from scaffold.routes import Param

Pair = tuple[RouteEntry, RouteEntry]  # (the route never reached, the earlier one matching it)


@record
class Patched:
    """What a patch of urls.py does to the routes walked from it."""

    hidden: list[Pair]  # routes left unreachable that were not before (a route of the file
    # as it is now is given as read there, so its line is the file's line now)
    routes: list[RouteEntry]  # every route walked from the patched text


def walk_patch(settings: Settings, before: str, after: str) -> Patched:
    """The routes of `after`, and those it leaves unreachable that `before` did not (matched by
    pattern chain and name, since a patch moves lines)."""
    routes_before, hidden_before = _walk(settings, before)
    seen = {_key(pair) for pair in hidden_before}
    now = {_route_key(route): route for route in routes_before}
    routes, hidden_after = _walk(settings, after)
    hidden = [
        (now.get(_route_key(entry), entry), now.get(_route_key(cover), cover))
        for entry, cover in hidden_after
        if _key((entry, cover)) not in seen
    ]
    return Patched(hidden, routes)


def answers_alike(
    catalog: Catalog, endpoint: ResolvedEndpoint, routes: list[RouteEntry], url_name: str
) -> bool:
    """Whether the new entry named `url_name` works at every path it answers as it does at the
    route asked for: a list included under several prefixes (`issues/` and
    `organizations/{org}/issues/`) hands the endpoint other parameters there. Each path must
    fit the base, inject what it injects on the route asked for, and give every parameter the
    base does not take (the module's lookups, the handlers' own)."""
    asked = endpoint.spec.route.params
    base = endpoint.base
    injected = set(catalog.injected_for(base, asked))
    needed = {p.name for p in asked} - {p.name for p in base.consumed(asked) or ()}
    for route in routes:
        if route.name != url_name or route.regex is None:
            continue
        params = tuple(Param(name) for name in route.groups)
        if base.consumed(params) is None or not needed <= set(route.groups):
            return False
        if not injected <= set(catalog.injected_for(base, params)):
            return False
    return True


def _walk(settings: Settings, text: str) -> tuple[list[RouteEntry], list[Pair]]:
    module = settings.module_for(settings.urls_path)
    tree = Tree(settings.project_root, settings.src_root)
    tree.overlay(module, text.encode())
    reader = RoutingReader(tree)
    reader.walk_root(module)
    unresolved: list[Unresolved] = []  # what the walk cannot read judges nothing here either
    hidden = hidden_entries(reader.routes, unresolved)
    return reader.routes, [(entry.route, cover.route) for entry, cover in hidden]


RouteKey = tuple[tuple[str | None, ...], str | None, str | None]


def _route_key(route: RouteEntry) -> RouteKey:
    return (route.prefixes, route.regex, route.name)


def _key(pair: Pair) -> tuple[RouteKey, RouteKey]:
    return (_route_key(pair[0]), _route_key(pair[1]))
