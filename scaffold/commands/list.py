"""`scaffold list`: every endpoint class, where it is, what it handles, and the routes serving it."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from scaffold.commands._writing import PackageOption, ProjectOption

if TYPE_CHECKING:
    from scaffold.check.inventory import ListedEndpoint, ListedRoute
    from scaffold.project.catalog import BaseClass
    from scaffold.project.settings import Settings
    from scaffold.routes import Param
    from scaffold.urls.index import UrlsIndex

HELP = (
    "List every endpoint class: module, base, methods, owner, publish status and every route "
    "serving it (full path, URL name, urls.py:line), 'elsewhere' (another urlconf routes it), "
    "'unresolved' (code scaffold cannot follow may) or 'unrouted'. --format spec writes a "
    "spec that `generate --skip` registers the same routes from."
)


class ListFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    SPEC = "spec"


def list_endpoints(
    format: Annotated[
        ListFormat | None,
        typer.Option(
            "--format",
            help="table (rich), json, or spec (YAML); by default a table on a terminal and "
            "tab-separated lines when piped.",
        ),
    ] = None,
    project: ProjectOption = None,
    package: PackageOption = None,
) -> None:
    from scaffold.check.inventory import list_endpoints as read_endpoints
    from scaffold.errors import reader_may_leave
    from scaffold.project.settings import load_settings

    settings = load_settings(project, package)
    urls_module = settings.module_for(settings.urls_path)
    if format is ListFormat.SPEC:  # routes as `generate` reads them: from the urls.py it patches
        text = _as_spec(read_endpoints(settings, urls_module)[0], settings)
        with reader_may_leave():
            print(text, end="")
        return
    endpoints, _ = read_endpoints(settings)
    with reader_may_leave():
        if format is ListFormat.JSON:
            print(json.dumps([_as_json(e) for e in endpoints], indent=2))
        else:
            _print_table(endpoints, asked=format is ListFormat.TABLE)


def _as_json(endpoint: ListedEndpoint) -> dict[str, Any]:
    return {
        "class": endpoint.name,
        "module": endpoint.dotted.rpartition(".")[0],
        "path": f"{endpoint.relpath}:{endpoint.line}",
        "base": endpoint.base,
        "methods": list(endpoint.methods),
        "owner": endpoint.owner,
        "publish_status": (
            None if endpoint.publish_status is None else list(endpoint.publish_status)
        ),
        "routes": [
            {"path": r.path, "name": r.url_name, "at": f"{r.relpath}:{r.line}"}
            for r in endpoint.routes
        ],
        "elsewhere": endpoint.elsewhere,
        "unresolved": endpoint.unsure,
    }


def _print_table(endpoints: list[ListedEndpoint], asked: bool = False) -> None:
    """A rich table on a terminal or when `asked` (`--format table`); else, piped, one
    tab-separated line per route (a table cut to 80 columns would hide the names `grep` looks
    for)."""
    import sys

    if not sys.stdout.isatty() and not asked:
        print("\n".join(_lines(endpoints)))
        return
    from rich.table import Table

    from scaffold.commands.console import CommandConsole

    table = Table()  # wrapped at the terminal's width, never cut: names are what one looks for
    for column in ("endpoint", "base", "methods", "owner", "publish", "routes"):
        table.add_column(column, overflow="fold")
    for e in endpoints:
        routes = "\n".join(
            f"{r.path or '(pattern not plain)'}  {r.url_name or '-'}  {r.relpath}:{r.line}"
            for r in e.routes
        )
        status = "-" if e.publish_status is None else ",".join(e.publish_status) or "-"
        table.add_row(
            f"{e.name}\n{e.relpath}:{e.line}",
            (e.base or "-").rpartition(".")[2],
            ", ".join(e.methods),
            e.owner or "-",
            status.replace(",", ", "),
            routes or _unrouted(e),
        )
    CommandConsole(highlight=False).print(table)


def _lines(endpoints: list[ListedEndpoint]) -> list[str]:
    """class, base, methods, owner, publish status, path, URL name, urls.py:line, module:line."""
    lines = []
    for e in endpoints:
        status = "-" if e.publish_status is None else ",".join(e.publish_status) or "-"
        head = [e.name, (e.base or "-").rpartition(".")[2], ",".join(e.methods), e.owner or "-"]
        routes: list[ListedRoute | None] = [*e.routes] or [None]
        for r in routes:
            route = (
                [r.path or "(pattern not plain)", r.url_name or "-", f"{r.relpath}:{r.line}"]
                if r is not None
                else [_unrouted(e), "-", "-"]
            )
            lines.append("\t".join([*head, status, *route, f"{e.relpath}:{e.line}"]))
    return lines


def _unrouted(endpoint: ListedEndpoint) -> str:
    """What the route column says of an endpoint no route of the API urls.py serves."""
    return "elsewhere" if endpoint.elsewhere else "unresolved" if endpoint.unsure else "unrouted"


def _as_spec(endpoints: list[ListedEndpoint], settings: Settings) -> str:
    """A spec of every routed endpoint; what a spec cannot say is written as a comment."""
    from scaffold.check.unservable import unservable_routes
    from scaffold.commands.spec_lines import resource_lines
    from scaffold.generate.splices import splice_label
    from scaffold.project.catalog import Catalog
    from scaffold.project.files import read_source
    from scaffold.urls.index import UrlsIndex

    catalog = Catalog(settings)
    urls = settings.relpath(settings.urls_path)
    urls_module = settings.module_for(settings.urls_path)
    index = UrlsIndex(read_source(settings.urls_path, urls), urls, settings.package, urls_module)
    lines = [
        "# Written by `scaffold list --format spec`: one resource per endpoint routed in",
        f"# {urls} (or a feature's urls module it splices in, where generate registers the",
        "# feature's routes). Its modules exist, so `scaffold generate SPEC --skip` keeps them",
        "# and only registers the routes missing; lookups are written as passthrough.",
        "resources:",
    ]
    by_module: dict[str, str] = {}  # module -> the class written for it
    serving: dict[str, list[str]] = {}  # route text -> the classes whose route it is
    named: dict[str, int] = {}  # URL name -> how many routes of urls.py have it

    def here_of(e: ListedEndpoint) -> list[ListedRoute]:  # in urls.py, or spliced in for it
        module = e.dotted.rpartition(".")[0]
        return [
            r
            for r in e.routes
            if r.relpath in (urls, splice_label(settings, index, r.path, module))
        ]

    for e in endpoints:
        for r in here_of(e):
            if r.path and r.exact:
                serving.setdefault(r.path.strip("/"), []).append(e.name)
            if r.url_name:
                named[r.url_name] = named.get(r.url_name, 0) + 1
    refused = unservable_routes(settings)  # what generate --skip would refuse to register
    for e in endpoints:
        module = e.dotted.rpartition(".")[0]
        here = here_of(e)
        usable = [r for r in here if r.path and r.exact and r.path.strip("/")]
        unwritten = {r: _why_not_plain(r) for r in here}
        lossy = {r: why for r in usable if (why := _lossy(r, e.name, index))}
        unwritten |= lossy
        usable = [r for r in usable if r not in lossy]
        unwritten |= {r: f"generate patches {urls} only" for r in e.routes if r not in here}
        if usable:
            base = catalog.find(e.base) if e.base else None
            fitting = [f for r in usable if (f := _fitting(r, base)) is not None]
            fits = {f[0] for f in fitting}
            unwritten |= {
                r: "its base does not take its parameters" for r in usable if r not in fits
            }
            # generate --skip refuses a route `scaffold check` finds a param-mismatch at
            cannot = {f[0]: refused.get((f[0].relpath, f[0].line)) for f in fitting}
            unwritten |= {
                r: f"its class as written cannot take it ({w})" for r, w in cannot.items() if w
            }
            fitting = [f for f in fitting if not cannot[f[0]]] or fitting
            route, text, params, taken = fitting[0] if fitting else (usable[0], "", (), ())
            if cannot.get(route):  # every route that fits its base: said above
                pass
            elif not fitting:
                unwritten[route] = "no route of it is route syntax its base takes"
            elif module in by_module:
                unwritten[route] = f"its module holds {by_module[module]} too (one class a module)"
            elif others := [c for c in serving[text.strip("/")] if c != e.name]:
                names = ", ".join(others)
                unwritten[route] = f"{names} serves that route too (one class a route)"
            elif not route.url_name and not _goes_unnamed(text, index):
                unwritten[route] = "it has no URL name; generate would give it one"
            elif (count := named.get(route.url_name or "", 0)) > 1:  # generate names each
                unwritten[route] = f"its URL name is the name of {count} routes"
            elif not e.methods:
                unwritten[route] = "the class handles no method itself"
            else:
                del unwritten[route]
                by_module[module] = e.name
                injected = base.injects if base is not None else ()
                lookups = tuple(p for p in params if p not in taken and p.name not in injected)
                lines += resource_lines(e, route, text, lookups, settings)
        lines += [
            f"  # {e.name}: {r.path or 'a pattern'} ({r.relpath}:{r.line}) is not written: {why}"
            for r, why in unwritten.items()
        ]
    return "\n".join(lines) + "\n"


def _why_not_plain(route: ListedRoute) -> str:
    """Why a route of urls.py is not written (until it is found to be the one that is)."""
    if not route.path:
        return "its pattern is not route syntax"
    if not route.exact:
        return "it does not end in $ (it answers longer paths too)"
    if not route.path.strip("/"):
        return "it is the empty route"
    return "a resource takes one route: the class's first that fits"


def _alternatives(pattern: str | None) -> bool:
    """A group `(?:...)` outside the named groups (`^(?:issues|groups)/`), which route syntax
    reads as its first alternative; alternatives inside a parameter's regex are its own."""
    from scaffold.routes import Param, regex_to_tokens

    tokens = regex_to_tokens(pattern) if pattern is not None else None
    inside = sum((t.regex or "").count("(?:") for t in tokens or () if isinstance(t, Param))
    return pattern is not None and pattern.count("(?:") > inside


def _goes_unnamed(text: str, index: UrlsIndex) -> bool:
    """Whether `generate` would register the route `text` without a name, as its list's."""
    from scaffold.errors import ScaffoldError
    from scaffold.routes import parse_route
    from scaffold.urls.entry_name import unnamed_list

    try:
        name, _ = index.target(parse_route(text.lstrip("/")).tokens)
    except (ScaffoldError, ValueError):
        return False
    return unnamed_list(index.lists[name].items)


def _lossy(route: ListedRoute, class_name: str, index: UrlsIndex) -> str | None:
    """Why `generate` would not serve the same paths again from the route's text, or None: it
    serves every method where `method_dispatch(PUT=X.as_view())` lets one through, a route
    names one path where the pattern has alternatives (`^(?:issues|groups)/...`), and
    routes under an include with alternatives go back only into a list scaffold can patch
    (not one that code builds, like `create_group_urls(...)`)."""
    from scaffold.routes import RouteSyntaxError, parse_route

    *prefixes, own = route.chain
    if route.methods is not None:
        return "only some methods reach it there (method_dispatch), and a route serves them all"
    if _alternatives(own):
        return "its pattern has alternatives, and a route is one path"
    if not any(_alternatives(p) for p in prefixes):
        return None
    try:
        tokens = parse_route((route.path or "").lstrip("/")).tokens
    except RouteSyntaxError:
        return None  # not route syntax: `_fitting` says so
    if index.serves(class_name, tokens):
        return None
    return "an include above it has alternatives, and its list is not one scaffold patches"


def _fitting(
    route: ListedRoute, base: BaseClass | None
) -> tuple[ListedRoute, str, tuple[Param, ...], tuple[Param, ...]] | None:
    """The route as spec text, its parameters and the ones its base takes; None when it is
    not route syntax or the route lacks a parameter the base needs."""
    from scaffold.routes import RouteSyntaxError, parse_route

    text = (route.path or "").lstrip("/")  # a route without a final slash keeps it so
    try:
        params = parse_route(text).params
    except RouteSyntaxError:
        return None
    taken = base.consumed(params) if base is not None else ()
    return None if taken is None else (route, text, params, taken)
