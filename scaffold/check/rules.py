"""The rules: endpoints and routes in, problems out."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from scaffold.check import reverse_names, routed_views
from scaffold.check.as_view_sites import as_view_sites
from scaffold.check.basis import Producers, note_producer
from scaffold.check.feature_urls import routes_file_for, spliced_files
from scaffold.check.params import all_mismatches
from scaffold.check.problems import Problem
from scaffold.check.routing import Routing, routing_of
from scaffold.pysource.classes import EndpointClass, Resolver, concrete_endpoints
from scaffold.pysource.unreadable import ROOT_UNREAD, named_through_unparsed
from scaffold.pysource.unresolved import Unresolved, code_built_imports, code_built_packages
from scaffold.pysource.urlconf import RouteEntry
from scaffold.records import field, record


@record(frozen=False)
class Analysis:
    """What the rules look at: endpoint classes, the walked routes, and where each class is
    served (also from URL modules outside the walked tree)."""

    resolver: Resolver
    endpoints: list[EndpointClass]
    routes: list[RouteEntry]
    served_elsewhere: set[str]
    # what the rules met and could not follow (they make no finding from it): rules append
    unresolved: list[Unresolved] = field(default_factory=list)
    # `remember(key, compute)`: compute(), or its answer kept by an earlier run while every
    # module it asked the tree about is unchanged (run.py passes the reading's memo, if any)
    remember: Callable[[str, Callable[[], Any]], Any] | None = None
    # both routing rules' reading of the routes, once: see `_routing`
    routing: Routing | None = field(default=None, repr=False)
    # that reading as another process made it from these routes, or None (`run.TreeReading`)
    found_routing: Callable[[list[RouteEntry]], Routing | None] | None = None
    # who met each unresolved place the rules met for endpoints (`basis.py`)
    producers: Producers = field(default_factory=dict)
    # the tree's ApiOwner enum (module, name), which missing-owner's advice names; None: none
    owner_enum: tuple[str, str] | None = None


def _routing(analysis: Analysis) -> Routing:
    """Which routes an earlier one hides and which no path reaches. A function of the routes
    alone, so kept (`remember`) under a key made of them, with no module to watch."""
    if analysis.routing is not None:
        return analysis.routing
    routes = analysis.routes

    def compute() -> Routing:
        found = analysis.found_routing(routes) if analysis.found_routing else None
        return routing_of(routes) if found is None else found

    if analysis.remember is None:
        found = compute()
    else:
        key = "routing\n" + "\n".join(repr(route) for route in routes)
        found = analysis.remember(key, compute)  # the codec keeps tuples and lists apart
    analysis.routing = found
    analysis.unresolved.extend(found[2])
    return found


def _route_symbol(route: RouteEntry) -> str:
    return route.name or route.regex or f"line {route.line}"


def unrouted_endpoints(analysis: Analysis) -> list[EndpointClass]:
    """Concrete endpoints no walked route (nor `served_elsewhere`) serves: what
    unregistered-endpoint reports, unless `X.as_view()` is called somewhere else."""
    served = set(analysis.served_elsewhere)
    for route in analysis.routes:
        if route.view and route.view.dotted:
            found = analysis.resolver.resolve(route.view.dotted)
            served.add(found[0] if found else route.view.dotted)
    unread = named_through_unparsed(analysis.resolver.tree, served)  # any class of the name
    endpoints = concrete_endpoints(analysis.endpoints)
    return [e for e in endpoints if e.dotted not in served and e.name not in unread]


def unregistered_endpoint(analysis: Analysis) -> Iterable[Problem]:
    unrouted = unrouted_endpoints(analysis)
    unsure = maybe_served(analysis.resolver, analysis.unresolved, unrouted)
    spliced = spliced_files(analysis.resolver.tree, analysis.routes) if unrouted else set()
    for endpoint in unrouted:
        if endpoint.dotted in unsure:
            _unresolved(analysis, unsure[endpoint.dotted], endpoint)
            continue
        where = routes_file_for(endpoint, spliced)
        where += "" if where == "urls.py" else ", its feature's urls module"
        yield Problem(
            endpoint.module.path_relpath,
            endpoint.info.line,
            "unregistered-endpoint",
            endpoint.name,
            f"{endpoint.name} is an endpoint no route serves; register it in {where} "
            f"(`scaffold new-endpoint {endpoint.name} --route ROUTE --module "
            f"{endpoint.dotted.rpartition('.')[0]} --skip` writes the route and its import) "
            "or remove the class",
            endpoint.info.first_line,
        )


def maybe_served(
    resolver: Resolver, unresolved: list[Unresolved], unrouted: list[EndpointClass]
) -> dict[str, Unresolved]:
    """The unrouted endpoints code the reader cannot follow may serve, each with where and why:
    `X.as_view()` called outside the urlconfs walked, or a package (or a module importing the
    class) whose urlpatterns are built by code."""
    sites = as_view_sites(resolver, unrouted)
    builders = code_built_packages(unresolved, resolver.tree)
    imported = code_built_imports(unresolved, resolver.tree)
    imported |= {
        found[0]: module
        for dotted, module in list(imported.items())
        if (found := resolver.resolve(dotted)) is not None
    }
    blind = next((u for u in unresolved if u.what.startswith(ROOT_UNREAD)), None)
    unsure: dict[str, Unresolved] = {}
    for endpoint in unrouted:
        if blind is not None:  # no route was read at all
            unsure[endpoint.dotted] = blind
        elif endpoint.dotted in sites:
            relpath, line = sites[endpoint.dotted]
            why = "served by code outside the urlconfs the reader walks (a plugin's URL list?)"
            unsure[endpoint.dotted] = Unresolved(relpath, line, f"{endpoint.name}.as_view()", why)
            continue
        builder = next((b for p, b in builders if endpoint.dotted.startswith(f"{p}.")), None)
        if builder is not None or endpoint.dotted in imported:
            why = (
                f"may be served by the urlpatterns {builder} builds by code (its package's)"
                if builder is not None
                else f"may be served by the urlpatterns {imported[endpoint.dotted]} builds by "
                "code, which imports it"
            )
            at = (endpoint.module.path_relpath, endpoint.info.line)
            unsure[endpoint.dotted] = Unresolved(*at, endpoint.name, why)
    return unsure


def _unresolved(analysis: Analysis, found: Unresolved, endpoint: EndpointClass) -> None:
    if found not in analysis.unresolved:  # one place may leave several endpoints unjudged
        analysis.unresolved.append(found)
    note_producer(analysis.producers, found, endpoint.module.module, found)


def unknown_view(analysis: Analysis) -> Iterable[Problem]:
    return routed_views.unknown_views(analysis.resolver, analysis.routes, analysis.unresolved)


def param_mismatch(analysis: Analysis) -> Iterable[Problem]:
    resolver = analysis.resolver
    gaps: dict[tuple[str, str], Unresolved] = {}  # one per class that stops the reader
    pairs = []
    for route in analysis.routes:
        if route.view is None or route.view.dotted is None:
            continue
        endpoint = resolver.endpoint(route.view.dotted)
        if endpoint is not None:
            pairs.append((route, endpoint))
    for (route, endpoint), found in zip(
        pairs, all_mismatches(analysis.resolver.tree, analysis.remember, pairs), strict=True
    ):
        if isinstance(found, Unresolved):
            first = gaps.setdefault((found.relpath, found.what), found)
            if first is found:
                analysis.unresolved.append(found)
            note_producer(analysis.producers, found, endpoint.module.module, first)
            continue
        for text in found:
            yield Problem(
                route.relpath,
                route.line,
                "param-mismatch",
                _route_symbol(route),
                f"{endpoint.name}: {text}",
                route.end_line,
            )


def duplicate_route_name(analysis: Analysis) -> Iterable[Problem]:
    return reverse_names.duplicate_route_name(analysis.routes)


def unreachable_route(analysis: Analysis) -> Iterable[Problem]:
    for index, earlier_index in _routing(analysis)[0]:
        route, earlier = analysis.routes[index], analysis.routes[earlier_index]
        where = f"line {earlier.line}"
        if earlier.relpath != route.relpath:
            where = f"{earlier.relpath}:{earlier.line}"
        fix = route.copy_advice(earlier) or "move this route above it"
        yield Problem(
            route.relpath,
            route.line,
            "unreachable-route",
            _route_symbol(route),
            f"never matches: the earlier pattern {earlier.regex!r} at {where} matches every "
            f"path this one would; {fix}",
            route.end_line,
        )


def dead_pattern(analysis: Analysis) -> Iterable[Problem]:
    for index, own in _routing(analysis)[1]:
        route = analysis.routes[index]
        if own:
            why = (
                "an anchor (`$` or `\\Z`) ends the path before more pattern follows; "
                "remove the anchor or what follows it"
            )
        else:
            why = "the include patterns above end the path first; drop their `$`"
        yield Problem(
            route.relpath,
            route.line,
            "dead-pattern",
            _route_symbol(route),
            f"no path can match {route.regex!r}: {why}",
            route.end_line,
        )


def duplicate_view(analysis: Analysis) -> Iterable[Problem]:
    first: dict[str, RouteEntry] = {}
    for route in analysis.routes:
        if route.view is None or route.view.dotted is None:
            continue
        earlier = first.setdefault(route.view.dotted, route)
        if (earlier.relpath, earlier.line) != (route.relpath, route.line):
            yield Problem(
                route.relpath,
                route.line,
                "duplicate-view",
                route.view.text,
                f"{route.view.text} is also served at {earlier.relpath}:{earlier.line}",
                route.end_line,
            )


def missing_owner(analysis: Analysis) -> Iterable[Problem]:
    root = analysis.resolver.root
    for endpoint in concrete_endpoints(analysis.endpoints):
        owners = [i.owner for d, i in endpoint.ancestry if i is not None and d != root and i.owner]
        if not owners or owners[0].endswith("UNOWNED"):
            yield Problem(
                endpoint.module.path_relpath,
                endpoint.info.line,
                "missing-owner",
                endpoint.name,
                f"{endpoint.name} has no owner; {_owner_advice(analysis.owner_enum)}",
                endpoint.info.first_line,
            )


def _owner_advice(owner_enum: tuple[str, str] | None) -> str:
    """What to set: a member of the tree's ApiOwner, or (a tree without one) any `owner`
    attribute, which is all the rule looks for."""
    if owner_enum is None:
        return (
            "the tree defines no ApiOwner enum: set an `owner` class attribute on it or on a "
            "base, or leave missing-owner off"
        )
    module, name = owner_enum
    return f"set `owner = {name}.<TEAM>` ({module})"


def missing_publish_status(analysis: Analysis) -> Iterable[Problem]:
    root = analysis.resolver.root
    for endpoint in concrete_endpoints(analysis.endpoints):
        declared = next(
            (
                i.publish_status
                for d, i in endpoint.ancestry
                if i is not None and d != root and i.owns_ps
            ),
            set(),
        )
        if declared is None:
            continue  # not a literal dict
        missing = sorted(m.upper() for m in endpoint.handlers() if m.upper() not in declared)
        if missing:
            yield Problem(
                endpoint.module.path_relpath,
                endpoint.info.line,
                "missing-publish-status",
                endpoint.name,
                f"{endpoint.name} handles {', '.join(missing)} without a publish_status entry; "
                "add one per method",
                endpoint.info.first_line,
            )


RULE_FUNCTIONS = {
    "unregistered-endpoint": unregistered_endpoint,
    "unknown-view": unknown_view,
    "duplicate-route-name": duplicate_route_name,
    "unreachable-route": unreachable_route,
    "dead-pattern": dead_pattern,
    "param-mismatch": param_mismatch,
    "missing-publish-status": missing_publish_status,
    "missing-owner": missing_owner,
    "duplicate-view": duplicate_view,
}
