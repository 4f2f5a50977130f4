"""`scaffold list`'s facts: every concrete endpoint class and the routes serving it, read by the
same reader as `scaffold check` (pysource's endpoint finder and route walk)."""

from __future__ import annotations

from scaffold.check.elsewhere import served_elsewhere
from scaffold.check.rules import maybe_served
from scaffold.project.settings import Settings
from scaffold.pysource.candidates import candidate_modules
from scaffold.pysource.classes import Resolver, concrete_endpoints, find_endpoints
from scaffold.pysource.modules import HTTP_METHODS
from scaffold.pysource.tree import Tree
from scaffold.pysource.unreadable import named_through_unparsed
from scaffold.pysource.unresolved import Unresolved
from scaffold.pysource.urlconf import RouteEntry, RoutingReader
from scaffold.records import field, record
from scaffold.routes import Route, Token, regex_to_tokens


@record
class ListedRoute:
    """A route serving an endpoint: its full path (None when a pattern is not plain), URL
    name, and where the entry stands."""

    path: str | None
    url_name: str | None
    relpath: str
    line: int
    exact: bool = True  # the pattern ends in `$` (a catch-all `^` does not)
    chain: tuple[str | None, ...] = ()  # the include patterns above it, then its own
    methods: tuple[str, ...] | None = None  # the only methods that reach it (method_dispatch)


@record(frozen=False)
class ListedEndpoint:
    """A concrete endpoint class, what it handles and declares, and the routes serving it."""

    name: str
    dotted: str
    relpath: str
    line: int
    base: str | None  # the nearest endpoint ancestor, dotted
    methods: tuple[str, ...]
    owner: str | None  # ApiOwner member, as written
    publish_status: tuple[str, ...] | None  # methods listed; None: not a literal dict
    routes: list[ListedRoute] = field(default_factory=list)
    # no route walked from the API urls.py serves it, but another urlconf routes it (or an
    # entry the walk cannot read names it): what `scaffold check` counts as routed
    elsewhere: bool = False
    unsure: str | None = None  # why code the reader cannot follow may serve it (check: unresolved)


def list_endpoints(
    settings: Settings, root: str | None = None
) -> tuple[list[ListedEndpoint], list[Unresolved]]:
    """Every concrete endpoint (sorted by module path and line) with its routes reached from
    the URL module `root` (default: the one the check walks from), and what the route walk
    could not follow."""
    tree = Tree(settings.project_root, settings.src_root)
    resolver = Resolver(tree, settings.endpoint_root)
    reader = RoutingReader(tree)
    reader.walk_root(root or settings.routing_urls)
    endpoints = find_endpoints(resolver, candidate_modules(tree, tree.files()))
    listed: dict[str, ListedEndpoint] = {}
    for endpoint in concrete_endpoints(endpoints):
        handlers = endpoint.handlers()
        ancestry = endpoint.ancestry[1:]
        base = next((d for d, _ in ancestry if d in endpoint.endpoint_ancestors), None)
        owner = next((i.owner for _, i in endpoint.ancestry if i and i.owner), None)
        status = next((i.publish_status for _, i in endpoint.ancestry if i and i.owns_ps), None)
        listed[endpoint.dotted] = ListedEndpoint(
            name=endpoint.name,
            dotted=endpoint.dotted,
            relpath=endpoint.module.path_relpath,
            line=endpoint.info.line,
            base=base,
            methods=tuple(m for m in HTTP_METHODS if m in handlers),
            owner=owner,
            publish_status=tuple(sorted(status)) if status is not None else None,
        )
    for route in reader.routes:
        if route.view is None or route.view.dotted is None:
            continue
        found = resolver.resolve(route.view.dotted)
        served = listed.get(found[0] if found else route.view.dotted)
        if served is not None:
            exact = route.regex is not None and route.regex.endswith("$")
            served.routes.append(
                ListedRoute(
                    full_path(route),
                    route.name,
                    route.relpath,
                    route.line,
                    exact,
                    (*route.prefixes, route.regex),
                    route.view.methods,
                )
            )
    if any(not e.routes for e in listed.values()):  # read only then, as the check does
        root = root or settings.routing_urls
        elsewhere = served_elsewhere(tree, resolver, reader, root, [])
        views = {r.view.dotted for r in reader.routes if r.view and r.view.dotted}
        unread = named_through_unparsed(tree, elsewhere | views)  # as the check counts them
        for each in listed.values():
            counted = each.dotted in elsewhere or each.name in unread
            each.elsewhere = counted and not each.routes
        left = [e for e in concrete_endpoints(endpoints) if not _served(listed[e.dotted])]
        for dotted, why in maybe_served(resolver, list(reader.unresolved), left).items():
            listed[dotted].unsure = f"{why.relpath}:{why.line}: {why.why}"
    ordered = sorted(listed.values(), key=lambda e: (e.relpath, e.line))
    return ordered, list(reader.unresolved)


def _served(endpoint: ListedEndpoint) -> bool:
    return bool(endpoint.routes) or endpoint.elsewhere


def full_path(route: RouteEntry) -> str | None:
    """`/api/0/organizations/{organization_id_or_slug}/widgets/`: the include prefixes and
    the pattern read back into route syntax; None when one is not a plain pattern."""
    tokens: list[Token] = []
    for pattern in (*route.prefixes, route.regex):
        read = regex_to_tokens(pattern) if pattern is not None else None
        if read is None:
            return None
        tokens.extend(read)
    return "/" + Route(tuple(tokens)).text
